"""A prompt's refusal is shown whole (issue 18): prompt_toolkit's line for it is one line high, and the terminal
trial read "het aantal mensen: verwacht…" cut at 80 columns."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("columns", [80, 120])
def test_a_refusal_is_shown_whole_broken_between_words(columns):
    import questionary
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.filters import has_validation_error
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.layout import ConditionalContainer
    from prompt_toolkit.output import DummyOutput
    from prompt_toolkit.validation import ValidationError

    from tocht_cli.sessions.runtime import refusals_whole

    class Sized(DummyOutput):
        def get_size(self) -> Size:
            return Size(rows=24, columns=columns)

    said = (
        "het aantal mensen: verwacht een geheel getal van 0 tot 10000, niet 'ongeveer vijftien of zestien mensen, "
        "misschien wat meer als de schepen ook komt'"
    )
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=Sized()):
        app = refusals_whole(questionary.text("Hoeveel mensen aan tafel 1?")).application
        app.current_buffer.validation_error = ValidationError(message=said)
        (toolbar,) = [c for c in app.layout.walk() if isinstance(c, ConditionalContainer) and c.filter is has_validation_error]
        shown = toolbar.content.content.create_content(columns, 10)
        lines = ["".join(text for _style, text in shown.get_line(n)) for n in range(shown.line_count)]
    assert " ".join(lines) == said  # whole, each line ending at a word
    assert all(len(line) < columns for line in lines) and not any("…" in line for line in lines)
    assert toolbar.content.preferred_height(columns, 24).preferred == len(lines)  # as high as it needs
