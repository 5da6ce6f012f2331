"""The word cloud (kind "words", data/kits/zaal): words counted without case and accents, shown with
their diacritics, the kit language's stop words left out; the same words always drawn alike; recorded
by direct command and by the room's phones, hidden by the facilitator, printed in every format."""

from __future__ import annotations

import html
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.room import Arena, csrf, open_room
from tocht_cli.kinds.words import counted, entries, keyed, stop_words
from tocht_cli.render.blocks import Cloud
from tocht_cli.render.cloud import HEIGHT, WIDTH, layout
from tocht_cli.reports.html.charts import NARROW, NARROW_WORD, cloud_layout
from tocht_cli.sessions import ballots


def test_words_are_counted_without_case_and_accents_and_shown_with_their_diacritics():
    answers = ["Cultuur", "cúltuur, ontmoeting", "de cultuur", "cultuur; Ontmoeting, ontmoeting", "dorp"]
    assert counted(answers, "nl") == (("cultuur", 4), ("ontmoeting", 2), ("dorp", 1))  # an answer counts an entry once


def test_the_cloud_shows_the_spelling_most_gave_and_keeps_a_phrase_whole():
    answers = ["cultuur", "cultuur", "cúltuur", "samen werken, de", "Samen  werken", "het samen werken van", "de, het"]
    assert counted(answers, "nl") == (("cultuur", 3), ("samen werken", 3))
    assert counted(["café", "cafe"], "nl") == (("café", 2),)  # a tie: the first given
    assert counted(["cafe", "café"], "nl") == (("cafe", 2),)
    assert counted(["Cultuur", "cúltuur", "cultuur"], "nl") == (("cultuur", 3),)  # two of three typed it, case aside (trial)
    assert counted(["Gent", "Gent"], "nl") == (("Gent", 2),)  # a name everyone capitalised


def test_stop_words_are_data_per_language_and_a_language_without_a_list_leaves_every_word():
    assert {"de", "een", "van"} <= stop_words("nl") and "the" in stop_words("en")
    assert counted(["the culture"], "en") == (("culture", 1),)
    assert counted(["de cultuur"], "xx") == (("de cultuur", 1),)


def test_a_name_keeps_its_capital_and_only_the_first_entries_of_an_answer_count():
    assert counted(["Gent", "Gent, Brussel"], "nl") == (("Gent", 2), ("Brussel", 1))
    assert entries("een; twee, drie\nvier", 3) == ["een", "twee", "drie"]
    assert counted(["een; cultuur, geld, tijd"], "nl", most=2) == (("cultuur", 1),)


def test_the_same_words_give_the_same_layout_inside_the_cloud_without_overlaps():
    words = tuple((f"woord{n}", 30 - n % 30) for n in range(70))
    first = layout(words)
    layout.cache_clear()
    assert layout(words) == first and len(first.words) == 60  # at most sixty are drawn
    boxes = []
    for w in first.words:
        half = len(w.text) * 0.62 * w.size / 2
        assert w.x - half >= 0 and w.x + half <= WIDTH and w.y - w.size * 0.85 >= 0 and w.y <= HEIGHT
        boxes.append((w.x - half, w.y - w.size * 0.85, w.x + half, w.y))
    assert not any(a < c2 and c > a2 and b < d2 and d > b2 for i, (a, b, c, d) in enumerate(boxes) for (a2, b2, c2, d2) in boxes[i + 1 :])
    assert first.words[0].size == max(w.size for w in first.words)  # the most given is the largest


