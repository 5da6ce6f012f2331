"""`tocht replay`: key by key through pipe input, on its own with --pace, and whole without a terminal."""

from __future__ import annotations

import re

import pytest

from tests.helpers.files import ROOT

FULL = ROOT / "tests" / "data" / "full-session.json"
ENTER, SPACE, CTRL_C = "\r", " ", "\x03"


@pytest.fixture
def full(cli):
    return cli("import", str(FULL), "--use").stdout.strip()


def test_without_a_terminal_the_whole_summary_is_printed(cli, full):
    result = cli("replay", full)
    assert result.stdout == cli("export", full).stdout


def test_without_a_terminal_one_exercise(cli, full):
    out = cli("replay", full, "--exercise", "rollen").stdout
    assert "## T3 · Nieuwe rolverdeling" in out and "## T4" not in out and "## T0" not in out


def test_keys_advance_one_item_at_a_time_and_q_stops(keyed, full):
    result = keyed(ENTER + SPACE + "q", "replay", full, "-e", "stellingen")
    out = result.stdout
    assert "1/16" in out and "2/16" in out and "3/16" in out and "4/16" not in out
    assert "A1. Je gaat gewoon in" in out and "A2. Mensen moeten" in out and "A3." not in out
    assert "tafel 1" in out and "tafel 2" in out
    assert "replay ended" in result.stderr


def test_back_key_returns_to_the_previous_item(keyed, full):
    out = keyed(ENTER + ENTER + "b" + "q", "replay", full, "-e", "rollen").stdout
    assert [line for line in out.splitlines() if "/10 · Enter" in line][-1].count("2/10") == 1


def test_every_slide_of_the_session_and_then_the_end(keyed, full):
    result = keyed(ENTER * 200, "replay", full)
    assert "replay ended" in result.stderr
    for heading in (
        "T0 · Bingo",
        "T1a · Stellingenspel",
        "T1b · Op zoek naar een gedeeld vocabularium",
        "T3 · Nieuwe rolverdeling",
        "T4 · Stappenplan",
        "T5 · Nieuwe allianties",
        "T6 · Wat als",
    ):
        assert heading in result.stdout


def test_pace_advances_by_itself(keyed, full):
    result = keyed("", "replay", full, "-e", "regio", "--pace", "0.5")
    assert re.search(r"\b(\d+)/\1 · ", result.stdout) and "replay ended" in result.stderr  # the last slide, by itself


def test_ctrl_c_stops_with_code_130(keyed, full):
    result = keyed(ENTER + CTRL_C, "replay", full, code=130)
    assert "interrupted" in result.stderr


def test_replay_of_an_empty_session_marks_unanswered(keyed, cli):
    cli("new", "Leeg")
    out = keyed(ENTER * 3 + "q", "replay", "-e", "stellingen").stdout
    assert "nog niet beantwoord" in out


