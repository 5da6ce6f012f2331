"""Which language tocht speaks to whom, and catalogs that are complete and compiled."""

from __future__ import annotations

import importlib.util
import json
import re

import pytest

from tests.helpers.facilitator import Facilitator
from tests.helpers.files import ROOT
from tests.helpers.terminal import SEES, Terminal
from tocht_cli.base import i18n
from tocht_cli.kinds.registry import installed
from tocht_cli.kit import loader, shipped


def catalogs():
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "tools" / "catalogs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("nl_BE.UTF-8", "nl"),
        ("nl-NL", "nl"),
        ("NL", "nl"),
        ("en_GB.UTF-8", "en"),
        ("nl_BE@euro", "nl"),
        ("fr_FR.UTF-8", None),
        ("C", None),
        ("", None),
    ],
)
def test_language_code(value, code):
    assert i18n.language_code(value) == code


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "en"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LANG": "fr_BE.UTF-8"}, "en"),  # neither Dutch nor English: English
        ({"LANGUAGE": "fr:nl", "LANG": "en_GB.UTF-8"}, "nl"),  # LANGUAGE lists preferences, first one spoken wins
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "nl_BE.UTF-8"}, "en"),  # the first variable set decides, as in gettext
        ({"LC_MESSAGES": "nl_NL.UTF-8", "LANG": "C.UTF-8"}, "nl"),
        ({"LC_ALL": "C"}, "en"),
    ],
)
def test_locale_language(environ, language):
    assert i18n.locale_language(environ) == language


def test_catalogs_are_complete_current_and_compiled():
    module = catalogs()
    assert [problem for language in module.TRANSLATED for problem in module.problems(language)] == []


def test_every_translation_keeps_the_placeholders_of_its_message():
    for message in catalogs().read("nl"):
        if message.id and "{" in str(message.id):
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in strings:
                text.format(**{name: "x" for name in _names(ids)})


def test_dutch_says_telefoon_as_everywhere_never_gsm():
    """One word for the participants' phones in the catalog and the Dutch kits (the room's paper sheets and
    pages mixed "gsm" and "telefoon")."""
    strings = [s for m in catalogs().read("nl") for s in (m.string if isinstance(m.string, tuple) else (m.string,))]
    kits = [path.read_text(encoding="utf-8") for path in (ROOT / "data" / "kits").glob("*/*.toml")]
    assert [text for text in strings + kits if re.search(r"\bgsm", text, re.IGNORECASE)] == []


def _names(ids):
    from string import Formatter

    return {field for text in ids for _, field, _, _ in Formatter().parse(text) if field}


def test_messages_follow_the_locale_and_lang(cli, monkeypatch):
    assert "--db is empty" in cli("--db", "", "list", ok=False).stderr
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    assert "--db is leeg" in cli("--db", "", "list", ok=False).stderr
    assert "--db is empty" in cli("--lang", "en", "--db", "", "list", ok=False).stderr
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "--db is leeg" in cli("--lang", "nl", "--db", "", "list", ok=False).stderr


def test_typers_own_words_follow_lang_whatever_the_locale(cli, monkeypatch):
    """typer says "Options", "Commands", "required" with the standard library's gettext, which reads the
    locale: they follow --lang all the same, and the process's gettext is left as it was found."""
    import gettext
    import os

    monkeypatch.setenv("LANG", "C.UTF-8")
    dutch = cli("--lang", "nl", "group", "--help").stdout
    assert "Opties:" in dutch and "Commando's:" in dutch and "Options" not in dutch
    assert "[verplicht]" in cli("--lang", "nl", "group", "add", "--help").stdout
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    english = cli("--lang", "en", "group", "--help").stdout
    assert "Options:" in english and "Commands:" in english and "Opties" not in english
    assert "[required]" in cli("--lang", "en", "group", "add", "--help").stdout
    assert "LANGUAGE" not in os.environ and gettext.textdomain() == "messages"


def test_typers_usage_errors_are_said_in_the_facilitators_language(cli):
    """typer words an unknown command in English (its gettext is tocht's only while help is formatted): said again in ours."""
    assert "Onbekend commando 'zzzz'." in cli("--lang", "nl", "zzzz", ok=False).stderr
    assert "Error: No such command 'zzzz'." in cli("zzzz", ok=False).stderr
    from tocht_cli.cli.framework.usage import reworded

    with i18n.speaking("nl"):
        assert reworded("Missing command.") == i18n._("Missing command.") != "Missing command."


