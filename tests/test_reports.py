"""What leaves the room, as a reader of each format gets it: "nee" told from no answer, the kit's intro and
the letter signed, the summary page, unanswered items summed up."""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterator
from itertools import islice

import msgspec
import pytest
from pypdf import PdfReader

from tests.helpers.files import KIT_DIR, ROOT, answers_file
from tests.helpers.room import room_of_two_tables
from tocht_cli.kinds.registry import installed
from tocht_cli.kinds.values import Flag
from tocht_cli.kit import loader
from tocht_cli.reports.summary import framing


def test_a_flag_that_may_be_unanswered_keeps_no_answer_apart_from_no():
    flag = Flag(default=None)
    assert flag.check(None) is None and flag.check(False) is False
    with pytest.raises(ValueError):
        Flag().check(None)  # bingo's cross: a yes or a no, nothing else


def test_reports_tell_no_from_not_answered(cli, session):
    cli("roles", "set", "1", "--now", "programmator", "--future", "samen", "--no-double")
    cli("roles", "set", "2", "--now", "kunstenaar", "--future", "samen")  # double not asked
    roles = next(iter(json.loads(cli("roles", "--json").stdout).values()))
    assert roles["rol-1"]["double"] is False and roles["rol-2"]["double"] is None
    md = cli("export").stdout
    assert "| 1 | buitenkomen, contact met publiek opzoeken | programmator | **→ samen** | nee |" in md
    assert "| 2 | interesse in publiek vertonen | kunstenaar | **→ samen** |  |" in md
    shown = cli("roles").stdout
    assert "nee" in shown.split("interesse")[0] and "nee" not in shown.split("interesse")[1].split("\n")[0]


def test_the_kit_intro_frames_the_letter_in_every_summary(cli, session, tmp_path):
    """The intro's opening words, TOCHT's letter signed as the report signs it, then the workbook's invitation."""
    signature, invitation = "— TOCHT - 7 september 2017, CC Strombeek", "In een poging deze uitdaging met volle moed"
    md = cli("export").stdout
    assert md.index("*Reflecteren is... verandering") < md.index("> Beste sector") < md.index(f"> {signature}") < md.index(invitation)
    page = cli("export", "--format", "html").stdout
    assert page.index('class="epigraph"') < page.index("Beste sector") < page.index(signature) < page.index(invitation)
    for command in (["export", "--format", "pdf"], ["kit", "sheets"]):
        target = tmp_path / "out.pdf"
        cli(*command, "-o", str(target))
        opening = next(page for page in pages_of(target) if "Beste sector" in page)  # after what came out, in a handout
        assert signature in opening and invitation in opening, command


def test_an_intro_without_a_signed_opening_is_all_invitation():
    kit = loader.load_path(KIT_DIR, installed())
    assert framing(kit).signature == "TOCHT - 7 september 2017, CC Strombeek"
    plain = msgspec.structs.replace(kit, intro="Een inleiding.\n\nNog een alinea.")
    assert framing(plain) == ((), "", ("Een inleiding.", "Nog een alinea."))


def test_worksheets_explain_the_steps_ask_the_roles_questions_and_print_the_bingo_rule(cli):
    page = cli("kit", "sheets", "-n", "4", "--format", "html").stdout
    kit = loader.load_path(KIT_DIR, installed())
    for step in kit.exercise("stappenplan").spec.steps:
        assert html.escape(step.text, quote=False) in page, step.id
    assert page.count(html.escape(kit.exercise("rollen").spec.questions, quote=False)) == 1
    assert page.count("Schrap 10 uitspraken die je vandaag hoort en roep dan “BINGO!”.") == 4  # on every card


