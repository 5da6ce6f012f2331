"""The shipped kit holds the report's exercises faithfully; an invalid kit gets clear errors."""

from __future__ import annotations

import json
import re

import pytest

from tests.helpers.files import KIT_DIR, SEED, break_kit
from tocht_cli.base.errors import InvalidData
from tocht_cli.kinds.registry import installed
from tocht_cli.kit import loader


@pytest.fixture
def kit_json(cli):
    return json.loads(cli("kit", "show", "--json").stdout)


def exercise(doc, ex_id):
    return next(e for e in doc["exercises"] if e["id"] == ex_id)


def flat(text: str) -> str:
    """The seed's text with its page-layout line breaks and hyphenation undone."""
    text = re.sub(r"-\s*\n\s*(?=[a-z])", "", text)
    text = re.sub(r"/\s*\n\s*", "/", text)
    return re.sub(r"\s+", " ", text)


def test_exercises_in_report_order(kit_json):
    assert [e["id"] for e in kit_json["exercises"]] == [
        "bingo",
        "stellingen",
        "vocabularium",
        "rollen",
        "stappenplan",
        "allianties",
        "regio",
    ]
    assert kit_json["name"] == "tocht-2017"
    assert kit_json["title"] == "Nieuwe allianties voor de podiumkunsten in de lokale gemeenschap"
    assert all(e["intro"] for e in kit_json["exercises"])


def test_bingo_card(kit_json):
    bingo = exercise(kit_json, "bingo")
    assert bingo["target"] == 10
    texts = [s["text"] for s in bingo["statements"]]
    assert 20 <= len(texts) <= 30
    for phrase in ("Het zijn spannende tijden", "Zo'n dag zou vaker moeten plaatsvinden", "De geldpot is op", "Krachten bundelen"):
        assert phrase in texts


def test_statements_whole_and_in_order(kit_json):
    st = exercise(kit_json, "stellingen")
    assert st["positions"] == ["eens", "oneens", "twijfel"]
    a, b = st["challenges"]
    assert a["title"] == "Van aanbodgestuurd naar vraaggestuurd?"
    assert b["title"] == "Van DIY-residenties naar productie/ontwikkeling?"
    assert [s["id"] for s in a["statements"]] == [f"A{i}" for i in range(1, 9)]
    assert [s["id"] for s in b["statements"]] == [f"B{i}" for i in range(1, 8)]
    texts = {s["id"]: s["text"] for c in (a, b) for s in c["statements"]}
    assert texts["A7"].endswith("We moeten hier een constructief antwoord op vinden.")
    assert "cultuurcentrumtekst" in texts["A8"] and "culuur" not in texts["A8"]
    assert "creëren" in texts["B6"]
    assert texts["A2"] == "Mensen moeten toch ook geconfronteerd worden met dingen die ze nog niet kennen?!"


@pytest.mark.skipif(not SEED.exists(), reason="the seed report is not beside the checkout")
def test_statements_match_the_seed_word_for_word(kit_json):
    seed = flat(SEED.read_text(encoding="utf-8")).replace("culuurcentrumtekst", "cultuurcentrumtekst").replace("creeëren", "creëren")
    st = exercise(kit_json, "stellingen")
    for challenge in st["challenges"]:
        for s in challenge["statements"]:
            text = s["text"].removesuffix(" vinden.") if s["id"] == "A7" else s["text"]
            assert text in seed, s["id"]


def test_vocabulary_roles_steps_alliances_regio(kit_json):
    voc = exercise(kit_json, "vocabularium")
    assert [f["id"] for f in voc["functions"]] == ["ontwikkeling", "productie", "presentatie", "reflectie", "participatie"]
    assert [t["id"] for t in voc["tasks"]] == ["cultuurspreiding", "cultuurparticipatie", "gemeenschapsvorming"]
    roles = exercise(kit_json, "rollen")
    assert roles["holders"] == ["programmator", "kunstenaar", "samen", "niemand"]
    assert next(t["text"] for t in roles["tasks"]) == "buitenkomen, contact met publiek opzoeken"
    assert [t["text"] for t in roles["tasks"]][-1] == "op klasbezoek voor de voorstelling plaatsvindt"
    assert len(roles["tasks"]) == 9
    steps = exercise(kit_json, "stappenplan")
    assert [s["title"] for s in steps["steps"]] == [
        "leer elkaar kennen",
        "ontwikkel een verhaal met een nieuw vocabularium",
        "wees partners van elkaar",
        "zorg voor helderheid en trek op tijd de grens",
        "zoek het bovenlokale perspectief op",
        "betrek de burgemeester (en later ook de minister-president)",
    ]
    assert steps["statuses"] == ["gepland", "bezig", "vast", "gedaan"]
    al = exercise(kit_json, "allianties")
    assert len(al["with"]) == 8 and al["with"][0]["text"] == "jonge, minder bekende kunstenaars"
    assert len(al["nature"]) == 8
    assert [c["text"] for c in al["criteria"]] == [
        "sleutelfiguren zoeken",
        "inhoudelijke verwantschappen opzoeken",
        "budget voorzien",
        "cocreëren",
        "ruimte creëren, minder vast programmeren",
        "onderlinge communicatie",
        "experimenteren",
        "naar buiten trekken",
        "zich langdurig engageren",
        "bijleren (van elkaar)",
        "jezelf blijven bevragen",
        "klein beginnen",
    ]
    assert al["statuses"] == ["aanwezig", "deels", "nog niet"]
    regio = exercise(kit_json, "regio")
    assert regio["rows"] == 10 and len(regio["suggestions"]) >= 10


