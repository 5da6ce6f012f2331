"""`tocht kit …`: list[Any], show, validate and copy workshop kits."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import msgspec
import typer

from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import N_, _, ngettext
from tocht_cli.cli import options as o
from tocht_cli.cli.invocation import current
from tocht_cli.kinds.contract import Exercise, Kit
from tocht_cli.kit import loader, shipped
from tocht_cli.render import output

app = typer.Typer(help=N_("Workshop kits: the exercises and their texts, as data."), no_args_is_help=True, add_completion=False)


def selected_kit() -> Kit:
    """--kit when given, else the current session's kit, else the default."""
    if chosen := current().kit:
        return current().kits.load(chosen)

    store = current().store
    session = store.current_id()
    return current().kits.of(store.session(session)) if session else current().kits.load(shipped.DEFAULT_KIT)


@app.command("list", help=N_("The kits shipped with tocht."))
def list_kits(json: o.Json = False) -> None:
    kits = [current().kits.load(name) for name in shipped.builtin_names()]
    if json:
        output.data_json(
            [
                {"name": k.name, "version": k.version, "language": k.language, "title": k.title, "exercises": [e.id for e in k.exercises]}
                for k in kits
            ]
        )
        return
    for k in kits:
        exercises = ngettext("{n} exercise", "{n} exercises", len(k.exercises)).format(n=len(k.exercises))
        output.data(f"{k.name}  {k.version}  [{k.language}]  {k.title}  ({exercises})")


@app.command("show", help=N_("The kit's exercises with every item's number and id (what direct commands take)."))
def show(
    exercise: Annotated[
        str | None,
        o.exercise_argument(N_("One exercise (id or number); all when omitted."), kit=selected_kit),
    ] = None,
    json: o.Json = False,
) -> None:
    kit = selected_kit()
    exercises = [kit.exercise(exercise)] if exercise else list(kit.exercises)
    if json:
        doc = kit_json(kit)
        doc["exercises"] = [exercise_json(e) for e in exercises]
        output.data_json(doc)
        return
    from tocht_cli.render.layout import Hanging
    from tocht_cli.render.styled import Group, Text

    parts: list[Any] = []
    if not exercise:
        parts.append(Text(f"{kit.title}\n{kit.name} {kit.version} · {kit.source}\n", style="bold"))
        if kit.intro:  # the report's motto, its signature and the workbook's invitation
            parts.append(Text(kit.intro.strip() + "\n"))
        if kit.letter:
            parts.append(Text(kit.letter.strip() + "\n", style="italic"))
    for ex in exercises:
        parts.append(Hanging(Text(f"{ex.number}. {ex.heading}  ({ex.id})", style="bold cyan"), len(f"{ex.number}. ")))
        if ex.intro:
            parts.append(Hanging(Text(ex.intro.strip(), style="italic"), 2, first=2))
        parts.extend(_spec_lines(ex.spec, _named(kit, ex)))
        if ex.room_round is not None:  # what the room is asked first ([room]), by the id its commands take
            first = ex.room_round
            asked = " · ".join(item.text for item in first.kind.items(first))
            said = kit.words.gettext("The room first")
            line = Text(f"  {said}: {first.title} ({first.id}, {first.kind.name}): ", style="dim")
            parts.append(Hanging(line.append(asked), 6))
        parts.append(Text(""))
    if not exercise and kit.closing:
        parts.append(Text(kit.closing.strip(), style="italic"))
    output.data(Group(*parts))


def _named(kit: Kit, ex: Exercise) -> Callable[[str], str]:
    """What a text of the exercise's kit section is to the room, in the kit's language ("Vraag voor vandaag");
    its TOML key when the kind does not say (a third-party kind)."""
    from tocht_cli.kinds.contract import SPEC_WORDS

    words = {**SPEC_WORDS, **ex.kind.spec_words}
    return lambda key: kit.words.gettext(words[key]) if key in words else key


def _spec_lines(spec: Any, named: Callable[[str], str], indent: int = 2) -> Iterator[Any]:
    """Everything of a kit section a group reads: its words and questions, then its items, each wrapped under itself."""
    from tocht_cli.render.layout import Hanging
    from tocht_cli.render.styled import Text

    pad = " " * indent
    for field in spec.__struct_fields__:
        value = getattr(spec, field)
        name = field.rstrip("_")
        if name in ("id", "title", "number"):
            continue  # already in the heading of the block
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            line = Text(f"{pad}{named(name)}: ", style="dim")
            line.append(str(value).strip())
            yield Hanging(line, indent + 4)
        elif not isinstance(value, tuple) or not value:
            continue
        elif all(isinstance(v, str) for v in value):
            line = Text(f"{pad}{named(name)}: ", style="dim")
            line.append(" / ".join(value))
            yield Hanging(line, indent + 4)
        elif hasattr(value[0], "number"):
            yield Text(f"{pad}{named(name)}:", style="dim")
            ids = {item.id: "" if getattr(item, "self_named", False) else item.id for item in value}  # a word that is its own id, once
            width = max(len(shown) for shown in ids.values())
            for item in value:
                title = getattr(item, "title", None)
                head = Text(f"{pad}{item.number:>4}  " + (f"{ids[item.id]:<{width}}  " if width else ""))
                hang = len(head)
                head.append(title or item.text, style="bold" if title else "")
                yield Hanging(head, hang)
                if title and item.text:
                    yield Hanging(Text(item.text), hang, first=hang)
        else:
            for sub in value:
                yield Hanging(Text(f"{pad}{sub.id}. {sub.title}", style="bold"), indent + len(f"{sub.id}. "))
                yield from _spec_lines(sub, named, indent + 2)


