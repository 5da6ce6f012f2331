"""A session as a JSON document, and back: the export format and its complete validation.

An import is checked from top to bottom before anything is written, with the
same value descriptions the direct commands use, so a file that `tocht
import` accepts holds nothing `tocht run` could not have recorded. Here: the
bytes, strict JSON (no key given twice), the format and its version; then
the envelope's rules in plain Python (sessions/envelope_rules.py); a file they
refuse is validated again by the envelope's pydantic models (sessions/envelope.py),
whose errors `base/problems.py` puts in plain words, every one at once.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tocht_cli.base.errors import InvalidData, NotFound, os_problem
from tocht_cli.base.i18n import _, ngettext
from tocht_cli.kinds.contract import Kit
from tocht_cli.kit.kits import Kits
from tocht_cli.sessions.workspace import Workspace, older_answers

if TYPE_CHECKING:
    from tocht_cli.sessions.envelope_rules import Contents

FORMAT = "tocht-session"
VERSION = 2  # 2: a yes-or-no nobody answered is null; 1 wrote false for it (read as meant, `older`)
MAX_BYTES = 20 * 1024 * 1024
MAX_PROBLEMS = 20
SESSION_FIELDS = (
    "name",
    "date",
    "place",
    "facilitator",
    "groups",
    "attendance",
    "kit",
    "followup",
    "from",
    "merged_from",
    "min_votes",
    "audience",
    "kept",
)
ANSWER_FIELDS = ("exercise", "item", "group", "value", "at", "origin")
BALLOT_FIELDS = ("exercise", "item", "group", "device", "name", "value", "at", "hidden")


def answer_order(kit: Kit, groups: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """Sort key: kit order of exercises, then groups, then the exercise-wide answer and items in kit order."""
    exercises = {ex.id: n for n, ex in enumerate(kit.every)}
    items = {ex.id: {item: n for n, (item, _) in enumerate(ex.kind.answer_items(ex))} for ex in kit.exercises}
    group_index = {g: n for n, g in enumerate(groups)}

    def key(doc: dict[str, Any]) -> tuple[Any, ...]:
        ex = doc["exercise"]
        return (
            exercises.get(ex, len(exercises)),
            ex,
            group_index.get(doc["group"], len(groups)),
            doc["group"],
            items.get(ex, {}).get(doc["item"], 1 << 30),
            doc["item"],
        )

    return key


def export_doc(ws: Workspace) -> dict[str, Any]:
    """Everything needed to rebuild the session, in a stable order. Answers to items the kit does not
    have (any more) go under `outside_kit`, so that an import keeps them without taking a typo for one;
    after a room, its participants' answers (to the kit's items) go under `ballots`, `hidden` on those whose
    argument the facilitator kept off the screen."""
    session = {"id": ws.id, **{k: ws.session[k] for k in SESSION_FIELDS if k in ws.session}}
    if "attendance" in session:  # in the order of the tables
        session["attendance"] = {g: session["attendance"][g] for g in ws.groups if g in session["attendance"]}
    order = answer_order(ws.kit, ws.groups)
    answers = sorted(({k: doc[k] for k in ANSWER_FIELDS if k in doc} for doc in ws.answers() if ws.fits(doc)), key=order)
    doc = {"format": FORMAT, "version": VERSION, "session": session, "answers": answers}
    outside = [{k: doc[k] for k in ANSWER_FIELDS if k in doc} for doc in ws.outside()]
    if outside:
        doc["outside_kit"] = sorted(outside, key=order)
    from tocht_cli.sessions.ballots import flagged, list_state

    hidden = set(ws.store.room(ws.id).get("hidden") or [])
    kept = [b for b in ws.ballots() if ws.fits(b) and b["group"] in ws.groups]
    ballots = [{k: b[k] for k in BALLOT_FIELDS if k in b} for b in flagged(kept, hidden)]
    if ballots:  # an export of a session without a room is as it always was
        doc["ballots"] = sorted(ballots, key=lambda b: (order(b), b["device"]))
        from tocht_cli.sessions.opinions import found_maps, plain

        maps = {ex.id: plain(found.map) for ex, found in found_maps(ws.kit.exercises, kept, ws.disclosure().min_votes)}
        if maps:  # computed from the ballots: for a script to read; an import computes it again
            doc["opinions"] = maps
    lists = list_state(ws.store.room(ws.id))
    if lists:
        doc["lists"] = lists
    return doc


def stray_note(ws: Workspace) -> str | None:
    """What an export says of room answers under a group the session does not have (an older tocht, a hand
    edit): they are left out, so the export imports again; None when there are none."""
    strays = [b for b in ws.ballots() if b["group"] not in ws.groups]
    if not strays:
        return None
    groups = ", ".join(repr(g) for g in dict.fromkeys(b["group"] for b in strays))
    return ngettext(
        "note: {count} room answer is under a group the session does not have ({groups}) and is left out; "
        "`tocht doctor --repair` settles it",
        "note: {count} room answers are under a group the session does not have ({groups}) and are left out; "
        "`tocht doctor --repair` settles them",
        len(strays),
    ).format(count=len(strays), groups=groups)


# -- import -----------------------------------------------------------------


def read_text(path: str) -> tuple[str, str]:
    """The file's text and a name for it in messages; `-` reads stdin."""
    import sys

    if path == "-":
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        where = _("stdin")
    else:
        file = Path(path)
        if file.is_dir():
            raise NotFound(_("{path} is a folder, not an export file").format(path=path))
        try:  # a regular file, or a pipe such as /dev/stdin: read up to the limit either way
            with file.open("rb") as fh:
                raw = fh.read(MAX_BYTES + 1)
        except FileNotFoundError:
            raise NotFound(_("no file {path}").format(path=path)) from None
        except OSError as exc:
            raise NotFound(_("cannot read {path}: {problem}").format(path=path, problem=os_problem(exc))) from None
        where = path
    if len(raw) > MAX_BYTES:
        raise InvalidData(
            _("{where} is not a tocht export").format(where=where),
            [_("larger than {size} MiB; an export is at most {size} MiB").format(size=MAX_BYTES // 2**20)],
        )
    try:
        return raw.decode("utf-8"), where
    except UnicodeDecodeError as exc:
        raise InvalidData(
            _("{where} is not a tocht export").format(where=where), [_("not UTF-8 text (byte {byte})").format(byte=exc.start)]
        ) from None


def parse(text: str, where: str, kits: Kits) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """Session fields, answers and the room's answers of an export; InvalidData listing every problem found."""
    if text.startswith("\ufeff"):
        raise InvalidData(
            _("{where} is not a tocht export").format(where=where),
            [_("it starts with a byte order mark (saved as 'UTF-8 with BOM'); save it as plain UTF-8")],
        )
    doc, repeated = strict_json(text, where)
    if not isinstance(doc, dict):
        raise InvalidData(
            _("{where} is not a tocht export").format(where=where),
            [_("expected a JSON object at the top, got {type}").format(type=type(doc).__name__)],
        )
    if doc.get("format") != FORMAT:
        raise InvalidData(
            _("{where} is not a tocht export").format(where=where),
            ["format: " + _("expected {expected!r}, got {got!r}").format(expected=FORMAT, got=str(doc.get("format"))[:40])],
            _("make one with `tocht export --format json`"),
        )
    version = doc.get("version")
    if type(version) is not int or version not in (1, VERSION):
        newer = type(version) is int and version > VERSION
        hint = _("upgrade tocht to read it") if newer else None
        shown = repr(version)[:40]
        raise InvalidData(
            _("{where} has format version {version}; this tocht reads version {known}").format(where=where, version=shown, known=VERSION),
            ["version: " + _("expected the whole number {expected}, got {got}").format(expected=VERSION, got=shown)],
            hint,
        )
    from tocht_cli.sessions import envelope_rules

    context: dict[str, Any] = {"kits": kits}
    found = None if repeated else envelope_rules.contents(text, doc, context)
    if found is None:  # something is amiss: the pydantic models say what
        context = {"kits": kits}
        found = explained(doc, repeated, context, where)
    from tocht_cli.render import output

    if "note" in context:
        output.message(_("note: {note}").format(note=context["note"]))
    if found.outside:
        output.message(outside_note(found.kit.name, found.outside))
    answers = older_answers(found.kit, found.answers) if version == 1 else found.answers
    return found.session, answers, found.ballots, found.lists


def explained(doc: dict[str, Any], repeated: list[tuple[str, str]], context: dict[str, Any], where: str) -> Contents:
    """The export validated by the envelope's pydantic models: InvalidData listing every problem found
    (a note on the kit's version in `context` is printed first), or its contents when there is none."""
    from pydantic import ValidationError

    from tocht_cli.base import problems as plain
    from tocht_cli.render import output
    from tocht_cli.sessions import envelope

    problems = [f"{at[:80]}: " + _("the key {key!r} is given twice").format(key=key[:40]) for at, key in repeated]
    try:
        checked = envelope.Envelope.model_validate(doc, context=context)
    except ValidationError as exc:
        checked = None
        problems += plain.lines(exc.errors(include_url=False), "", plain.JSON)
        if "kit" not in context and doc.get("answers"):
            problems.append(_("answers: their exercises, items and values are checked once the session's kit is found"))
    if problems or checked is None:
        if "note" in context:
            output.message(_("note: {note}").format(note=context.pop("note")))
        more = [_("… and {n} more").format(n=len(problems) - MAX_PROBLEMS)] if len(problems) > MAX_PROBLEMS else []
        raise InvalidData(_("{where} does not validate; nothing was imported").format(where=where), problems[:MAX_PROBLEMS] + more)
    return checked.contents(context["kit"])


def outside_note(kit: str, answers: list[dict[str, Any]]) -> str:
    """What the facilitator is told of answers to items the kit does not have (any more), named
    `stellingen/A8 (tafel 1)`: they are never left out without a word."""
    named = [f"{a['exercise']}/{a['item']} ({a['group']})" for a in answers]
    shown = ", ".join(named[:10]) + (f" … (+{len(named) - 10})" if len(named) > 10 else "")
    return ngettext(
        "note: {count} answer is to an item kit {kit} does not have (any more); it is kept, and listed apart: {items}",
        "note: {count} answers are to items kit {kit} does not have (any more); they are kept, and listed apart: {items}",
        len(answers),
    ).format(count=len(answers), kit=kit, items=shown)


def exported_session(text: str) -> dict[str, Any]:
    """The exported session's own fields (its id, name, date) of an export `parse` accepted."""
    session = json.loads(text).get("session")
    return session if isinstance(session, dict) else {}


def strict_json(text: str, where: str) -> tuple[Any, list[tuple[str, str]]]:
    """Parse JSON, noting every object that repeats a key (json.loads would keep the last silently)."""
    repeats: dict[int, list[str]] = {}

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) != len(items):
            seen: set[str] = set()
            repeats[id(obj)] = [k for k, _ in items if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
        return obj

    try:
        doc = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        problem = _("not valid JSON: line {line}, column {column}: {problem}").format(line=exc.lineno, column=exc.colno, problem=exc.msg)
        raise InvalidData(_("{where} is not a tocht export").format(where=where), [problem]) from None
    except RecursionError:
        raise InvalidData(_("{where} is not a tocht export").format(where=where), [_("JSON nested too deeply")]) from None
    except ValueError as exc:  # e.g. a number with thousands of digits
        raise InvalidData(
            _("{where} is not a tocht export").format(where=where), [_("not valid JSON: {problem}").format(problem=exc)]
        ) from None
    found: list[tuple[str, str]] = []
    if repeats:
        stack: list[tuple[str, Any]] = [("", doc)]
        while stack:
            at, node = stack.pop()
            if isinstance(node, dict):
                found += [(f"{at}.{key}" if at else key, key) for key in repeats.get(id(node), [])]
                stack += [(f"{at}.{k}" if at else k, v) for k, v in node.items()]
            elif isinstance(node, list):
                stack += [(f"{at}[{n}]", v) for n, v in enumerate(node)]
    return doc, sorted(found)