def test_what_the_system_says_went_wrong_is_said_in_the_facilitators_language(cli, tmp_path):
    """The system gives its reasons (strerror) in English whatever the locale; a Dutch facilitator reads them in Dutch."""
    cli("new", "Overleg", "-g", "tafel 1")
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    target = str(tmp_path / "a-file" / "sub" / "summary.md")  # its folder would have to be made inside a file
    english = cli("export", "-o", target, ok=False)
    dutch = cli("--lang", "nl", "export", "-o", target, ok=False)
    assert english.exit_code == dutch.exit_code == 5
    assert "a part of the path is not a folder" in english.stderr
    assert "een deel van het pad is geen map" in dutch.stderr and "Not a directory" not in dutch.stderr


def test_a_language_tocht_does_not_speak_is_a_usage_error(cli):
    result = cli("--lang", "fr", "list", ok=False)
    assert result.exit_code == 2
    assert "fr" in result.stderr and "en, nl" in result.stderr


def test_the_room_reads_the_kit_language_whatever_the_locale(monkeypatch):
    kit = loader.load(shipped.DEFAULT_KIT, installed())
    message = "--db is empty; give the path of a database file, or leave --db out"
    i18n.use("en")
    assert kit.language == "nl"
    assert kit.words.gettext(message).startswith("--db is leeg")
    assert i18n._(message) == message


# -- no English where the group reads Dutch -----------------------------------------------------

# What gives English away on a Dutch screen: questionary's, click's and typer's words, and tocht's own
# (not "stop": Dutch says it too).
ENGLISH = re.compile(
    r"\b(Use (shortcuts|arrow keys)|arrow keys|selections?|done|Usage|Options?|Arguments|Commands|Show this message|"
    r"Error|Try|Missing|Invalid|No such|required|default|saved|stopped|Resume|Summary|walk again|skip|back|jump|quit|"
    r"Progress|Group|Exercise|not answered|expected|whole numbers?|separated|is not a date|Yes|No|Cancelled|chosen|hint|"
    r"interrupted|every answer|answered already|next open|keeps it|per table)\b"
)


def english(text: str) -> list[str]:
    """The English giveaways in what was shown."""
    return sorted({m.group(0) for m in ENGLISH.finditer(text)})


def test_a_whole_dutch_walk_shows_no_english(keyed, cli, monkeypatch):
    from tests.helpers.facilitator import (
        ALLY_WITH,
        BINGO,
        CHECKLIST_STATUSES,
        EXERCISES,
        HOLDERS,
        KIT,
        POSITIONS,
        ROW_ACTIONS,
        STEP_STATUSES,
        TASKS,
        YES_NO,
    )

    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    cli("new", "Ontmoetingsdag Gent")
    room = Facilitator()
    room.begin()  # bingo
    room.cross(BINGO[0], BINGO[1], among=BINGO)
    room.sees("2 / 10 geschrapt")
    room.card_done()
    room.begin()  # stellingen
    room.pick("eens", among=POSITIONS)  # A1
    room.answer("5 x")  # refused inside the prompt
    room.sees("3 aantallen handen, voor eens / oneens / twijfel")
    room.erase("5 x")
    room.answer("5 2 1")
    room.answer("goed argument")
    room.jump(among=POSITIONS, unanswered=True)  # from A2
    room.choose("vocabularium", among=EXERCISES, shown="stellingen")
    room.begin()
    room.tick(TASKS[0], among=TASKS)  # ontwikkeling
    room.answer("samen")
    room.keep()  # productie: no tasks
    room.slash("naar")  # from its how
    room.choose("rollen", among=EXERCISES, shown="vocabularium")
    room.begin()
    room.pick("programmator", among=HOLDERS)  # rol-1 today
    room.pick("samen", among=HOLDERS)  # and tomorrow
    room.pick(YES_NO[1], among=YES_NO)
    room.answer("notitie")
    room.jump(among=HOLDERS, unanswered=True)  # from rol-2
    room.choose("stappenplan", among=EXERCISES, shown="rollen")
    room.begin()
    room.answer("de schepen van cultuur")
    room.answer("Gent")
    room.answer("koffie drinken")  # stap-1
    room.answer("An")
    room.answer("morgen")  # refused: not a date
    room.sees("geen datum: schrijf 15/01/2027")
    room.erase("morgen")
    room.answer("2018-03-01")
    room.pick("bezig", among=STEP_STATUSES)
    room.slash("naar")  # from stap-2's action
    room.choose("allianties", among=EXERCISES, shown="stappenplan")
    room.begin()
    room.answer("Academie")
    room.answer("samen lessen")
    room.no_more()
    room.tick(ALLY_WITH[0], among=ALLY_WITH)
    room.keep()  # no own partners
    room.keep()  # nature: none ticked
    room.keep()  # no own natures
    room.pick("deels", among=CHECKLIST_STATUSES)  # crit-1
    room.answer("al bezig")
    room.no_answer()  # crit-2: on to crit-3, its "how" is not asked
    room.jump(among=CHECKLIST_STATUSES, unanswered=True)  # from crit-3
    room.choose("regio", among=EXERCISES, shown="allianties")
    room.begin()
    room.choose(KIT.label("add"), among=[KIT.label("add"), KIT.label("done")])
    room.answer("Meer jongeren bereiken")
    room.answer("regionale jeugdwerking")
    room.choose(KIT.label("done"), among=ROW_ACTIONS)
    screen = Terminal(80, 30)
    result = keyed(room.keys, "run", screen=screen)
    shown = "\n".join((*screen.frames, result.stdout, result.stderr))
    assert "niet bewaard" not in result.stderr and "bewaard. Het verslag" in result.stderr  # the walk went through to its end
    assert english(shown) == []
    assert json.loads(cli("challenges", "--json").stdout)  # the last exercise was answered: the script ran whole


