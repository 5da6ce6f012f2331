"""A room as a facilitator runs it, for the browser tests: `tocht room` as its own process, its control view
pressed over HTTP, and Chromium pages on it (phones at 390x844, projectors) that close with it.

    @pytest.fixture
    def room(browser, cli):
        sid = cli("new", "Zaal", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()
        with LiveRoom(browser, "--session", sid) as live:
            yield live

    phone = room.phone("tafel 1")  # joined, on its page /p
    room.act("next-exercise", "next")
"""

from __future__ import annotations

from typing import Any

import httpx2

from tests.helpers.patience import PATIENCE
from tests.helpers.room import Served, csrf, serve

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def join(page: Any, join_url: str, table: str) -> None:
    """Open the room's join link on `page` and choose the table, as a participant who scanned the QR code."""
    page.goto(join_url)
    page.get_by_label(table, exact=True).check()
    page.get_by_role("button", name="Meedoen").click()
    page.wait_for_url("**/p")


def propose(page: Any, question: str, text: str) -> None:
    """Propose `text` to the room's list on a phone's page, in the field the list's `question` labels."""
    page.get_by_label(question).fill(text)
    page.get_by_role("button", name="Voorstellen").click()


def support(entry: Any) -> None:
    """Support the list's `entry` on a phone and wait until the phone says it did."""
    from playwright.sync_api import expect

    entry.get_by_role("button", name="Steunen").click()
    expect(entry.get_by_role("button", name="Gesteund")).to_be_visible()


def csp_refusals(page: Any) -> list[str]:
    """What the room's strict Content Security Policy refuses on `page` from now on (as the console says it)."""
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    return refused


class LiveRoom:
    """`tocht room ARGS` running, the facilitator's control view, and the browser contexts opened on the room."""

    def __init__(self, browser: Any, *args: str) -> None:
        self.browser = browser
        self.served: Served = serve(*args)
        self.info = self.served.info
        self.join_url, self.screen_url, self.base = self.info["join_url"], self.info["screen_url"], self.served.base
        self.contexts: list[Any] = []
        self.control = httpx2.Client(base_url=self.base, follow_redirects=True, timeout=PATIENCE)
        self.control.get(self.screen_url)  # the facilitator's cookie: the control view opens from the screen's link

    def act(self, *steps: str) -> None:
        """Press the control view's buttons (`next`, `next-exercise`, `reveal`, `map`…), one after the other."""
        for step in steps:
            page = self.control.get("/control")
            assert self.control.post("/screen/do", data={"csrf": csrf(page.text), "do": step}).status_code == 200

    def page(self, **options: Any) -> Any:
        """A page in a browser context of its own (its own cookies: its own device), closed with the room."""
        context = self.browser.new_context(**options)
        self.contexts.append(context)
        return context.new_page()

    def phone(self, table: str = "tafel 1", script: bool = True, url: str | None = None) -> Any:
        """A phone (with or without JavaScript) that joined at `table`, on its page."""
        page = self.page(**PHONE, java_script_enabled=script)
        join(page, url or self.join_url, table)
        return page

    def phones(self, count: int, without_script: int | None = None) -> list[Any]:
        """`count` phones joined at the two tables in turn (tafel 2 first), the one numbered `without_script`
        without JavaScript: the room of a dozen phones the browser tests fill."""
        return [self.phone("tafel 1" if n % 2 else "tafel 2", script=n != without_script) for n in range(count)]

    def close(self) -> None:
        self.control.close()
        for context in self.contexts:
            context.close()
        if self.served.process.poll() is None:
            self.served.stop()

    def __enter__(self) -> LiveRoom:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
