"""The follow-up round in Chromium against `tocht room` as its own process: three phones at two tables mark a
step, the projector shows the step large and each mark as it comes, and the facilitator's save settles it."""

from __future__ import annotations

import json
import os

import pytest
from playwright.sync_api import expect

from tests.helpers.patience import PATIENCE
from tests.helpers.phones import PHONE, LiveRoom

SHOTS = os.environ.get("TOCHT_SHOTS")  # a folder to keep the screenshots in, to look at them


@pytest.fixture
def room(browser, cli):
    march = cli("new", "Maart", "-g", "tafel 1", "-g", "tafel 2", "--date", "2027-03-01").stdout.strip()
    cli("steps", "set", "1", "--action", "De schepen van cultuur uitnodigen op de première", "--who", "Ann (CC Merchtem)",
        "--by", "2027-04-01", "-g", "tafel 1")  # fmt: skip
    june = cli("new", "Juni", "--from", march).stdout.strip()
    with LiveRoom(browser, "--session", june) as live:
        yield live


def test_phones_mark_a_step_the_screen_shows_the_marks_and_the_save_settles_it(room, cli):
    screen = room.page(viewport={"width": 1280, "height": 720})
    screen.goto(room.screen_url)
    phones = [room.phone("tafel 1"), room.phone("tafel 2"), room.phone("tafel 2")]
    room.act("next")  # from the round's opening to its first step
    screen.get_by_text("De schepen van cultuur uitnodigen op de première").wait_for(timeout=PATIENCE * 1000)
    screen.get_by_text("Ann (CC Merchtem)", exact=False).wait_for()
    for phone, (status, comment) in zip(
        phones, (("vast", "geen afspraak gekregen"), ("vast", ""), ("bezig", "mail verstuurd")), strict=True
    ):
        phone.locator("#vote").wait_for(timeout=PATIENCE * 1000)
        assert "Ann (CC Merchtem)" in phone.locator("main").inner_text()
        phone.get_by_label(status, exact=True).check()
        if comment:
            phone.locator("#vote textarea, #vote input[type=text]").first.fill(comment)
        phone.locator("#vote button[type=submit]").click()
        phone.get_by_text("Je stem is bewaard").wait_for()
    screen.get_by_text("mail verstuurd").wait_for(timeout=PATIENCE * 1000)  # without a reveal: as they come
    screen.get_by_text("geen afspraak gekregen").wait_for()
    if SHOTS:
        screen.screenshot(path=f"{SHOTS}/followup-screen-1280.png")
        screen.set_viewport_size({"width": 1920, "height": 1080})
        screen.screenshot(path=f"{SHOTS}/followup-screen-1920.png")
        phones[0].screenshot(path=f"{SHOTS}/followup-phone-390.png")
    room.act("tally")
    settled = json.loads(cli("followup", "--json").stdout)[0]
    assert settled["status"] == "vast"


