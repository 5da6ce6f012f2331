"""Property-based tests: random sessions built through the public commands survive export → import → export.

Every example gets a database of its own (`--db` in a fresh temp folder on every
call), so examples never see each other's sessions. The `cli` fixture is
function-scoped and therefore shared by all examples of one test; that is safe
here because it only wraps a stateless CliRunner, and the autouse `isolated_db`
fixture's TOCHT_DB is overridden by `--db` on every call. Hence the
function_scoped_fixture health check is suppressed deliberately.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from tests.helpers.examples import examples
from tocht_cli.base.text import clean

# TOCHT_EXAMPLES=1000 for a longer hunt (tests/helpers/examples.py: CI tries 40)
SETTINGS = settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def mostly(valid: st.SearchStrategy, invalid: st.SearchStrategy, odds: int = 8) -> st.SearchStrategy:
    """`valid`, and one time in `odds` `invalid` (shrinking goes towards the valid side)."""
    return st.tuples(st.integers(0, odds - 1), valid, invalid).map(lambda t: t[2] if t[0] == odds - 1 else t[1])


# -- text ---------------------------------------------------------------------

SPECIALS = (
    list("éëïÉËÏĳçôà")  # Dutch diacritics
    + ["🎭", "🙂", "👩\u200d👩\u200d👧", "🇧🇪", "1\ufe0f\u20e3"]  # emoji, ZWJ sequences, flags, keycaps
    + list("|<>*_`#[]\\&$^@~{}!-+.")  # what Markdown, HTML and pandoc would parse
    + [" ", "  ", "\t", "\n", "\r\n", "\r", "\u00a0", "\u2003"]  # whitespace
    + ["\u200b", "\u200d", "\ufeff", "\u202e", "\u2066"]  # zero-width and bidi
    + ["\x1b[31m", "\x1b]0;x\x07", "\x00", "\x7f", "\x85", "\x9b2J"]  # what a terminal would execute
    + ["<br>", "<script>", "| --- |", "# kop", "**vet**", "[a](b)", "&amp;", "\\|"]
)
WORDS = ["tafel", "één", "Stellingen", "CC Strombeek", "naïef", "Groep", "café", "ijsje", "x"]
any_char = st.characters(blacklist_categories=("Cs",))  # lone surrogates cannot come through argv
piece = st.one_of(st.sampled_from(SPECIALS), st.sampled_from(WORDS), st.text(alphabet=any_char, max_size=4))
short_text = st.lists(piece, max_size=8).map("".join)
# now and then a text around the 4000-character limit of answers
long_text = st.builds(lambda n, ch: ch * n, st.sampled_from([3999, 4000, 4001, 4100]), st.sampled_from(["é", "a", "🎭", " "]))
answer_text = mostly(short_text, long_text, odds=10)

# a name with something visible in it, dressed up with specials on either side
named = st.builds(
    lambda a, core, b: a + core + b,
    short_text,
    st.one_of(st.sampled_from(WORDS), st.text(alphabet=st.characters(categories=("L", "N", "S")), min_size=1, max_size=6)),
    short_text,
)


def _group_key(name: str) -> str:
    """How tocht tells two groups apart: cleaned, case-folded."""
    return clean(name).casefold()


groups_strategy = st.lists(named, min_size=1, max_size=4, unique_by=_group_key)

# -- recording commands ---------------------------------------------------------
# A command is a list of argv parts; GROUP becomes `--group=NAME` with one of the session's groups.

GROUP = object()

POSITIONS = ["eens", "oneens", "twijfel"]
HOLDERS = ["programmator", "kunstenaar", "samen", "niemand"]
STEP_STATUSES = ["gepland", "bezig", "gedaan"]
CHECK_STATUSES = ["aanwezig", "deels", "nog niet"]
STATEMENTS = [f"A{n}" for n in range(1, 9)] + [f"B{n}" for n in range(1, 8)]


def choice(valid: list[str], invalid: list[str]) -> st.SearchStrategy[str]:
    """Mostly a valid label, sometimes one tocht must refuse."""
    return mostly(st.sampled_from(valid), st.sampled_from(invalid))


def number(low: int, high: int, prefix: str | None = None) -> st.SearchStrategy[str]:
    """An item number (or id), sometimes out of range."""
    valid = st.integers(low, high).map(str)
    if prefix:
        valid = st.one_of(valid, st.integers(low, high).map(lambda n: f"{prefix}{n}"))
    return mostly(valid, st.sampled_from([str(low - 1), str(high + 1), "x", "-1"]), odds=12)


def opt(name: str, value: st.SearchStrategy) -> st.SearchStrategy[list[str]]:
    """`--name=VALUE` or nothing (the = form keeps a value starting with '-' a value)."""
    return st.one_of(st.just([]), value.map(lambda v: [f"{name}={v}"]))


def command(head: list[str], options: list[st.SearchStrategy[list[str]]], positional: st.SearchStrategy[list[str]]):
    def build(opts, pos):
        return [*head, GROUP, *[part for o in opts for part in o], "--", *pos]

    return st.builds(build, st.tuples(*options) if options else st.just(()), positional)


def one(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return strategy.map(lambda v: [v])


hands = st.integers(0, 12).map(str)
dates = st.one_of(st.dates().map(lambda d: d.isoformat()), st.sampled_from(["2018-03-01", "2018-02-30", "1-3-2018", ""]))

RECORDING = st.one_of(
    command(["bingo", "cross"], [], st.lists(number(1, 25, "bingo-"), min_size=1, max_size=5)),
    command(
        ["statements", "vote"],
        [
            opt("--position", choice(POSITIONS, ["misschien", "", "EENS", "eens "])),
            opt("--agree", hands),
            opt("--disagree", hands),
            opt("--unsure", hands),
            opt("--count", st.builds(lambda p, n: f"{p}={n}", choice(POSITIONS, ["nee"]), hands)),
            opt("--note", answer_text),
            opt("--origin", choice(["hands", "paper"], ["phones", "Papier", ""])),  # where the hands came from
        ],
        one(choice(STATEMENTS, ["A9", "C1", "a3"])),
    ),
    command(
        ["vocabulary", "link"],
        [opt("--how", answer_text), st.sampled_from([[], [], ["--none"]])],
        st.builds(
            lambda f, ts: [f, *ts],
            number(1, 5),
            st.lists(st.one_of(number(1, 3), st.sampled_from(["cultuurspreiding", "gemeenschapsvorming"])), max_size=3),
        ),
    ),
    command(["vocabulary", "add-word"], [], one(answer_text)),
    command(
        ["roles", "set"],
        [
            opt("--now", choice(HOLDERS, ["iedereen"])),
            opt("--future", choice(HOLDERS, ["iedereen"])),
            st.sampled_from([[], ["--double"], ["--no-double"]]),
            opt("--note", answer_text),
        ],
        one(number(1, 9, "rol-")),
    ),
    command(
        ["steps", "set"],
        [opt("--action", answer_text), opt("--who", answer_text), opt("--by", dates), opt("--status", choice(STEP_STATUSES, ["klaar"]))],
        one(number(1, 6, "stap-")),
    ),
    command(["steps", "target"], [opt("--whom", answer_text), opt("--municipality", answer_text)], st.just([])),
    command(["alliances", "add"], [opt("--purpose", answer_text)], one(answer_text)),
    command(["alliances", "with"], [opt("--own", answer_text)], st.lists(number(1, 8, "met-"), max_size=3)),
    command(["alliances", "nature"], [opt("--own", answer_text)], st.lists(number(1, 8, "aard-"), max_size=3)),
    command(
        ["checklist", "set"],
        [opt("--status", choice(CHECK_STATUSES, ["misschien"])), opt("--how", answer_text)],
        one(number(1, 12, "crit-")),
    ),
    command(
        ["challenges", "add"],
        [opt("--suggestion", number(1, 22, "uit-")), opt("--regional", answer_text)],
        mostly(one(answer_text), st.just([]), odds=4),
    ),
    command(["challenges", "edit"], [opt("--challenge", answer_text), opt("--regional", answer_text)], one(number(1, 3))),
)
TAKING_BACK = st.one_of(
    command(["bingo", "uncross"], [], st.lists(number(1, 25, "bingo-"), min_size=1, max_size=3)),
    command(["statements", "clear"], [], one(choice(STATEMENTS, ["Z9"]))),
    command(["vocabulary", "unlink"], [], one(number(1, 5))),
    command(["vocabulary", "remove-word"], [], one(number(1, 4))),
    command(["roles", "clear"], [], one(number(1, 9, "rol-"))),
    command(["steps", "clear"], [], one(number(1, 6, "stap-"))),
    command(["alliances", "remove"], [], one(number(1, 3))),
    command(["checklist", "clear"], [], one(number(1, 12, "crit-"))),
    command(["challenges", "remove"], [], one(number(1, 3))),
)
COMMANDS = mostly(RECORDING, TAKING_BACK, odds=6)

sessions = st.fixed_dictionaries(
    {
        "name": named,
        "groups": groups_strategy,
        "details": st.tuples(
            opt("--place", short_text), opt("--facilitator", short_text), opt("--date", mostly(st.dates().map(str), st.just("2017-09-31")))
        ),
        "commands": st.lists(st.tuples(st.integers(0, 3), COMMANDS), min_size=4, max_size=30),
        # who sat at a table: its organisations, how many people (beyond the limit now and then)
        "seats": st.lists(
            st.tuples(st.integers(0, 3), st.lists(named, max_size=3), st.one_of(st.none(), st.integers(0, 10_001))), max_size=3
        ),
    }
)


def seat_args(group: str, organisations: list[str], people: int | None) -> list[str]:
    """`tocht group edit` saying who sits at `group`."""
    said = [f"--org={o}" for o in organisations] + ([] if people is None else [f"--people={people}"])
    return ["group", "edit", group, *said]


# -- helpers --------------------------------------------------------------------


def no_traceback(result, argv) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, (argv, result.stderr)


def run_in(cli, db: Path):
    """`tocht --db DB ARGS` in-process; every call on this example's own database."""

    def call(*args: str, codes: tuple[int, ...] = (0,)):
        argv = ["--db", str(db), *args]
        result = cli(*argv, ok=False)  # the fixture itself fails on an uncaught exception
        no_traceback(result, argv)
        assert result.exit_code in codes, (argv, result.exit_code, result.stdout, result.stderr)
        return result

    return call