def test_a_worksheets_step_is_its_title_in_bold_over_its_explanation(cli, tmp_path):
    page = cli("kit", "sheets", "stappenplan", "--format", "html").stdout
    assert '<strong class="title">leer elkaar kennen</strong><span class="explanation">We moeten de lokale' in page
    assert '<span class="keep"><span class="box" aria-hidden="true"></span> gepland</span>' in page  # a box keeps its word
    cli("kit", "sheets", "stappenplan", "-o", str(tmp_path / "sheet.pdf"))
    fonts: dict[str, set[str]] = {}

    def seen(text, _cm, _tm, font, _size):
        if text.strip() and font:
            fonts.setdefault(text.strip(), set()).add(font["/BaseFont"])

    for pdf_page in PdfReader(tmp_path / "sheet.pdf").pages:
        pdf_page.extract_text(visitor_text=seen)
    assert any(font.endswith("Bold-Identity-H") for font in fonts["leer elkaar kennen"])  # (the room's dots page has it plain)
    assert all(
        font.endswith("Regular-Identity-H") for text, used in fonts.items() if text.startswith("We moeten de lokale") for font in used
    )


FULL = ROOT / "tests" / "data" / "full-session.json"


def pages_of(path) -> Iterator[str]:
    """The text of each page of the PDF, read as it is asked for: pypdf takes a while over a page's text."""
    return (" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_the_pdf_opens_with_what_came_out(cli, tmp_path):
    """Page one: where the tables differed and agreed, the step plan with owners and dates, what is still open;
    the letter and the detail follow."""
    session = cli("import", str(FULL)).stdout.strip()
    target = tmp_path / "verslag.pdf"
    cli("export", session, "--format", "pdf", "-o", str(target))
    first, second = islice(pages_of(target), 2)
    for said in ("Wat er uit de bus kwam", "Waar de tafels het meest verschilden", "Waar de tafels het eens waren"):
        assert said in first, said
    assert "Nog open" not in first  # every exercise answered; the bingo card is no work left for later
    assert "1. leer elkaar kennen" in first and "Els & Jan 15 januari 2018 gedaan" in first  # the plan: who, by when, status
    assert "zorgvuldig omgaan met de plek waar je het zet niemand → niemand niemand → samen" in first  # where they differed
    assert "Beste sector" not in first and "Beste sector" in second


def four_tables_answers(table: int) -> list[tuple[str, str, dict[str, str]]]:
    """What table `table` (0..3) of the four-tables meeting answered, as (exercise, item, fields): nearly
    everything, some alike across tables."""
    positions, holders, statuses = ["eens", "oneens", "twijfel"], ["programmator", "kunstenaar", "samen", "niemand"], ["gepland", "bezig"]
    name, g = f"tafel {table + 1}", table
    statements = ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "B1", "B2", "B3", "B4", "B5", "B6", "B7"]
    return [
        *(("stellingen", item, {"position": positions[0 if n < 2 else (n + g) % 3]}) for n, item in enumerate(statements)),
        *(("rollen", f"rol-{task}", {"now": holders[(task + g) % 4], "future": holders[(task * g) % 4]}) for task in range(1, 10)),
        *(
            (
                "stappenplan",
                f"stap-{step}",
                {
                    "action": f"actie {step} van {name} met een wat langere uitleg",
                    "who": "Els & Jan",
                    "by": f"2027-0{step}-{10 + g}",
                    "status": statuses[step % 2],
                },
            )
            for step in range(1, 7)
        ),
        *(("allianties", f"crit-{c}", {"status": ["aanwezig", "deels", "nog niet"][(c + g) % 3]}) for c in range(1, 13)),
    ]