def test_the_walk_speaks_the_kits_language_inside_its_prompts(monkeypatch):
    """What tocht says while the group answers (a refused value, `saved: …`) is said in the kit's language."""
    from tocht_cli.kinds.fields import hands_problem

    i18n.use("en")
    with i18n.speaking("nl"):
        assert hands_problem("5 x", expected=3).startswith("3 aantallen handen")
    assert hands_problem("5 x", expected=3).startswith("3 numbers of hands")


def test_an_english_facilitator_walks_a_dutch_kit_in_dutch_and_is_told_the_rest_in_english(keyed, cli, monkeypatch):
    from tocht_cli.cli.commands import run

    heard = []
    walked = run._exercises
    monkeypatch.setattr(run, "_exercises", lambda *args: heard.append(i18n.facilitator_language()) or walked(*args))
    cli("new", "Ontmoetingsdag Gent")
    room = Facilitator()
    room.begin()
    room.stop_with_ctrl_c()
    result = keyed(room.keys, "run", code=130)
    assert heard == ["nl"]  # the walk: the room's language
    assert "stopped; every answer given so far is saved" in result.stderr  # then the facilitator's again


def test_a_dutch_walk_stopped_with_ctrl_c_says_so_in_dutch(keyed, cli, monkeypatch):
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    cli("new", "Ontmoetingsdag Gent")
    room = Facilitator()
    room.begin()
    room.stop_with_ctrl_c()
    result = keyed(room.keys, "run", code=130)
    assert "gestopt; elk antwoord tot nu toe is bewaard" in result.stderr and english(result.stderr) == []


def command_paths() -> list[list[str]]:
    """Every command and sub-command tocht has, as typed before --help."""
    from tocht_cli.cli import app as root

    paths: list[list[str]] = [[]]
    for name in [*root.COMMANDS, *root._kind_groups()]:
        command = root.lazy_command(name)
        paths.append([name])
        paths += [[name, sub] for sub in getattr(command, "commands", {})]
    return paths


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "tocht")
def test_dutch_help_of_every_command_shows_no_english(cli, monkeypatch, path):
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    out = cli(*path, "--help").stdout
    assert out.startswith("Gebruik: tocht")
    assert not {"Usage", "Options", "Show this message"} & set(re.findall(r"Usage|Options|Show this message", out))
    assert english(out) == [], out


