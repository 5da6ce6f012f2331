"""`tocht export`: golden Markdown, determinism, files, and a summary that no answer can break."""

from __future__ import annotations

import json
import random
import re
import shutil

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from tests.helpers.files import ROOT, golden, load_json
from tocht_cli.base import i18n
from tocht_cli.cli.app import app

FULL = ROOT / "tests" / "data" / "full-session.json"


@pytest.fixture(scope="module")
def archive_of_52(tmp_path_factory):
    """52 sessions ("Overleg 0"…, each with a vote on A1 and its argument), made by tocht once for the module:
    the three tests of `export --all` in workers read it (their copy, `many`) and never change it."""
    folder = tmp_path_factory.mktemp("archive")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TOCHT_DB", str(folder / "tocht.json"))
        patch.setenv("TOCHT_CACHE_DIR", str(tmp_path_factory.mktemp("archive-cache")))
        for variable in i18n.LOCALE_VARIABLES:
            patch.delenv(variable, raising=False)
        ids = []
        for n in range(52):
            ids.append(made(CliRunner().invoke(app, ["new", f"Overleg {n}", "--yes"])).stdout.strip())
            made(CliRunner().invoke(app, ["statements", "vote", "A1", "-p", "eens" if n % 2 else "oneens", "--note", f"argument {n}"]))
    return folder, ids


def made(result):
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result


@pytest.fixture
def many(archive_of_52, isolated_db) -> list[str]:
    """This test's copy of the module's 52 sessions, as its database; their ids."""
    folder, ids = archive_of_52
    shutil.copytree(folder, isolated_db.parent, dirs_exist_ok=True)
    return ids


@pytest.fixture
def full(cli):
    """The fully answered two-table session of tests/data, imported; returns its id."""
    return cli("import", str(FULL)).stdout.strip()


def test_golden_markdown_of_a_full_two_group_session(cli, full):
    golden("full-session.md", cli("export", full).stdout)


def test_golden_markdown_of_an_empty_session(cli):
    cli("new", "Lege sessie", "--date", "2018-03-01", "--place", "GC De Zeyp", "-g", "tafel A", "-g", "tafel B")
    golden("empty-session.md", cli("export").stdout)


def test_the_same_answers_give_the_same_bytes_in_any_order(cli, full, tmp_path):
    first_md, first_json = cli("export", full).stdout, cli("export", full, "-f", "json").stdout
    assert cli("export", full).stdout == first_md
    doc = load_json(FULL)
    random.Random(7).shuffle(doc["answers"])
    shuffled = tmp_path / "shuffled.json"
    shuffled.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    other = cli("import", str(shuffled), "--yes").stdout.strip()  # the same export again
    assert cli("export", other).stdout == first_md
    assert json.loads(cli("export", other, "-f", "json").stdout)["answers"] == json.loads(first_json)["answers"]


def test_summary_marks_totals_and_the_vote_bar(cli, full):
    md = cli("export", full).stdout
    assert md.count("### Totaal") == 7
    assert "BINGO! (bingo om 11:42)" in md and "**11 / 10 geschrapt**" in md and "**4 / 10 geschrapt**" in md
    assert "| eens | oneens | `██▒▒▒▒▒▒░░` eens\u00a02 · oneens\u00a06 · twijfel\u00a02 |" in md  # a position keeps its number
    assert "**→ kunstenaar**" in md and "**Wat verschuift er?**" in md
    assert "| 1 | leer elkaar kennen | gedaan | gedaan |" in md and "| 1. leer elkaar kennen | `▞▞▞▞▞▞▞▞▞▞` gedaan 2 |" in md
    totals = md.split("### Totaal")[2]  # T1a's: each statement whole, as plain text has no hover (the trial: cut with "…")
    assert "| A1 | Je gaat gewoon in op wat er leeft bij mensen" in totals and "voor je publiek kan zijn. | eens |" in totals


