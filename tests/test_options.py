"""The option blocks commands share (cli/options.py): declared once, the same flag and help in each."""

from __future__ import annotations

import pytest
import typer.main

from tocht_cli.base.errors import UsageError
from tocht_cli.cli import options as o
from tocht_cli.cli.commands import dossier, export, hub


def flags(command) -> dict[str, str]:
    """Each option of a command: its flag → its help."""
    params = typer.main.get_command(_app(command)).params
    return {p.opts[0]: p.help for p in params if p.opts[0].startswith("--")}


def _app(command) -> typer.Typer:
    app = typer.Typer()
    app.command()(command)
    return app


def test_dossier_and_export_share_the_output_and_the_dossier_its_dates():
    said = flags(dossier.dossier)
    assert said["--output"] == flags(export.export)["--output"]
    assert said["--since"].startswith("Only meetings on or after DATE")
    assert said["--until"] == "Only meetings on or before DATE."


def test_the_hub_and_the_dossier_each_say_what_their_place_picks():
    assert flags(hub.hub)["--place"] == "Every session held at PLACE, new ones too."
    assert flags(dossier.dossier)["--place"] == "Every session held at PLACE."


def test_a_typed_date_is_stored_as_iso_and_a_wrong_one_is_a_usage_error():
    assert o.typed_date("15/01/2027") == "2027-01-15"
    assert o.typed_date(None) is None
    with pytest.raises(UsageError):
        o.typed_date("gisteren")
