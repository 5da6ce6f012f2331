"""`tocht show` gives an exercise's total where more than one table counted hands, as the handouts do (room
trial, issue 18: the hands of a table kept to the total were nowhere in `show`)."""

from __future__ import annotations


def words(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace(" · ", " ").split())


def test_the_total_adds_every_tables_hands_a_small_ones_too(cli):
    cli("new", "Drie tafels", "-g", "tafel 1", "-g", "tafel 2", "-g", "tafel 3")
    cli("statements", "vote", "A1", "-g", "tafel 1", "-p", "eens", "--agree", "4", "--disagree", "1")
    cli("statements", "vote", "A1", "-g", "tafel 2", "-p", "oneens", "--agree", "1", "--disagree", "1")  # two people: below k
    cli("statements", "vote", "A1", "-g", "tafel 3", "-p", "eens", "--agree", "3", "--disagree", "2", "--unsure", "1")
    shown = cli("show", "-e", "stellingen").stdout
    total = shown.split("\nTotaal\n", 1)[1].split("Groep: tafel 1", 1)[0]
    assert "eens 8 oneens 4 twijfel 1" in words(total)  # every hand, tafel 2's too
    assert "eens 1 oneens 1" not in words(shown)  # and still no small table's own
    assert "Totaal" not in cli("show", "-e", "stellingen", "-g", "tafel 1").stdout  # one table's view: its own


def test_no_total_where_one_table_counted(cli):
    cli("new", "Twee tafels", "-g", "tafel 1", "-g", "tafel 2")
    cli("statements", "vote", "A1", "-g", "tafel 1", "-p", "eens", "--agree", "4", "--disagree", "1")
    cli("statements", "vote", "A1", "-g", "tafel 2", "-p", "oneens")
    assert "\nTotaal\n" not in cli("show", "-e", "stellingen").stdout


def test_replay_says_why_a_small_tables_position_is_not_shown(cli, run):
    """Replay showed "–" for the position of a table kept to the total, as if it had not answered (room trial, issue 18)."""
    from tocht_cli.render.styled import lines_of
    from tocht_cli.reports.screens import slides

    sid = cli("new", "Drie tafels", "-g", "tafel 1", "-g", "tafel 2", "-g", "tafel 3").stdout.strip()
    cli("statements", "vote", "A1", "-g", "tafel 1", "-p", "eens", "--agree", "4", "--disagree", "1")
    cli("statements", "vote", "A1", "-g", "tafel 2", "-p", "oneens", "--agree", "1", "--disagree", "1")  # below k
    cli("statements", "vote", "A1", "-g", "tafel 3", "-p", "eens", "--agree", "3", "--disagree", "2", "--unsure", "1")
    ws = run.workspace(sid)
    _title, body = slides(ws, ws.kit.exercise("stellingen"))[0]
    rows = [words(line.plain.replace("│", " ")) for line in lines_of(body, 400)]
    assert "Standpunt eens minder dan 3 stemmen: alleen in het totaal eens" in rows  # the total has no position: blank
    assert "Belangrijkste argumenten – – –" in rows  # what nobody said is still "–"
