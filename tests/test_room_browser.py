"""A meeting in a real browser: Debian's Chromium, driven by Playwright, against `tocht room` as its own process.

Several participants join on phone-sized pages, vote, argue and play bingo; the screen follows
without reloading and shows the tally only after the reveal; hostile text stays text; a forged
token gets nothing; a room stopped with Ctrl-C halfway and started again has lost nothing.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.helpers.patience import PATIENCE
from tests.helpers.room import serve

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SCREEN = {"viewport": {"width": 1920, "height": 1080}}
HOSTILE = '<img src=x onerror="window.hacked=1">'
WAIT_MS = PATIENCE * 1000  # Playwright counts in milliseconds


@pytest.fixture
def meeting(browser, cli):
    """A session with two tables (one with a hostile name), its room running, and a screen open on it."""
    sid = cli("new", "Ontmoetingsdag", "-g", "tafel 1", "-g", f"tafel {HOSTILE}").stdout.strip()
    served = serve("--min-votes", "1")  # tables of one or two phones show their tally (k: test_disclosure.py)
    contexts = []

    def context(**options):
        made = browser.new_context(**options)
        made.set_default_timeout(WAIT_MS)  # every wait, also those without a timeout of their own
        contexts.append(made)
        return made

    class Meeting:
        session = sid
        room = served

        @staticmethod
        def screen():
            page = context(**SCREEN).new_page()
            page.goto(served.info["screen_url"])
            return page

        @staticmethod
        def phone(table: str, url: str | None = None):
            page = context(**PHONE).new_page()
            page.on("dialog", lambda dialog: pytest.fail(f"a dialog opened: {dialog.message}"))
            page.goto(url or served.info["join_url"])
            page.get_by_label(table, exact=True).check()
            page.get_by_role("button", name="Meedoen").click()
            page.wait_for_url("**/p")
            return page

    yield Meeting
    for made in contexts:
        made.close()
    if served.process.poll() is None:
        served.stop()


def press(screen, label: str) -> None:
    """Press a button of the facilitator's control view (a tab of the screen's browser) and wait until it says what it did."""
    control = next((page for page in screen.context.pages if page.url.endswith("/control")), None)
    if control is None:
        control = screen.context.new_page()
        control.goto(screen.url.rsplit("/", 1)[0] + "/control")
    control.locator("#said").evaluate("said => { said.textContent = ''; }")
    control.get_by_role("button", name=label).click()
    control.locator("#said:not(:empty)").wait_for()


def vote(phone, position: str, argument: str = "") -> None:
    phone.locator("#vote").wait_for()
    phone.get_by_label(position, exact=True).check()
    if argument:
        phone.get_by_label("Je argument (mag leeg blijven)").fill(argument)
    phone.locator("#vote button[type=submit]").click()
    phone.get_by_text("Je stem is bewaard").wait_for()


def test_participants_vote_and_the_screen_shows_the_tally_only_after_the_reveal(meeting, cli):
    screen = meeting.screen()
    phones = [meeting.phone("tafel 1"), meeting.phone("tafel 1"), meeting.phone(f"tafel {HOSTILE}")]
    press(screen, "Oefening »")
    press(screen, "Verder ›")  # A1: the phones follow by themselves
    for phone in phones:
        phone.locator("#vote").wait_for(timeout=WAIT_MS)
    vote(phones[0], "eens", "Het publiek eerst")
    vote(phones[1], "twijfel", "<script>window.hacked=1</script>")
    vote(phones[2], "eens")
    live = screen.locator("#live")
    live.get_by_text("3 stemmen").wait_for(timeout=WAIT_MS)  # without reloading the screen
    assert live.locator("table.tally").count() == 0
    assert "verborgen" in live.inner_text()
    press(screen, "Resultaat tonen / verbergen")
    table = live.locator("table.tally")
    table.wait_for()
    rows = [row.inner_text() for row in table.locator("tbody tr").all()]
    assert rows[0].startswith("tafel 1") and "1 (50%)" in rows[0]
    assert rows[1].startswith(f"tafel {HOSTILE}")  # the table's name, as text
    assert rows[2].startswith("Totaal") and "2 (67%)" in rows[2]
    assert "<script>window.hacked=1</script>" in live.locator(".arguments").inner_text()
    phones[2].locator("table.tally").wait_for(timeout=WAIT_MS)  # the phones see it too, once shown
    press(screen, "Telling bewaren")
    for page in [screen, *phones]:
        assert page.evaluate("window.hacked") is None
    summary = cli("export", meeting.session).stdout
    assert "eens 1 · twijfel 1" in summary and "eens 2 · twijfel 1" in summary  # tafel 1, and the totals
    doc = json.loads(cli("statements", "--json", "-s", meeting.session).stdout)
    assert doc["tafel 1"]["A1"]["counts"] == {"eens": 1, "oneens": 0, "twijfel": 1}
    assert doc[f"tafel {HOSTILE}"]["A1"]["counts"] == {"eens": 1, "oneens": 0, "twijfel": 0}
    assert "Het publiek eerst" in doc["tafel 1"]["A1"]["note"]


def test_every_phone_plays_its_own_bingo_card_and_the_screen_hails_the_winner(meeting, cli):
    screen = meeting.screen()
    first, second = meeting.phone("tafel 1"), meeting.phone("tafel 1")
    cells = first.locator(".card button")
    assert cells.count() == 25
    assert cells.all_inner_texts() != second.locator(".card button").all_inner_texts()  # shuffled per device
    for n in range(10):
        cells.nth(n).click()
        first.wait_for_load_state()
    assert first.locator(".card button[aria-pressed=true]").count() == 10
    first.get_by_text("BINGO!").wait_for()
    screen.locator(".wins").get_by_text("tafel 1").wait_for(timeout=WAIT_MS)
    assert second.locator(".win").count() == 0


def test_a_forged_token_gets_nothing(meeting):
    page = meeting.screen()
    base = meeting.room.base
    stranger = page.context.browser.new_context(**PHONE).new_page()
    for path in ("/j/" + "x" * 22, "/p", "/screen", "/p/table/rollen"):
        response = stranger.goto(base + path)
        assert response.status == 403, path
    stranger.goto(base + "/")
    stranger.get_by_label("De PIN van de zaal (op het scherm)").fill("000000")
    stranger.get_by_role("button", name="Meedoen").click()
    assert stranger.get_by_text("Die PIN klopt niet").is_visible()
    stranger.context.close()


def test_ctrl_c_halfway_and_a_new_start_lose_nothing(run, meeting, cli):
    screen = meeting.screen()
    phone = meeting.phone("tafel 1")
    press(screen, "Oefening »")
    press(screen, "Verder ›")
    vote(phone, "oneens", "Te weinig tijd")
    code, err = meeting.room.stop()
    assert code == 130 and "Traceback" not in err
    port = meeting.room.base.rsplit(":", 1)[1]
    again = serve("--port", port)
    meeting.room = again
    phone.reload()  # the page may reload itself too, as it sees the room back: assertions that wait it out
    expect(phone.get_by_label("oneens", exact=True)).to_be_checked(timeout=WAIT_MS)
    expect(phone.get_by_label("Je argument (mag leeg blijven)")).to_have_value("Te weinig tijd", timeout=WAIT_MS)
    screen.goto(again.info["screen_url"])
    press(screen, "Verder ›")  # A2
    vote(phone, "eens")
    again.stop()
    assert sorted((b["item"], b["value"]["position"]) for b in run.store.ballots(meeting.session)) == [
        ("A1", "oneens"),
        ("A2", "eens"),
    ]


def test_the_timer_counts_down_on_the_screen_and_the_phones(meeting):
    screen = meeting.screen()
    phone = meeting.phone("tafel 1")
    press(screen, "Timer start / pauze")
    clocks = [page.locator("#timer .clock") for page in (screen, phone)]
    for clock in clocks:
        clock.wait_for(timeout=WAIT_MS)  # the phone shows it without being reloaded by hand
    first = [clock.inner_text() for clock in clocks]
    assert first[0].startswith(("3:00", "2:"))  # a slow page may show it seconds late
    screen.wait_for_timeout(2200)
    assert [clock.inner_text() for clock in clocks] != first  # counting down
    press(screen, "Timer start / pauze")  # paused
    phone.get_by_text("gepauzeerd").wait_for(timeout=WAIT_MS)


def test_without_javascript_and_with_the_keyboard_alone_a_participant_still_votes(run, meeting, browser):
    screen = meeting.screen()
    press(screen, "Oefening »")
    press(screen, "Verder ›")
    context = browser.new_context(**PHONE, java_script_enabled=False)
    try:
        phone = context.new_page()
        phone.goto(meeting.room.info["join_url"])
        phone.get_by_label("tafel 1", exact=True).check()
        phone.keyboard.press("Enter")  # submits the form the radio belongs to
        phone.wait_for_url("**/p")
        phone.get_by_label("eens", exact=True).focus()
        phone.keyboard.press("ArrowDown")  # the arrow keys move through the positions: oneens
        phone.keyboard.press("Tab")
        phone.keyboard.type("Met het toetsenbord")
        phone.keyboard.press("Tab")
        phone.keyboard.press("Enter")
        phone.get_by_text("Je stem is bewaard").wait_for()
        assert phone.get_by_label("oneens", exact=True).is_checked()
    finally:
        context.close()
    (ballot,) = run.store.ballots(meeting.session)
    assert ballot["value"] == {"position": "oneens", "argument": "Met het toetsenbord"}
