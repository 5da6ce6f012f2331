"""`tocht run` driven through prompt_toolkit pipe input, as questionary's own tests do:
each test is the facilitator's script (tests/helpers/facilitator.py), typed as keys."""

from __future__ import annotations

import json

import pytest

from tests.helpers.facilitator import (
    ALLY_WITH,
    BACKSPACE,
    BINGO,
    CHECKLIST_STATUSES,
    ENTER,
    EXERCISES,
    HOLDERS,
    KIT,
    NONE,
    POSITIONS,
    ROW_ACTIONS,
    STEP_STATUSES,
    TASKS,
    TASKS_OR_NONE,
    YES_NO,
    Facilitator,
)
from tests.helpers.terminal import Terminal


@pytest.fixture
def walk(keyed):
    """Run `tocht run ARGS` with the facilitator's steps typed into its prompts."""

    def drive(room: Facilitator, *args: str, code: int = 0, screen: Terminal | None = None):
        return keyed(room.keys, "run", *args, code=code, screen=screen)

    return drive


def values(cli, exercise: str, group: str | None = None) -> dict:
    doc = json.loads(cli(*([exercise, "--json"] + (["-g", group] if group else []))).stdout)
    return next(iter(doc.values())) if group is None else doc[group]


def test_fresh_machine_asks_for_a_name_and_saves_from_the_first_prompt(walk, cli):
    room = Facilitator()
    room.answer("Ontmoetingsdag")  # the new session's name
    room.keep()  # no tables typed: refused, asked again
    room.sees("noem minstens één tafel")
    room.answer("tafel 1, tafel 2")
    room.answer("CC Merchtem, Bib Asse")  # the organisations at tafel 1
    room.answer("6")  # its people
    room.keep()  # tafel 2's organisations: not said
    room.answer("veel")  # refused: a number
    room.sees("een geheel getal")
    room.answer(BACKSPACE * 4 + "4")
    room.choose("tafel 2", among=["tafel 1", "tafel 2"])
    room.begin()
    room.cross("bingo-1", "bingo-2", among=BINGO)
    room.card_done()
    room.stop_with_ctrl_c()  # at the intro of stellingen
    result = walk(room, code=130, screen=Terminal(80, 30))
    shown = json.loads(cli("show", "--json").stdout)
    assert f"Resume with:\n  tocht run {shown['id']} --group 'tafel 2'\n" in result.stderr  # a command on a line of its own
    assert shown["groups"] == ["tafel 1", "tafel 2"]
    assert shown["attendance"] == {"tafel 1": {"organisations": ["CC Merchtem", "Bib Asse"], "people": 6}, "tafel 2": {"people": 4}}
    assert values(cli, "bingo", "tafel 2") == {"bingo-1": {"crossed": True}, "bingo-2": {"crossed": True}}


def test_run_refuses_several_tables_rather_than_walk_only_the_last(keyed, cli, two_groups):
    """`tocht run --room -g 'tafel 1' -g 'tafel 2' -g 'tafel 3'` walked tafel 3 alone and said nothing (room
    re-trial, issue 18): the walk records one table, so it says so and names the way, before anything starts."""
    result = keyed("", "--lang", "nl", "run", "-g", "tafel 1", "-g", "tafel 2", "--room", code=2)
    assert "tocht run loopt één tafel tegelijk" in result.stderr
    assert "tocht new" in result.stderr and "Traceback" not in result.stderr
    assert "Listening" not in result.stderr and "http://" not in result.stdout + result.stderr  # no room opened
    assert keyed("", "run", "-g", "tafel 1", "-g", "tafel 1", code=1).exit_code == 1  # the same table twice is one table


def test_fresh_machine_with_a_group_makes_it_the_one_table(walk, cli):
    """`tocht run -g "tafel 1"` on a fresh database: the session gets that table, not a made-up "groep 1"."""
    room = Facilitator()
    room.answer("Ontmoetingsdag")
    room.keep()  # no organisations said
    room.keep()  # nor how many people: nothing recorded
    room.begin()
    room.cross("bingo-1", among=BINGO)
    room.card_done()
    room.stop_with_ctrl_c()
    walk(room, "-g", "tafel 1", code=130)
    assert json.loads(cli("show", "--json").stdout)["groups"] == ["tafel 1"]
    assert "attendance" not in json.loads(cli("show", "--json").stdout)
    assert values(cli, "bingo") == {"bingo-1": {"crossed": True}}


