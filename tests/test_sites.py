"""Several sites, one result (issue 20 §4): `tocht merge … --into` keeps which tables were which site's, what
their rooms let out (k, audience marks), and every summary shows each site's counts, the total and how many
sites' majorities agree, with where the counts came from."""

from __future__ import annotations

import json

import pytest


def sid(result) -> str:
    return result.stdout.strip()


@pytest.fixture
def three_sites(cli):
    """Three sites of one region: Halle counted hands at two tables, Vilvoorde typed a paper worksheet in, Asse
    counted hands at two tables."""
    halle = sid(cli("new", "Halle", "--date", "2027-03-01", "--place", "CC Halle", "-g", "tafel 1", "-g", "tafel 2"))
    cli("statements", "vote", "A1", "-g", "tafel 1", "--agree", "5", "--disagree", "1")
    cli("statements", "vote", "A1", "-g", "tafel 2", "--agree", "3", "--disagree", "2")
    cli("statements", "vote", "A2", "-g", "tafel 1", "--agree", "1", "--disagree", "4")
    vilvoorde = sid(cli("new", "Vilvoorde", "--date", "2027-03-02", "--place", "Vilvoorde"))
    cli("statements", "vote", "A1", "--agree", "2", "--disagree", "6", "--origin", "paper")
    cli("statements", "vote", "A2", "--agree", "1", "--disagree", "1", "--origin", "paper")
    asse = sid(cli("new", "Asse", "--date", "2027-03-03", "-g", "CC Asse", "-g", "Gemeente"))
    cli("statements", "vote", "A1", "-g", "CC Asse", "--agree", "4")
    cli("statements", "vote", "A1", "-g", "Gemeente", "--agree", "3", "--unsure", "1")
    return halle, vilvoorde, asse


def test_the_merged_summary_shows_each_sites_counts_the_total_and_how_many_sites_agree(cli, three_sites):
    merged = sid(cli("merge", *three_sites, "--into", "Regio Halle-Vilvoorde"))
    md = cli("export", merged).stdout.replace("\u00a0", " ")  # a count keeps to its option with a no-break space
    assert "## Per locatie" in md and "3 locaties: Halle, Vilvoorde, Asse" in md
    assert "| # |  | Halle | Vilvoorde | Asse | Totaal | Zelfde meerderheid |" in md
    a1 = next(line for line in md.splitlines() if line.startswith("| A1 |") and "Totaal" not in line and "2 van 3" in line)
    assert "eens 8 · oneens 3" in a1 and "eens 2 · oneens 6" in a1 and "eens 7 · twijfel 1" in a1 and "eens 17 · oneens 9 · twijfel 1" in a1
    # A2: Vilvoorde's 2 votes are fewer than k = 3, and Halle beside it would give them back: both only in the total
    a2 = next(line for line in md.splitlines() if line.startswith("| A2 |") and "alleen in het totaal" in line)
    assert a2.count("*alleen in het totaal*") == 2 and "eens 2 · oneens 5" in a2
    assert "*Vilvoorde, A2: minder dan 3 stemmen: alleen in het totaal*" in md
    # where the counts come from, per site: not for a site kept to the total on an item (Halle's 16 hands less its
    # 11 on A1 would give its votes on A2, and Vilvoorde's beside them)
    assert (
        "**Halle**: niet getoond, zodat het aantal stemmen van een kleine stemming niet uit te rekenen is" in md
        and "**Vilvoorde**: niet getoond, zodat het aantal stemmen van een kleine stemming niet uit te rekenen is" in md
        and "**Asse**: handen 8" in md
    )
    assert "handen 16" not in md and "papier 10" not in md
    kept = cli("export", merged, "--min-votes", "1").stdout
    assert "**Halle**: handen 16" in kept and "**Vilvoorde**: papier 10" in kept  # k = 1: every site shown


