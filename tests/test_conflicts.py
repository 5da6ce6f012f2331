"""Laptops that sync (issue 20 §5): a sync tool's conflict copy is named by `list` and `doctor`, and
`doctor --repair` merges it into its session field by field, keeping both sides."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.examples import examples
from tocht_cli.base.laptop import host, this_laptop
from tocht_cli.sessions import reconcile
from tocht_cli.store import conflicts
from tocht_cli.store.shapes import ID

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=examples(60))
SYNCTHING = "{id}.sync-conflict-20261207-101500-ABCDEF7.json"

ids = st.from_regex(ID, fullmatch=True)
devices = st.from_regex(r"[A-Z0-9]{7}", fullmatch=True)
hosts = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,20}[A-Za-z0-9]", fullmatch=True)
moments = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2099, 12, 31))


@given(ids, devices, moments)
def test_syncthing_copies_are_known_with_their_device_and_moment(session, device, at):
    name = f"{session}.sync-conflict-{at:%Y%m%d-%H%M%S}-{device}.json"
    assert conflicts.named(name) == conflicts.Copy(name, session, "syncthing", device, f"{at:%Y-%m-%dT%H:%M:%S}")


@given(ids, hosts, moments, st.sampled_from(["", " (1)", " (12)"]))
def test_dropbox_copies_are_known_with_their_computer_and_date(session, host, at, again):
    name = f"{session} ({host}'s conflicted copy {at:%Y-%m-%d}){again}.json"
    assert conflicts.named(name) == conflicts.Copy(name, session, "dropbox", host, f"{at:%Y-%m-%d}")


@given(ids, moments)
def test_nextcloud_and_owncloud_copies_are_known_with_their_moment(session, at):
    nextcloud = f"{session} (conflicted copy {at:%Y-%m-%d %H%M%S}).json"
    owncloud = f"{session}_conflict-{at:%Y%m%d-%H%M%S}.json"
    when = f"{at:%Y-%m-%dT%H:%M:%S}"
    assert conflicts.named(nextcloud) == conflicts.Copy(nextcloud, session, "nextcloud", "", when)
    assert conflicts.named(owncloud) == conflicts.Copy(owncloud, session, "owncloud", "", when)


@given(ids)
def test_a_session_file_is_never_taken_for_a_copy_by_its_name(session):
    assert conflicts.named(f"{session}.json") is None or "_conflict-" in session


@given(ids, st.from_regex(r"[A-Za-z0-9][A-Za-z0-9-]{0,20}", fullmatch=True))
def test_a_onedrive_copy_needs_its_content_to_agree(session, host):
    name = f"{session}-{host}.json"
    assert conflicts.onedrive(name, session, {session}) == conflicts.Copy(name, session, "onedrive", host)
    assert conflicts.onedrive(name, session, set()) is None  # the session it names is not there
    assert conflicts.onedrive(name, f"{session}-{host}", {session}) is None  # a session of its own (`tafel-2` beside `tafel`)


# -- merging field by field ----------------------------------------------------------------------

WHO = st.sampled_from(["", "An", "Bart", "Chris"])


def steps_document(plan: dict[str, tuple[str, str]], hour: int = 10) -> dict:
    """A session document whose steps exercise holds `plan`: step → (action, who), for 'tafel 1', saved from `hour` on
    (two sides saved at other hours never agreed on a save: every field both filled differently is a clash)."""
    answers = {
        str(n): {
            "exercise": "stappenplan",
            "item": step,
            "group": "tafel 1",
            "value": {"action": a, "who": w},
            "at": f"2026-12-07T{hour}:0{n}:00",
        }
        for n, (step, (a, w)) in enumerate(sorted(plan.items()), 1)
        if a or w
    }
    record = {"id": "s1", "name": "Najaar", "groups": ["tafel 1"], "created": "2026-12-07T09:00:00"}
    return {"meta": {"1": {"schema": 2, "kind": "session", "record": record}}, "answers": answers}


plans = st.dictionaries(st.sampled_from(["stap-1", "stap-2", "stap-3"]), st.tuples(WHO, WHO), max_size=3)


@SETTINGS
@given(mine=plans, theirs=plans)
def test_a_merge_keeps_every_value_of_both_sides_and_asks_only_where_both_filled_a_field(run, mine, theirs):
    kit = run.kits.for_new_session()
    clashes = reconcile.merged(kit, steps_document(mine), steps_document(theirs, 11), {})[1]
    decided = {c.key: "both" for c in clashes}
    both, still = reconcile.merged(kit, steps_document(mine), steps_document(theirs, 11), decided)
    assert not still
    values = {doc["item"]: doc["value"] for doc in both["answers"].values()}
    asked = {(c.where[1], c.field) for c in clashes}
    for side in (mine, theirs):
        for step, (action, who) in side.items():
            for field, value in (("action", action), ("who", who)):
                assert value in values.get(step, {}).get(field, ""), (step, field, value, values)  # nothing lost
    for step in set(mine) & set(theirs):
        for n, field in enumerate(("action", "who")):
            own, other = mine[step][n], theirs[step][n]
            assert ((step, field) in asked) == (own != other and own != "" and other != "")


def test_a_field_that_holds_one_value_is_not_offered_both(run):
    kit = run.kits.for_new_session()

    def status(value: str) -> dict:
        doc = steps_document({"stap-1": ("Affiche", "An")})
        doc["answers"]["1"]["value"]["status"] = value
        return doc

    _, (clash,) = reconcile.merged(kit, status("bezig"), status("gedaan"), {})
    assert clash.field == "status" and clash.both is None
    assert reconcile.preferred([clash], "both") == ({}, [clash])


# -- the command line -----------------------------------------------------------------------------


@pytest.fixture
def diverged(cli, run, two_groups):
    """Session 'Twee tafels' changed on two laptops at once: this file has An → Bart on step 1 and a step 2,
    the Syncthing copy An → Chris, status 'bezig' on step 1 and a step 3 of tafel 2; returns the copy's path."""
    cli("steps", "set", "1", "--action", "Affiche maken", "--who", "An", "-g", "tafel 1")
    path = run.store.session_file(two_groups)
    base = path.read_bytes()
    cli("steps", "set", "1", "--who", "Chris", "--status", "bezig", "-g", "tafel 1")
    cli("steps", "set", "3", "--action", "Pers", "-g", "tafel 2")
    copy = path.with_name(SYNCTHING.format(id=two_groups))
    shutil.copyfile(path, copy)
    path.write_bytes(base)
    cli("steps", "set", "1", "--who", "Bart", "-g", "tafel 1")
    cli("steps", "set", "2", "--action", "Zaal boeken", "-g", "tafel 1")
    return copy


