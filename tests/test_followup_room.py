"""The follow-up round in a room: the screen shows the step large and the phones' marks as they come; the
facilitator's save settles it for the meeting (the status most phones marked)."""

from __future__ import annotations

import json

import pytest

from tests.helpers.room import csrf, open_room


@pytest.fixture
def round_room(run, cli):
    march = cli("new", "Maart", "-g", "tafel 1", "-g", "tafel 2", "--date", "2027-03-01").stdout.strip()
    cli("steps", "set", "1", "--action", "Schepen <b>uitnodigen</b>", "--who", "Ann", "--by", "2027-04-01", "-g", "tafel 1")
    june = cli("new", "Juni", "--from", march).stdout.strip()
    arena = open_room(run.workspace(june))
    arena.room.goto(arena.room.kit.exercises[0], "v1")
    yield arena
    arena.close()


def mark(arena, phone, status: str, comment: str = "", code: int = 200) -> str:
    page = phone.get("/p")
    sent = phone.post(
        "/p/vote", data={"csrf": csrf(page.text), "exercise": "opvolging", "item": "v1", "status": status, "comment": comment}
    )
    assert sent.status_code == code, sent.text
    return sent.text


def test_phones_mark_the_step_and_the_screen_shows_the_marks_as_they_come(round_room, cli):
    arena = round_room
    screen = arena.screen()
    first = screen.get("/screen").text
    assert "Schepen &lt;b&gt;uitnodigen&lt;/b&gt;" in first and "Ann" in first and "1 april 2027" in first  # large, escaped
    phones = [arena.phone("tafel 1"), arena.phone("tafel 2"), arena.phone("tafel 2")]
    assert "Ann" in phones[0].get("/p").text  # the phone shows who and by when too
    mark(arena, phones[0], "vast", "geen <script>afspraak</script>")
    mark(arena, phones[1], "vast")
    mark(arena, phones[2], "bezig", "bijna")
    shown = screen.get("/screen").text
    assert "geen &lt;script&gt;afspraak&lt;/script&gt;" in shown and "bijna" in shown and "vast" in shown  # before any reveal
    assert ">Commentaar <" in shown and "Argumenten" not in shown  # what the phones wrote beside a status: comments
    assert json.loads(cli("followup", "--json").stdout)[0]["status"] is None  # marks are not the settled status
    said = arena.control(screen, "tally")
    assert "bewaard voor de hele bijeenkomst: vast" in said and "tafel" not in said  # saved once, for the meeting
    settled = json.loads(cli("followup", "--json").stdout)[0]
    assert settled["status"] == "vast"
    # by no one; a comment marked with another status keeps it, so it never reads as said of the settled one
    assert settled["comment"] == "geen <script>afspraak</script> · bezig: bijna" and not settled["settled_by"]
    arena.control(screen, "tally")  # saved again: nothing twice
    assert json.loads(cli("followup", "--json").stdout)[0]["comment"] == "geen <script>afspraak</script> · bezig: bijna"
    summary = cli("export", "--format", "md").stdout.split("## De zaal")[1]
    assert "| Schepen &lt;b>uitnodigen&lt;/b> | minder dan 3 stemmen" in summary and "| ja |" in summary  # saved as one
    assert "v1" not in summary and "- Schepen &lt;b>uitnodigen&lt;/b> · bezig: bijna" in summary  # the action's words


def test_on_a_tie_every_comment_keeps_the_status_it_came_with(round_room, cli):
    """Nothing settles on a tie, so no comment is the settled status's: each says its own, in the kit's word and
    order, the participant's text as typed (an English phone's too)."""
    arena = round_room
    screen = arena.screen()
    mark(arena, arena.phone("tafel 1"), "vast", "geen budget")
    mark(arena, arena.phone("tafel 2"), "gedaan", "Went well, 2 artists")
    arena.control(screen, "tally")
    settled = json.loads(cli("followup", "--json").stdout)[0]
    assert settled["status"] is None and settled["comment"] == "gedaan: Went well, 2 artists · vast: geen budget"


def test_a_mark_is_refused_without_the_rooms_token_and_outside_the_statuses(round_room):
    arena = round_room
    phone = arena.phone("tafel 1")
    refused = phone.post("/p/vote", data={"csrf": "0" * 32, "exercise": "opvolging", "item": "v1", "status": "vast"})
    assert refused.status_code in (400, 403)
    assert "vast" not in str(arena.room.ws.store.ballots(arena.room.ws.id))
    mark(arena, phone, "misschien", code=400)
    mark(arena, phone, "vast", "x" * 5000, code=400)


