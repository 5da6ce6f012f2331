"""`tocht doctor`: check that the database is whole, and repair what a kill at the wrong moment left."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from tocht_cli.base.errors import DatabaseError, UsageError
from tocht_cli.base.i18n import N_, _, ngettext
from tocht_cli.cli import options as o
from tocht_cli.cli.invocation import current
from tocht_cli.render import output
from tocht_cli.sessions import runtime

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Kit
    from tocht_cli.sessions.reconcile import Clash
    from tocht_cli.store import Store
    from tocht_cli.store.conflicts import Copy
    from tocht_cli.store.health import Finding

Settle = tuple[str, str]  # ("move", group), ("drop", "") or ("leave", "")
STRAYS = ("answer-group", "ballot-group")  # answers, room answers under a group the session does not have: asked per group
ASKED = (*STRAYS, "conflict")  # a sync tool's conflict copy: merged field by field, asked where both sides changed a field


class Prefer(str, Enum):
    session = "session"
    copy = "copy"
    both = "both"


PREFER_INSTEAD = "tocht doctor --repair --yes --prefer session|copy|both"


def doctor(
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            help=N_(
                "Adopt or remove orphan session files and temp files, after saying what it will do; answers and room answers "
                "under a group the session does not have are moved to one of its groups or dropped, as you choose; a sync "
                "tool's conflict copy is merged into its session field by field (see --prefer)."
            ),
        ),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=N_("Repair without asking (needed without a terminal)."))] = False,
    prefer: Annotated[
        Prefer | None,
        typer.Option(
            help=N_(
                "Where a sync tool's conflict copy and its session changed the same field differently, keep the "
                "session file's value, the copy's, or both (a text or list holds both; other fields stay unmerged). "
                "Without it, --repair asks on a terminal."
            ),
        ),
    ] = None,
    json: o.Json = False,
) -> None:
    if prefer is not None and not repair:
        raise UsageError(_("--prefer says how --repair merges a conflict copy; give it with --repair"), PREFER_INSTEAD)
    store = current().store
    report = store.checkup()
    if json and not repair:
        output.data_json(report.as_json())
    else:
        sessions = ngettext("{n} session", "{n} sessions", report.sessions).format(n=report.sessions)
        answers = ngettext("{n} answer", "{n} answers", report.answers).format(n=report.answers)
        output.data(_("database: {path}").format(path=report.database) + f"\n{sessions}, {answers}")
        width = terminal_width()
        for f in report.findings:
            output.data(finding_line(f, width))
    if report.healthy:
        if repair and store.refresh_names():
            output.message(_("repaired: {what}").format(what=_("rebuilt the index of session names")))
        output.message(_("all is well"))
        return
    fixable = [f for f in report.findings if f.repair and f.kind not in ASKED]
    strays = [f for f in report.findings if f.kind in STRAYS]
    copies = [f for f in report.findings if f.kind == "conflict" and f.repair]
    if not repair:
        found = ngettext("{n} problem found; nothing was changed", "{n} problems found; nothing was changed", len(report.findings))
        raise DatabaseError(found.format(n=len(report.findings)), "tocht doctor --repair" if fixable or strays or copies else None)
    after = report
    if fixable or copies:
        count = len(fixable) + len(copies)
        question = ngettext("Repair {n} problem as listed?", "Repair {n} problems as listed?", count)
        runtime.confirm(question.format(n=count), yes, "tocht doctor --repair --yes")
    if fixable:
        done, after = store.repair(report)
        for line in done:
            output.message(_("repaired: {what}").format(what=line))
    for finding in copies:
        output.message(merged_copy(store, finding, prefer))
        after = store.checkup()
    if strays:
        for finding in strays:
            output.message(settled(store, finding, chosen(store, finding, yes)))
        after = store.checkup()
    if json:
        output.data_json(after.as_json())
    if not after.healthy:
        remain = ngettext("{n} problem remains", "{n} problems remain", len(after.findings)).format(n=len(after.findings))
        raise DatabaseError(remain, _("see `tocht doctor`; a damaged file needs a backup or a person"))
    output.message(_("all is well now"))


def finding_line(finding: Finding, width: int | None) -> str:
    """A finding and what --repair does about it, as one item of a list; at a terminal's `width` broken between
    words, its continuation under its first word (the terminal would cut "confli / ctkopie")."""
    if finding.repair:
        repairs = _("(--repair: {repair})").format(repair=finding.repair)
    else:
        repairs = _("(not repaired: restore it from a backup or move it aside)")
    line = f"- {finding.what} {repairs}"
    return output.between_words(line, width, hang="  ") if width else line


def terminal_width() -> int | None:
    """The width stdout's terminal has; None when stdout is a file or a pipe (a script reads whole lines)."""
    import shutil
    import sys

    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def merged_copy(store: Store, finding: Finding, prefer: Prefer | None) -> str:
    """Merge a conflict copy into its session: the clashes settled by --prefer or asked, then written in one lock
    hold (store/conflicts.py); what was done, in words. A clash --prefer cannot settle leaves the copy as it is."""
    from tocht_cli.sessions import reconcile
    from tocht_cli.store import conflicts

    copy = conflicts.Copy.of(finding.conflict or {})
    kit = current().workspace(copy.session).kit
    mine = conflicts.read_copy(store.session_file(copy.session))
    theirs = conflicts.read_copy(store.sessions_dir / copy.name)
    clashes = reconcile.merged(kit, mine, theirs, {})[1]
    if prefer is not None:
        decided, unsettled = reconcile.preferred(clashes, prefer.value)
        if unsettled:
            fields = ", ".join(where_words(c, kit) for c in unsettled)
            return _(
                "left {file}: {fields} cannot hold both values; choose with --prefer session or --prefer copy, or on a terminal"
            ).format(file=copy.name, fields=fields)
    elif clashes:
        runtime.require_terminal("tocht doctor --repair", PREFER_INSTEAD)
        sides = named_sides(copy, mine, theirs)
        decided = {clash.key: asked(clash, kit, sides) for clash in clashes}
    else:
        decided = {}
    conflicts.absorb(store, copy, reconcile.settled(kit, decided))
    if not clashes:
        return _("repaired: merged {file} into session {id}").format(file=copy.name, id=copy.session)
    said = ngettext(
        "repaired: merged {file} into session {id} ({n} field changed on both sides, settled)",
        "repaired: merged {file} into session {id} ({n} fields changed on both sides, settled)",
        len(clashes),
    )
    return said.format(file=copy.name, id=copy.session, n=len(clashes))


