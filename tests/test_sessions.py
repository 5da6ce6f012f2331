"""`tocht edit`, `tocht group add | rename | remove`, and what `new --from` carries over."""

from __future__ import annotations

import json

import pytest


def sid(result) -> str:
    return result.stdout.strip()


def shown(cli, session: str | None = None) -> dict:
    return json.loads(cli("show", *([session] if session else []), "--json").stdout)


@pytest.fixture
def tables(cli):
    """A session with two groups; tafel 1 has answered A1 and role 1."""
    s = sid(cli("new", "Overleg Genk", "--date", "2018-03-01", "--place", "Genk", "--facilitator", "Ann", "-g", "tafel 1", "-g", "tafel 2"))
    cli("statements", "vote", "A1", "-p", "eens", "--agree", "3", "-g", "tafel 1")
    cli("roles", "set", "1", "--now", "programmator", "--future", "samen", "-g", "tafel 1")
    cli("statements", "vote", "A2", "-p", "oneens", "-g", "tafel 2")
    return s


# -- edit ---------------------------------------------------------------------


def test_edit_changes_only_what_is_given(cli, tables):
    result = cli("edit", "--place", "CC Genk", "--date", "2018-03-02")
    assert "place 'Genk' → 'CC Genk'" in result.stderr and result.stdout == ""
    session = shown(cli)
    assert (session["name"], session["date"], session["place"], session["facilitator"]) == ("Overleg Genk", "2018-03-02", "CC Genk", "Ann")
    cli("edit", tables, "--facilitator", "Bert", "--name", "Overleg CC Genk")
    listed = json.loads(cli("list", "--json").stdout)
    assert listed[0]["name"] == "Overleg CC Genk" and listed[0]["facilitator"] == "Bert"  # the list's cache follows
    assert len(shown(cli)["answers"]) == 3


def test_edit_json_prints_the_record(cli, tables):
    doc = json.loads(cli("edit", "--place", "Hasselt", "--json").stdout)
    assert doc["id"] == tables and doc["place"] == "Hasselt"


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "nothing to change"),
        (["--place", ""], "--place is empty"),
        (["--name", "  "], "--name is empty"),
        (["--facilitator", "\u200b"], "--facilitator needs visible characters"),
        (["--date", "2018-02-30"], "--date '2018-02-30': not a real day"),
        (["--date", "gisteren"], "--date 'gisteren': not a date: write 15/01/2027, 15-1-2027, 15 January 2027 or 2027-01-15"),
        (["--name", "x" * 201], "at most 200"),
    ],
)
def test_edit_refuses_empty_and_invalid_values(cli, tables, args, message):
    before = shown(cli)
    result = cli("edit", *args, ok=False)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert shown(cli) == before


def test_edit_an_unknown_session(cli, tables):
    assert cli("edit", "zomer", "--place", "X", ok=False).exit_code == 3


def test_new_from_carries_the_facilitator_and_place_over(cli, tables):
    later = shown(cli, sid(cli("new", "Zes maanden later", "--from", tables)))
    assert (later["facilitator"], later["place"], later["groups"]) == ("Ann", "Genk", ["tafel 1", "tafel 2"])
    other = shown(cli, sid(cli("new", "Elders", "--from", tables, "--place", "Hasselt", "--facilitator", "Bert")))
    assert (other["facilitator"], other["place"]) == ("Bert", "Hasselt")


# -- groups -------------------------------------------------------------------


