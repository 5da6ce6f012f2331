"""A dozen phones in Chromium give their words to `tocht room` (its own process), one of them without
JavaScript; the projector shows the cloud, whole and without scrolling, at 1920x1080 and 1280x720."""

from __future__ import annotations

import httpx2
import pytest
from playwright.sync_api import expect

from tests.helpers.patience import PATIENCE
from tests.helpers.room import csrf, serve

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
WORDS = [
    "cultuur, ontmoeting",
    "Ideeën",
    "verbinding, samen",
    "ontmoeting",
    "podiumkunsten, publiek",
    "gemeenschap",
    "cultuur, de buurt",
    "participatie, ontmoeting",
    "samenwerking",
    "lokale verankering, ideeen",
    "cultuur",
    "publiek, verbinding",
]


@pytest.fixture
def words_room(browser, cli):
    sid = cli("--kit", "zaal", "new", "Zaal", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()
    served = serve("--session", sid)
    facilitator = httpx2.Client(base_url=served.base, follow_redirects=True, timeout=PATIENCE)
    facilitator.get(served.info["screen_url"])

    def act(what: str) -> None:
        page = facilitator.get("/control")
        assert facilitator.post("/screen/do", data={"csrf": csrf(page.text), "do": what}).status_code == 200

    act("next")  # the first question
    yield served, act
    facilitator.close()
    served.stop()


def give(browser, join_url: str, table: str, words: str, script: bool = True) -> None:
    context = browser.new_context(**PHONE, java_script_enabled=script)
    page = context.new_page()
    page.goto(join_url)
    page.get_by_label(table, exact=True).check()
    page.get_by_role("button", name="Meedoen").click()
    page.wait_for_url("**/p")
    page.get_by_label("Welke woorden? (met komma's ertussen)").fill(words)
    page.get_by_role("button", name="Stemmen").click()
    page.wait_for_url("**/p?saved=1*")
    expect(page.get_by_text("Je stem is bewaard")).to_be_visible()
    context.close()


def cloud_on_screen(browser, url: str, width: int, height: int) -> list[str]:
    """The words the projector draws at width x height, each checked to be inside the cloud and on the
    screen, the page unscrolled and nothing refused by the CSP."""
    context = browser.new_context(viewport={"width": width, "height": height})
    screen = context.new_page()
    problems: list[str] = []
    screen.on("console", lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None)
    screen.goto(url)
    cloud = screen.locator("figure.cloud svg")
    cloud.wait_for()
    words = screen.locator("figure.cloud text")
    frame = cloud.bounding_box()
    for box in (words.nth(n).bounding_box() for n in range(words.count())):
        assert frame["x"] - 1 <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
        assert box["y"] + box["height"] <= height  # every word on the screen
    assert screen.evaluate("document.documentElement.scrollHeight") <= height
    assert not problems  # the strict CSP refused nothing
    shown = words.all_text_contents()
    context.close()
    return shown


def test_twelve_phones_give_words_and_the_screen_shows_their_cloud_whole(browser, words_room):
    served, act = words_room
    for n, words in enumerate(WORDS):
        give(browser, served.info["join_url"], "tafel 1" if n % 2 else "tafel 2", words, script=n != 5)
    act("reveal")
    for width, height in ((1920, 1080), (1280, 720)):
        words = cloud_on_screen(browser, served.info["screen_url"], width, height)
        assert words[0] == "cultuur" and {"ontmoeting", "gemeenschap", "buurt", "verankering"} <= set(words)
        assert "ideeën" in words and "ideeen" not in words  # one word, shown with its diacritics
        assert "de" not in words  # a stop word