class Side(NamedTuple):
    """One side of a conflict as the dialogue names it: by the laptop that saved it, and when it saved the file."""

    name: str
    saved: str = ""  # ISO moment ("" for a file saved before tocht said who saved it)


def named_sides(copy: Copy, mine: dict[str, Any], theirs: dict[str, Any]) -> tuple[Side, Side]:
    """The session file's side and the copy's, each named by the laptop its file says saved it ("this laptop
    ('marie-thinkpad')", "laptop 'jan-laptop'"), never guessed from the copy's name (Syncthing's device id is the
    device whose change lost); a file saved before tocht said so, or both saved by one laptop, is "the file" or
    "the copy from Syncthing"."""
    from tocht_cli.store import conflicts

    mine_by, theirs_by = conflicts.saved_on(mine), conflicts.saved_on(theirs)
    neutral = (_("the file"), _("the copy from {tool}").format(tool=conflicts.tool_name(copy)))
    named = (
        conflicts.laptop_named(mine_by) if mine_by else neutral[0],
        conflicts.laptop_named(theirs_by) if theirs_by else neutral[1],
    )
    names = neutral if named[0] == named[1] else named  # one laptop saved both: which file is all that tells them apart
    return Side(names[0], (mine_by or {}).get("at", "")), Side(names[1], (theirs_by or {}).get("at", ""))


