"""`tocht room`'s web app in-process: joining, voting, revealing, saving the tally, and what it refuses."""

from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from tests.helpers.room import BASE, Arena, cross, csrf, open_room, room_of_two_tables, to_statement
from tocht_cli.room.limits import Buckets
from tocht_cli.room.middleware import address_host

POSITIONS = ("eens", "oneens", "twijfel")

A1 = "Je gaat gewoon in op wat er leeft bij mensen, we gaan niet op zoek naar wat het publiek zou willen. Het is een dunne lijn, maar toch: luisteren naar waar mensen in je gemeenschap mee zitten. Door je expertise kan je aanvoelen wat iets voor je publiek kan zijn."  # the kit's statements: the room's part names them whole
A2 = "Mensen moeten toch ook geconfronteerd worden met dingen die ze nog niet kennen?!"


def ballots(arena: Arena) -> list[dict]:
    return arena.room.ws.store.ballots(arena.room.ws.id)


def test_a_vote_is_in_the_session_file_with_its_device_and_table_and_nothing_else(arena):
    to_statement(arena)
    phone = arena.phone("tafel 2")
    arena.vote(phone, "oneens", "Te duur")
    (saved,) = ballots(arena)
    assert {k: saved[k] for k in ("exercise", "item", "group", "value")} == {
        "exercise": "stellingen",
        "item": "A1",
        "group": "tafel 2",
        "value": {"position": "oneens", "argument": "Te duur"},
    }
    assert set(saved) == {"exercise", "item", "group", "device", "value", "at"}  # no address, no browser
    assert len(saved["device"]) == 24


def test_one_device_has_one_vote_per_item_and_can_change_it(arena):
    to_statement(arena)
    phone = arena.phone("tafel 1")
    arena.vote(phone, "eens")
    arena.vote(phone, "twijfel")
    assert [b["value"]["position"] for b in ballots(arena)] == ["twijfel"]
    assert 'value="twijfel" checked' in phone.get("/p").text


def test_the_screen_shows_the_tally_only_after_the_reveal(arena):
    to_statement(arena)
    for n, position in enumerate(["eens", "eens", "oneens"]):
        arena.vote(arena.phone(f"tafel {1 + n % 2}"), position)
    screen = arena.screen()
    hidden = screen.get("/screen/live").text
    assert "3" in hidden and 'class="tally"' not in hidden
    arena.control(screen, "reveal")
    shown = screen.get("/screen/live").text
    assert 'class="tally"' in shown
    assert arena.room.tally(arena.room.stop.exercise, "A1") == {
        "tafel 1": {"eens": 1, "oneens": 1, "twijfel": 0},
        "tafel 2": {"eens": 1, "oneens": 0, "twijfel": 0},
    }
    arena.control(screen, "reveal")  # hidden again
    assert 'class="tally"' not in screen.get("/screen/live").text


def test_saving_the_tally_makes_the_tables_hands_and_notes_in_the_summary(arena, cli):
    to_statement(arena, "A3")
    arena.vote(arena.phone("tafel 1"), "eens", "Het publiek eerst")
    arena.vote(arena.phone("tafel 1"), "twijfel")
    arena.vote(arena.phone("tafel 2"), "oneens", "Te weinig tijd")
    arena.control(arena.screen(), "tally")
    doc = json.loads(cli("statements", "--json", "-s", arena.room.ws.id).stdout)
    assert doc["tafel 1"]["A3"] == {"position": None, "counts": {"eens": 1, "oneens": 0, "twijfel": 1}, "note": "• Het publiek eerst"}
    assert doc["tafel 2"]["A3"]["counts"] == {"eens": 0, "oneens": 1, "twijfel": 0}
    summary = cli("export", arena.room.ws.id, "--min-votes", "1").stdout  # k: test_disclosure.py
    assert "Te weinig tijd" in summary and "eens 1" in summary
    assert (
        "te laag is kun je daar sterk op afgerekend worden. | eens 1 · twijfel 1 | oneens 1 | eens 1 · oneens 1 · twijfel 1 | ja |"
        in summary
    )
    arena.vote(arena.phone("tafel 2"), "eens")  # a vote after the save: tafel 1's hands are saved, tafel 2's not
    assert "| eens 2 · oneens 1 · twijfel 1 | tafel 1 |" in cli("export", arena.room.ws.id).stdout


def test_saving_the_tally_twice_keeps_what_the_facilitator_typed_and_adds_no_argument_twice(arena, cli):
    to_statement(arena, "A2")
    cli("statements", "vote", "A2", "-g", "tafel 1", "--position", "eens", "--note", "Eigen notitie", "-s", arena.room.ws.id)
    arena.vote(arena.phone("tafel 1"), "eens", "Goed idee")
    arena.room.save_tally()
    arena.room.save_tally()
    doc = json.loads(cli("statements", "--json", "-s", arena.room.ws.id, "-g", "tafel 1").stdout)
    assert doc["tafel 1"]["A2"] == {
        "position": "eens",
        "counts": {"eens": 1, "oneens": 0, "twijfel": 0},
        "note": "Eigen notitie\n• Goed idee",
    }


