"""What leaves the room, as a reader of each format gets it: "nee" told from no answer, the kit's intro and
the letter signed, the summary page, unanswered items summed up."""

from __future__ import annotations

import json

import pytest

from tocht_cli.exercises.values import Flag


def test_a_flag_that_may_be_unanswered_keeps_no_answer_apart_from_no():
    flag = Flag(default=None)
    assert flag.check(None) is None and flag.check(False) is False
    with pytest.raises(ValueError):
        Flag().check(None)  # bingo's cross: a yes or a no, nothing else


def test_reports_tell_no_from_not_answered(cli, session):
    cli("roles", "set", "1", "--now", "programmator", "--future", "samen", "--no-double")
    cli("roles", "set", "2", "--now", "kunstenaar", "--future", "samen")  # double not asked
    roles = next(iter(json.loads(cli("roles", "--json").stdout).values()))
    assert roles["rol-1"]["double"] is False and roles["rol-2"]["double"] is None
    md = cli("export").stdout
    assert "| 1 | buitenkomen, contact met publiek opzoeken | programmator | **→ samen** | nee |" in md
    assert "| 2 | interesse in publiek vertonen | kunstenaar | **→ samen** |  |" in md
    shown = cli("roles").stdout
    assert "nee" in shown.split("interesse")[0] and "nee" not in shown.split("interesse")[1].split("\n")[0]
