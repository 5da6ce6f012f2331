"""The opinion map in the room: the facilitator shows it (the control view's button, the terminal's key),
the screen draws it in place of the statement, and each phone placed on it hears which group its votes are
closest to (only its own). Computed again only when the room changed since (a vote, someone coming)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from tocht_cli.render.scatter import svg
from tocht_cli.room.live import Device, Room, fingerprint
from tocht_cli.sessions.opinions import Opinions, Pending, mappable, opinions, plain, threshold_of
from tocht_cli.sessions.opinions_said import map_said, pending_said

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Kit

SCREEN_MAP = (760, 560)  # the map's own units on the projector (CSS fits it to the screen's height)
CONTROL_MAP = (420, 320)  # the control view's preview: the map at a glance, beside the facilitator's other peeks
_computed: dict[int, tuple[int, str, Opinions | Pending]] = {}  # per room: the version of the room it was computed at


def computed(room: Room) -> Opinions | Pending:
    """The map of the exercise where the room is, from every vote on it (the same ballots give the same map)."""
    ex, version = room.stop.exercise, room.changes.version
    kept = _computed.get(id(room))
    if kept is not None and kept[:2] == (version, ex.id):
        return kept[2]
    found = opinions(ex, room.exercise_ballots(ex), threshold_of(ex, room.ws.disclosure().min_votes))
    if len(_computed) > 16:  # rooms of earlier runs in this process (the tests')
        _computed.clear()
    _computed[id(room)] = (version, ex.id, found)
    return found


def screen_values(room: Room) -> dict[str, Any]:
    """What the screen shows of the map: nothing unless the facilitator shows it where the room is."""
    if not room.map_shown():
        return {"opinion": None}
    found = computed(room)
    if isinstance(found, Pending):
        return {"opinion": None, "opinion_pending": pending_said(found, room.kit)}
    said = map_said(room.stop.exercise, found, room.kit)
    return {"opinion": said, "opinion_svg": Markup(svg(said.chart, *SCREEN_MAP, marks=1.7))}  # render/scatter.py escapes every text


def screen_state(room: Room) -> dict[str, Any]:
    """What the screen's and the control view's scripts follow of the map: whether it can be shown here (the
    button), and while it is shown, a trace of it (a vote that moves a dot redraws it)."""
    if not room.map_shown():
        return {"mappable": mappable(room.stop.exercise), "map": ""}
    found = computed(room)
    return {"mappable": True, "map": fingerprint(plain(found.map if isinstance(found, Opinions) else found))}


def control_values(room: Room) -> dict[str, Any]:
    """The control view: whether the map can be shown here, whether it is, and why not yet; once enough devices
    voted (the kit's minimums), a small preview of it, so the facilitator sees what `o` would show."""
    if not mappable(room.stop.exercise):
        return {"mappable": False}
    found = computed(room)
    if isinstance(found, Pending):
        return {"mappable": True, "map_pending": pending_said(found, room.kit)}
    said = map_said(room.stop.exercise, found, room.kit)
    return {"mappable": True, "map_pending": "", "map_peek": Markup(svg(said.chart, *CONTROL_MAP, marks=1.6)), "map_peek_note": said.note}


def phone_values(room: Room, device: Device, kit: Kit) -> dict[str, Any]:
    """What a phone hears while the map is shown, in its kit's words (`kit`): the group its own votes are closest
    to and what a group is, or why none."""
    if not room.map_shown():
        return {}
    found, words = computed(room), kit.words
    if isinstance(found, Pending):
        return {"closest": pending_said(found, kit)}
    letter = found.closest.get(device.id)
    if letter:
        return {
            "closest": words.gettext("Your votes are closest to group {letter}.").format(letter=letter),
            "group_meant": words.gettext("A group is neither a table nor a person: the phones that voted alike."),
        }
    if found.map.groups:
        return {
            "closest": words.gettext("You are not on the map: vote on at least {each} statements to be placed.").format(
                each=threshold_of(room.stop.exercise, 1).each
            )
        }
    return {"closest": words.gettext("The room forms one group: its votes part nowhere clearly.")}
