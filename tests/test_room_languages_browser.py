"""Two phones in Chromium at 390x844, one reading the kit in Dutch and one in English, vote on the same
statement of a `tocht room` running as its own process; the screen stays Dutch (issue 20 §7)."""

from __future__ import annotations

import json
import os

from playwright.sync_api import expect

from tests.helpers.patience import PATIENCE
from tests.helpers.phones import PHONE, LiveRoom

SHOTS = os.environ.get("ORGS20_SHOTS")
SCREEN = {"viewport": {"width": 1280, "height": 720}}


def test_a_dutch_and_an_english_phone_vote_on_one_statement_and_the_screen_stays_dutch(browser, cli):
    sid = cli("new", "Ontmoetingsdag", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()
    with LiveRoom(browser, "--session", sid) as room:
        dutch, screen = room.phone("tafel 1"), room.page(**SCREEN)
        english = room.page(**PHONE)
        english.goto(room.join_url)
        english.get_by_role("button", name="English").click()  # the join page in English, then the table
        english.get_by_label("tafel 2", exact=True).check()
        english.get_by_role("button", name="Take part").click()
        english.wait_for_url("**/p")
        screen.goto(room.screen_url)
        room.act("next-exercise", "next")  # the room goes to statement A1

        english.locator("#vote").wait_for(timeout=PATIENCE * 1000)  # the phone follows by itself
        expect(english.locator("h1.item")).to_contain_text("You simply respond to what matters to people")
        english.get_by_label("disagree", exact=True).check()
        english.get_by_label("Your argument (optional)").fill("Listening is not following")
        english.get_by_role("button", name="Vote").click()
        english.get_by_text("Your vote is saved").wait_for()
        english.screenshot(path="/tmp/orgs20/english.png", full_page=True) if SHOTS else None

        dutch.locator("#vote").wait_for(timeout=PATIENCE * 1000)
        expect(dutch.locator("h1.item")).to_contain_text("Je gaat gewoon in op wat er leeft bij mensen")
        dutch.get_by_label("oneens", exact=True).check()
        dutch.get_by_role("button", name="Stemmen", exact=True).click()
        dutch.get_by_text("Je stem is bewaard").wait_for()
        dutch.screenshot(path="/tmp/orgs20/dutch.png", full_page=True) if SHOTS else None

        room.act("reveal")
        expect(screen.locator("html")).to_have_attribute("lang", "nl")
        expect(screen.locator("body")).to_contain_text("Listening is not following", timeout=PATIENCE * 1000)  # as typed
        expect(screen.locator("body")).to_contain_text("oneens")
        expect(screen.locator("body")).not_to_contain_text("disagree")
        expect(english.locator("#result-title")).to_have_text("Result", timeout=PATIENCE * 1000)  # the result in its words
        expect(english.locator("main")).to_contain_text("disagree")
        for page, name in ((screen, "screen"), (english, "english-result")):
            page.screenshot(path=f"/tmp/orgs20/{name}.png", full_page=True) if SHOTS else None
    kept = json.loads(cli("export", sid, "--format", "json").stdout)["ballots"]
    assert sorted((b["group"], b["value"]["position"]) for b in kept) == [("tafel 1", "oneens"), ("tafel 2", "oneens")]