def test_four_tables_fit_what_came_out_on_one_page(run, cli, tmp_path):
    """A meeting of four tables that answered nearly everything, some alike: page one sums up (the agreed
    choice once, a statement by its first sentence, the plan's first steps by date) and the letter opens page two.
    Tafel 1 answers through the commands; the other three through the workspace, as the commands save (the
    test is about the page, and 126 more commands would only repeat tafel 1's)."""
    tables = [f"tafel {n}" for n in range(1, 5)]
    sid = cli("new", "Vier tafels", *(arg for t in tables for arg in ("-g", t))).stdout.strip()
    commands = {
        "stellingen": ("statements", "vote"),
        "rollen": ("roles", "set"),
        "stappenplan": ("steps", "set"),
        "allianties": ("checklist", "set"),
    }
    short = {"position": "-p"}
    for exercise, item, fields in four_tables_answers(0):
        number = item.rsplit("-", 1)[-1]  # `roles set 1`, `statements vote A1`
        options = [arg for field, value in fields.items() for arg in (short.get(field, f"--{field}"), value)]
        cli(*commands[exercise], number, *options, "-g", "tafel 1")
    ws = run.workspace(sid)
    for table in range(1, 4):
        for exercise, item, fields in four_tables_answers(table):
            ws.save(ws.kit.exercise(exercise), item, tables[table], fields)
    cli("export", "--format", "pdf", "-o", str(tmp_path / "vier.pdf"))
    first, second = islice(pages_of(tmp_path / "vier.pdf"), 2)
    for said in ("Waar de tafels het eens waren", "Waar de tafels het meest verschilden", "De volgende stappen (en nog 18)", "Nog open"):
        assert said in first, said
    assert "T5 · Nieuwe allianties opbouwen" in first and "Beste sector" in second
    assert "actie 1 van tafel 4" in first and "actie 2 van tafel 1" in first and "actie 2 van tafel 3" not in first  # by date
    assert "Je gaat gewoon in op wat er leeft bij mensen, we gaan niet op zoek naar wat het publiek zou willen. …" in first


def test_the_summary_page_is_the_kinds_own(cli, session):
    """One table: no agreement to show; what it has not answered is still open."""
    cli("steps", "set", "1", "--action", "koffie met de schepen", "--who", "Els", "--by", "2027-01-15", "--status", "gepland")
    page = cli("export", "--format", "html").stdout
    summary = page[page.index('<section class="summary"') : page.index("</section>\n</section>", page.index('class="summary"'))]
    assert "koffie met de schepen" in summary and "15 januari 2027" in summary
    assert "Waar de tafels" not in summary and "T0 · Bingo" not in summary
    assert "Nog open" in summary and ">5 van 6</td>" in summary  # the plan's other steps


def test_a_follow_ups_summary_page_says_what_this_meeting_changed_first(cli, session):
    """The trial's follow-up page headlined a plan nobody discussed (every cell "(vorige keer)") and left out
    the statement that flipped: now what changed comes first, the carried plan is one line, and "Nog open" agrees."""
    cli("statements", "vote", "A3", "-p", "oneens", "--agree", "1", "--disagree", "5", "--unsure", "2")
    cli("steps", "set", "1", "--action", "koffie drinken", "--who", "An", "--status", "gepland")
    cli("new", "Vervolg", "--from", session)
    cli("statements", "vote", "A3", "-p", "eens", "--agree", "6", "--disagree", "1", "--unsure", "0")
    page = cli("export", "--format", "html").stdout
    summary = page[page.index('<section class="summary"') : page.index("</section>\n</section>", page.index('class="summary"'))]
    assert "Wat is er veranderd?" in summary and ">oneens</td>" in summary and ">eens</td>" in summary
    assert "koffie drinken" not in summary and "vorige keer)" not in summary  # the plan not discussed: no headline
    assert "overgenomen van vorige keer, nog niet besproken: T4 · Stappenplan" in summary
    assert summary.index("Wat is er veranderd?") < summary.index("overgenomen van vorige keer") < summary.index("Nog open")
    assert ">6 van 6</td>" in summary  # the plan still open, as the line says