def without_id(doc: dict) -> dict:
    doc = json.loads(json.dumps(doc))
    del doc["session"]["id"]
    return doc


# -- the round trip ---------------------------------------------------------------


@SETTINGS
@given(session=sessions)
def test_export_import_export_is_identical(cli, session):
    with tempfile.TemporaryDirectory(prefix="tocht-rt-") as folder:
        tmp = Path(folder)
        tocht = run_in(cli, tmp / "tocht.json")
        group_args = [f"--group={g}" for g in session["groups"]]
        details = [part for option in session["details"] for part in option]
        made = tocht("new", "--json", *group_args, *details, "--", session["name"], codes=(0, 2))
        assume(made.exit_code == 0)  # a name, group or detail tocht refuses (exit 2) makes no session to test
        record = json.loads(made.stdout)
        source_id, groups = record["id"], record["groups"]

        refused = 0
        for index, argv in session["commands"]:
            group = groups[index % len(groups)]
            refused += tocht(*[f"--group={group}" if part is GROUP else part for part in argv], codes=(0, 2)).exit_code == 2
        for index, organisations, people in session["seats"]:
            tocht(*seat_args(groups[index % len(groups)], organisations, people), codes=(0, 2))

        a_file, b_file = tmp / "A.json", tmp / "B.json"
        tocht("export", "-f", "json", "-o", str(a_file))
        a_doc = json.loads(a_file.read_text(encoding="utf-8"))
        assert a_doc["session"]["id"] == source_id and a_doc["session"]["name"] == record["name"]
        # see how rich the sessions are with `pytest --hypothesis-show-statistics`
        event(f"answers exported: {min(len(a_doc['answers']), 10)}{'+' if len(a_doc['answers']) >= 10 else ''}")
        event(f"commands refused: {'all' if refused == len(session['commands']) else 'some' if refused else 'none'}")
        event(f"tables seated: {len(a_doc['session'].get('attendance') or {})}")

        imported = json.loads(tocht("import", str(a_file), "--json", "--yes", f"--name={session['name']}").stdout)  # the same name again
        copy_id = imported["id"]
        assert copy_id != source_id
        tocht("export", copy_id, "-f", "json", "-o", str(b_file))
        b_doc = json.loads(b_file.read_text(encoding="utf-8"))
        assert b_doc["session"]["id"] == copy_id
        assert without_id(b_doc) == without_id(a_doc)

        # the readable summaries agree byte for byte, but for the id should it appear
        a_md = tocht("export", source_id).stdout.replace(source_id, "<ID>")
        b_md = tocht("export", copy_id).stdout.replace(copy_id, "<ID>")
        assert a_md == b_md


