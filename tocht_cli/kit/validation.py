"""Reading and validating a kit: its TOML files checked against the shape of kit.toml, of the head
every exercise file has, and of each kind's Spec, with pydantic TypeAdapters built here
and only here. Every problem of every file is one line naming the file, the key path and what was
expected (`tocht_cli.base.problems`), all of them at once.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from msgspec import field
from msgspec.structs import replace

from tocht_cli.base.errors import InvalidData, os_problem
from tocht_cli.base.i18n import _, ngettext
from tocht_cli.base.text import norm
from tocht_cli.kinds.contract import LABELS, Exercise, Kit
from tocht_cli.kinds.rounds import RoomTable, round_id, round_of
from tocht_cli.kinds.tables import Keys, KitTable, KitText, Options, Problem, Whole, checked_text
from tocht_cli.kit.shipped import KIT_FILE

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pydantic import TypeAdapter

    from tocht_cli.kinds.contract import ExerciseKind

MAX_KIT_FILE = 1024 * 1024
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


# -- the shape of the files ---------------------------------------------------------------------

ExerciseIds = Annotated[tuple[str, ...], Options(1)]


class KitFile(KitTable, frozen=True, kw_only=True):
    """kit.toml."""

    name: KitText
    version: KitText
    language: KitText
    title: KitText
    source: KitText = ""
    intro: KitText = ""
    letter: KitText = ""  # the opening a group reads when a session starts; a summary opens with it
    closing: KitText = ""  # the closing call after the last exercise and at the end of a summary
    exercises: ExerciseIds
    followup: KitText = ""  # the file of the follow-up round's words (kind "followup"), when the kit has one
    labels: Annotated[dict[str, str], Keys(tuple(LABELS))] = field(default_factory=dict)  # the kit's own words, if any


class Head(KitTable, frozen=True):
    """The keys every exercise file has, whatever its kind; the rest of the file is the kind's Spec."""

    kind: KitText
    title: KitText
    code: KitText = ""
    subtitle: KitText = ""
    intro: KitText = ""
    minutes: Annotated[int, Whole(0, 240)] = 0  # the room's timer for one item (or round) of the exercise; 0: tocht's own
    # per list of options, each former name → its name now: answers saved under the former name keep counting
    renamed: dict[str, dict[str, KitText]] = field(default_factory=dict)
    room: RoomTable | None = None  # the whole room's round the exercise asks first (kinds/rounds.py)


HEAD_KEYS = frozenset(("kind", "title", "code", "subtitle", "intro", "minutes", "renamed", "room"))


@cache
def _adapter(shape: Any) -> TypeAdapter[Any]:
    from pydantic import TypeAdapter

    return TypeAdapter(shape)


def _validated(shape: Any, table: Any, file: Path, problems: list[str], context: dict[str, Any] | None = None) -> Any:
    """`table` as `shape`, or None with every problem added as a line naming the file and key."""
    from pydantic import ValidationError

    from tocht_cli.base import problems as plain

    try:
        return _adapter(shape).validate_python(table, context=context)
    except ValidationError as exc:
        problems += plain.lines(exc.errors(include_url=False), str(file), plain.TOML)
        return None


# -- validating a kit ---------------------------------------------------------------------------


