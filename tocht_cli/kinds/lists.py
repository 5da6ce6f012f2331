"""Lists inside an exercise-wide answer (regional rows, words, alliances), changed safely by number."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import _
from tocht_cli.base.text import clean, visible
from tocht_cli.render.blocks import Listing
from tocht_cli.store.shapes import EXERCISE_LEVEL

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Prompter


def required(text: str, what: str) -> str:
    """Typed text that must show something (not empty, not only spaces or zero-width characters);
    `what` (marked with N_) names it in the error."""
    if not visible(text):
        raise UsageError(_("{what} needs visible characters; nothing was changed").format(what=_(what)))
    return text


class NumberedList:
    """A numbered list inside an exercise-wide answer (regional rows, words, alliances).

    Each method returns a change for `Workspace.save`, applied to the list as
    it is at that moment under the lock, so two terminals adding a row both
    keep theirs. `expected` is the entry the person saw at that number: when
    another terminal changed the list meanwhile, nothing happens and they are told.
    `what` (marked with N_) names an entry in messages.
    """

    def __init__(self, key: str, what: str, unique: bool = False):
        self.key = key
        self.what = what
        self.unique = unique  # a list of texts where the same text twice means nothing more
        self.entry: Any = None  # the entry added, removed or edited, for the confirmation
        self.number = 0

    def entries(self, value: dict[str, Any]) -> list[Any]:
        return list(value.get(self.key) or [])

    def _index(self, entries: list[Any], number: int, expected: Any) -> int:
        """The entry at `number`; with `expected`, wherever that entry is now (rows above it may have gone)."""
        if expected is not None:
            found = [i for i, entry in enumerate(entries) if entry == expected]
            if not found:
                raise UsageError(
                    _("{what} {number} was changed or removed in the meantime (another terminal?); nothing was changed").format(
                        what=_(self.what), number=number
                    ),
                    _("look again and repeat"),
                )
            return min(found, key=lambda i: abs(i - (number - 1)))
        if not 1 <= number <= len(entries):
            raise UsageError(_("no {what} {number}; there are {count}").format(what=_(self.what), number=number, count=len(entries)))
        return number - 1

    def add(self, entry: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
        def change(value: dict[str, Any]) -> dict[str, Any]:
            entries = self.entries(value)
            if self.unique:
                same = [n for n, e in enumerate(entries, 1) if clean(e).casefold() == clean(entry).casefold()]
                if same:
                    raise UsageError(
                        _("{what} {entry!r} is already number {number}; nothing was added").format(
                            what=_(self.what), entry=clean(entry), number=same[0]
                        )
                    )
            value[self.key] = [*entries, entry]
            self.entry, self.number = entry, len(entries) + 1
            return value

        return change

    def remove(self, number: int, expected: Any = None) -> Callable[[dict[str, Any]], dict[str, Any]]:
        def change(value: dict[str, Any]) -> dict[str, Any]:
            entries = self.entries(value)
            index = self._index(entries, number, expected)
            self.entry, self.number = entries.pop(index), index + 1
            value[self.key] = entries
            return value

        return change

    def edit(self, number: int, changes: dict[str, Any], expected: Any = None) -> Callable[[dict[str, Any]], dict[str, Any]]:
        def change(value: dict[str, Any]) -> dict[str, Any]:
            entries = self.entries(value)
            index = self._index(entries, number, expected)
            entries[index] = self.entry = {**entries[index], **changes}
            self.number = index + 1
            value[self.key] = entries
            return value

        return change

    def keep(self, shown: list[Any]) -> Callable[[dict[str, Any]], dict[str, Any]]:
        """The walk showed an earlier meeting's entries as defaults: keep them, unless there are entries now."""

        def change(value: dict[str, Any]) -> dict[str, Any]:
            if not self.entries(value):
                value[self.key] = list(shown)
            return value

        return change


def taken_over(w: Prompter, entries: NumberedList, shown_as: Callable[[Any], str], asked: Callable[[int], str]) -> None:
    """A follow-up's entries of last time (rows, alliances, words), listed marked "(vorige keer)", then taken
    over only when the group says so: nothing is recorded that nobody chose, and the pointer starts on what
    records nothing. This meeting's own entries are simply there. `asked(count)` is the question, in the
    kit's words for one or more of its entries ("Deze rij van vorige keer overnemen?")."""
    earlier = list(w.before(EXERCISE_LEVEL).get(entries.key) or [])
    if not earlier or w.own(EXERCISE_LEVEL).get(entries.key):
        return
    mark = w.label("earlier").replace(" ", "\xa0")  # "(vorige keer)" whole on a line
    w.present([Listing(tuple((n, f"{shown_as(entry)} ({mark})", "") for n, entry in enumerate(earlier, 1)))])
    choices = [(w.kit.words.gettext("start empty"), False), (w.kit.words.gettext("take them over"), True)]
    if w.select(asked(len(earlier)), choices, default=None):
        w.save(EXERCISE_LEVEL, entries.keep(earlier))
