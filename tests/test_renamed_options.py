"""An option a kit renamed ([renamed] of an exercise file): answers, hands and votes saved under its former name
are read, shown, exported, merged, imported and counted under its name now; the session file keeps the former
name until that answer is next saved. The fixtures were recorded under the English kit whose third position
was still "doubt": a session file with the room's votes (english-doubt.session.json) and its JSON export."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.files import ROOT
from tests.helpers.room import open_room
from tocht_cli.kinds.registry import installed
from tocht_cli.kit import loader
from tocht_cli.kit.validation import validate

DATA = ROOT / "tests" / "data"
SESSION = "16dffa"
ENGLISH = loader.load("tocht-2017-en", installed())
STATEMENTS = ENGLISH.exercise("stellingen")


@pytest.fixture
def recorded(isolated_db: Path) -> Path:
    """The session recorded under the former kit, in this test's database; the path of its file."""
    folder = isolated_db.parent / "tocht.sessions"
    folder.mkdir()
    return Path(shutil.copy(DATA / "english-doubt.session.json", folder / f"{SESSION}.json"))


def stored(path: Path) -> dict[tuple[str, str], dict]:
    answers = json.loads(path.read_text(encoding="utf-8"))["answers"].values()
    return {(a["item"], a["group"]): a["value"] for a in answers}


def shown_values(cli) -> dict[tuple[str, str], dict]:
    doc = json.loads(cli("show", "--json", "-s", SESSION).stdout)
    return {(a["item"], a["group"]): a["value"] for a in doc["answers"]}


def test_the_kit_renamed_doubt_and_says_so():
    assert STATEMENTS.spec.positions == ("agree", "disagree", "unsure")
    assert STATEMENTS.renamed == {"positions": {"doubt": "unsure"}}


def test_the_dutch_kit_renames_nothing():
    assert all(not ex.renamed for ex in loader.load("tocht-2017", installed()).exercises)


def test_show_reads_the_former_name_as_the_name_now_and_leaves_the_file_as_it_was(cli, recorded):
    before = recorded.read_bytes()
    values = shown_values(cli)
    assert values["A1", "table 1"] == {
        "position": "unsure",
        "counts": {"agree": 1, "disagree": 2, "unsure": 5},
        "note": "Listening is not the same as following.",
    }
    assert values["B1", "table 2"]["counts"] == {"agree": 2, "disagree": 2, "unsure": 4}
    text = cli("show", "-s", SESSION).stdout
    assert "unsure\u00a05" in text and "doubt" not in text
    assert recorded.read_bytes() == before  # reading never rewrites the file


