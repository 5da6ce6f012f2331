"""Unit tests of the small core modules, called directly rather than through the command line."""

from __future__ import annotations

import pytest

from tocht_cli.base.dates import iso_date
from tocht_cli.base.errors import UsageError
from tocht_cli.base.text import clean, has_controls, listed, md_escape, norm, slug, terminal_safe, visible
from tocht_cli.kinds.lists import NumberedList
from tocht_cli.launch import interrupted
from tocht_cli.sessions import records

# -- base/text.py ------------------------------------------------------------------------------------


def test_listed_choices_drop_a_closing_full_stop_and_take_semicolons_around_commas():
    assert listed(["Nieuwe doelgroepen bereiken.", "Kennisdeling"]) == "Nieuwe doelgroepen bereiken, Kennisdeling"
    assert listed(["Wacht...", "Ja, graag."]) == "Wacht...; Ja, graag"
    assert listed([]) == ""


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("plain\ttext\n", "plain\ttext\n"),
        ("a\x1b]0;title\x07b", "ab"),  # OSC window title
        ("a\x1b[6nb", "ab"),  # cursor report: makes the terminal type
        ("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),  # OSC 8 hyperlink
        ("a\x9b31mb", "ab"),  # 8-bit CSI
        ("a\x00\x7f\x85b", "ab"),  # C0, DEL, C1
        ("a\u202eb\u2066c", "abc"),  # bidi overrides
        ("caf\udce9", "caf\\xe9"),  # a byte that was not UTF-8 (PEP 383)
    ],
)
def test_terminal_safe(raw, shown):
    assert terminal_safe(raw) == shown


def test_clean_keeps_what_is_visible_and_nothing_else():
    assert clean("  hé\x1b[31m  ") == "hé"
    assert clean("een\nnotitie", multiline=True) == "een\nnotitie"
    assert clean("een\nregel") == "een regel"
    assert clean("\u200b\u200d\u2060") == ""  # only invisible characters: empty
    assert clean("\u3164") == ""  # a filler that draws nothing


def test_visible_and_controls():
    assert visible("a") and visible("é") and not visible(" \u200b\u00a0")
    assert has_controls("a\x1bb") and has_controls("a\rb") and not has_controls("a\nb\tc")


def test_norm_folds_case_spaces_dashes_and_accents_but_keeps_every_script():
    assert norm("Tafel-1") == norm("tafel 1") == "tafel1"
    assert norm("Café") == norm("cafe")
    assert norm("Альфа") != norm("Бета") and norm("Альфа")


def test_md_escape_leaves_no_markup():
    assert md_escape("a|b *c* <b>#1</b> $x$ @cite") == "a\\|b \\*c\\* &lt;b>#1&lt;/b> &#36;x&#36; &#64;cite"
    assert md_escape("twee\nregels") == "twee<br>regels"


def test_slug():
    assert slug("Ontmoetingsdag CC Strombeek één") == "ontmoetingsdag-cc-strombeek-een"
    assert slug("§§§") == "sessie"


# -- base/dates.py and sessions/records.py --------------------------------------------------------------------


def test_stored_and_imported_dates_are_iso_only():
    assert iso_date(" 2018-03-01 ") == "2018-03-01"
    for bad in ("2018-02-30", "1/3/2018", "2018-3-1", "1 maart 2018", ""):
        with pytest.raises(ValueError):
            iso_date(bad)


def test_records_limits():
    assert records.session_name("  Dag  ") == "Dag"
    with pytest.raises(ValueError, match="visible characters"):
        records.session_name("\u200b")
    with pytest.raises(ValueError, match="at most"):
        records.session_name("x" * (records.MAX_NAME + 1))
    with pytest.raises(ValueError, match="lone surrogates"):
        records.session_name("caf\udce9")
    assert records.group_names([], "groep") == ["groep"]
    assert records.group_names(["a", "b"], "groep") == ["a", "b"]
    with pytest.raises(ValueError, match="given twice"):
        records.group_names(["Tafel", "tafel"], "groep")
    with pytest.raises(ValueError, match="mistaken for each other"):
        records.group_names(["tafel 1", "tafel-1"], "groep")
    with pytest.raises(ValueError, match="groups; at most"):
        records.group_names([f"t{n}" for n in range(records.MAX_GROUPS + 1)], "groep")


