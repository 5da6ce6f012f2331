"""A date written out from the pattern and month names Babel gave once is exactly what Babel writes,
and the file that keeps them is a cache: missing, stale, damaged or unwritable, it is made again."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from babel.dates import format_date
from babel.localedata import locale_identifiers
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.examples import examples
from tocht_cli.base import dates, longdates
from tocht_cli.base.dates import shown_date

every_day = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@pytest.fixture(autouse=True)
def fresh():
    """Each test reads the cache folder afresh (this process keeps what it read once)."""
    longdates._parts.cache_clear()
    dates._written.cache_clear()
    yield
    longdates._parts.cache_clear()
    dates._written.cache_clear()


def kept_files(isolated_db):
    return sorted((isolated_db.parent / "cache").glob("dates-*.json"))


@settings(max_examples=examples(500))
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)) | every_day, st.sampled_from(["nl", "en"]))
def test_a_kits_date_is_written_as_babel_writes_it(day, language):
    assert shown_date(day.isoformat(), language) == format_date(day, "long", locale=dates.LOCALES[language])


@given(every_day, st.sampled_from(sorted(locale_identifiers())))
def test_every_locales_long_form_is_babels(day, locale):
    assert longdates.written(day, locale) == format_date(day, "long", locale=locale)


def test_the_form_is_kept_and_read_back_without_babel(isolated_db, monkeypatch):
    assert shown_date("2027-01-15", "nl") == "15 januari 2027"
    assert len(kept_files(isolated_db)) == 1
    longdates._parts.cache_clear()
    dates._written.cache_clear()

    def unasked(locale):
        raise AssertionError("Babel asked again")

    monkeypatch.setattr(longdates, "from_babel", unasked)
    assert shown_date("2027-03-01", "nl") == "1 maart 2027"


def test_list_writes_its_dates_without_importing_babel(cli, isolated_db):
    import os

    cli("new", "Overleg", "--date", "15/01/2027")
    cli("list")  # keeps the form
    probe = "import sys; sys.argv=['tocht', 'list']\nfrom tocht_cli.launch import main\ntry: main()\nexcept SystemExit: pass\nprint('babel' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=dict(os.environ), check=True).stdout
    assert "15 januari 2027" in out and out.splitlines()[-1] == "False"


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\xff\xfe not json",
        b"[]",
        b'{"key": null}',
        b'{"parts": []}',
        "KEY_PARTS",
    ],
)
def test_a_damaged_form_is_made_again(isolated_db, damage):
    shown_date("2027-01-15", "nl")
    (kept,) = kept_files(isolated_db)
    if damage == "KEY_PARTS":  # the right key, parts of the wrong shapes
        key = json.loads(kept.read_bytes())["key"]
        for parts in ([["months", ["jan"] * 11]], [["day", True]], [["text", 5]], [["weekday", 1]], "d MMMM y", [["text"]], [{"a": 1}]):
            kept.write_text(json.dumps({"key": key, "parts": parts}), encoding="utf-8")
            longdates._parts.cache_clear()
            dates._written.cache_clear()
            assert shown_date("2027-01-15", "nl") == "15 januari 2027", parts
        return
    kept.write_bytes(damage)
    dates._written.cache_clear()
    longdates._parts.cache_clear()
    assert shown_date("2027-01-15", "nl") == "15 januari 2027"
    assert json.loads(kept.read_bytes())["parts"] == json.loads(json.dumps(longdates.from_babel("nl_BE")))  # made again


def test_another_babel_makes_the_form_again(isolated_db, monkeypatch):
    shown_date("2027-01-15", "nl")
    (kept,) = kept_files(isolated_db)
    stale = json.loads(kept.read_bytes())
    stale["key"][4] -= 1  # another mtime of Babel's __init__.py: an upgrade or a reinstall
    stale["parts"] = [["text", "stale"]]
    kept.write_text(json.dumps(stale), encoding="utf-8")
    longdates._parts.cache_clear()
    dates._written.cache_clear()
    assert shown_date("2027-01-15", "nl") == "15 januari 2027"
    assert json.loads(kept.read_bytes())["parts"] != [["text", "stale"]]


def test_an_unwritable_cache_folder_changes_nothing(isolated_db, monkeypatch):
    blocked = isolated_db.parent / "blocked"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("TOCHT_CACHE_DIR", str(blocked / "cache"))
    assert shown_date("2027-01-15", "en") == "15 January 2027"


def test_a_form_with_a_weekday_is_left_to_babel(monkeypatch):
    import babel.dates

    real = babel.dates.get_date_format
    monkeypatch.setattr(babel.dates, "get_date_format", lambda form, locale: real("full", locale))  # "EEEE d MMMM y"
    assert longdates.written(dt.date(2027, 1, 15), "nl_BE") is None
    assert shown_date("2027-01-15", "nl") == "vrijdag 15 januari 2027"  # written by Babel itself


def test_a_language_babel_does_not_know_leaves_the_date_as_it_is():
    assert shown_date("2027-01-15", "xx-unknown") == "2027-01-15"