def steps_of(cli, session: str) -> dict:
    return json.loads(cli("steps", "-s", session, "--json").stdout)


def test_list_names_a_conflict_copy_on_stderr_and_in_its_json(cli, two_groups, diverged):
    listed = cli("list")
    assert two_groups in listed.stdout and diverged.name not in listed.stdout  # data stays data
    assert (
        f"{diverged.name} is a conflict copy of session {two_groups} 'Twee tafels' (Syncthing, saved on this laptop ('{host()} {this_laptop()['laptop']}'), "
        in listed.stderr
    )  # the file says who saved it; ABCDEF7, the device whose change lost, is no guess at it
    assert "ABCDEF7)" not in listed.stderr
    dutch = cli("--lang", "nl", "list")
    assert f"{diverged.name} is een conflictkopie van sessie {two_groups} 'Twee tafels'" in dutch.stderr
    (session,) = json.loads(cli("list", "--json").stdout)
    assert session["conflict_copies"] == [
        {"file": diverged.name, "session": two_groups, "tool": "syncthing", "device": "ABCDEF7", "when": "2026-12-07T10:15:00"}
    ]


def test_doctor_names_a_conflict_copy_and_its_origin(cli, two_groups, diverged):
    result = cli("doctor", "--json", ok=False)
    (found,) = json.loads(result.stdout)["findings"]
    assert result.exit_code == 5 and found["kind"] == "conflict" and found["session"] == two_groups
    assert found["conflict"]["device"] == "ABCDEF7" and found["conflict"]["tool"] == "syncthing"
    assert "doctor --repair" in cli("doctor", ok=False).stderr


def test_without_a_terminal_a_clash_is_refused_naming_prefer_and_nothing_changes(cli, run, two_groups, diverged):
    before, copy = run.store.session_file(two_groups).read_bytes(), diverged.read_bytes()
    result = cli("doctor", "--repair", "--yes", ok=False)
    assert result.exit_code == 6 and "--prefer session|copy|both" in result.stderr
    assert run.store.session_file(two_groups).read_bytes() == before and diverged.read_bytes() == copy


