"""Dates typed in every spelling a Flemish or British facilitator uses, stored as ISO, shown as the kit's language writes them."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from babel.dates import get_month_names
from hypothesis import given
from hypothesis import strategies as st

from tocht_cli.base import i18n
from tocht_cli.base.dates import shown_date, typed_date

# Four-digit years: what a facilitator types, and what the written-out form reads back.
days = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))
LOCALES = {"nl": "nl_BE", "en": "en_GB"}


@given(days, st.sampled_from(["nl", "en"]))
def test_a_date_written_out_reads_back_as_the_same_date(day, language):
    assert typed_date(shown_date(day.isoformat(), language)) == day.isoformat()


def spellings(day: dt.date, language: str, width: str) -> list[str]:
    month = get_month_names(width, locale=LOCALES[language])[day.month]
    return [
        day.isoformat(),
        f"{day.year}-{day.month}-{day.day}",
        f"{day.day:02}/{day.month:02}/{day.year}",
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day}-{day.month}-{day.year}",
        f"{day.day}.{day.month}.{day.year}",
        f"{day.day} {month} {day.year}",
        f"{day.day} {month}. {day.year}",
        f"{day.day} {month.upper()} {day.year}",
        f"  {day.day}   {month.lower()}  {day.year} ",
    ]


@given(days, st.sampled_from(["nl", "en"]), st.sampled_from(["wide", "abbreviated"]))
def test_every_spelling_of_a_date_is_the_same_date(day, language, width):
    assert {typed_date(spelling) for spelling in spellings(day, language, width)} == {day.isoformat()}


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("15/01/2027", "2027-01-15"),
        ("15-1-2027", "2027-01-15"),
        ("15 januari 2027", "2027-01-15"),
        ("15 January 2027", "2027-01-15"),
        ("15 jan 2027", "2027-01-15"),
        ("15 Jan. 2027", "2027-01-15"),
        ("3 mrt 2027", "2027-03-03"),
        ("3 Mar 2027", "2027-03-03"),
        ("5 sep 2027", "2027-09-05"),
        ("5 Sept 2027", "2027-09-05"),
        ("1 MEI 2027", "2027-05-01"),
        ("2027-01-15", "2027-01-15"),
        ("01/02/2027", "2027-02-01"),  # day first: 1 February, as Flanders and Britain write it
        ("29/02/2028", "2028-02-29"),
    ],
)
def test_spellings_a_facilitator_types(typed, iso):
    assert typed_date(typed) == iso


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("31/02/2027", "not a real day"),
        ("29/02/2027", "not a real day"),
        ("15/13/2027", "not a real day"),
        ("2027-02-30", "not a real day"),
        ("15 janu 2027", "not a date"),
        ("15/01/27", "not a date"),  # a two-digit year is a guess
        ("01/15/2027", "not a real day"),  # month first is not read
        ("15/01-2027", "not a date"),
        ("morgen", "not a date"),
        ("", "not a date"),
    ],
)
def test_impossible_dates_are_refused_naming_the_accepted_forms(typed, problem):
    with pytest.raises(ValueError) as refused:
        typed_date(typed)
    assert problem in str(refused.value)
    assert str(refused.value).endswith(": write 15/01/2027, 15-1-2027, 15 January 2027 or 2027-01-15")
    assert len(str(refused.value)) <= 80  # one line under a prompt at 80 columns


def test_the_refusal_speaks_the_language_it_is_given():
    for typed in ("31/02/2027", "morgen"):
        with pytest.raises(ValueError, match="15 januari 2027 of 2027-01-15") as refused:
            typed_date(typed, i18n.words("nl"))
        assert len(str(refused.value)) <= 80


def test_dates_are_shown_as_the_kits_language_writes_them():
    assert shown_date("2027-01-15", "nl") == "15 januari 2027"
    assert shown_date("2027-01-15", "en") == "15 January 2027"
    assert shown_date(None, "nl") == "" and shown_date("", "en") == ""
    assert shown_date("2027-02-30", "nl") == "2027-02-30"  # not a date: as it is


def test_babel_is_imported_only_to_read_words_or_write_a_date():
    import subprocess
    import sys

    probe = "import sys; from tocht_cli.base.dates import typed_date; typed_date('15/01/2027'); typed_date('2027-01-15'); print('babel' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_each_session_lists_its_date_in_its_kits_language(cli, kit_copy, tmp_path):
    english = tmp_path / "english"
    shutil.copytree(kit_copy, english)
    toml = english / "kit.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "nl"', 'language = "en"'), encoding="utf-8")
    cli("new", "Overleg", "--date", "15/01/2027")
    cli("--kit", str(english), "new", "Meeting", "--date", "16 Jan 2027")
    cli("--kit", str(kit_copy), "new", "Eigen kit", "--date", "2027-01-17")
    shutil.rmtree(kit_copy)  # a Dutch kit, gone: the facilitator's language (English here) writes its date
    listed = cli("list").stdout
    assert "15 januari 2027" in listed and "16 January 2027" in listed and "17 January 2027" in listed
    assert [s["date"] for s in json.loads(cli("list", "--json").stdout)] == ["2027-01-17", "2027-01-16", "2027-01-15"]


def test_edit_says_the_dates_as_the_kit_writes_them(cli):
    cli("new", "Overleg", "--date", "2027-01-15")
    assert "date 15 januari 2027 → 1 februari 2027" in cli("edit", "--date", "01/02/2027").stderr


def test_a_date_marked_as_carried_over_is_written_with_its_mark():
    """A follow-up's "(vorige keer)" after a stored date: the date in words, the mark kept."""
    assert shown_date("2027-01-15 (vorige\xa0keer)", "nl") == "15 januari 2027 (vorige\xa0keer)"
    assert shown_date("2027-01-15 vorige keer", "nl") == "2027-01-15 vorige keer"  # only a note in brackets