def test_what_changed_gives_each_statement_whole_in_the_html_and_the_pdf(cli, session, tmp_path):
    """The HTML and PDF "Wat is er veranderd?" cut a statement to its first 48 characters (room trial, issue 18)."""
    cli("statements", "vote", "A3", "-p", "oneens")
    cli("new", "Vervolg", "--from", session)
    cli("statements", "vote", "A3", "-p", "eens")
    whole = "De lokale politiek zet anderzijds druk op de zaalbezetting - als dat te laag is kun je daar sterk op afgerekend worden."
    page = cli("export", "--format", "html").stdout
    changes = page[page.index("Wat is er veranderd?") : page.index("</table>", page.index("Wat is er veranderd?"))]
    assert f"{whole}</td>" in changes and " title=" not in changes, changes
    cli("export", "--format", "pdf", "-o", str(tmp_path / "vervolg.pdf"))
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(tmp_path / "vervolg.pdf").pages[:3]).split())
    assert "sterk op afgerekend worden." in text.replace("- ", "-").replace("\u00ad", "")


def test_unanswered_items_are_one_line_per_exercise_and_table(cli, two_groups):
    cli("statements", "vote", "A1", "-p", "eens", "-g", "tafel 1")
    cli("statements", "vote", "B2", "-p", "oneens", "-g", "tafel 2")
    page = cli("export", "--format", "html").stdout
    statements = page[page.index('id="exercise-2"') : page.index('id="exercise-3"')]
    assert "nog niet beantwoord</em>" not in statements  # no cell each
    assert statements.count("Nog niet beantwoord (14): A2, A3, A4, A5, A6, A7, A8, B1, B2, B3, B4, B5, B6, B7") == 1  # tafel 1
    assert statements.count("Nog niet beantwoord (14): A1, A2") == 1  # tafel 2
    assert statements.count("Nog niet beantwoord (13): A2") == 1  # the totals: what no table answered
    printed = re.sub(r' title="[^"]*"', "", statements)  # the totals' first sentence keeps the whole on hover only
    assert printed.count("Je gaat gewoon in op wat er leeft bij mensen") == 1  # each statement once per exercise


def rows_document(filler: int, rows: int):
    from tocht_cli.render.blocks import Paragraph, Table
    from tocht_cli.reports.handout import Chapter, Document, Part

    table = Table(("#", "", "Verantwoordelijkheidsverdeling"), tuple((str(n), f"Rij{n} van de tabel", "ja") for n in range(1, rows + 1)))
    chapter = Chapter("Kop", (), (Part("", (Paragraph("\n".join(["regel"] * filler)), table)),))
    return Document(
        language="nl", title="T", subtitle="S", facts=(), letter=(), progress=None, progress_title="", chapters=(chapter,), closing=()
    )


def test_no_table_row_stands_alone_on_a_pdf_page_and_headers_are_whole():
    """Wherever the page break falls in a table, each page holds two of its rows or none, and a heading is not hyphenated."""
    from tocht_cli.reports import pdf

    breaks = set()
    for filler in range(0, 64, 3):
        reader = PdfReader(io.BytesIO(pdf.render(rows_document(filler, 30))))
        per_page = [re.findall(r"Rij(\d+) ", page.extract_text()) for page in reader.pages]
        assert all(len(rows) != 1 for rows in per_page), (filler, per_page)
        assert all(
            "Verantwoordelijkheidsverdeling" in page.extract_text() for page, rows in zip(reader.pages, per_page, strict=True) if rows
        )
        breaks.add(tuple(len(rows) for rows in per_page if rows))
    assert len(breaks) > 10  # the break fell at many places, the first and the last rows among them