def validate(folder: Path, builtin: bool, kinds: Mapping[str, ExerciseKind]) -> Kit:
    """The kit in `folder`, every file read and checked; InvalidData listing every problem found."""
    problems: list[str] = []
    kit_file = folder / KIT_FILE
    table = _read_toml(kit_file, problems)
    if table is None:
        raise InvalidData(_("kit {path} is not valid").format(path=folder), problems)
    head: KitFile | None = _validated(KitFile, table, kit_file, problems)
    if head is not None:
        exercise_ids: tuple[str, ...] = head.exercises
    else:  # check the exercise files all the same, so every problem is listed at once
        exercise_ids = _validated(ExerciseIds, table.get("exercises", ()), kit_file, []) or _each_once(table.get("exercises"))

    exercises = []
    for number, ex_id in enumerate(exercise_ids, start=1):
        ex_file = folder / f"{ex_id}.toml"
        where = f"{kit_file}: exercises[{number}]"
        if not _ID.fullmatch(ex_id) or folder not in Path(os.path.realpath(ex_file)).parents:
            problem = _(
                "{id!r} is not an exercise file of this kit: ids are letters, digits, '-' and '_', and the file lies in the kit's folder"
            )
            problems.append(f"{where}: " + problem.format(id=ex_id[:40]))
            continue
        if not ex_file.is_file():
            problems.append(f"{where}: " + _("no file {name} beside {kit_file}").format(name=ex_file.name, kit_file=KIT_FILE))
            continue
        exercise = _exercise(ex_file, ex_id, number, kinds, problems)
        if exercise is not None:
            exercises.append(exercise)

    followup = _followup(folder, head.followup, kinds, problems) if head is not None and head.followup else None
    ids = {ex.id.casefold() for ex in exercises}
    for ex in exercises:
        if ex.room_round is not None and ex.room_round.id.casefold() in ids:
            problem = _("its round's id {id!r} is the id of an exercise of this kit; rename that exercise's file")
            problems.append(f"{ex.file}: room: " + problem.format(id=round_id(ex.id)))
    if problems or head is None:
        found = ngettext("kit {path} is not valid ({n} problem)", "kit {path} is not valid ({n} problems)", len(problems))
        raise InvalidData(found.format(path=folder, n=len(problems)), problems)
    return Kit(
        head.name, head.version, head.language, head.title, head.source, head.intro, head.labels, tuple(exercises), folder, builtin,
        letter=head.letter, closing=head.closing, followup=followup,
    )  # fmt: skip


def _followup(folder: Path, ex_id: str, kinds: Mapping[str, ExerciseKind], problems: list[str]) -> Exercise | None:
    """The kit's follow-up block (kit.toml `followup`): an exercise file of kind "followup", numbered 0, in
    no session's walk until a session follows up an earlier one."""
    ex_file = folder / f"{ex_id}.toml"
    where = f"{folder / KIT_FILE}: followup"
    if not _ID.fullmatch(ex_id) or not ex_file.is_file() or folder not in Path(os.path.realpath(ex_file)).parents:
        problems.append(f"{where}: " + _("no file {name} beside {kit_file}").format(name=f"{ex_id[:40]}.toml", kit_file=KIT_FILE))
        return None
    exercise = _exercise(ex_file, ex_id, 0, kinds, problems)
    if exercise is not None and exercise.kind.name != "followup":
        problems.append(
            f"{ex_file}: kind: "
            + _("the follow-up block is of kind {kind!r}, not {asked!r}").format(kind=exercise.kind.name, asked="followup")
        )
        return None
    return exercise


def _each_once(listed: Any) -> tuple[str, ...]:
    """The texts of a list that did not validate (say, a file named twice), each once: their files are checked all the same."""
    return tuple(dict.fromkeys(x for x in listed if isinstance(x, str))) if isinstance(listed, list) else ()


def _exercise(file: Path, ex_id: str, number: int, kinds: Mapping[str, ExerciseKind], problems: list[str]) -> Exercise | None:
    table = _read_toml(file, problems)
    if table is None:
        return None
    head: Head | None = _validated(Head, {k: v for k, v in table.items() if k in HEAD_KEYS}, file, problems)
    kind_name = _text_or_none(table.get("kind"))  # a kind that is no text is reported by Head
    kind = kinds.get(kind_name) if kind_name else None
    if kind is None:
        if kind_name:
            problems.append(
                f"{file}: kind: " + _("unknown kind {kind!r}; known: {known}").format(kind=kind_name, known=", ".join(sorted(kinds)))
            )
        return None  # without its kind, the rest of the file cannot be read
    spec = _validated(kind.spec_type, {k: v for k, v in table.items() if k not in HEAD_KEYS}, file, problems, context={})
    if spec is not None:
        try:
            spec = kind.finish(spec)
        except Problem as found:
            from tocht_cli.base import problems as plain

            problems.append(f"{file}: {plain.path(found.loc, plain.TOML)}: {found.what}")
            return None
    if head is None or spec is None:
        return None
    wrong = _renaming_problems(head.renamed, spec)
    if wrong:
        from tocht_cli.base import problems as plain

        problems += [f"{file}: {plain.path(('renamed', *loc), plain.TOML)}: {what}" for loc, what in wrong]
        return None
    renamed = {key: dict(names) for key, names in head.renamed.items()}
    exercise = Exercise(ex_id, kind, head.code, head.title, head.intro, spec, file, number, head.subtitle, head.minutes, renamed)
    if head.room is None:
        return exercise
    try:
        return replace(exercise, room_round=round_of(exercise, head.room, kinds))
    except Problem as found:
        from tocht_cli.base import problems as plain

        problems.append(f"{file}: {plain.path(found.loc, plain.TOML)}: {found.what}")
        return None


