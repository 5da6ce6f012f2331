"""The phones in Chromium at 390x844 against `tocht room` as its own process: the vote closes before
their eyes, they learn at once that it will close at zero, each shows its own label, and a scribe
jumps to an answer and keeps what they typed in a clash."""

from __future__ import annotations

import signal

import pytest
from playwright.sync_api import expect

from tests.helpers.patience import PATIENCE
from tests.helpers.phones import PHONE, LiveRoom


@pytest.fixture
def room(browser, cli):
    sid = cli("new", "Ontmoetingsdag", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()
    with LiveRoom(browser, "--session", sid) as live:
        yield live


def at_first_statement(room):
    """A phone of the room, on the vote of the first statement once the room moved there."""
    phone = room.phone()
    room.act("next-exercise")
    room.act("next")
    phone.locator("#vote").wait_for(timeout=PATIENCE * 1000)
    return phone


def test_the_phone_sees_the_vote_close_and_learns_at_once_that_it_closes_at_zero(room):
    phone = room.phone()
    room.act("next-exercise")
    room.act("next")  # A1: the phone follows by itself
    phone.locator("#vote").wait_for(timeout=PATIENCE * 1000)
    phone.get_by_label("eens", exact=True).check()
    phone.locator("#vote button[type=submit]").click()
    phone.get_by_text("Je stem is bewaard").wait_for()
    room.act("timer")
    phone.locator("#timer").wait_for(timeout=PATIENCE * 1000)
    room.act("closes")
    phone.get_by_text("de stemming sluit bij nul").wait_for(timeout=PATIENCE * 1000)  # without touching the phone
    room.act("reveal")
    phone.get_by_text("De stemming is gesloten. Je stem telt zoals hij was.").wait_for(timeout=PATIENCE * 1000)
    assert phone.locator("#vote button[type=submit]").count() == 0
    assert phone.get_by_label("oneens", exact=True).is_disabled()
    assert phone.get_by_text("Je stem is bewaard").count() == 0


def test_a_vote_that_closes_while_a_phone_types_is_closed_in_place_with_the_text_kept(room):
    phone = at_first_statement(room)
    phone.get_by_label("oneens", exact=True).check()
    phone.locator("#vote textarea").fill("te duur voor ons")
    phone.locator("#vote textarea").blur()  # typed, not sent, no longer focused
    room.act("close")
    phone.get_by_text("De stemming is gesloten. Je hebt hierover niet gestemd.").wait_for(timeout=PATIENCE * 1000)
    assert phone.locator("#moved").is_hidden()
    assert phone.locator("#vote textarea").input_value() == "te duur voor ons"
    assert phone.locator("#vote textarea").is_disabled() and phone.locator("#send").is_hidden()
    assert phone.get_by_text("De stemming is gesloten.").count() == 1


def test_each_phone_shows_its_own_label(room):
    first, second = room.phone(), room.phone("tafel 2")
    mine, theirs = first.locator("nav .me strong").inner_text(), second.locator("nav .me strong").inner_text()
    assert mine.startswith("telefoon ") and theirs.startswith("telefoon ") and mine != theirs
    assert first.locator("nav .me").is_visible()


def test_a_scribe_jumps_to_an_answer_and_keeps_what_they_typed_in_a_clash(room):
    first, second = room.phone(), room.phone()
    first.goto(room.base + "/p/table/stellingen")
    height = first.evaluate("document.body.scrollHeight")
    assert height < 3000, height  # one answer at a time, not all fifteen
    first.select_option("#jump", "B2")
    first.get_by_role("button", name="Toon").click()
    first.locator("section#i-B2").wait_for()
    second.goto(room.base + "/p/table/stellingen?item=B2")
    first.get_by_label("Belangrijkste argumenten").fill("van de eerste")
    first.get_by_role("button", name="Bewaren").click()
    first.get_by_text("Bewaard.").wait_for()
    second.get_by_label("Belangrijkste argumenten").fill("van de tweede")
    second.get_by_role("button", name="Bewaren").click()
    second.get_by_text("intussen veranderd: Belangrijkste argumenten").wait_for()
    assert second.get_by_label("Belangrijkste argumenten").input_value() == "van de tweede"
    assert "van de eerste" in second.locator(".theirs").inner_text()


def test_a_phone_on_the_bingo_tab_is_told_a_vote_opened_and_led_to_it(room):
    phone = room.phone()
    phone.locator("nav a[href='/p/card/bingo']").click()
    phone.wait_for_url("**/p/card/bingo")
    notice = phone.locator("#vote-notice")
    assert notice.is_hidden()
    room.act("next-exercise")
    room.act("next")  # a statement: the vote opens while the phone plays bingo
    notice.wait_for(timeout=PATIENCE * 1000)
    assert notice.inner_text() == "Er loopt een stemming: breng je stem uit"
    notice.get_by_role("link").click()
    phone.wait_for_url("**/p#vote")
    phone.get_by_label("eens", exact=True).check()
    phone.locator("#vote button[type=submit]").click()
    phone.get_by_text("Je stem is bewaard").wait_for()
    phone.locator("nav a[href='/p/card/bingo']").click()
    phone.wait_for_url("**/p/card/bingo")
    assert phone.locator("#vote-notice").is_hidden()  # voted: nothing waits


def test_what_a_phone_typed_on_the_vote_outlives_a_visit_to_another_tab_and_is_sent_as_typed(room):
    phone = at_first_statement(room)
    phone.get_by_label("oneens", exact=True).check()
    phone.locator("#vote textarea").fill("te duur voor ons")
    phone.locator("nav a[href='/p/card/bingo']").click()
    phone.wait_for_url("**/p/card/bingo")
    phone.locator("nav a[href='/p']").click()
    phone.wait_for_url("**/p")
    assert phone.locator("#vote textarea").input_value() == "te duur voor ons"
    assert phone.get_by_label("oneens", exact=True).is_checked()
    phone.locator("#vote button[type=submit]").click()
    phone.get_by_text("Je stem is bewaard").wait_for()
    assert phone.locator("#vote textarea").input_value() == "te duur voor ons"  # saved, from the server
    assert phone.evaluate("sessionStorage.length") == 0  # sent: the draft is gone


def test_without_javascript_the_vote_form_still_sends_what_is_typed(browser, room):
    context = browser.new_context(**PHONE, java_script_enabled=False)
    try:
        phone = context.new_page()
        room.act("next-exercise")
        room.act("next")
        phone.goto(room.join_url)
        phone.get_by_label("tafel 1", exact=True).check()
        phone.get_by_role("button", name="Meedoen").click()
        phone.wait_for_url("**/p")
        phone.get_by_label("twijfel", exact=True).check()
        phone.locator("#vote textarea").fill("zonder script")
        phone.locator("#vote button[type=submit]").click()
        phone.get_by_text("Je stem is bewaard").wait_for()
        assert phone.locator("#vote textarea").input_value() == "zonder script"
    finally:
        context.close()


def test_an_unsent_argument_never_moves_to_the_next_statement(room):
    phone = room.phone()
    room.act("next-exercise")
    room.act("next")
    phone.locator("#vote").wait_for(timeout=PATIENCE * 1000)
    first = phone.locator("#vote input[name=item]").input_value()
    phone.get_by_label("oneens", exact=True).check()
    phone.locator("#vote textarea").fill("hoort bij de eerste stelling")
    phone.locator("#vote textarea").blur()
    room.act("next")  # the room moves on while the phone holds something unsent
    phone.locator("#moved").wait_for(timeout=PATIENCE * 1000)
    phone.locator("#moved a").click()
    # the page reloads after the click: the form is absent for a moment, which is no answer yet
    phone.wait_for_function(f"(document.querySelector('#vote input[name=item]') || {{value: {first!r}}}).value !== {first!r}")
    assert phone.locator("#vote textarea").input_value() == ""
    assert not phone.get_by_label("oneens", exact=True).is_checked()
    phone.reload()  # a reload of the new statement brings nothing of the earlier one either
    assert phone.locator("#vote textarea").input_value() == ""


def test_a_room_that_stops_tells_the_phone_it_closed_and_its_form_no_longer_sends(room):
    phone = at_first_statement(room)
    phone.get_by_label("oneens", exact=True).check()
    room.served.stop()
    phone.get_by_text("De zaal is gesloten.").wait_for(timeout=PATIENCE * 1000)
    assert phone.locator("#vote button[type=submit]").is_disabled()
    assert phone.locator("#vote textarea").is_disabled()
    assert phone.locator("#lost").is_hidden()


def test_a_closed_room_leaves_no_link_to_a_tables_form_active(room):
    phone = room.phone()
    for _ in range(3):
        room.act("next-exercise")  # to the roles: a table fills them in
    room.act("next")
    fill_in = phone.get_by_text("Invullen voor onze tafel")
    fill_in.wait_for(timeout=PATIENCE * 1000)
    room.served.stop()
    phone.get_by_text("De zaal is gesloten.").wait_for(timeout=PATIENCE * 1000)
    expect(fill_in).to_have_attribute("aria-disabled", "true", timeout=PATIENCE * 1000)


def test_a_room_that_is_gone_without_a_word_shows_the_phone_the_connection_is_lost(room):
    phone = room.phone()
    room.served.stop(signal.SIGKILL)  # no clean stop: the page notices by itself
    phone.get_by_text("De verbinding met de zaal is weg").wait_for(timeout=PATIENCE * 1000)
    assert phone.locator("#ended").is_hidden()


def test_a_phone_scrolled_down_its_bingo_card_still_sees_that_a_vote_is_open(room):
    phone = room.phone()
    phone.locator("nav a[href='/p/card/bingo']").click()
    phone.wait_for_url("**/p/card/bingo")
    phone.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    room.act("next-exercise")
    room.act("next")
    notice = phone.locator("#vote-notice")
    notice.wait_for(timeout=PATIENCE * 1000)
    box = notice.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844 and box["height"] < 80


def test_the_cross_that_wins_bingo_near_the_bottom_shows_the_win_where_the_player_looks(room, tmp_path):
    phone = room.phone()
    phone.locator("nav a[href='/p/card/bingo']").click()
    phone.wait_for_url("**/p/card/bingo")
    cells = phone.locator(".card button")
    target = int(phone.locator(".score").inner_text().split()[2])  # "0 van 10 geschrapt"
    for n in range(cells.count() - target, cells.count()):  # the last cells: the winning one is the lowest
        with phone.expect_navigation():
            cells.nth(n).click()
    win = phone.get_by_role("status").filter(has_text="BINGO")
    win.wait_for(timeout=PATIENCE * 1000)
    box = win.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844, box
    phone.screenshot(path=tmp_path / "bingo-win-390.png")


def test_a_phone_held_on_an_old_statement_no_longer_counts_down_to_its_close(room):
    """The room moved on while the phone kept an unsent argument: its page said "de stemming sluit bij nul"
    with a running timer for a statement no longer voted on (room trial, issue 18)."""
    phone = at_first_statement(room)
    room.act("timer")
    room.act("closes")
    phone.get_by_text("de stemming sluit bij nul").wait_for(timeout=PATIENCE * 1000)
    phone.locator("#vote textarea").fill("nog niet verstuurd")
    phone.locator("#vote textarea").blur()
    room.act("next")
    phone.locator("#moved").wait_for(timeout=PATIENCE * 1000)
    assert phone.locator("#timer").is_hidden()
    assert phone.locator("#vote textarea").input_value() == "nog niet verstuurd"


def test_phones_on_their_tables_form_still_count_and_a_scribes_laptop_does_not(browser, room):
    """Twelve phones, four of them on 'Our table': the screen says 12, not 8 (room re-trial, issue 18); a
    laptop that joined as its table's scribe is not a participant."""
    screen = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    screen.goto(room.screen_url)
    phones = room.phones(12)
    for phone in phones[:4]:
        phone.get_by_role("link", name="Onze tafel").click()
        phone.goto(room.base + "/p/table/rollen")
        phone.locator("main.scribe").wait_for()
    laptop = browser.new_context().new_page()
    laptop.goto(room.join_url)
    laptop.get_by_label("tafel 1", exact=True).check()
    laptop.get_by_role("button", name="Alleen het formulier van onze tafel invullen (laptop van de notulist)").click()
    laptop.wait_for_url("**/p/table")
    laptop.goto(room.base + "/p/table/rollen")
    laptop.locator("main.scribe").wait_for()
    expect(screen.locator(".present")).to_have_text("12 deelnemers verbonden", timeout=PATIENCE * 1000)
    screen.context.close()
    laptop.context.close()