def test_hostile_text_stays_text_on_the_screen_and_the_phones(arena):
    to_statement(arena)
    attack = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    arena.vote(arena.phone("tafel 1"), "eens", attack)
    screen = arena.screen()
    arena.control(screen, "reveal")
    page = screen.get("/screen/live").text
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page


def test_a_vote_for_an_item_the_room_left_or_after_the_vote_closed_is_refused(arena):
    to_statement(arena, "A1")
    phone = arena.phone("tafel 1")
    page = phone.get("/p").text
    arena.room.step(1)  # the facilitator moves on to A2
    sent = phone.post("/p/vote", data={"csrf": csrf(page), "exercise": "stellingen", "item": "A1", "position": "eens", "argument": ""})
    assert sent.status_code == 409
    assert ballots(arena) == []


def test_the_vote_closes_when_the_timer_runs_out_if_asked(arena):
    clock = [1000.0]
    arena.room.clock = arena.room.timer.clock = lambda: clock[0]
    to_statement(arena)
    phone = arena.phone("tafel 1")
    arena.room.timer_start()
    assert arena.room.timer_closes() is True
    arena.vote(phone, "eens")
    clock[0] += 3 * 60 + 1
    arena.vote(phone, "oneens", status=409)
    assert [b["value"]["position"] for b in ballots(arena)] == ["eens"]
    arena.room.timer_extend()  # a minute more: open again
    arena.vote(phone, "oneens")
    clock[0] += 30
    arena.room.step(1)
    assert arena.room.timers == {"stellingen/A1": 210}  # the seconds it actually ran: 3 minutes, then 30 s of the extra one


def test_nothing_answers_without_the_join_token_or_with_a_forged_one(arena):
    stranger = arena.client()
    assert stranger.get("/p").status_code == 403
    assert stranger.get("/j/" + "A" * 22).status_code == 403
    assert stranger.get("/p").status_code == 403
    stranger.cookies.set("tocht_device", "eyJkIjoiMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwIn0.00000000000000000000000000000000")
    assert stranger.get("/p").status_code == 403
    assert stranger.get("/screen").status_code == 403
    assert stranger.get("/screen/events").status_code == 403
    page = stranger.get("/")  # the PIN form is all there is
    assert page.status_code == 200 and "stellingen" not in page.text.lower()


def test_a_participant_is_not_the_facilitator(arena):
    phone = arena.phone("tafel 1")
    assert phone.get("/screen").status_code == 403
    page = phone.get("/p").text
    assert phone.post("/screen/do", data={"csrf": csrf(page), "do": "next"}).status_code == 403
    assert arena.room.at == 0


def test_a_forged_csrf_token_changes_nothing(arena):
    to_statement(arena)
    phone = arena.phone("tafel 1")
    other = arena.phone("tafel 2")
    token_of_other = csrf(other.get("/p").text)
    data = {"exercise": "stellingen", "item": "A1", "position": "eens", "argument": ""}
    assert phone.post("/p/vote", data={**data, "csrf": token_of_other}).status_code == 403
    assert phone.post("/p/vote", data=data).status_code == 403
    screen = arena.screen()
    assert screen.post("/screen/do", data={"do": "next", "csrf": token_of_other}).status_code == 403
    assert ballots(arena) == [] and arena.room.stop.item.id == "A1"


def test_the_pin_lets_in_and_is_tried_only_a_few_times_a_minute(arena):
    visitor = arena.client()
    form = visitor.get("/")
    wrong = visitor.post("/", data={"csrf": csrf(form.text), "pin": "x"})
    assert wrong.url.query == b"problem=1"
    right = visitor.post("/", data={"csrf": csrf(form.text), "pin": arena.room.keys.pin})
    assert right.url.path == "/p/join"
    for _ in range(12):
        last = visitor.post("/", data={"csrf": csrf(form.text), "pin": "000000"})
    assert last.status_code == 429


def test_a_device_that_sends_too_much_is_slowed_down(arena):
    """Its burst of 20 posts, then no more while the clock stands still (a busy machine's slow posts would
    otherwise earn back a token each half second)."""
    arena.site.posts = Buckets(burst=20, rate=2, clock=lambda: 0.0)
    to_statement(arena)
    phone = arena.phone("tafel 1")
    token = csrf(phone.get("/p").text)
    codes = [
        phone.post("/p/vote", data={"csrf": token, "exercise": "stellingen", "item": "A1", "position": "eens"}).status_code
        for _ in range(30)
    ]
    allowed = codes.count(200)  # what is left of its burst (joining the room took some)
    assert allowed >= 15 and codes == [200] * allowed + [429] * (30 - allowed)


def test_bodies_are_limited_and_hosts_must_be_addresses(arena):
    phone = arena.phone("tafel 1")
    assert phone.post("/p/vote", content=b"x" * 70_000, headers={"content-type": "application/x-www-form-urlencoded"}).status_code == 413
    assert phone.get("/p", headers={"host": "evil.example:8017"}).status_code == 421
    assert address_host("192.168.1.20:8017") and address_host("[fe80::1]:8017") and address_host("localhost:8017")
    assert not address_host("rebind.example.com:8017")


