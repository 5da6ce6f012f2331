"""A loaded kit: typed, validated, and knowing nothing of the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tocht_cli import i18n
from tocht_cli.errors import NotFound
from tocht_cli.kit.items import Item

if TYPE_CHECKING:
    from tocht_cli.exercises.contract import ExerciseKind

KIT_FILE = "kit.toml"  # the kit's own file in its folder, beside one file per exercise

# Words outside the exercises that every kit must give in its own language.
LABEL_KEYS = (
    "session", "date", "place", "facilitator", "groups", "group", "default_group",
    "kit", "unanswered", "answered", "progress", "total", "note", "yes", "no", "none",
    "skip", "back", "jump", "stop", "done", "keep", "other", "remove", "edit", "add",
    "choose_exercise", "start", "exercise", "what", "before", "after", "changes",
    "no_changes", "follows", "merged_from", "replay_keys",
)  # fmt: skip
# Words added after kits were written: optional in a kit, this (Dutch, as every kit so far) word when it has none.
OPTIONAL_LABELS = {"not_discussed": "nog niet besproken", "no_answer": "verder zonder antwoord", "earlier": "vorige keer"}


@dataclass(frozen=True)
class Exercise:
    id: str
    kind: ExerciseKind
    code: str
    title: str
    intro: str
    spec: Any
    file: Path
    number: int
    subtitle: str = ""

    @property
    def heading(self) -> str:
        title = f"{self.title} ({self.subtitle})" if self.subtitle else self.title
        return f"{self.code} · {title}" if self.code else title


@dataclass(frozen=True)
class Kit:
    name: str
    version: str
    language: str
    title: str
    source: str
    intro: str
    labels: dict[str, str]
    exercises: tuple[Exercise, ...]
    path: Path
    builtin: bool = field(default=False)
    letter: str = ""  # the kit's opening, read when a session starts and at the top of a summary
    closing: str = ""  # the call that closes the last exercise and the summary

    @property
    def words(self) -> i18n.Translations:
        """tocht's own words in the kit's language: what the room reads (`kit.words.gettext(...)`)."""
        return i18n.words(self.language)

    def label(self, key: str) -> str:
        return self.labels[key] if key in self.labels else OPTIONAL_LABELS[key]  # a kit cached before the key was added

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
        raise NotFound(f"no exercise {ref!r} in kit {self.name} (exercises: {known})")

    def of_kind(self, kind: str) -> list[Exercise]:
        return [ex for ex in self.exercises if ex.kind.name == kind]

    def reference(self) -> dict[str, str | None]:
        """What a session records about its kit."""
        return {
            "name": self.name,
            "version": self.version,
            "path": None if self.builtin else str(self.path),
        }


def find_item(items: list[Item], ref: str, what: str = "item") -> Item:
    """An item by its id (any case) or its number as `tocht kit show` prints it."""
    ref = ref.strip()
    for item in items:
        if item.id.lower() == ref.lower() or str(item.number) == ref:
            return item
    from tocht_cli.errors import UsageError

    shown = ", ".join(f"{i.number}/{i.id}" for i in items[:12]) + (" …" if len(items) > 12 else "")
    raise UsageError(f"no {what} {ref!r}; valid: {shown}")
