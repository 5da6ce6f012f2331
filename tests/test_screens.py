"""What the room sees, as snapshots at 80 and 120 columns: a rendering change fails here first.

The session is the fully answered two-table one of tests/data; its random id is
written as ID. TOCHT_UPDATE_GOLDEN=1 rewrites the files under tests/golden/screens/
(look at the diff before committing it).
"""

from __future__ import annotations

import pytest

from tests.helpers.files import ROOT, golden

FULL = ROOT / "tests" / "data" / "full-session.json"
ENTER = "\r"


@pytest.fixture
def full(cli):
    return cli("import", str(FULL), "--use").stdout.strip()


@pytest.fixture(params=[80, 120])
def width(request, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(request.param))
    return request.param


def screen(text: str, session_id: str) -> str:
    return text.replace(session_id, "ID")


@pytest.mark.parametrize(
    "name, args",
    [
        ("show", ["show"]),
        ("status", []),
        ("bingo-card", ["bingo", "-g", "tafel 1"]),
        ("statements", ["statements", "-g", "tafel 2"]),
        ("checklist", ["checklist", "-g", "tafel 1"]),
        ("kit", ["kit", "show"]),
    ],
)
def test_terminal_views(cli, full, width, name, args):
    golden(f"screens/{name}-{width}.txt", screen(cli(*args).stdout, full))


@pytest.mark.parametrize("args", [["show"], ["list"], ["kit", "show"], ["bingo", "-g", "tafel 1"], ["checklist"], []])
def test_piped_output_ends_its_lines_without_spaces(cli, full, args):
    """`tocht show | cat`, `tocht list > file`: no padding at line ends (a terminal's output is as rich draws it)."""
    padded = [line for line in cli(*args).stdout.splitlines() if line != line.rstrip()]
    assert padded == []


def test_replay_slides(keyed, full, width):
    result = keyed(ENTER * 200, "replay", full)
    golden(f"screens/replay-{width}.txt", screen(result.stdout, full))