# -- kinds/lists.py: NumberedList ------------------------------------------------------------


def test_numbered_list_adds_removes_and_edits_against_the_latest_value():
    rows = NumberedList("rows", "row")
    value = rows.add({"c": "a"})({})
    value = NumberedList("rows", "row").add({"c": "b"})(value)
    assert value["rows"] == [{"c": "a"}, {"c": "b"}]
    edit = NumberedList("rows", "row")
    value = edit.edit(2, {"c": "B"})(value)
    assert value["rows"][1] == {"c": "B"} and edit.number == 2
    remove = NumberedList("rows", "row")
    value = remove.remove(1)(value)
    assert value["rows"] == [{"c": "B"}] and remove.entry == {"c": "a"}
    with pytest.raises(UsageError, match="no row 5"):
        NumberedList("rows", "row").remove(5)(value)


def test_numbered_list_follows_the_entry_a_person_saw():
    value = {"rows": [{"c": "b"}, {"c": "c"}]}  # row 1 'a' was removed elsewhere after the person saw row 2 'b'
    edit = NumberedList("rows", "row")
    value = edit.edit(2, {"r": 1}, expected={"c": "b"})(value)
    assert value["rows"][0] == {"c": "b", "r": 1} and edit.number == 1
    with pytest.raises(UsageError, match="changed or removed"):
        NumberedList("rows", "row").remove(1, expected={"c": "a"})(value)


def test_numbered_list_of_unique_texts():
    words = NumberedList("words", "word", unique=True)
    value = words.add("publiek")({})
    with pytest.raises(UsageError, match="already number 1"):
        NumberedList("words", "word", unique=True).add(" Publiek ")(value)


def test_keep_shows_an_earlier_meetings_entries_only_when_there_are_none_now():
    assert NumberedList("words", "w").keep(["oud"])({}) == {"words": ["oud"]}
    assert NumberedList("words", "w").keep(["oud"])({"words": ["nu"]}) == {"words": ["nu"]}


# -- launch.py ----------------------------------------------------------------------------------


def test_interrupted_sees_a_wrapped_ctrl_c():
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as exc:
            raise RuntimeError("Error calling __set_name__") from exc
    except RuntimeError as wrapped:
        assert interrupted(wrapped)
    assert not interrupted(ValueError("x"))


# -- kinds/fields.py: NAME=N on the command line -------------------------------------------------------------


def test_named_counts_take_a_choice_by_its_start_or_former_name_and_add_to_counts_given():
    from tocht_cli.kinds.fields import named_counts

    said = {"what": "position", "malformed": "bad {pair!r}", "twice": "twice {name!r}"}
    choices = ("eens", "oneens", "twijfel")
    assert named_counts(["one=2", " twijfel = 3"], choices, **said) == {"oneens": 2, "twijfel": 3}
    assert named_counts(["akkoord=4"], choices, former={"akkoord": "eens"}, given={"oneens": 1}, **said) == {"oneens": 1, "eens": 4}
    assert named_counts(["a=b=1"], ("a=b", "c"), **said) == {"a=b": 1}  # a count holds no "=", a name may
    for pairs, given, message in [
        (["eens"], None, "bad 'eens'"),
        (["eens=²"], None, "bad 'eens=²'"),
        (["eens=1", "EENS=2"], None, "twice 'eens'"),
        (["eens=1"], {"eens": 3}, "twice 'eens'"),
    ]:
        with pytest.raises(UsageError) as raised:
            named_counts(pairs, choices, given=given, **said)
        assert raised.value.message == message