# -- session names from arbitrary text ------------------------------------------------

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
SEQUENCES = [
    "\x1b]0;x\x07",
    "\x1b[2J",
    "\x1b[31m",
    "\x1bP+q\x1b\\",
    "\x9b31m",
    "\x9d0;t\x9c",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u202e",
    "\r",
    "\x00",
    "\x7f",
    "\x85",
]
names = st.lists(st.one_of(st.text(), st.text(alphabet=st.characters(max_codepoint=0x9F)), st.sampled_from(SEQUENCES)), max_size=6).map(
    "".join
)


def shows_something(text: str) -> bool:
    return any(unicodedata.category(ch)[0] not in "CZ" for ch in text)


@SETTINGS
@given(name=names)
def test_a_session_name_is_stored_clean_or_refused(cli, name):
    with tempfile.TemporaryDirectory(prefix="tocht-name-") as folder:
        tocht = run_in(cli, Path(folder) / "tocht.json")
        made = tocht("new", "--", name, codes=(0, 2))
        listed = json.loads(tocht("list", "--json").stdout)
        if made.exit_code == 2:
            assert listed == [], "a refused name must change nothing"
            return
        assert len(listed) == 1
        stored = listed[0]["name"]
        assert not CONTROL.search(stored), ascii(stored)
        assert shows_something(stored), ascii(stored)
        assert stored == stored.strip(), ascii(stored)