def test_a_half_filled_item_counts_as_answered_everywhere_and_the_walk_still_resumes_there(cli, two_groups):
    cli("steps", "set", "1", "-g", "tafel 1", "--status", "gedaan")
    cli("roles", "set", "1", "-g", "tafel 1", "--now", "programmator", "--note", "Wij doen het")
    md = cli("export").stdout
    step_row = next(line for line in md.splitlines() if line.startswith("| 1 | leer elkaar kennen |") and "gedaan |" in line)
    assert "nog niet beantwoord" not in step_row
    assert "| T3 · Nieuwe rolverdeling voor publieksbemiddelende allianties | 1/9 | 0/9 |" in md
    assert "| T4 · Stappenplan om cultuur op de politieke agenda te zetten | 1/6 | 0/6 |" in md
    roles = next(e for e in loader.load("tocht-2017", installed()).exercises if e.kind.name == "roles")
    value = roles.kind.validate(roles, "rol-1", {"now": "programmator", "note": "Wij doen het"})
    assert roles.kind.is_answered(roles, "rol-1", value) and not roles.kind.is_complete(roles, "rol-1", value)


def test_each_tables_roles_rows_say_which_role_while_statements_are_printed_once(cli, two_groups):
    cli("roles", "set", "1", "-g", "tafel 1", "--now", "programmator", "--future", "samen")
    cli("roles", "set", "1", "-g", "tafel 2", "--now", "kunstenaar", "--future", "samen")
    cli("statements", "vote", "A1", "-p", "eens", "-g", "tafel 1")
    page = cli("export", "--format", "html").stdout
    roles = page[page.index('id="exercise-4"') : page.index('id="exercise-5"')]
    assert roles.count("<td>buitenkomen, contact met publiek opzoeken</td>") == 3  # the totals, tafel 1, tafel 2
    statements = page[page.index('id="exercise-2"') : page.index('id="exercise-3"')]
    assert re.sub(r' title="[^"]*"', "", statements).count("Je gaat gewoon in op wat er leeft bij mensen") == 1  # printed once


def test_show_says_in_one_line_that_a_table_answered_nothing_yet(cli, two_groups, monkeypatch):
    """A table that recorded nothing in an exercise gets one line, not a table of headers over empty rows."""
    cli("steps", "set", "2", "--action", "koffie met de schepen", "--who", "Els", "-g", "tafel 1")
    monkeypatch.setenv("COLUMNS", "120")
    shown = cli("show", "--exercise", "stappenplan", "--no-pager").stdout
    first, second = shown.split("Groep: tafel 2\n")
    assert "koffie" in first and "│ Els " in first
    assert second.strip() == "Nog niet beantwoord"


@pytest.mark.parametrize("columns", ["80", "120"])
def test_show_says_in_one_line_that_a_table_of_rows_has_none(cli, two_groups, monkeypatch, columns):
    """Tafel 2 filled the checklist but named no alliance, and removed its one regional row: no header over
    an empty table, but the table's question and "nog niet beantwoord" under it."""
    cli("checklist", "set", "3", "--status", "nog niet", "-g", "tafel 2")
    cli("challenges", "add", "geen bus", "--regional", "samen", "-g", "tafel 2")
    cli("challenges", "remove", "1", "-g", "tafel 2")
    cli("challenges", "add", "geen zaal", "--regional", "delen", "-g", "tafel 1")
    cli("alliances", "add", "muziekacademie", "--purpose", "kinderopera", "-g", "tafel 1")
    monkeypatch.setenv("COLUMNS", columns)
    for exercise, header in (("allianties", "Welke alliantie?"), ("regio", "Welke kansen")):
        first, second = cli("show", "--exercise", exercise, "--no-pager").stdout.split("Groep: tafel 2\n")
        lines = second.splitlines()
        assert header in first and header not in second and not any(line.startswith("└") for line in lines[:4])
        assert "nog niet beantwoord" in lines[:4] or lines[0] == "Nog niet beantwoord"  # regio: nothing at all
    shown = cli("show", "--exercise", "allianties", "--no-pager").stdout.split("Groep: tafel 2\n")[1].splitlines()
    assert shown[:2] == ["Aan welke allianties wordt vandaag al gebouwd, ook breder dan de kunsten?", "nog niet beantwoord"]