def test_with_owner_marks_only_the_table_that_promised_the_step_marks_it(run, cli, tmp_path):
    """Issue 20 §1 "phones (any table, or the owner) mark it": `tocht room --owner-marks` keeps the session's choice;
    another table's phone is told who marks the step instead of its form, and a mark it sends anyway is refused."""
    march = cli("new", "Maart", "-g", "tafel 1", "-g", "tafel 2", "--date", "2027-03-01").stdout.strip()
    cli("steps", "set", "1", "--action", "Schepen uitnodigen", "--who", "Ann", "-g", "tafel 2")
    june = cli("new", "Juni", "--from", march).stdout.strip()
    from tocht_cli.sessions.followup import keep_owner_marks

    keep_owner_marks(run.workspace(june), True)  # what `tocht room --owner-marks` does before it serves
    arena = open_room(run.workspace(june))
    try:
        arena.room.goto(arena.room.kit.exercises[0], "v1")
        other, owner = arena.phone("tafel 1"), arena.phone("tafel 2")
        page = other.get("/p").text
        assert "Hier antwoordt alleen tafel 2." in page and 'action="/p/vote"' not in page
        token = csrf(other.get("/p/table/rollen").text)  # the phone's own token, from a page that has a form
        sent = other.post("/p/vote", data={"csrf": token, "exercise": "opvolging", "item": "v1", "status": "vast"})
        assert sent.status_code == 409 and "Hier antwoordt alleen tafel 2." in sent.text  # sent anyway: refused
        mark(arena, owner, "bezig")
        assert [b["group"] for b in run.store.ballots(june)] == ["tafel 2"]
    finally:
        arena.close()
    exported = tmp_path / "juni.json"
    exported.write_text(cli("export", june, "-f", "json").stdout, encoding="utf-8")
    copy = cli("import", str(exported), "--yes").stdout.strip()
    assert run.store.session(copy)["followup"]["owner_marks"] is True  # the choice travels with the round
    refused = cli("room", "--owner-marks", march, ok=False)
    assert refused.exit_code == 2 and "no follow-up round" in refused.stderr and "Traceback" not in refused.stderr


def test_any_table_marks_by_default_and_the_kit_may_say_otherwise(round_room, run):
    arena = round_room
    assert not arena.room.kit.exercises[0].spec.owner_marks  # the 2017 kit: any table
    mark(arena, arena.phone("tafel 2"), "vast")  # tafel 1 promised it; tafel 2's phone marks it all the same


@pytest.fixture
def third_meeting(run, cli):
    """A step promised in March, marked in June's round (under way, with a comment), asked again in September."""
    march = cli("new", "Maart", "-g", "tafel 1", "--date", "2027-03-01").stdout.strip()
    cli("steps", "set", "1", "--action", "Schepen uitnodigen", "--who", "Ann", "-g", "tafel 1")
    june = cli("new", "Juni", "--from", march).stdout.strip()
    cli("followup", "set", "v1", "bezig", "--comment", "tweede gesprek <b>volgt</b>")
    september = cli("new", "September", "--from", june).stdout.strip()
    arena = open_room(run.workspace(september))
    arena.room.goto(arena.room.kit.exercises[0], arena.room.kit.exercises[0].kind.items(arena.room.kit.exercises[0])[0].id)
    yield arena
    arena.close()


def test_a_phone_sees_the_steps_status_and_comment_from_last_time_as_the_walk_shows_them(third_meeting):
    page = third_meeting.phone("tafel 1").get("/p").text
    assert '<p class="earlier">Vorige keer: bezig · tweede gesprek &lt;b&gt;volgt&lt;/b&gt;</p>' in page  # escaped, as typed


def test_an_english_phone_reads_the_rounds_step_and_its_status_last_time_in_english(third_meeting):
    phone = third_meeting.phone("tafel 1")
    page = phone.post("/p/language", data={"csrf": csrf(phone.get("/p").text), "language": "en"}).text
    assert "get to know each other" in page and "leer elkaar kennen" not in page  # the kit's words, in the phone's
    assert '<p class="earlier">Last time: under way · tweede gesprek &lt;b&gt;volgt&lt;/b&gt;</p>' in page  # a comment as typed
