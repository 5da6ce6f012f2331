"""A table's scribe in a room: forms built from each kind's fields and commands, two scribes at once."""

from __future__ import annotations

import json
import re

import pytest

from tests.helpers.room import Arena, csrf, form_of, post
from tocht_cli.room.limits import Buckets


def answers(cli, arena: Arena, kind: str, group: str = "tafel 1") -> dict:
    return json.loads(cli(kind, "--json", "-s", arena.room.ws.id, "-g", group).stdout)[group]


def items_of(page: str) -> list[str]:
    """The answers a long exercise's page lets a scribe jump to (none: a short one shows them all)."""
    jump = re.search(r'<select id="jump" name="item">(.*?)</select>', page, re.S)
    return re.findall(r'<option value="([^"]*)"', jump.group(1)) if jump else []


def test_a_scribe_fills_in_a_task_of_the_roles_from_its_fields(arena, cli):
    phone = arena.phone("tafel 1")
    page = phone.get("/p/table/rollen").text
    assert "Wie neemt deze rol vandaag op?" in page and 'value="programmator"' in page  # the kit's own question and options
    assert 'name="double" value="yes"' in page and 'name="double" value="no"' in page  # "nee" is an answer, none is none
    done = post(phone, "rollen", "rol-1", now="programmator", future="samen", double="yes", note="Samen <b>beter</b>")
    assert done.status_code == 200 and "Bewaard" in done.text
    assert answers(cli, arena, "roles")["rol-1"] == {"now": "programmator", "future": "samen", "double": True, "note": "Samen <b>beter</b>"}
    assert "Samen &lt;b&gt;beter&lt;/b&gt;" in done.text
    assert answers(cli, arena, "roles", "tafel 2") == {}  # the scribe's own table only


def test_two_scribes_of_one_table_editing_at_once_lose_nothing(arena, cli):
    first, second = arena.phone("tafel 1"), arena.phone("tafel 1")
    first_page, second_page = first.get("/p/table/rollen?item=rol-2").text, second.get("/p/table/rollen?item=rol-2").text
    target = "/p/table/rollen/answer"
    first.post(target, data={**form_of(first_page, target, "rol-2"), "now": "kunstenaar", "note": ""})
    kept = second.post(target, data={**form_of(second_page, target, "rol-2"), "future": "samen", "note": "van tafel 1"})
    assert answers(cli, arena, "roles")["rol-2"] == {"now": "kunstenaar", "future": "samen", "double": None, "note": "van tafel 1"}
    assert "Een andere schrijver" not in kept.text  # different fields: both kept, nobody told
    late = first.post(target, data={**form_of(first_page, target, "rol-2"), "now": "kunstenaar", "note": "mijn notitie"})
    clash = second.post(target, data={**form_of(second_page, target, "rol-2"), "now": "programmator"})
    assert clash.status_code == 409 and "Een andere schrijver" in clash.text  # the same field: theirs stays, and they are told
    assert late.status_code == 409 and "Een andere schrijver" in late.text  # its note clashed with the second's
    assert answers(cli, arena, "roles")["rol-2"]["now"] == "kunstenaar"


def test_the_plan_header_and_a_step_with_a_date(arena, cli):
    phone = arena.phone("tafel 2")
    post(phone, "stappenplan", "_", whom="de schepen van cultuur", municipality="Grimbergen")
    bad = post(phone, "stappenplan", "stap-2", action="Bellen", by="morgen")
    assert bad.status_code == 400 and "problem" in bad.text
    post(phone, "stappenplan", "stap-2", action="Bellen", who="An", by="2018-03-01", status="bezig")
    doc = answers(cli, arena, "steps", "tafel 2")
    assert doc["_"] == {"whom": "de schepen van cultuur", "municipality": "Grimbergen"}
    assert doc["stap-2"] == {"action": "Bellen", "who": "An", "by": "2018-03-01", "status": "bezig"}