def test_a_refused_request_and_a_forged_form_each_get_one_message_line_and_no_server_log(arena, capsys, caplog):
    """The trial's `curl -H 'Host: evil.example'` printed uvicorn's "WARNING:  …" over the walk's status line."""
    phone = arena.phone("tafel 1")
    capsys.readouterr()
    assert phone.get("/p", headers={"host": "evil.example:8017"}).status_code == 421
    forged = phone.post("/p/vote", data={"csrf": "x", "exercise": "stellingen", "item": "A1", "position": "eens"})
    assert forged.status_code == 403
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and lines[0] == "refused a request: 421 misdirected request"
    assert lines[1] == "refused a request: 403 a form without its device's token"  # the facilitator's language, not the page's
    assert "WARNING" not in "".join(lines)
    assert not [r for r in caplog.records if r.name.startswith("uvicorn")]


def test_a_message_while_a_question_is_asked_is_drawn_above_it_from_any_thread(monkeypatch):
    """Written straight to the terminal it would land on the question and its status line."""
    import io
    import threading

    from prompt_toolkit.application import Application
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from tocht_cli.render import output
    from tocht_cli.room.console import above_prompt

    output.draw_above(above_prompt)  # as `tocht run --room` and `tocht room` do
    written: list[tuple[str, bool]] = []

    class Stderr(io.StringIO):
        def write(self, text: str) -> int:
            written.append((text, threading.current_thread() is threading.main_thread()))
            return len(text)

    monkeypatch.setattr("sys.stderr", Stderr())
    with create_pipe_input() as pipe:
        app: Application[None] = Application(input=pipe, output=DummyOutput())

        def from_the_server() -> None:
            output.message("refused a request: 421 misdirected request")
            app.loop.call_soon_threadsafe(lambda: app.exit())  # after the line: the loop runs its calls in order

        app.pre_run_callables.append(lambda: threading.Thread(target=from_the_server).start())
        app.run()
    assert written == [("refused a request: 421 misdirected request\n", True)]  # drawn by the prompt's own loop


def test_static_files_are_named_by_content_and_kept_by_the_browser(arena):
    """A page names each static file with its content hash; that address may be kept for a year, while any
    other address of it is asked again (the ETag answers 304), and pages themselves are never stored."""
    phone = arena.phone("tafel 1")
    page = phone.get("/p")
    assert page.headers["cache-control"] == "no-store"
    names = re.findall(r'(/static/[a-z]+\.(?:js|css)\?v=[0-9a-f]{12})"', page.text)
    assert any(n.startswith("/static/room.css?v=") for n in names) and any(n.startswith("/static/live.js?v=") for n in names)
    for address in names:
        kept = phone.get(address)
        assert kept.status_code == 200 and kept.headers["cache-control"] == "public, max-age=31536000, immutable"
    for address in ("/static/room.css", "/static/room.css?v=000000000000"):
        asked = phone.get(address)
        assert asked.headers["cache-control"] == "no-cache" and "etag" in asked.headers
        again = phone.get(address, headers={"if-none-match": asked.headers["etag"]})
        assert again.status_code == 304


def test_every_page_carries_a_strict_content_security_policy(arena):
    phone = arena.phone("tafel 1")
    for response in (phone.get("/p"), arena.client().get("/"), phone.get("/static/room.css")):
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "form-action 'self'" in policy
        assert "unsafe-inline" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_pages_have_no_inline_script_or_style(arena):
    to_statement(arena)
    phone = arena.phone("tafel 1")
    screen = arena.screen()
    for page in (phone.get("/p").text, screen.get("/screen").text, screen.get("/control").text, arena.client().get("/").text):
        assert "<script>" not in page and " style=" not in page and "onclick" not in page
        said = page.replace("<wbr>", "").replace('<span class="host">', "")  # the join address, whole
        assert "http://" not in said.replace(BASE, "")  # nothing from outside the room


def test_a_room_stopped_and_started_again_is_where_it_was_with_every_vote(run, arena, cli):
    to_statement(arena, "A4")
    arena.vote(arena.phone("tafel 1"), "eens")
    arena.control(arena.screen(), "reveal")
    sid = arena.room.ws.id
    arena.close()
    again = open_room(run.workspace(sid))
    try:
        assert again.room.stop.item.id == "A4" and again.room.is_revealed()
        assert again.room.tally(again.room.stop.exercise, "A4") == {"tafel 1": {"eens": 1, "oneens": 0, "twijfel": 0}}
    finally:
        again.close()


def test_renaming_a_table_takes_its_participants_votes_along(run, arena, cli):
    to_statement(arena)
    arena.vote(arena.phone("tafel 2"), "oneens")
    arena.close()
    cli("group", "rename", "tafel 2", "tafel Noord", "-s", arena.room.ws.id)
    assert [b["group"] for b in run.store.ballots(arena.room.ws.id)] == ["tafel Noord"]


def test_a_participant_must_choose_a_table_when_there_are_several(arena):
    phone = arena.client()
    page = phone.get(f"/j/{arena.room.keys.join}")
    assert page.url.path == "/p/join"
    assert phone.get("/p").url.path == "/p/join"
    refused = phone.post("/p/join", data={"csrf": csrf(page.text), "table": "tafel 9"})
    assert refused.status_code == 400