def where_words(clash: Clash, kit: Kit) -> str:
    """Where a clash is, in the kit's words: the exercise's heading, the item's number and words, the group and
    the field (or the session's own detail, or who sat at a table); an exercise or item the kit lacks by its id."""
    from tocht_cli.base.text import gist

    exercise, item, group = clash.where
    if not exercise:
        if group:
            return _("who sat at {group!r}: {field}").format(group=group, field=_(clash.label))
        return _("the session's {field}").format(field=_(clash.label))
    ex = next((e for e in kit.every if e.id == exercise), None)
    found = next((i for i in ex.kind.items(ex) if i.id == item), None) if ex is not None else None
    named = (
        f"{ex.code or ex.title} · {found.number}. {gist(found.text, 60)}" if ex is not None and found is not None else f"{exercise}/{item}"
    )
    return _("{item}, group {group!r}: {field}").format(item=named, group=group, field=clash.label)


def asked(clash: Clash, kit: Kit, sides: tuple[Side, Side]) -> str:
    """Which side of a clash to keep (or both, where the field holds both), asked on the terminal: both values
    are shown whole first, each side named by the laptop that saved it; the choices are short."""
    import questionary

    mine, theirs = sides
    output.message(_("Changed on both laptops: {where}").format(where=where_words(clash, kit)))
    output.message("  " + side_said(mine.name, clash.mine_at or mine.saved, clash.mine))
    output.message("  " + side_said(theirs.name, clash.theirs_at or theirs.saved, clash.theirs))
    keep = _("keep the value of {side}")
    choices = [questionary.Choice(keep.format(side=mine.name), "session"), questionary.Choice(keep.format(side=theirs.name), "copy")]
    if clash.both is not None:
        choices.append(questionary.Choice(_("keep both: {value}").format(value=shown_value(clash.both, 50)), "both"))
    answer: str = questionary.select(_("Which to keep?"), choices=choices, instruction=" ").unsafe_ask()
    return answer


def side_said(side: str, at: str, value: Any) -> str:
    """One side's value, with when it was saved where the file says so, the day written out in the facilitator's
    language as every moment doctor shows ("7 december 2026 19:59")."""
    from tocht_cli.base.dates import said_moment
    from tocht_cli.base.i18n import facilitator_language

    if not at:
        return _("{side}: {value}").format(side=side, value=shown_value(value))
    return _("{side}, saved {at}: {value}").format(side=side, at=said_moment(at, facilitator_language()), value=shown_value(value))


def shown_value(value: Any, most: int = 1000) -> str:
    """A field's value on one line (a person chooses between two of them); in a choice, short; a show of hands
    as the summaries say it ("eens 1 · oneens 2"), names one after the other, a date written out."""
    import json

    from tocht_cli.base.dates import shown_date
    from tocht_cli.base.i18n import facilitator_language
    from tocht_cli.render.markdown import hands

    if isinstance(value, dict) and value and all(isinstance(n, int) and not isinstance(n, bool) for n in value.values()):
        value = hands(value, value) or "–"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = ", ".join(value)
    if isinstance(value, str):
        text = shown_date(value, facilitator_language())
    else:
        text = json.dumps(value, ensure_ascii=False)
    text = " ".join(str(text).split())
    return text if len(text) <= most else text[: most - 1] + "…"


def chosen(store: Store, finding: Finding, yes: bool) -> Settle:
    """Where a group's stray room answers go: asked on a terminal; with --yes only to the group the session
    says it was renamed to, else they stay (never dropped unasked)."""
    from tocht_cli.sessions.workspace import now_called

    record = store.session(finding.session)
    groups = list(record.get("groups") or [])
    renamed = now_called(groups, record.get("renamed") or {}, finding.group)
    if yes:
        return ("move", renamed) if renamed else ("leave", "")
    runtime.require_terminal("tocht doctor --repair", "tocht doctor --repair --yes")
    import questionary

    moves = [questionary.Choice(_("move them to {group!r}").format(group=g), ("move", g)) for g in groups]
    leave = questionary.Choice(_("leave them as they are for now"), ("leave", ""))
    drop = questionary.Choice(_("drop them"), ("drop", ""))
    if renamed:  # the name it has now comes first: Enter takes it
        choices = [*(c for c in moves if c.value == ("move", renamed)), leave, *(c for c in moves if c.value != ("move", renamed)), drop]
    else:
        choices = [leave, *moves, drop]
    answer: Settle = questionary.select(finding.what, choices=choices, instruction=" ").unsafe_ask()
    return answer


