"""`tocht run`: lead the group through the kit, exercise by exercise, saving every answer at once."""

from __future__ import annotations

import shlex
import signal
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tocht_cli.base import i18n
from tocht_cli.base.errors import ExitCode, UsageError
from tocht_cli.base.i18n import N_, _
from tocht_cli.cli import options as o
from tocht_cli.cli import tab
from tocht_cli.cli.invocation import current
from tocht_cli.render import output
from tocht_cli.sessions import runtime

if TYPE_CHECKING:
    from collections.abc import Callable

    from tocht_cli.kinds.contract import Exercise, ExerciseKind
    from tocht_cli.room.serve import Running
    from tocht_cli.sessions.workspace import Workspace
    from tocht_cli.walk.guide import Walk
    from tocht_cli.walk.rounds import RoundRoom

DIRECT = N_(
    "record answers with the direct commands instead, e.g. `tocht bingo cross 3 7`, "
    "`tocht statements vote A3 --position eens`, `tocht roles set 4 --now programmator`; see `tocht --help`"
)


def run(
    session: Annotated[
        str | None,
        o.session_argument(N_("Short id or part of the name (default: current; asks for a name when there is none).")),
    ] = None,
    exercise: Annotated[
        str | None,
        o.exercise(N_("Start at this exercise (id or number).")),
    ] = None,
    groups: Annotated[
        list[str] | None,
        typer.Option("--group", "-g", metavar=N_("GROUP"), help=N_("The group (table) answering."), autocompletion=tab.groups),
    ] = None,
    session_option: o.Session = None,
    room: Annotated[
        bool, typer.Option("--room", help=N_("Open the session's room too (see `tocht room`): the screen and the phones follow the walk."))
    ] = False,
    host: o.RoomHost = None,
    port: o.RoomPort = None,
    min_votes: o.MinVotes = None,
    origin: o.CountsOrigin = o.Origin.hands,
) -> None:
    session = o.one_session(session, session_option)
    group = _one_table(groups)
    if min_votes is not None and not room:
        raise UsageError(_("--min-votes goes with --room: it is what the room's screen hides"))
    runtime.require_terminal("tocht run", _(DIRECT))
    from tocht_cli.walk import guide as nav

    ws = _open_or_create(session, group)
    ws.origin = origin.value  # a worksheet typed in afterwards: its counts say they came from paper
    resume = f"tocht run {ws.id}" + (" --origin paper" if origin is o.Origin.paper else "")
    w = None
    running = None
    terminate = signal.signal(signal.SIGTERM, _interrupt)
    try:
        g = ws.group(group) if group or len(ws.groups) == 1 else _pick_group(ws)
        if room:
            from tocht_cli.room import console, serve

            ws.keep_min_votes(min_votes)
            running = serve.start(ws, host, port)
            output.draw_above(console.above_prompt)  # the room's lines above the question, not over its status line
            console.announce(running, qr_code=True)
            resume += " --room" + "".join(
                f" {flag} {shlex.quote(str(v))}" for flag, v in (("--host", host), ("--port", running.port_to_name(port))) if v is not None
            )
        status = _room_status(running) if running else ""
        w = nav.Walk(ws, g, running.room.follow_walk if running else None, running.room.suggestion if running else None, status=status)
        exercises = list(ws.kit.exercises)
        if (ws.kit.intro or ws.kit.letter) and _is_new(ws):  # the report's motto and invitation, then the letter
            _framing(w, ws.kit.title, "\n\n".join(text.strip() for text in (ws.kit.intro, ws.kit.letter) if text))
        if exercise:
            index, item = exercises.index(ws.kit.exercise(exercise)), None
        else:
            place = _where_the_room_was(running, exercises) if running and running.room.reopened else None
            index, item = place or _resume_place(ws, g)
        if item is not None or exercise or (running and running.room.reopened):  # a place kept by a Ctrl-C is stale now
            _forget_place(ws, g)
        rounds = _rounds(running)
        with nav.unechoed():  # keys typed ahead wait for the next prompt, never echoed raw between two
            _walk(w, exercises, index, resume, item, rounds)
        if running is not None:
            _close_or_keep(w, running)
    except KeyboardInterrupt:
        _keep_place(w)
        again = _again(resume, w)
        output.message("\n" + _with_commands(_("stopped; every answer given so far is saved. Resume with:"), again))
        if w is not None and w.draft:
            output.message(_("not saved, as it was still being typed: {text}").format(text=w.draft))
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    finally:
        signal.signal(signal.SIGTERM, terminate)
        if running is not None:
            running.stop()


