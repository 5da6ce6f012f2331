"""A table's forms in a room, built from what each kind already describes, never by hand per kind.

An item's answer becomes a form from its `Field`s (a choice: radio buttons of the kit's
options; a yes/no: a checkbox; hands: a number per option; a date typed as in the walk; a text), prefilled with
the answer as it is, and a fingerprint of each field as shown, so a second scribe changing
the same answer meanwhile loses nothing. The kind's other direct commands (add a row, link
tasks, pick partners) become forms from their `Param`s: per item when they act on an item,
else on the exercise-wide answer; one that replaces what it acts on shows it first and is
refused when another scribe changed it since. What comes back is parsed into the values the
kind's own validation then checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tocht_cli.base.dates import shown_date, typed_date
from tocht_cli.base.i18n import N_, _
from tocht_cli.kinds.actions import entry_text
from tocht_cli.kinds.contract import Action, Param, Rows, Sheet
from tocht_cli.kinds.fields import DescribedKind, Field
from tocht_cli.kinds.rounds import FROM_ROOM
from tocht_cli.kinds.values import MAX_TEXT, Choice, Count, Counts, Date, Flag, Text, as_text
from tocht_cli.room.live import field_fingerprint, fingerprint, item_title
from tocht_cli.store import EXERCISE_LEVEL

if TYPE_CHECKING:
    from collections.abc import Callable

    from tocht_cli.kinds.contract import Exercise, Kit

DATE_LENGTH = 40  # "15 september 2027" and then some: a date typed in words
ITEM = "item"  # the parameter that names the item an action acts on (kinds/actions.py)


@dataclass
class Input:
    """One input of a form as the page draws it."""

    name: str
    label: str
    widget: str  # radio, checkbox, counts, number, text, textarea, select, checkboxes, lines
    value: Any = None
    options: list[tuple[str, str]] = field(default_factory=list)
    max_len: int = MAX_TEXT
    required: bool = False
    theirs: str | None = None  # another scribe's answer, shown beside what this scribe typed (a conflict)
    problem: str = ""  # why what was typed here was refused (the form shows again as typed, this input marked)


@dataclass
class Form:
    """A form for an answer's fields (`action` empty) or for one of the kind's commands."""

    title: str
    inputs: list[Input]
    item: str
    action: str = ""
    shown: dict[str, str] = field(default_factory=dict)  # fingerprints of what the form showed
    secondary: bool = False  # a small button (forget an item's answer)
    filled: bool = False  # it shows what the answer holds already: its button changes that ("Change", as every form's)
    fixed: dict[str, str] = field(default_factory=dict)  # what the form sends unseen: the number of the entry it acts on
    entry: str = ""  # the entry of the group's list it acts on, as the list shows it (a form per entry)
    offered: list[str] = field(default_factory=list)  # what the room gave that it takes over, numbered as it takes them

    @property
    def heading(self) -> str:
        """The command's title above its inputs, unless an input says it already (a list's legend: "With whom?" twice)."""
        return "" if any(i.label == self.title for i in self.inputs) else self.title


@dataclass
class Section:
    """One answer of the table (the exercise-wide one, or an item's): what it holds, and its forms."""

    item: str
    title: str
    facts: list[tuple[str, str]]  # the answer as the room reads it, where no field form shows it
    forms: list[Form]
    answered: bool

    @property
    def anchor(self) -> str:
        return f"i-{self.item}"


# -- an answer's fields -----------------------------------------------------------------------


def field_input(f: Field, spec: Any, kit: Kit, value: Any) -> Input:
    kind = f.bound(spec)
    label = (f.question or f.label)(spec, kit)
    if isinstance(kind, Choice):
        return Input(f.name, label, "radio", value, [(o, o) for o in kind.options])
    if isinstance(kind, Flag) and kind.default is None:  # "no" is an answer: a choice, so no answer stays none
        shown = None if value is None else ("yes" if value else "no")
        return Input(f.name, label, "radio", shown, [("yes", kit.label("yes")), ("no", kit.label("no"))])
    if isinstance(kind, Flag):
        return Input(f.name, label, "checkbox", bool(value))
    if isinstance(kind, Counts):
        counts = value or {}
        return Input(f.name, label, "counts", counts, [(o, str(counts.get(o, ""))) for o in kind.options])
    if isinstance(kind, Count):
        return Input(f.name, label, "number", "" if value is None else value)
    if isinstance(kind, Date):  # typed as in the terminal (15/01/2027, 15 januari 2027): the question's hint applies
        return Input(f.name, label, "text", shown_date(value, kit.language), max_len=DATE_LENGTH)
    if isinstance(kind, Text):
        return Input(f.name, label, "textarea" if kind.multiline else "text", value or "", max_len=kind.max_len)
    raise TypeError(f"no room input for {type(kind).__name__}")


def field_value(f: Field, spec: Any, form: Any, kit: Kit) -> Any:
    """The submitted value of one field, typed as the field's value type checks it (a date in any spelling the
    walk takes, refused in the kit's words as the walk refuses it)."""
    kind = f.bound(spec)
    raw = str(form.get(f.name) or "")
    if isinstance(kind, Choice):
        return raw or None
    if isinstance(kind, Flag) and kind.default is None:
        return {"yes": True, "no": False}.get(raw)
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
        return typed_date(raw, kit.words) if raw.strip() else None
    return raw.replace("\r\n", "\n")


def whole(typed: str, say: Callable[[str], str] = _) -> int:
    if not (typed.isascii() and typed.isdigit()) or len(typed) > 6:
        raise ValueError(say(N_("{typed!r}: expected a whole number")).format(typed=typed[:20]))
    return int(typed)


class WrongField(ValueError):
    """A field's value refused: the form shows again as the scribe typed it, with this field marked."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


@dataclass(frozen=True)
class Refusal:
    """An answer form sent and refused: what was typed (the form as sent), and the field that was wrong."""

    item: str
    form: Any
    name: str  # the field (or the command's parameter) that was wrong; "" when the refusal names none
    message: str
    action: str = ""  # the command whose form it was; "" for the answer's fields


def as_typed(f: Field, spec: Any, kit: Kit, sent: Refusal) -> Input:
    """A field's input holding what the scribe typed in a refused form (not what the answer holds)."""
    return as_sent(field_input(f, spec, kit, None), f.name, sent)


def fields_of(ex: Exercise, item: str) -> tuple[Field, ...]:
    kind = ex.kind
    if not isinstance(kind, DescribedKind):
        return ()
    return kind.whole if item == EXERCISE_LEVEL else kind.answer


def submitted(ex: Exercise, item: str, form: Any, kit: Kit) -> tuple[dict[str, Any], dict[str, str]]:
    """The fields of an answer form as typed and checked values, and the fingerprints of what the form showed
    (a field it did not say it showed is simply written)."""
    if item not in {i for i, _ in ex.kind.answer_items(ex)}:
        raise ValueError(_("exercise {exercise} has no item {item!r}").format(exercise=ex.id, item=item[:40]))
    fields = fields_of(ex, item)
    if not fields:
        raise ValueError(_("exercise {exercise} has no form for {item!r}").format(exercise=ex.id, item=item[:40]))
    given = checked(fields, ex.spec, form, kit)
    shown = {f.name: str(form[f"shown.{f.name}"])[:64] for f in fields if f"shown.{f.name}" in form}
    return given, shown


def checked(fields: tuple[Field, ...], spec: Any, form: Any, kit: Kit) -> dict[str, Any]:
    """The submitted values of `fields`, each checked by its value type; a problem is named by the field's
    label, as the page shows it (never by its key, nor the exercise's and item's ids)."""
    given = {}
    for f in fields:
        try:
            given[f.name] = f.bound(spec).check(field_value(f, spec, form, kit))
        except ValueError as exc:
            raise WrongField(f.name, f"{f.short_label(spec, kit)}: {exc}") from None
    return given


# -- the kind's commands ------------------------------------------------------------------------


def room_actions(ex: Exercise) -> list[Action]:
    """The kind's commands a scribe gets as forms: those that change a table's answers and are not an
    answer's fields already (those have their own forms)."""
    if ex.kind.personal_card(ex) is not None:
        return []
    return [a for group in ex.kind.command_groups() for a in group.actions if a.in_room and a.per_group]


def per_item(action: Action) -> bool:
    return bool(action.params) and action.params[0].name == ITEM


def action_form(
    ex: Exercise, action: Action, sheet: Sheet, kit: Kit, item: str, typed: dict[str, Any] | None = None, sent: Refusal | None = None
) -> Form | None:
    """The command as a form on `item`'s answer (EXERCISE_LEVEL: the exercise-wide one); None when it has
    nothing to act on yet (no row to remove). `typed`: what the scribe sent when another scribe's change
    refused it; the form shows it again, with what the answer holds now beside it. `sent`: the form as the
    scribe sent it when it was refused, shown again as typed with the wrong parameter marked."""
    value = sheet.get(item) or {}
    inputs = []
    for p in action.params:
        if p.name == ITEM and item != EXERCISE_LEVEL:
            continue  # the section's item
        options = offered(p, ex, sheet)
        if p.of_answers and not options:
            return None
        made = param_input(p, options, p.current(value) if p.current else None, typed, ex, kit)
        inputs.append(as_sent(made, p.name, sent, p.many) if sent is not None else made)
    secondary = per_item(action) and not inputs  # only the item: forget its answer
    shown = {"": fingerprint(value)} if guarded(action) else {}
    filled = any(p.current(value) for p in action.params if p.current)
    return Form(action_title(ex, action, kit), inputs, item, action.name, shown, secondary, filled)


def param_input(p: Param, options: list[tuple[str, str]], now: Any, typed: dict[str, Any] | None, ex: Exercise, kit: Kit) -> Input:
    """One parameter of a command as an input showing `now`; or, when another scribe's change refused what this
    scribe sent (`typed`), that again, with what the answer holds now beside it."""
    label = p.label(ex.spec, kit) if p.label else kit.words.gettext(p.help)
    made = Input(p.name, label, widget(p, options), now, options, required=p.required)
    if typed is not None and p.name in typed:
        made.value = typed[p.name]
        made.theirs = told(now, options) if now is not None and (typed[p.name] or None) != (now or None) else None
    return made


def as_sent(made: Input, name: str, sent: Refusal, many: bool = False) -> Input:
    """An input (an answer's field, a command's parameter: `many` values) holding what the scribe sent in a
    refused form (a box ticked, numbers typed), marked when it is the one refused."""
    form = sent.form
    raw = str(form.get(name) or "")
    if made.widget == "counts":
        made.options = [(o, str(form.get(f"{name}.{o}") or "")) for o, _n in made.options]
    elif made.widget == "checkbox":
        made.value = raw == "on"
    elif many:
        made.value = [str(v) for v in sent_values(form, name) if v is not None]
    else:
        made.value = (raw or None) if made.widget == "radio" else raw
    made.problem = sent.message if name == sent.name else ""
    return made


def refused_form(action: Action, item: str, form: Any, message: str, failed: str = "") -> Refusal:
    """A command's refused form: the parameter marked wrong is the one its reading refused (`failed`), else the
    one parameter typed that is not a tick (the numbers of "what the room gave"), else none."""
    typed = [
        p.name for p in action.params if p.type is not bool and p.name != ITEM and any(str(v).strip() for v in sent_values(form, p.name))
    ]
    return Refusal(item, form, failed or (typed[0] if len(typed) == 1 else ""), message, action.name)


def sent_values(form: Any, name: str) -> list[Any]:
    return list(form.getlist(name)) if hasattr(form, "getlist") else [form.get(name)]


def action_title(ex: Exercise, action: Action, kit: Kit) -> str:
    return action.title(ex.spec, kit) if action.title else kit.words.gettext(action.help)


def picker_of(action: Action) -> tuple[Param, Rows] | None:
    """The parameter that picks an entry of the group's list by number (remove row 3), and that list, if the
    command has one."""
    return next(((p, p.rows()) for p in action.params if p.rows is not None and not p.many), None)


def row_forms(ex: Exercise, action: Action, picked: tuple[Param, Rows], sheet: Sheet, kit: Kit, typed: dict[str, Any] | None) -> list[Form]:
    """A command on an entry of the group's list as a form per entry, titled with what it does to which ("Rij 3
    aanpassen"), its inputs filled with the entry as it is: the scribe never picks a number from a list."""
    picker, rows = picked
    words = kit.words
    shown = {"": fingerprint(sheet.get(EXERCISE_LEVEL) or {})}
    out = []
    for number, entry in enumerate(rows.entries(sheet.whole), 1):
        mine = typed if typed is not None and str(typed.get(picker.name)) == str(number) else None
        inputs = [
            param_input(p, offered(p, ex, sheet), entry.get(p.name) if isinstance(entry, dict) else None, mine, ex, kit)
            for p in action.params
            if p is not picker
        ]
        title = words.gettext("{act} {what} {number}").format(
            act=action_title(ex, action, kit), what=words.gettext(rows.what), number=number
        )
        out.append(
            Form(
                title[:1].upper() + title[1:],
                inputs,
                EXERCISE_LEVEL,
                action.name,
                shown,
                fixed={picker.name: str(number)},
                entry=entry_text(entry),
            )
        )
    return out


def told(value: Any, options: list[tuple[str, str]]) -> str:
    """What an answer holds for a command's parameter, in the words its picker shows."""
    names = dict(options)
    values = value if isinstance(value, list) else [value]
    return ", ".join(names.get(str(v), str(v)) for v in values if v not in (None, "")) or "–"


def offered(p: Param, ex: Exercise, sheet: Sheet) -> list[tuple[str, str]]:
    """What a parameter takes, as a picker offers it: the rows of the group's list, or the kit's items it names."""
    if p.choices is not None:
        return p.choices(ex, sheet)
    if p.names is not None:
        by_id = p.name == ITEM and ex.kind.numbered_by_id  # a statement is A3, a task is 4
        return [(item.id, f"{item.id if by_id else item.number}. {item.text}") for item in p.names(ex)]
    return []


def widget(p: Param, options: list[tuple[str, str]]) -> str:
    if p.type is bool:
        return "checkbox"
    if p.many:
        return "checkboxes" if options else "lines"
    if options:
        return "select"
    return "number" if p.type is int else "text"


def action_args(action: Action, item: str, form: Any, kit: Kit) -> dict[str, Any]:
    """The action's arguments from its submitted form, as the command line would give them;
    a ValueError names a required one left empty."""
    args: dict[str, Any] = {}
    for p in action.params:
        if p.name == ITEM and item != EXERCISE_LEVEL:
            args[p.name] = item
        elif p.type is bool:
            args[p.name] = str(form.get(p.name) or "") == "on"
        elif p.many:
            values = [str(v) for v in form.getlist(p.name)] if hasattr(form, "getlist") else []
            try:
                args[p.name] = numbers(values, kit) if p.type is int else typed_lines(values)
            except ValueError as exc:
                raise WrongField(p.name, str(exc)) from None
        else:
            typed = str(form.get(p.name) or "").strip()
            args[p.name] = (whole(typed) if p.type is int else typed) if typed else None
        if p.required and args[p.name] in (None, []):
            raise WrongField(p.name, kit.words.gettext("Fill in: {what}").format(what=kit.words.gettext(p.help)))
    return args


def typed_lines(values: list[str]) -> list[str]:
    """A list typed in a form, an entry a line (or between semicolons), the empty ones left out."""
    lines = [line.strip() for v in values for line in v.replace("\r\n", "\n").replace(";", "\n").split("\n")]
    return [line for line in lines if line]


def numbers(values: list[str], kit: Kit) -> list[int]:
    """Numbers typed in a form as the command line takes them: whole numbers, between spaces, commas or lines
    (a form sends text, the command's checks compare numbers)."""
    typed = [n for v in values for n in v.replace(",", " ").replace(";", " ").split()]
    return [whole(n, kit.words.gettext) for n in typed]


def find_action(ex: Exercise, name: str) -> Action:
    for action in room_actions(ex):
        if action.name == name:
            return action
    raise ValueError(_("exercise {exercise} has no command {name!r} for a room").format(exercise=ex.id, name=name[:40]))


def guarded(action: Action) -> bool:
    """Whether the command replaces or picks from what the answer holds: then it is refused when the answer
    changed since its form was shown."""
    return any(p.of_answers or p.current is not None for p in action.params)


# -- the page ---------------------------------------------------------------------------------


Typed = dict[tuple[str, str], dict[str, Any]]  # (item, command or "" for its fields) → what a scribe sent


def sections(
    ex: Exercise,
    sheet: Sheet,
    kit: Kit,
    typed: Typed | None = None,
    gave: list[tuple[str, int]] | None = None,
    refused: Refusal | None = None,
) -> list[Section]:
    """The table's answers to the exercise, the exercise-wide one first, each with its forms. `typed`: what a
    scribe sent that another scribe's change meanwhile refused; their form shows it beside the other's.
    `gave`: what the room answered in the exercise's round, ranked (something to take over from it).
    `refused`: an answer form refused for a wrong field, shown again as typed."""
    kind = ex.kind
    actions = [a for a in room_actions(ex) if gave or a.name != FROM_ROOM]
    out = []
    for item, title in titled_items(ex):
        value = sheet.get(item) or {}
        forms: list[Form] = []
        fields = fields_of(ex, item)
        sent = refused if refused and refused.item == item else None  # the answer's form (no action) or a command's
        if fields:
            inputs = field_inputs(ex, kit, fields, value, (typed or {}).get((item, ""), {}), sent if sent and not sent.action else None)
            shown = {f.name: field_fingerprint(ex, item, f.name, value) for f in fields}
            forms.append(Form(title, inputs, item, shown=shown))
        here = [a for a in actions if per_item(a) == (item != EXERCISE_LEVEL)]
        forms += by_entry([action_forms(ex, a, sheet, kit, item, (typed or {}).get((item, a.name)), gave or [], sent) for a in here])
        facts = [] if fields or not value else [(label, text) for label, text in kind.facts(ex, item, value, kit) if text]
        if forms or facts:
            out.append(Section(item, title, facts, forms, kind.is_answered(ex, item, value) if value else False))
    return out


def field_inputs(
    ex: Exercise, kit: Kit, fields: tuple[Field, ...], value: dict[str, Any], mine: dict[str, Any], sent: Refusal | None
) -> list[Input]:
    """An answer's inputs: as the scribe typed them when refused, else what the answer holds (what this scribe
    typed beside another scribe's answer where they clashed)."""
    if sent is not None:
        return [as_typed(f, ex.spec, kit, sent) for f in fields]
    return [
        conflicting(f, ex.spec, kit, mine[f.name], value.get(f.name)) if f.name in mine else field_input(f, ex.spec, kit, value.get(f.name))
        for f in fields
    ]


def action_forms(
    ex: Exercise,
    action: Action,
    sheet: Sheet,
    kit: Kit,
    item: str,
    typed: dict[str, Any] | None,
    gave: list[tuple[str, int]],
    sent: Refusal | None = None,
) -> list[Form]:
    """A command's forms on `item`'s answer: one per entry of the list it picks from, else one (none when it has
    nothing to act on, or would forget an answer there is not); one that takes over what the room gave lists it,
    numbered, so the scribe knows which numbers to type."""
    picker = picker_of(action)
    if picker is not None and item == EXERCISE_LEVEL:
        return row_forms(ex, action, picker, sheet, kit, typed)
    made = action_form(ex, action, sheet, kit, item, typed, sent if sent is not None and sent.action == action.name else None)
    if made is not None and action.offers is not None:
        made.offered = action.offers(ex, gave, sheet.whole)
    return [made] if made is not None and (not made.secondary or sheet.get(item)) else []


def by_entry(made: list[list[Form]]) -> list[Form]:
    """Each command's forms in turn, except those per entry of a list: entry by entry ("Rij 1 aanpassen", "Rij 1
    verwijderen", "Rij 2 …"), where the first command of that kind stood."""
    entries = sorted((f for group in made for f in group if f.fixed), key=lambda f: int(next(iter(f.fixed.values()))))
    out: list[Form] = []
    for group in made:
        if not (group and group[0].fixed):
            out += group
        elif entries:
            out, entries = out + entries, []
    return out


def titled_items(ex: Exercise) -> list[tuple[str, str]]:
    """The answers a table gives, each with its title: the exercise-wide one first, then the items."""
    return [(EXERCISE_LEVEL, ex.title), *((i, t) for i, t in ex.kind.answer_items(ex) if i != EXERCISE_LEVEL)]


def conflicting(f: Field, spec: Any, kit: Kit, typed: Any, theirs: Any) -> Input:
    """A field as this scribe typed it, with the answer another scribe saved meanwhile beside it."""
    made = field_input(f, spec, kit, typed)
    made.theirs = as_text(f.bound(spec), theirs, kit) or "–"
    return made


def conflict_message(ex: Exercise, item: str, names: list[str], kit: Kit) -> str:
    """Which item and which of its fields another scribe changed meanwhile, in the kit's words."""
    labels = [f.short_label(ex.spec, kit) for f in fields_of(ex, item) if f.name in names]
    return kit.words.gettext(
        "Another scribe changed {item} meanwhile: {fields}. Their answer stays; what you typed is shown beside it. "
        "Save again to replace theirs."
    ).format(item=item_title(ex, item), fields=", ".join(labels))


LONG = 4  # sections from which a table's page shows one answer at a time, with a way to jump to any other


@dataclass(frozen=True)
class Focus:
    """The one answer a long exercise's page shows, and its neighbours to step to."""

    at: int
    previous: Section | None
    next: Section | None


def focus(sections: list[Section], wanted: str | None, room_item: str | None) -> Focus | None:
    """Which answer a long exercise's page shows: the one asked for, else the one the room is on, else the
    first (None: the exercise is short, every answer is shown)."""
    if len(sections) < LONG:
        return None
    items = [s.item for s in sections]
    at = next((items.index(i) for i in (wanted, room_item) if i in items), 0)
    return Focus(at, sections[at - 1] if at > 0 else None, sections[at + 1] if at + 1 < len(sections) else None)