def test_the_doctor_reads_a_session_with_room_answers(arena, cli):
    to_statement(arena)
    arena.vote(arena.phone("tafel 1"), "eens")
    report = json.loads(cli("doctor", "--json").stdout)
    assert report["healthy"], report


def test_a_hand_edited_room_answer_of_the_wrong_shape_is_a_damaged_file_never_a_traceback(run, arena, cli):
    to_statement(arena)
    arena.vote(arena.phone("tafel 1"), "eens")
    arena.close()
    path = run.store.session_file(arena.room.ws.id)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["ballots"]["1"]["device"] = 7
    path.write_text(json.dumps(document), encoding="utf-8")
    report = json.loads(cli("doctor", "--json", ok=False).stdout)
    assert not report["healthy"] and "room answer" in report["findings"][0]["what"]
    from tocht_cli.store.storage import DamagedDatabase

    with pytest.raises(DamagedDatabase):
        open_room(run.workspace(arena.room.ws.id))


def test_every_device_plays_its_own_shuffled_card_and_reaching_the_target_is_its_win(arena):
    first, second = arena.phone("tafel 1"), arena.phone("tafel 2")
    order = [line for line in first.get("/p/card/bingo").text.splitlines() if 'name="item"' in line]
    assert order == [line for line in first.get("/p/card/bingo").text.splitlines() if 'name="item"' in line]  # the same every time
    assert order != [line for line in second.get("/p/card/bingo").text.splitlines() if 'name="item"' in line]
    for n in range(1, 10):
        cross(arena, first, f"bingo-{n}")
    assert "BINGO!" not in first.get("/p/card/bingo").text
    page = cross(arena, first, "bingo-10")
    assert 'class="win"' in page.text and "10 van 10 geschrapt" in page.text
    ex = arena.room.kit.exercise("bingo")
    ((who, table, at),) = arena.room.wins(ex)
    assert who.startswith("telefoon ") and table == "tafel 1" and at[:4].isdigit()
    screen = arena.screen().get("/screen/live").text
    assert "BINGO!" in screen and who in screen
    assert f"BINGO! 1: {who} (tafel 1)" in arena.screen().get("/control/live").text  # the laptop names them too
    assert 'class="win"' not in second.get("/p/card/bingo").text


def test_taking_crosses_back_below_the_target_takes_the_win_away(arena):
    phone = arena.phone("tafel 1")
    for n in range(1, 11):
        cross(arena, phone, f"bingo-{n}")
    cross(arena, phone, "bingo-3", crossed=False)
    ex = arena.room.kit.exercise("bingo")
    assert arena.room.wins(ex) == []
    (saved,) = ballots(arena)
    assert saved["item"] == "_" and saved["value"]["won_at"] is None and "bingo-3" not in saved["value"]["crossed"]
    assert cross(arena, phone, "nope").status_code == 409


def test_the_summary_holds_what_the_room_voted_and_who_won_the_bingo(arena, cli):
    summary = cli("export", room_of_two_tables(arena), "--min-votes", "1").stdout  # k is tested in test_disclosure.py
    room_part = summary.split("## De zaal", 1)[1]
    assert "| bewaard bij de tafels |" in room_part
    assert f"| A2 | {A2} | eens 1 | eens 1 · twijfel 1 | eens 2 · twijfel 1 | nee |" in room_part  # the tally was never saved
    assert "BINGO!" in room_part and "(tafel 2)" in room_part
    assert "## De zaal" not in cli("export", cli("new", "Zonder zaal").stdout.strip()).stdout


def test_a_table_whose_tally_was_saved_with_a_hidden_argument_counts_as_saved_as_hands(arena, cli):
    to_statement(arena, "A1")
    arena.vote(arena.phone("tafel 1"), "eens", "Goed idee")
    arena.vote(arena.phone("tafel 2"), "oneens", "Scheldwoord hier")
    (hidden,) = [b["device"] for b in ballots(arena) if b["value"].get("argument") == "Scheldwoord hier"]
    arena.room.hide_argument(hidden, True)
    arena.room.save_tally()
    room_part = cli("export", arena.room.ws.id, "--min-votes", "1").stdout.split("## De zaal", 1)[1]
    assert f"| A1 | {A1} | eens 1 | oneens 1 | eens 1 · oneens 1 | ja |" in room_part


def test_the_reports_keep_the_arguments_of_an_unsaved_tally_but_not_those_the_facilitator_hid(arena, cli, tmp_path):
    to_statement(arena, "A2")
    arena.vote(arena.phone("tafel 1"), "oneens", "Te <b>duur</b> voor ons")
    arena.vote(arena.phone("tafel 2"), "oneens", "Geen zaal vrij")
    arena.vote(arena.phone("tafel 2"), "eens", "Scheldwoord hier")
    (hidden,) = [b["device"] for b in ballots(arena) if b["value"].get("argument") == "Scheldwoord hier"]
    arena.room.hide_argument(hidden, True)  # the tally is never saved (no `s`)
    summary = cli("export", arena.room.ws.id, "--min-votes", "1").stdout.split("## De zaal", 1)[1]
    listed = summary.split("*Argumenten*\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    # in the order given, or by their words when given in the same second (ballots keep whole seconds)
    assert sorted(listed) == ["- A2 · oneens: Geen zaal vrij", "- A2 · oneens: Te &lt;b>duur&lt;/b> voor ons"]
    assert "Scheldwoord" not in summary
    page = cli("export", arena.room.ws.id, "-f", "html", "--min-votes", "1").stdout.split(">De zaal</h2>", 1)[1]
    assert "Te &lt;b&gt;duur&lt;/b&gt; voor ons" in page and "Geen zaal vrij" in page and "Scheldwoord" not in page
    cli("export", arena.room.ws.id, "-f", "pdf", "-o", str(tmp_path / "zaal.pdf"))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(tmp_path / "zaal.pdf").pages).split())
    assert "Geen zaal vrij" in text and "Te <b>duur</b> voor ons" in text and "Scheldwoord" not in text