# -- a session with a room: participants' votes and cards, tables renamed while it is open ----------------

BALLOTS = st.lists(
    st.one_of(
        st.tuples(
            st.just("vote"), st.integers(0, 5), st.integers(0, 3), st.sampled_from(STATEMENTS), st.sampled_from(POSITIONS), short_text
        ),
        st.tuples(st.just("cross"), st.integers(0, 5), st.integers(0, 3), st.integers(1, 25), st.booleans(), st.just("")),
        st.tuples(st.just("hide"), st.integers(0, 5), st.integers(0, 3), st.sampled_from(STATEMENTS), st.booleans(), st.just("")),
        st.tuples(st.just("propose"), st.integers(0, 5), st.integers(0, 3), st.integers(0, 4), st.just(True), st.just("")),
        st.tuples(st.just("support"), st.integers(0, 5), st.integers(0, 3), st.integers(0, 4), st.booleans(), st.just("")),
        st.tuples(st.just("merge"), st.just(0), st.just(0), st.integers(0, 4), st.integers(-1, 4), st.just("")),
        st.tuples(st.just("hide-entry"), st.just(0), st.just(0), st.integers(0, 4), st.booleans(), st.just("")),
    ),
    max_size=25,
)
# T6's room list (regio-room): proposals (a duplicate in other spacing, two of the report's suggestions)
ENTRIES = [
    "Een gedeelde kalender",
    "een gedeelde  kalender",
    "Mobiliteit",
    "Meer jongeren bereiken",
    "Het provinciaal bestuursniveau verdwijnt",
]
GROUP_CHANGES = st.lists(
    st.one_of(
        st.tuples(st.just("rename"), st.integers(0, 3), named),
        st.tuples(st.just("add"), st.just(0), named),
        st.tuples(st.just("remove"), st.integers(0, 3), st.just("")),
        st.tuples(st.just("seat"), st.integers(0, 3), named),  # an organisation sits there: it goes along when renamed
    ),
    max_size=4,
)
rooms = st.fixed_dictionaries({"groups": groups_strategy, "before": BALLOTS, "changes": GROUP_CHANGES, "after": BALLOTS})


def on_the_list(act: str):
    """A move on T6's room list, where the room is taken first: a phone proposing or supporting an entry, the
    facilitator merging one into another (-1: undone) or keeping one off the screen."""
    from tocht_cli.kinds.upvotes import entry_key

    def move(room, device, item: int, choice) -> None:
        round_ = room.kit.exercise("regio-room")
        room.goto(round_, "room")
        key = entry_key(ENTRIES[item])
        if act == "propose":
            room.keep_own(device, round_, "room", lambda v: {"up": [], **v, "proposed": [*(v.get("proposed") or []), ENTRIES[item]]})
        elif act == "support":
            room.keep_own(
                device, round_, "room", lambda v: {"proposed": [], **v, "up": [k for k in v.get("up") or [] if k != key] + [key] * choice}
            )
        elif act == "merge":
            room.merge(key, entry_key(ENTRIES[choice]) if choice >= 0 else "")
        else:
            room.hide_argument(key, choice)

    return move