def test_the_merged_result_for_scripts_and_on_the_terminal(cli, three_sites):
    merged = sid(cli("merge", *three_sites, "--into", "Regio"))
    found = json.loads(cli("show", merged, "--json").stdout)["sites"]
    assert found["sites"] == ["Halle", "Vilvoorde", "Asse"] and found["min_votes"] == 3
    (statements,) = found["exercises"]
    a1 = statements["items"][0]
    assert a1["total"] == {"eens": 17, "oneens": 9, "twijfel": 1} and a1["majority"] == "eens"
    assert (a1["agreeing"], a1["deciding"]) == (2, 3)
    assert [s["majority"] for s in a1["sites"]] == ["eens", "oneens", "eens"]
    assert statements["origins"] == [["Halle", {}], ["Vilvoorde", {}], ["Asse", {"hands": 8}]]
    assert statements["origins_kept"] == ["Halle", "Vilvoorde"]  # kept to the total on A2: no origins to work it out by
    shown = cli("show", merged, "--no-pager").stdout.replace("\u00a0", " ")
    assert "Per locatie" in shown and "2 van 3: eens" in shown and "Asse: handen 8" in shown and "papier 10" not in shown


def test_a_session_that_is_no_merge_has_no_sites(cli, three_sites):
    assert "sites" not in json.loads(cli("show", three_sites[0], "--json").stdout)
    assert "Per locatie" not in cli("export", three_sites[0]).stdout


def test_merge_records_each_sources_groups_and_keeps_what_the_rooms_let_out(cli, three_sites, run):
    halle, vilvoorde, asse = three_sites
    cli("export", halle, "--min-votes", "1")  # an export's k is not the session's
    cli("audience", "stellingen", "public", "-s", halle)
    cli("audience", "stellingen", "network", "-s", vilvoorde)
    cli("audience", "stellingen", "public", "-s", asse)
    cli("audience", "rollen", "public", "-s", asse)  # the others keep it in the room
    merged = sid(cli("merge", *three_sites, "--into", "Regio"))
    session = json.loads(cli("show", merged, "--json").stdout)
    assert [m["groups"] for m in session["merged_from"]] == [
        ["Halle / tafel 1", "Halle / tafel 2"],
        ["Vilvoorde / groep 1"],
        ["Asse / CC Asse", "Asse / Gemeente"],
    ]
    assert session["audience"] == {"stellingen": "network"}  # the narrowest of the three
    assert "min_votes" not in run.store.session(merged) and session["min_votes"] == 3  # none of them stored one: the default


def test_merge_keeps_the_largest_k_of_its_sources(cli, three_sites, run):
    halle, _vilvoorde, asse = three_sites
    run.workspace(halle).keep_min_votes(5)
    run.workspace(asse).keep_min_votes(2)
    merged = sid(cli("merge", *three_sites, "--into", "Regio"))
    assert json.loads(cli("show", merged, "--json").stdout)["min_votes"] == 5


def test_a_merged_session_exports_and_imports_with_its_sites(cli, three_sites):
    merged = sid(cli("merge", *three_sites, "--into", "Regio"))
    exported = cli("export", merged, "-f", "json").stdout
    copy = sid(cli("import", "-", "--yes", "--name", "Regio (kopie)", input=exported))
    assert json.loads(cli("export", copy, "-f", "json").stdout)["session"]["merged_from"] == json.loads(exported)["session"]["merged_from"]
    assert cli("export", copy).stdout.replace("Regio (kopie)", "Regio") == cli("export", merged).stdout


def test_a_session_merged_before_merges_recorded_groups_finds_its_sites_by_their_names(cli, three_sites, run):
    merged = sid(cli("merge", *three_sites, "--into", "Regio"))
    run.store.update_session(
        merged, lambda r: {**r, "merged_from": [{k: v for k, v in m.items() if k != "groups"} for m in r["merged_from"]]}
    )
    assert "| A1 |" in cli("export", merged).stdout.split("## Per locatie")[1]
    assert json.loads(cli("show", merged, "--json").stdout)["sites"]["exercises"][0]["items"][0]["agreeing"] == 2