def test_replay_at_80_columns_cuts_nothing_a_group_wrote(keyed, cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    tables = ["Ontmoetingsdag Cultuurcentrum Strombeek / tafel 1", "Ontmoetingsdag Cultuurcentrum Strombeek / tafel 2"]
    cli("new", "Lange namen", *(arg for table in tables for arg in ("-g", table)))
    link = "https://www.cultuurcentrum-strombeek.be/seizoen2017"  # one word wider than a column of three
    cli("statements", "vote", "A1", "-g", tables[0], "-p", "eens", "--note", f"zie {link}")
    cli("challenges", "add", "Te weinig zalen", "-g", tables[1], "--regional", link)
    shown = keyed(ENTER * 40, "replay", "-e", "stellingen").stdout + keyed(ENTER * 10, "replay", "-e", "regio").stdout
    body = [
        line for line in shown.splitlines() if not line.startswith(("╭─", "│ · "))
    ]  # a slide's title and the open items are the kit's text, shortened
    assert [line for line in body if "…" in line] == []  # A6's own "…" is among the open items now
    assert shown.count(link) == 2 and all(f"Groep: {table}" in shown or table in shown for table in tables)
    assert shown.count(f"Groep: {tables[1]}") == 1  # the regional rows of each table under its whole name


def readable(text: str) -> str:
    """The screen as one line of words: each table's columns read top to bottom (a wrapped cell becomes
    contiguous again), the rest line by line."""
    chunks: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        for column in zip(*(row for row in table if len(row) == len(table[0])), strict=False):
            chunks.append(" ".join(column))
        table.clear()

    for line in text.splitlines():
        if line[:1] in "│┃" and line and line.rstrip()[-1] == line[0]:
            table.append(line.strip()[1:-1].split(line[0]))
        else:
            flush()
            chunks.append(line)
    flush()
    return " ".join(" ".join(chunks).split())


def answer_texts() -> set[str]:
    """Every text the groups wrote in the full session (not ids, not timestamps; dates as the kit writes them)."""
    import json

    from tocht_cli.base.dates import shown_date

    found: set[str] = set()
    skip = {"bingo_at", "tasks", "with", "nature"}

    def walk(key: str, value: object) -> None:
        if key == "by" and isinstance(value, str):
            found.add(shown_date(value, "nl"))
        elif isinstance(value, str) and value.strip() and key not in skip:
            found.add(" ".join(value.split()))
        elif isinstance(value, list):
            for v in value:
                walk(key, v)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(k, v)

    for answer in json.loads(FULL.read_text(encoding="utf-8"))["answers"]:
        walk("", answer["value"])
    return found


def test_show_cuts_nothing_the_group_wrote(cli, full, width):
    import json

    shown = readable(cli("show").stdout)
    missing = sorted(t for t in answer_texts() if t not in shown)
    assert not missing, missing
    # the workbook itself writes "…" in a few texts; nothing else may
    kit = json.loads(cli("kit", "show", "--json").stdout)
    texts: list[str] = []

    def strings(value: object) -> None:
        if isinstance(value, str):
            texts.append(" ".join(value.split()))
        elif isinstance(value, list | tuple):
            for v in value:
                strings(v)
        elif isinstance(value, dict):
            for v in value.values():
                strings(v)

    strings(kit)
    for text in texts:
        if "…" in text:
            shown = shown.replace(text, "")
    assert "…" not in shown


def test_show_filters_by_group_and_exercise(cli, full):
    out = cli("show", "-g", "tafel 2", "-e", "rollen").stdout
    assert "Groep: tafel 2" in out and "Groep: tafel 1" not in out
    assert "T3 · Nieuwe rolverdeling" in out and "T0 · Bingo ─" not in out
    bad = cli("show", "-g", "tafel 9", ok=False)
    assert bad.exit_code != 0 and "tafel 1, tafel 2" in bad.stderr


@pytest.mark.parametrize(
    ("args", "exercises", "groups"),
    [
        ([], {"bingo", "stellingen", "vocabularium", "rollen", "stappenplan", "allianties", "regio"}, {"tafel 1", "tafel 2"}),
        (["-g", "tafel 2"], {"bingo", "stellingen", "vocabularium", "rollen", "stappenplan", "allianties", "regio"}, {"tafel 2"}),
        (["-e", "rollen"], {"rollen"}, {"tafel 1", "tafel 2"}),
        (["-g", "TAFEL 2", "-e", "4"], {"rollen"}, {"tafel 2"}),  # as typed: any case, the exercise by number
    ],
)
def test_show_json_keeps_to_the_filters(cli, full, args, exercises, groups):
    import json

    doc = json.loads(cli("show", "--json", *args).stdout)
    assert set(doc["progress"]) == exercises
    assert all(set(per_group) == groups for per_group in doc["progress"].values())
    assert doc["answers"] and {(a["exercise"], a["group"]) for a in doc["answers"]} <= {(e, g) for e in exercises for g in groups}
    assert {a["group"] for a in doc["answers"]} == groups and {a["exercise"] for a in doc["answers"]} == exercises


def test_merged_group_names_stay_whole_in_the_progress_table(cli, full, width):
    second = cli("import", str(FULL), "--name", "Tweede ronde").stdout.strip()
    cli("merge", full, second, "--name", "Alle tafels")
    out = cli("show", "--brief").stdout
    assert "…" not in out
    words = readable(out)
    for group in ("Ontmoetingsdag CC Strombeek / tafel 1", "Ontmoetingsdag CC Strombeek / tafel 2", "Tweede ronde / tafel 2"):
        assert group in words


def test_piped_show_is_never_paged(cli, full, monkeypatch, tmp_path):
    marker = tmp_path / "paged"
    monkeypatch.setenv("PAGER", f"touch {marker}")
    assert "Groep: tafel 1" in cli("show").stdout
    assert not marker.exists()


def test_the_pager_gets_the_whole_text(monkeypatch, tmp_path):
    import sys

    from tocht_cli.render import output

    target = tmp_path / "seen"
    monkeypatch.setenv("PAGER", f"{sys.executable} -c \"import sys; open({str(target)!r}, 'w').write(sys.stdin.read())\"")
    output.page("een\ntwee\n")
    assert target.read_text() == "een\ntwee\n"


@pytest.mark.parametrize(("given", "told"), [(None, "utf-8"), ("latin1", "latin1")])
def test_the_pager_is_told_the_text_is_utf8_unless_the_reader_chose(monkeypatch, tmp_path, given, told):
    """Without it, less on a machine whose locale is not installed shows ┃ and ë as <E2><94><83>."""
    import sys

    from tocht_cli.render import output

    target = tmp_path / "seen"
    if given is None:
        monkeypatch.delenv("LESSCHARSET", raising=False)
    else:
        monkeypatch.setenv("LESSCHARSET", given)
    script = f"import os; open({str(target)!r}, 'w').write(os.environ.get('LESSCHARSET', ''))"
    monkeypatch.setenv("PAGER", f'{sys.executable} -c "{script}"')
    output.page("┃ discussiëren\n")
    assert target.read_text() == told


@pytest.mark.parametrize(
    "args", [[], ["show"], ["new"], ["roles", "set"], ["statements", "vote"], ["vocabulary", "link"], ["bingo", "cross"], ["export"]]
)
def test_help_shows_words_not_types(cli, args):
    text = cli(*args, "--help").stdout
    for typer_label in ("<str>", "<int", "<list", "{", "<float"):
        assert typer_label not in text, (args, text)


def test_command_list_keeps_whole_sentences(cli):
    from tocht_cli.cli.framework.helptext import first_sentence

    assert first_sentence("Record a position (e.g. A3). Then more.") == "Record a position (e.g. A3)"
    listed = cli("--help").stdout
    assert "..." not in listed.split("Commands:")[1]


def test_kit_show_prints_what_a_group_reads(cli):
    out = " ".join(cli("kit", "show").stdout.split())
    assert "Samengevat komt de uitdaging" in out  # a challenge's intro
    assert "We moeten de lokale politieke situatie beter leren kennen" in out  # a step's explanation
    assert "Wie neemt welke rol op?" in out  # T3's questions
    assert "Markeer in dit verslag" in out  # T6's instruction
    assert "1. T0 · Bingo (bingo)" in out  # the id once, the kind only when it differs
    assert "1 ontwikkeling 2 productie" in out and "ontwikkeling ontwikkeling" not in out  # a word that is its own id, once
    assert "1 rol-1 buitenkomen" in out  # an id that differs from the text stays beside it


def test_one_exercise_has_one_layout_for_every_table(cli, two_groups, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    long_note = "Wij doen het samen met de school en de bibliotheek, elke maand opnieuw en met veel plezier"
    cli("roles", "set", "2", "-g", "tafel 1", "--now", "kunstenaar", "--future", "samen", "--note", long_note)
    cli("roles", "set", "1", "-g", "tafel 2", "--now", "kunstenaar", "--future", "samen")
    for shown in (cli("roles").stdout, cli("show", "--no-pager", "-e", "rollen").stdout.split("Groep: tafel 1", 1)[1]):
        tafel_1, tafel_2 = shown.split("Groep: tafel 2")
        assert "┏" not in tafel_1 and "┏" not in tafel_2  # tafel 1's note stacks its table: tafel 2's too
        assert "\n1  buitenkomen, contact met publiek opzoeken\n" in tafel_2


def test_a_message_on_a_terminal_breaks_between_words(monkeypatch):
    """ "volgende: tocht run (gaat verder bij T1a · … sam / en blijven …)" was cut mid-word by the terminal."""
    import io

    from tocht_cli.render import output

    class Terminal80(io.StringIO):
        def isatty(self) -> bool:
            return True

    stderr = Terminal80()
    monkeypatch.setattr("sys.stderr", stderr)
    monkeypatch.setenv("COLUMNS", "40")
    said = "volgende: tocht run   (gaat verder bij T1a · wat als wij/zij samen blijven discussiëren?)"
    output.message(said)
    lines = stderr.getvalue().splitlines()
    assert lines[0] == "volgende: tocht run   (gaat verder bij" and all(len(line) <= 40 for line in lines)
    assert " ".join(lines).split() == said.split()  # every word whole