@pytest.mark.parametrize("form", ["md", "html", "json"])
def test_exports_count_the_hands_under_the_name_now(cli, recorded, tmp_path, form):
    out = tmp_path / f"summary.{form}"
    cli("export", "-s", SESSION, "-f", form, "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "unsure" in text and "doubt" not in text


def test_the_summary_sums_both_tables_hands_and_the_rooms_votes_under_the_name_now(cli, recorded):
    summary = cli("export", "-s", SESSION).stdout.replace("\u00a0", " ")  # a count stays with its name
    assert "agree 1 · disagree 6 · unsure 8" in summary  # A1: table 1 (1, 2, 5) and table 2 (0, 4, 3)
    assert "doubt" not in summary


def test_the_next_vote_writes_the_name_now_and_keeps_every_hand(cli, recorded):
    cli("statements", "vote", "A1", "-g", "table 1", "--agree", "2", "-s", SESSION)
    values = stored(recorded)
    assert values["A1", "table 1"] == {
        "position": "unsure",
        "counts": {"agree": 2, "disagree": 2, "unsure": 5},
        "note": "Listening is not the same as following.",
    }
    assert values["A2", "table 1"]["counts"] == {"agree": 6, "disagree": 1, "doubt": 1}  # not saved again: as it was


def test_a_position_typed_by_its_former_name_is_saved_under_the_name_now(cli, recorded):
    said = cli("statements", "vote", "A2", "-g", "table 1", "--position", "doubt", "--count", "doubt=3", "-s", SESSION)
    assert stored(recorded)["A2", "table 1"] == {"position": "unsure", "counts": {"agree": 6, "disagree": 1, "unsure": 3}, "note": ""}
    assert "A2: unsure" in said.stderr


def test_an_export_made_before_the_rename_imports_under_the_name_now(cli, isolated_db):
    new_id = cli("import", str(DATA / "english-doubt.export.json")).stdout.strip()
    values = stored(isolated_db.parent / "tocht.sessions" / f"{new_id}.json")
    assert values["A1", "table 1"]["position"] == "unsure"
    assert values["B1", "table 2"]["counts"] == {"agree": 2, "disagree": 2, "unsure": 4}
    doc = json.loads((isolated_db.parent / "tocht.sessions" / f"{new_id}.json").read_text(encoding="utf-8"))
    assert {b["value"]["position"] for b in doc["ballots"].values()} == {"unsure", "agree"}


def test_a_merge_of_sessions_recorded_before_the_rename_holds_the_name_now(cli, recorded, isolated_db):
    imported = cli("import", str(DATA / "english-doubt.export.json"), "--name", "Second laptop").stdout.strip()
    merged = json.loads(cli("merge", SESSION, imported, "--name", "Leuven, merged", "--json").stdout)["id"]
    file = isolated_db.parent / "tocht.sessions" / f"{merged}.json"
    doc = json.loads(file.read_text(encoding="utf-8"))
    assert "doubt" not in json.dumps(doc)
    values = stored(file)
    assert len(values) == 8  # both sessions' four answers, under their tables as the merge names them
    assert sorted(v["position"] for (item, _), v in values.items() if item == "A1") == ["disagree", "disagree", "unsure", "unsure"]
    assert sorted(b["value"]["position"] for b in doc["ballots"].values()) == ["agree", "agree"] + ["unsure"] * 6


def test_the_room_counts_votes_cast_before_the_rename(run, cli, recorded):
    arena = open_room(run.workspace(SESSION))
    try:
        arena.room.goto(STATEMENTS, "A3")
        assert arena.room.tally(STATEMENTS, "A3") == {
            "table 1": {"agree": 1, "disagree": 0, "unsure": 2},
            "table 2": {"agree": 0, "disagree": 0, "unsure": 1},
        }
        arena.vote(arena.phone("table 2"), "unsure", "Too early to tell")
        saved = arena.room.save_tally()
    finally:
        arena.close()
    assert saved["table 1"]["counts"] == {"agree": 1, "disagree": 0, "unsure": 2}
    assert saved["table 2"]["counts"] == {"agree": 0, "disagree": 0, "unsure": 2}
    assert stored(recorded)["A3", "table 1"]["counts"] == {"agree": 1, "disagree": 0, "unsure": 2}


# -- the kit's [renamed] is validated ------------------------------------------------------------


def kit_with(tmp_path: Path, renamed: str) -> Path:
    folder = tmp_path / "kit"
    shutil.copytree(ROOT / "data" / "kits" / "tocht-2017-en", folder)
    file = folder / "stellingen.toml"
    text = file.read_text(encoding="utf-8")
    start = text.index("[renamed.positions]")
    file.write_text(text[:start] + renamed + text[text.index("[[challenges]]") :], encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("renamed", "problem"),
    [
        ('[renamed.holders]\ndoubt = "unsure"\n\n', "renamed.holders: 'holders' is no list of options of this exercise (lists: positions)"),
        ('[renamed.positions]\ndoubt = "maybe"\n\n', "renamed.positions.doubt: renamed to 'maybe', which is not one of the options now"),
        ('[renamed.positions]\nAgree = "unsure"\n\n', "renamed.positions.Agree: 'Agree' is still one of the options"),
        ('[renamed.positions]\ndoubt = ""\n\n', "renamed.positions.doubt: expected non-empty text"),
        ('[renamed]\npositions = "doubt"\n\n', "renamed.positions"),
    ],
)
def test_a_renaming_that_does_not_fit_the_kit_is_a_problem_with_its_key(tmp_path, renamed, problem):
    from tocht_cli.base.errors import InvalidData

    with pytest.raises(InvalidData) as found:
        validate(kit_with(tmp_path, renamed), False, installed())
    assert any(problem in line for line in found.value.problems), found.value.problems


# -- any values, any renaming -------------------------------------------------------------------

FORMER = {"agree": "yes", "disagree": "no", "unsure": "doubt"}  # a former name for each option, for the property below


@given(
    position=st.sampled_from([None, *FORMER, *FORMER.values()]),
    hands=st.dictionaries(st.sampled_from(list(FORMER)), st.integers(0, 100_000)),
    former=st.sets(st.sampled_from(list(FORMER))),
)
def test_a_value_saved_under_former_names_reads_and_validates_as_under_the_names_now(position, hands, former):
    """Whichever options were renamed, and whichever of their hands were saved under the former name:
    read, the value is the one recorded under the names now, and validating it changes nothing more."""
    import msgspec

    ex = msgspec.structs.replace(STATEMENTS, renamed={"positions": {FORMER[o]: o for o in former}})
    renaming = {FORMER[o]: o for o in former}
    if position in FORMER.values() and position not in renaming:
        position = None  # a former name the kit does not give is no value at all
    saved = {"position": position, "counts": {FORMER[o] if o in former else o: n for o, n in hands.items()}, "note": ""}
    now = {"position": renaming.get(position, position), "counts": hands, "note": ""}
    read = ex.kind.upgraded(ex, "A1", saved)
    assert read["position"] == now["position"] and read["counts"] == now["counts"]
    assert ex.kind.validate(ex, "A1", saved) == ex.kind.validate(ex, "A1", now) == ex.kind.validate(ex, "A1", read)


def test_a_scribe_sees_the_name_now_and_their_save_writes_it(run, cli, recorded):
    from tests.helpers.room import post

    arena = open_room(run.workspace(SESSION))
    try:
        scribe = arena.phone("table 1")
        page = scribe.get("/p/table/stellingen?item=A1").text
        assert 'value="unsure" checked' in page and 'name="counts.unsure" value="5"' in page and "doubt" not in page
        hands = {"counts.agree": "1", "counts.disagree": "2", "counts.unsure": "5"}  # as the browser sends the form back
        saved = post(scribe, "stellingen", "A1", position="unsure", note="Listening is not following.", **hands)
        assert saved.status_code == 200, saved.text
    finally:
        arena.close()
    assert stored(recorded)["A1", "table 1"] == {
        "position": "unsure",
        "counts": {"agree": 1, "disagree": 2, "unsure": 5},
        "note": "Listening is not following.",
    }
