"""The 2017 kit in a room of twelve phones in Chromium (issue 21 §2): T1b's words from every phone as a cloud,
then T6's challenges proposed and supported, the report's suggestions on the list from the start; the
projector at 1920x1080 and 1280x720 shows them whole, and the HTML handout shows what the room gave."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.helpers.patience import PATIENCE
from tests.helpers.phones import LiveRoom, csp_refusals, propose, support
from tocht_cli.kinds.upvotes import entry_key

WORDS = [
    "ontmoeting, spreiding",
    "gemeenschap",
    "participatie, ontmoeting",
    "presentatie",
    "spreiding",
    "ontmoeting",
    "residentie, coproductie",
    "gemeenschapsvorming",
    "publiek",
    "ontmoeting, publiek",
    "spreiding",
    "reflectie",
]
SUGGESTED = [
    "Het provinciaal bestuursniveau verdwijnt",
    "Meer jongeren bereiken",
    "Artiesten werken onderbetaald of zelfs zonder verloning",
]
OWN = ["Te weinig tijd om samen te plannen", "Geen gedeelde kalender in de regio"]


@pytest.fixture
def room(browser, cli):
    sid = cli("new", "Sectordag", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()
    with LiveRoom(browser, "--session", sid) as live:
        yield live


def projected(browser, url: str, width: int, height: int, shot) -> object:
    """The projector at width x height, its picture kept; the page unscrolled, nothing refused by the CSP."""
    context = browser.new_context(viewport={"width": width, "height": height})
    screen = context.new_page()
    problems = csp_refusals(screen)
    screen.goto(url)
    screen.wait_for_load_state("networkidle")
    screen.screenshot(path=str(shot))
    assert screen.evaluate("document.documentElement.scrollHeight") <= height
    assert not problems
    return context, screen


def paged_to(page, locator_of, patience: float = PATIENCE) -> object:
    """The entry `locator_of(page)` finds on the phone's list, page by page (40 entries a page, each phone
    starting elsewhere among those of equal support) until it is there."""
    expect(page.locator("#list ol.upvoted li").first).to_be_visible(timeout=patience * 1000)  # the list is there
    if locator_of(page).count():
        return locator_of(page)
    address = page.url.split("?")[0].split("#")[0]
    for number in range(1, 6):
        page.goto(f"{address}?page={number}#list")
        expect(page.locator("#list ol.upvoted li").first).to_be_visible(timeout=patience * 1000)
        if locator_of(page).count():
            return locator_of(page)
    raise AssertionError("not on any page of the list")


def test_twelve_phones_give_t1b_words_and_support_t6_challenges_and_the_handout_shows_them(browser, cli, room, tmp_path):
    room.act("next-exercise", "next-exercise", "next")  # T1b's opening, then the room's words
    phones = room.phones(12, without_script=5)
    for page, words in zip(phones, WORDS, strict=True):
        expect(page.get_by_text("Woorden uit de zaal").first).to_be_visible()
        page.get_by_label("Welk woord hoort thuis in een gedeeld vocabularium?").fill(words)
        page.get_by_role("button", name="Stemmen").click()
        page.wait_for_url("**/p?saved=1*")
    for page in phones[1:]:  # the first phone follows the room to T6 live; the others' pages closed till then
        page.goto("about:blank")  # (eleven pages reloading at each of six moves cost Chromium a third of this test)
    room.act("reveal")
    for width, height in ((1920, 1080), (1280, 720)):
        context, screen = projected(browser, room.screen_url, width, height, tmp_path / f"t1b-{width}.png")
        words = screen.locator("figure.cloud svg text").all_text_contents()
        assert words[0] == "ontmoeting" and {"spreiding", "gemeenschap", "participatie", "residentie"} <= set(words)
        context.close()
    room.act("next-exercise", "next-exercise", "next-exercise", "next-exercise", "next")  # T6's opening, then the room's list
    for n, page in enumerate(phones):
        if n > 0:  # back on its page (without JavaScript, phone 5, a phone follows the room only so)
            page.goto(room.base + "/p")
        expect(paged_to(page, lambda p: p.locator("#list").get_by_text(SUGGESTED[0]))).to_be_visible()  # the report's, from the start
        if n < len(OWN):
            propose(page, "Op welke uitdaging lopen we vast?", OWN[n])
            page.goto(page.url.split("?")[0].split("#")[0])
            expect(paged_to(page, lambda p, n=n: p.locator("#list").get_by_text(OWN[n]))).to_be_visible()
    for n, page in enumerate(phones):
        page.goto(page.url.split("?")[0].split("#")[0])  # the list as it is now
        key = entry_key(SUGGESTED[0] if n < 6 else SUGGESTED[1] if n < 9 else OWN[0])
        support(paged_to(page, lambda p, key=key: p.locator(f'[id="e-{key}"]')))
    for width, height in ((1920, 1080), (1280, 720)):
        context, screen = projected(browser, room.screen_url, width, height, tmp_path / f"t6-{width}.png")
        assert screen.locator(".listed .votes").all_text_contents()[:3] == ["6", "3", "3"]
        assert screen.locator(".listed .text").all_text_contents()[0] == SUGGESTED[0]
        context.close()
    handout = tmp_path / "sectordag.html"
    cli("export", "--format", "html", "-o", str(handout))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(handout.as_uri())
    room_part = page.locator("section", has_text="Woorden uit de zaal").last
    expect(room_part).to_be_visible()
    text = page.locator("body").text_content() or ""
    assert "Uitdagingen van de zaal" in text and SUGGESTED[0] in text and OWN[0] in text
    assert "Een terugval van" not in text.split("Uitdagingen van de zaal")[-1]  # not supported: not the room's
    page.screenshot(path=str(tmp_path / "handout.png"), full_page=True)
    page.close()