def test_the_printed_handout_holds_what_the_room_voted_and_who_won_the_bingo(arena, cli, tmp_path):
    to_statement(arena, "A2")
    arena.vote(arena.phone("tafel 1"), "eens")
    arena.vote(arena.phone("tafel 2"), "twijfel")
    phone = arena.phone("tafel 2")
    for n in range(1, 11):
        cross(arena, phone, f"bingo-{n}")
    page = cli("export", arena.room.ws.id, "-f", "html", "--min-votes", "1").stdout
    room_part = page.split(">De zaal</h2>", 1)[1]
    assert "stemmen van de deelnemers op hun eigen telefoon" in room_part and "BINGO!" in room_part
    assert re.search(
        r"<th[^>]*>A2</th><td[^>]*>Mensen moeten toch ook geconfronteerd[^<]*</td><td[^>]*>eens 1</td><td[^>]*>twijfel 1</td><td[^>]*>eens 1 · twijfel 1</td><td[^>]*>nee</td>",
        room_part,
    )
    assert "(tafel 2)" in room_part
    cli("export", arena.room.ws.id, "-f", "pdf", "-o", str(tmp_path / "zaal.pdf"))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(tmp_path / "zaal.pdf").pages).split())
    assert (
        "De zaal" in text
        and "eens 1 · twijfel 1" in text
        and "(tafel 2)" in text
        and "bewaard bij de tafels" in text
        and "handen" not in text.split("De zaal")[1].split("\n")[0]
    )


def room_with_answers(arena: Arena) -> None:
    to_statement(arena, "A1")
    arena.vote(arena.phone("tafel 1"), "eens", "Goed")
    arena.vote(arena.phone("tafel 2"), "oneens")
    phone = arena.phone("tafel 2")
    for n in range(1, 11):
        cross(arena, phone, f"bingo-{n}")


def test_the_json_export_carries_the_rooms_answers_and_an_import_brings_them_back(arena, cli, tmp_path):
    room_with_answers(arena)
    sid = arena.room.ws.id
    arena.close()
    exported = tmp_path / "zaal.json"
    exported.write_text(cli("export", sid, "--format", "json").stdout, encoding="utf-8")
    doc = json.loads(exported.read_text(encoding="utf-8"))
    assert [(b["exercise"], b["item"], b["group"]) for b in doc["ballots"]] == [
        ("bingo", "_", "tafel 2"),
        ("stellingen", "A1", "tafel 1"),
        ("stellingen", "A1", "tafel 2"),
    ]
    again = cli("import", str(exported), "--name", "Terug", "--json").stdout
    new_id = json.loads(again)["id"]
    back = json.loads(cli("export", new_id, "--format", "json").stdout)
    assert back["ballots"] == doc["ballots"]
    assert "## De zaal" in cli("export", new_id).stdout


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda b: b.update(device="../../etc"), "expected a device's id"),
        (lambda b: b.update(item="A99"), "no item 'A99'"),
        (lambda b: b["value"].update(position="misschien"), "misschien"),
        (lambda b: b.update(group="tafel 9"), "tafel 9"),
        (lambda b: b.update(name="x" * 61), "name"),
    ],
)
def test_an_import_checks_every_room_answer_as_the_room_does(arena, cli, tmp_path, change, problem):
    room_with_answers(arena)
    sid = arena.room.ws.id
    doc = json.loads(cli("export", sid, "--format", "json").stdout)
    change(doc["ballots"][1])
    bad = tmp_path / "kapot.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    refused = cli("import", str(bad), "--name", "Kapot", ok=False)
    assert refused.exit_code == 4 and problem in refused.stderr and "ballots[1]" in refused.stderr, refused.stderr


def test_a_second_room_answer_of_one_device_for_one_item_is_refused_on_import(arena, cli, tmp_path):
    room_with_answers(arena)
    doc = json.loads(cli("export", arena.room.ws.id, "--format", "json").stdout)
    doc["ballots"].append(dict(doc["ballots"][1]))
    bad = tmp_path / "dubbel.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    refused = cli("import", str(bad), "--name", "Dubbel", ok=False)
    assert refused.exit_code == 4 and "a second room answer" in refused.stderr