def test_alliances_rows_from_two_scribes_both_stay_and_picks_show_what_they_replace(arena, cli):
    first, second = arena.phone("tafel 1"), arena.phone("tafel 1")
    post(first, "allianties", "_", to="add", partner="Bibliotheek", purpose="leesclub")
    post(second, "allianties", "_", to="add", partner="Academie")
    post(first, "allianties", "_", to="with", refs="met-2", own="buren; scholen")
    page = second.get("/p/table/allianties?item=_").text
    assert 'value="met-2" checked' in page and "buren\nscholen</textarea>" in page
    whole = answers(cli, arena, "alliances")["_"]
    assert [row["partner"] for row in whole["existing"]] == ["Bibliotheek", "Academie"]
    assert whole["with"] == ["met-2"] and whole["with_own"] == ["buren", "scholen"]
    stale = form_of(page, "/p/table/allianties/do/with", "_")
    post(first, "allianties", "_", to="remove", number="1")  # meanwhile
    refused = second.post("/p/table/allianties/do/with", data={**stale, "refs": "met-1"})
    assert refused.status_code == 409 and "Een andere schrijver" in refused.text
    assert 'value="met-1" checked' in refused.text and 'value="met-2" checked' not in refused.text  # what they chose, again
    assert "De andere schrijver bewaarde:" in refused.text  # beside what the answer holds now
    assert answers(cli, arena, "alliances")["_"]["with"] == ["met-2"]


def test_vocabulary_links_per_function_and_words(arena, cli):
    phone = arena.phone("tafel 1")
    function = items_of(phone.get("/p/table/vocabularium").text)[1]
    page = phone.get(f"/p/table/vocabularium?item={function}")
    assert "Met welke basisopdrachten verbinden jullie deze functie?" in page.text
    linked = phone.post(
        "/p/table/vocabularium/do/link",
        data={**form_of(page.text, "/p/table/vocabularium/do/link", function), "tasks": ["cultuurspreiding"], "how": "via de zaal"},
    )
    assert linked.status_code == 200, linked.text
    post(phone, "vocabularium", "_", to="add-word", word="publiekswerking")
    doc = answers(cli, arena, "vocabulary")
    assert doc[function] == {"tasks": ["cultuurspreiding"], "how": "via de zaal"} and doc["_"]["words"] == ["publiekswerking"]
    assert 'value="cultuurspreiding" checked' in phone.get(f"/p/table/vocabularium?item={function}").text  # what a new link would replace
    cleared = post(phone, "vocabularium", function, to="unlink")
    assert cleared.status_code == 200 and function not in answers(cli, arena, "vocabulary")


def test_regional_rows_are_added_edited_and_removed_and_errors_are_said_on_the_page(arena, cli):
    phone = arena.phone("tafel 2")
    post(phone, "regio", "_", to="add", suggestion="1", regional="samen")
    post(phone, "regio", "_", to="add", challenge="Eigen uitdaging")
    both = post(phone, "regio", "_", to="add", challenge="x", suggestion="2")
    assert both.status_code == 400 and "geef de uitdaging in woorden of een suggestie (een van de twee)" in both.text
    post(phone, "regio", "_", to="edit", number="2", regional="regionaal")
    post(phone, "regio", "_", to="remove", number="1")
    rows = answers(cli, arena, "challenges", "tafel 2")["_"]["rows"]
    assert rows == [{"challenge": "Eigen uitdaging", "regional": "regionaal"}]


def test_every_form_of_every_exercise_sent_back_unchanged_saves_without_a_problem(run, arena):
    """The forms come from the kinds' descriptions: whatever a kind describes, its forms work as shown,
    and a form sent back as it was shown records nothing (nothing is recorded that nobody chose)."""
    arena.site.posts = Buckets(burst=1000, rate=1000)
    phone = arena.phone("tafel 1")
    for ex in arena.room.kit.exercises:
        if ex.kind.personal_card(ex) is not None:
            continue
        first = phone.get(f"/p/table/{ex.id}").text
        for page in [first] if not items_of(first) else [phone.get(f"/p/table/{ex.id}?item={i}").text for i in items_of(first)]:
            for found in re.finditer(r'<form method="post" action="(/p/table/[^"]+/answer)"[^>]*>(.*?)</form>', page, re.S):
                hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', found.group(2)))
                sent = phone.post(found.group(1), data=hidden)
                assert sent.status_code == 200, (ex.id, hidden.get("item"), sent.text[-800:])
    assert run.store.answers(arena.room.ws.id) == []