LISTING = {act: on_the_list(act) for act in ("propose", "support", "merge", "hide-entry")}


def play(room, devices: dict[int, object], moves) -> None:
    """The phones' votes and crosses, each at the table its phone chose (by the name it had then), and the
    facilitator hiding their arguments."""
    from tocht_cli.room.live import Device, Refused

    for act, phone, table, item, choice, text in moves:
        device = devices.setdefault(phone, Device(f"{phone:024x}", room.groups[table % len(room.groups)]))
        device = Device(device.id, room.table(device.table))  # what the page does with the phone's cookie
        try:
            if act == "vote":
                ex = room.kit.exercise("stellingen")
                room.goto(ex, item)
                room.vote(device, ex, item, {"position": choice, "argument": text})
            elif act == "hide":  # the facilitator keeps this phone's argument off the screen, or shows it again
                room.goto(room.kit.exercise("stellingen"), item)
                room.hide_argument(device.id, choice)
            elif act in LISTING:
                LISTING[act](room, device, item, choice)
            else:
                room.cross(device, room.kit.exercise("bingo"), f"bingo-{item}", choice)
        except Refused:
            pass  # a table removed meanwhile, an argument the room refuses: nothing saved, as on the phone


@settings(SETTINGS, max_examples=examples(25))
@given(session=rooms)
def test_a_session_with_a_room_and_renamed_tables_exports_and_imports_identically(cli, session):
    from tocht_cli.cli.invocation import Invocation
    from tocht_cli.kinds.registry import installed
    from tocht_cli.room.keys import Keys
    from tocht_cli.room.live import Room

    with tempfile.TemporaryDirectory(prefix="tocht-rt-room-") as folder:
        tmp = Path(folder)
        tocht = run_in(cli, tmp / "tocht.json")
        made = tocht("new", "--json", *[f"--group={g}" for g in session["groups"]], "--", "Zaal", codes=(0, 2))
        assume(made.exit_code == 0)
        source_id = json.loads(made.stdout)["id"]
        here = Invocation(db=tmp / "tocht.json", find_kinds=installed)  # the run of the `--db` the commands are given
        room = Room(here.workspace(source_id), Keys.new())
        try:
            devices: dict[int, object] = {}
            play(room, devices, session["before"])
            for act, index, name in session["changes"]:
                groups = room.groups
                group = groups[index % len(groups)]
                args = {"rename": ["group", "rename", group, name], "add": ["group", "add", name], "seat": seat_args(group, [name], 3)}
                tocht(*args.get(act, ["group", "remove", group, "--yes"]), "-s", source_id, codes=(0, 2))
                room.follow()  # what its watcher does within a second
            play(room, devices, session["after"])
        finally:
            room.close()

        a_file, b_file = tmp / "A.json", tmp / "B.json"
        tocht("export", source_id, "-f", "json", "-o", str(a_file))
        a_doc = json.loads(a_file.read_text(encoding="utf-8"))
        assert {b["group"] for b in a_doc.get("ballots", [])} <= set(a_doc["session"]["groups"])
        event(f"room answers exported: {min(len(a_doc.get('ballots', [])), 10)}")
        event(f"arguments hidden: {min(sum(bool(b.get('hidden')) for b in a_doc.get('ballots', [])), 3)}")
        event(f"list entries merged: {min(len(a_doc.get('lists', {}).get('merged', {})), 2)}")
        event(f"tables seated: {len(a_doc['session'].get('attendance') or {})}")
        copy_id = json.loads(tocht("import", str(a_file), "--json", "--yes", "--name=Zaal").stdout)["id"]
        tocht("export", copy_id, "-f", "json", "-o", str(b_file))
        assert without_id(json.loads(b_file.read_text(encoding="utf-8"))) == without_id(a_doc)
        assert tocht("export", source_id).stdout.replace(source_id, "<ID>") == tocht("export", copy_id).stdout.replace(copy_id, "<ID>")
        assert json.loads(tocht("doctor", "--json").stdout)["healthy"]