def test_a_merge_keeps_the_room_answers_of_every_source_under_their_groups(run, arena, cli):
    room_with_answers(arena)
    first = arena.room.ws.id
    arena.close()
    second = cli("new", "Tweede", "-g", "tafel 1").stdout.strip()
    other = open_room(run.workspace(second))
    try:
        other.room.goto(other.room.kit.exercise("stellingen"), "A1")
        other.vote(other.phone(), "twijfel")
    finally:
        other.close()
    merged = json.loads(cli("merge", first, second, "--name", "Samen", "--json").stdout)["id"]
    groups = sorted(b["group"] for b in run.store.ballots(merged) if b["item"] == "A1")
    assert groups == ["Tweede / tafel 1", "Zaal / tafel 1", "Zaal / tafel 2"]


def test_a_named_room_says_so_on_every_page_and_keeps_the_name_as_text(run, cli):
    sid = cli("new", "Met namen", "-g", "tafel 1").stdout.strip()
    named = open_room(run.workspace(sid), named=True)
    try:
        phone = named.phone("tafel 1", name='<img src=x onerror="alert(1)">')
        for page in (phone.get("/p").text, phone.get("/p/card/bingo").text, phone.get("/p/table/rollen").text):
            assert "Zaal met namen" in page
        for n in range(1, 11):
            cross(named, phone, f"bingo-{n}")
        (ballot,) = run.store.ballots(sid)
        assert ballot["name"] == '<img src=x onerror="alert(1)">'
        screen = named.screen().get("/screen/live").text
        assert "&lt;img src=x onerror=" in screen and "<img src=x" not in screen
    finally:
        named.close()
    md = cli("export", sid).stdout
    assert "<img" not in md and "- &lt;img src=x" in md  # Markdown-escaped once: a tag would be parsed, so its < is a reference


def test_an_anonymous_room_asks_no_name_and_keeps_none(arena):
    to_statement(arena)
    phone = arena.phone("tafel 1", name="An")
    assert "Anoniem" in phone.get("/p").text and "Zaal met namen" not in phone.get("/p").text
    arena.vote(phone, "eens")
    assert "name" not in ballots(arena)[0]


def test_a_saved_tally_counts_the_statement_as_discussed(arena, cli):
    to_statement(arena, "A3")
    arena.vote(arena.phone("tafel 1"), "eens")
    before = json.loads(cli("show", "--json", "--brief", "-s", arena.room.ws.id).stdout)["progress"]["stellingen"]
    arena.control(arena.screen(), "tally")
    after = json.loads(cli("show", "--json", "--brief", "-s", arena.room.ws.id).stdout)["progress"]["stellingen"]
    assert after["tafel 1"]["done"] == before["tafel 1"]["done"] + 1
    assert after["tafel 2"]["done"] == before["tafel 2"]["done"]  # no vote at that table: nothing saved


def test_bingo_on_the_phones_counts_per_table_in_the_exercise_and_its_progress(arena, cli):
    winner, other = arena.phone("tafel 2"), arena.phone("tafel 1")
    for n in range(1, 11):
        cross(arena, winner, f"bingo-{n}")
    for n in range(1, 4):
        cross(arena, other, f"bingo-{n}")
    sid = arena.room.ws.id
    progress = json.loads(cli("show", "--json", "--brief", "-s", sid).stdout)["progress"]["bingo"]
    assert progress == {"tafel 1": {"done": 3, "total": 10}, "tafel 2": {"done": 10, "total": 10}}
    assert re.search(r"Bingo +│ +3/10 │ ✓ 10/10", cli().stdout)  # bare `tocht`: where the session stands
    ((who, _table, at),) = arena.room.wins(arena.room.kit.exercise("bingo"))
    shown = " ".join(cli("bingo", "-s", sid, "-g", "tafel 2").stdout.split())  # the one-line account, wrapped at the width
    assert "1 kaart gespeeld op een telefoon" in shown and f"BINGO! {who} (bingo om {at[11:16]})" in shown
    assert "beste kaart 10 / 10 geschrapt (telefoon) · 1 kaart gespeeld op een telefoon" in shown
    assert "Het zijn spannende tijden" not in shown and not re.search(r"(?<!\d)0 / 10", shown)  # nothing crossed on its own card: no card
    summary = cli("export", sid).stdout
    assert "**tafel 2**: beste kaart 10 / 10 geschrapt (telefoon) · 1 kaart gespeeld op een telefoon · BINGO!" in summary
    assert not re.search(r"(?<!\d)0 / 10 geschrapt", summary)  # one account per table, as its progress counts it
    page = cli("export", sid, "-f", "html").stdout
    assert "beste kaart 10 / 10 geschrapt (telefoon) · 1 kaart gespeeld op een telefoon" in page and not re.search(
        r"(?<!\d)0 / 10 geschrapt", page
    )
    assert '<figure class="card">' not in page  # no table crossed on its own card: no empty card under its account


def test_a_table_renamed_from_another_terminal_carries_on_under_its_new_name(arena, cli):
    to_statement(arena)
    phone = arena.phone("tafel 2")
    cli("group", "rename", "tafel 2", "tafel Noord", "-s", arena.room.ws.id)
    arena.room.follow()  # what the room's watcher does within a second
    assert arena.room.groups == ["tafel 1", "tafel Noord"]
    assert "tafel Noord" in phone.get("/p/join").text
    arena.vote(phone, "eens")
    assert [b["group"] for b in ballots(arena)] == ["tafel Noord"]
    assert arena.room.tally(arena.room.stop.exercise, "A1") == {"tafel Noord": {"eens": 1, "oneens": 0, "twijfel": 0}}