def test_a_scribe_form_for_another_exercise_or_item_is_refused(arena):
    phone = arena.phone("tafel 1")
    token = csrf(phone.get("/p").text)
    assert phone.post("/p/table/rollen/answer", data={"csrf": token, "item": "rol-999"}).status_code == 400
    assert phone.get("/p/table/bestaat-niet").status_code == 404
    assert phone.post("/p/table/regio/do/suggestions", data={"csrf": token}).status_code == 400


def test_a_scribes_answer_sent_before_the_room_noticed_a_rename_is_saved_under_the_new_name(run, arena, cli):
    phone = arena.phone("tafel 2")
    page = phone.get("/p/table/rollen?item=rol-1").text  # the form, shown before the rename
    cli("group", "rename", "tafel 2", "tafel Noord", "-s", arena.room.ws.id)
    assert arena.room.groups == ["tafel 1", "tafel 2"]  # the room has not looked yet
    target = "/p/table/rollen/answer"
    done = phone.post(target, data={**form_of(page, target, "rol-1"), "now": "programmator", "note": ""})
    assert done.status_code == 200, done.text
    assert arena.room.groups == ["tafel 1", "tafel Noord"]  # the page after the save shows the table as it is now
    assert answers(cli, arena, "roles", "tafel Noord")["rol-1"]["now"] == "programmator"
    post(phone, "allianties", "_", to="add", partner="Bibliotheek")  # a kind's command: the same placing
    assert "Bibliotheek" in json.dumps(answers(cli, arena, "alliances", "tafel Noord"))
    assert {doc["group"] for doc in run.store.answers(arena.room.ws.id)} == {"tafel Noord"}


def test_a_scribes_answer_for_a_table_removed_meanwhile_is_refused_and_stores_nothing(run, arena, cli):
    phone = arena.phone("tafel 2")
    page = phone.get("/p/table/rollen?item=rol-1").text
    cli("group", "remove", "tafel 2", "--yes", "-s", arena.room.ws.id)
    target = "/p/table/rollen/answer"
    refused = phone.post(target, data={**form_of(page, target, "rol-1"), "now": "programmator", "note": ""})
    assert refused.status_code in (400, 409) and "Kies eerst je tafel" in refused.text
    assert run.store.answers(arena.room.ws.id) == []


def test_a_conflict_names_every_field_the_same_way_whether_the_kits_heading_is_a_word_or_a_question(arena):
    from tocht_cli.room import forms

    kit = arena.room.kit
    roles, steps = kit.exercise("rollen"), kit.exercise("stappenplan")
    assert "veranderd: Vandaag, Notitie." in forms.conflict_message(roles, "rol-1", ["now", "note"], kit)
    assert "veranderd: Welke concrete actie, Status." in forms.conflict_message(steps, "stap-1", ["action", "status"], kit)


def test_a_date_is_typed_as_in_the_walk_with_the_questions_hint(arena, cli):
    """T4's "Tegen wanneer?" was a date picker that took no typing (room trial, issue 18): the form takes what the
    walk takes (15/01/2027, 15 januari 2027), shows a saved date as the walk does, and refuses as the walk refuses."""
    phone = arena.phone("tafel 1")
    page = phone.get("/p/table/stappenplan?item=stap-1").text
    assert 'type="date"' not in page and "Tegen wanneer? (bv. 15 januari 2027)" in page
    assert post(phone, "stappenplan", "stap-1", action="Bellen", by="15 januari 2027").status_code == 200
    assert answers(cli, arena, "steps")["stap-1"]["by"] == "2027-01-15"
    assert 'name="by" value="15 januari 2027"' in phone.get("/p/table/stappenplan?item=stap-1").text
    assert post(phone, "stappenplan", "stap-1", action="Bellen", by="1/3/2027").status_code == 200
    assert answers(cli, arena, "steps")["stap-1"]["by"] == "2027-03-01"
    refused = post(phone, "stappenplan", "stap-1", action="Bellen", by="na de verkiezingen")
    assert refused.status_code == 400 and "geen datum: schrijf 15/01/2027" in refused.text
    assert answers(cli, arena, "steps")["stap-1"]["by"] == "2027-03-01"