def test_empty_session_marks_every_item_unanswered(cli):
    cli("new", "Leeg")
    md = cli("export").stdout
    # bingo's card, the words, the plan's header, the alliances and their lists, the rows
    assert md.count("*nog niet beantwoord*") == 1 + 1 + 1 + 3 + 1
    assert "**Bij wie? · Welke gemeente?** *nog niet beantwoord*" in md and "…" not in md.split("T4 ·")[1].split("## T5")[0]
    for items in (
        "(15): A1, A2, A3, A4, A5, A6, A7, A8, B1, B2, B3, B4, B5, B6, B7",
        "(5): 1, 2, 3, 4, 5",
        "(9): 1, 2",
        "(6): 1, 2",
        "(12): 1, 2",
    ):
        assert md.count(f"*Nog niet beantwoord {items}") == 1, items  # one line per exercise, no cell per item
    assert "| A1 |" not in md and "| 1 |" not in md.split("## T0")[1]


def test_markdown_sums_up_unanswered_items_with_the_handouts_own_lines(cli, two_groups):
    cli("statements", "vote", "A1", "-p", "eens", "-g", "tafel 1")
    cli("statements", "vote", "B2", "-p", "oneens", "-g", "tafel 2")
    md = cli("export").stdout
    statements = md[md.index("## T1a") : md.index("## T1b")]
    assert "*nog niet beantwoord*" not in statements  # no cell each
    assert statements.count("*Nog niet beantwoord (14): A2, A3, A4, A5, A6, A7, A8, B1, B2, B3, B4, B5, B6, B7*") == 1  # tafel 1
    assert statements.count("*Nog niet beantwoord (14): A1, A2, A3, A4, A5, A6, A7, A8, B1, B3,") == 1  # tafel 2
    assert statements.count("*Nog niet beantwoord (13): A2, A3") == 1  # the totals: what no table answered
    assert statements.count("| A1 |") == 3 and statements.count("| B2 |") == 3 and "| A2 |" not in statements  # tafel's, totals, chart
    html = cli("export", "--format", "html").stdout
    in_html = re.findall(r"(Nog niet beantwoord \(\d+\): [^<]+)</p>", html)
    assert len(in_html) > 3 and sorted(in_html) == sorted(re.findall(r"^\*(Nog niet beantwoord \(\d+\): [^*]+)\*$", md, re.M))


def tables(md: str) -> list[tuple[int, list[int]]]:
    """(header cells, cells per body row) of every table, as a CommonMark+GFM-tables parser sees it."""
    out, header, rows, cells, part = [], 0, [], 0, None
    for token in MarkdownIt("commonmark").enable("table").parse(md):
        if token.type == "table_open":
            header, rows = 0, []
        elif token.type in ("thead_open", "tbody_open"):
            part = token.type
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            if part == "thead_open":
                header = cells
            else:
                rows.append(cells)
        elif token.type == "table_close":
            out.append((header, rows))
    return out


def headings(md: str) -> list[str]:
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]


HOSTILE = "| kolom | \n# Kop\n- lijst\n1. genummerd\n<script>alert(1)</script> *vet* _schuin_ [link](x) `code` $x$ ~~weg~~ \\ &amp; ^sup^ @cite H~2~O"


@pytest.fixture
def hostile(cli):
    """A session whose every free-text answer tries to be Markdown, HTML, math or a citation."""
    cli("new", HOSTILE.replace("\n", " "), "-g", HOSTILE.replace("\n", " ")[:60])
    group = json.loads(cli("show", "--json").stdout)["groups"][0]
    clean_md = cli("export").stdout
    cli("statements", "vote", "A1", "-p", "eens", "--note", HOSTILE, "-g", group)
    cli("roles", "set", "1", "--now", "samen", "--note", HOSTILE)
    cli("steps", "set", "1", "--action", HOSTILE, "--who", HOSTILE)
    cli("steps", "target", "--whom", HOSTILE)
    cli("checklist", "set", "1", "--how", HOSTILE)
    cli("alliances", "add", HOSTILE, "--purpose", HOSTILE)
    cli("alliances", "with", "--own", HOSTILE)
    cli("vocabulary", "link", "productie", "--how", HOSTILE)
    cli("vocabulary", "add-word", HOSTILE)
    cli("challenges", "add", HOSTILE, "--regional", HOSTILE)
    return clean_md, cli("export").stdout


