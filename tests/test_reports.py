"""What leaves the room, as a reader of each format gets it: "nee" told from no answer, the kit's intro and
the letter signed, the summary page, unanswered items summed up."""

from __future__ import annotations

import html
import json

import msgspec
import pytest
from conftest import KIT_DIR
from pypdf import PdfReader

from tocht_cli.exercises.registry import installed
from tocht_cli.exercises.values import Flag
from tocht_cli.kit import loader
from tocht_cli.summary import framing


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


def test_the_kit_intro_frames_the_letter_in_every_summary(cli, session, tmp_path):
    """The intro's opening words, TOCHT's letter signed as the report signs it, then the workbook's invitation."""
    signature, invitation = "— TOCHT - 7 september 2017, CC Strombeek", "In een poging deze uitdaging met volle moed"
    md = cli("export").stdout
    assert md.index("*Reflecteren is... verandering") < md.index("> Beste sector") < md.index(f"> {signature}") < md.index(invitation)
    page = cli("export", "--format", "html").stdout
    assert page.index('class="epigraph"') < page.index("Beste sector") < page.index(signature) < page.index(invitation)
    for command in (["export", "--format", "pdf"], ["kit", "sheets"]):
        target = tmp_path / "out.pdf"
        cli(*command, "-o", str(target))
        first = " ".join(PdfReader(target).pages[0].extract_text().split())
        assert "Beste sector" in first and signature in first and invitation in first, command


def test_an_intro_without_a_signed_opening_is_all_invitation():
    kit = loader.load_path(KIT_DIR, installed())
    assert framing(kit).signature == "TOCHT - 7 september 2017, CC Strombeek"
    plain = msgspec.structs.replace(kit, intro="Een inleiding.\n\nNog een alinea.")
    assert framing(plain) == ((), "", ("Een inleiding.", "Nog een alinea."))


def test_worksheets_explain_the_steps_ask_the_roles_questions_and_print_the_bingo_rule(cli):
    page = cli("kit", "sheets", "-n", "4", "--format", "html").stdout
    kit = loader.load_path(KIT_DIR, installed())
    for step in kit.exercise("stappenplan").spec.steps:
        assert html.escape(step.text, quote=False) in page, step.id
    assert page.count(html.escape(kit.exercise("rollen").spec.questions, quote=False)) == 1
    assert page.count("Schrap 10 uitspraken die je vandaag hoort en roep dan “BINGO!”.") == 4  # on every card