def test_group_rename_moves_the_answers(cli, tables):
    result = cli("group", "rename", "tafel 1", "Tafel Noord")
    assert "2 answers" in result.stderr
    session = shown(cli)
    assert session["groups"] == ["Tafel Noord", "tafel 2"]
    assert {a["group"] for a in session["answers"]} == {"Tafel Noord", "tafel 2"}
    got = json.loads(cli("statements", "--json", "-g", "Tafel Noord").stdout)["Tafel Noord"]
    assert got["A1"]["position"] == "eens"
    cli("group", "rename", "tafel noord", "tafel noord", "-s", tables)  # only the case changes: allowed
    assert shown(cli)["groups"][0] == "tafel noord"


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["tafel 3", "x"], 2, "has no group 'tafel 3'"),
        (["tafel", "x"], 2, "has no group 'tafel'"),  # no guessing from a prefix
        (["tafel 1", "TAFEL 2"], 2, "has a group 'tafel 2' already"),
        (["tafel 1", " "], 2, "visible characters"),
    ],
)
def test_group_rename_refuses(cli, tables, args, code, message):
    before = shown(cli)
    result = cli("group", "rename", *args, ok=False)
    assert result.exit_code == code and message in result.stderr
    assert shown(cli) == before


def test_group_remove_without_a_terminal_names_yes(cli, tables):
    result = cli("group", "remove", "tafel 1", ok=False)
    assert result.exit_code == 6 and f"tocht group remove 'tafel 1' -s {tables} --yes" in result.stderr
    assert len(shown(cli)["answers"]) == 3


def test_group_remove_asks_when_the_group_has_answers(cli, keyed, tables):
    declined = keyed("n\r", "group", "remove", "tafel 1", code=1)
    assert "nothing was changed" in declined.stderr
    assert len(shown(cli)["answers"]) == 3
    keyed("y\r", "group", "remove", "tafel 1")
    session = shown(cli)
    assert session["groups"] == ["tafel 2"] and {a["group"] for a in session["answers"]} == {"tafel 2"}


def test_group_remove_yes_and_the_last_group(cli, tables):
    cli("group", "add", "tafel 3")
    assert cli("group", "remove", "tafel 3").exit_code == 0  # no answers: nothing to ask
    cli("group", "remove", "tafel 1", "--yes")
    result = cli("group", "remove", "tafel 2", "--yes", ok=False)
    assert result.exit_code == 2 and "only group" in result.stderr and "group rename" in result.stderr
    assert shown(cli)["groups"] == ["tafel 2"]


def test_group_add_and_add_group_both_work(cli, tables):
    cli("group", "add", "tafel 3")
    cli("add-group", "tafel 4", "-s", tables)
    assert shown(cli)["groups"] == ["tafel 1", "tafel 2", "tafel 3", "tafel 4"]
    assert cli("group", "add", "Tafel 3", ok=False).exit_code == 2


def test_group_rename_is_one_write_of_record_and_answers(cli, tables, isolated_db, monkeypatch):
    """A write that fails leaves record and answers as they were: never half renamed."""
    from tests.helpers.files import answers_file
    from tocht_cli.base.errors import DatabaseError
    from tocht_cli.store import storage

    before = {p: p.read_bytes() for p in answers_file(isolated_db)}
    writes = []

    def failing(path, text):
        writes.append(path)
        raise DatabaseError("disk full")

    monkeypatch.setattr(storage, "write_atomic", failing)
    assert cli("group", "rename", "tafel 1", "x", ok=False).exit_code == 5
    assert len(writes) == 1
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in answers_file(isolated_db)} == before


# -- a second session of the same name, the same export twice -------------------


def test_a_second_session_of_the_same_name_needs_yes_without_a_terminal(cli, tables):
    result = cli("new", "overleg  genk", ok=False)  # case and spacing aside, the same name
    assert result.exit_code == 6 and "--yes" in result.stderr and tables in result.stderr
    assert len(json.loads(cli("list", "--json").stdout)) == 1
    second = sid(cli("new", "Overleg Genk", "--yes"))
    assert second != tables and shown(cli)["id"] == second


def test_a_second_session_of_the_same_name_is_asked_about(cli, keyed, tables):
    declined = keyed("n\r", "new", "Overleg Genk", code=1)
    assert "there is a session named 'Overleg Genk' already" in declined.stderr
    assert len(json.loads(cli("list", "--json").stdout)) == 1
    keyed("y\r", "new", "Overleg Genk")
    assert len(json.loads(cli("list", "--json").stdout)) == 2