def _keep_place(w: Walk | None) -> None:
    """Stopped inside an item (a statement's hands, after its position was saved): the next `tocht run` resumes at
    that item, which its first answer may have made complete."""
    if w is not None and w.at is not None and w.at[1] is not None:
        from tocht_cli.sessions import stopped

        stopped.keep(w.ws.store, w.ws.id, w.group, w.at[0].id, w.at[1])


def _one_table(groups: list[str] | None) -> str | None:
    """The walk records one table's answers: several --group would leave all but the last silently unwalked."""
    if groups and len(set(groups)) > 1:
        raise UsageError(
            _("tocht run walks one table at a time; give --group once"),
            _(
                "walk each table with its own `tocht run --group TABLE`; with --room the other tables answer on their "
                "phones or scribe forms; a session with several tables: `tocht new NAME -g TABLE -g TABLE`"
            ),
        )
    return groups[0] if groups else None


def _forget_place(ws: Workspace, group: str) -> None:
    """The walk goes on (from where it stopped, or elsewhere): a Ctrl-C says anew where it stops."""
    from tocht_cli.sessions import stopped

    stopped.forget(ws.store, ws.id, group)


def _rounds(running: Running | None) -> RoundRoom | None:
    """The room the walk stops at each exercise's round in; None without a room (nothing to wait for)."""
    if running is None:
        return None
    from tocht_cli.room.rounds import WalkedRounds

    return WalkedRounds(running.room)


def _close_or_keep(w: Walk, running: Running) -> None:
    """The walk is done but the phones are still on the room: close it now, or keep it open for them (the room's
    keys in the terminal, until q or Ctrl-C). Asked only of a person at a terminal; Ctrl-C here closes it."""
    running.room.walk_done()  # what the walk's status said of the screen held for the walk, not after it
    if not runtime.is_interactive():
        return
    close, keep = _("close the room (the phones read that it closed)"), _("keep it open (the phones go on)")
    try:
        kept = w.select(_("The room is still open:"), [(close, False), (keep, True)], default=False, nav=False)
    except KeyboardInterrupt:
        return
    if kept:
        from tocht_cli.room import console

        output.message(_("the room stays open; q or Ctrl-C closes it."))
        console.lead(running.room)


def _again(resume: str, w: Walk | None) -> str:
    """The command that walks on: with the group by the name it has now (renamed meanwhile, the walk followed)."""
    return resume + f" --group {shlex.quote(w.group)}" if w is not None and len(w.ws.groups) > 1 else resume


def _with_commands(text: str, *commands: str) -> str:
    """A message and the commands it names, each on a line of its own: a narrow terminal wraps the
    message, never a command someone copies."""
    return "\n".join([text, *(f"  {command}" for command in commands)])


def _room_status(running: Running) -> Callable[[], str]:
    """The lines under every question of a walk with a room: where latecomers join, the control view, and the
    projector's screen (the letter at the start scrolls the addresses printed above away); and, read again
    while the question waits, where the screen is when the control view took it elsewhere."""
    import shutil

    from tocht_cli.room.acts import walk_note

    join = _("join: {address} · PIN {pin}").format(address=running.address, pin=running.pin)
    control = _("control (your laptop): {url}").format(url=running.control_url)
    lines = [_("screen (projector): {url}").format(url=running.screen_url), control, join]  # in the order the room announced them

    def said() -> str:  # wrapped at words to the terminal as it is now: the prompt's toolbar wraps mid-word, an address too
        width = max(30, shutil.get_terminal_size().columns - 4)  # the walk indents it under a question's keys
        return output.between_words("\n".join(filter(None, [*lines, walk_note(running.room, _)])), width, hang="  ")

    return said


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM ends the walk as Ctrl-C does (exit 130, the resume line): passed on as SIGINT, which a prompt
    ends on (as the `<sigint>` key) and which the store holds back until a write is whole."""
    signal.raise_signal(signal.SIGINT)


def _open_or_create(session: str | None, group: str | None) -> Workspace:
    """The session to walk; on a fresh database a new one, named and with its tables as the facilitator
    types them (or the one table of --group): no table is made up that nobody named."""
    if session is None and current().store.current_id() is None:
        import questionary

        from tocht_cli.sessions import records
        from tocht_cli.sessions.creation import checked, create

        kit = current().kits.for_new_session()
        output.message(_("no current session yet; a new one starts with kit {kit}.").format(kit=kit.name))
        name = runtime.refusals_whole(questionary.text(f"{kit.label('session')}:", validate=lambda t: bool(t.strip()) or "…")).unsafe_ask()
        with i18n.speaking(kit.language):  # asked in the kit's words, as the session's name is
            tables = [group] if group else _ask_tables()
            seated = _ask_seats(checked(records.group_names, tables, kit.label("default_group")))
        created = create(current().store, kit, name, groups=tables, extra={"attendance": seated} if seated else None)
        output.message(_("session {id} created; direct commands and `tocht show` act on it.").format(id=created["id"]))
    return current().workspace(session)


def _ask_tables() -> list[str]:
    """The new session's tables, typed on one line between commas; at least one, checked as `new -g` checks them."""
    import questionary

    from tocht_cli.sessions import records
    from tocht_cli.sessions.seating import between_commas

    def problem(typed: str) -> bool | str:
        if not between_commas(typed):
            return _("name at least one table, e.g. table 1, table 2")
        return _refused(lambda t: records.group_names(between_commas(t), ""))(typed)

    from tocht_cli.walk.guide import between_words

    asked = runtime.refusals_whole(questionary.text(between_words(_("Tables (groups), separated by commas:")), validate=problem))
    return between_commas(asked.unsafe_ask())