def kit_json(kit: Kit) -> dict[str, Any]:
    return {
        "name": kit.name,
        "version": kit.version,
        "language": kit.language,
        "title": kit.title,
        "source": kit.source,
        "intro": kit.intro,
        "letter": kit.letter,
        "closing": kit.closing,
        "labels": kit.words_used(),
        "exercises": [exercise_json(e) for e in kit.exercises],
    }


def exercise_json(ex: Exercise) -> dict[str, Any]:
    spec = {k.rstrip("_"): v for k, v in msgspec.to_builtins(ex.spec).items()}
    return {
        "id": ex.id,
        "number": ex.number,
        "kind": ex.kind.name,
        "code": ex.code,
        "title": ex.title,
        "subtitle": ex.subtitle,
        "intro": ex.intro,
        **spec,
        **({"room": exercise_json(ex.room_round)} if ex.room_round else {}),
    }


@app.command("validate", help=N_("Check a kit of your own: one line per problem (file, key, what is wrong)."))
def validate(path: Annotated[Path, typer.Argument(metavar=N_("PATH"), help=N_("A kit folder, or its kit.toml."))]) -> None:
    if not path.exists():
        from tocht_cli.base.errors import NotFound

        raise NotFound(_("no such file or folder: {path}").format(path=path))
    kit = loader.load_path(path, current().kits.kinds)
    items = sum(len(_count_items(e.spec)) for e in kit.exercises)
    exercises = ngettext("{n} exercise", "{n} exercises", len(kit.exercises)).format(n=len(kit.exercises))
    counted = ngettext("{n} item", "{n} items", items).format(n=items)
    output.data(
        _("{kit} {version} is valid: {exercises}, {items}").format(kit=kit.name, version=kit.version, exercises=exercises, items=counted)
    )


def _count_items(spec: Any) -> list[msgspec.Struct]:
    found = []
    for field in spec.__struct_fields__:
        for v in getattr(spec, field) if isinstance(getattr(spec, field), tuple) else ():
            if isinstance(v, msgspec.Struct) and hasattr(v, "number"):
                found.append(v)
            elif isinstance(v, msgspec.Struct):
                found.extend(_count_items(v))
    return found


@app.command("copy", help=N_("Copy a kit (--kit, default tocht-2017) into a folder to make it your own."))
def copy(target: Annotated[Path, typer.Argument(metavar=N_("FOLDER"), help=N_("A new folder to copy the kit into."))]) -> None:
    from tocht_cli.cli import outfile

    kit = selected_kit() if current().kit else current().kits.load(shipped.DEFAULT_KIT)
    if target.exists() or target.is_symlink():
        raise UsageError(_("{path} already exists; give a new folder").format(path=target))
    outfile.guard(target)
    try:
        shutil.copytree(kit.path, target)
    except (OSError, shutil.Error) as exc:
        raise outfile.WriteFailed(_("could not copy the kit to {path}: {problem}").format(path=target, problem=exc)) from None
    output.message(_("copied {kit} to {path}; edit it, then: tocht kit validate {path}").format(kit=kit.name, path=target))
    output.data(str(target.resolve()))


class SheetFormat(str, Enum):
    pdf = "pdf"
    html = "html"


@app.command(
    "sheets",
    help=N_(
        "Blank worksheets to print for tables that answer on paper, with the numbers the direct commands take; "
        "with --session, a set for each of its tables, named in the header."
    ),
)
def sheets(
    exercise: Annotated[
        str | None, o.exercise_argument(N_("One exercise (id or number); every exercise when omitted."), kit=selected_kit)
    ] = None,
    fmt: Annotated[
        SheetFormat | None,
        typer.Option("--format", "-f", help=N_("pdf to print, or html; default: as --output's extension says, else pdf.")),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar=N_("FILE"), help=N_("File to write (replaced whole; never the database); - for stdout.")),
    ] = None,
    session: o.Session = None,
    people: Annotated[int, typer.Option("--people", "-n", min=1, max=100, help=N_("People at a table: one bingo card each."))] = 6,
) -> None:
    from tocht_cli.base.text import visible
    from tocht_cli.cli import outfile
    from tocht_cli.reports.handout import worksheets
    from tocht_cli.reports.printed import rendered

    if out is not None and not visible(out):
        raise UsageError(_("--output is empty; give a file name, or - for standard output"))
    fmt = fmt or SheetFormat(outfile.format_of(out, [f.value for f in SheetFormat]) or SheetFormat.pdf)
    if fmt is SheetFormat.pdf:
        outfile.refuse_binary_on_terminal(out, _("a PDF"))
    if out not in (None, *outfile.STDOUT_NAMES):
        outfile.guard(Path(out))  # before the work, so a refused path costs nothing
    ws = current().workspace(session) if session else None
    kit = ws.kit if ws else selected_kit()
    exercises = [kit.exercise(exercise)] if exercise else list(kit.exercises)
    outfile.write(out or "-", rendered(worksheets(kit, exercises, people, ws), fmt.value))