def test_the_other_sessions_date_is_written_as_the_kit_writes_dates(cli):
    cli("new", "Overleg Genk", "--date", "2026-11-27")
    said = cli("new", "Overleg Genk", ok=False).stderr
    assert "'Overleg Genk' (27 november 2026)" in said and "2026-11-27" not in said


@pytest.fixture
def exported(cli, tables, tmp_path):
    path = tmp_path / "overleg.json"
    cli("export", "-f", "json", "-o", str(path))
    cli("delete", tables, "--yes")  # as on another laptop
    return path


def test_import_does_not_become_the_current_session(cli, exported):
    other = sid(cli("new", "Ander overleg"))
    result = cli("import", str(exported))
    imported = sid(result)
    assert f"make it current with: tocht use {imported}" in result.stderr
    assert shown(cli)["id"] == other
    assert shown(cli, imported)["imported"] == {"id": json.loads(exported.read_text(encoding="utf-8"))["session"]["id"]}


def test_import_use_makes_it_current(cli, exported):
    imported = sid(cli("import", str(exported), "--use"))
    assert shown(cli)["id"] == imported


def test_the_same_export_imported_twice_without_a_terminal(cli, exported):
    first = sid(cli("import", str(exported)))
    result = cli("import", str(exported), ok=False)
    assert result.exit_code == 6 and "is here already" in result.stderr and first in result.stderr
    assert "--name NEW" in result.stderr and "--yes" in result.stderr
    assert len(json.loads(cli("list", "--json").stdout)) == 1


def test_the_same_export_imported_twice(cli, keyed, exported):
    cli("import", str(exported))
    keyed("n\r", "import", str(exported), code=1)
    assert len(json.loads(cli("list", "--json").stdout)) == 1
    keyed("y\r", "import", str(exported))
    cli("import", str(exported), "--name", "Overleg Genk, kopie")  # a new name is a new session
    cli("import", str(exported), "--yes")
    assert len(json.loads(cli("list", "--json").stdout)) == 4


def test_importing_where_it_was_exported_says_so(cli, tables, tmp_path):
    path = tmp_path / "overleg.json"
    cli("export", "-f", "json", "-o", str(path))
    result = cli("import", str(path), ok=False)
    assert result.exit_code == 6 and f"is here already: {tables}" in result.stderr


def test_new_and_import_leave_the_list_cache_alone_and_read_no_other_record(cli, tables, exported, monkeypatch, isolated_db):
    """At ten thousand sessions, parsing every record (or rewriting the 2.4 MB cache) made `new` and `import`
    four times slower: they look through the list's columns and read only the namesakes' own files."""
    from tocht_cli.store import Store

    before = isolated_db.read_bytes()

    def parsed_every_record(self):
        raise AssertionError("new/import parsed every session's record")

    monkeypatch.setattr(Store, "sessions", parsed_every_record)
    first = sid(cli("import", str(exported)))
    again = cli("import", str(exported), ok=False)
    assert again.exit_code == 6 and f"is here already: {first}" in again.stderr
    assert "there is a session named 'Ander' already" not in cli("new", "Ander").stderr
    said = cli("new", "ander", ok=False)
    assert said.exit_code == 6 and "there is a session named 'ander' already" in said.stderr
    assert isolated_db.read_bytes() == before


def test_a_workspace_works_in_the_store_and_kits_it_is_handed_not_a_global_one(run, tmp_path):
    """Services take this run's context as arguments: a store of another database is read as given."""
    from tocht_cli.base.errors import NotFound
    from tocht_cli.sessions.workspace import Workspace
    from tocht_cli.store import Store

    elsewhere = Store(tmp_path / "elders" / "tocht.json")
    made = elsewhere.create_session({"name": "Elders", "groups": ["tafel 1"], "kit": {"name": "tocht-2017"}})
    ws = Workspace.open(elsewhere, run.kits, made["id"])
    assert ws.store is elsewhere and ws.session["name"] == "Elders" and ws.kit is run.kits.load("tocht-2017")
    with pytest.raises(NotFound):
        run.workspace(made["id"])  # this run's own database has no such session