@pytest.fixture
def zaal(cli):
    return cli("--kit", "zaal", "new", "Zaal", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()


def test_words_add_records_each_answer_and_every_format_shows_the_counts(cli, zaal, tmp_path):
    said = cli("words", "add", "1", "Cultuur", "samen  spelen", "cúltuur", "-g", "tafel 1")
    assert "3 answers" in said.stderr or "3 antwoorden" in said.stderr
    cli("words", "add", "cultuur", "ontmoeting, cultuur", "-g", "tafel 2")  # the question by its id
    state = json.loads(cli("words", "--json", "-g", "tafel 1").stdout)["tafel 1"]
    assert state["cultuur"]["words"] == "Cultuur\nsamen spelen\ncúltuur"
    shown = cli("words", "-g", "tafel 1").stdout
    assert "cultuur" in shown and "cúltuur" not in shown and "spelen" in shown  # a tie: the first given
    summary = cli("export").stdout
    assert "| cultuur | 3 |" in summary and "| ontmoeting | 1 |" in summary  # the totals: every table's answers
    out = tmp_path / "zaal.html"
    cli("export", "--format", "html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert re.search(r'<text x="[\d.]+" y="[\d.]+" font-size="[\d.]+" text-anchor="middle" font-weight="bold"[^>]*>cultuur</text>', page)
    assert "cultuur&nbsp;<strong>3</strong>" in page
    cli("words", "clear", "1", "-g", "tafel 1")
    assert "cultuur" not in json.loads(cli("words", "--json", "-g", "tafel 1").stdout)["tafel 1"]


def test_the_worksheet_has_lines_for_each_question(cli, tmp_path):
    out = tmp_path / "sheets.html"
    cli("--kit", "zaal", "kit", "sheets", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert "Aan welk woord denk je bij cultuur in je gemeente?" in page and "Woorden" in page


def test_the_worksheet_has_a_line_with_a_tally_for_every_word_a_table_of_six_may_give(zaal, run):
    """The trial's T1b page had three lines under "Woorden" for a table of six giving three words each."""
    from tocht_cli.render.blocks import Lines, Table

    ws = run.workspace(zaal)
    ex = ws.kit.exercise("woorden")
    table = next(b for b in ex.kind.worksheet(ex, ws.kit, 6) if isinstance(b, Table))
    assert table.headers[1:] == ("Woorden", "Streepjes")
    assert len(table.rows) == 6 * ex.spec.per_device and table.rows[-1] == (str(6 * ex.spec.per_device), Lines(), Lines())


@pytest.fixture
def room(run, zaal):
    opened = open_room(run.workspace(zaal))
    opened.room.goto(opened.room.kit.exercise("woorden"), "cultuur")
    yield opened
    opened.close()


def give(arena: Arena, phone, words: str, status: int = 303):
    page = phone.get("/p")
    assert 'name="words"' in page.text and 'maxlength="120"' in page.text  # a plain form: no script needed
    sent = phone.post(
        "/p/vote", data={"csrf": csrf(page.text), "exercise": "woorden", "item": "cultuur", "words": words}, follow_redirects=False
    )
    assert sent.status_code == status, sent.text
    return sent


def test_phones_give_words_the_screen_shows_the_cloud_once_revealed_without_a_hidden_answer(run, room):
    phones = [room.phone("tafel 1"), room.phone("tafel 1"), room.phone("tafel 2")]
    give(room, phones[0], "Cultuur, ontmoeting")
    give(room, phones[1], "cúltuur; iets onbehoorlijks")
    give(room, phones[2], "ontmoeting")
    give(room, phones[2], "verbinding")  # changed: one answer per device
    screen = room.screen()
    hidden = html.unescape(screen.get("/screen/live").text)
    assert "3 stemmen" in hidden and "onbehoorlijks" not in hidden and "<svg viewBox" not in hidden
    control = html.unescape(screen.get("/control").text)
    assert "cúltuur; iets onbehoorlijks" in control  # the facilitator reads every answer first
    rude = next(b["device"] for b in room.room.ballots(room.room.stop.exercise, "cultuur") if "onbehoorlijks" in b["value"]["words"])
    page = screen.get("/control")
    screen.post("/screen/hide", data={"csrf": csrf(page.text), "device": rude, "hide": "1"})
    room.room.reveal(True)
    shown = html.unescape(screen.get("/screen/live").text)
    assert re.search(r'class="rank-0">Cultuur</text>|class="rank-0">cultuur</text>', shown), shown
    assert ">verbinding</text>" in shown and ">ontmoeting</text>" in shown and "onbehoorlijks" not in shown
    assert "<script" not in shown and "style=" not in shown  # strict CSP: nothing inline
    assert ">verbinding</text>" in html.unescape(phones[0].get("/p").text)  # the phones see the cloud too
    room.room.save_tally()
    answers = {a["group"]: a["value"] for a in run.store.answers(room.room.ws.id)}
    assert answers["tafel 1"]["room"] == "Cultuur, ontmoeting" and answers["tafel 2"]["room"] == "verbinding"
    assert ballots.tally(room.room.stop.exercise, room.room.ballots(room.room.stop.exercise, "cultuur"), room.room.groups) == {}


def test_hiding_one_word_keeps_the_phones_other_words_on_the_screen_in_the_tally_and_through_an_import(cli, run, room, tmp_path):
    phones = [room.phone("tafel 1"), room.phone("tafel 2")]
    give(room, phones[0], "cultuur, Rotwoord")
    give(room, phones[1], "rotwoord, ontmoeting")
    screen = room.screen()
    control = html.unescape(screen.get("/control").text)
    assert "Woorden in de wolk" in control and '<span class="text">Rotwoord</span>' not in control  # as most wrote it
    page = screen.get("/control")
    screen.post("/screen/hide", data={"csrf": csrf(page.text), "device": "rotwoord", "hide": "1"})
    control = html.unescape(screen.get("/control").text)
    assert re.search(r'hidden-argument"><span class="position">2</span> <span class="text">rotwoord', control)
    room.room.reveal(True)
    shown = html.unescape(screen.get("/screen/live").text)
    assert ">cultuur</text>" in shown and ">ontmoeting</text>" in shown and "otwoord" not in shown
    room.room.save_tally()
    answers = {a["group"]: a["value"] for a in run.store.answers(room.room.ws.id)}
    assert answers["tafel 1"]["room"] == "cultuur" and answers["tafel 2"]["room"] == "ontmoeting"
    kept = sorted(b["value"]["words"] for b in run.store.ballots(room.room.ws.id))
    assert kept == ["cultuur, Rotwoord", "rotwoord, ontmoeting"]  # the phones' answers stay as given
    room.close()
    exported = tmp_path / "woorden.json"
    exported.write_text(cli("export", "--format", "json").stdout, encoding="utf-8")
    copy = cli("import", str(exported), "--yes").stdout.strip()
    assert "otwoord" not in cli("export", "--session", copy).stdout.split("## ")[-1]


def test_a_phone_answer_too_long_or_without_its_csrf_token_is_refused(room):
    phone = room.phone("tafel 1")
    assert give(room, phone, "x" * 121, status=400).status_code == 400
    refused = phone.post("/p/vote", data={"exercise": "woorden", "item": "cultuur", "words": "cultuur"}, follow_redirects=False)
    assert refused.status_code in (400, 403)
    assert room.room.ballots(room.room.stop.exercise, "cultuur") == []


def test_the_same_answers_give_the_same_screen_bytes(room):
    for words in ("cultuur", "ontmoeting, cultuur", "verbinding"):
        give(room, room.phone("tafel 1"), words)
    room.room.reveal(True)
    screen = room.screen()
    first = re.search(r"<svg viewBox.*?</svg>", screen.get("/screen/live").text, re.S).group(0)
    layout.cache_clear()
    assert re.search(r"<svg viewBox.*?</svg>", screen.get("/screen/live").text, re.S).group(0) == first


def test_the_phones_words_travel_through_an_export_and_an_import(cli, run, room, tmp_path):
    give(room, room.phone("tafel 1"), "cúltuur, ontmoeting")
    give(room, room.phone("tafel 2"), "verbinding")
    exported = tmp_path / "zaal.json"
    exported.write_text(cli("export", "--format", "json").stdout, encoding="utf-8")
    copy = cli("import", str(exported), "--yes").stdout.strip()
    words = sorted(b["value"]["words"] for b in run.store.ballots(copy))
    assert words == ["cúltuur, ontmoeting", "verbinding"]


def test_a_narrow_cloud_draws_no_word_under_its_least_size_and_leaves_out_the_least_given():
    """A phone's cloud and a handout's at 360 px: readable words (the screen and the table under the cloud have them all)."""
    words = tuple((f"samenwerking{n}", 60 - n) for n in range(60))
    assert min(w.size for w in layout(words, 340, 380).words) < 15  # laid out as for the screen, shrunk to fit
    narrow = layout(words, 340, 380, 15.0).words
    assert min(w.size for w in narrow) >= 15 and narrow[0].text == "samenwerking0"
    drawn = cloud_layout(Cloud("Woorden", words), NARROW).words
    assert min(w.size for w in drawn) >= NARROW_WORD and len(drawn) < len(words)


def test_a_word_given_more_is_never_drawn_smaller_on_a_phone_or_the_screen():
    """The trial's T1b: on a phone the long 'samenwerking' (most given) was kept narrower than the cloud and
    drawn smaller than the shorter 'cultuur' and 'publiek'."""
    words = (("samenwerking", 6), ("cultuur", 5), ("publiek", 4), ("vertrouwen", 3), ("samen spelen", 2), ("netwerk", 2))
    words += (("publiekswerking", 1), ("jongeren", 1), ("kalender", 1), ("erfgoed", 1), ("residentie", 1))
    for cloud in (layout(words, 340, 380, 15.0), layout(words), cloud_layout(Cloud("Woorden", words), NARROW)):
        size = {placed.text: placed.size for placed in cloud.words}
        assert size["samenwerking"] > size["cultuur"] > size["publiek"] > size["vertrouwen"] > size["netwerk"]
        for placed in cloud.words:
            assert all(other.size <= placed.size for other in cloud.words if other.given < placed.given)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text("abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=40), st.integers(1, 30)), min_size=1, max_size=30))
def test_sizes_follow_the_counts_whatever_the_words(pairs):
    words = tuple(sorted(dict(pairs).items(), key=lambda pair: -pair[1]))
    for cloud in (layout(words, 340, 380, 15.0), layout(words)):
        for placed in cloud.words:
            assert all(other.size <= placed.size for other in cloud.words if other.given < placed.given)


def test_a_typed_tag_stays_one_phrase_as_typed_in_the_tally_and_every_format(cli, zaal, tmp_path):
    """The trial's phone typed "<b>vet</b>, cultuur": the cloud, handouts and vocabulary showed "b vet b"."""
    answers = ["<b>vet</b>, cultuur", "cultuur!", "(cultuur)", "de cultuur.", "cultuur (lokaal)", "a/b", "...", "2017"]
    assert counted(answers, "nl") == (("cultuur", 4), ("<b>vet</b>", 1), ("a/b", 1), ("cultuur (lokaal)", 1))
    cli("words", "add", "1", "<b>vet</b>, cultuur", "-g", "tafel 1")
    assert "| &lt;b>vet&lt;/b> | 1 |" in cli("export").stdout
    out = tmp_path / "zaal.html"
    cli("export", "--format", "html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert ">&lt;b&gt;vet&lt;/b&gt;</text>" in page and "b vet b" not in page and "<b>vet" not in page


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_characters=",;\n"), max_size=30))
def test_an_entry_is_never_split_into_more_words_than_were_typed(typed):
    _key, written = keyed(typed, stop_words("nl"))
    assert written in " ".join(typed.split())  # a stretch of what was typed (spaces made one), only its edges trimmed


def test_a_rounds_one_question_is_headed_on_its_worksheet_without_a_number(run, cli):
    """A room's round asks one question: a "1." before it reads as a count, as everywhere else it is shown."""
    from tocht_cli.render.blocks import Heading

    session = cli("new", "Sector", "-g", "tafel 1").stdout.strip()
    ws = run.workspace(session)
    round_ = ws.kit.exercise("vocabularium").room_round
    assert round_ is not None
    headings = [b.text for b in round_.kind.worksheet(round_, ws.kit, 6) if isinstance(b, Heading)]
    assert headings == ["Welk woord hoort thuis in een gedeeld vocabularium?"]