def test_the_tables_exercise_wide_answers_are_revealed_at_the_exercises_opening(arena):
    steps = arena.room.kit.exercise("stappenplan")
    arena.room.goto(steps, None)
    laptop = arena.screen()
    for n, group in enumerate(arena.room.groups):
        post(arena.phone(group), "stappenplan", "_", whom=f"de schepen van tafel {n + 1}", municipality="Grimbergen")
    assert arena.room.reveal() is True  # not "nothing to show here: the participants do not vote on this"
    shown = laptop.get("/screen/live").text
    assert 'class="table-answers"' in shown
    for n in range(len(arena.room.groups)):
        assert f"de schepen van tafel {n + 1}" in shown


def test_the_alliances_own_entries_say_one_thing_and_take_lines_and_semicolons(arena):
    """The form said "gescheiden door ';' (één per regel)": it says one per line now, and takes both (room trial, issue 18)."""
    page = arena.phone("tafel 1").get("/p/table/allianties").text
    assert "gescheiden door" not in page
    assert 'Eigen aanvullingen <span class="hint">(één per regel)</span>' in page


def test_a_saved_answer_shows_in_its_form_with_change_and_a_list_adds(arena):
    """After "Bewaren" the form shows the answer saved and offers "Wijzigen"; a row's form "Toevoegen";
    the jump says no "(2/6)" on the first item (room trial, issue 18)."""
    phone = arena.phone("tafel 1")
    done = post(phone, "rollen", "rol-1", now="programmator", note="Samen beter")
    section = done.text.split('id="i-rol-1"')[1]
    assert 'value="programmator" checked' in section and ">Samen beter</textarea>" in section
    assert ">Wijzigen</button>" in section and ">Bewaren</button>" not in section
    fresh = phone.get("/p/table/rollen?item=rol-2").text
    assert ">Bewaren</button>" in fresh and "/" + str(fresh.count("<option")) + ")" not in fresh and "(2/" not in fresh
    assert ">Toevoegen</button>" in phone.get("/p/table/allianties").text


def test_a_pick_saved_on_the_alliances_says_change_and_each_question_once(arena):
    """T5's "With whom?" after saving still said "Bewaren", and its heading stood twice ("Met wie? / Met wie?"):
    one rule for every form (room re-trial, issue 18)."""
    phone = arena.phone("tafel 1")
    fresh = phone.get("/p/table/allianties").text
    assert fresh.count(">Met wie?<") == 1 and fresh.count(">Aard van de samenwerking?<") == 1
    post(phone, "allianties", "_", to="with", refs="met-2", own="")
    page = phone.get("/p/table/allianties").text
    picked = page.split('action="/p/table/allianties/do/with"')[1].split("</form>")[0]
    assert ">Wijzigen</button>" in picked and ">Bewaren</button>" not in picked
    kinds = page.split('action="/p/table/allianties/do/nature"')[1].split("</form>")[0]
    assert ">Bewaren</button>" in kinds  # nothing picked there yet


def test_the_regional_rows_form_has_no_stray_heading_repeating_its_button(arena):
    """T6's form opened with a lower-case "toevoegen" above its first field (room re-trial, issue 18)."""
    page = arena.phone("tafel 1").get("/p/table/regio").text
    assert "<h3>toevoegen</h3>" not in page.lower() and ">Toevoegen</button>" in page


def entry_form(page: str, summary: str) -> str:
    """The form of one entry of a list, from its title (the summary that opens it) to its end."""
    return page.split(f"<summary>{summary} ")[1].split("</details>")[0]