@pytest.mark.parametrize(("prefer", "who"), [("session", "Bart"), ("copy", "Chris"), ("both", "Bart / Chris")])
def test_repair_with_prefer_merges_field_by_field_and_removes_the_copy(cli, two_groups, diverged, prefer, who):
    result = cli("doctor", "--repair", "--yes", "--prefer", prefer)
    assert f"merged {diverged.name} into session {two_groups}" in result.stderr and not diverged.exists()
    steps = steps_of(cli, two_groups)
    assert steps["tafel 1"]["stap-1"] == {"action": "Affiche maken", "who": who, "by": None, "status": "bezig"}
    assert steps["tafel 1"]["stap-2"]["action"] == "Zaal boeken" and steps["tafel 2"]["stap-3"]["action"] == "Pers"
    assert json.loads(cli("doctor", "--json").stdout)["healthy"]


def test_on_a_terminal_each_clash_is_asked_with_both_values(cli, two_groups, diverged, keyed):
    result = keyed("\x1b[B\r", "doctor", "--repair", "--yes")  # this file's · the copy's · both
    assert not diverged.exists() and "1 field changed on both sides" in result.stderr
    assert steps_of(cli, two_groups)["tafel 1"]["stap-1"]["who"] == "Chris"


def test_prefer_both_leaves_a_copy_whose_clash_cannot_hold_both(cli, run, two_groups, diverged):
    cli("steps", "set", "1", "--who", "Chris", "--status", "gedaan", "-g", "tafel 1")  # now only the status clashes
    before = run.store.session_file(two_groups).read_bytes()
    result = cli("doctor", "--repair", "--yes", "--prefer", "both", ok=False)
    assert result.exit_code == 5 and "T4 · 1. leer elkaar kennen, group 'tafel 1': Status cannot hold both" in result.stderr
    assert diverged.exists() and run.store.session_file(two_groups).read_bytes() == before
    cli("doctor", "--repair", "--yes", "--prefer", "copy")
    assert steps_of(cli, two_groups)["tafel 1"]["stap-1"]["status"] == "bezig"


def test_a_onedrive_copy_is_not_listed_as_a_session_of_its_own(cli, run, two_groups):
    cli("steps", "set", "1", "--action", "Affiche maken", "-g", "tafel 1")
    copy = run.store.session_file(two_groups).with_name(f"{two_groups}-LAPTOP-AN.json")
    shutil.copyfile(run.store.session_file(two_groups), copy)
    listed = cli("list", "--json")
    assert [s["id"] for s in json.loads(listed.stdout)] == [two_groups] and "(OneDrive, saved on this laptop (" in listed.stderr
    cli("doctor", "--repair", "--yes")
    assert not copy.exists() and json.loads(cli("doctor", "--json").stdout)["healthy"]


def test_a_copys_groups_and_room_answers_are_kept(cli, run, two_groups, diverged):
    document = json.loads(diverged.read_text(encoding="utf-8"))
    record = document["meta"]["1"]["record"]
    record["groups"] = [*record["groups"], "tafel 3"]
    ballot = {
        "exercise": "stellingen",
        "item": "A1",
        "group": "tafel 1",
        "device": "d1",
        "value": {"position": "eens"},
        "at": "2026-12-07T10:00:00",
    }
    document["ballots"] = {"1": ballot}
    diverged.write_text(json.dumps(document), encoding="utf-8")
    cli("doctor", "--repair", "--yes", "--prefer", "session")
    assert run.store.session(two_groups)["groups"] == ["tafel 1", "tafel 2", "tafel 3"]
    assert [b["device"] for b in run.store.ballots(two_groups)] == ["d1"]


def test_prefer_without_repair_is_a_usage_error(cli, diverged):
    result = cli("doctor", "--prefer", "copy", ok=False)
    assert result.exit_code == 2 and "--repair" in result.stderr and diverged.exists()


def test_a_copy_saved_before_laptops_were_named_is_not_named_by_syncthings_device_id(cli, run, two_groups, diverged):
    """Syncthing names a copy after the device whose change lost, often this laptop itself: no guess from it."""
    restamped(diverged, None)
    listed = cli("--lang", "nl", "list").stderr
    assert "(Syncthing, 7 december 2026 10:15)" in listed.replace("\u00a0", " ") and "ander toestel" not in listed


