"""A loaded kit: typed, validated, and knowing nothing of the store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic

from msgspec import Struct

from tocht_cli.base import i18n
from tocht_cli.base.errors import NotFound
from tocht_cli.base.i18n import N_, _
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.tables import KitTable

if TYPE_CHECKING:
    from typing_extensions import TypeVar  # a default for the type parameter (typing's own from Python 3.13)

    from tocht_cli.kinds.contract import ExerciseKind

    SpecT = TypeVar("SpecT", bound=KitTable, default=Any, covariant=True)
else:
    from typing import TypeVar

    SpecT = TypeVar("SpecT", bound=KitTable, covariant=True)  # the default only matters to the type checker


# The words the room reads outside the exercises, by key: said in the kit's language from tocht's
# catalogs; a kit's [labels] table may give its own word for any of them (a kit in a language
# tocht has no catalog for gives them all).
LABELS = {
    "session": N_("Session"),
    "date": N_("Date"),
    "place": N_("Place"),
    "facilitator": N_("Facilitator"),
    "audience": N_("For"),  # the audience an exported summary is for: the room, the network, the public
    "groups": N_("Groups"),
    "group": N_("Group"),
    "default_group": N_("group 1"),
    "kit": N_("Kit"),
    "unanswered": N_("not answered yet"),
    "answered": N_("answered"),
    "progress": N_("Progress"),
    "total": N_("Total"),
    "note": N_("Note"),
    "yes": N_("yes"),
    "no": N_("no"),
    "none": N_("none"),
    "skip": N_("skip"),
    "back": N_("back"),
    "next_open": N_("next open item"),
    "jump": N_("jump to another exercise"),
    "stop": N_("quit"),
    "done": N_("done"),
    "keep": N_("keep"),
    "other": N_("write your own"),
    "remove": N_("remove"),
    "edit": N_("edit"),
    "add": N_("add"),
    "pick_suggestion": N_("Or choose one of the suggestions"),
    "choose_exercise": N_("Which exercise?"),
    "start": N_("begin"),
    "ready": N_("Ready to begin?"),
    "which_group": N_("Which group (table) is answering?"),
    "no_answer": N_("go on without an answer"),
    "earlier": N_("last time"),
    "exercise": N_("Exercise"),
    "what": N_("What"),
    "before": N_("then"),
    "after": N_("now"),
    "added": N_("added"),
    "removed": N_("removed"),
    "changes": N_("What has changed?"),
    "no_changes": N_("Nothing has changed."),
    "not_discussed": N_("not discussed yet"),
    "follows": N_("Follow-up of"),
    "merged_from": N_("Merged from"),
    "replay_keys": N_("Enter or space: next · b: back · q: stop"),
}


Renamed = dict[str, dict[str, str]]
"""An exercise file's [renamed]: per list of options (`positions`), each former name → the option's name now.
Answers keep an option as its text: saved under a former name, they are read under the name now."""


class Exercise(Struct, Generic[SpecT], frozen=True):
    """One exercise of a kit. `spec` is its kind's part of the exercise file, validated into the kind's
    `spec_type`: a kind annotates `ex: Exercise[Spec]` and reads `ex.spec.target` type-checked; code that
    holds exercises of any kind says `Exercise` (`Exercise[Any]`) and hands the spec to the kind."""

    id: str
    kind: ExerciseKind
    code: str
    title: str
    intro: str
    spec: SpecT
    file: Path
    number: int
    subtitle: str = ""
    minutes: int = 0  # how long the room's timer runs for one item (or round); 0: tocht's own default
    renamed: Renamed = {}

    @property
    def heading(self) -> str:
        title = f"{self.title} ({self.subtitle})" if self.subtitle else self.title
        return f"{self.code} · {title}" if self.code else title


class Kit(Struct, frozen=True):
    name: str
    version: str
    language: str
    title: str
    source: str
    intro: str
    labels: dict[str, str]
    exercises: tuple[Exercise, ...]
    path: Path
    builtin: bool = False
    letter: str = ""  # the kit's opening, read when a session starts and at the top of a summary
    closing: str = ""  # the call that closes the last exercise and the summary

    @property
    def words(self) -> i18n.Translations:
        """tocht's own words in the kit's language: what the room reads (`kit.words.gettext(...)`)."""
        return i18n.words(self.language)

    def label(self, key: str) -> str:
        """A word the room reads: the kit's own when it gives one, else tocht's in the kit's language."""
        return self.labels.get(key) or self.words.gettext(LABELS[key])

    def words_used(self) -> dict[str, str]:
        """Every label as the room reads it."""
        return {key: self.label(key) for key in LABELS}

    def exercise(self, ref: str) -> Exercise:
        """An exercise by id, number or unambiguous start of its id."""
        ref = ref.strip().lower()
        for ex in self.exercises:
            if ex.id.lower() == ref or str(ex.number) == ref:
                return ex
        matches = [ex for ex in self.exercises if ex.id.lower().startswith(ref)]
        if len(matches) == 1:
            return matches[0]
        known = ", ".join(ex.id for ex in self.exercises)
        raise NotFound(_("no exercise {ref!r} in kit {kit} (exercises: {known})").format(ref=ref, kit=self.name, known=known))

    def of_kind(self, kind: str) -> list[Exercise]:
        return [ex for ex in self.exercises if ex.kind.name == kind]

    def reference(self) -> dict[str, str | None]:
        """What a session records about its kit."""
        return {
            "name": self.name,
            "version": self.version,
            "path": None if self.builtin else str(self.path),
        }


def find_item(items: list[Item], ref: str, what: str = N_("item")) -> Item:
    """An item by its id (any case) or its number as `tocht kit show` prints it; `what` (marked with N_)
    names it in the error."""
    ref = ref.strip()
    for item in items:
        if item.id.lower() == ref.lower() or str(item.number) == ref:
            return item
    from tocht_cli.base.errors import UsageError

    valid = ", ".join(f"{i.number}/{i.id}" for i in items)  # every one: a list cut short hides the one meant
    raise UsageError(_("no {what} {ref!r}; valid: {valid}").format(what=_(what), ref=ref, valid=valid))