def test_kit_list_and_show_one(cli):
    assert "tocht-2017" in cli("kit", "list").stdout
    out = cli("kit", "show", "rollen").stdout
    assert "rol-4" in out and "publieksmedewerker in je team" in out
    assert "(rollen)" in out and "[roles]" not in out  # the kind's name is English: it stays in --json


def test_shipped_kit_validates(cli):
    assert "is valid" in cli("kit", "validate", str(KIT_DIR)).stdout


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        ("kit.toml", 'name = "tocht-2017"', "", "kit.toml: name: missing"),
        (
            "kit.toml",
            "eigen woorden voor geven.\n",
            "eigen woorden voor geven.\n[labels]\nyes = 3\n",
            "kit.toml: labels.yes: expected non-empty text, got the number 3",
        ),
        ("kit.toml", '  "regio",', '  "regio",\n  "ontbreekt",', "exercises[8]: no file ontbreekt.toml"),
        ("bingo.toml", "target = 10", "target = 99", "bingo.toml: target: expected a whole number from 1 to 25"),
        ("bingo.toml", 'id = "bingo-2"', 'id = "bingo-1"', "bingo.toml: statements[2].id: duplicate id 'bingo-1'"),
        ("rollen.toml", 'kind = "roles"', 'kind = "rolez"', "rollen.toml: kind: unknown kind 'rolez'"),
        (
            "stellingen.toml",
            'positions = ["eens", "oneens", "twijfel"]',
            'positions = ["eens"]',
            "stellingen.toml: positions: expected a list of at least 2",
        ),
        (
            "stappenplan.toml",
            'title = "leer elkaar kennen"',
            'titel = "leer elkaar kennen"',
            "stappenplan.toml: steps[0].titel: unknown key",
        ),
        ("regio.toml", "rows = 10", 'rows = "tien"', "regio.toml: rows: expected a whole number"),
        ("allianties.toml", 'kind = "alliances"', 'kind = "alliances', "allianties.toml: not valid TOML"),
    ],
)
def test_invalid_kit_names_file_key_and_problem(kit_copy, cli, file, old, new, expected):
    break_kit(kit_copy, file, old, new)
    with pytest.raises(InvalidData) as err:
        loader.load_path(kit_copy, installed())
    assert any(expected.replace("steps[0]", "steps[1]") in p for p in err.value.problems), err.value.problems
    result = cli("kit", "validate", str(kit_copy), ok=False)
    assert result.exit_code == 4
    assert "Traceback" not in result.stderr and expected.split(":")[0] in result.stderr


def test_all_problems_reported_at_once(kit_copy):
    break_kit(kit_copy, "bingo.toml", "target = 10", "target = 0")
    break_kit(kit_copy, "rollen.toml", 'now = "Wie neemt deze rol vandaag op?"', "")
    with pytest.raises(InvalidData) as err:
        loader.load_path(kit_copy, installed())
    assert len(err.value.problems) == 2


def test_own_kit_for_new_sessions(kit_copy, cli):
    break_kit(kit_copy, "kit.toml", 'name = "tocht-2017"', 'name = "mijn-kit"')
    break_kit(kit_copy, "bingo.toml", 'text = "De geldpot is op"', 'text = "Eigen uitspraak"')
    cli("--kit", str(kit_copy), "new", "Eigen")
    shown = json.loads(cli("show", "--json").stdout)
    assert shown["kit"] == {"name": "mijn-kit", "version": "1.0.0", "path": str(kit_copy.resolve())}
    assert "Eigen uitspraak" in cli("kit", "show", "bingo").stdout


def test_kit_copy_makes_an_editable_kit(tmp_path, cli):
    target = tmp_path / "mijn"
    cli("kit", "copy", str(target))
    assert (target / "kit.toml").is_file()
    assert "is valid" in cli("kit", "validate", str(target)).stdout
    assert cli("kit", "copy", str(target), ok=False).exit_code == 2


def test_kit_show_names_a_kit_sections_texts_in_the_kits_language_not_by_toml_key(cli):
    """`now_heading:`, `bingo_at:`, `whom: bij` meant nothing to a Dutch reader: each text is said for what it is."""
    import re

    from tocht_cli.kinds.registry import installed
    from tocht_cli.kinds.tables import toml_key

    for kit, words in (("tocht-2017", "Kolomtitel voor vandaag: vandaag"), ("tocht-2017-en", "Heading for today: today")):
        shown = cli("--kit", kit, "kit", "show").stdout
        assert words in shown
        for kind in ("bingo", "statements", "vocabulary", "roles", "steps", "alliances", "challenges"):
            for name in installed()[kind].spec_type.__struct_fields__:
                key = toml_key(name)
                if key not in ("id", "title", "number"):
                    assert not re.search(rf"^\s*{key}:", shown, re.MULTILINE), (kit, kind, key)