def settled(store: Store, finding: Finding, choice: Settle) -> str:
    """Move or drop the group's answers (or room answers) as they are under the lock; what was done, in words.
    An answer the target group has its own answer to (the same item) stays where it is: nothing is overwritten."""
    act, target = choice
    answers = finding.kind == "answer-group"
    if act == "leave":
        return _left(answers).format(group=finding.group, id=finding.session)
    count = kept = 0

    def change(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        nonlocal count, kept
        after, count, kept = resettled(docs, finding.group, act, target)
        return after

    if answers:
        store.update_session(finding.session, lambda record: record, answers=change)
    else:
        store.update_session(finding.session, lambda record: record, ballots=change)
    done = _dropped(answers, count) if act == "drop" else _moved(answers, count)
    said = done.format(count=count, group=finding.group, target=target, id=finding.session)
    if kept:
        stay = ngettext(
            "{count} stays under {group!r}: {target!r} has its own answer to it",
            "{count} stay under {group!r}: {target!r} has its own answers to them",
            kept,
        )
        said += "; " + stay.format(count=kept, group=finding.group, target=target)
    return said


def resettled(docs: list[dict[str, Any]], group: str, act: str, target: str) -> tuple[list[dict[str, Any]], int, int]:
    """(the docs with `group`'s moved to `target` or dropped, how many, how many stay): a room answer is one per
    device and item anyway; an answer stays where `target` has one to the same item."""
    taken = {(d["exercise"], d["item"], d.get("device")) for d in docs if d["group"] == target}
    after, done, kept = [], 0, 0
    for doc in docs:
        if doc["group"] != group:
            after.append(doc)
        elif act == "drop":
            done += 1
        elif (doc["exercise"], doc["item"], doc.get("device")) in taken:
            after.append(doc)
            kept += 1
        else:
            after.append({**doc, "group": target})
            done += 1
    return after, done, kept


def _left(answers: bool) -> str:
    if answers:
        return _("left the answers under group {group!r} of session {id}; on a terminal, `tocht doctor --repair` asks where they go")
    return _("left the room answers under group {group!r} of session {id}; on a terminal, `tocht doctor --repair` asks where they go")


def _dropped(answers: bool, count: int) -> str:
    if answers:
        return ngettext(
            "repaired: dropped {count} answer under group {group!r} of session {id}",
            "repaired: dropped {count} answers under group {group!r} of session {id}",
            count,
        )
    return ngettext(
        "repaired: dropped {count} room answer under group {group!r} of session {id}",
        "repaired: dropped {count} room answers under group {group!r} of session {id}",
        count,
    )


def _moved(answers: bool, count: int) -> str:
    if answers:
        return ngettext(
            "repaired: moved {count} answer of group {group!r} to {target!r} in session {id}",
            "repaired: moved {count} answers of group {group!r} to {target!r} in session {id}",
            count,
        )
    return ngettext(
        "repaired: moved {count} room answer of group {group!r} to {target!r} in session {id}",
        "repaired: moved {count} room answers of group {group!r} to {target!r} in session {id}",
        count,
    )


def register(app: typer.Typer) -> None:
    text = N_(
        "Check the database: the list of sessions and the session files agree, every file reads, nothing is left over.\n\n"
        "Exit 0 when all is well, 5 when something is wrong (and, with --repair, still wrong after the repair)."
    )
    app.command("doctor", help=text)(doctor)