def test_the_walks_regional_table_at_no_rows_is_its_question_and_one_line():
    """What the walk shows of T6 before its first row (0 / 10): no header over a bottom border."""
    from tocht_cli.kinds.contract import Sheet
    from tocht_cli.render.styled import lines_of
    from tocht_cli.render.terminal import shown as drawn

    kit = loader.load_path(KIT_DIR, installed())
    regio = kit.exercise("regio")
    shown = [line.plain.rstrip() for line in lines_of(drawn(regio.kind.handout_group(regio, Sheet(), kit)), 80)]
    assert shown[-1] == "nog niet beantwoord"  # the question itself is in the exercise's opening, above
    assert not any(mark in "".join(shown) for mark in "┃└┏")


def test_show_says_what_the_room_recorded_as_the_summary_does(arena, cli, monkeypatch):
    sid = room_of_two_tables(arena)
    arena.room.ws.keep_min_votes(1)  # tables of one and two phones show their votes (k: test_disclosure.py)
    monkeypatch.setenv("COLUMNS", "120")
    shown = cli("show", sid, "--no-pager").stdout
    room = shown.split("De zaal ─", 1)[1]
    assert (
        "stemmen van de deelnemers op hun eigen telefoon" in room and "bewaard bij de tafels" in room and "bewaard als handen" not in room
    )
    assert re.search(r"│ A2 +│ Mensen moeten toch ook +│ eens 1 +│ eens 1 · twijfel 1 +│ eens 2 · twijfel 1 +│ nee +│", room)
    assert "BINGO!" in room and "(tafel 2)" in room
    assert "De zaal" not in cli("show", cli("new", "Zonder zaal").stdout.strip(), "--no-pager").stdout


def test_an_argument_kept_off_the_screen_stays_hidden_through_export_import_and_merge(arena, cli, tmp_path):
    from tests.helpers.room import to_statement

    to_statement(arena, "A2")
    arena.vote(arena.phone("tafel 1"), "oneens", "Geen zaal vrij")
    arena.vote(arena.phone("tafel 2"), "eens", "Scheldwoord hier")
    sid = arena.room.ws.id
    (hidden,) = [b["device"] for b in arena.room.ws.store.ballots(sid) if b["value"].get("argument") == "Scheldwoord hier"]
    arena.room.hide_argument(hidden, True)
    arena.close()
    exported = tmp_path / "zaal.json"
    exported.write_text(cli("export", sid, "-f", "json").stdout, encoding="utf-8")
    doc = json.loads(exported.read_text(encoding="utf-8"))
    assert [b.get("hidden", False) for b in doc["ballots"]] == [False, True]
    copy = json.loads(cli("import", str(exported), "--name", "Terug", "--json").stdout)["id"]
    merged = json.loads(cli("merge", sid, copy, "--name", "Samen", "--json").stdout)["id"]
    for session in (copy, merged):
        summary = cli("export", session).stdout
        assert "Geen zaal vrij" in summary and "Scheldwoord" not in summary
    assert json.loads(cli("export", copy, "-f", "json").stdout)["ballots"] == doc["ballots"]
    flags = [b.get("hidden", False) for b in json.loads(cli("export", merged, "-f", "json").stdout)["ballots"]]
    assert sorted(flags) == [False, False, True, True]


def test_a_pdf_names_its_title_and_language_for_readers_and_screen_readers(cli, session, tmp_path):
    """pdfinfo shows the title; the catalog's /Lang and the XMP metadata say the kit's language. (The "Syntax Error:
    Suspects object is wrong type (boolean)" of poppler 22.12 is poppler's: Typst 0.15 writes a tagged PDF's
    /MarkInfo <</Suspects false>> as the PDF standard has it, and poppler takes only `true` for a boolean there.)"""
    cli("export", "-f", "pdf", "-o", str(tmp_path / "verslag.pdf"))
    reader = PdfReader(tmp_path / "verslag.pdf")
    assert reader.metadata is not None and reader.metadata.title.startswith("Testsessie · ")
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert "<rdf:li>nl</rdf:li>" in reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()


