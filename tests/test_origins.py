"""Each count carries its origin: the room's phones, hands typed by the facilitator, or a paper worksheet typed in
afterwards (issue 20 §4); stamped when the counts change, read as meant in a file from before, checked as it is read."""

from __future__ import annotations

import json

from tests.helpers.facilitator import POSITIONS, Facilitator
from tests.helpers.room import to_statement


def stored(run, session_id: str) -> dict[tuple[str, str, str], dict]:
    """The session file's answers as written, by (exercise, item, group)."""
    doc = json.loads(run.store.session_file(session_id).read_text(encoding="utf-8"))
    return {(a["exercise"], a["item"], a["group"]): a for a in doc["answers"].values()}


def test_hands_typed_in_say_where_they_came_from_and_keep_it_until_the_hands_change(cli, run, two_groups):
    cli("statements", "vote", "A1", "-g", "tafel 1", "--agree", "4", "--disagree", "1", "--origin", "paper")
    cli("statements", "vote", "A2", "-g", "tafel 1", "--agree", "2")
    assert stored(run, two_groups)["stellingen", "A1", "tafel 1"]["origin"] == "paper"
    assert stored(run, two_groups)["stellingen", "A2", "tafel 1"]["origin"] == "hands"  # the default: counted in the room
    cli("statements", "vote", "A1", "-g", "tafel 1", "--note", "later typed")  # the hands unchanged: still from paper
    assert stored(run, two_groups)["stellingen", "A1", "tafel 1"]["origin"] == "paper"
    cli("statements", "vote", "A1", "-g", "tafel 1", "--agree", "5")  # counted again in the room
    assert stored(run, two_groups)["stellingen", "A1", "tafel 1"]["origin"] == "hands"


def test_an_answer_without_counts_has_no_origin(cli, run, two_groups):
    cli("statements", "vote", "A1", "-g", "tafel 1", "--position", "eens", "--origin", "paper")
    cli("roles", "set", "1", "-g", "tafel 1", "--now", "samen")
    assert all("origin" not in doc for doc in stored(run, two_groups).values())


def test_only_commands_that_record_counts_take_an_origin(cli):
    assert "--origin" in cli("statements", "vote", "--help").stdout
    assert "--origin" in cli("dotvote", "set", "--help").stdout
    assert "--origin" not in cli("roles", "set", "--help").stdout
    assert "--origin" not in cli("statements", "clear", "--help").stdout


def test_the_rooms_tally_comes_from_the_phones(arena, run):
    to_statement(arena, "A3")
    arena.vote(arena.phone("tafel 1"), "eens")
    arena.vote(arena.phone("tafel 2"), "oneens")
    arena.room.save_tally()
    answers = stored(run, arena.room.ws.id)
    assert {answers["stellingen", "A3", g]["origin"] for g in ("tafel 1", "tafel 2")} == {"phones"}


def test_a_file_from_before_origins_reads_phones_where_the_tables_phones_voted_and_hands_elsewhere(arena, run, cli):
    to_statement(arena, "A3")
    arena.vote(arena.phone("tafel 1"), "eens")
    arena.room.save_tally()
    sid = arena.room.ws.id
    cli("statements", "vote", "A4", "-g", "tafel 2", "--agree", "3", "-s", sid)
    path = run.store.session_file(sid)
    doc = json.loads(path.read_text(encoding="utf-8"))
    for answer in doc["answers"].values():
        answer.pop("origin", None)  # as an older tocht wrote it
    path.write_text(json.dumps(doc), encoding="utf-8")
    exported = {(a["item"], a["group"]): a.get("origin") for a in json.loads(cli("export", sid, "-f", "json").stdout)["answers"]}
    assert exported["A3", "tafel 1"] == "phones" and exported["A4", "tafel 2"] == "hands"


def test_an_origin_edited_into_something_else_is_a_damaged_file(cli, run, session):
    cli("statements", "vote", "A1", "--agree", "3")
    path = run.store.session_file(session)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["answers"]["1"]["origin"] = "pigeons"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = cli("statements", ok=False)
    assert result.exit_code == 5 and "pigeons" in result.stderr and "Traceback" not in result.stderr


def test_an_export_keeps_each_origin_and_an_import_refuses_an_unknown_one(cli, tmp_path, two_groups):
    cli("statements", "vote", "A1", "-g", "tafel 1", "--agree", "4", "--origin", "paper")
    cli("statements", "vote", "A1", "-g", "tafel 2", "--agree", "1")
    exported = json.loads(cli("export", "-f", "json").stdout)
    assert [a["origin"] for a in exported["answers"]] == ["paper", "hands"]
    copy = cli("import", "-", "--yes", "--name", "Kopie", input=json.dumps(exported)).stdout.strip()
    assert [a["origin"] for a in json.loads(cli("export", copy, "-f", "json").stdout)["answers"]] == ["paper", "hands"]
    exported["answers"][0]["origin"] = "pigeons"
    refused = cli("import", "-", "--yes", "--name", "Fout", input=json.dumps(exported), ok=False)
    assert refused.exit_code == 4 and "origin" in refused.stderr


def test_a_worksheet_typed_in_through_the_walk_says_paper_and_the_resume_line_keeps_saying_it(keyed, run, session):
    room = Facilitator()
    room.begin()
    room.pick("eens", among=POSITIONS)  # A1
    room.answer("5 2 1")  # the hands on the worksheet
    room.keep()  # no argument
    room.stop_with_ctrl_c()  # at A2
    result = keyed(room.keys, "run", "-e", "stellingen", "--origin", "paper", code=130)
    assert stored(run, session)["stellingen", "A1", "groep 1"]["origin"] == "paper"
    assert "--origin paper" in result.stderr


def test_a_tables_counts_are_headed_by_where_they_came_from_in_show_and_every_export(arena, run, cli):
    """The trial: phone votes were headed "Handen" in the per-table sections although their origin is stored:
    a table whose phones voted says "Telefoons", one whose hands were counted keeps the kit's "Handen",
    one that mixed says "Telling" and each row its own (a column headed "Telefoons · handen" lied about most of its
    rows, room trial, issue 18); in show, Markdown and HTML alike."""
    to_statement(arena, "A3")
    for _ in range(3):  # as many as a table's votes must be to be shown apart (k = 3)
        arena.vote(arena.phone("tafel 1"), "eens")  # not saved as a tally: the phones' answers count as given
    sid = arena.room.ws.id
    cli("statements", "vote", "A4", "-g", "tafel 2", "--agree", "3", "-s", sid)
    cli("statements", "vote", "A5", "-g", "tafel 2", "--agree", "4", "--origin", "paper", "-s", sid)
    shown = cli("show", sid, "-e", "stellingen", "--no-pager").stdout
    one, two = shown.split("Groep: tafel 2")
    assert "Telefoons" in one.split("Groep: tafel 1")[1] and "Handen" not in one.split("Groep: tafel 1")[1]
    assert "Telling" in two and "Handen" not in two and "(handen)" in two and "(papier)" in two
    md = cli("export", sid, "--format", "md").stdout
    assert "| # |  | Standpunt | Telefoons |" in md and "| # |  | Standpunt | Telling |" in md
    assert "3 (handen) |" in md and "4 (papier) |" in md  # each row says its own
    assert "| # |  | tafel 1 | tafel 2 | Telling |" in md  # the total's column: never "Handen" over phones' counts
    page = cli("export", sid, "--format", "html").stdout
    assert 'data-label="Telefoons"' in page
    assert ">Handen<" not in page  # the totals' chart is headed as its table's column ("Telling"), not the kit's "Handen"