def test_no_answer_can_break_the_tables_or_the_document(hostile):
    clean_md, md = hostile
    assert headings(md) == headings(clean_md)
    for header, rows in tables(md):
        assert all(n == header for n in rows)
    # a table per exercise with answers (unanswered items are one line), and two charts of choices
    assert len(tables(md)) == len(tables(clean_md)) + 9
    assert "<script>" not in md and "&lt;script>" in md
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<script>" not in html and "<li>lijst" not in html and "<em>vet" not in html


@pytest.mark.parametrize("reader", ["markdown", "gfm"])
def test_pandoc_reads_the_summary_as_written(hostile, reader):
    pypandoc = pytest.importorskip("pypandoc")
    clean_md, md = hostile
    html = pypandoc.convert_text(md, "html", format=reader)
    assert html.count("<table") == len(tables(clean_md)) + 9 and html.count("<h1") == 1  # as markdown-it reads it
    for sign in ("<script>", "<li>lijst", "<em>vet", "<sup>", "<sub>", "<del>", 'class="math', 'class="citation', "<code>code"):
        assert sign not in html, sign
    assert "@cite" in html and "$x$" in html and "&lt;script&gt;" in html


def test_output_file_and_stdout_are_the_same_bytes(cli, full, tmp_path):
    target = tmp_path / "verslag.md"
    result = cli("export", full, "-o", str(target))
    assert result.stdout == "" and f"wrote {target}" in result.stderr
    assert target.read_bytes() == cli("export", full).stdout.encode("utf-8")
    assert cli("export", full, "-o", "-").stdout == cli("export", full).stdout
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)  # a summary is meant to be shared


def test_export_all_writes_stable_readable_names(cli, full, tmp_path):
    cli("new", "Tweede sessie: één & ander", "--date", "2018-01-02")
    out = tmp_path / "verslagen"
    cli("export", "--all", "--out-dir", str(out))
    names = sorted(p.name for p in out.iterdir())
    second = json.loads(cli("show", "--json").stdout)["id"]
    assert names == [f"2017-09-07-ontmoetingsdag-cc-strombeek-{full}.md", f"2018-01-02-tweede-sessie-een-ander-{second}.md"]
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    cli("export", "--all", "--out-dir", str(out))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    cli("export", "--all", "--out-dir", str(out), "-f", "json")
    assert len(list(out.glob("*.json"))) == 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["--all"], "needs --out-dir"),
        (["--all", "--out-dir", "x", "-o", "y"], "leave out SESSION and --output"),
        (["--out-dir", "x"], "goes with --all"),
        (["-f", "docx"], "docx"),
    ],
)
def test_export_usage_errors(cli, session, args, message):
    result = cli("export", *args, ok=False)
    assert result.exit_code == 2 and message in result.stderr


def test_export_into_a_missing_folder_is_a_clear_error(cli, session, tmp_path):
    result = cli("export", "-o", str(tmp_path / "nee" / "verslag.md"), ok=False)
    assert result.exit_code == 5 and "could not write" in result.stderr and "Traceback" not in result.stderr


def test_export_all_of_many_sessions_renders_in_workers_the_same_bytes(cli, many, tmp_path):
    """Fifty sessions or more are rendered by worker processes; each file is what `tocht export ID` prints."""
    out = tmp_path / "all"
    cli("export", "--all", "--out-dir", str(out))
    files = sorted(out.iterdir())
    assert len(files) == 52
    for session_id in many:
        (written,) = [f for f in files if f.name.endswith(f"-{session_id}.md")]
        assert written.read_text(encoding="utf-8") == cli("export", session_id).stdout


