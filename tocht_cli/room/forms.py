"""A table's forms in a room, built from what each kind already describes, never by hand per kind.

An item's answer becomes a form from its `Field`s (a choice: radio buttons of the kit's
options; a yes/no: a checkbox; hands: a number per option; a date; a text), with the
answer as it is prefilled and a fingerprint of each field as shown, so a second scribe
changing the same answer meanwhile loses nothing. The kind's other direct commands
(add a row, link tasks, pick partners) become forms from their `Param`s. What comes back
is parsed into the values the kind's own validation then checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tocht_cli.exercises.contract import Action, Param, Sheet
from tocht_cli.exercises.fields import DescribedKind, Field
from tocht_cli.exercises.values import MAX_TEXT, Choice, Count, Counts, Date, Flag, Text
from tocht_cli.room.live import fingerprint
from tocht_cli.store import EXERCISE_LEVEL

if TYPE_CHECKING:
    from tocht_cli.kit.model import Exercise, Kit


@dataclass
class Input:
    """One input of a form as the page draws it."""

    name: str
    label: str
    widget: str  # radio, checkbox, counts, number, date, text, textarea, select, checkboxes, lines
    value: Any = None
    options: list[tuple[str, str]] = field(default_factory=list)
    max_len: int = MAX_TEXT
    required: bool = False


@dataclass
class Form:
    """A form for one item's answer (`item`) or for one of the kind's commands (`action`)."""

    title: str
    inputs: list[Input]
    item: str = ""
    action: str = ""
    shown: dict[str, str] = field(default_factory=dict)  # field name → fingerprint of the value as shown
    anchor: str = ""


def field_input(f: Field, spec: Any, kit: Kit, value: Any) -> Input:
    kind = f.bound(spec)
    label = (f.question or f.label)(spec, kit)
    if isinstance(kind, Choice):
        return Input(f.name, label, "radio", value, [(o, o) for o in kind.options])
    if isinstance(kind, Flag):
        return Input(f.name, label, "checkbox", bool(value))
    if isinstance(kind, Counts):
        counts = value or {}
        return Input(f.name, label, "counts", counts, [(o, str(counts.get(o, ""))) for o in kind.options])
    if isinstance(kind, Count):
        return Input(f.name, label, "number", "" if value is None else value)
    if isinstance(kind, Date):
        return Input(f.name, label, "date", value or "")
    if isinstance(kind, Text):
        return Input(f.name, label, "textarea" if kind.multiline else "text", value or "", max_len=kind.max_len)
    raise TypeError(f"no room input for {type(kind).__name__}")


def field_value(f: Field, spec: Any, form: Any) -> Any:
    """The submitted value of one field, typed as the field's value type checks it."""
    kind = f.bound(spec)
    raw = str(form.get(f.name) or "")
    if isinstance(kind, Choice):
        return raw or None
    if isinstance(kind, Flag):
        return raw == "on"
    if isinstance(kind, Counts):
        counts = {}
        for option in kind.options:
            typed = str(form.get(f"{f.name}.{option}") or "").strip()
            if typed:
                counts[option] = whole(typed)
        return counts
    if isinstance(kind, Count):
        return whole(raw.strip()) if raw.strip() else None
    if isinstance(kind, Date):
        return raw.strip() or None
    return raw.replace("\r\n", "\n")


def whole(typed: str) -> int:
    if not (typed.isascii() and typed.isdigit()) or len(typed) > 6:
        raise ValueError(f"{typed[:20]!r}: expected a whole number")
    return int(typed)


def answer_forms(ex: Exercise, sheet: Sheet, kit: Kit) -> list[Form]:
    """A form per answer of a kind described by fields: the exercise-wide one first, then each item."""
    kind = ex.kind
    if not isinstance(kind, DescribedKind):
        return []
    forms = []
    targets = ([(EXERCISE_LEVEL, ex.title, kind.whole)] if kind.whole else []) + [
        (item, title, kind.answer) for item, title in kind.answer_items(ex) if item != EXERCISE_LEVEL
    ]
    for item, title, fields in targets:
        if not fields:
            continue
        value = sheet.get(item) or {}
        inputs = [field_input(f, ex.spec, kit, value.get(f.name)) for f in fields]
        shown = {f.name: fingerprint(value.get(f.name, kind.empty(ex, item).get(f.name))) for f in fields}
        forms.append(Form(title, inputs, item=item, shown=shown, anchor=f"i-{item}"))
    return forms