def test_the_dossier_shows_each_site_of_a_merged_meeting(cli, three_sites):
    merged = sid(cli("merge", *three_sites, "--into", "Regio"))
    md = cli("dossier", three_sites[0], merged).stdout.replace("\u00a0", " ")
    assert "## Per locatie · Regio (3 maart 2027)" in md and "2 van 3: eens" in md and "**Asse**: handen 8" in md
    assert "papier 10" not in md  # Vilvoorde is kept to the total on A2
    (found,) = json.loads(cli("dossier", three_sites[0], merged, "-f", "json").stdout)["sites"]
    assert found["meeting"] == merged and found["result"]["sites"] == ["Halle", "Vilvoorde", "Asse"]
    shown = json.loads(cli("dossier", three_sites[0], merged, "-f", "json", "--min-votes", "1").stdout)["sites"][0]["result"]
    assert shown["min_votes"] == 1 and all(not s["kept"] for s in shown["exercises"][0]["items"][1]["sites"])  # A2: every site shown


@pytest.fixture
def two_sites_one_small_table(cli):
    """The network trial's merge: Noord's four tables, tafel 4 a table of one (so tafel 3 is kept with it), and
    Pajottenland's two tables, W2 a table of one too."""
    noord = sid(cli("new", "Noord", "--date", "2027-10-02", "-g", "tafel 1", "-g", "tafel 2", "-g", "tafel 3", "-g", "tafel 4"))
    cli("statements", "vote", "A1", "-g", "tafel 1", "-p", "oneens", "--agree", "1", "--disagree", "4")
    cli("statements", "vote", "A1", "-g", "tafel 2", "-p", "eens", "--agree", "3", "--disagree", "1")
    cli("statements", "vote", "A1", "-g", "tafel 3", "-p", "oneens", "--disagree", "3")
    cli("statements", "vote", "A1", "-g", "tafel 4", "-p", "eens", "--agree", "1")
    paj = sid(cli("new", "Pajottenland", "--date", "2027-10-02", "-g", "W1", "-g", "W2"))
    cli("statements", "vote", "A1", "-g", "W1", "-p", "eens", "--agree", "3", "--disagree", "1")
    cli("statements", "vote", "A1", "-g", "W2", "-p", "eens", "--agree", "1")
    return noord, paj


def test_a_merge_keeps_to_the_total_every_table_its_own_session_kept_there(cli, two_sites_one_small_table):
    noord_alone = cli("export", two_sites_one_small_table[0]).stdout
    assert "oneens\u00a03" not in noord_alone.split("### Totaal")[0]  # tafel 3 is kept beside tafel 4 in its own session
    merged = sid(cli("merge", *two_sites_one_small_table, "--into", "Regio"))
    md = cli("export", merged).stdout.split("\n## T1a")[1]
    tafel3 = md.split("### Groep: Noord / tafel 3\n")[1].split("\n###")[0]
    assert "oneens\u00a03" not in tafel3 and "alleen in het totaal" in tafel3  # site and shown tables would give tafel 4 back
    assert "eens\u00a01" not in md.split("### Groep: Noord / tafel 4\n")[1].split("\n###")[0]
    csv = cli("export", merged, "-f", "csv").stdout
    assert "Noord / tafel 3;Handen;oneens" not in csv and "eens 0 · oneens 3" not in csv
    kept = {(k["group"], k["why"]) for k in json.loads(cli("show", merged, "--json").stdout)["kept_to_total"]}
    assert (
        ("Noord / tafel 3", "beside small") in kept
        and ("Noord / tafel 4", "small") in kept
        and ("Pajottenland / W1", "beside small") in kept
    )


def test_a_table_kept_to_the_total_shows_no_position_of_its_own_in_the_dossier(cli, two_sites_one_small_table):
    merged = sid(cli("merge", *two_sites_one_small_table, "--into", "Regio"))
    md = cli("dossier", merged).stdout
    assert "Noord / tafel 4: alleen in het totaal" in md and "Noord / tafel 4: eens" not in md
    assert "Noord / tafel 2: eens (eens\u00a03 · oneens\u00a01)" in md