def _refused(check: Callable[[str], object]) -> Callable[[str], bool | str]:
    """A prompt's validation from a check that raises ValueError: its words, or True."""

    def said(typed: str) -> bool | str:
        try:
            check(typed)
        except ValueError as exc:
            return str(exc)
        return True

    return said


def _ask_seats(tables: list[str]) -> dict[str, Any]:
    """Who sits at each table of a new session: its organisations between commas, then how many people; Enter
    says nothing (nothing is recorded that nobody typed)."""
    import questionary

    from tocht_cli.sessions import attendance
    from tocht_cli.sessions.seating import between_commas, typed_people, with_seats

    def count(typed: str) -> int | None:
        return typed_people(typed) if typed.strip() else None

    from tocht_cli.walk.guide import between_words  # a long question broken between words, never "opgege / ven"

    seats = {}
    for table in tables:
        question = between_words(_("Organisations at {table}, separated by commas (Enter: none said):").format(table=table))
        typed = runtime.refusals_whole(
            questionary.text(question, validate=_refused(lambda t: attendance.organisations(between_commas(t))))
        ).unsafe_ask()
        question = between_words(_("How many people at {table}? (Enter: not said)").format(table=table))
        people = count(runtime.refusals_whole(questionary.text(question, validate=_refused(count))).unsafe_ask())
        seats[table] = attendance.Seat(tuple(between_commas(typed)), people)
    return dict(with_seats({}, seats).get("attendance") or {})


def _pick_group(ws: Workspace) -> str:
    import questionary

    # instruction " ": not questionary's English "(Use arrow keys)" in the room
    from tocht_cli.walk.guide import interruptible

    return str(interruptible(questionary.select(ws.kit.label("which_group"), choices=ws.groups, instruction=" ")).unsafe_ask())


def _resume_place(ws: Workspace, group: str) -> tuple[int, int | None]:
    """Where to resume (as bare `tocht` says): the item the group's walk was stopped inside, else its first
    exercise with open items."""
    place = ws.resume_place(group)
    if place is None:
        output.message(_("every exercise has answers already; walking from the start with them as defaults."))
        return 0, None
    return place


def _where_the_room_was(running: Running, exercises: list[Exercise]) -> tuple[int, int | None] | None:
    """A reopened room is where it was: the walk goes on at its exercise and item (and says so), not at the
    group's first open exercise, which would take the screen and the phones back there. A room left at an
    exercise's round goes on at that exercise (which stops at its round first); None when the walk has no place
    for where the room was."""
    from tocht_cli.kinds.contract import reference

    stop = running.room.stop
    at = next((i for i, ex in enumerate(exercises) if stop.exercise in (ex, ex.room_round)), None)
    if at is None:
        return None
    ex = exercises[at]
    items = [item.id for item in ex.kind.items(ex)]
    item = items.index(stop.item.id) if ex is stop.exercise and stop.item is not None and stop.item.id in items else None
    where = ex.heading + (f" · {reference(ex.kind, stop.item)}" if item is not None and stop.item is not None else "")
    output.message(_("the room was at {where}; the walk goes on there").format(where=where))
    return at, item


