"""The rich console tocht prints through (console.py) cleans what it prints, by rich's public render hook."""

from __future__ import annotations

import pytest
from rich.table import Table
from rich.text import Text

from tocht_cli.render.console import safe_console

SNEAKY = "naam \x1b]0;titel\x07 en \x1b[2J\u202e"


@pytest.mark.parametrize("stderr", [False, True])
def test_text_and_tables_are_cleaned_and_riches_own_styles_kept(monkeypatch, stderr):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    console = safe_console(stderr=stderr)
    table = Table("kolom")
    table.add_row(SNEAKY)
    with console.capture() as captured:
        console.print(Text(SNEAKY, style="bold"), table)
        console.print(SNEAKY, style="green")
    shown = captured.get()
    assert "\x1b]" not in shown and "\x1b[2J" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert shown.count("naam") == 3
    assert "\x1b[1m" in shown  # rich's own bold, added after the text was cleaned
