"""Which language tocht speaks to whom, and catalogs that are complete and compiled."""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import ROOT
from tocht_cli import i18n
from tocht_cli.exercises.registry import installed
from tocht_cli.kit import loader


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


def test_a_language_tocht_does_not_speak_is_a_usage_error(cli):
    result = cli("--lang", "fr", "list", ok=False)
    assert result.exit_code == 2
    assert "fr" in result.stderr and "en, nl" in result.stderr


def test_the_room_reads_the_kit_language_whatever_the_locale(monkeypatch):
    kit = loader.load(loader.DEFAULT_KIT, installed())
    message = "--db is empty; give the path of a database file, or leave --db out"
    i18n.use("en")
    assert kit.language == "nl"
    assert kit.words.gettext(message).startswith("--db is leeg")
    assert i18n._(message) == message
