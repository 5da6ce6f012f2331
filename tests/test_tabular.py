"""`tocht export --format csv|xlsx`: a session's answers a row per field, for Excel and LibreOffice."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.helpers.examples import examples
from tests.helpers.patience import PATIENCE
from tests.helpers.room import open_room, to_statement
from tocht_cli.reports.tabular import delimiter, neutralised

HEADERS = ["Oefening", "Titel", "Onderdeel", "Groep", "Veld", "Waarde", "Bron", "Tijdstip"]
TRICKY = ['=HYPERLINK("http://x")', "+32 2 123 45 67", "-1", "@SUM(A1)", 'één café, "naïef"; ijsje']


@pytest.fixture
def answered(cli):
    """Two tables: tafel 1's A1 with five hands and a note per tricky text, tafel 2's A1 with two hands."""
    sid = cli("new", "Rekenblad", "--date", "2026-03-05", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()
    cli("statements", "vote", "A1", "-g", "tafel 1", "-p", "eens", "--agree", "4", "--disagree", "1", "--note", "\n".join(TRICKY))
    cli("statements", "vote", "A1", "-g", "tafel 2", "-p", "oneens", "--agree", "1", "--disagree", "1")
    cli("statements", "vote", "A2", "-g", "tafel 2", "--note", TRICKY[0])
    return sid


def read_csv(data: bytes, sep: str = ";") -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=sep))


def csv_of(cli, *args: str) -> bytes:
    return cli("export", "-f", "csv", *args).stdout_bytes


def test_csv_is_utf8_with_a_bom_the_regions_separator_and_a_row_per_field(cli, answered):
    data = csv_of(cli, "--min-votes", "1")  # every table shown
    assert data.startswith("\ufeffOefening;Titel;".encode()) and data.endswith(b"\r\n")
    assert data.count(b"\r\n") == len(read_csv(data))  # every row ends in CRLF, as spreadsheets write it; a note's lines stay in its cell
    header, *rows = read_csv(data)
    assert header == HEADERS
    assert rows[0][:7] == ["stellingen", "Stellingenspel", "A1", "tafel 1", "Standpunt", "eens", "tafel"]
    assert rows[0][7].startswith("20")  # when the answer was given
    assert [r[4] for r in rows if r[3] == "tafel 1"] == ["Standpunt", "Handen", "Belangrijkste argumenten"]


def test_csv_keeps_a_challenge_whose_regional_cell_is_empty(cli):
    """The terminal trial: a challenge taken over without a regional answer was missing from the CSV (its row's
    only cell empty), while show and Markdown listed it. An empty field stays out; a row with an empty cell not."""
    cli("new", "Regio", "-g", "tafel 1")
    cli("challenges", "add", "Te weinig tijd", "-g", "tafel 1")
    cli("challenges", "add", "Mobiliteit", "--regional", "samen rijden", "-g", "tafel 1")
    rows = [r for r in read_csv(csv_of(cli))[1:] if r[0] == "regio"]
    assert [(r[4], r[5]) for r in rows] == [("Te weinig tijd", ""), ("Mobiliteit", "samen rijden")]


def test_csv_neutralises_formulas_and_keeps_diacritics(cli, answered):
    _header, *rows = read_csv(csv_of(cli))
    (note,) = [r[5] for r in rows if r[3] == "tafel 1" and r[4] == "Belangrijkste argumenten"]
    assert note == "'" + "\n".join(TRICKY)  # only the cell's start can start a formula
    (other,) = [r[5] for r in rows if r[2] == "A2"]
    assert other == "'" + TRICKY[0]
    assert neutralised("-1") == "'-1" and neutralised("@x") == "'@x" and neutralised("+1") == "'+1" and neutralised("één") == "één"


def test_csv_keeps_a_small_tables_hands_to_the_total(cli, answered):
    _header, *rows = read_csv(csv_of(cli))
    hands = {r[3]: r[5] for r in rows if r[4] == "Handen"}
    assert hands == {
        "tafel 1": "alleen in het totaal, zodat de stemmen van een kleinere tafel niet uit te rekenen zijn",
        "tafel 2": "minder dan 3 stemmen: alleen in het totaal",
        "Totaal": "eens 5 · oneens 2 · twijfel 0",  # the total they point to is there
    }
    positions = {r[3]: r[5] for r in rows if r[2] == "A1" and r[4] == "Standpunt"}
    assert positions == {"tafel 1": "eens"}  # tafel 2's, below k, may be one person's vote; tafel 1's is a group's
    _header, *shown = read_csv(csv_of(cli, "--min-votes", "1"))
    assert {r[3]: r[5] for r in shown if r[4] == "Handen"} == {
        "tafel 1": "eens 4 · oneens 1 · twijfel 0",
        "tafel 2": "eens 1 · oneens 1 · twijfel 0",
        "Totaal": "eens 5 · oneens 2 · twijfel 0",
    }


def test_csv_says_where_each_tables_hands_came_from(cli, run, answered):
    """The trial: the Bron column said `handen` for counts typed from paper and for tallies saved from phones."""
    cli("statements", "vote", "A3", "-g", "tafel 1", "--agree", "2", "--origin", "paper")
    arena = open_room(run.workspace(answered))
    to_statement(arena, "A3")
    for position in ("eens", "oneens", "oneens"):
        arena.vote(arena.phone("tafel 2"), position)
    arena.control(arena.screen(), "tally")
    arena.close()
    _header, *rows = read_csv(csv_of(cli, "--min-votes", "1"))
    sources = {(r[2], r[3]): r[6] for r in rows if r[4] == "Handen"}
    assert sources[("A1", "tafel 1")] == "handen" and sources[("A3", "tafel 1")] == "papier"
    assert sources[("A3", "tafel 2")] == "telefoons" and sources[("A3", "Totaal")] == "papier, telefoons"
    (total,) = [r[5] for r in rows if r[2] == "A3" and r[3] == "Totaal"]
    assert total == "eens 3 · oneens 2 · twijfel 0"


def test_the_phones_arguments_a_table_took_over_say_they_came_from_the_phones(cli, run, answered):
    """The trial: an argument taken over in the walk (Enter on the phones' ones) said `tafel` in the Bron column
    while the hands of the same tally said `telefoons`; one the table typed itself stays the table's."""
    arena = open_room(run.workspace(answered))
    to_statement(arena, "A3")
    for table, position, argument in (("tafel 1", "eens", "Subsidies sturen"), ("tafel 2", "oneens", "Zaal leeg")):
        for _n in range(3):
            arena.vote(arena.phone(table), position, argument)
    arena.close()
    ws = run.workspace(answered)
    phones_said = ws.shown_sheet(ws.kit.exercise("stellingen"), "tafel 1").get("A3")["note"]
    assert "Subsidies sturen" in phones_said
    cli("statements", "vote", "A3", "-g", "tafel 1", "-p", "eens", "--note", phones_said)  # as the walk saves the phones' words on Enter
    cli("statements", "vote", "A3", "-g", "tafel 2", "--note", "Eigen woorden")
    _header, *rows = read_csv(csv_of(cli, "--min-votes", "1"))
    sources: dict[tuple[str, str], str] = {}
    for r in rows:  # the tables' own rows, before each phone's vote
        sources.setdefault((r[3], r[4]), r[6]) if r[2] == "A3" else None
    assert sources[("tafel 1", "Belangrijkste argumenten")] == "telefoons" and sources[("tafel 1", "Handen")] == "telefoons"
    assert sources[("tafel 1", "Standpunt")] == "tafel"  # typed by the table, though the phones' majority said the same
    assert sources[("tafel 2", "Belangrijkste argumenten")] == "tafel"


def test_csv_holds_each_phones_vote_without_its_device(cli, run, answered):
    arena = open_room(run.workspace(answered))
    to_statement(arena, "A3")
    for position in ("eens", "eens", "oneens"):
        arena.vote(arena.phone("tafel 1"), position, "Omdat het kan")
    arena.vote(arena.phone("tafel 2"), "twijfel")
    devices = [b["device"] for b in run.store.ballots(answered)]
    arena.close()
    data = csv_of(cli)
    _header, *rows = read_csv(data)
    phones = [(r[3], r[4], r[5], r[7]) for r in rows if r[6] == "telefoon"]
    # tafel 2's one phone is below k and tafel 1 beside it: their votes only together, counted, with no time
    kept = "tafels alleen in het totaal"
    assert phones == [
        (kept, "Standpunt", "eens 2 · oneens 1 · twijfel 1", ""),
        (kept, "Belangrijkste argumenten", "Omdat het kan · Omdat het kan · Omdat het kan", ""),
    ]
    shown = [(r[3], r[4], r[5]) for r in read_csv(csv_of(cli, "--min-votes", "1"))[1:] if r[6] == "telefoon" and r[7]]
    assert ("tafel 2", "Standpunt", "twijfel") in shown and len(shown) == 7  # k = 1: each phone's vote, with its time
    assert not any(device.encode() in data for device in devices)


def test_the_separator_follows_the_kits_language():
    assert delimiter(SimpleNamespace(language="nl")) == ";" and delimiter(SimpleNamespace(language="en")) == ","


note_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(text=note_text)
@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_a_note_comes_back_from_the_csv_as_it_was_saved(cli, run, answered, text):
    ws = run.workspace(answered)
    ex = ws.kit.exercise("stellingen")
    saved = ws.save(ex, "A4", "tafel 2", {"note": text}).get("note") or ""
    _header, *rows = read_csv(csv_of(cli))
    found = [r[5] for r in rows if r[2] == "A4" and r[4] == "Belangrijkste argumenten"]
    assert found == ([neutralised(saved)] if saved else [])


def workbook(cli, *args: str):
    return load_workbook(io.BytesIO(cli("export", "-f", "xlsx", *args).stdout_bytes))


def test_xlsx_has_a_sheet_per_exercise_with_the_csvs_rows_as_text(cli, answered):
    book = workbook(cli)
    assert book.sheetnames == ["bingo", "stellingen", "vocabularium", "rollen", "stappenplan", "allianties", "regio"]
    sheet = book["stellingen"]
    rows = [[c.value or "" for c in row] for row in sheet.iter_rows()]
    _header, *csv_rows = read_csv(csv_of(cli))
    assert rows[0] == HEADERS
    assert rows[1:] == [[cell[1:] if cell.startswith("'") else cell for cell in r] for r in csv_rows]
    formula = next(c for row in sheet.iter_rows() for c in row if c.value == TRICKY[0])
    assert formula.data_type == "s"  # text, never a formula
    assert book.properties.created.isoformat().startswith("2026-03-05")  # the meeting's date: the same bytes


def test_xlsx_gives_the_same_bytes_for_the_same_answers_and_follows_the_level(cli, answered, tmp_path):
    first = cli("export", "-f", "xlsx", "-o", str(tmp_path / "a.xlsx"))
    again = cli("export", "-o", str(tmp_path / "b.xlsx"))  # the format from the extension
    assert first.exit_code == again.exit_code == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    cli("audience", "stappenplan", "public")
    assert workbook(cli, "--level", "public").sheetnames == ["stappenplan"]


def test_all_sessions_as_csv(cli, answered, tmp_path):
    cli("export", "--all", "-f", "csv", "--out-dir", str(tmp_path / "out"))
    (written,) = (tmp_path / "out").iterdir()
    assert written.name == f"2026-03-05-rekenblad-{answered}.csv" and read_csv(written.read_bytes())[0] == HEADERS


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
def test_libreoffice_opens_the_workbook_and_the_csv(cli, answered, tmp_path):
    (tmp_path / "s.xlsx").write_bytes(cli("export", "-f", "xlsx").stdout_bytes)
    (tmp_path / "s.csv").write_bytes(csv_of(cli))
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    for name, infilter in (("s.xlsx", []), ("s.csv", ["--infilter=CSV:59,34,76,1"])):
        out = tmp_path / name.replace(".", "-")
        subprocess.run(
            ["libreoffice", profile, "--headless", *infilter, "--convert-to", "pdf", "--outdir", str(out), str(tmp_path / name)],
            check=True,
            capture_output=True,
            timeout=PATIENCE * 4,
        )
        text = " ".join(page.extract_text() for page in PdfReader(out / f"{name.split('.')[0]}.pdf").pages)
        assert "één café" in text and "minder dan 3 stemmen" in text, text[:500]