def test_a_follow_up_shows_what_it_carries_over_marked_last_time(cli, session, monkeypatch):
    """`new --from` carries a plan's header and its steps' actions, who, by when and status into their first
    answers; until then show, the summary and the handouts print each carried value marked "(vorige keer)" (both
    of the header's, the same way in every format: the trial's PDF marked only the municipality), never split
    across lines; progress counts this meeting only."""
    cli("steps", "target", "--whom", "de schepen van cultuur", "--municipality", "Grimbergen")
    cli("steps", "set", "2", "--action", "koffie met de schepen", "--who", "Els", "--by", "15/01/2027", "--status", "gepland")
    later = cli("new", "Vervolg", "--from", session).stdout.strip()
    mark = " (vorige\xa0keer)"
    monkeypatch.setenv("COLUMNS", "120")
    shown = cli("show", later, "-e", "stappenplan", "--no-pager").stdout
    assert f"bij de schepen van cultuur{mark} van de gemeente Grimbergen{mark}" in shown
    assert f"Els{mark}" in shown and "gepland" in shown  # the date and the status wrap before their mark at 120
    assert shown.count("(vorige\xa0keer)") == 6  # the header's two, the step's four carried values
    md = cli("export", later).stdout
    row = f"| 2 | ontwikkel een verhaal met een nieuw vocabularium | koffie met de schepen{mark} | Els{mark} | 15 januari 2027{mark} | gepland{mark} |"
    assert row in md and f"**de schepen van cultuur{mark}**" in md and f"**Grimbergen{mark}**" in md
    assert md.count("(vorige") == 6  # the header's two, the step's four
    assert "| 5 | T4 · Stappenplan om cultuur op de politieke agenda te zetten | 0/6 |" in md
    page = cli("export", later, "-f", "html").stdout
    assert f"koffie met de schepen{mark}" in page and f"15 januari 2027{mark}" in page and f"Grimbergen{mark}" in page
    assert f"gepland{mark}" in page and f"gepland{mark}" in cli("replay", later, "-e", "stappenplan").stdout
    assert f"de schepen van cultuur{mark}" in page
    assert "vorige keer" not in cli("export", session).stdout
    cli("steps", "set", "2", "--status", "gedaan", "-s", later)  # discussed: the carried action is its own now
    assert (
        "| 2 | ontwikkel een verhaal met een nieuw vocabularium | koffie met de schepen | Els | 15 januari 2027 | gedaan |"
        in cli("export", later).stdout
    )


def test_a_follow_ups_plan_with_only_carried_steps_draws_no_empty_status_chart(cli, run, session):
    """The trial's page had a legend, then "Status –": a chart of no status at all. No chart without data."""
    from tocht_cli.render.blocks import Bars

    cli("steps", "set", "2", "--action", "koffie met de schepen", "--status", "gepland")
    later = cli("new", "Vervolg", "--from", session).stdout.strip()
    ws = run.workspace(later)
    ex = ws.kit.exercise("stappenplan")
    group = ws.groups[0]
    blocks = ex.kind.handout_group(ex, ws.shown_sheet(ex, group), ws.kit)
    assert not [b for b in blocks if isinstance(b, Bars)]
    cli("steps", "set", "2", "--status", "gedaan", "-s", later)  # discussed: now there is a status to chart
    ws = run.workspace(later)
    assert [b for b in ex.kind.handout_group(ex, ws.shown_sheet(ex, group), ws.kit) if isinstance(b, Bars)]


@pytest.mark.parametrize("columns", range(30, 61))
def test_the_last_time_mark_is_never_split_across_lines(cli, session, monkeypatch, columns):
    cli("steps", "set", "2", "--action", "koffie met de schepen en de burgemeester", "--who", "Els", "--by", "15/01/2027")
    later = cli("new", "Vervolg", "--from", session).stdout.strip()
    monkeypatch.setenv("COLUMNS", str(columns))
    shown = cli("show", later, "-e", "stappenplan", "--no-pager").stdout
    assert shown.count("(vorige\xa0keer)") == 3 and not re.search(r"\(vorige\s*$", shown, re.MULTILINE)


