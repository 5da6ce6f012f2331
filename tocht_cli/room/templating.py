"""Jinja2 for the room's and the hub's pages: one set of templates, autoescaped, in a kit's language."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from tocht_cli.kinds.contract import Kit
from tocht_cli.room.assets import Assets

TEMPLATES = Path(__file__).parent / "templates"


def templates(kit: Kit, assets: Assets) -> Environment:
    """Jinja2 with autoescape (user text stays text), in `kit`'s language; static files named by their content."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(kit.words, newstyle=True)  # type: ignore[attr-defined]
    env.globals["static"] = assets.url
    return env
