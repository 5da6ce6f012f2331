"""Woordwolk: an open question the whole room answers in a few words, shown as a word cloud.

A table writes its words down (`tocht words add`, the walk, a scribe's form); in a room every phone
gives its own (a ballot, one per device, changeable until the vote closes), and saving the room's
tally puts the words of a table's phones beside the table's own. An answer's entries (between commas,
semicolons or lines) are counted whole, a phrase ("samen werken") as one, after folding case and accents
("Cultuur", "cultuur" and "cúltuur" are one word), each answer counting an entry once; the kit language's
stop words (data/stopwords/) are trimmed from an entry's edges, and an entry of nothing else left out. An
entry is shown as most wrote it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from tocht_cli.base.data import data_root
from tocht_cli.base.i18n import N_, ngettext
from tocht_cli.kinds.actions import Subject, clear_action, item_label, item_of, item_param, set_action
from tocht_cli.kinds.contract import Action, Param, Prompter, Sheet, question_heading, question_number
from tocht_cli.kinds.fields import DescribedKind, Field, params, spec_text
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.rounds import ROUND_ITEM, question
from tocht_cli.kinds.tables import KitTable, KitText, Numbered, Whole
from tocht_cli.kinds.values import Text
from tocht_cli.render.blocks import Block, Cloud, Heading, Lines, Paragraph, Table

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Desk, Exercise, Kit

MAX_ANSWER = 120  # what one phone sends: a few words, not a paragraph
MOST_PER_DEVICE = 10
EDGE_PUNCTUATION = ".,;:!?¡¿…'\"‘’“”„«»‹›-–—_*·•/\\|"  # trimmed from an entry's edges (a bracket only in pairs)
ENTRIES = re.compile(r"[,;\n]+")


class Spec(KitTable, frozen=True):
    answers: KitText  # the heading of the words ("Woorden")
    answers_question: KitText  # what the walk and a phone ask for them
    phones: KitText  # the heading of the words a table's phones gave
    questions: Annotated[tuple[Item, ...], Numbered()]
    per_device: Annotated[int, Whole(1, MOST_PER_DEVICE)] = 3  # answers a phone's words count as


def folded(word: str) -> str:
    """A word as it is counted: without case and accents."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)).casefold()


@cache
def stop_words(language: str) -> frozenset[str]:
    """The language's stop words (data/stopwords/LANGUAGE.txt), folded; none for a language without a list."""
    path = data_root() / "stopwords" / f"{language.split('-')[0].lower()}.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(folded(line.strip()) for line in lines if line.strip() and not line.startswith("#"))


def entries(text: str, most: int | None = None) -> list[str]:
    """An answer's entries (separated by commas, semicolons or lines), the first `most` of them."""
    found = [e.strip() for e in ENTRIES.split(text) if e.strip()]
    return found[:most] if most else found


def counted(answers: Iterable[str], language: str, most: int | None = None, hidden: Collection[str] = ()) -> tuple[tuple[str, int], ...]:
    """How many answers gave each entry, most first (then alphabetically), each as most of them wrote it;
    stop words trimmed from its edges, single letters, entries of stop words alone and `hidden` ones left out."""
    return tuple((shown, n) for _key, shown, n in tallied(answers, language, most, hidden))


def tallied(
    answers: Iterable[str], language: str, most: int | None = None, hidden: Collection[str] = ()
) -> tuple[tuple[str, str, int], ...]:
    """`counted` with each entry's key (`keyed`): what the facilitator hides one word of the cloud by."""
    stop = stop_words(language)
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for answer in answers:
        keys: dict[str, str] = {}
        for entry in entries(answer, most):
            key, written = keyed(entry, stop)
            if len(key) > 1 and key not in hidden:
                keys.setdefault(key, written)
        counts.update(keys.keys())
        for key, written in keys.items():
            spellings.setdefault(key, Counter())[written] += 1
    shown = {key: spelled(spellings[key]) for key in counts}
    ordered = sorted(counts.items(), key=lambda pair: (-pair[1], folded(shown[pair[0]]), shown[pair[0]]))
    return tuple((key, shown[key], n) for key, n in ordered)


def keyed(entry: str, stop: frozenset[str]) -> tuple[str, str]:
    """An entry as it is counted (folded, stop words and punctuation trimmed from its edges) and as it was
    written: the typed text as one phrase, so a character such as < or / inside it never splits it into
    more words (text is data: "<b>vet</b>" is shown as typed, not as "b vet b"); none without a letter."""
    written = unwrapped(" ".join(trimmed(unwrapped(entry).split(), stop)))
    if not any(ch.isalpha() for ch in written):
        return "", ""
    return " ".join(folded(written).split()), written


