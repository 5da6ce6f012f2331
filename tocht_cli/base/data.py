"""Where tocht's shipped data is (the kits, the stop words): every layer that reads it asks here."""

from __future__ import annotations

from pathlib import Path

from tocht_cli.base.errors import NotFound
from tocht_cli.base.i18n import _


def data_root() -> Path:
    """The shipped data: inside the installed package, or `data/` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / "kits").is_dir():
            return candidate
    raise NotFound(_("the shipped kits are missing (looked in {path})").format(path=here / "data"), _("reinstall tocht"))