def test_every_help_text_has_its_dutch():
    """A help text that is no message id (a docstring, a help= not marked with N_) would stay English."""
    from tocht_cli.cli import app as root

    ids = {message.id for message in catalogs().read("nl") if message.id}
    untranslated = []
    for name in [*root.COMMANDS, *root._kind_groups()]:
        command = root.lazy_command(name)
        for each in [command, *getattr(command, "commands", {}).values()]:
            texts = [each.help, *(p.help for p in each.params), *(p.metavar for p in each.params)]
            untranslated += [(each.name, t) for t in texts if t and t != "N" and t not in ids]
    assert untranslated == []


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--bogus"],
        ["nosuch"],
        ["new"],
        ["statements", "vote", "A1", "--agree", "x"],
        ["replay", "--pace", "0"],
        ["list", "extra"],
        ["export", "-f", "xx"],
    ],
)
def test_dutch_usage_errors_show_no_english(cli, args):
    result = cli("--lang", "nl", *args, ok=False)
    assert result.exit_code == 2 and "Gebruik: tocht" in result.stderr and "Fout: " in result.stderr
    assert english(result.stderr) == [], result.stderr


def test_a_yes_or_no_question_takes_the_languages_own_letter(keyed, cli, monkeypatch):
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    sid = cli("new", "Weg ermee").stdout.strip()
    screen = Terminal(80, 10)
    result = keyed("j\r", "delete", sid, screen=screen)
    assert (
        "verwijderd" in result.stderr and "/s stoppen" not in screen.frames[-1] and "verwijderen? Ja" in screen.frames[-1]
    )  # the hint gone once answered
    assert cli("list", "--json").stdout.strip() == "[]"


# -- the room's words -------------------------------------------------------------------------


def test_a_kits_labels_come_from_the_catalog_in_its_language():
    kit = loader.load(shipped.DEFAULT_KIT, installed())
    assert kit.labels == {}  # the shipped kit gives none of its own
    assert (kit.label("skip"), kit.label("progress"), kit.label("no_answer")) == ("overslaan", "Voortgang", "verder zonder antwoord")


def test_a_kit_in_a_language_without_a_catalog_gives_its_own_words(kit_copy):
    from tests.helpers.files import break_kit

    break_kit(kit_copy, "kit.toml", 'language = "nl"', 'language = "fr"')
    break_kit(kit_copy, "kit.toml", "eigen woorden voor geven.\n", 'eigen woorden voor geven.\n[labels]\nskip = "passer"\n')
    kit = loader.load_path(kit_copy, installed())
    assert kit.label("skip") == "passer"  # its own word
    assert kit.label("back") == "back"  # tocht's English, where it gives none


def test_stopping_at_a_yes_or_no_question_changes_nothing_and_says_so(keyed, cli, monkeypatch):
    """The walk's `/s` and Enter stop at a confirmation too (never a silent "nee"); its hint shows it."""
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    sid = cli("new", "Blijft").stdout.strip()
    screen = Terminal(120, 10)
    result = keyed("/s\r", "delete", sid, screen=screen, code=1)
    assert result.stderr.strip() == "tocht: gestopt; er is niets veranderd"  # on purpose: no "fout"
    assert "verwijderen?  (j/N) · /s stoppen" in screen.first_with("/s stoppen")
    assert "Blijft" in cli("list").stdout


def test_a_yes_or_no_question_asks_again_for_an_answer_that_is_neither(keyed, cli, monkeypatch):
    """ "misschien" once meant No (its n); now it is asked again, and "nee" is a plain no, not an error."""
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    sid = cli("new", "Blijft ook").stdout.strip()
    screen = Terminal(80, 10)
    result = keyed("misschien\r" + SEES + "antwoord j of n" + SEES + "\x15nee\r", "delete", sid, screen=screen, code=1)
    assert result.stderr.strip() == "tocht: er is niets veranderd"
    assert "Blijft ook" in cli("list").stdout


def test_a_yes_or_no_hint_too_long_for_the_line_stands_whole_on_its_own(keyed, cli, monkeypatch):
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    sid = cli("new", "Een vergadering met een naam die de vraag lang genoeg maakt").stdout.strip()
    screen = Terminal(80, 10)
    keyed("n\r", "delete", sid, screen=screen, code=1)
    lines = screen.first_with("/s stoppen").splitlines()
    assert lines[-1].endswith("(j/N) · /s stoppen") and "antwoorden verwijderen?" in lines[-1], lines  # whole, words too
    assert not any(line.lstrip().startswith("·") for line in lines)