def unwrapped(text: str) -> str:
    """Text without the punctuation at its edges ("cultuur!" and "(cultuur)" are "cultuur"); a bracket only
    when it encloses the whole, so "cultuur (lokaal)" keeps its own."""
    while True:
        inner = text.strip().strip(EDGE_PUNCTUATION)
        if len(inner) > 1 and unicodedata.category(inner[0]) == "Ps" and unicodedata.category(inner[-1]) == "Pe":
            inner = inner[1:-1]
        if inner == text:
            return text
        text = inner


def without(answer: str, hidden: Collection[str], language: str) -> str:
    """An answer without the entries the facilitator hid (by key): the phone's other words stay."""
    stop = stop_words(language)
    return ", ".join(e for e in entries(answer) if keyed(e, stop)[0] not in hidden)


def trimmed(words: list[str], stop: frozenset[str]) -> list[str]:
    """An entry's words without the stop words at its edges ("de cultuur" is "cultuur"; "samen met hen" stays
    whole inside); none when it holds nothing else."""
    kept = [n for n, w in enumerate(words) if folded(unwrapped(w)) not in stop]
    return words[kept[0] : kept[-1] + 1] if kept else []


def spelled(spellings: Counter[str]) -> str:
    """An entry as the room wrote it: the spelling most typed, case aside ("cultuur" when two of three typed it,
    not the one "cúltuur"; a tie: the first given); in lower case unless everyone wrote it with a capital (a name)."""
    typed: Counter[str] = Counter()
    for written, n in spellings.items():  # in the order they were given
        typed[written.lower()] += n
    best = max(typed, key=typed.__getitem__)  # the first of the most typed
    if all(w[:1].isupper() for w in spellings):
        return next(w for w in spellings if w.lower() == best)
    return best


def lines_of(value: dict[str, Any] | None) -> list[str]:
    """A table's answers to a question: its own lines, then those of its phones."""
    value = value or {}
    return [line for name in ("words", "room") for line in (value.get(name) or "").splitlines() if line.strip()]