def test_half_an_answer_keeps_its_row_in_the_markdown_and_the_handout(cli):
    """An item with a note but no status yet is not 'not answered': what was said is printed, not summed up away."""
    cli("new", "Half", "-g", "tafel 1")
    cli("checklist", "set", "1", "--how", "via de bib")
    cli("roles", "set", "2", "--now", "samen")
    md, html = cli("export").stdout, cli("export", "--format", "html").stdout
    for page in (md, html):
        assert "via de bib" in page and "samen" in page
        assert "Nog niet beantwoord (11): 2, 3, 4" in page and "Nog niet beantwoord (8): 1, 3, 4" in page


def test_export_all_as_pdf_hands_each_worker_only_a_few_sessions(cli, many, tmp_path, monkeypatch):
    """Typst's cache grows ~33 MB with every PDF a process makes and is never freed: a worker is replaced
    after PDFS_PER_WORKER of them (and the fresh one still knows this command's database and kit)."""
    import os

    from tocht_cli.cli.commands import export

    def pid_and_name(ws, fmt):
        return f"{os.getpid()} {ws.session['name']}".encode()

    monkeypatch.setattr(export, "render", pid_and_name)
    out = tmp_path / "all"
    cli("export", "--all", "-f", "pdf", "--out-dir", str(out))
    made = [f.read_text(encoding="utf-8").split(" ", 1) for f in sorted(out.iterdir())]
    assert sorted(name for _pid, name in made) == sorted(f"Overleg {n}" for n in range(52))
    per_worker = [sum(1 for pid, _name in made if pid == worker) for worker in {pid for pid, _name in made}]
    assert max(per_worker) <= export.PDFS_PER_WORKER and str(os.getpid()) not in {pid for pid, _name in made}


def test_export_all_prepares_the_workers_inheritance_but_never_typesets_before_forking(cli, many, tmp_path, monkeypatch):
    """The parent renders the first session but for Typst's typesetting (whose threads do not survive a fork),
    so every worker inherits the imports, the kit and the compiled templates instead of making them again."""
    import os

    from tocht_cli.cli.commands import export
    from tocht_cli.reports import html, pdf

    parent = os.getpid()

    def typeset_in_a_worker_only():
        assert os.getpid() != parent, "the parent typeset a PDF before forking"
        raise AssertionError("no worker typesets in this test")

    monkeypatch.setattr(pdf, "compiler", typeset_in_a_worker_only)
    monkeypatch.setattr(export, "render", lambda ws, fmt: ws.session["name"].encode())
    html.environment.cache_clear()
    cli("export", "--all", "-f", "pdf", "--out-dir", str(tmp_path / "all"))
    assert html.environment.cache_info().currsize == 1  # the templates compiled here, once, for every worker
    assert len(list((tmp_path / "all").iterdir())) == 52


def test_a_file_named_for_another_format_is_written_with_a_warning(cli, session, tmp_path):
    """Seen in the terminal trial: `export --format html -o x.docx` wrote HTML into a .docx without a word."""
    out = tmp_path / "verslag.docx"
    result = cli("export", "--format", "html", "-o", str(out))
    assert "holds HTML, but its name ends in .docx" in result.stderr and out.read_text(encoding="utf-8").startswith("<!")
    said = cli("export", "--format", "md", "-o", str(tmp_path / "verslag.doc")).stderr
    assert "holds Markdown, but its name ends in .doc" in said  # the format's name, not its option value "MD"
    for name, fmt in (("verslag.htm", "html"), ("verslag.txt", "md"), ("verslag.md", "md")):
        assert "warning" not in cli("export", "--format", fmt, "-o", str(tmp_path / name)).stderr