def test_every_slide_fits_a_terminal_of_80_by_24_with_its_title(keyed, full, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
    out = keyed(ENTER * 6, "replay", full, "-e", "bingo").stdout
    slides = [s for s in out.split("Ontmoetingsdag CC Strombeek · T0 · Bingo\n")[1:]]
    assert slides and all(len(s.rstrip("\n").splitlines()) <= 23 for s in slides)  # and the line above them
    assert "╭─ Groep: tafel 1 (1/2) " in out and "╭─ Groep: tafel 1 (2/2) " in out and "Voortgang: tafel 1 " in out


def test_a_slide_split_in_pages_at_80_by_24_breaks_between_items(keyed, full, monkeypatch):
    """Page 2 of a bingo card starts with a card (not the tail "verdedigen" of card 25), and page 2 of T5's
    lists with a question (not the table's bottom border alone)."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
    out = keyed(ENTER * 2 + "q", "replay", full, "-e", "bingo").stdout
    first = out.split("╭─ Groep: tafel 1 (2/2) ")[1].splitlines()[1]
    assert re.match(r"│ [✗ ] +\d+\. \S", first), first
    out = keyed(ENTER * 30 + "q", "replay", full, "-e", "allianties").stdout
    for page in re.findall(r"\((?:[2-9])/\d\) ─+╮\n(.*)\n", out):
        assert not page.startswith("│ └") and not page.startswith("│ │                │"), page


def test_a_long_exercise_title_wrapping_above_the_slide_still_leaves_every_page_on_the_screen(keyed, full, monkeypatch):
    """T6's heading takes two lines at 80 columns: each page is that much shorter, so its top line stays
    (a screen of 16 lines holds 15 and the cursor's line)."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "16")
    out = keyed(ENTER * 8 + "q", "replay", full, "-e", "regio").stdout
    screens = [
        s.split("\nOntmoetingsdag CC Strombeek\n")[0] for s in out.split("Ontmoetingsdag CC Strombeek · T6 · ")[1:]
    ]  # then the closing call
    assert len(screens) > 2 and all(len(s.rstrip("\n").splitlines()) <= 15 for s in screens), [len(s.splitlines()) for s in screens]


def test_pages_of_a_slide_are_filled_evenly(keyed, full, monkeypatch):
    """A bingo card on two pages at 80x24: both pages hold about half the cards, not 24 and 1."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
    out = keyed(ENTER * 2 + "q", "replay", full, "-e", "bingo").stdout
    first, second = (out.split(f"Groep: tafel 1 ({n}/2)")[1].split("╰")[0] for n in (1, 2))
    assert abs(len(first.splitlines()) - len(second.splitlines())) <= 3, (first, second)


def test_a_statement_is_shown_once_on_its_slide(keyed, full):
    out = keyed(ENTER + "q", "replay", full, "-e", "stellingen").stdout
    assert out.count("A1. Je gaat gewoon in") == 1


def test_items_nobody_answered_share_one_slide_and_the_replay_ends_with_the_kits_closing_call(keyed, cli):
    """At 80x24 a fresh session was 60 slides, ~45 saying "nog niet beantwoord": one per exercise now."""
    from tocht_cli.kinds.registry import installed
    from tocht_cli.kit import loader, shipped

    cli("new", "Leeg")
    out = keyed(ENTER * 3, "replay", "-e", "stellingen").stdout
    assert "1/2" in out and "2/2" in out and "3/" not in out  # the intro, then every open statement on one
    assert re.search(r"nog niet beantwoord \(1\d\)", out) and "· A1. Je gaat gewoon in" in out
    closing = loader.load(shipped.DEFAULT_KIT, installed()).closing
    assert "... we de verschillende uitdagingen" in closing  # the kit's closing call, shown last
    last = keyed(ENTER * 40, "replay").stdout.split("╭─")[-1]
    assert "... we de verschillende uitdagingen" in last


def test_bingo_nobody_played_is_one_slide_for_every_table(keyed, cli, monkeypatch):
    """The trial's replay gave bingo a "nog niet beantwoord" slide per table: one slide names them all."""
    monkeypatch.setenv("COLUMNS", "80")
    cli("new", "Leeg", "-g", "tafel 1", "-g", "tafel 2", "-g", "tafel 3")
    out = keyed(ENTER * 4, "replay", "-e", "bingo").stdout
    assert "1/2 · " in out and "2/2 · " in out and "3/" not in out  # the exercise's intro, then one slide
    assert "· tafel 1" in out and "· tafel 3" in out and "Groep: tafel" not in out


def test_a_whole_replay_opens_with_the_kits_letter_and_ends_with_its_whole_closing_title(keyed, cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "40")
    cli("new", "Leeg")
    out = keyed(ENTER * 40 + "q", "replay").stdout
    assert out.index("Beste sector,") < out.index("T0 · Bingo")
    assert "— TOCHT - 7 september 2017, CC Strombeek" in out
    assert "╭─ Nieuwe allianties voor de podiumkunsten in de lokale gemeenschap ─" in out  # the closing's title, whole


def test_a_follow_ups_carried_answers_are_shown_marked_as_show_prints_them(keyed, cli):
    """The trial's `show` printed a plan step carried over "(vorige keer)" while `replay` listed it as
    "nog niet beantwoord": replay shows what show and the exports show, marked so."""
    earlier = cli("new", "Voorjaar").stdout.strip()
    cli("steps", "set", "1", "--action", "Koffie met de schepen", "--who", "Els")
    cli("new", "Zomer", "--from", earlier)
    out = keyed(ENTER + "q", "replay", "-e", "T4").stdout
    shown = re.sub(r"\s+", " ", out)  # \s: a no-break space too
    assert "Koffie met de schepen (vorige keer)" in shown and "Els (vorige keer)" in shown and "nog niet beantwoord" not in shown
