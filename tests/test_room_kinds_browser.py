"""A dozen phones in Chromium give their words to `tocht room` (its own process), or propose to and
support the room's list, one of them without JavaScript; the projector shows the cloud and the list,
whole and without scrolling, at 1920x1080 and 1280x720."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.helpers.phones import LiveRoom, csp_refusals, propose, support

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
    with LiveRoom(browser, "--session", sid) as room:
        yield room


def give(room: LiveRoom, table: str, words: str, script: bool = True) -> None:
    page = room.phone(table, script)
    page.get_by_label("Welke woorden? (met komma's ertussen)").fill(words)
    page.get_by_role("button", name="Stemmen").click()
    page.wait_for_url("**/p?saved=1*")
    expect(page.get_by_text("Je stem is bewaard")).to_be_visible()
    page.context.close()


def cloud_on_screen(browser, url: str, width: int, height: int) -> list[str]:
    """The words the projector draws at width x height, each checked to be inside the cloud and on the
    screen, the page unscrolled and nothing refused by the CSP."""
    context = browser.new_context(viewport={"width": width, "height": height})
    screen = context.new_page()
    problems = csp_refusals(screen)
    screen.goto(url)
    screen.locator("figure.cloud svg").wait_for()
    # measured in one go: the screen's script may put a fresh copy of the live part in place at any moment
    frame, boxes, shown = screen.evaluate(
        """() => {
          const svg = document.querySelector("figure.cloud svg"), texts = [...svg.querySelectorAll("text")];
          const box = (e) => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; };
          return [box(svg), texts.map(box), texts.map((t) => t.textContent)];
        }"""
    )
    for box in boxes:
        assert frame["x"] - 1 <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
        assert box["y"] + box["height"] <= height  # every word on the screen
    assert screen.evaluate("document.documentElement.scrollHeight") <= height
    assert not problems  # the strict CSP refused nothing
    context.close()
    return shown


def test_twelve_phones_give_words_and_the_screen_shows_their_cloud_whole(browser, words_room):
    words_room.act("next")  # the first question
    for n, words in enumerate(WORDS):
        give(words_room, "tafel 1" if n % 2 else "tafel 2", words, script=n != 5)
    words_room.act("reveal")
    for width, height in ((1920, 1080), (1280, 720)):
        words = cloud_on_screen(browser, words_room.screen_url, width, height)
        assert words[0] == "cultuur" and {"ontmoeting", "gemeenschap", "buurt", "lokale verankering"} <= set(words)  # a phrase whole
        assert "ideeën" in words and "ideeen" not in words  # one word, shown with its diacritics
        assert "de" not in words  # a stop word
    phone = words_room.phone("tafel 1")  # a 390 px phone draws the cloud too: every word it draws readable
    phone.locator("figure.cloud svg").wait_for()
    heights = phone.evaluate("() => [...document.querySelectorAll('figure.cloud text')].map((t) => t.getBoundingClientRect().height)")
    assert len(heights) >= 8 and min(heights) >= 14, heights


PROPOSALS = ["Een gedeelde kalender", "Mobiliteit tussen de gemeenten", "Samen programmeren", "Publiekswerking delen"]
MORE = [f"Voorstel {n}: " + "een lang voorstel dat over meer dan één regel loopt op het scherm van de zaal " * (n % 3) for n in range(10)]


def test_twelve_phones_propose_and_support_and_the_screen_shows_the_list_sorted(browser, words_room):
    words_room.act("next-exercise", "next")  # the list's question
    phones = words_room.phones(12, without_script=5)
    for n, text in enumerate(PROPOSALS + MORE):  # two each, from the first seven phones
        page = phones[n // 2]
        propose(page, "Wat stel je voor?", text[:200])
        expect(page.locator("#list").get_by_text(text[:200])).to_be_visible()
    for n, page in enumerate(phones):
        page.goto(page.url.split("#")[0])
        chosen = PROPOSALS[0] if n < 7 else PROPOSALS[2] if n < 10 else PROPOSALS[3]
        support(page.locator("li", has_text=chosen))
    for width, height in ((1920, 1080), (1280, 720)):
        context = browser.new_context(viewport={"width": width, "height": height})
        screen = context.new_page()
        screen.goto(words_room.screen_url)
        rows = screen.locator(".listed .upvoted li")
        expect(rows).to_have_count(12)  # and two more, counted
        assert screen.locator(".listed .votes").all_text_contents()[:4] == ["7", "3", "2", "0"]
        assert screen.locator(".listed .text").all_text_contents()[:3] == [PROPOSALS[0], PROPOSALS[2], PROPOSALS[3]]
        bottoms = screen.evaluate(
            "() => [...document.querySelectorAll('.listed li, .listed .more')].map((e) => e.getBoundingClientRect().bottom)"
        )
        assert max(bottoms) <= height and screen.evaluate("document.documentElement.scrollHeight") <= height
        context.close()


def test_twelve_phones_spread_their_dots_and_the_screen_shows_the_totals_after_the_reveal(browser, words_room, tmp_path):
    words_room.act("next-exercise", "next-exercise", "next")  # the dots' question
    phones = words_room.phones(12, without_script=5)
    for n, page in enumerate(phones):
        page.get_by_label("een gedeelde kalender").fill(str(3 if n < 8 else 1))
        page.get_by_label("samen programmeren").fill("2")
        page.get_by_role("button", name="Mijn stippen bewaren").click()
        expect(page.get_by_text("Nog 0 stippen over" if n < 8 else "Nog 2 stippen over")).to_be_visible()
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    screen = context.new_page()
    screen.goto(words_room.screen_url)
    expect(screen.get_by_text("12 deelnemers verdeelden hun stippen")).to_be_visible()
    assert screen.locator(".dot-ranking").count() == 0  # hidden until revealed
    for page in phones[1:]:  # the first phone follows the reveal; eleven pages reloading add nothing but CPU
        page.goto("about:blank")
    words_room.act("reveal")
    total = screen.locator(".dot-ranking .count")
    expect(total).to_have_count(4)  # every option, the most dots first
    assert total.all_text_contents() == ["28", "24", "0", "0"]
    assert screen.locator(".dot-ranking .number").all_text_contents() == ["1", "2", "3", "4"]
    assert screen.locator(".dot-ranking .per-table").first.inner_text() == "tafel 1 14 · tafel 2 14"  # per table and in all
    for width, height in ((1280, 720), (1920, 1080)):
        screen.set_viewport_size({"width": width, "height": height})
        screen.wait_for_function(f"innerWidth === {width}")
        assert screen.evaluate("document.documentElement.scrollHeight") <= height
        bottoms = screen.locator(".dot-ranking li").evaluate_all("items => items.map(e => e.getBoundingClientRect().bottom)")
        assert max(bottoms) <= height, bottoms
        screen.screenshot(path=tmp_path / f"dots-{width}.png")
    expect(phones[0].locator(".dot-ranking")).to_be_visible()  # the phones see the result too
    context.close()


def test_a_phone_typing_more_dots_than_it_has_is_told_at_once_at_the_foot_of_its_screen(browser, words_room):
    words_room.act("next-exercise", "next-exercise", "next")  # the dots' question
    page = words_room.phone("tafel 1")
    page.set_viewport_size({"width": 390, "height": 500})  # the options run below the fold
    counter = page.locator("#dots-left")
    expect(counter).to_have_text("Nog 5 stippen over")
    page.get_by_label("een gedeelde kalender").fill("4")
    expect(counter).to_have_text("Nog 1 stip over")
    page.get_by_label("samen programmeren").fill("3")  # nothing sent yet
    expect(counter).to_have_text("Je gaf er 2 te veel")
    assert "over" in (counter.get_attribute("class") or "")
    box = counter.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 500  # where the phone looks
    page.get_by_label("samen programmeren").fill("1")
    expect(counter).to_have_text("Nog 0 stippen over")
