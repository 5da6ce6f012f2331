"""Twelve phones in Chromium vote on the fifteen statements of `tocht room` (its own process), two of them
without JavaScript; the facilitator shows the opinion map, which the projector draws whole and without
scrolling at 1920x1080 and 1280x720, and each phone hears its own group (screenshots in the test's tmp_path)."""

from __future__ import annotations

import httpx2
import pytest
from playwright.sync_api import expect

from tests.helpers.patience import PATIENCE
from tests.helpers.room import csrf, serve

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
WAIT_MS = PATIENCE * 1000  # a phone's page follows the room by itself: on a loaded machine that takes a while
CAMPS = (["eens"] * 8 + ["oneens"] * 7, ["oneens"] * 8 + ["eens"] * 7)


@pytest.fixture
def statements_room(browser, cli):
    sid = cli("new", "Kaart", "-g", "tafel 1", "-g", "tafel 2", "-g", "tafel 3").stdout.strip()
    served = serve("--session", sid)
    facilitator = httpx2.Client(base_url=served.base, follow_redirects=True, timeout=PATIENCE)
    facilitator.get(served.info["screen_url"])

    def act(what: str) -> None:
        page = facilitator.get("/control")
        assert facilitator.post("/screen/do", data={"csrf": csrf(page.text), "do": what}).status_code == 200

    yield served, act
    facilitator.close()
    served.stop()


def joined(browser, join_url: str, table: str, script: bool):
    context = browser.new_context(**PHONE, java_script_enabled=script)
    page = context.new_page()
    page.goto(join_url)
    page.get_by_label(table, exact=True).check()
    page.get_by_role("button", name="Meedoen").click()
    page.wait_for_url("**/p")
    return context, page


def follow(page, script: bool) -> None:
    """A phone where the room is now: with JavaScript its page follows by itself, without it the participant reloads."""
    if not script:
        page.goto(page.url.split("?")[0].split("#")[0])


def vote(page, script: bool, statement: str, position: str) -> None:
    follow(page, script)
    expect(page.locator("h1.item .number")).to_have_text(statement, timeout=WAIT_MS)
    page.get_by_label(position, exact=True).check()
    page.get_by_role("button", name="Stemmen").click()
    page.wait_for_url("**/p?saved=1*")


def map_on_screen(browser, url: str, width: int, height: int, shot: str) -> None:
    """The map on the projector: every dot inside the map, the map and its words on the screen unscrolled,
    nothing refused by the CSP."""
    context = browser.new_context(viewport={"width": width, "height": height})
    screen = context.new_page()
    problems: list[str] = []
    screen.on("console", lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None)
    screen.goto(url)
    screen.locator("svg.opinion-map").wait_for()
    expect(screen.locator(".opinion-view h1")).to_contain_text("indicatief", timeout=WAIT_MS)
    frame, dots, words = screen.evaluate(
        """() => {
          const svg = document.querySelector("svg.opinion-map");
          const box = (e) => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, right: r.right, bottom: r.bottom}; };
          return [box(svg), [...svg.querySelectorAll(".dot")].map(box), [...document.querySelectorAll(".opinion-words h2, .opinion-words li")].map(box)];
        }"""
    )
    assert dots and all(frame["x"] - 1 <= d["x"] and d["right"] <= frame["right"] + 1 and d["bottom"] <= frame["bottom"] + 1 for d in dots)
    assert frame["bottom"] <= height and all(w["bottom"] <= height and w["right"] <= width for w in words)
    assert screen.evaluate("document.documentElement.scrollHeight") <= height
    assert not problems
    screen.screenshot(path=shot)
    context.close()


def test_twelve_phones_vote_fifteen_statements_and_the_screen_shows_where_the_room_parts(browser, statements_room, tmp_path):
    served, act = statements_room
    scripts = [n not in (4, 9) for n in range(12)]
    phones = [joined(browser, served.info["join_url"], f"tafel {n % 3 + 1}", script) for n, script in enumerate(scripts)]
    act("next-exercise")  # the statements' opening
    for j in range(15):
        act("next")
        statement = f"A{j + 1}" if j < 8 else f"B{j - 7}"
        for n, (_context, page) in enumerate(phones):
            vote(page, scripts[n], statement, CAMPS[n % 2][j])
    act("map")
    for width, height in ((1920, 1080), (1280, 720)):
        map_on_screen(browser, served.info["screen_url"], width, height, str(tmp_path / f"map-{width}.png"))
    groups = {}
    for n, (_context, page) in enumerate(phones):
        follow(page, scripts[n])
        expect(page.locator(".closest")).to_be_visible(timeout=WAIT_MS)
        said = page.locator(".closest").inner_text()
        assert "indicatief" in said and "Je stemmen liggen het dichtst bij groep" in said
        groups.setdefault(n % 2, set()).add(said.strip()[-2])
    assert all(len(letters) == 1 for letters in groups.values()) and groups[0] != groups[1]  # each camp its own group
    phones[0][1].screenshot(path=str(tmp_path / "phone-390.png"), full_page=True)
    for context, _page in phones:
        context.close()