def as_schema_1(path) -> None:
    """A session file as tocht wrote it before schema 2: the same tables, schema 1 in its meta."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    for meta in doc["meta"].values():
        meta["schema"] = 1
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def test_an_old_sessions_double_false_reads_as_not_answered_until_a_new_answer_means_no(cli, session, isolated_db):
    """Schema 1 wrote double: false for every role not marked double (and printed it as nothing): it reads
    as not answered. The first change under this tocht brings the file to schema 2 in the same write, so a
    'nee' given from then on is one."""
    cli("roles", "set", "1", "--now", "programmator", "--future", "samen", "--no-double")
    cli("roles", "set", "2", "--now", "kunstenaar", "--future", "samen", "--no-double")
    cli("roles", "set", "3", "--now", "samen", "--future", "samen", "--double")
    (path,) = answers_file(isolated_db)
    as_schema_1(path)
    md = cli("export").stdout
    assert "| 1 | buitenkomen, contact met publiek opzoeken | programmator | **→ samen** |  |" in md
    assert "| 3 | " in md and "| samen | samen | ja |" in md
    assert next(iter(json.loads(cli("roles", "--json").stdout).values()))["rol-1"]["double"] is None
    cli("roles", "set", "2", "--no-double")  # a no given now
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert [m["schema"] for m in doc["meta"].values()] == [2]
    doubles = {a["item"]: a["value"]["double"] for a in doc["answers"].values()}
    assert doubles == {"rol-1": None, "rol-2": False, "rol-3": True}
    md = cli("export").stdout
    assert "| 2 | interesse in publiek vertonen | kunstenaar | **→ samen** | nee |" in md and "| programmator | **→ samen** |  |" in md


def test_an_export_of_format_version_1_reads_its_double_false_as_not_answered(cli, tmp_path):
    """Format version 1 wrote double: false for every role nobody marked double, as the session files did."""
    doc = json.loads((ROOT / "tests" / "data" / "full-session.json").read_text(encoding="utf-8"))
    roles = [a["value"] for a in doc["answers"] if a["exercise"] == "rollen"]
    for value in roles:
        value["double"] = value["double"] or False
    old = tmp_path / "2017.json"
    old.write_text(json.dumps({**doc, "version": 1}, ensure_ascii=False), encoding="utf-8")
    imported = json.loads(cli("import", str(old), "--json").stdout)["id"]
    again = json.loads(cli("export", imported, "-f", "json").stdout)
    assert again["version"] == 2
    doubles = [a["value"]["double"] for a in again["answers"] if a["exercise"] == "rollen"]
    assert doubles.count(None) == 16 and doubles.count(True) == 2 and False not in doubles


def test_a_plans_open_header_reads_without_holes_and_steps_set_confirms_the_date_as_show_writes_it(cli, session):
    """The trial: show printed "bij … van de gemeente …" for a header nobody filled in, and `steps set`
    confirmed "2027-03-01" where show says "1 maart 2027"."""
    said = cli("steps", "set", "1", "--action", "brief", "--by", "2027-03-01").stderr
    assert "brief · 1 March 2027" in said and "2027-03-01" not in said  # the facilitator's language: English here
    shown = cli("show", "-e", "stappenplan").stdout
    assert "Bij wie? · Welke gemeente? nog niet beantwoord" in shown and "…" not in shown
    cli("steps", "target", "--whom", "de schepen")
    shown = cli("show", "-e", "stappenplan").stdout
    assert "Bij wie? de schepen" in shown and "Welke gemeente? nog niet beantwoord" in shown and "…" not in shown
    cli("steps", "target", "--municipality", "Asse")
    assert "bij de schepen van de gemeente Asse" in cli("show", "-e", "stappenplan").stdout