def test_a_clash_is_named_by_the_kits_words_and_a_detail_without_a_moment_has_no_question_mark(cli, run, two_groups, diverged, keyed):
    cli("edit", "--place", "Gent")
    copy = json.loads(diverged.read_text(encoding="utf-8"))
    next(iter(copy["meta"].values()))["record"]["place"] = "Brugge"
    diverged.write_text(json.dumps(copy), encoding="utf-8")
    result = keyed("\r\r", "doctor", "--repair", "--yes")
    assert "T4 · 1. leer elkaar kennen, group 'tafel 1': " in result.stderr
    assert "the file, saved " in result.stderr and ": Gent" in result.stderr and "?" not in result.stderr
    assert "stappenplan/stap-1" not in result.stderr


def test_an_answer_only_one_side_saved_since_they_parted_is_not_asked(cli, run, two_groups):
    """The trial: a field only the other laptop changed was asked about."""
    cli("steps", "set", "1", "--action", "Affiche maken", "--who", "An", "-g", "tafel 1")
    cli("steps", "set", "2", "--action", "Zaal boeken", "-g", "tafel 1")
    path = run.store.session_file(two_groups)
    base = path.read_bytes()
    cli("steps", "set", "1", "--who", "Chris", "--status", "bezig", "-g", "tafel 1")  # the other laptop, after they parted
    copy = path.with_name(SYNCTHING.format(id=two_groups))
    document = json.loads(path.read_text(encoding="utf-8"))
    (changed,) = [doc for doc in document["answers"].values() if doc["item"] == "stap-1"]
    changed["at"] = "2099-01-01T10:00:00+00:00"  # saved later than the last save both sides have, whatever the clock did
    copy.write_text(json.dumps(document), encoding="utf-8")
    path.write_bytes(base)
    cli("steps", "set", "3", "--action", "Pers", "-g", "tafel 2")  # this laptop changed another step
    result = cli("doctor", "--repair", "--yes")  # no terminal, no --prefer: nothing to ask
    assert "changed on both sides" not in result.stderr and not copy.exists()
    assert steps_of(cli, two_groups)["tafel 1"]["stap-1"] == {"action": "Affiche maken", "who": "Chris", "by": None, "status": "bezig"}


def test_a_clash_names_the_copy_by_where_it_came_from_and_says_hands_and_days_as_the_summaries_do(cli, two_groups, diverged, keyed):
    import datetime as dt

    from tocht_cli.base.dates import shown_date
    from tocht_cli.cli.commands.doctor import shown_value

    result = keyed("\r", "doctor", "--repair", "--yes")
    said = " ".join(result.stderr.split())
    assert "the copy from Syncthing, saved " in said and ": Chris" in said  # one laptop saved both: told apart by their files
    today = shown_date(dt.datetime.now().astimezone().date().isoformat(), "en")
    assert f"the file, saved {today} " in said and "T" not in said.split("the file, saved ")[1][:20]
    assert shown_value({"eens": 0, "oneens": 2, "twijfel": 1}) == "oneens 2 · twijfel 1"  # not {"eens": 0, "oneens": 2, …}


# -- whose side is whose (trial20c: "deze laptop" held the other laptop's edits) --------------------------------

JAN = {"laptop": "b0b0b0", "host": "jan-laptop", "at": "2026-12-07T22:08:00+01:00"}