def test_a_vote_that_arrives_before_the_room_noticed_a_rename_is_saved_under_the_new_name(arena, cli):
    to_statement(arena)
    phone = arena.phone("tafel 2")
    page = phone.get("/p")  # the form, shown before the rename
    cli("group", "rename", "tafel 2", "tafel Noord", "-s", arena.room.ws.id)
    assert arena.room.groups == ["tafel 1", "tafel 2"]  # the room has not looked yet
    sent = phone.post("/p/vote", data={"csrf": csrf(page.text), "exercise": "stellingen", "item": "A1", "position": "oneens"})
    assert sent.status_code == 200, sent.text
    assert [b["group"] for b in ballots(arena)] == ["tafel Noord"]


def test_a_phone_whose_table_was_removed_chooses_again_and_stores_nothing_under_it(arena, cli):
    to_statement(arena)
    phone = arena.phone("tafel 2")
    page = phone.get("/p")
    cli("group", "remove", "tafel 2", "--yes", "-s", arena.room.ws.id)
    sent = phone.post("/p/vote", data={"csrf": csrf(page.text), "exercise": "stellingen", "item": "A1", "position": "eens"})
    assert sent.status_code == 409 and "Kies eerst je tafel" in sent.text
    assert ballots(arena) == []
    arena.room.follow()
    assert phone.get("/p").url.path == "/p/join"
    assert arena.room.groups == ["tafel 1"]


def test_a_group_added_takes_an_earlier_name_back_from_the_phones_that_followed_a_rename(arena, cli):
    sid = arena.room.ws.id
    cli("group", "rename", "tafel 2", "tafel Noord", "-s", sid)
    cli("group", "add", "tafel 2", "-s", sid)
    arena.room.follow()
    assert arena.room.table("tafel 2") == "tafel 2" and arena.room.groups == ["tafel 1", "tafel Noord", "tafel 2"]
    cli("group", "rename", "tafel Noord", "tafel Zuid", "-s", sid)
    cli("group", "remove", "tafel 2", "--yes", "-s", sid)
    arena.room.follow()
    assert arena.room.table("tafel Noord") == "tafel Zuid" and arena.room.table("tafel 2") == ""


def test_a_phone_of_a_renamed_table_gets_its_cookie_sealed_with_the_new_name_on_its_next_request(arena, cli):
    sid = arena.room.ws.id
    phone = arena.phone("tafel 2")
    cli("group", "rename", "tafel 2", "tafel Noord", "-s", sid)
    arena.room.follow()
    assert phone.get("/p").status_code == 200
    assert arena.site.keys.unseal("device", phone.cookies.get("tocht_device"))["t"] == "tafel Noord"
    cli("group", "add", "tafel 2", "-s", sid)  # the earlier name is a table of its own now: the phone stays where it sat
    arena.room.follow()
    to_statement(arena)
    arena.vote(phone, "eens")
    assert [b["group"] for b in ballots(arena)] == ["tafel Noord"]


def stray_vote(arena: Arena, group: str = "tafel 9") -> str:
    """A room answer under a group the session does not have (an older tocht, a hand edit)."""
    to_statement(arena)
    arena.vote(arena.phone("tafel 1"), "eens")
    arena.vote(arena.phone("tafel 2"), "oneens")
    arena.close()
    path = arena.room.ws.store.session_file(arena.room.ws.id)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["ballots"]["1"]["group"] = group
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return arena.room.ws.id


def test_the_doctor_finds_room_answers_under_a_group_the_session_does_not_have(arena, cli):
    sid = stray_vote(arena)
    report = json.loads(cli("doctor", "--json", ok=False).stdout)
    (found,) = report["findings"]
    assert found["kind"] == "ballot-group" and found["group"] == "tafel 9" and found["session"] == sid


def test_the_doctors_repair_with_yes_never_drops_room_answers_it_cannot_place(run, arena, cli):
    sid = stray_vote(arena)
    result = cli("doctor", "--repair", "--yes", ok=False)
    assert result.exit_code == 5 and "tocht doctor --repair" in result.stderr
    assert sorted(b["group"] for b in run.store.ballots(sid)) == ["tafel 2", "tafel 9"]


def test_the_doctors_repair_with_yes_moves_room_answers_to_the_name_their_group_was_renamed_to(run, arena, cli):
    sid = stray_vote(arena, "tafel Oud")
    path = run.store.session_file(sid)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["meta"]["1"]["record"]["renamed"] = {"tafel Oud": "tafel 1"}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    cli("doctor", "--repair", "--yes")
    assert sorted(b["group"] for b in run.store.ballots(sid)) == ["tafel 1", "tafel 2"]


@pytest.mark.parametrize(("keys", "groups"), [("\x1b[B\x1b[B\r", ["tafel 2", "tafel 2"]), ("\x1b[A\r", ["tafel 2"])])
def test_the_doctors_repair_asks_where_a_groups_room_answers_go_or_drops_them(run, arena, cli, keyed, keys, groups):
    sid = stray_vote(arena)
    result = keyed(keys, "doctor", "--repair")
    assert "repaired:" in result.stderr
    assert sorted(b["group"] for b in run.store.ballots(sid)) == groups
    assert json.loads(cli("doctor", "--json").stdout)["healthy"]