def test_each_row_has_its_own_forms_saying_what_they_do_to_which_and_removing_asks_once_more(arena, cli):
    """T5/T6's forms said a bare "aanpassen"/"verwijderen", picked a row from a select labelled "Het nummer van de
    rij." and deleted with a button labelled "Bewaren" (room trial, issue 18): a form per row now, named after it,
    filled with it, and a removal that says what goes before its "Verwijderen"."""
    phone = arena.phone("tafel 1")
    post(phone, "regio", "_", to="add", challenge="Te weinig technici", regional="Een gedeelde ploeg")
    post(phone, "regio", "_", to="add", challenge="Geen zalen", regional="")
    page = phone.get("/p/table/regio").text
    assert "Het nummer van de rij" not in page and "<h3>aanpassen</h3>" not in page and "<h3>verwijderen</h3>" not in page
    edit = entry_form(page, "Rij 2 aanpassen")
    assert 'value="Geen zalen"' in edit and ">Wijzigen</button>" in edit and 'name="number" value="2"' in edit
    remove = entry_form(page, "Rij 1 verwijderen")
    assert "“Te weinig technici” verdwijnt uit de lijst" in remove
    assert ">Verwijderen</button>" in remove and "Bewaren" not in remove and "<select" not in remove
    alliances = post(phone, "allianties", "_", to="add", partner="Academie", purpose="jongeren").text
    assert "<summary>Alliantie 1 verwijderen <" in alliances and 'name="number" value="1"' in alliances
    target = "/p/table/regio/do/edit"
    sent = phone.post(target, data={**dict(re.findall(r'name="([^"]+)" value="([^"]*)"', edit)), "regional": "samen huren"})
    assert sent.status_code == 200, sent.text
    rows = answers(cli, arena, "challenges")["_"]["rows"]
    assert rows == [
        {"challenge": "Te weinig technici", "regional": "Een gedeelde ploeg"},
        {"challenge": "Geen zalen", "regional": "samen huren"},
    ]
    post(phone, "regio", "_", to="remove", number="1")
    assert [r["challenge"] for r in answers(cli, arena, "challenges")["_"]["rows"]] == ["Geen zalen"]


def test_what_the_room_gave_is_offered_only_once_it_gave_something(arena):
    """ "Wat de zaal gaf / overnemen" stood on T6's form when the room had given nothing (room trial, issue 18)."""
    phone = arena.phone("tafel 1")
    assert "Wat de zaal gaf" not in phone.get("/p/table/regio").text
    assert "/do/from-room" not in phone.get("/p/table/vocabularium").text


def test_a_form_page_shows_the_exercises_title_once(arena):
    """The page's heading said the title and the exercise-wide answer's heading said it again (room trial, issue 18)."""
    page = arena.phone("tafel 1").get("/p/table/regio").text
    title = arena.room.kit.exercise("regio").title
    shown = re.sub(r'<(span|h2) [^>]*class="visually-hidden">.*?</\1>', "", page)
    assert shown.count(f"{title}</h1>") == 1 and f">{title}" not in shown.split("</h1>")[1]


def test_t1b_cards_on_the_screen_are_labelled_with_what_the_tables_were_asked(arena):
    """T1b's cards labelled each table's tasks "Decreet lokaal cultuurbeleid", a term (room trial, issue 18): a card's
    labels are the questions the tables answered, and for a described kind its fields' labels as before."""
    phone, laptop = arena.phone("tafel 1"), arena.screen()
    vocabulary = arena.room.kit.exercise("vocabularium")
    function = items_of(phone.get("/p/table/vocabularium").text)[1]
    page = phone.get(f"/p/table/vocabularium?item={function}").text
    target = "/p/table/vocabularium/do/link"
    phone.post(target, data={**form_of(page, target, function), "tasks": ["cultuurspreiding"], "how": "via de zaal"})
    arena.room.goto(vocabulary, function)
    arena.room.reveal(True)
    for shown in (laptop.get("/screen/live").text, laptop.get("/control").text):
        cards = shown.split('class="table-answers"')[1]
        assert "<dt>Decreet lokaal cultuurbeleid</dt>" not in cards
        assert "<dt>Met welke basisopdrachten verbinden jullie deze functie?</dt><dd>cultuurspreiding</dd>" in cards
        assert "<dt>Hoe?</dt><dd>via de zaal</dd>" in cards


