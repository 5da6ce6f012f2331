"""The follow-up round (issue 20 §1): an earlier meeting's open steps, settled in the walk, by direct
command and in exports; a stuck step carried onto this meeting's plan only when asked."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.facilitator import KIT, YES_NO, Facilitator

STATUSES = list(KIT.followup.spec.statuses)


@pytest.fixture
def march(cli):
    """A meeting whose plan has a step under way (tafel 1), one done (tafel 1) and one without status (tafel 2)."""
    march = cli("new", "Maart", "-g", "tafel 1", "-g", "tafel 2", "--date", "2027-03-01").stdout.strip()
    cli("steps", "set", "1", "--action", "Schepen uitnodigen", "--who", "Ann", "--by", "2027-04-01", "--status", "bezig", "-g", "tafel 1")
    cli("steps", "set", "2", "--action", "Verhaal schrijven", "--who", "Bart", "--status", "gedaan", "-g", "tafel 1")
    cli("steps", "set", "3", "--action", "Partners bellen", "--who", "Cis", "-g", "tafel 2")
    return march


def rounds(cli) -> list[dict]:
    return json.loads(cli("followup", "--json").stdout)


def test_new_from_opens_a_round_on_the_open_steps_only(cli, march):
    result = cli("new", "Juni", "--from", march)
    assert "2 open steps" in result.stderr
    steps = rounds(cli)
    assert [(s["number"], s["action"], s["who"], s["by"], s["meeting"], s["status_then"]) for s in steps] == [
        (1, "Schepen uitnodigen", "Ann", "2027-04-01", "Maart", "bezig"),
        (3, "Partners bellen", "Cis", None, "Maart", ""),  # the plan's number, as the walk calls it
    ]
    assert all(s["status"] is None for s in steps)  # nothing settled that nobody settled


def test_the_round_stands_alone_when_the_earlier_session_is_gone(cli, march):
    cli("new", "Juni", "--from", march)
    cli("delete", march, "--yes")
    assert [s["action"] for s in rounds(cli)] == ["Schepen uitnodigen", "Partners bellen"]


def test_set_settles_a_step_for_the_meeting_and_refuses_bad_values(cli, march):
    cli("new", "Juni", "--from", march)
    result = cli("followup", "set", "v1", "vast", "--comment", "geen afspraak", "--by", "Ann")
    assert (
        "saved: 1. Schepen uitnodigen · on the plan of tafel 1: vast" in result.stderr and "(tafel" not in result.stderr
    )  # the meeting's, not a table's
    first = rounds(cli)[0]
    assert (first["status"], first["comment"], first["settled_by"]) == ("vast", "geen afspraak", "Ann")
    before = cli("followup", "--json").stdout
    for args, needle in (
        (("followup", "set", "v1", "misschien"), "misschien"),
        (("followup", "set", "v9", "gedaan"), "no step 'v9'"),
        (("followup", "set", "v2", "gedaan", "--into-plan"), "goes onto this meeting's plan"),
    ):
        refused = cli(*args, ok=False)
        assert refused.exit_code == 2 and needle in refused.stderr and "Traceback" not in refused.stderr, refused.stderr
    assert cli("followup", "--json").stdout == before
    cli("followup", "set", "v1", "vast", "--into-plan")
    cli("followup", "set", "v1", "ged")  # done after all: off today's plan again, without being told
    assert (rounds(cli)[0]["status"], rounds(cli)[0]["into_plan"]) == ("gedaan", None)


def test_a_stuck_step_goes_onto_the_plan_as_last_time_only_when_asked(cli, march):
    cli("new", "Juni", "--follow-up", march, "-g", "tafel 1")
    cli("followup", "set", "v2", "vast")
    assert "Partners bellen" not in cli("show", "--no-pager").stdout.split("T4 ·")[-1]  # not asked: not on the plan
    cli("followup", "set", "v2", "vast", "--into-plan")
    plan = cli("show", "--no-pager").stdout.split("T4 ·")[-1]
    assert "Partners bellen (vorige\xa0keer)" in plan and "Cis (vorige\xa0keer)" in plan
    assert json.loads(cli("steps", "--json").stdout) == {"tafel 1": {}}  # offered, not recorded for the group


def test_the_walk_starts_with_the_round_and_asks_before_carrying(keyed, cli, march):
    cli("new", "Juni", "--from", march, "-g", "tafel 1")
    room = Facilitator()
    room.begin()
    room.sees("Schepen uitnodigen")
    room.pick("vast", among=STATUSES)
    room.pick(YES_NO[0], among=YES_NO)  # onto today's plan: yes
    room.answer("geen afspraak")
    room.answer("Ann")
    room.sees("Partners bellen")
    room.pick("gedaan", among=STATUSES)  # not stuck: not asked about the plan
    room.answer("")
    room.answer("")
    room.stop()
    keyed(room.keys, "run")
    steps = rounds(cli)
    assert [(s["status"], s["into_plan"], s["comment"], s["settled_by"]) for s in steps] == [
        ("vast", True, "geen afspraak", "Ann"),
        ("gedaan", None, "", ""),
    ]


def test_a_tables_walk_asks_its_own_steps_numbered_as_its_plan(keyed, cli, march):
    """Seen in the terminal trial: `tocht run -g 'tafel 2'` asked tafel 1's steps, unnamed, and called the plan's
    step 3 "2" (its place in the round)."""
    cli("new", "Juni", "--from", march, "-g", "tafel 1", "-g", "tafel 2")
    room = Facilitator()
    room.begin()
    room.pick("bezig", among=STATUSES)
    room.answer("")
    room.answer("")
    room.stop()
    walked = keyed(room.keys, "run", "-g", "tafel 2")
    assert "Schepen uitnodigen" not in walked.stdout  # tafel 1's step, for tafel 1's walk
    assert "3  Partners bellen" in walked.stdout and "tafel 2 · 0/1" in walked.stdout  # the plan's number, the table's count
    assert [s["status"] for s in rounds(cli)] == [None, "bezig"]
    resumes = cli().stderr  # `tocht`: tafel 2 settled its steps, tafel 1 has its own open
    assert "'tafel 1'   (resumes at Sinds de vorige keer" in resumes and "'tafel 2'   (resumes at T0" in resumes


def test_a_step_no_table_of_the_meeting_promised_is_asked_and_named(keyed, cli, march):
    cli("new", "Juni", "--from", march, "-g", "tafel 1")
    room = Facilitator()
    room.begin()
    room.pick("gedaan", among=STATUSES)
    room.answer("")
    room.answer("")
    room.sees("Partners bellen")
    room.stop()
    walked = keyed(room.keys, "run")
    panel = walked.stdout.split("Partners bellen")[1]
    assert "op het plan van tafel 2" in panel.split("Wat is ervan gekomen")[0]
    assert "op het plan van tafel 1" not in walked.stdout  # its own steps say nothing of whose


def test_a_step_the_round_found_stuck_is_offered_stuck_on_the_plan(cli, march):
    """Seen in the terminal trial: the round said "vast", and the plan offered no status for the step (its statuses
    had no such word)."""
    cli("new", "Juni", "--from", march, "-g", "tafel 1", "-g", "tafel 2")
    cli("followup", "set", "v2", "vast", "--into-plan")
    plan = cli("show", "--no-pager").stdout.split("T4 ·")[-1].split("Groep: tafel 2")[1]
    assert "Partners bellen (vorige\xa0keer)" in plan and "Status: vast" in plan.replace("\xa0", " "), plan


def test_the_summary_says_since_last_time(cli, march, tmp_path):
    cli("new", "Juni", "--from", march)
    cli("followup", "set", "v1", "vast", "--comment", "geen afspraak", "--into-plan")
    cli("followup", "set", "v2", "gedaan")
    out = tmp_path / "juni.md"
    cli("export", "--format", "md", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    section = text.split("## Sinds de vorige keer")[1].split("\n## ")[0]
    assert "Schepen uitnodigen" in section and "geen afspraak" in section and "Wat overgaat" in section
    assert "Groep:" not in section  # the meeting's round, once
    carried = section.split("Wat overgaat")[1]
    assert "Schepen uitnodigen (vast)" in carried and "Partners bellen" not in carried
    page = cli("export", "--format", "html").stdout
    first_page = page[page.index('<section class="summary"') : page.index("</section>\n</section>", page.index('class="summary"'))]
    assert "Wat overgaat" in first_page and "Schepen uitnodigen (vast)" in first_page  # settled: it heads the handout


def test_a_later_round_keeps_what_is_still_open(cli, march):
    june = cli("new", "Juni", "--from", march).stdout.strip()
    cli("followup", "set", "v1", "bezig")
    cli("followup", "set", "v2", "geschrapt")
    cli("new", "September", "--from", june)
    assert [(s["action"], s["status_then"], s["meeting"]) for s in rounds(cli)] == [("Schepen uitnodigen", "bezig", "Maart")]


def test_edit_adds_an_earlier_session_later(cli, march):
    cli("new", "Juni", "-g", "tafel 1")
    result = cli("edit", "--follow-up", march)
    assert "2 open steps" in result.stderr
    cli("followup", "set", "v1", "gedaan")
    cli("edit", "--follow-up", march)  # again: nothing twice, what was settled kept
    assert [(s["id"], s["status"]) for s in rounds(cli)] == [("v1", "gedaan"), ("v2", None)]


def test_followup_without_a_round_says_how_to_make_one(cli, session):
    result = cli("followup", ok=False)
    assert result.exit_code == 3 and "follows up no earlier steps" in result.stderr and "--from" in result.stderr
    assert "Traceback" not in result.stderr


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    settled=st.lists(
        st.tuples(st.sampled_from(STATUSES), st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30), st.booleans()),
        min_size=2,
        max_size=2,
    )
)
def test_export_and_import_keep_the_round(cli, march, tmp_path, settled):
    cli("new", "Juni", "--from", march, "--yes")
    for number, (status, comment, onto) in enumerate(settled, 1):
        args = ["followup", "set", f"v{number}", status]
        args += ["--comment", comment] if comment.strip() else []
        args += ["--into-plan"] if onto and status in KIT.followup.spec.carry else []
        cli(*args)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.unlink(missing_ok=True), second.unlink(missing_ok=True)
    cli("export", "--format", "json", "-o", str(first))
    imported = cli("import", str(first), "--yes").stdout.strip()
    cli("export", imported, "--format", "json", "-o", str(second))
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (first, second))
    a["session"].pop("id"), b["session"].pop("id")
    assert a == b and a["session"]["followup"]["steps"]


def test_the_dossiers_step_history_has_what_the_round_settled(cli, march):
    june = cli("new", "Juni", "--from", march, "--date", "2027-06-01").stdout.strip()
    cli("followup", "set", "v1", "vast", "--comment", "geen afspraak")
    cli("followup", "set", "v2", "geschrapt")
    doc = json.loads(cli("dossier", march, june, "--format", "json").stdout)
    history = {s["id"]: [(e["meeting"], e["table"], e["status"]) for e in s["history"]] for s in doc["steps"]}
    assert history["stap-1"] == [(march, "tafel 1", "bezig"), (june, "tafel 1", "vast")]
    assert history["stap-3"] == [(march, "tafel 2", ""), (june, "tafel 2", "geschrapt")]
    closed = {s["id"]: [(t["closed"], t["done"]) for t in s["tracks"]] for s in doc["steps"]}
    assert closed["stap-1"] == [(False, False)] and closed["stap-3"] == [(True, False)]  # dropped closes it, but is not done


@pytest.mark.parametrize(
    ("file", "old", "new", "said"),
    [
        (
            "opvolging.toml",
            'carry = ["vast", "overgedragen"]',
            'carry = ["vast", "half"]',
            "opvolging.toml: carry: not among the statuses: half",
        ),
        ("kit.toml", 'followup = "opvolging"', 'followup = "opvolgen"', "kit.toml: followup: no file opvolgen.toml beside kit.toml"),
        ("kit.toml", 'followup = "opvolging"', 'followup = "stappenplan"', "the follow-up block is of kind 'steps', not 'followup'"),
        ("opvolging.toml", 'carries = "Wat overgaat"', 'carries = "Wat overgaat"\nowner_marks = "ja"', "opvolging.toml: owner_marks:"),
    ],
)
def test_the_kits_follow_up_block_is_validated(kit_copy, file, old, new, said):
    from tocht_cli.base.errors import InvalidData
    from tocht_cli.kinds.registry import installed
    from tocht_cli.kit import loader

    path = kit_copy / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    loader._load_folder.cache_clear()
    with pytest.raises(InvalidData) as err:
        loader.load_path(kit_copy, installed())
    assert any(said in p for p in err.value.problems), err.value.problems


def test_a_hand_edited_round_of_the_wrong_shape_is_a_damaged_file_not_a_traceback(cli, run, march):
    june = cli("new", "Juni", "--from", march).stdout.strip()
    path = run.store.session_file(june)
    doc = json.loads(path.read_text(encoding="utf-8"))
    record = next(iter(doc["meta"].values()))["record"]
    record["followup"]["steps"][0]["action"] = 42
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = cli("followup", ok=False)
    assert result.exit_code == 5 and "follow-up round" in result.stderr and "Traceback" not in result.stderr, result.stderr


@pytest.fixture
def network(cli) -> list[str]:
    """Three meetings (March, June, September): one action stuck in June and done in September, one done in June,
    one carried over in June and stuck in September, and a June plan row done on the spot."""
    march = cli("new", "Maart", "-g", "tafel 1", "-g", "tafel 2", "--date", "2027-03-12").stdout.strip()
    cli("steps", "set", "1", "--action", "Schepen uitnodigen", "--who", "Bram", "--status", "gepland", "-g", "tafel 1")
    cli("steps", "set", "2", "--action", "Woordenlijst opstellen", "--who", "Lies", "--status", "bezig", "-g", "tafel 1")
    cli("steps", "set", "1", "--action", "Rondleiding voor de raad", "--who", "Koen", "--status", "gepland", "-g", "tafel 2")
    june = cli("new", "Juni", "--from", march, "--date", "2027-06-18").stdout.strip()
    assert [s["action"] for s in rounds(cli)] == ["Schepen uitnodigen", "Woordenlijst opstellen", "Rondleiding voor de raad"]
    cli("followup", "set", "v1", "vast", "--into-plan")
    cli("followup", "set", "v2", "gedaan", "--comment", "klaar in mei")
    cli("followup", "set", "v3", "overgedragen", "--comment", "naar het najaar")
    cli("steps", "set", "1", "--status", "bezig", "-g", "tafel 1")
    cli("steps", "set", "4", "--action", "Cultuurnota", "--who", "Els", "--status", "gedaan", "-g", "tafel 2")
    september = cli("new", "September", "--from", june, "--date", "2027-09-24").stdout.strip()
    cli("followup", "set", "v1", "gedaan")
    cli("followup", "set", "v2", "vast")
    return [march, june, september]


def test_the_round_offers_each_steps_own_earlier_status_and_comment(cli, network, run):
    ws = run.workspace(network[2])
    round_ex = ws.kit.exercises[0]
    earlier = ws.earlier(round_ex, ws.groups[0])
    offered = {s["action"]: earlier.get(s["id"]) for s in rounds(cli)}
    assert offered == {  # September's step 2 is June's step 3: its own status, not June's step 2's
        "Schepen uitnodigen": {"status": "bezig", "comment": None},
        "Rondleiding voor de raad": {"status": "overgedragen", "comment": "naar het najaar"},
    }


def test_a_step_done_last_time_or_in_todays_round_is_not_carried_onto_the_new_plan(cli, network):
    plan = cli("show", "--no-pager", "-s", network[1]).stdout.split("T4 ·")[-1]
    assert "Schepen uitnodigen" in plan  # stuck in June's round, onto June's plan
    plan = cli("show", "--no-pager", "-s", network[2]).stdout.split("T4 ·")[-1]
    assert "Schepen uitnodigen" not in plan  # under way on June's plan, but done in September's round: the latest fact
    assert "Cultuurnota" not in plan  # done in June: not carried


def test_the_dossier_follows_each_action_across_the_meetings(cli, network):
    doc = json.loads(cli("dossier", *network, "--format", "json").stdout)
    tracks = {t["action"]: (t["meetings"], t["days"], t["done"], t["status"]) for s in doc["steps"] for t in s["tracks"]}
    assert tracks == {
        "Schepen uitnodigen": (3, 196, True, "gedaan"),
        "Rondleiding voor de raad": (3, 196, False, "vast"),
        "Woordenlijst opstellen": (2, 98, True, "gedaan"),
        "Cultuurnota": (1, 0, True, "gedaan"),
    }
    text = cli("dossier", *network).stdout
    assert "Woordenlijst opstellen (tafel 1): gedaan na 98 dagen, 2 bijeenkomsten" in text
    assert "Rondleiding voor de raad (tafel 2): open: 196 dagen, 3 bijeenkomsten" in text or "nog open: 196 dagen" in text
    assert "<br>" not in text


def test_going_on_without_an_answer_at_the_carry_question_records_nothing(keyed, cli, march):
    """Seen in the trial's rerun: Enter on "verder zonder antwoord" at "onto today's plan?" stopped the walk with
    "into_plan: expected true or false" (the select answered the choice's words, not None)."""
    cli("new", "Juni", "--from", march, "-g", "tafel 1")
    room = Facilitator()
    room.begin()
    room.pick("vast", among=STATUSES)
    room.no_answer()  # onto today's plan: no answer
    room.answer("")
    room.answer("")
    room.stop()
    result = keyed(room.keys, "run")
    assert "into_plan" not in result.stderr
    first = rounds(cli)[0]
    assert (first["status"], first["into_plan"]) == ("vast", None)


def test_merge_copies_each_sites_round_and_marks_a_step_two_sites_followed_up_once(cli, march, run, monkeypatch):
    from tocht_cli import store

    """`tocht merge` of two sites' follow-ups (issue 20 §1): the merged session has the round, each step once
    (renumbered: one site also followed up April), the marks moved with it; of a step both settled, the later."""
    april = cli("new", "April", "-g", "tafel 1", "--date", "2027-04-01").stdout.strip()
    cli("steps", "set", "1", "--action", "Zaal boeken", "--who", "Dirk", "-g", "tafel 1")
    halle = cli("new", "Juni Halle", "--from", march).stdout.strip()
    monkeypatch.setattr(store, "now", lambda: "2027-06-01T10:00:00+02:00")
    cli("followup", "set", "v1", "vast", "--comment", "geen afspraak")
    cli("followup", "set", "v2", "gedaan")
    vilvoorde = cli("new", "Juni Vilvoorde", "--from", april, "--follow-up", march).stdout.strip()
    steps = {s["action"]: s["id"] for s in rounds(cli)}
    assert list(steps) == ["Schepen uitnodigen", "Partners bellen", "Zaal boeken"]  # the oldest meeting first
    monkeypatch.setattr(store, "now", lambda: "2027-06-01T09:30:00+01:00")  # Vilvoorde's clock: half an hour later
    cli("followup", "set", str(steps["Zaal boeken"]), "bezig")
    cli("followup", "set", str(steps["Schepen uitnodigen"]), "bezig", "--comment", "afspraak in juli")  # later than Halle's
    merged = cli("merge", halle, vilvoorde, "--into", "Regio").stdout.strip()
    got = {s["action"]: (s["id"], s["status"], s["comment"]) for s in rounds(cli)}
    assert got == {
        "Schepen uitnodigen": ("v1", "bezig", "afspraak in juli"),
        "Partners bellen": ("v2", "gedaan", ""),
        "Zaal boeken": ("v3", "bezig", ""),
    }
    assert run.store.session(merged)["followup"]["steps"][2]["meeting"] == "April"
    assert not [
        a
        for a in json.loads(cli("show", "--json").stdout)["answers"]
        if a["group"] != "Juni Halle / tafel 1" and a["exercise"] == "opvolging"
    ]
    assert "Sinds de vorige keer" in cli("export").stdout


def test_a_kit_may_have_only_the_owner_mark_a_step_and_a_session_choose_otherwise(kit_copy, run):
    from tocht_cli.kinds.followup import with_round
    from tocht_cli.kinds.registry import installed
    from tocht_cli.kit import loader

    path = kit_copy / "opvolging.toml"
    path.write_text("owner_marks = true\n" + path.read_text(encoding="utf-8"), encoding="utf-8")  # before the file's tables
    loader._load_folder.cache_clear()
    kit = loader.load_path(kit_copy, installed())
    step = {"id": "v1", "action": "Bellen", "group": "tafel 2"}
    owned = with_round(kit, {"steps": [step]}).exercises[0]
    assert owned.kind.answered_only_by(owned, "v1", ["tafel 1", "Tafel 2"]) == "Tafel 2"
    assert owned.kind.answered_only_by(owned, "v1", ["tafel 1", "tafel 3"]) is None  # its owner is not here: any table
    anyone = with_round(kit, {"steps": [step], "owner_marks": False}).exercises[0]  # the session's choice
    assert anyone.kind.answered_only_by(anyone, "v1", ["tafel 1", "tafel 2"]) is None


def test_the_next_round_reads_each_steps_latest_status_the_plans_or_its_round_mark(cli, run, monkeypatch):
    """The trial: a step "gedaan" on the earlier meeting's plan read "vorige keer: bezig" in the next round. A step
    on both the plan and the round is one step, with whichever status was given last."""
    from tocht_cli import store

    march = cli("new", "Maart", "-g", "tafel 1", "--date", "2027-03-01").stdout.strip()
    cli("steps", "set", "1", "--action", "Schepen uitnodigen", "--status", "bezig")
    cli("steps", "set", "2", "--action", "Verhaal schrijven", "--status", "bezig")
    cli("steps", "set", "3", "--action", "Partners bellen", "--status", "bezig")
    june = cli("new", "Juni", "--from", march, "--date", "2027-06-01").stdout.strip()
    monkeypatch.setattr(store, "now", lambda: "2027-06-01T10:00:00+02:00")
    cli("followup", "set", "v1", "vast", "--into-plan")  # the round first, then the plan: the plan's status
    cli("steps", "set", "2", "--status", "bezig")  # the plan first, then the round: the round's mark
    cli("steps", "set", "3", "--status", "bezig")
    monkeypatch.setattr(store, "now", lambda: "2027-06-01T11:00:00+02:00")
    cli("steps", "set", "1", "--status", "gedaan")
    cli("followup", "set", "v2", "gedaan")
    cli("followup", "set", "v3", "vast", "--comment", "geen antwoord")
    september = cli("new", "September", "--from", june, "--date", "2027-09-01").stdout.strip()
    ws = run.workspace(september)
    earlier = ws.earlier(ws.kit.exercises[0], ws.groups[0])
    offered = {s["action"]: earlier.get(s["id"]) for s in rounds(cli)}
    assert offered == {"Partners bellen": {"status": "vast", "comment": "geen antwoord"}}  # the two done are not asked again


def test_the_csv_credits_the_rounds_settlement_to_the_whole_meeting_not_a_table(cli, march):
    cli("new", "Juni", "--from", march, "-g", "tafel 1", "-g", "tafel 2")
    cli("followup", "set", "v1", "vast", "--comment", "geen afspraak")
    rows = [line.split(";") for line in cli("export", "-f", "csv").stdout.lstrip("\ufeff").splitlines()]
    settled = [(r[3], r[4], r[5]) for r in rows if r[0] == "opvolging" and r[2] == "v1"]
    assert ("de hele bijeenkomst", "Status", "vast") in settled and not [r for r in settled if r[0].startswith("tafel")]


def test_the_plan_offers_the_status_todays_round_settled_not_last_times(keyed, cli, march):
    """Seen in the terminal trial: the round marked a step "gedaan", then the plan offered "vorige keer: bezig" and
    Enter put both in one report. The plan offers the round's word, saying so, and the report says it once."""
    from tests.helpers.terminal import Terminal

    cli("new", "Juni", "--from", march, "-g", "tafel 1")
    cli("followup", "set", "v1", "gedaan")
    assert "bezig" not in cli("show", "--no-pager").stdout.split("T4 ·")[-1]  # done today: not open on the plan
    room = Facilitator()
    room.begin()
    room.skip()  # the plan's header
    room.keep()  # the action, as last time
    room.keep()  # who
    room.keep()  # by when
    room.sees("in de ronde van vandaag: gedaan")
    room.keep()  # the status: today's round's
    room.stop_with_ctrl_c()
    keyed(room.keys, "run", "-e", "T4", "-g", "tafel 1", code=130, screen=Terminal(80, 30))
    assert json.loads(cli("steps", "--json").stdout)["tafel 1"]["stap-1"]["status"] == "gedaan"


def plans(markdown: str) -> dict[str, str]:
    """Each table's part of the plan (T4) in a Markdown summary, by its group's heading."""
    plan = markdown.split("## T4 ·", 1)[1].split("\n## ", 1)[0]
    return {part.split("\n", 1)[0]: part for part in plan.split("### Groep: ")[1:]}


def test_a_step_carried_onto_todays_plan_goes_to_the_table_that_promised_it(cli, march):
    """The trial: `followup set N vast --into-plan` without -g put tafel 1's step on the first table's plan (and
    a merged session's under another site's table). -g naming another table is refused, in Dutch."""
    june = cli("new", "Juni", "--from", march, "-g", "tafel 2", "-g", "tafel 1").stdout.strip()  # tafel 2 first
    refused = cli("--lang", "nl", "followup", "set", "v1", "vast", "--into-plan", "-g", "tafel 2", ok=False)
    assert refused.exit_code == 2 and "1. Schepen uitnodigen werd beloofd door 'tafel 1'" in refused.stderr
    assert "niet op het plan van 'tafel 2'" in refused.stderr and rounds(cli)[0]["status"] is None  # nothing saved
    cli("followup", "set", "v1", "vast", "--into-plan")  # no -g: the table that promised it
    by_table = plans(cli("--lang", "nl", "export").stdout)
    assert "Schepen uitnodigen" in by_table["tafel 1"] and "Schepen uitnodigen" not in by_table["tafel 2"]
    cli("followup", "set", "v1", "vast", "--into-plan", "-g", "tafel 1")  # naming its own table is fine
    other = cli("new", "Elders", "-g", "tafel 1").stdout.strip()
    merged = cli("merge", june, other, "--name", "Regio").stdout.strip()
    by_table = plans(cli("--lang", "nl", "export", "-s", merged).stdout)
    (mine,) = [group for group, part in by_table.items() if "Schepen uitnodigen" in part]
    assert mine == "Juni / tafel 1", by_table.keys()  # not the first table, nor the other site's tafel 1


def test_who_settled_a_step_has_its_own_column_not_the_comments(cli, march):
    """The trial: "Wie besliste dat?" came out as "Commentaar: … — Stad Vilvoorde" in `followup` and the export."""
    cli("new", "Juni", "--from", march)
    assert "Beslist door" not in cli("followup").stdout  # no column while nobody is named
    cli("followup", "set", "v1", "overgedragen", "--comment", "loopt via de stad", "--by", "Stad Vilvoorde")
    (header,) = [line for line in cli("export").stdout.splitlines() if line.startswith("| # | Groep | Actie")]
    first = cli("export").stdout.split(header, 1)[1].splitlines()[2]
    assert header.endswith("| Commentaar | Beslist door |")
    assert first.endswith("| loopt via de stad | Stad Vilvoorde |")
    assert "Beslist door" in cli("followup").stdout


def test_a_step_handed_over_is_asked_to_whom_in_the_kits_words_and_shows_it(keyed, cli, march):
    """The trial: for "overgedragen" the round asked only "Wie besliste dat?"; the kit's `handed` statuses are
    asked "Aan wie?" (and no other status is); a status that hands nothing over takes it back."""
    cli("new", "Juni", "--from", march, "-g", "tafel 1")
    room = Facilitator()
    room.begin()
    room.pick("overgedragen", among=STATUSES)
    room.sees("Aan wie?")
    room.answer("Stad Vilvoorde")
    room.pick(YES_NO[1], among=YES_NO)  # onto today's plan: no
    room.answer("")
    room.answer("de schepen")
    room.pick("vast", among=STATUSES)  # the second step: stuck, so not asked to whom
    room.pick(YES_NO[1], among=YES_NO)
    room.answer("")
    room.answer("")
    room.stop()
    result = keyed(room.keys, "run")
    assert result.stdout.count("Aan wie?") == 1
    steps = rounds(cli)
    assert [(s["status"], s["handed_to"], s["settled_by"]) for s in steps] == [
        ("overgedragen", "Stad Vilvoorde", "de schepen"),
        ("vast", "", ""),
    ]
    assert "overgedragen → Stad Vilvoorde" in cli("export").stdout
    cli("followup", "set", "v1", "vast")
    assert not rounds(cli)[0]["handed_to"]


def test_a_step_is_called_by_its_plans_number_everywhere_and_the_table_says_whose(cli):
    """The trial: the walk called a step "5" (its plan's number), `tocht followup` and `followup set` by the round's
    own; `followup set 5` failed or hit another step. One number now, -g saying whose plan where two have it."""
    march = cli("new", "Maart", "-g", "tafel 1", "-g", "tafel 2", "--date", "2027-03-01").stdout.strip()
    for table, action in (("tafel 1", "Regio bellen"), ("tafel 2", "Buurgemeente mailen")):
        cli("steps", "set", "5", "--action", action, "--who", "Jan", "-g", table)
    cli("steps", "set", "2", "--action", "Nieuwsbrief maken", "-g", "tafel 2")
    cli("new", "Juni", "--from", march)
    assert [(s["number"], s["group"]) for s in rounds(cli)] == [(5, "tafel 1"), (2, "tafel 2"), (5, "tafel 2")]
    listed = cli("export").stdout
    assert "| 5 | tafel 1 | Regio bellen |" in listed and "| 5 | tafel 2 | Buurgemeente mailen |" in listed
    refused = cli("--lang", "nl", "followup", "set", "5", "gedaan", ok=False)
    assert refused.exit_code == 2 and "meer dan één tafel" in refused.stderr
    assert "5 -g 'tafel 1' (v1), 2 -g 'tafel 2' (v2), 5 -g 'tafel 2' (v3)" in refused.stderr  # every choice, never cut
    assert "…" not in refused.stderr
    said = cli("followup", "set", "5", "gedaan", "-g", "tafel 2").stderr
    assert "5. Buurgemeente mailen · on the plan of tafel 2: gedaan" in said
    cli("followup", "set", "2", "bezig")  # one table's plan has a 2: no -g needed
    cli("followup", "set", "v1", "vast")  # the round's ids keep working (scripts)
    assert [s["status"] for s in rounds(cli)] == ["vast", "bezig", "gedaan"]


def test_what_last_time_carried_over_is_no_answer_until_someone_takes_it_over(cli, march):
    """The trial: the CSV listed "Ann (vorige keer)" with source "tafel" as if the table had said it today. An offered
    default is shown marked in the reports, listed as not answered yet, and left out of the CSV and the progress."""
    cli("new", "Juni", "--from", march, "-g", "tafel 1", "-g", "tafel 2")

    def planned_rows() -> list[list[str]]:
        rows = [line.split(";") for line in cli("export", "-f", "csv").stdout.lstrip("\ufeff").splitlines()]
        return [r for r in rows if r[0] == "stappenplan"]

    assert planned_rows() == []
    summary = cli("export").stdout.split("T4 ·")[-1]
    assert "Schepen uitnodigen (vorige\xa0keer)" in summary  # offered, and shown so
    assert "*Nog niet beantwoord (6): 1, 2, 3, 4, 5, 6*" in summary  # the kit's words: the export is Dutch
    progress = json.loads(cli("show", "--json").stdout)["progress"]["stappenplan"]["tafel 1"]
    assert progress["done"] == 0
    cli("steps", "set", "1", "--status", "bezig", "-g", "tafel 1")  # taken over today: now an answer
    assert {(r[2], r[3], r[4]) for r in planned_rows()} >= {("stap-1", "tafel 1", "Status")}


def test_a_step_handed_over_onto_todays_plan_carries_its_new_owner(cli, march):
    """The trial: a step handed over to the city and put on today's plan still named last time's owner there."""
    cli("new", "Juni", "--from", march, "-g", "tafel 1")
    cli("followup", "set", "v1", "overgedragen", "--to", "Stad Vilvoorde", "--into-plan")
    plan = cli("show", "--no-pager").stdout.split("T4 ·")[-1]
    assert "Stad Vilvoorde (vorige\xa0keer)" in plan and "Ann (vorige\xa0keer)" not in plan


@pytest.mark.parametrize("holds", ["plan", "round"])
def test_a_plan_status_against_todays_round_is_said_and_the_facilitator_chooses_which_holds(keyed, cli, march, holds):
    """The trial: the round said "gedaan", the plan row then took "bezig" for the same step without a word. The walk
    names both and asks which holds; the other is made to agree."""
    cli("new", "Juni", "--from", march, "-g", "tafel 1")
    cli("followup", "set", "v1", "gedaan")
    room = Facilitator()
    room.begin()
    room.skip()  # the plan's header
    room.keep()  # the action, as last time
    room.keep()  # who
    room.keep()  # by when
    room.choose("bezig", ["gepland", "bezig", "vast", "gedaan"], lead="in de ronde van vandaag: gedaan")
    room.sees("wat geldt?")
    room.pick("bezig (zoals het plan zegt)" if holds == "plan" else "gedaan (zoals de ronde zei)",
              among=["bezig (zoals het plan zegt)", "gedaan (zoals de ronde zei)"])  # fmt: skip
    room.stop_with_ctrl_c()
    keyed(room.keys, "run", "-e", "T4", "-g", "tafel 1", code=130)
    said = "bezig" if holds == "plan" else "gedaan"
    assert json.loads(cli("steps", "--json").stdout)["tafel 1"]["stap-1"]["status"] == said
    assert rounds(cli)[0]["status"] == said


def test_steps_set_against_todays_round_says_so_naming_both_and_how_to_keep_either(cli, march):
    cli("new", "Juni", "--from", march, "-g", "tafel 1", "-g", "tafel 2")
    cli("followup", "set", "v1", "gedaan")
    said = cli("--lang", "nl", "steps", "set", "1", "--status", "gepland", "-g", "tafel 1").stderr
    assert "de opvolgingsronde zei vandaag 'gedaan' over stap 1, het plan zegt nu 'gepland'" in said
    assert "tocht steps set 1 -g 'tafel 1' --status gedaan" in said and "tocht followup set 1 STATUS" in said
    agreeing = cli("steps", "set", "1", "--status", "gedaan", "-g", "tafel 1").stderr
    assert "hint" not in agreeing  # both say done: nothing to say
    assert "hint" not in cli("steps", "set", "3", "--status", "gepland", "-g", "tafel 2").stderr  # the round settled nothing there


def test_the_rounds_progress_counts_per_table_the_steps_that_table_settles_and_says_so(cli, march):
    """The trial: "2/4" at each table mixed the other table's steps into its count."""
    cli("new", "Juni", "--from", march, "-g", "tafel 1", "-g", "tafel 2")
    cli("followup", "set", "v2", "gedaan")  # tafel 2's step
    progress = json.loads(cli("show", "--json").stdout)["progress"]["opvolging"]
    assert progress == {"tafel 1": {"done": 0, "total": 1}, "tafel 2": {"done": 1, "total": 1}}
    assert "Sinds de vorige keer (per tafel geteld: de stappen van het eigen plan)" in cli("export").stdout


def test_back_from_the_comment_goes_to_the_plan_question_that_was_asked_before_it(keyed, cli, march):
    """The trial: /t at a stuck step's comment went back to its status, skipping "onto today's plan?" just asked."""
    cli("new", "Juni", "--from", march, "-g", "tafel 1")
    room = Facilitator()
    room.begin()
    room.pick("vast", among=STATUSES)
    room.pick(YES_NO[0], among=YES_NO)  # onto today's plan: yes
    room.steer("back")  # at the comment
    room.choose(YES_NO[1], YES_NO, shown=YES_NO[0])  # the plan question again, answered: no after all
    room.answer("geen afspraak")
    room.answer("Ann")
    room.stop_with_ctrl_c()
    keyed(room.keys, "run", code=130)
    first = rounds(cli)[0]
    assert (first["status"], first["into_plan"], first["comment"], first["settled_by"]) == ("vast", False, "geen afspraak", "Ann")


def test_back_from_the_comment_of_a_step_handed_over_goes_to_the_last_question_asked(keyed, cli, march):
    """Handed over and onto today's plan: back from the comment asks the plan question, back again to whom."""
    cli("new", "Juni", "--from", march, "-g", "tafel 1")
    room = Facilitator()
    room.begin()
    room.pick("overgedragen", among=STATUSES)
    room.answer("Stad Vilvoorde")  # to whom
    room.pick(YES_NO[0], among=YES_NO)  # onto today's plan: yes
    room.steer("back")  # at the comment: to the plan question
    room.steer("back")  # at the plan question: to whom
    room.answer("")  # keep it
    room.choose(YES_NO[1], YES_NO, shown=YES_NO[0])  # the plan question again: no after all
    room.answer("loopt via de stad")
    room.answer("")
    room.stop_with_ctrl_c()
    keyed(room.keys, "run", code=130)
    first = rounds(cli)[0]
    assert (first["status"], first["handed_to"], first["into_plan"], first["comment"]) == (
        "overgedragen", "Stad Vilvoorde", False, "loopt via de stad",
    )  # fmt: skip
