"""A table's scribe: the table's answers to an exercise as forms built from the kind's Fields and
Actions, saved for the table; a change another scribe made meanwhile stays, shown beside what this
scribe typed."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from tocht_cli.base.errors import TochtError
from tocht_cli.room import forms
from tocht_cli.room.guards import Phone, for_phone
from tocht_cli.room.live import Clash
from tocht_cli.room.site import Denied, see
from tocht_cli.sessions import attendance, groups
from tocht_cli.sessions.seating import between_commas, typed_people
from tocht_cli.store import EXERCISE_LEVEL


@for_phone()
async def tables(request: Request, phone: Phone) -> Response:
    return await tables_page(request, phone)


async def tables_page(request: Request, phone: Phone, problem: str = "", status: int = 200) -> Response:
    """The exercises a table fills in (not the personal cards), and who sits at the table."""
    site, device = phone.site, phone.device
    listed = [ex for ex in site.kit.exercises if ex.kind.personal_card(ex) is None]
    record = await run_in_threadpool(site.room.ws.store.session, site.room.ws.id)  # as it is now: the command line may have said
    seat = attendance.seat(record, device.table)
    values: dict[str, Any] = {"device": device, "csrf": site.csrf(device.id), "exercises": listed, "seat": seat, "problem": problem}
    return site.page("tables.html", request, status, **values, saved=request.query_params.get("saved") == "who")


@for_phone()
async def who(request: Request, phone: Phone) -> Response:
    """Who sits at the table, as its scribe says: the organisations (between commas) and how many people; what
    the form leaves empty is not said."""
    site, device, form = phone.site, phone.device, phone.form
    names = between_commas(str(form.get("organisations") or ""))
    count = str(form.get("people") or "").strip()
    try:
        seat = attendance.Seat(tuple(attendance.organisations(names)), typed_people(count) if count else None)
        await run_in_threadpool(groups.reseated, site.room.ws, device.table, lambda _before: seat)
    except (ValueError, TochtError) as exc:
        return await tables_page(request, phone, getattr(exc, "message", str(exc)), 400)
    return see("/p/table?saved=who#who")


@for_phone()
async def scribe(request: Request, phone: Phone) -> Response:
    return await scribe_page(request, phone)


async def scribe_page(
    request: Request,
    phone: Phone,
    problem: str = "",
    status: int = 200,
    typed: forms.Typed | None = None,
    item: str | None = None,
    refused: forms.Refusal | None = None,
) -> Response:
    """A table's answers to an exercise as forms; a long exercise one answer at a time (`item`, or ?item=)."""
    site, device = phone.site, phone.device
    if not site.seated(device):  # an answer sent from a device whose table is gone
        return see("/p/join")
    ex = site.exercise(request.path_params["exercise"])
    if ex.kind.personal_card(ex) is not None:
        raise Denied(404, site.kit.words.gettext("There is no such exercise."))
    sheet = await run_in_threadpool(site.room.sheet, ex, device.table)
    gave = await run_in_threadpool(site.room.ws.room_ranking, ex.room_round) if ex.room_round else []
    sections = forms.sections(ex, sheet, site.kit, typed, gave=gave, refused=refused)
    here = site.room.stop
    room_item = here.item.id if here.exercise is ex and here.item else None
    return site.page(
        "scribe.html",
        request,
        status,
        device=device,
        csrf=site.csrf(device.id),
        ex=ex,
        sections=sections,
        focus=forms.focus(sections, item or request.query_params.get("item"), room_item),
        room_item=room_item,
        problem=problem,
        saved=request.query_params.get("saved", "")[:80],
    )


@for_phone()
async def scribe_answer(request: Request, phone: Phone) -> Response:
    """One answer's fields saved for the table."""
    site, form = phone.site, phone.form
    ex = site.exercise(request.path_params["exercise"])
    item = str(form.get("item") or "")
    try:
        given, shown = forms.submitted(ex, item, form, site.kit)
        _, kept = await run_in_threadpool(site.room.answer, phone.device, ex, item, given, shown)
    except forms.WrongField as exc:  # the form again as typed, only the wrong field marked
        return await scribe_page(request, phone, str(exc), 400, item=item, refused=forms.Refusal(item, form, exc.name, str(exc)))
    except (ValueError, TochtError) as exc:  # the whole answer refused (more dots than people): the form again as typed
        said = getattr(exc, "message", str(exc))
        return await scribe_page(request, phone, said, 400, item=item, refused=forms.Refusal(item, form, "", said))
    if kept:  # another scribe's change stays; this scribe sees what they typed beside it
        problem = forms.conflict_message(ex, item, kept, site.kit)
        return await scribe_page(request, phone, problem, 409, {(item, ""): {name: given[name] for name in kept}}, item)
    return see_saved(ex.id, item, item)


@for_phone()
async def scribe_action(request: Request, phone: Phone) -> Response:
    """One of the kind's actions (add a row, clear an item…) run for the table."""
    site, form = phone.site, phone.form
    ex = site.exercise(request.path_params["exercise"])
    item = str(form.get("item") or EXERCISE_LEVEL)
    try:
        action = forms.find_action(ex, request.path_params["action"])
        if item not in {i for i, _ in ex.kind.answer_items(ex)} | {EXERCISE_LEVEL}:
            raise ValueError(site.kit.words.gettext("There is nothing here."))
    except ValueError as exc:
        return await scribe_page(request, phone, str(exc), 400, item=item)
    try:
        args = forms.action_args(action, item, form, site.kit)
        shown = str(form.get("shown.") or "") if forms.guarded(action) else None
        await run_in_threadpool(site.room.act, phone.device, ex, action, item, args, shown)
    except Clash as exc:  # another scribe's change stays; this scribe's choice is shown again
        return await scribe_page(request, phone, exc.message, 409, {(item, action.name): args}, item)
    except (ValueError, TochtError) as exc:  # the form again as typed, only the wrong parameter marked
        said = getattr(exc, "message", str(exc))
        sent = forms.refused_form(action, item, form, said, exc.name if isinstance(exc, forms.WrongField) else "")
        return await scribe_page(request, phone, said, 400, item=item, refused=sent)
    return see_saved(ex.id, item, action.name)


def see_saved(exercise: str, item: str, saved: str) -> Response:
    """Back to the answer just saved, which says so."""
    return see(f"/p/table/{quote(exercise)}?item={quote(item)}&saved={quote(saved)}#i-{quote(item)}")