def _renaming_problems(renamed: dict[str, dict[str, str]], spec: Any) -> list[tuple[tuple[str, ...], str]]:
    """What is wrong with an exercise's [renamed]: each key names a list of options of the kind's section, each
    former name maps to one of its options now and is no longer one of them (typed, it would mean either)."""
    lists = _option_lists(spec)
    found: list[tuple[tuple[str, ...], str]] = []
    for key, names in renamed.items():
        if key not in lists:
            known = ", ".join(lists) or "–"
            found.append(((key,), _("{key!r} is no list of options of this exercise (lists: {known})").format(key=key, known=known)))
            continue
        now = {norm(option) for option in lists[key]}
        for former, new in names.items():
            if new not in lists[key]:
                problem = _("renamed to {new!r}, which is not one of the options now: {options}")
                found.append(((key, former), problem.format(new=new, options=", ".join(lists[key]))))
            elif norm(former) in now:
                found.append(
                    ((key, former), _("{former!r} is still one of the options; a former name is one no longer used").format(former=former))
                )
    return found


def _option_lists(spec: Any) -> dict[str, tuple[str, ...]]:
    """The lists of options (fields marked `Options`) of a kind's section, by their TOML key."""
    from typing import get_args, get_type_hints

    from tocht_cli.kinds.tables import toml_key

    hints = get_type_hints(type(spec), include_extras=True)
    return {
        toml_key(name): getattr(spec, name)
        for name, hint in hints.items()
        if name in spec.__struct_fields__ and any(isinstance(mark, Options) for mark in get_args(hint)[1:])
    }


def _text_or_none(value: Any) -> str | None:
    from pydantic_core import PydanticCustomError

    try:
        return checked_text(value) if isinstance(value, str) else None
    except PydanticCustomError:
        return None


def _read_toml(file: Path, problems: list[str]) -> dict[str, Any] | None:
    import tomllib  # only when a kit is validated: a command with a cached kit reads no TOML

    try:
        with file.open("rb") as fh:
            raw = fh.read(MAX_KIT_FILE + 1)
    except FileNotFoundError:
        problems.append(f"{file}: " + _("no such file"))
        return None
    except OSError as exc:
        problems.append(f"{file}: " + _("cannot be read: {problem}").format(problem=os_problem(exc)))
        return None
    if len(raw) > MAX_KIT_FILE:
        problems.append(f"{file}: " + _("larger than {size} KiB; a kit file is text for a workshop").format(size=MAX_KIT_FILE // 1024))
    elif raw.startswith(b"\xef\xbb\xbf"):
        problems.append(f"{file}: " + _("starts with a byte order mark (saved as 'UTF-8 with BOM'); save it as plain UTF-8"))
    else:
        try:
            return tomllib.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            problems.append(f"{file}: " + _("not UTF-8 text (byte {byte}: {reason})").format(byte=exc.start, reason=exc.reason))
        except tomllib.TOMLDecodeError as exc:
            problems.append(f"{file}: " + _("not valid TOML: {problem}").format(problem=exc))
        except RecursionError:
            problems.append(f"{file}: " + _("not valid TOML: {problem}").format(problem=_("nested too deeply")))
        except ValueError as exc:  # an integer with thousands of digits
            problems.append(f"{file}: " + _("not valid TOML: {problem}").format(problem=exc))
    return None
