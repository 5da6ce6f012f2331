"""The HTML dossier in Chromium: a step's history, seven columns with the round's comment, stays within the text
column (issue 20 trial: the step tables ran about 24 px past it at 1280 px)."""

from __future__ import annotations

import json

import pytest

# the tables that run past the element they stand in: (its right edge − the parent's), in px
PAST_THE_COLUMN = """() => [...document.querySelectorAll('table')]
  .map(t => t.getBoundingClientRect().right - t.parentElement.getBoundingClientRect().right).filter(d => d > 0.5)"""


@pytest.fixture
def dossier(cli, tmp_path):
    """Two meetings of the trial's words: a long action, who with their organisation, a round's comment."""
    march = json.loads(cli("new", "Netwerk maart", "--date", "2027-03-12", "-g", "tafel 1", "-g", "tafel 2", "--json").stdout)["id"]
    cli("steps", "set", "1", "--action", "Gezamenlijke programmakalender opzetten", "--who", "Ann (CC Merchtem)",
        "--by", "2027-05-15", "--status", "gepland", "-g", "tafel 1")  # fmt: skip
    cli("new", "Netwerk oktober", "--from", march, "--date", "2027-10-02")
    cli("followup", "set", "1", "geschrapt", "--comment", "kalender loopt via de provincie, samen met de buurgemeenten")
    cli("steps", "set", "1", "--action", "Residentieplek in de zomer aanbieden", "--who", "Bart", "--by", "2027-09-30",
        "--status", "bezig", "-g", "tafel 1")  # fmt: skip
    path = tmp_path / "dossier.html"
    cli("dossier", march, "Netwerk oktober", "-o", str(path))
    return path


@pytest.mark.parametrize("width", [1280, 1600])
def test_a_steps_history_stays_within_the_text_column(browser, dossier, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(dossier.as_uri())
        assert page.locator("table.wide").count() >= 1  # the history with its comment column
        assert page.evaluate(PAST_THE_COLUMN) == []
    finally:
        page.close()
