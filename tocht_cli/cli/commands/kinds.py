"""`tocht KIND …`: each exercise kind's command group, built from the actions the kind describes.

A kind says what its commands take (`Param`) and do (`Action.run`); this is
the one place that turns that into typer commands, adds the options every
kind command shares (--session, --group, --exercise) and hands the action a
`Desk` on the right session, exercise and group.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Annotated, Any

import typer

from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import N_, _
from tocht_cli.cli import options as o
from tocht_cli.cli import tab
from tocht_cli.cli.invocation import current
from tocht_cli.kinds.contract import Action, CommandGroup, Exercise, ExerciseKind, Param
from tocht_cli.reports.screens import print_sheets
from tocht_cli.sessions.workspace import InvalidAnswer, Workspace


def build(kind: ExerciseKind, group: CommandGroup) -> typer.Typer:
    """The typer app of `tocht NAME`: without a sub-command it shows the answers."""
    app = typer.Typer(name=group.name, help=group.help, no_args_is_help=False, invoke_without_command=True, add_completion=False)
    exercise_ref = exercise_option(kind)

    def show_state(
        ctx: typer.Context, session: o.Session = None, group_: o.Group = None, exercise: Any = None, json: o.Json = False
    ) -> None:
        if ctx.invoked_subcommand is None:
            ws = current().workspace(session)
            print_sheets(ws, ws.exercise_of_kind(kind.name, exercise), group_, json, group.blocks)

    show_state.__annotations__["exercise"] = exercise_ref  # this kind's, which the annotation's text cannot name
    app.callback()(show_state)

    for action in group.actions:
        app.command(action.name, help=action.help)(command(kind, action, exercise_ref))
    return app


def exercise_option(kind: ExerciseKind) -> Any:
    """--exercise, completed with the kit's exercises of this kind."""
    return Annotated[
        str | None,
        o.exercise(N_("Exercise id, when the kit has several of this kind."), kind.name),
    ]


def refuse_another_table(ws: Workspace, ex: Exercise, args: dict[str, Any], group: str) -> None:
    """--group on a command for what the meeting answers as one only checks the name, except where the item
    belongs to a table (a follow-up step goes onto the plan of the table that promised it): naming another
    table there is refused rather than ignored."""
    try:
        item = ex.kind.find(ex, str(args.get("item") or ""), table=group)
    except UsageError:
        return  # no item, or not one of these: the command itself says so
    earlier = ex.kind.promised_by(ex, item.id)
    owner = ws.table_of(earlier) if earlier else None
    if owner is not None and owner != group:
        raise UsageError(
            _("{number}. {item} was promised by {owner!r}: it goes onto that table's plan, not onto the plan of {group!r}").format(
                number=item.number, item=item.text, owner=owner, group=group
            ),
            _("leave out --group, or give --group {owner!r}").format(owner=owner),
        )


def command(kind: ExerciseKind, action: Action, exercise_ref: Any) -> Any:
    """A function typer can read (its signature built from the action's params) that runs the action."""

    def run(**args: Any) -> None:
        session, group, exercise = args.pop("session"), args.pop("group_", None), args.pop("exercise")
        ws = current().workspace(session)
        ws.origin = args.pop("origin", o.Origin.hands).value
        ex = ws.exercise_of_kind(kind.name, exercise)
        for p in action.params:
            if p.parse is not None and args.get(p.name) is not None:
                args[p.name] = [typed(p, v) for v in args[p.name]] if p.many else typed(p, args[p.name])
        if group is not None and not action.per_group:
            args["table"] = ws.group(group)  # picks among steps of one number on several tables' plans
            refuse_another_table(ws, ex, args, args["table"])
        try:
            action.run(ws.desk(ex, ws.group(group) if action.per_group or group else ws.groups[0]), ex, args)
        except InvalidAnswer as exc:
            raise UsageError(refused(action, exc)) from None

    # every command takes --group, as its siblings do; one that is not per group only checks the name
    shared: list[tuple[str, Any]] = [("session", o.Session), ("group_", o.Group), ("exercise", exercise_ref)]
    parameters = [_parameter(kind, p) for p in action.params]
    parameters += [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=hint, default=None) for name, hint in shared]
    if counts(kind) and any(p.flag for p in action.params):  # a command that records a kind's counts says where they come from
        parameters.append(inspect.Parameter("origin", inspect.Parameter.KEYWORD_ONLY, annotation=o.CountsOrigin, default=o.Origin.hands))
    run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in parameters}
    run.__doc__ = action.help
    return run


def counts(kind: ExerciseKind) -> bool:
    """Whether the kind's answers hold counts (a show of hands, dots), whose origin a command then records."""
    from tocht_cli.kinds.fields import Among, DescribedKind
    from tocht_cli.kinds.values import Counts

    return isinstance(kind, DescribedKind) and any(isinstance(f.value, Among) and f.value.type is Counts for f in kind.answer)


def refused(action: Action, exc: InvalidAnswer) -> str:
    """A refused value named by the option or argument that gave it, not by its place in the file."""
    by_field = {p.fills or p.name: p.flag or _(p.metavar) or p.name.upper() for p in action.params}
    named = [by_field[f] for f in reversed(exc.fields) if f in by_field]
    return f"{named[0]}: {exc.problem}" if named else exc.problem


def typed(p: Param, text: str) -> Any:
    """An option's text as its value (`Param.parse`); refused as a usage error naming the option."""
    try:
        return p.parse(text) if p.parse else text
    except ValueError as exc:
        raise UsageError(f"{p.flag or p.name} {text!r}: {exc}") from None


def _parameter(kind: ExerciseKind, p: Param) -> inspect.Parameter:
    """One typer argument or option from its description; completed with the kit's items it names."""
    value: Any = list[p.type] if p.many else p.type  # type: ignore[name-defined]
    if not p.required and (p.type is not bool or p.negatable):
        value = value | None
    extra: dict[str, Any] = {"help": p.help, "show_default": False}
    if p.type is not bool:  # a word for what the value is (typer would print <str>, <int range>, <list[str]>)
        extra["metavar"] = p.metavar or (("N" if p.type is int else "TEXT") if p.flag else p.name.upper())
    if p.minimum is not None:
        extra["min"] = p.minimum
    if p.names is not None:
        extra["autocompletion"] = tab.items(kind.name, p.names, kind.numbered_by_id)
    if p.flag:
        info = typer.Option(*[d for d in (p.flag, p.short) if d], **extra)
    else:
        info = typer.Argument(**extra)
    default = ... if p.required else (False if p.type is bool and not p.negatable else None)
    return inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, annotation=Annotated[value, info], default=default)


def groups(kinds: Mapping[str, ExerciseKind]) -> dict[str, tuple[ExerciseKind, CommandGroup]]:
    """Every kind's command groups by name (`tocht statements`, `tocht checklist`…)."""
    return {group.name: (kind, group) for kind in kinds.values() for group in kind.command_groups()}