def restamped(path, saved_by: dict | None) -> None:
    """A session file as another laptop saved it (`saved_by`), or as tocht saved it before it said who (None)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    meta = document["meta"]["1"]
    meta.pop("saved_by", None)
    meta.update({"saved_by": saved_by} if saved_by else {})
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def test_every_saved_session_file_says_which_laptop_saved_it_and_never_an_address(cli, run, two_groups):
    cli("steps", "set", "1", "--action", "Affiche maken", "-g", "tafel 1")
    saved = json.loads(run.store.session_file(two_groups).read_text(encoding="utf-8"))["meta"]["1"]["saved_by"]
    assert saved["laptop"] == this_laptop()["laptop"] and len(saved["laptop"]) == 6 and saved["host"] == host()
    assert set(saved) == {"laptop", "host", "at"} and saved["at"].startswith(dt.date.today().isoformat()[:4])
    assert this_laptop()["laptop"] == saved["laptop"]  # kept: the same label on the next save


def test_repair_names_each_side_by_the_laptop_that_saved_it_whatever_the_copys_name(cli, run, two_groups, diverged, keyed):
    """The session file holds jan-laptop's edits (Bart) and the Syncthing copy this laptop's own (Chris): the side
    named "this laptop" is the copy's, and keeping jan-laptop's value keeps Bart."""
    restamped(run.store.session_file(two_groups), JAN)
    result = keyed("\r", "--lang", "nl", "doctor", "--repair", "--yes")  # the first choice: the session file's
    said = " ".join(result.stderr.split())
    assert "laptop 'jan-laptop b0b0b0', opgeslagen " in said and ": Bart" in said  # when its answer was saved: today, in words
    assert f"deze laptop ('{host()} {this_laptop()['laptop']}'), opgeslagen " in said and ": Chris" in said
    assert "(ABCDEF7)" not in said and "een ander toestel" not in said
    assert steps_of(cli, two_groups)["tafel 1"]["stap-1"]["who"] == "Bart"


def test_a_laptop_has_one_name_in_list_and_repair_host_and_label(cli, run, two_groups, diverged, keyed):
    """Two laptops named "vm" synced one folder: `list` said "laptop 'vm'" and `doctor --repair` "laptop 'vm d650b3'";
    both now say the host name and the label, so the two are told apart wherever they are named."""
    restamped(diverged, {"laptop": "d650b3", "host": "vm", "at": "2026-12-07T22:08:00+01:00"})
    restamped(run.store.session_file(two_groups), {"laptop": "b0b0b0", "host": "vm", "at": "2026-12-07T22:09:00+01:00"})
    assert "(Syncthing, saved on laptop 'vm d650b3', " in " ".join(cli("list").stderr.split())
    said = " ".join(keyed("\r", "doctor", "--repair", "--yes").stderr.split())
    assert "laptop 'vm d650b3', saved " in said and "laptop 'vm b0b0b0', saved " in said


def test_a_file_saved_before_laptops_were_named_is_the_file_or_the_copy(cli, run, two_groups, diverged, keyed):
    restamped(run.store.session_file(two_groups), None)
    restamped(diverged, None)
    result = keyed("\x1b[B\r", "--lang", "nl", "doctor", "--repair", "--yes")
    said = " ".join(result.stderr.split())
    assert "het bestand, opgeslagen " in said and "de kopie van Syncthing, opgeslagen " in said and "deze laptop" not in said
    assert steps_of(cli, two_groups)["tafel 1"]["stap-1"]["who"] == "Chris"


def test_a_head_count_changed_on_both_laptops_is_asked_per_table_in_words(cli, run, two_groups, diverged, keyed):
    """Attendance is merged table by table: a count on one side only is no clash; where both changed one table's
    count, the dialogue says the table and the number, never the record's JSON with its English keys."""
    for path, people in ((run.store.session_file(two_groups), 4), (diverged, 5)):
        document = json.loads(path.read_text(encoding="utf-8"))
        record = document["meta"]["1"]["record"]
        record["attendance"] = {"tafel 1": {"organisations": ["CC Merchtem"], "people": people}}
        record["attendance"] |= {"tafel 2": {"people": 3}} if people == 5 else {}
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = keyed("\x1b[B\r\r", "--lang", "nl", "doctor", "--repair", "--yes")  # the copy's count, then the first step clash
    said = " ".join(result.stderr.split())
    assert "Op beide laptops veranderd: wie er aan 'tafel 1' zat: mensen" in said and "{" not in said and "people" not in said
    record = run.store.session(two_groups)
    assert record["attendance"] == {"tafel 1": {"organisations": ["CC Merchtem"], "people": 5}, "tafel 2": {"people": 3}}


def test_doctors_findings_break_between_words_at_80_columns(cli, run, two_groups, diverged):
    from tocht_cli.base.i18n import speaking
    from tocht_cli.cli.commands.doctor import finding_line

    with speaking("nl"):
        (finding,) = run.store.checkup().findings
    lines = finding_line(finding, 80).split("\n")
    assert len(lines) > 1 and all(len(line) <= 80 for line in lines) and all(line.startswith("  ") for line in lines[1:])
    assert any(re.search(r"\d+\u00a0\w+\u00a0\d{4}\u00a0\d\d:\d\d", line) for line in lines)  # the moment whole, on one line
    assert " ".join(" ".join(lines).split()) == " ".join(finding_line(finding, None).split())  # only spaces became breaks
    assert finding_line(finding, None).count("\n") == 0  # a file or a pipe gets whole lines