def submitted(ex: Exercise, item: str, form: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """The fields of an answer form as typed values, and the fingerprints of what the form showed."""
    kind = ex.kind
    if not isinstance(kind, DescribedKind):
        raise ValueError(f"{ex.id} has no answer forms")
    fields = kind.whole if item == EXERCISE_LEVEL else kind.answer
    if item != EXERCISE_LEVEL and item not in {i.id for i in kind.items(ex)}:
        raise ValueError(f"{ex.id} has no item {item[:40]!r}")
    given = {f.name: field_value(f, ex.spec, form) for f in fields}
    shown = {f.name: str(form.get(f"shown.{f.name}") or "")[:64] for f in fields}
    return given, shown


def room_actions(ex: Exercise) -> list[Action]:
    """The kind's commands a scribe gets as forms: those that change a table's answers and are not an
    answer's fields already (those have their own forms)."""
    actions = [a for group in ex.kind.command_groups() for a in group.actions]
    return [a for a in actions if a.in_room and a.per_group and ex.kind.personal_card(ex) is None]


def action_forms(ex: Exercise, sheet: Sheet, kit: Kit) -> list[Form]:
    forms = []
    for action in room_actions(ex):
        inputs = []
        for p in action.params:
            label = kit.words.gettext(p.help)
            options = offered(p, ex, sheet)
            if p.type is bool:
                widget = "checkbox"
            elif p.many:
                widget = "checkboxes" if options else "lines"
            elif options:
                widget = "select"
            elif p.type is int:
                widget = "number"
            else:
                widget = "text"
            if p.of_answers and not options:
                break  # nothing in the list yet to pick from: no form
            inputs.append(Input(p.name, label, widget, None, options, required=p.required))
        else:
            shown = {"": fingerprint(sheet.whole)} if any(p.of_answers for p in action.params) else {}
            forms.append(Form(kit.words.gettext(action.help), inputs, action=action.name, shown=shown, anchor=f"a-{action.name}"))
    return forms


def offered(p: Param, ex: Exercise, sheet: Sheet) -> list[tuple[str, str]]:
    """What a parameter takes, as a picker offers it: the rows of the group's list, or the kit's items it names."""
    if p.choices is not None:
        return p.choices(ex, sheet)
    if p.names is not None:
        by_id = p.name == "item" and ex.kind.numbered_by_id  # a statement is A3, a task is 4
        return [(item.id, f"{item.id if by_id else item.number}. {item.text}") for item in p.names(ex)]
    return []


def action_args(action: Action, form: Any, kit: Kit) -> dict[str, Any]:
    """The action's arguments from its submitted form, as the command line would give them;
    a ValueError names a required one left empty."""
    args: dict[str, Any] = {}
    for p in action.params:
        if p.type is bool:
            args[p.name] = str(form.get(p.name) or "") == "on"
        elif p.many:
            values = [str(v) for v in form.getlist(p.name)] if hasattr(form, "getlist") else []
            lines = [line.strip() for v in values for line in v.replace("\r\n", "\n").split("\n")]
            args[p.name] = [line for line in lines if line]
        else:
            typed = str(form.get(p.name) or "").strip()
            args[p.name] = (whole(typed) if p.type is int else typed) if typed else None
        if p.required and args[p.name] in (None, []):
            raise ValueError(kit.words.gettext("Fill in: {what}").format(what=kit.words.gettext(p.help)))
    return args


def find_action(ex: Exercise, name: str) -> Action:
    for action in room_actions(ex):
        if action.name == name:
            return action
    raise ValueError(f"{ex.id} has no command {name[:40]!r} for a room")