def _is_new(ws: Workspace) -> bool:
    """Nothing answered yet, by any group (not even a whole-exercise answer such as the stappenplan's
    "Bij wie?"): the meeting starts, and the group reads the kit's letter first."""
    return not ws.answers()


def _framing(w: Walk, title: str, text: str) -> None:
    """The kit's letter or closing call, as a panel of its own."""
    from tocht_cli.render.blocks import Framed

    w.present([Framed(title, text.strip())])


def _walk(w: Walk, exercises: list[Exercise], index: int, again: str, item: int | None = None, rounds: RoundRoom | None = None) -> None:
    """The exercises from `index` on (its `item`th item first, when given); at the end, how to walk again
    (the same command as after Ctrl-C)."""
    with i18n.speaking(w.kit.language):  # what tocht says during the walk, the room reads
        _exercises(w, exercises, index, item, rounds)
    output.message(_with_commands(_("saved. The summary, and walking again:"), f"tocht show {w.ws.id}", _again(again, w)))


def _exercises(w: Walk, exercises: list[Exercise], index: int, item: int | None = None, rounds: RoundRoom | None = None) -> None:
    from tocht_cli.kinds import contract as nav
    from tocht_cli.walk.rounds import stop_at_round

    backwards = False  # come back to from the next exercise's first question: at this one's last item
    while index < len(exercises):
        ex = exercises[index]
        kind = ex.kind
        if kind.items(ex) and not kind.asked_of(ex, w.group, w.ws.groups):  # a follow-up round with no step of this table's
            index, backwards = index + 1, False
            continue
        try:
            _intro(w, ex, kind, ready=not backwards and item is None)  # resumed mid-exercise: straight on
            if rounds is not None and not backwards and item is None:  # the room's round first, where the room plays one
                stop_at_round(w, ex, rounds)
            start, item = _start(w, ex, backwards) if item is None else item, None
            kind.walk(w.on(ex), ex, start)
            index, backwards = index + 1, False
        except nav.Skip:
            index, backwards = index + 1, False
        except nav.Onward:
            later = w.ws.resume_at(w.group, after=index)
            index, backwards = len(exercises) if later is None else later, False
        except nav.Back:
            index, backwards = max(0, index - 1), index > 0
        except nav.Jump:
            index, backwards = _jump(w, exercises, index), False
        except nav.Stop:
            break
    else:  # through the last exercise: the kit's closing call ends the walk
        if w.ws.kit.closing:
            _framing(w, w.ws.kit.title, w.ws.kit.closing)
    from tocht_cli.reports.screens import progress_table

    w.say(progress_table(w.ws))


def _jump(w: Walk, exercises: list[Exercise], index: int) -> int:
    """The exercise to go to, each under its digit as `tocht` numbers it: a follow-up round first is 0 (it has
    no number of the kit's), so the kit's exercises keep theirs (T0 · Bingo is 1 in every session)."""
    choices = [(e.heading, i) for i, e in enumerate(exercises)]
    lead = bool(exercises) and exercises[0].number == 0
    return int(w.select(w.label("choose_exercise"), choices, default=index, nav=False, lead=lead))


def _start(w: Walk, ex: Exercise, backwards: bool) -> int:
    """The item the walk opens an exercise at: its first open one, or its last when come back to, so
    one step back from the next exercise is one question back, not its opening screen."""
    if backwards:
        return max(0, len(ex.kind.asked_of(ex, w.group, w.ws.groups)) - 1)
    start = w.ws.first_open(ex, w.group)
    return 0 if start is None else start


def _intro(w: Walk, ex: Exercise, kind: ExerciseKind, ready: bool = True) -> None:
    """The exercise's opening panel, and (unless come back to) "ready to begin?"."""
    from tocht_cli.render.blocks import Framed

    w.follow(ex, None)  # a room beside the walk shows the exercise's opening
    done, total = kind.progress_of(ex, w.ws.sheet(ex, w.group), w.group, w.ws.groups)
    counted = " " + w.kit.words.gettext("steps of its own plan") if kind.counted_per_table(ex) else ""
    w.present([Framed(ex.heading, ex.intro or "", subtitle=f"{w.group} · {done}/{total}{counted}")])
    if ready:
        w.select(w.label("ready"), [(w.label("start"), "start")], default="start")


def register(app: typer.Typer) -> None:
    app.command("run", help=N_("Walk the group through the exercises; resumes where it stopped. Ctrl-C keeps everything saved."))(run)
