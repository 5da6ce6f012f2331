"""A kit is validated by pydantic against each kind's Spec dataclass; every check of the hand-written
reader it replaced still holds, each problem is one line in plain words, all of them at once."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.helpers.files import ROOT, break_kit
from tocht_cli.base.errors import InvalidData
from tocht_cli.kinds.registry import installed
from tocht_cli.kit import loader

JARGON = ("Input should", "Value error", "Field required", "Extra inputs", "Unexpected keyword", "pydantic", "[type=")


def problems_of(kit_copy) -> list[str]:
    loader._load_folder.cache_clear()
    with pytest.raises(InvalidData) as err:
        loader.load_path(kit_copy, installed())
    for problem in err.value.problems:
        assert not any(j in problem for j in JARGON), problem
    return [p.removeprefix(f"{kit_copy}/") for p in err.value.problems]


def rewrite(kit_copy, file: str, pattern: str, new: str) -> None:
    path = kit_copy / file
    text, n = re.subn(pattern, new, path.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert n == 1, pattern
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        (
            "bingo.toml",
            'id = "bingo-3"',
            'id = "bingo 3"',
            "bingo.toml: statements[3].id: ids are ASCII letters, digits, '-' and '_' (not first), got 'bingo 3'",
        ),
        ("bingo.toml", 'id = "bingo-3"', 'id = "_b"', "bingo.toml: statements[3].id: ids are ASCII letters"),
        (
            "bingo.toml",
            'id = "bingo-3"',
            'id = "07"',
            "bingo.toml: statements[3].id: an id of only digits ('07') would be mistaken for an item's number",
        ),
        ("bingo.toml", "target = 10", "target = true", "bingo.toml: target: expected a whole number, got the boolean true"),
        ("bingo.toml", "target = 10", "target = 2.0", "bingo.toml: target: expected a whole number, got the number 2.0"),
        ("bingo.toml", "target = 10", "target = 0", "bingo.toml: target: expected a whole number of at least 1, got the number 0"),
        (
            "bingo.toml",
            "target = 10",
            "target = 26",
            "bingo.toml: target: expected a whole number from 1 to 25 (the card's statements), got the number 26",
        ),
        ("regio.toml", "rows = 10", "rows = 101", "regio.toml: rows: expected a whole number from 1 to 100, got the number 101"),
        (
            "stellingen.toml",
            'id = "B1"',
            'id = "a1"',
            "stellingen.toml: challenges[2].statements[1].id: duplicate id 'a1' (ids are matched ignoring case)",
        ),
        (
            "stellingen.toml",
            '[[challenges.statements]]\nid = "A1"',
            '[[challenges.statements]]\nid = "A1"\nnumber = 3',
            "stellingen.toml: challenges[1].statements[1].number: unknown key",
        ),
        ("stellingen.toml", 'title = "Van aanbodgestuurd', 'titel = "Van aanbodgestuurd', "stellingen.toml: challenges[1].title: missing"),
        (
            "stellingen.toml",
            '"twijfel"]',
            '"Eens"]',
            "stellingen.toml: positions: labels must be distinct, also ignoring case, spaces, dashes and accents (they are typed that way): 'eens' and 'Eens'",
        ),
        ("stellingen.toml", '"twijfel"]', '"\\u200b"]', "stellingen.toml: positions[3]: has no visible characters"),
        ("stellingen.toml", '"twijfel"]', "3]", "stellingen.toml: positions[3]: expected non-empty text, got the number 3"),
        ("vocabularium.toml", 'id = "cultuurspreiding"', 'id = "Productie"', "vocabularium.toml: tasks[1].id: duplicate id 'Productie'"),
        ("vocabularium.toml", 'label = "productie"', 'text = "productie"', "vocabularium.toml: functions[2].label: missing"),
        ("allianties.toml", 'kind = "alliances"', 'kind = "alliances"\nwith_ = 1', "allianties.toml: with_: unknown key"),
        ("allianties.toml", "[[with]]", "[[with]]\nfoo = 1", "allianties.toml: with[1].foo: unknown key"),
        ("stappenplan.toml", 'id = "stap-2"', 'id = "STAP-1"', "stappenplan.toml: steps[2].id: duplicate id 'STAP-1'"),
        ("stappenplan.toml", 'id = "stap-2"', 'id = "2"', "stappenplan.toml: steps[2].id: an id of only digits"),
        ("rollen.toml", 'now = "', 'now = "\\u001b[31m', "rollen.toml: now: contains control characters or escape sequences"),
        ("rollen.toml", 'now = "', 'now = "\\r', "rollen.toml: now: contains control characters"),
        ("rollen.toml", 'code = "T3"', 'code = " "', "rollen.toml: code: expected non-empty text, got an empty text"),
        ("kit.toml", 'language = "nl"', "language = 2017-09-07", "kit.toml: language: expected non-empty text, got the date 2017-09-07"),
    ],
)
def test_each_check_of_a_kit_in_plain_words(kit_copy, file, old, new, expected):
    break_kit(kit_copy, file, old, new)
    found = problems_of(kit_copy)
    assert any(expected in p for p in found), found


@pytest.mark.parametrize(
    "table, expected",
    [('[labels]\nstopp = "klaar"', "kit.toml: labels.stopp: unknown key"), ('[labelz]\nstop = "klaar"', "kit.toml: labelz: unknown key")],
)
def test_a_kit_gives_only_words_tocht_knows(kit_copy, table, expected):
    rewrite(kit_copy, "kit.toml", r"\Z", f"\n{table}\n")
    assert problems_of(kit_copy) == [expected]


def test_a_single_table_where_a_list_of_tables_belongs_names_the_header(kit_copy):
    rewrite(kit_copy, "bingo.toml", r"^\[\[statements\]\]\nid = \"bingo-1\"", '[statements]\nid = "bingo-1"')
    rewrite(kit_copy, "bingo.toml", r"^\[\[statements\]\]\n(.*\n)*", "")
    assert "bingo.toml: statements: expected a list of tables, one [[statements]] per entry, got a table" in problems_of(kit_copy)


def test_an_unknown_kind_is_the_only_problem_of_its_file(kit_copy):
    break_kit(kit_copy, "rollen.toml", 'kind = "roles"', 'kind = "rolez"')
    assert [p for p in problems_of(kit_copy) if "rollen" in p] == [
        "rollen.toml: kind: unknown kind 'rolez'; known: alliances, bingo, challenges, dotvote, followup, roles, statements, steps, upvotes, vocabulary, words"
    ]


def test_every_file_is_checked_when_kit_toml_has_problems(kit_copy):
    rewrite(kit_copy, "kit.toml", r"\Z", "\n[labels]\nyes = 3\n")
    break_kit(kit_copy, "regio.toml", "rows = 10", "rows = 0")
    break_kit(kit_copy, "kit.toml", '  "regio",', '  "regio",\n  "../buiten",')
    found = problems_of(kit_copy)
    assert len(found) == 3, found
    assert found[0] == "kit.toml: labels.yes: expected non-empty text, got the number 3"
    assert found[1] == "regio.toml: rows: expected a whole number from 1 to 100, got the number 0"
    assert found[2].startswith("kit.toml: exercises[8]: '../buiten' is not an exercise file of this kit")


def test_texts_are_trimmed_and_items_numbered_in_kit_order(kit_copy):
    break_kit(kit_copy, "bingo.toml", 'text = "De geldpot is op"', 'text = "  De geldpot is op \\n"')
    kit = loader.load_path(kit_copy, installed())
    bingo = kit.exercise("bingo").spec
    assert "De geldpot is op" in [s.text for s in bingo.statements]
    assert [s.number for s in bingo.statements] == list(range(1, len(bingo.statements) + 1))
    steps = kit.exercise("stappenplan").spec.steps
    assert [(s.id, s.number) for s in steps[:2]] == [("stap-1", 1), ("stap-2", 2)]
    assert kit.exercise("allianties").spec.with_[0].id == "met-1"  # `with` in the file
    assert list(kit.words_used())[:3] == ["session", "date", "place"]  # the room's words, in one order


def test_importing_the_kinds_imports_no_pydantic_model_machinery():
    """The kinds' Specs carry light markers; pydantic builds their schemas only when the loader asks."""
    code = "import sys; import tocht_cli.kinds.registry; print(sorted(m for m in sys.modules if m.startswith(('pydantic.main', 'pydantic.type_adapter', 'pydantic._internal._generate_schema'))))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_an_exercise_listed_twice_does_not_hide_the_problems_of_the_files(kit_copy):
    break_kit(kit_copy, "kit.toml", '  "regio",', '  "regio",\n  "Regio",')
    break_kit(kit_copy, "rollen.toml", 'kind = "roles"', 'kind = "rolez"')
    problems = problems_of(kit_copy)
    assert any(p.startswith("kit.toml: exercises:") and "'Regio'" in p for p in problems), problems
    assert any(p.startswith("rollen.toml: kind: unknown kind 'rolez'") for p in problems), problems


def test_kit_problems_name_files_as_typed_from_where_the_facilitator_stands(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cli("kit", "copy", "mijn-kit")
    (tmp_path / "mijn-kit" / "bingo.toml").write_text(
        (tmp_path / "mijn-kit" / "bingo.toml").read_text(encoding="utf-8").replace('id = "bingo-2"', 'id = "bingo-1"'), encoding="utf-8"
    )
    result = cli("kit", "validate", "mijn-kit", ok=False)
    assert result.exit_code == 4
    assert "  - mijn-kit/bingo.toml: statements[2].id: duplicate id 'bingo-1'" in result.stderr
    assert str(tmp_path) not in result.stderr