class Words(DescribedKind):
    name = "words"
    help = N_("An open question the room answers in a few words, shown as a word cloud; show them with `tocht words`.")

    answer = (
        Field("words", Text(multiline=True), spec_text("answers"), spec_text("answers_question"),
              N_("The group's words: one answer a line (or separated by commas)."), "--words", main=True),
        Field("room", Text(multiline=True), spec_text("phones")),
    )  # fmt: skip
    ballot = (Field("words", Text(max_len=MAX_ANSWER), spec_text("answers"), spec_text("answers_question"), main=True),)

    spec_type = Spec
    spec_words: ClassVar[dict[str, str]] = {
        "answers": N_("Heading for the words"),
        "answers_question": N_("Question for the words"),
        "phones": N_("Heading for the phones' words"),
        "per_device": N_("Answers per phone"),
        "questions": N_("Questions"),
    }

    def items(self, ex: Exercise) -> list[Item]:
        return list(ex.spec.questions)

    def round_spec(self, parent: Exercise, room: Any, seeds: tuple[str, ...]) -> Spec:
        """The words the room gives first, one question: a cloud that feeds the exercise's words."""
        return Spec(room.heading, room.question, room.heading, question(room), room.per_device)

    def ranked(
        self, ex: Exercise, ballots: list[dict[str, Any]], sheets: dict[str, Sheet], state: dict[str, Any], kit: Kit
    ) -> list[tuple[str, int]]:
        """The room's words, the most given first: every phone's and the words the tables typed themselves (not
        their tally of the phones: those are counted once); an answer or a word the facilitator hid left out."""
        hidden = set(state.get("hidden") or [])
        place = f"{ex.id}/{ROUND_ITEM}#"
        words_hidden = {key.removeprefix(place) for key in hidden if key.startswith(place)}
        given = [str(b["value"].get("words") or "") for b in ballots if f"{ex.id}/{b['item']}#{b['device']}" not in hidden]
        typed = [
            line
            for sheet in sheets.values()
            for item in self.items(ex)
            for line in ((sheet.get(item.id) or {}).get("words") or "").splitlines()
        ]
        return list(counted([g for g in given + typed if g.strip()], kit.language, ex.spec.per_device, words_hidden))

    def room_blocks(self, ex: Exercise, ranked: list[tuple[str, int]], kit: Kit) -> list[Block]:
        return [Cloud(item.text, tuple(ranked)) for item in self.items(ex)]

    def ballot_hint(self, ex: Exercise, kit: Kit) -> str:
        """The limit and the commas, before a phone sends "samen cultuur dialoog" as one phrase."""
        most = ex.spec.per_device
        return kit.words.ngettext(
            "At most {count} word or phrase.", "At most {count} words or phrases, with commas between them.", most
        ).format(count=most)

    def ballot_problem(self, ex: Exercise, given: dict[str, Any], kit: Kit) -> str:
        """More entries than the kit counts per phone are refused, said with the limit ("Hoogstens 3 woorden.")."""
        most = ex.spec.per_device
        if len(entries(str(given.get("words") or ""))) <= most:
            return ""
        return kit.words.ngettext("At most {count} word.", "At most {count} words.", most).format(count=most)

    def ballot_vetted(self, ex: Exercise, value: dict[str, Any], hidden: set[str], kit: Kit) -> dict[str, Any]:
        """A phone's words without the one the facilitator hid: its other words stay in the cloud and the tally."""
        return {**value, "words": without(str(value.get("words") or ""), hidden, kit.language)}

    def is_complete(self, ex: Exercise, item: str, value: dict[str, Any] | None) -> bool:
        """Answered once the table or its phones gave a word."""
        return bool(lines_of(value))

    def cloud(self, ex: Exercise, item: Item, answers: Iterable[str], kit: Kit) -> Cloud:
        return Cloud(item.text, counted(answers, kit.language, ex.spec.per_device))

    def room_cloud(self, ex: Exercise, item: Item, answers: list[str], kit: Kit) -> Cloud:
        return self.cloud(ex, item, answers, kit)

    def question_blocks(self, ex: Exercise, item: Item, answers: list[str], kit: Kit) -> list[Block]:
        """A question, its cloud and how many answers it had; nothing for a question nobody answered."""
        if not answers:
            return []
        cloud = self.cloud(ex, item, answers, kit)
        said = kit.words.ngettext("{count} answer", "{count} answers", len(answers)).format(count=len(answers))
        return [Heading(question_heading(self, ex, item)), Paragraph(said, "muted"), cloud]

    def handout_group(self, ex: Exercise, sheet: Sheet, kit: Kit) -> list[Block]:
        shown = [b for item in self.items(ex) for b in self.question_blocks(ex, item, lines_of(sheet.get(item.id)), kit)]
        return shown or [Paragraph(kit.label("unanswered"), "muted")]

    def handout_totals(self, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
        """Every table's words together, one cloud per question."""
        return [
            b
            for item in self.items(ex)
            for b in self.question_blocks(ex, item, [line for s in sheets.values() for line in lines_of(s.get(item.id))], kit)
        ]

    def worksheet(self, ex: Exercise, kit: Kit, people: int) -> list[Block]:
        """Each question with a numbered line for every word the table's `people` may give (the round's limit
        each, as a phone gives them), each with a column for the marks of those who give it again."""
        most = ex.spec.per_device
        said = kit.words.ngettext(
            "Everyone gives up to {count} word; a word that is already there gets a mark beside it.",
            "Everyone gives up to {count} words; a word that is already there gets a mark beside it.",
            most,
        ).format(count=most)
        table = Table(
            ("#", ex.spec.answers, kit.words.gettext("Marks")), tuple((str(n), Lines(), Lines()) for n in range(1, people * most + 1))
        )
        return [b for item in self.items(ex) for b in (Heading(question_heading(self, ex, item)), Paragraph(said), table)]

    def tally(self, ex: Exercise, item: str, ballots: list[dict[str, Any]]) -> dict[str, Any]:
        """The words of a table's phones (those the facilitator hid left out), one answer a line, in the
        order given: they replace what an earlier tally put there, the table's own words stay."""
        given = sorted((b for b in ballots if (b["value"].get("words") or "").strip()), key=lambda b: (b.get("at", ""), b["device"]))
        return {"room": "\n".join(", ".join(entries(b["value"]["words"], ex.spec.per_device)) for b in given)}

    def walk(self, w: Prompter, ex: Exercise, start: int) -> None:
        def ask(item: Item) -> None:
            w.item_panel(item.text, number=question_number(self, ex, item))
            self.ask(w, ex, item.id, self.answer[:1])

        w.step_through(self.items(ex), ask, start)

    def actions(self) -> list[Action]:
        question = Subject(N_("question"), N_("QUESTION"), N_("Question number or id, e.g. 1."))

        def confirm(ex: Exercise, item: Item, value: dict[str, Any]) -> str:
            count = len(lines_of(value))
            return ngettext("{item}: {count} answer", "{item}: {count} answers", count).format(item=item_label(ex, item), count=count)

        def add(desk: Desk, ex: Exercise, args: dict[str, Any]) -> None:
            item = item_of(ex, args, question.what)
            typed = [" ".join(a.split()) for a in args["answers"] if a.strip()]

            def change(value: dict[str, Any]) -> dict[str, Any]:
                return {**value, "words": "\n".join([*(value.get("words") or "").splitlines(), *typed])}

            desk.saved(confirm(ex, item, desk.save(item.id, change)))

        answers = Param("answers", N_("The answers, each its own (quote an answer of several words)."), many=True, required=True,
                        metavar=N_("ANSWERS"))  # fmt: skip
        return [
            Action(
                "add",
                N_('Add answers to a question (e.g. `tocht words add 1 cultuur "samen spelen"`).'),
                (item_param(question), answers),
                add,
            ),
            set_action("set", N_("Replace the group's words for a question."), question, params(self.answer), confirm),
            clear_action(question, N_("Forget the words of a question.")),
        ]


KIND = Words()
