"""Chromium as the tests drive it: its flags, and pages that wait PATIENCE."""

from __future__ import annotations

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
