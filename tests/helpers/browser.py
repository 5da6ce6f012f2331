"""Chromium as the tests drive it: its flags, and pages that wait PATIENCE."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.helpers.patience import PATIENCE

BROWSER_FLAGS = [  # headless on a closed network: no background connections, no sandbox as root
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


class Patient:
    """The browser, whose contexts and pages wait PATIENCE for anything (Playwright's own 30 s fails
    a test on a loaded machine that would pass on an idle one)."""

    def __init__(self, browser):
        self.browser = browser

    def new_context(self, **options):
        made = self.browser.new_context(**options)
        made.set_default_timeout(PATIENCE * 1000)  # Playwright counts in milliseconds
        return made

    def new_page(self, **options):
        page = self.browser.new_page(**options)
        page.set_default_timeout(PATIENCE * 1000)
        return page

    def __getattr__(self, name):
        return getattr(self.browser, name)


@contextmanager
def served_chromium(path: str) -> Iterator[str]:
    """Chromium at `path`, launched by Playwright's own driver as a server on 127.0.0.1 (chromium_server.js);
    yields the address a module's Playwright connects to. Gone when the block ends."""
    import playwright

    driver = Path(playwright.__file__).parent / "driver"
    script = Path(__file__).with_name("chromium_server.js")
    command = [str(driver / "node"), str(script), str(driver / "package"), path, json.dumps(BROWSER_FLAGS)]
    server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        address = server.stdout.readline().strip() if server.stdout else ""
        assert address.startswith("ws://127.0.0.1:"), f"Chromium did not start: {address!r}"
        yield address
    finally:
        if server.stdin:
            server.stdin.close()  # the server closes the browser and ends
        try:
            server.wait(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