def test_statements_walk_records_position_hands_and_arguments(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.pick("eens", among=POSITIONS)  # A1
    room.answer("5 2 1")  # hands for eens / oneens / twijfel
    room.answer("sterk argument")
    room.pick("oneens", among=POSITIONS)  # A2
    room.keep()  # no hands
    room.keep()  # no argument
    room.stop_with_ctrl_c()  # at A3
    walk(room, "-e", "stellingen", code=130)
    got = values(cli, "statements")
    assert got["A1"] == {"position": "eens", "counts": {"eens": 5, "oneens": 2, "twijfel": 1}, "note": "sterk argument"}
    assert got["A2"]["position"] == "oneens"


def test_in_a_follow_up_enter_records_none_of_last_times_vote(walk, cli, session):
    """A statement's position, hands and argument are what this room says: last time's shows on a line of its own
    above each question (which fits on one line at 80 columns and says what Enter does), and Enter records nothing."""
    cli("statements", "vote", "A1", "-p", "oneens", "--agree", "1", "--disagree", "5", "--unsure", "2", "--note", "oud")
    cli("new", "Vervolg", "--from", session)
    room = Facilitator()
    room.begin()
    room.sees("Wat is het standpunt")
    room.no_answer()  # position: nothing chosen
    room.stop_with_ctrl_c()
    walk(room, "-e", "stellingen", code=130, screen=Terminal(80, 30))
    assert values(cli, "statements") == {}
    room = Facilitator()
    room.begin()
    room.pick("eens", among=POSITIONS)  # this room's position
    room.sees("Hoeveel handen")
    room.keep()  # hands: empty, last time's only shown
    room.sees("(Enter: leeg laten)")
    room.keep()  # argument: empty
    room.stop_with_ctrl_c()
    screen = Terminal(80, 30)
    said = walk(room, "-e", "stellingen", code=130, screen=screen).stdout
    assert "vorige keer: oneens\n? Wat is het standpunt van de groep?" in said  # above, never the default
    lines = [line.rstrip() for line in str(screen.first_with("Hoeveel handen")).splitlines()]
    assert "? Hoeveel handen voor eens / oneens / twijfel? (Enter: geen)" in lines  # whole, on one line
    assert "vorige keer: eens 1 · oneens 5 · twijfel 2\n? Hoeveel handen" in said  # a line of its own, above the question
    assert "vorige keer: oud\n? Belangrijkste argumenten (Enter: leeg laten)" in said
    assert values(cli, "statements") == {"A1": {"position": "eens", "counts": {}, "note": ""}}


def test_hands_for_fewer_positions_than_asked_are_refused(walk, cli, session):
    """Typing "5 2" for eens / oneens / twijfel would drop twijfel unseen: refused, and nothing is saved until each has one."""
    room = Facilitator()
    room.begin()
    room.pick("eens", among=POSITIONS)  # A1
    room.answer("5 2")
    room.sees("3 aantallen handen, voor eens / oneens / twijfel, bv. 5 2 1")  # whole at 80 columns, no 100000 in it
    room.erase("5 2")
    room.answer("5 2 0")
    room.stop_with_ctrl_c()  # at the argument
    walk(room, "-e", "stellingen", code=130, screen=Terminal(80, 30))
    assert values(cli, "statements")["A1"]["counts"] == {"eens": 5, "oneens": 2, "twijfel": 0}


def test_resume_at_first_unanswered_item_with_defaults(walk, cli, session):
    cli("bingo", "cross", "4")
    cli("statements", "vote", "A1", "--position", "eens")
    cli("statements", "vote", "A2", "--position", "oneens", "--note", "bewaard")
    room = Facilitator()
    room.begin()  # stellingen
    room.pick("twijfel", among=POSITIONS)  # lands on A3 of stellingen
    room.stop_with_ctrl_c()
    walk(room, code=130)
    got = values(cli, "statements")
    assert got["A3"]["position"] == "twijfel"
    assert got["A2"] == {"position": "oneens", "counts": {}, "note": "bewaard"}


def test_skip_and_back(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.skip(among=POSITIONS, unanswered=True)  # A1
    room.pick("eens", among=POSITIONS)  # A2
    room.keep()  # no hands
    room.slash("terug")  # from the argument: back one question, to the hands
    room.answer("4 1 0")
    room.keep()  # no argument
    room.back(among=POSITIONS, unanswered=True)  # A3's first question: back one item, to A2
    room.back(among=POSITIONS)  # A2's position (answered, the cursor on it): back to A1
    room.pick("oneens", among=POSITIONS)  # A1 again
    room.keep()  # no hands
    room.keep()  # no argument
    room.stop_with_ctrl_c()  # at A2
    walk(room, "-e", "stellingen", code=130)
    got = values(cli, "statements")
    assert got["A1"]["position"] == "oneens" and got["A2"]["position"] == "eens"
    assert got["A2"]["counts"] == {"eens": 4, "oneens": 1, "twijfel": 0}


def test_on_without_an_answer_skips_the_statements_hands_and_argument(walk, cli, session):
    """As at a criterion of the checklist: no position, so neither hands nor an argument is asked, and the
    statement stays open."""
    room = Facilitator()
    room.begin()
    for _ in range(3):  # A1 to A3: "verder zonder antwoord" at the position, on to the next statement
        room.no_answer()
    room.stop_with_ctrl_c()  # at A4's position
    said = walk(room, "-e", "stellingen", code=130).stdout
    assert values(cli, "statements") == {}
    assert said.count("Wat is het standpunt van de groep?") == 4 and "Hoeveel handen voor" not in said


def test_a_position_the_hands_contradict_is_questioned_and_the_hands_can_give_one(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.pick("eens", among=POSITIONS)  # A1
    room.answer("1 5 0")  # most hands for oneens
    room.sees("Standpunt “eens”, maar de meeste handen: “oneens” (eens 1 · oneens 5).")  # "Behouden?" on the next line at 80
    room.keep()  # Enter keeps the group's position
    room.keep()  # no argument
    room.pick("eens", among=POSITIONS)  # A2
    room.answer("1 5 0")
    room.take_majority()
    room.keep()  # no argument
    room.no_answer()  # A3: no position, so no hands asked either
    room.pick("oneens", among=POSITIONS)  # A4: as most hands: nothing to ask
    room.answer("1 5 0")
    room.keep()  # no argument
    room.pick("twijfel", among=POSITIONS)  # A5: a tie decides nothing
    room.answer("3 3 0")
    room.keep()  # no argument
    room.stop_with_ctrl_c()
    walk(room, "-e", "stellingen", code=130, screen=Terminal(80, 30))
    got = values(cli, "statements")
    assert [got.get(s, {}).get("position") for s in ("A1", "A2", "A3", "A4", "A5")] == ["eens", "oneens", None, "oneens", "twijfel"]


def test_back_from_the_hint_asks_for_the_hands_again(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.pick("eens", among=POSITIONS)  # A1
    room.answer("1 5 0")
    room.back(among=["eens", "oneens"])  # the hint's two choices: back to the hands
    room.erase("1 5 0")
    room.answer("5 1 0")  # counted again: most for eens, no hint
    room.keep()  # no argument
    room.stop_with_ctrl_c()
    walk(room, "-e", "stellingen", code=130)
    assert values(cli, "statements")["A1"] == {"position": "eens", "counts": {"eens": 5, "oneens": 1, "twijfel": 0}, "note": ""}


def test_letters_typed_ahead_choose_nothing_and_a_digit_with_enter_chooses(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.keys += "vijf"  # typed into the position select: no letter moves the cursor, and the hint says so
    room.sees("typen kiest hier niets")
    room.keep()  # the Enter after a typed word only says so again: the word is not taken for the pointed option
    room.keep()  # the next Enter is "no answer": on to A2, neither hands nor argument asked
    room.keys += "2" + ENTER  # A2: option 2 ("oneens"; "verder zonder antwoord" is 0), confirmed by Enter
    room.keep()  # hands
    room.keep()  # argument
    room.stop_with_ctrl_c()
    walk(room, "-e", "stellingen", code=130, screen=Terminal(120, 30))
    got = values(cli, "statements")
    assert "A1" not in got
    assert got["A2"]["position"] == POSITIONS[1]


def test_a_half_answered_item_resumes_at_its_missing_question(walk, cli, session):
    cli("roles", "set", "1", "--now", "programmator")
    room = Facilitator()
    room.begin()
    room.pick("samen", among=HOLDERS)  # rol-1: straight to "tomorrow", today is kept
    room.stop_with_ctrl_c()
    walk(room, "-e", "rollen", code=130)
    assert values(cli, "roles")["rol-1"]["now"] == "programmator"
    assert values(cli, "roles")["rol-1"]["future"] == "samen"


def test_jump_to_another_exercise(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.jump(among=POSITIONS, unanswered=True)  # from A1
    room.choose("regio", among=EXERCISES, shown="stellingen")
    room.begin()
    room.stop_with_ctrl_c()
    result = walk(room, "-e", "stellingen", code=130)
    assert "T6" in result.stdout


def test_stop_from_a_text_prompt_ends_cleanly(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.pick("eens", among=POSITIONS)  # A1
    room.slash("stoppen")  # instead of the hands
    result = walk(room, "-e", "stellingen")
    assert "saved" in result.stderr
    assert values(cli, "statements")["A1"]["position"] == "eens"


def test_vocabulary_walk(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.tick("cultuurspreiding", "gemeenschapsvorming", among=TASKS)  # ontwikkeling
    room.answer("via spreiding")
    room.tick(NONE, among=TASKS_OR_NONE)  # productie: none of the tasks, ticked as such (no "how?" then)
    room.keep()  # presentatie: nothing ticked
    room.slash("s")  # stop from the next function's ticks, by its letter
    walk(room, "-e", "vocabularium")
    got = values(cli, "vocabulary")
    assert got["ontwikkeling"] == {"tasks": ["cultuurspreiding", "gemeenschapsvorming"], "how": "via spreiding"}
    assert got["productie"]["tasks"] == []
    assert "presentatie" not in got


def test_ticks_carried_over_from_the_meeting_before_say_so(walk, cli, session):
    """In a follow-up (`new --from`) the vocabulary's and the alliances' ticks of last time read "(vorige keer)",
    as a select's "vorige keer: eens" does; Enter keeps them."""
    cli("vocabulary", "link", "ontwikkeling", "gemeenschapsvorming")
    cli("alliances", "with", "met-1")
    cli("new", "Vervolg", "--from", session)
    room = Facilitator()
    room.begin()
    room.sees("gemeenschapsvorming (vorige keer)")
    room.keep()  # the ticks of last time
    room.stop_with_ctrl_c()
    walk(room, "-e", "vocabularium", code=130, screen=Terminal(120, 30))
    assert values(cli, "vocabulary")["ontwikkeling"]["tasks"] == ["gemeenschapsvorming"]
    room = Facilitator()
    room.begin()
    room.no_more()  # no existing alliance
    room.sees("(vorige keer)")
    room.stop_with_ctrl_c()
    walk(room, "-e", "allianties", code=130, screen=Terminal(120, 30))


def test_enter_through_the_vocabulary_records_nothing(walk, cli, session):
    """The trial's "Enter through the vocabulary invents 'geen' for every function": no more."""
    room = Facilitator()
    room.begin()
    for _ in range(5):
        room.keep()  # nothing ticked: no "how?"
    room.no_more()  # no word
    room.stop_with_ctrl_c()  # at the intro of rollen
    walk(room, "-e", "vocabularium", code=130)
    assert values(cli, "vocabulary") == {}
    progress = json.loads(cli("show", "--json").stdout)["progress"]["vocabularium"]
    assert progress["groep 1"] == {"done": 0, "total": 6}  # the words count as one item at every table


def test_a_follow_ups_how_of_last_time_is_shown_not_recorded_with_enter(walk, cli, session):
    """Last time's "how?" of a function reads after the question; Enter (the ticks kept, as marked) adds no text."""
    cli("vocabulary", "link", "ontwikkeling", "gemeenschapsvorming", "--how", "via spreiding")
    cli("new", "Vervolg", "--from", session)
    room = Facilitator()
    room.begin()
    room.keep()  # the ticks of last time, marked so
    room.sees("(vorige keer: via spreiding)")
    room.keep()  # how: empty
    room.stop_with_ctrl_c()
    walk(room, "-e", "vocabularium", code=130, screen=Terminal(120, 30))
    assert values(cli, "vocabulary")["ontwikkeling"] == {"tasks": ["gemeenschapsvorming"], "how": ""}


def test_a_follow_ups_taken_over_words_count_in_the_progress(walk, cli, session):
    """T1b's words taken over from last time are there: counted, as the alliances count theirs (it read 0/5)."""
    cli("vocabulary", "add-word", "publiekswerking")
    cli("new", "Vervolg", "--from", session)
    room = Facilitator()
    room.begin()
    for _ in range(5):
        room.keep()  # no tasks ticked
    room.choose("overnemen", among=["leeg beginnen", "overnemen"])  # last time's word
    room.stop_with_ctrl_c()
    walk(room, "-e", "vocabularium", code=130, screen=Terminal(120, 30))
    progress = json.loads(cli("show", "--json").stdout)["progress"]["vocabularium"]
    assert progress["groep 1"] == {"done": 1, "total": 6}


def test_vocabulary_words_after_the_functions(walk, cli, session):
    functions = ("ontwikkeling", "productie", "presentatie", "reflectie", "participatie")
    for f in functions:
        cli("vocabulary", "link", f, "--none")
    room = Facilitator()
    room.begin()
    for _ in functions:
        room.keep()  # no tasks, as shown: no "how?"
    room.answer("publiekswerking")
    room.no_more()
    room.stop_with_ctrl_c()  # at the intro of rollen
    walk(room, "-e", "vocabularium", code=130)
    assert values(cli, "vocabulary")["_"] == {"words": ["publiekswerking"]}


def test_roles_walk_shows_what_shifts(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.pick("programmator", among=HOLDERS)  # rol-1 now
    room.pick("samen", among=HOLDERS)  # rol-1 in the future
    room.pick("nee", among=YES_NO)  # not double
    room.answer("notitie")
    room.stop_with_ctrl_c()
    walk(room, "-e", "rollen", code=130)
    got = values(cli, "roles")["rol-1"]
    assert got == {"now": "programmator", "future": "samen", "double": False, "note": "notitie"}
    assert "programmator → samen" in " ".join(cli("roles").stdout.split())


def test_steps_walk_refuses_impossible_dates(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.answer("de schepen van cultuur")  # whom
    room.answer("Grimbergen")  # municipality
    room.answer("koffie drinken")  # stap-1: action
    room.answer("An")  # who
    room.answer("30/02/2018")  # by: refused, February has no 30th
    room.erase("30/02/2018")
    room.answer("1 maart 2018")
    room.pick("bezig", among=STEP_STATUSES)
    room.answer("koffie drinken")  # stap-2: action
    room.keep()  # no who
    room.answer("15-1-2019")  # by, day first
    room.stop_with_ctrl_c()
    walk(room, "-e", "stappenplan", code=130)
    got = values(cli, "steps")
    assert got["_"] == {"whom": "de schepen van cultuur", "municipality": "Grimbergen"}
    assert got["stap-1"] == {"action": "koffie drinken", "who": "An", "by": "2018-03-01", "status": "bezig"}
    assert got["stap-2"]["by"] == "2019-01-15"


def test_a_date_from_the_meeting_before_is_offered_as_the_room_writes_it_and_kept_with_enter(walk, cli, session, monkeypatch):
    """Last time's carried texts stand beside the question, not in the field: Enter takes them over, and what is
    typed replaces them (typing ran on after them: "de schepen van cultuurde burgemeester", terminal trial)."""
    from tocht_cli.walk.guide import Walk

    offered = []
    text = Walk.text
    monkeypatch.setattr(
        Walk,
        "text",
        lambda self, message, default="", validate=None, offered_=offered, **kw: (
            offered_.append((message, default)) or text(self, message, default, validate, **kw)
        ),
    )
    cli("steps", "set", "1", "--action", "koffie drinken", "--who", "An", "--by", "2018-03-01")
    cli("new", "Vervolg", "--from", session)
    room = Facilitator()
    room.begin()
    room.keep()  # whom: none before
    room.keep()  # municipality
    room.keep()  # stap-1: the action of last time, taken over
    room.answer("Bart")  # who: typed over last time's "An"
    room.keep()  # by: "1 maart 2018", as last time
    room.stop_with_ctrl_c()
    walk(room, "-e", "stappenplan", code=130)
    message, default = offered[-1]
    assert "vorige keer: 1 maart 2018 — Enter: overnemen" in message and default == ""
    assert values(cli, "steps")["stap-1"] == {"action": "koffie drinken", "who": "Bart", "by": "2018-03-01", "status": None}


def test_a_carried_answer_is_offered_on_one_line_at_80_columns_and_its_status_too(walk, cli, session):
    """The trial: "? Bij wie? (bv. de schepen van cultuur; vorige keer: de schepen van cultuur — Enter:" wrapped,
    its echo on a line of its own: with last time's answer offered, the question's example gives way. A step's
    status is carried as its action is: offered as last time's, taken with Enter."""
    cli("steps", "target", "--whom", "de schepen van cultuur", "--municipality", "Grimbergen")
    cli("steps", "set", "1", "--action", "koffie", "--who", "An", "--by", "15/01/2027", "--status", "bezig")
    cli("new", "Vervolg", "--from", session)
    room = Facilitator()
    room.begin()
    room.keep()  # bij wie
    room.keep()  # welke gemeente
    room.keep()  # stap-1's action
    room.keep()  # who
    room.keep()  # by
    room.sees("vorige keer: bezig")
    room.keep()  # the status: the cursor on last time's
    room.stop_with_ctrl_c()
    screen = Terminal(80, 30)
    walk(room, "-e", "stappenplan", code=130, screen=screen)
    lines = [line for frame in screen.frames for line in str(frame).splitlines()]
    assert any(line.startswith("? Bij wie? (vorige keer: de schepen van cultuur — Enter: overnemen)") for line in lines)
    assert any(line.startswith("? Tegen wanneer? (vorige keer: 15 januari 2027 — Enter: overnemen)") for line in lines)
    assert values(cli, "steps")["stap-1"] == {"action": "koffie", "who": "An", "by": "2027-01-15", "status": "bezig"}


def test_ticked_sentences_are_echoed_as_one_readable_line(walk, cli, session):
    """The kit's "Nieuwe doelgroepen bereiken." and the next choice read "bereiken, Expertise", not "bereiken., Expertise"."""
    nature = [option.id for option in KIT.exercise("allianties").spec.options("nature")]
    room = Facilitator()
    room.begin()
    room.no_more()  # no existing alliance
    room.keep()  # with: none ticked
    room.keep()  # no own entries
    room.tick("aard-4", "aard-5", among=nature)
    room.stop_with_ctrl_c()
    said = " ".join(walk(room, "-e", "allianties", code=130, screen=Terminal(120, 30)).stdout.split())
    assert "? Aard van de samenwerking? Nieuwe doelgroepen bereiken · Expertise-uitwisseling en professionalisering" in said
    assert values(cli, "alliances")["_"]["nature"] == ["aard-4", "aard-5"]


def test_ticked_options_holding_a_comma_are_echoed_between_the_same_dots(walk, cli, session, monkeypatch):
    """One separator for every checkbox: " · ", also when an option holds a comma (it was "; " then, else ", ")."""
    monkeypatch.setenv("COLUMNS", "120")
    room = Facilitator()
    room.begin()
    room.no_more()  # no existing alliance
    room.tick("met-1", "met-2", among=ALLY_WITH)
    room.stop_with_ctrl_c()
    said = " ".join(walk(room, "-e", "allianties", code=130).stdout.split())
    first, second = (option.text for option in KIT.exercise("allianties").spec.options("with")[:2])
    assert "," in first + second and f"? Met wie? {first.rstrip('.')} · {second.rstrip('.')}" in said


def test_a_follow_up_keeps_the_alliance_ticks_of_last_time_with_enter(walk, cli, session):
    """Taking over last time's alliances saves them before the ticks are asked: the ticks of last time are still
    offered ticked, and Enter keeps them (they were dropped)."""
    cli("alliances", "add", "Academie", "--purpose", "samen lesgeven")
    cli("alliances", "with", "met-1", "met-2", "--own", "de lokale woonzorgcentra")
    cli("alliances", "nature", "1", "2")
    cli("new", "Vervolg", "--from", session)
    room = Facilitator()
    room.begin()
    room.choose("overnemen", among=["leeg beginnen", "overnemen"])  # Academie, asked: taken over
    room.no_more()  # no new alliance
    room.sees("(vorige keer)")
    room.keep()  # with whom: the ticks of last time
    room.keep()  # own words of last time
    room.keep()  # nature: the ticks of last time
    room.keep()  # own words
    room.stop_with_ctrl_c()
    walk(room, "-e", "allianties", code=130, screen=Terminal(120, 30))
    got = values(cli, "alliances")["_"]
    assert got["with"] == ["met-1", "met-2"] and got["with_own"] == ["de lokale woonzorgcentra"]
    assert len(got["nature"]) == 2 and got["existing"] == [{"partner": "Academie", "purpose": "samen lesgeven"}]


def test_alliances_walk(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.answer("Academie")  # an existing alliance: partner
    room.answer("samen lessen")  # and purpose
    room.no_more()
    room.tick("met-1", among=ALLY_WITH)
    room.answer("buurthuis; bib")  # own entries
    room.keep()  # nature: none ticked
    room.keep()  # no own entries
    room.pick("deels", among=CHECKLIST_STATUSES)  # crit-1
    room.answer("al bezig")
    room.stop_with_ctrl_c()
    walk(room, "-e", "allianties", code=130)
    got = values(cli, "alliances")
    assert got["_"]["existing"] == [{"partner": "Academie", "purpose": "samen lessen"}]
    assert got["_"]["with"] == ["met-1"] and got["_"]["with_own"] == ["buurthuis", "bib"]
    assert got["crit-1"] == {"status": "deels", "how": "al bezig"}


def test_an_alliances_partner_is_saved_before_its_purpose_is_asked(walk, cli, session):
    """The room trial: "Samenwerking met de bib" typed, then Ctrl-C at "Vanuit welk doel?": "Alles is bewaard." said,
    and the partner was gone (it was saved only with its purpose)."""
    room = Facilitator()
    room.begin()
    room.answer("Samenwerking met de bib")  # an existing alliance: partner
    room.stop_with_ctrl_c()  # at its purpose
    walk(room, "-e", "allianties", code=130)
    assert values(cli, "alliances")["_"]["existing"] == [{"partner": "Samenwerking met de bib", "purpose": ""}]


def test_challenges_walk_add_edit_remove(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.choose("toevoegen", among=ROW_ACTIONS)
    room.answer("Meer jongeren bereiken")
    room.answer("regionale jeugdwerking")
    room.choose("toevoegen", among=ROW_ACTIONS)
    room.answer("Eigen woorden")
    room.keep()  # no regional answer
    room.choose("verwijderen", among=ROW_ACTIONS)
    room.choose("Meer jongeren bereiken", among=["Meer jongeren bereiken", "Eigen woorden", "annuleren"])
    room.choose("ja", among=["nee", "ja"])  # asked first; the cursor starts on "nee"
    room.choose("klaar", among=ROW_ACTIONS)
    walk(room, "-e", "regio")
    assert values(cli, "challenges")["_"]["rows"] == [{"challenge": "Eigen woorden", "regional": ""}]


def test_challenges_walk_removes_and_edits_only_when_the_group_goes_through_with_it(walk, cli, session):
    cli("challenges", "add", "Meer jongeren bereiken", "--regional", "regionale jeugdwerking")
    kept = [{"challenge": "Meer jongeren bereiken", "regional": "regionale jeugdwerking"}]
    room = Facilitator()
    room.begin()
    rows = ["1. Meer jongeren bereiken", "annuleren"]
    room.choose("verwijderen", among=ROW_ACTIONS)
    room.choose("1. Meer jongeren bereiken", among=rows)
    room.keep()  # Enter on "nee": not removed
    room.choose("verwijderen", among=ROW_ACTIONS)
    room.choose("annuleren", among=rows)
    room.choose("aanpassen", among=ROW_ACTIONS)
    room.choose("annuleren", among=rows)
    room.choose("klaar", among=ROW_ACTIONS)
    walk(room, "-e", "regio")
    assert values(cli, "challenges")["_"]["rows"] == kept


def test_challenges_walk_shows_the_suggestions_numbered_and_a_number_picks_one(walk, cli, session):
    suggestions = KIT.exercise("regio").spec.suggestions
    room = Facilitator()
    room.begin()
    room.choose("toevoegen", among=ROW_ACTIONS[:1] + ROW_ACTIONS[3:])  # no rows yet: add or done
    room.answer("12")
    room.keep()  # no regional answer yet
    room.choose("toevoegen", among=ROW_ACTIONS)
    room.complete("Het gouden", offered=" Het gouden ei dat publieken", filled="woorden) Het gouden ei dat")
    room.keep()
    room.choose("klaar", among=ROW_ACTIONS)
    shown = walk(room, "-e", "regio", screen=Terminal(80, 30)).stdout
    assert "Suggesties: typ een nummer" in shown and f"12. {suggestions[11].text}" in " ".join(shown.split())
    assert shown.count("Suggesties: typ een nummer") == 1  # two rows added: the long list printed once in a visit
    last = f"{len(suggestions)}. {suggestions[-1].text[:20]}"
    assert shown.index(last) < shown.index("Suggesties: typ een nummer")  # how to pick stays beside the question
    rows = values(cli, "challenges")["_"]["rows"]
    assert [r["challenge"] for r in rows] == [suggestions[11].text, suggestions[29].text]


def test_challenges_walk_lists_the_suggestions_only_when_adding_with_those_in_a_row_ticked(walk, cli, session):
    """Editing a row printed all 45 suggestions again: only adding lists them (a number and Tab still work)."""
    cli("challenges", "add", "12")
    room = Facilitator()
    room.begin()
    room.choose("aanpassen", among=ROW_ACTIONS)
    row = "1. " + KIT.exercise("regio").spec.suggestions[11].text
    room.choose(row, among=[row, "annuleren"])
    room.keep()  # the challenge as it was
    room.keep()  # no regional answer
    room.choose("toevoegen", among=ROW_ACTIONS)
    room.answer("3")
    room.keep()
    room.choose("klaar", among=ROW_ACTIONS)
    shown = walk(room, "-e", "regio").stdout
    assert shown.count("Suggesties: typ een nummer") == 1 and "✓ 12." in shown  # when adding, a row's suggestion ticked


def test_a_number_with_no_suggestion_is_refused_in_the_walk_as_by_challenges_add(walk, cli, session):
    """99 is no suggestion: the walk says so with the valid ones (as `tocht challenges add 99`) and saves nothing."""
    refused = cli("challenges", "add", "99", ok=False).stderr
    walk_past_a_refused_99(walk, "geen suggestie 99; typ 1 tot 45, of eigen woorden", erase=True)
    assert "no suggestion '99'; valid: 1/" in refused
    assert [r["challenge"] for r in values(cli, "challenges")["_"]["rows"]] == ["Jongeren bereiken"]


def test_what_is_typed_after_a_refusal_replaces_the_refused_text(walk, cli, session):
    """99 refused, then words: the words are saved, not "99" glued to them (what is typed replaces the refused text)."""
    walk_past_a_refused_99(walk, "geen suggestie 99", erase=False)
    assert [r["challenge"] for r in values(cli, "challenges")["_"]["rows"]] == ["Jongeren bereiken"]


def walk_past_a_refused_99(walk, refusal: str, erase: bool) -> None:
    """T6: add a row, type 99 (refused with `refusal`), then "Jongeren bereiken" (after erasing 99 or not)."""
    room = Facilitator()
    room.begin()
    room.choose("toevoegen", among=ROW_ACTIONS[:1] + ROW_ACTIONS[3:])
    room.answer("99")
    room.sees(refusal)
    if erase:
        room.erase("99")
    room.answer("Jongeren bereiken")
    room.keep()  # no regional answer
    room.choose("klaar", among=ROW_ACTIONS)
    walk(room, "-e", "regio", screen=Terminal(80, 30))


def test_a_slash_command_after_a_prefilled_answer_steers_and_keeps_the_answer(walk, cli, session):
    cli("statements", "vote", "A1", "--position", "eens", "--note", "via residenties")
    room = Facilitator()
    room.begin()  # at A2, the first open statement
    room.back()  # to A1
    room.choose("eens", among=POSITIONS, shown="eens")  # A1, as answered before
    room.keep()  # no hands
    room.slash("stoppen")  # the argument prompt comes pre-filled: typing /stoppen after it steers
    result = walk(room, "-e", "stellingen")
    assert "saved" in result.stderr
    assert values(cli, "statements")["A1"]["note"] == "via residenties"


def test_enter_on_a_shown_answer_keeps_a_newer_one_from_another_terminal(run, cli, session):
    """The walk showed note 'oud'; another terminal wrote 'nieuw'; Enter on 'oud' writes nothing."""
    from tocht_cli.walk.guide import Walk

    cli("statements", "vote", "A1", "--position", "eens", "--note", "oud")
    ws = run.workspace(None)
    walk = Walk(ws, ws.groups[0])
    ex = ws.kit.exercise("stellingen")
    shown = walk.value(ex, "A1")
    cli("statements", "vote", "A1", "--note", "nieuw", "--position", "oneens")  # the other terminal
    walk.save(ex, "A1", {"position": shown["position"]})  # Enter on the shown position
    walk.save(ex, "A1", {"note": shown["note"]})  # Enter on the shown note
    assert values(cli, "statements")["A1"]["note"] == "nieuw" and values(cli, "statements")["A1"]["position"] == "oneens"
    asked = []
    walk.select = lambda message, choices, **_: asked.append(message) or choices[1][1]  # type: ignore[method-assign]
    walk.save(ex, "A1", {"note": "eigen woorden"})  # typed over 'nieuw': asked which stays, then saved as chosen
    assert asked == ["Welk antwoord blijft?"] and values(cli, "statements")["A1"]["note"] == "eigen woorden"


def test_skip_on_the_plans_header_skips_the_header_only(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.slash("overslaan")  # "Bij wie?": the header is skipped
    room.answer("koffie drinken")  # step 1's action: the steps are still asked
    room.stop_with_ctrl_c()
    walk(room, "-e", "stappenplan", code=130)
    got = values(cli, "steps")
    assert got["stap-1"]["action"] == "koffie drinken" and "_" not in got


def test_ctrl_c_while_typing_says_back_what_was_not_saved(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.pick("eens", among=POSITIONS)  # A1
    room.keep()  # no hands
    room.keys += "een half getypt argument"  # no Enter
    room.stop_with_ctrl_c()
    result = walk(room, "-e", "stellingen", code=130)
    assert "not saved, as it was still being typed: een half getypt argument" in result.stderr
    assert values(cli, "statements")["A1"] == {"position": "eens", "counts": {}, "note": ""}


def test_a_resumed_walk_stops_at_an_untouched_bingo_card_first(walk, cli, session):
    """Nothing crossed yet while the group answered elsewhere: the card is open, the first in kit order."""
    cli("statements", "vote", "A1", "--position", "eens")
    room = Facilitator()
    room.begin()  # bingo, not stellingen
    room.cross("bingo-3", among=BINGO)
    room.card_done()
    room.begin()  # stellingen, at A2: its first open statement
    room.pick("oneens", among=POSITIONS)
    room.stop_with_ctrl_c()
    walk(room, code=130)
    assert values(cli, "bingo") == {"bingo-3": {"crossed": True}}
    assert values(cli, "statements")["A2"]["position"] == "oneens"


def test_every_prompt_says_what_it_asks(walk, cli, session, monkeypatch):
    """No bare "?" before "beginnen", no "? 0 / 10" or "? Status": each prompt names its question."""
    monkeypatch.setenv("COLUMNS", "80")
    room = Facilitator()
    room.sees("? Klaar om te beginnen?")
    room.begin()
    room.keep()  # whom
    room.keep()  # municipality
    room.answer("koffie drinken")  # stap-1: action
    room.keep()  # who
    room.keep()  # by
    room.sees("? Hoe ver staat deze actie?")
    room.no_answer()  # status
    room.stop_with_ctrl_c()
    screen = Terminal(80, 30)
    walk(room, "-e", "stappenplan", code=130, screen=screen)
    assert "? beginnen" not in screen.first_with("Klaar om te beginnen?")

    room = Facilitator()
    room.begin()
    room.keep()  # existing alliance: none
    room.no_more()
    room.keep()  # with: none ticked
    room.keep()  # no own entries
    room.keep()  # nature: none ticked
    room.keep()  # no own entries
    room.sees("? Is dit criterium aanwezig in jullie alliantie?")
    room.stop_with_ctrl_c()
    walk(room, "-e", "allianties", code=130, screen=Terminal(80, 30))

    room = Facilitator()
    room.begin()
    room.sees("? Uitdagingen (0 / 10): wat nu?")
    room.choose("toevoegen", among=ROW_ACTIONS[:1] + ROW_ACTIONS[3:])
    room.sees("? Op welke 10 uitdagingen lopen jullie vast? (nummer of eigen woorden)")
    room.answer("3")
    room.keep()  # no regional answer
    room.choose("aanpassen", among=ROW_ACTIONS)
    room.sees("? Welke rij aanpassen?")
    room.keys += "2" + ENTER  # annuleren
    room.choose("verwijderen", among=ROW_ACTIONS)
    room.sees("? Welke rij verwijderen?")
    room.stop_with_ctrl_c()
    walk(room, "-e", "regio", code=130, screen=Terminal(80, 30))


def test_the_row_pickers_number_each_row_once(walk, cli, session):
    """ "1) De geldpot is op", never "1) 1. De geldpot is op": the select's digit is the row's number."""
    cli("challenges", "add", "Te weinig tijd")
    cli("challenges", "add", "Geen zaal")
    room = Facilitator()
    room.begin()
    room.choose("verwijderen", among=ROW_ACTIONS)
    room.sees("? Welke rij verwijderen?")
    room.stop_with_ctrl_c()
    screen = Terminal(80, 30)
    walk(room, "-e", "regio", code=130, screen=screen)
    picker = screen.last_with("Welke rij verwijderen?")
    assert "1) Te weinig tijd" in picker and "2) Geen zaal" in picker and "1. " not in picker


def test_the_group_chooser_asks_which_group_answers(walk, cli, two_groups):
    room = Facilitator()
    room.sees("? Welke groep (tafel) antwoordt?")
    room.stop_with_ctrl_c()
    walk(room, code=130, screen=Terminal(80, 30))


def test_the_navigation_hint_has_one_form_on_every_prompt(walk, cli, session):
    """Short and long questions alike ("Bij wie? (bv. …)", the date), selects and checkboxes: the same
    steering letters on a line of their own under the prompt, the same letters in every prompt."""
    hint = "/o overslaan · /t terug · /n naar een andere oefening · /s stoppen"
    room = Facilitator()
    room.sees(f"beginnen   {hint}")  # under the intro's select
    room.begin()
    room.sees(f"Bij wie? (bv. de schepen van cultuur)   {hint}")
    room.keep()  # whom
    room.sees(f"Welke gemeente?   {hint}")
    room.keep()  # municipality
    room.answer("koffie drinken")  # stap-1: action
    room.sees(f"Wie?   {hint}")
    room.keep()  # who
    room.sees(f"Tegen wanneer? (bv. 15 januari 2027)   {hint}")
    room.stop_with_ctrl_c()
    walk(room, "-e", "stappenplan", code=130, screen=Terminal(80, 30))


def test_the_walk_ends_with_the_same_command_to_walk_again_as_ctrl_c(walk, cli, two_groups):
    room = Facilitator()
    room.keep()  # the group chooser: tafel 1
    room.begin()
    room.slash("stoppen")  # the first text prompt (Bij wie?) stops the walk
    ended = walk(room, "-e", "stappenplan").stderr
    room = Facilitator()
    room.keep()
    room.begin()
    room.stop_with_ctrl_c()
    stopped = walk(room, "-e", "stappenplan", code=130).stderr
    command = f"tocht run {two_groups} --group 'tafel 1'"
    assert command in stopped and command in ended


def test_an_answered_item_says_so_and_one_key_goes_to_the_next_open_item(walk, cli, session):
    """Back on A1 (answered): "al beantwoord: eens; …" under it, and /v goes past the answered A2 to A3."""
    cli("statements", "vote", "A1", "--position", "eens", "--agree", "4", "--disagree", "1", "--unsure", "1")
    cli("statements", "vote", "A2", "--position", "oneens")
    room = Facilitator()
    room.begin()  # at A3, the first open statement
    room.back(among=POSITIONS)  # A2
    room.back(among=POSITIONS)  # A1
    room.steer("next_open")  # past A2 (answered) to A3
    room.pick("twijfel", among=POSITIONS)
    room.stop_with_ctrl_c()
    shown = " ".join(walk(room, "-e", "stellingen", code=130).stdout.split())  # as one line, however wrapped
    notice = "al beantwoord: eens; eens 4 · oneens 1 · twijfel 1 — Enter houdt het · /v volgende open vraag"
    assert shown.count(notice) == 1 and shown.index("A1 ") < shown.index(notice)
    assert "al beantwoord: oneens" in shown  # A2, on the way back
    got = values(cli, "statements")
    assert got["A3"]["position"] == "twijfel" and got["A2"]["position"] == "oneens"


def test_going_back_from_an_answered_item_leaves_its_note_with_its_own_question(walk, cli, session):
    """The "al beantwoord: … — Enter houdt het" note stayed right above the question gone back to, as if
    it were that one's: the question it belongs to is echoed with the steer taken ("/t terug") under it."""
    cli("statements", "vote", "A2", "--position", "oneens")
    room = Facilitator()
    room.begin()  # at A1, the first open statement
    room.steer("next_open")  # past A2 (answered) to A3
    room.back(among=POSITIONS)  # A2, its note shown
    room.back(among=POSITIONS)  # A1
    room.stop_with_ctrl_c()
    shown = " ".join(walk(room, "-e", "stellingen", code=130).stdout.split())
    after_note = shown[shown.index("al beantwoord: oneens") :]
    assert after_note.index("/t terug") < after_note.index("A1 ")  # the note's question, left by /t, before A1


def test_the_next_open_item_may_be_in_a_later_exercise(walk, cli, session):
    for n in range(2, 6):
        cli("vocabulary", "link", str(n), "--none")
    for n in range(1, 10):
        cli("roles", "set", str(n), "--now", "programmator", "--future", "samen")
    room = Facilitator()
    room.begin()  # vocabularium, at its first function, the only open one
    room.steer("next_open")  # no function is open after it, and rollen is all answered
    room.stop_with_ctrl_c()  # at the intro of stappenplan
    result = walk(room, "-e", "vocabularium", code=130)
    assert "T4 · Stappenplan" in result.stdout and "T3 · Nieuwe rolverdeling" not in result.stdout


def test_a_digit_never_steers_and_a_letter_alone_does_nothing(walk, cli, session):
    """In the position select 5 is no entry (there is no fifth choice): nothing happens; 'o' alone neither."""
    room = Facilitator()
    room.begin()
    room.keys += "5o"  # A1: neither skips
    room.keys += "2" + ENTER  # oneens
    room.keep()  # hands
    room.keep()  # argument
    room.stop_with_ctrl_c()
    walk(room, "-e", "stellingen", code=130)
    assert values(cli, "statements")["A1"]["position"] == "oneens"


def test_bare_tocht_and_run_resume_at_the_same_place_per_table(walk, cli, two_groups):
    """The first open exercise in kit order, an untouched bingo card too, as `tocht` says and `tocht run` does."""
    cli("statements", "vote", "A1", "--position", "eens", "--group", "tafel 1")
    cli("bingo", "cross", "4", "--group", "tafel 2")
    cli("statements", "vote", "A1", "--position", "oneens", "--group", "tafel 2")
    said = cli().stderr
    assert "tocht run --group 'tafel 1'   (resumes at T0 · Bingo" in said  # nothing crossed: open
    assert "tocht run --group 'tafel 2'   (resumes at T1a · Stellingenspel" in said and "· A2)" in said  # the item `run` goes to
    for group, heading in (("tafel 1", "T0 · Bingo"), ("tafel 2", "T1a · Stellingenspel")):
        room = Facilitator()
        room.stop_with_ctrl_c()  # at the exercise's intro
        first = walk(room, "--group", group, code=130).stdout.splitlines()[0]  # the first exercise's panel
        assert heading in first


def test_run_reads_where_a_walk_stopped_once_when_nothing_was_stopped(walk, cli, session, monkeypatch):
    """`tocht run` asked the "stopped" cache file three times (where to resume, the first open exercise, forgetting)."""
    from tocht_cli.sessions import stopped

    reads = []
    read = stopped._read
    monkeypatch.setattr(stopped, "_read", lambda *args: reads.append(args) or read(*args))
    room = Facilitator()
    room.stop_with_ctrl_c()  # at the first exercise's intro
    walk(room, code=130)
    assert len(reads) == 1


def test_a_value_that_ends_up_empty_is_no_answer(run, cli, session):
    """Where there is no answer, an empty value (Enter through a prompt, nothing ticked) writes none;
    an answer emptied stays an empty one, which progress does not count."""

    ws = run.workspace(None)
    ex = ws.kit.exercise("vocabularium")
    ws.save(ex, "productie", "groep 1", {"tasks": None, "how": ""})
    assert values(cli, "vocabulary") == {}
    ws.save(ex, "productie", "groep 1", {"how": "samen"})
    ws.save(ex, "productie", "groep 1", {"how": ""})
    assert values(cli, "vocabulary") == {"productie": {"tasks": None, "how": ""}}
    assert ws.progress()["vocabularium"]["groep 1"]["done"] == 0
    ws.save(ex, "productie", "groep 1", {"tasks": []})  # "none of the tasks", decided: an answer
    assert values(cli, "vocabulary") == {"productie": {"tasks": [], "how": ""}}


def another_terminal_before_the_first_save(monkeypatch, change, saving: str = "update") -> None:
    """Force the interleaving: the group answered the walk's question, then (before its save takes the lock
    in Store.`saving`) another terminal changes the session's groups with `change(workspace)`."""
    from tocht_cli.kinds.registry import installed
    from tocht_cli.kit.kits import Kits
    from tocht_cli.sessions.workspace import Workspace
    from tocht_cli.store import Store

    save = getattr(Store, saving)
    done: list[bool] = []

    def meddled(store, session_id, *args, **kwargs):
        if not done:
            done.append(True)
            change(Workspace(store, store.session(session_id), Kits(installed)))
        return save(store, session_id, *args, **kwargs)

    monkeypatch.setattr(Store, saving, meddled)


def test_the_walk_follows_its_group_renamed_between_the_question_and_its_save(walk, cli, two_groups, monkeypatch):
    from tocht_cli.sessions import groups

    another_terminal_before_the_first_save(monkeypatch, lambda ws: groups.rename(ws, "tafel 1", "tafel A"))
    room = Facilitator()
    room.begin()
    room.pick("eens", among=POSITIONS)  # A1: saved while the group is renamed
    room.answer("3 1 0")
    room.keep()  # no argument
    room.pick("oneens", among=POSITIONS)  # A2
    room.stop_with_ctrl_c()
    result = walk(room, "-e", "stellingen", "--group", "tafel 1", code=130)
    assert result.stderr.count("'tafel 1' heet nu 'tafel A'") == 1  # said once, in the kit's language
    assert f"tocht run {two_groups} --group 'tafel A'" in result.stderr  # resumes under the name it has now
    session = json.loads(cli("show", "--json").stdout)
    assert session["groups"] == ["tafel A", "tafel 2"]
    answers = values(cli, "statements", "tafel A")
    assert answers["A1"] == {"position": "eens", "counts": {"eens": 3, "oneens": 1, "twijfel": 0}, "note": ""}
    assert answers["A2"]["position"] == "oneens"
    assert "tocht doctor" not in cli("doctor").stderr


def test_the_walk_refuses_to_save_for_its_group_removed_between_the_question_and_its_save(walk, cli, two_groups, monkeypatch):
    from tocht_cli.sessions import groups

    another_terminal_before_the_first_save(monkeypatch, lambda ws: groups.remove(ws, "tafel 1"))
    room = Facilitator()
    room.begin()
    room.pick("eens", among=POSITIONS)  # A1: the group is removed before it is saved
    result = walk(room, "-e", "stellingen", "--group", "tafel 1", code=3)
    assert "heeft geen groep 'tafel 1' meer (verwijderd in een andere terminal)" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(cli("export", "--format", "json").stdout)["answers"] == []


def test_the_walk_follows_a_rename_made_while_it_asks(walk, cli, two_groups, monkeypatch):
    """Renamed while no answer is saved (the group thinks): the next item already asks for the new name's answers."""
    from tocht_cli.sessions import groups
    from tocht_cli.sessions.workspace import Workspace
    from tocht_cli.walk.guide import Walk

    come = Walk.follow
    items: list[str | None] = []

    def renamed_at_a2(walk, ex, item):
        items.append(item)
        if item == "A2":
            store = walk.ws.store
            groups.rename(Workspace(store, store.session(walk.ws.id), walk.ws.kits), "tafel 1", "tafel A")
        return come(walk, ex, item)

    monkeypatch.setattr(Walk, "follow", renamed_at_a2)
    room = Facilitator()
    room.begin()
    room.pick("eens", among=POSITIONS)  # A1
    room.keep()
    room.keep()
    room.pick("oneens", among=POSITIONS)  # A2, asked after the rename
    room.stop_with_ctrl_c()
    result = walk(room, "-e", "stellingen", "--group", "tafel 1", code=130)
    assert "'tafel 1' heet nu 'tafel A'" in result.stderr
    assert {item: v["position"] for item, v in values(cli, "statements", "tafel A").items()} == {"A1": "eens", "A2": "oneens"}


def test_a_bingo_cross_follows_the_group_renamed_before_it_is_saved(walk, cli, two_groups, monkeypatch):
    from tocht_cli.sessions import groups

    another_terminal_before_the_first_save(monkeypatch, lambda ws: groups.rename(ws, "tafel 1", "tafel A"), "transaction")
    room = Facilitator()
    room.begin()
    room.cross("bingo-1", "bingo-2", among=BINGO)
    room.card_done()
    room.stop_with_ctrl_c()
    result = walk(room, "--group", "tafel 1", code=130)
    assert result.stderr.count("'tafel 1' heet nu 'tafel A'") == 1
    assert values(cli, "bingo", "tafel A") == {"bingo-1": {"crossed": True}, "bingo-2": {"crossed": True}}
    assert "tafel 1" not in {doc["group"] for doc in json.loads(cli("export", "-f", "json").stdout)["answers"]}


LONG_ARGUMENT = "Dit is een heel lang argument over hoe de cultuurcentra samen met de gezelschappen een nieuwe weg vinden in de regio"


def test_a_long_typed_answer_is_echoed_under_its_question_broken_between_words(walk, cli, session, monkeypatch):
    """prompt_toolkit's own echo broke a long answer wherever the line ended ("gezel" / "schappen")."""
    monkeypatch.setenv("COLUMNS", "80")
    room = Facilitator()
    room.begin()
    room.pick("eens", among=POSITIONS)  # A1
    room.keep()  # no hands
    room.answer(LONG_ARGUMENT)
    room.stop_with_ctrl_c()  # at A2
    lines = walk(room, "-e", "stellingen", code=130).stdout.splitlines()
    at = lines.index("? Belangrijkste argumenten")
    assert [line.strip() for line in lines[at + 1 : at + 3]] == [
        "Dit is een heel lang argument over hoe de cultuurcentra samen met de",
        "gezelschappen een nieuwe weg vinden in de regio",
    ]
    assert all(line.startswith("  ") and len(line) <= 80 for line in lines[at + 1 : at + 3])
    assert "? Wat is het standpunt van de groep? eens" in lines  # a short answer stays on its question's line


def test_a_steer_typed_at_a_text_prompt_leaves_no_answer_line(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.pick("eens", among=POSITIONS)  # A1
    room.keep()  # no hands
    room.slash("o")  # the argument: skipped
    room.stop_with_ctrl_c()  # at A2
    screen = Terminal(80, 30)
    result = walk(room, "-e", "stellingen", code=130, screen=screen)
    assert "argumenten /o" not in screen.frames[-1]  # the prompt as it was left
    assert "argumenten" not in result.stdout


def test_going_on_without_a_criterions_status_goes_on_to_the_next_criterion(walk, cli, session):
    """ "verder zonder antwoord" at a criterion's status: its "Hoe?" is not asked."""
    room = Facilitator()
    room.begin()
    room.no_more()  # no alliances
    room.keep()  # with whom: none ticked
    room.keep()  # no own entries
    room.keep()  # nature: none ticked
    room.keep()  # no own entries
    room.no_answer()  # crit-1's status
    room.pick("aanwezig", among=CHECKLIST_STATUSES)  # crit-2's
    room.answer("al bezig")
    room.stop_with_ctrl_c()
    walk(room, "-e", "allianties", code=130)
    got = values(cli, "alliances")
    assert "crit-1" not in got and got["crit-2"] == {"status": "aanwezig", "how": "al bezig"}


def test_back_from_the_first_step_asks_the_plans_header_again_last_question_first(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.answer("de schepen van cultuur")  # with whom
    room.answer("Gent")  # in which municipality
    room.slash("terug")  # stap-1's action: back to the municipality, not out of the exercise
    room.erase("Gent")
    room.answer("Brussel")
    room.answer("koffie drinken")  # stap-1's action again
    room.stop_with_ctrl_c()
    walk(room, "-e", "stappenplan", code=130)
    got = values(cli, "steps")
    assert got["_"] == {"whom": "de schepen van cultuur", "municipality": "Brussel"}
    assert got["stap-1"]["action"] == "koffie drinken"


def test_back_from_the_first_criterion_steps_back_through_the_lists_one_question_at_a_time(walk, cli, session):
    nature = [option.id for option in KIT.exercise("allianties").spec.options("nature")]
    room = Facilitator()
    room.begin()
    room.no_more()  # no existing alliance
    room.tick("met-1", among=ALLY_WITH)
    room.keep()  # no own entries
    room.keep()  # nature: none ticked
    room.keep()  # no own entries
    room.back(among=CHECKLIST_STATUSES, unanswered=True)  # crit-1: back to the nature's own entries
    room.back()  # ... and from there to the nature's ticks
    room.tick("aard-2", among=nature)
    room.answer("samen repeteren")  # the nature's own entries
    room.pick("deels", among=CHECKLIST_STATUSES)  # crit-1
    room.stop_with_ctrl_c()
    walk(room, "-e", "allianties", code=130)
    got = values(cli, "alliances")
    assert got["_"]["with"] == ["met-1"] and got["_"]["nature"] == ["aard-2"] and got["_"]["nature_own"] == ["samen repeteren"]
    assert got["crit-1"]["status"] == "deels"


def test_back_from_a_rows_question_returns_to_the_challenges_menu(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.choose("toevoegen", among=ROW_ACTIONS[:1] + ROW_ACTIONS[3:])
    room.answer("Jongeren bereiken")
    room.slash("terug")  # its regional chance: back to the menu, not to the exercise before
    room.choose("klaar", among=ROW_ACTIONS)
    result = walk(room, "-e", "regio")
    assert values(cli, "challenges")["_"]["rows"] == [{"challenge": "Jongeren bereiken", "regional": ""}]
    assert "╭─ T5 · Nieuwe allianties" not in result.stdout  # its intro panel


def test_back_from_the_vocabularys_words_goes_to_the_last_functions_questions(walk, cli, session):
    functions = KIT.exercise("vocabularium").spec.functions
    room = Facilitator()
    room.begin()
    for _ in functions:
        room.keep()  # nothing ticked: no "how?"
    room.slash("terug")  # the words: back to the last function, not to the next function's start
    room.tick("cultuurspreiding", among=TASKS)
    room.answer("samen")
    room.stop_with_ctrl_c()  # at the words again
    walk(room, "-e", "vocabularium", code=130)
    assert values(cli, "vocabulary")[functions[-1].id] == {"tasks": ["cultuurspreiding"], "how": "samen"}


def test_a_half_answered_item_says_no_answered_already_at_its_open_question(walk, cli, session):
    """Role 1 has today only: the walk asks tomorrow, without "al beantwoord: programmator" (today's holder)."""
    cli("roles", "set", "1", "--now", "programmator")
    room = Facilitator()
    room.begin()
    room.pick("samen", among=HOLDERS)  # rol-1's tomorrow
    room.stop_with_ctrl_c()
    shown = " ".join(walk(room, "-e", "rollen", code=130).stdout.split())
    assert "al beantwoord" not in shown
    got = values(cli, "roles")["rol-1"]
    assert got["now"] == "programmator" and got["future"] == "samen"


def test_back_from_an_exercises_first_question_lands_on_the_previous_exercises_last_item(walk, cli, session):
    """/t at T4's "Bij wie?" goes to T3's role 9 (its last item), not to T3's opening screen."""
    room = Facilitator()
    room.begin()  # stappenplan
    room.slash("terug")  # at its first question
    room.stop_with_ctrl_c()  # at role 9's first question
    shown = walk(room, "-e", "stappenplan", code=130).stdout
    assert "9  " + KIT.exercise("rollen").spec.tasks[-1].text in shown
    assert shown.count(KIT.label("ready")) == 1  # only T4's: T3 is come back to, not begun


def test_back_from_the_first_statement_returns_to_the_bingo_card_itself(walk, cli, session):
    """/t at A1 gives the card again (a cross made there is saved), not the bingo's "ready to begin?"."""
    cli("bingo", "cross", "4")
    room = Facilitator()
    room.begin()  # stellingen, where the walk resumes
    room.back(among=POSITIONS, unanswered=True)  # A1
    room.cross("bingo-2", among=BINGO)
    room.card_done()
    room.stop_with_ctrl_c()  # at stellingen's intro again
    walk(room, code=130)
    assert values(cli, "bingo")["bingo-2"] == {"crossed": True}


def test_the_vocabulary_asks_no_how_when_no_task_is_linked(walk, cli, session):
    """ "geen" ticked, or Enter on nothing ticked: straight on to the next function."""
    how = KIT.exercise("vocabularium").spec.how
    room = Facilitator()
    room.begin()
    room.tick(NONE, among=TASKS_OR_NONE)  # ontwikkeling
    room.keep()  # productie: nothing ticked
    room.stop_with_ctrl_c()  # at presentatie's ticks
    shown = walk(room, "-e", "vocabularium", code=130).stdout
    assert how not in shown
    assert values(cli, "vocabulary")["ontwikkeling"]["tasks"] == []


def test_a_roles_answers_of_last_time_are_shown_never_recorded_with_enter(walk, cli, session):
    """In a follow-up a role's holders and note of last time read above their questions ("vorige keer:
    programmator"); Enter through them records nothing: who holds a role is what this meeting says."""
    cli("roles", "set", "1", "--now", "programmator", "--future", "samen", "--no-double", "--note", "oude notitie")
    cli("new", "Vervolg", "--from", session)
    room = Facilitator()
    room.begin()
    room.sees("verder zonder antwoord")
    room.no_answer()  # today
    room.no_answer()  # tomorrow
    room.no_answer()  # double
    room.sees("(Enter: leeg laten)")
    room.keep()  # the note: empty
    room.stop_with_ctrl_c()
    said = walk(room, "-e", "rollen", code=130, screen=Terminal(120, 30)).stdout
    assert "vorige keer: programmator\n?" in said and "vorige keer: oude notitie\n?" in said
    assert values(cli, "roles") == {}


def test_too_many_hands_are_refused_as_too_many(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.pick("eens", among=POSITIONS)  # A1
    room.answer("999999 0 0")
    room.sees("hoogstens 100000 per getal")
    room.erase("999999 0 0")
    room.answer("5 2 0")
    room.stop_with_ctrl_c()
    walk(room, "-e", "stellingen", code=130, screen=Terminal(80, 30))
    assert values(cli, "statements")["A1"]["counts"] == {"eens": 5, "oneens": 2, "twijfel": 0}


def test_the_answered_notice_keeps_a_key_and_its_word_on_one_line():
    from tocht_cli.walk.guide import NBSP, together

    lines = together("al beantwoord: eens — Enter houdt het · /v" + NBSP + "volgende" + NBSP + "open vraag", 46).splitlines()
    assert lines == ["al beantwoord: eens — Enter houdt het ·", "/v volgende open vraag"]


def test_the_words_question_counts_in_words(walk, cli, session):
    room = Facilitator()
    room.begin()
    for _ in range(5):
        room.keep()  # nothing ticked
    room.stop_with_ctrl_c()  # at the first word
    shown = walk(room, "-e", "vocabularium", code=130).stdout
    assert "Woord 1: Welk woord stellen jullie voor? (leeg laten om verder te gaan)" in shown and "[0]" not in shown
    assert ") (" not in shown  # the number never a second bracket after the kit's own


def test_a_choice_too_long_for_the_line_ends_in_an_ellipsis():
    from tocht_cli.walk.guide import cut

    assert cut("1. weinig zichtbaarheid van de theatervoorstellingen in de regio", 40) == "1. weinig zichtbaarheid van de theaterv…"
    assert cut("1. kort", 40) == "1. kort"


def test_a_follow_ups_regional_rows_of_last_time_are_taken_over_only_when_the_group_says_so(walk, cli, session):
    """Shown marked "(vorige keer)", then asked (no default): taken over, or this meeting starts empty."""
    cli("challenges", "add", "Meer jongeren bereiken", "--regional", "regionale jeugdwerking")
    cli("new", "Vervolg", "--from", session)  # now the current session
    for answer, kept in (
        ("leeg beginnen", []),
        ("overnemen", [{"challenge": "Meer jongeren bereiken", "regional": "regionale jeugdwerking"}]),
    ):
        room = Facilitator()
        room.begin()
        room.choose(answer, among=["leeg beginnen", "overnemen"])
        room.choose("klaar", among=ROW_ACTIONS[:1] + ROW_ACTIONS[3:] if not kept else ROW_ACTIONS)
        shown = " ".join(walk(room, "-e", "regio").stdout.split())
        assert "1. Meer jongeren bereiken — regionale jeugdwerking (vorige keer)" in shown
        assert "Deze rij van vorige keer overnemen?" in shown  # one row: said as one, never "Deze 1"
        assert values(cli, "challenges").get("_", {}).get("rows", []) == kept


def test_a_follow_ups_alliances_of_last_time_are_not_saved_by_entering_the_exercise(walk, cli, session):
    """Shown marked "(vorige keer)" and asked; Enter alone (on "leeg beginnen") takes nothing over."""
    cli("alliances", "add", "Academie", "--purpose", "samen lesgeven")
    cli("alliances", "add", "Bib", "--purpose", "leesclub")
    cli("new", "Vervolg", "--from", session)
    room = Facilitator()
    room.begin()
    room.keep()  # the pointer is on "leeg beginnen"
    room.stop_with_ctrl_c()
    shown = " ".join(walk(room, "-e", "allianties", code=130).stdout.split())
    assert "1. Academie — samen lesgeven (vorige keer)" in shown
    assert "Deze 2 allianties van vorige keer overnemen?" in shown
    assert "existing" not in values(cli, "alliances").get("_", {})


def test_an_item_left_empty_keeps_what_a_phone_saved_while_it_was_asked(run, cli, session):
    """The walk asked T1b's 'productie' with nothing linked; a table's phone linked two tasks meanwhile;
    Enter on the empty prompt (no task ticked, no "how") erases nothing (room trial, issue 18)."""
    from tocht_cli.walk.guide import Walk

    ws = run.workspace(None)
    walk = Walk(ws, ws.groups[0])
    ex = ws.kit.exercise("vocabularium")
    assert walk.value(ex, "productie")["tasks"] is None  # the prompt shows nothing linked
    cli("vocabulary", "link", "productie", "1", "gemeenschapsvorming", "--how", "via de school")  # the phone
    walk.save(ex, "productie", {"tasks": None, "how": ""})
    assert values(cli, "vocabulary")["productie"] == {"tasks": ["cultuurspreiding", "gemeenschapsvorming"], "how": "via de school"}
    ws.forget()
    walk.own(ex, "productie")  # shown again, as the phone left it
    walk.save(ex, "productie", {"tasks": []})  # "none of them", chosen: an answer, written
    assert values(cli, "vocabulary")["productie"]["tasks"] == []


@pytest.mark.parametrize(("choice", "kept"), [(False, ["cultuurspreiding", "gemeenschapsvorming"]), (True, ["cultuurparticipatie"])])
def test_a_box_ticked_in_the_walk_over_what_a_phone_saved_meanwhile_asks_which_stays(run, cli, session, capsys, choice, kept):
    """The walk showed 'productie' unlinked; a phone linked two tasks; the terminal then ticks another: the
    phone's answer is not replaced silently, the walk shows both and asks (room trial, issue 18)."""
    from tocht_cli.walk.guide import Walk

    ws = run.workspace(None)
    walk = Walk(ws, ws.groups[0])
    ex = ws.kit.exercise("vocabularium")
    walk.value(ex, "productie")
    cli("vocabulary", "link", "productie", "1", "gemeenschapsvorming")  # the phone
    asked = []
    walk.select = lambda message, choices, **_: asked.append((message, choices)) or choices[int(choice)][1]  # type: ignore[method-assign]
    walk.save(ex, "productie", {"tasks": ["cultuurparticipatie"]})
    assert values(cli, "vocabulary")["productie"]["tasks"] == kept
    assert asked and asked[0][0] == "Welk antwoord blijft?"
    said = " ".join(capsys.readouterr().out.split())
    assert "cultuurspreiding" in said and "cultuurparticipatie" in said  # both sides shown


def test_at_80_by_24_a_typed_number_shows_the_suggestions_it_points_at_under_the_question(walk, cli, session):
    """The trial's T6: the 45 suggestions scrolled off the top at 80x24 before anyone could read them.
    Typing "3" shows 3 and 30–39 under the question, "37" the one it picks; Enter takes it."""
    suggestions = KIT.exercise("regio").spec.suggestions
    room = Facilitator()
    room.begin()
    room.choose("toevoegen", among=ROW_ACTIONS[:1] + ROW_ACTIONS[3:])
    room.keys += "3"
    room.sees(f"  39. {suggestions[38].text[:30]}")
    room.answer("7")
    room.keep()  # no regional answer
    room.choose("klaar", among=ROW_ACTIONS)
    screen = Terminal(80, 24)
    walk(room, "-e", "regio", screen=screen)
    listed = screen.first_with(f"  39. {suggestions[38].text[:30]}")
    assert f"  30. {suggestions[29].text[:30]}" in listed and f"   3. {suggestions[2].text[:30]}" in listed
    assert f"  37. {suggestions[36].text[:30]}" in listed and "  4. " not in listed.split("(nummer of eigen woorden)")[-1]
    assert [r["challenge"] for r in values(cli, "challenges")["_"]["rows"]] == [suggestions[36].text]


def test_a_refused_answer_is_selected_so_one_backspace_or_typing_replaces_it(walk, cli, session):
    """The trial: "misschien" refused at the hands, the refused text stayed and retyping ran on after it.
    It is shown selected: one Backspace clears it (the hands then typed anew are taken), and so does typing."""
    from tests.helpers.facilitator import BACKSPACE

    room = Facilitator()
    room.begin()
    room.pick("eens", among=POSITIONS)  # A1
    room.answer("zes")  # short enough to stay on the question's line at 80 columns, beside "(bv. 5 2 1; Enter: geen)"
    room.sees("3 aantallen handen")
    room.keys += BACKSPACE
    room.answer("4 1 1")
    room.keep()  # no argument
    room.pick("oneens", among=POSITIONS)  # A2
    room.answer("zes")
    room.sees("3 aantallen handen")
    room.answer("2 3 1")
    room.stop_with_ctrl_c()  # at the argument
    screen = Terminal(80, 30)
    walk(room, "-e", "stellingen", code=130, screen=screen)
    assert values(cli, "statements")["A1"]["counts"] == {"eens": 4, "oneens": 1, "twijfel": 1}
    assert values(cli, "statements")["A2"]["counts"] == {"eens": 2, "oneens": 3, "twijfel": 1}
    assert "reverse" in screen.first_with("3 aantallen handen").styles_of("zes")


def test_a_question_longer_than_the_line_breaks_between_words_at_80_columns(walk, cli, session):
    """The trial's follow-up: "(vorige keer: kennismakingsavond met de schepen organise / ren — …)"; a
    question with last time's answer in it breaks between words, as every other line does."""
    cli("steps", "set", "1", "--action", "kennismakingsavond met de schepen organiseren")
    cli("new", "Vervolg", "--from", session)
    room = Facilitator()
    room.begin()
    room.keep()  # bij wie
    room.keep()  # welke gemeente
    room.sees("Enter: overnemen")
    room.stop_with_ctrl_c()
    screen = Terminal(80, 30)
    walk(room, "-e", "stappenplan", code=130, screen=screen)
    asked = str(screen.first_with("Enter: overnemen"))
    assert "organiseren" in asked and "schepen\n" in asked


def test_a_ctrl_c_at_the_hands_resumes_at_that_statement(walk, cli, session):
    """The position saved made A1 complete; the walk was stopped at its hands: the next walk (and `tocht`) resume at A1."""
    room = Facilitator()
    room.begin()
    room.pick("eens", among=POSITIONS)  # A1
    room.stop_with_ctrl_c()  # at the hands
    walk(room, "-e", "stellingen", code=130)
    said = cli().stderr
    assert "resumes at T1a · Stellingenspel" in said and "· A1)" in said  # the item `run` goes to, not the bingo card
    again = Facilitator()
    again.sees("standpunt")
    again.keep()  # A1's position kept (Enter)
    again.sees("Hoeveel handen")
    again.answer("4 1 1")
    again.stop_with_ctrl_c()  # at the argument
    said = walk(again, code=130, screen=Terminal(80, 30)).stdout
    assert "A1" in said.split("Wat is het standpunt")[0]
    assert values(cli, "statements")["A1"]["counts"] == {"eens": 4, "oneens": 1, "twijfel": 1}


def test_a_step_left_without_an_action_asks_nothing_more_of_it(walk, cli, session):
    """No action, no step: Enter on an empty action goes on to the next step, not to who, when and its status."""
    room = Facilitator()
    room.begin()
    room.answer("de schepen")  # whom
    room.answer("Asse")  # municipality
    room.no_more()  # stap-1: no action
    room.answer("koffie drinken")  # stap-2's action, asked next
    room.stop_with_ctrl_c()  # at stap-2's who
    said = walk(room, "-e", "stappenplan", code=130).stdout
    got = values(cli, "steps")
    assert "stap-1" not in got and got["stap-2"]["action"] == "koffie drinken"
    assert said.count("Wie?") <= 1  # asked of stap-2 only (its prompt is where the walk stopped)


def test_in_a_follow_up_the_jump_list_keeps_the_kits_numbers(walk, cli):
    """The follow-up round comes first but has no number of the kit's: "1" in the jump list is T0 · Bingo, as `tocht` numbers it."""
    march = cli("new", "Maart", "-g", "tafel 1").stdout.strip()
    cli("steps", "set", "1", "--action", "Schepen uitnodigen", "--status", "bezig")
    cli("new", "Juni", "--from", march)
    assert "│ 1 │ T0 · Bingo" in cli().stdout
    room = Facilitator()
    room.begin()  # the follow-up round
    room.jump()  # from its first question
    room.keys += "1" + ENTER  # the digit as `tocht` shows it
    room.stop_with_ctrl_c()
    assert "? Naar welke oefening? T0 · Bingo\n" in walk(room, code=130).stdout


def test_a_number_typed_on_the_bingo_card_points_at_its_cell_as_a_digit_does_in_a_select(walk, cli, session):
    """Digits point, as in every select (then Space crosses, as Enter confirms a choice): "3" is cell 3, "1" "0" cell 10."""
    room = Facilitator()
    room.begin()
    room.keys += "3" + " " + "10" + " " + "2" + "7"  # 2 then 7 (no cell 27): the pointer on 7
    room.keys += " "
    room.card_done()
    room.stop_with_ctrl_c()  # at the statements' intro
    walk(room, "-e", "bingo", code=130)
    assert values(cli, "bingo") == {"bingo-3": {"crossed": True}, "bingo-7": {"crossed": True}, "bingo-10": {"crossed": True}}


def test_a_new_sessions_long_questions_break_between_words(keyed, monkeypatch):
    """Seen in the terminal trial at 80 columns: "(Enter: geen opgege / ven):" (prompt_toolkit breaks mid-word)."""
    monkeypatch.setenv("COLUMNS", "80")
    room = Facilitator()
    room.answer("Test")  # the session's name: a fresh database has none
    room.answer("tafel nummer een")
    room.sees("Organisaties")
    room.answer("")
    room.answer("")
    room.stop()  # at the kit's letter
    screen = Terminal(80, 30)
    keyed(room.keys, "run", screen=screen)
    asked = str(screen.first_with("Organisaties"))
    assert "geen\nopgegeven):" in asked or "geen opgegeven):" in asked, asked


@pytest.mark.parametrize(("exercise", "count"), [("vocabularium", "0/6"), ("allianties", "0/15"), ("regio", "0/10")])
def test_an_exercises_opening_counts_as_its_kind_does(cli, walk, exercise, count):
    """The review: the opening's count took a follow-up round's rule for every kind whose total is not its
    number of items, and said "0/0" for the challenges' ten rows."""
    cli("new", "Telling", "-g", "tafel 1")
    room = Facilitator()
    room.sees("Klaar om te beginnen?")
    room.stop()
    assert f"tafel 1 · {count}" in walk(room, "-e", exercise).stdout