def test_an_export_of_a_session_with_room_answers_under_a_group_it_lacks_imports_again(run, arena, cli, tmp_path):
    sid = stray_vote(arena)
    exported = cli("export", sid, "-f", "json", "-o", str(tmp_path / "zaal.json"))
    assert "1 room answer is under a group the session does not have ('tafel 9')" in exported.stderr
    copy = json.loads(cli("import", str(tmp_path / "zaal.json"), "--json", "--yes").stdout)["id"]
    assert [b["group"] for b in run.store.ballots(copy)] == ["tafel 2"]
    assert len(run.store.ballots(sid)) == 2  # the session itself keeps both, for the doctor to settle


def test_the_phones_votes_count_in_the_summarys_table_columns_without_saving_the_tally(arena, cli):
    """Tables 2 and 3 never saved their hands: their phones' votes are answers, in the summary as given;
    a saved tally (or hands typed) settles them (room trial, issue 18)."""
    to_statement(arena, "A3")
    arena.vote(arena.phone("tafel 1"), "eens", "Het publiek eerst")
    arena.vote(arena.phone("tafel 2"), "oneens")
    arena.vote(arena.phone("tafel 2"), "oneens")
    cli("statements", "vote", "A3", "-g", "tafel 1", "--position", "eens", "--agree", "5", "-s", arena.room.ws.id)
    summary = cli("export", arena.room.ws.id, "--min-votes", "1").stdout.replace("\xa0", " ")
    statements = summary[summary.index("| Standpunt | Handen |") :]
    tafel_2 = statements.split("### Groep: tafel 2")[1].split("### ")[0]
    assert "oneens 2" in tafel_2  # the phones' hands, never saved as a tally
    assert "eens 5 · oneens 2" in summary  # across the tables: tafel 1's hands typed stay, tafel 2's from its phones
    assert "Het publiek eerst" in summary
    assert json.loads(cli("statements", "--json", "-s", arena.room.ws.id).stdout).get("tafel 2", {}).get("A3") is None  # nothing written


def test_the_phones_unsaved_votes_are_marked_in_their_row_and_leave_the_item_open_as_progress_says(arena, cli):
    """A table's section showed the phones' tallies of A1–A5 as saved answers while progress said 2/15 and the
    section "Nog niet beantwoord (10)": the row says the counts are the phones' and not saved, and the item
    stays open in that line as in progress (room trial, issue 18)."""
    to_statement(arena, "A3")
    arena.vote(arena.phone("tafel 2"), "oneens")
    arena.vote(arena.phone("tafel 2"), "oneens")
    summary = cli("export", arena.room.ws.id, "--min-votes", "1").stdout.replace("\xa0", " ")
    statements = summary[summary.index("## T1a") :]
    tafel_2 = statements.split("### Groep: tafel 2")[1].split("### ")[0]
    assert "oneens 2 (telefoons, niet bewaard)" in tafel_2
    assert "Nog niet beantwoord (15):" in tafel_2 and "A3," in tafel_2.split("Nog niet beantwoord")[1]
    progress = summary[summary.index("## Voortgang") :].split("## ")[1]
    assert "| 0/15 |" in next(line for line in progress.splitlines() if "T1a" in line)


def test_a_table_exercises_item_screen_shows_the_question_the_tables_answer(arena, cli):
    """T1b's item screens showed only the item ('1 ontwikkeling'), never what the tables answer about it (room trial, issue 18)."""
    room = arena.room
    ex = room.ws.kit.exercise("vocabularium")
    room.goto(ex, "productie")
    screen = arena.screen()
    asked = "Met welke basisopdrachten verbinden jullie deze functie?"
    assert asked in screen.get("/screen/live").text
    cli("vocabulary", "link", "productie", "1", "-g", "tafel 1", "-s", room.ws.id)
    assert asked in screen.get("/screen/live").text  # answered by one table: still asked of the others


def test_t1b_item_screen_asks_with_its_options_and_keeps_the_question_above_the_answers(arena, cli):
    """The screen listed "• Met welke basisopdrachten …? • geen • Hoe?": the tasks were missing and "geen" read as a
    question. The options come from the kit (room re-trial, issue 18); after the reveal the question stays in a line."""
    room = arena.room
    room.goto(room.ws.kit.exercise("vocabularium"), "productie")
    screen = arena.screen()
    page = screen.get("/screen/live").text
    asked = re.search(r'<ul class="asked">(.*?)</ul>', page, re.S).group(1)
    questions = re.findall(r"<li>(.*?)(?: <span|</li>)", asked)
    assert questions == ["Met welke basisopdrachten verbinden jullie deze functie?", "Hoe?"]
    options = re.search(r'<span class="options">(.*?)</span>', asked).group(1)
    assert options == "cultuurspreiding · cultuurparticipatie · gemeenschapsvorming · geen"
    cli("vocabulary", "link", "productie", "1", "-g", "tafel 1", "-s", room.ws.id)
    room.reveal(True)
    shown = screen.get("/screen/live").text
    assert '<p class="asked-line">Met welke basisopdrachten verbinden jullie deze functie? · Hoe?</p>' in shown