def test_taking_over_what_the_room_gave_by_numbers_typed_on_lines_saves_them_and_a_wrong_one_is_refused(arena, cli):
    """Numbers typed on two lines in "Alleen deze nummers" gave the phone an Internal Server Error and the terminal a
    traceback ('<=' between int and str; room re-trial, issue 18): a form's numbers are whole numbers, between spaces,
    commas or lines; a word or a number not on the list is refused on the form, in the kit's words. The form lists
    what the room gave, numbered, so the scribe knows which numbers to type."""
    sid = arena.room.ws.id
    cli("words", "add", "1", "cultuur, samen", "dialoog", "cultuur, erfgoed", "-s", sid, "-g", "tafel 2")
    phone = arena.phone("tafel 1")
    listed = re.search(r'<ol class="offered">(.*?)</ol>', phone.get("/p/table/vocabularium").text, re.S)
    assert listed and re.findall(r"<li>(.*?)</li>", listed.group(1))[:2] == ["cultuur (2)", "dialoog (1)"]
    for typed in ("twee", "1\r\n9"):
        refused = post(phone, "vocabularium", "_", to="from-room", numbers=typed, take="on")
        assert refused.status_code == 400 and "Internal Server Error" not in refused.text
        assert "Wat de zaal gaf" in refused.text and answers(cli, arena, "vocabulary") == {}
    assert "verwacht een geheel getal" in post(phone, "vocabularium", "_", to="from-room", numbers="twee", take="on").text
    taken = post(phone, "vocabularium", "_", to="from-room", numbers="1\r\n3", take="on")
    assert taken.status_code == 200, taken.text
    assert answers(cli, arena, "vocabulary")["_"]["words"] == ["cultuur", "erfgoed"]
    post(phone, "vocabularium", "_", to="from-room", numbers="1, 2", take="on")
    assert answers(cli, arena, "vocabulary")["_"]["words"] == ["cultuur", "erfgoed", "dialoog", "samen"]


def test_a_refused_date_shows_the_step_again_as_typed_with_only_the_date_marked(arena, cli):
    """31/02/2027 on T4's form wiped the whole step: action, who and status gone (room re-trial, issue 18). A refused
    form shows again with everything the scribe typed; only the wrong field is marked, and nothing is saved."""
    phone = arena.phone("tafel 2")
    bad = post(phone, "stappenplan", "stap-2", action="Bellen", who="An", by="31/02/2027", status="bezig")
    assert bad.status_code == 400 and 'class="problem"' in bad.text
    section = bad.text.split('id="i-stap-2"')[1].split("</section>")[0]
    assert ">Bellen</textarea>" in section and 'value="An"' in section and 'value="31/02/2027"' in section
    assert re.search(r'name="status" value="bezig" checked', section)
    assert section.count('aria-invalid="true"') == 1 and section.count('class="conflict wrong"') == 1
    marked = section.split('class="conflict wrong"')[1].split("</div>")[0]
    assert 'name="by"' in marked and 'name="who"' not in marked
    assert "stap-2" not in answers(cli, arena, "steps", "tafel 2")


@pytest.mark.parametrize("typed", ["1 9", "twee"])
def test_a_refused_take_over_shows_the_numbers_and_the_tick_again_with_only_the_numbers_marked(arena, cli, typed):
    """T6's "Wat de zaal gaf" refused for a number not on the list came back empty: the numbers typed and the
    "overnemen" tick were gone (room trial, issue 18)."""
    cli("words", "add", "1", "cultuur, samen", "dialoog", "-s", arena.room.ws.id, "-g", "tafel 2")
    refused = post(arena.phone("tafel 1"), "vocabularium", "_", to="from-room", numbers=typed, take="on")
    assert refused.status_code == 400
    form = re.search(r'action="/p/table/vocabularium/do/from-room".*?</form>', refused.text, re.S).group(0)
    assert re.search(rf'<textarea id="[^"]*numbers" name="numbers"[^>]* aria-invalid="true">{typed}</textarea>', form), form
    assert re.search(r'<input type="checkbox" name="take"[^>]* checked>', form) and form.count("aria-invalid") == 1


def test_t6s_overview_on_the_screen_lists_every_row_an_open_regional_answer_marked(arena, cli):
    """T6's overview on the screen listed only the rows with a regional answer (room trial, issue 18)."""
    sid = arena.room.ws.id
    cli("challenges", "add", "Te weinig tijd", "--regional", "samen plannen", "-s", sid, "-g", "tafel 1")
    cli("challenges", "add", "Mobiliteit", "-s", sid, "-g", "tafel 1")
    arena.room.goto(arena.room.kit.exercise("regio"), None)
    arena.room.reveal(True)
    cards = arena.screen().get("/screen/live").text.split('class="table-answers"')[1]
    assert '<dt><span class="row-number">1</span> Te weinig tijd</dt><dd>samen plannen</dd>' in cards
    assert '<dt><span class="row-number">2</span> Mobiliteit</dt><dd>–</dd>' in cards