def test_an_english_phone_sees_the_five_statuses_result_within_its_390_px(room):
    """The English phone's result table was 507 px wide at 390 (five status columns, issue 20 trial): on a phone
    each table's row lays its statuses out under one another, each named, within the width."""
    english = room.page(**PHONE)
    english.goto(room.join_url)
    english.get_by_role("button", name="English").click()
    english.get_by_label("tafel 1", exact=True).check()
    english.get_by_role("button", name="Take part").click()
    english.wait_for_url("**/p")
    room.act("next")
    english.locator("#vote").wait_for(timeout=PATIENCE * 1000)
    english.get_by_label("under way", exact=True).check()
    english.locator("#vote button[type=submit]").click()
    english.get_by_text("Your vote is saved").wait_for()
    room.act("close", "reveal")
    expect(english.locator("#result-title")).to_have_text("Result", timeout=PATIENCE * 1000)
    if SHOTS:
        english.screenshot(path=f"{SHOTS}/followup-english-result-390.png", full_page=True)
    assert english.evaluate("document.documentElement.scrollWidth") <= 390
    assert english.locator(".tally").evaluate("t => t.getBoundingClientRect().right") <= 390
    named = english.locator(".tally tbody td").evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
    assert '"carried over"' in named  # each count still named by its status


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_screen_draws_a_bar_for_every_status_within_its_width(browser, cli, size):
    """The projector showed only numbers for the five statuses beside the comments, "overgedragen" an empty grey
    box (issue 20 trial, 1280x720 and 1920x1080): every status's cell has a bar, the same length in each, and the
    tally stays within the stage, a table named as long as "CC Merchtem" too."""
    march = cli("new", "Maart", "-g", "CC Merchtem", "-g", "tafel 2", "-g", "tafel 3", "--date", "2027-03-01").stdout.strip()
    cli("steps", "set", "1", "--action", "Residentieplek in de zomer aanbieden", "--who", "Bart", "-g", "CC Merchtem")
    june = cli("new", "Juni", "--from", march).stdout.strip()
    with LiveRoom(browser, "--session", june) as room:
        screen = room.page(viewport={"width": size[0], "height": size[1]})
        screen.goto(room.screen_url)
        # as at the trial: three phones at CC Merchtem, three at the two tables kept to the total
        tables = ("CC Merchtem", "CC Merchtem", "CC Merchtem", "tafel 2", "tafel 2", "tafel 3")
        phones = [room.phone(table) for table in tables]
        room.act("next")
        for phone, status in zip(phones, ("gedaan", "gedaan", "overgedragen", "vast", "gedaan", "bezig"), strict=True):
            phone.locator("#vote").wait_for(timeout=PATIENCE * 1000)
            phone.get_by_label(status, exact=True).check()
            phone.locator("#vote textarea, #vote input[type=text]").first.fill(f"{status} zegt het")
            phone.locator("#vote button[type=submit]").click()
            phone.get_by_text("Je stem is bewaard").wait_for()
        screen.get_by_text("overgedragen zegt het").wait_for(timeout=PATIENCE * 1000)
        if SHOTS:
            screen.screenshot(path=f"{SHOTS}/followup-bars-{size[0]}.png")
        bars = screen.locator(".tally tbody td:not(.kept) .bar").evaluate_all("bars => bars.map(b => b.getBoundingClientRect().width)")
        assert len(bars) == 10 and min(bars) >= 40 and max(bars) - min(bars) < 1, bars  # CC Merchtem's and the total
        right = screen.locator(".screen .results").evaluate("r => r.getBoundingClientRect().right")
        edges = screen.locator(".tally th, .tally td").evaluate_all("cells => cells.map(c => c.getBoundingClientRect().right)")
        assert max(edges) <= right + 1


def test_a_comment_on_the_screen_is_never_cut_over_two_columns(room):
    """The terminal trial's projector at 1280x720: two phones' "Geen budget meer" beside a round's step, the first
    cut in two ("Geen budget" at the foot of the left column, "meer" atop the right): each stays whole."""
    screen = room.page(viewport={"width": 1280, "height": 720})
    screen.goto(room.screen_url)
    phones = [room.phone("tafel 1"), room.phone("tafel 1")]
    room.act("next")
    for phone in phones:
        phone.locator("#vote").wait_for(timeout=PATIENCE * 1000)
        phone.get_by_label("geschrapt", exact=True).check()
        phone.locator("#vote textarea, #vote input[type=text]").first.fill("Geen budget meer")
        phone.locator("#vote button[type=submit]").click()
        phone.get_by_text("Je stem is bewaard").wait_for()
    room.act("close")
    expect(screen.locator(".arguments li")).to_have_count(2, timeout=PATIENCE * 1000)
    screen.wait_for_function("() => document.querySelector('.results').style.maxHeight !== ''")  # fit.js has laid them out
    if SHOTS:
        screen.screenshot(path=f"{SHOTS}/followup-comments-1280.png")
    pieces = screen.locator(".arguments li").evaluate_all("items => items.map(i => i.getClientRects().length)")
    assert pieces == [1, 1], pieces
