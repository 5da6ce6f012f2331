"""The opinion map of a room's votes on statements (issue 21 §3): groups found where the room parts, none where
it does not, the same bytes for the same ballots in any order, and nothing shown below the minimum."""

from __future__ import annotations

import random

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tocht_cli.kinds.registry import installed
from tocht_cli.kit.kits import Kits
from tocht_cli.sessions.opinions import Opinions, Pending, Threshold, mappable, opinions
from tocht_cli.sessions.opinions_said import map_said

KIT = Kits(installed).load("tocht-2017")
EX = KIT.exercise("stellingen")
STATEMENTS = [item.id for item in EX.kind.items(EX)]
CAMP_A = ["eens"] * 8 + ["oneens"] * 7
CAMP_B = ["oneens"] * 8 + ["eens"] * 7


def ballots(devices: int, camps: list[list[str]], noise: float = 0.0, seed: int = 1, each: int = len(STATEMENTS)) -> list[dict]:
    """Each device votes its camp's positions (devices take the camps in turn), a share `noise` of them at random."""
    chance = random.Random(seed)
    out = []
    for d in range(devices):
        camp = camps[d % len(camps)]
        for j, statement in enumerate(STATEMENTS[:each]):
            position = chance.choice(["eens", "oneens", "twijfel"]) if chance.random() < noise else camp[j]
            out.append(
                {
                    "exercise": "stellingen",
                    "item": statement,
                    "group": f"tafel {d % 3}",
                    "device": f"{d:024x}",
                    "value": {"position": position},
                }
            )
    return out


def mapped(result: Opinions | Pending) -> Opinions:
    assert isinstance(result, Opinions), result
    return result


def test_only_a_vote_between_agreeing_and_disagreeing_is_mapped():
    assert mappable(EX)
    assert not mappable(KIT.exercise("bingo")) and not mappable(KIT.exercise("vocabularium"))


def test_two_clear_camps_are_two_groups_each_agreeing_with_its_own_statements():
    found = mapped(opinions(EX, ballots(12, [CAMP_A, CAMP_B], noise=0.1)))
    groups = found.map.groups
    assert [(g.label, g.size) for g in groups] == [("A", 6), ("B", 6)]
    camp_of = {f"{d:024x}": d % 2 for d in range(12)}
    letters = {camp_of[device]: letter for device, letter in found.closest.items()}
    assert all(found.closest[device] == letters[camp] for device, camp in camp_of.items())  # each camp one group
    first = next(g for g in groups if g.label == letters[0])
    assert {s.statement for s in first.agrees} <= set(STATEMENTS[:8]) and {s.statement for s in first.disagrees} <= set(STATEMENTS[8:])
    assert all(s.option == "eens" for s in first.agrees) and all(s.option == "oneens" for s in first.disagrees)
    assert found.map.dividing and all(len(d.sides) == 2 for d in found.map.dividing)
    assert {side[1] for side in found.map.dividing[0].sides} == {"eens", "oneens"}
    assert {dot.group for dot in found.map.dots} == {"A", "B"} and len(found.map.dots) == 12


def test_one_camp_is_not_split_and_its_shared_statements_unite():
    found = mapped(opinions(EX, ballots(20, [CAMP_A], noise=0.2)))
    assert found.map.groups == () and found.closest == {} and found.map.dividing == ()
    assert {dot.group for dot in found.map.dots} == {""}
    assert found.map.uniting and all(s.share >= 0.6 for s in found.map.uniting)
    assert {(s.statement, s.option) for s in found.map.uniting} <= {(st_, CAMP_A[j]) for j, st_ in enumerate(STATEMENTS)}


def test_the_same_votes_everywhere_split_nothing():
    found = mapped(opinions(EX, ballots(9, [CAMP_A])))
    assert found.map.groups == () and {(d.x, d.y) for d in found.map.dots} == {(0.0, 0.0)}
    assert len(found.map.uniting) == 3 and all(s.share == 1.0 for s in found.map.uniting)


def test_a_statement_all_camps_agree_on_unites_them_and_one_they_part_on_divides():
    a, b = list(CAMP_A), list(CAMP_B)
    a[0] = b[0] = "eens"  # both camps agree with A1
    found = mapped(opinions(EX, ballots(14, [a, b], noise=0.05)))
    assert found.map.uniting[0].statement == "A1" and found.map.uniting[0].option == "eens"
    assert "A1" not in {d.statement for d in found.map.dividing}


def test_below_the_minimum_nothing_is_mapped_and_the_room_hears_how_far_it_is():
    assert opinions(EX, ballots(6, [CAMP_A, CAMP_B])) == Pending("stellingen", 6, 7, 5)
    assert opinions(EX, ballots(12, [CAMP_A, CAMP_B], each=4)) == Pending("stellingen", 0, 7, 5)  # too few votes each
    assert isinstance(opinions(EX, ballots(12, [CAMP_A, CAMP_B], each=5)), Opinions)
    assert isinstance(opinions(EX, ballots(4, [CAMP_A, CAMP_B]), Threshold(devices=4, each=5, k=2)), Opinions)


def test_no_group_smaller_than_k_is_shown():
    lone = ballots(10, [CAMP_A]) + ballots(12, [CAMP_B])[-2 * len(STATEMENTS) :]  # two devices of another mind
    lone = [
        {**b, "device": f"{int(b['device'], 16) + 100:024x}"} if b["value"]["position"] != CAMP_A[STATEMENTS.index(b["item"])] else b
        for b in lone
    ]
    assert mapped(opinions(EX, lone, Threshold(7, 5, 3))).map.groups == ()
    assert [g.size for g in mapped(opinions(EX, lone, Threshold(7, 5, 2))).map.groups] == [10, 2]


def test_a_hidden_or_other_exercise_or_unknown_position_does_not_count():
    extra = [{"exercise": "bingo", "item": "x", "group": "t", "device": "f" * 24, "value": {"crossed": []}}]
    extra += [{"exercise": "stellingen", "item": "A1", "group": "t", "device": "e" * 24, "value": {"position": None}}]
    plain = ballots(12, [CAMP_A, CAMP_B])
    assert msgspec.json.encode(opinions(EX, plain)) == msgspec.json.encode(opinions(EX, plain + extra))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_same_ballots_in_any_order_give_the_same_bytes(seed):
    given_ = ballots(40, [CAMP_A, CAMP_B, ["eens"] * 15], noise=0.3, seed=seed)
    shuffled = list(given_)
    random.Random(seed).shuffle(shuffled)
    assert msgspec.json.encode(opinions(EX, given_)) == msgspec.json.encode(opinions(EX, shuffled))


VOTE = st.sampled_from(["eens", "oneens", "twijfel", None])


@given(st.lists(st.lists(VOTE, min_size=15, max_size=15), min_size=7, max_size=30), st.randoms(use_true_random=False))
def test_any_votes_in_any_order_give_the_same_map(rows, chance):
    votes = [
        {"exercise": "stellingen", "item": STATEMENTS[j], "group": "t", "device": f"{d:024x}", "value": {"position": p}}
        for d, row in enumerate(rows)
        for j, p in enumerate(row)
        if p is not None
    ]
    shuffled = list(votes)
    chance.shuffle(shuffled)
    first = opinions(EX, votes)
    assert msgspec.json.encode(first) == msgspec.json.encode(opinions(EX, shuffled))
    if isinstance(first, Opinions):
        assert len(first.map.dots) == first.map.devices
        assert 2 <= len(first.map.groups) <= 4 or not first.map.groups
        assert all(g.size >= 3 for g in first.map.groups)
        assert set(first.closest.values()) == {g.label for g in first.map.groups}


def test_the_kit_sets_the_minimum_and_validates_it(cli, tmp_path):
    folder = tmp_path / "kit"
    cli("kit", "copy", str(folder))
    statements = folder / "stellingen.toml"
    kept = statements.read_text(encoding="utf-8")
    statements.write_text(kept.replace('votes = "Handen"\n', 'votes = "Handen"\nmap_devices = 4\nmap_votes = 3\n'), encoding="utf-8")
    ex = Kits(installed).load(str(folder)).exercise("stellingen")
    assert isinstance(opinions(ex, ballots(4, [CAMP_A, CAMP_B], each=3)), Opinions)
    assert opinions(EX, ballots(4, [CAMP_A, CAMP_B], each=3)) == Pending("stellingen", 0, 7, 5)  # the shipped kit's 7 of 5
    wrong = tmp_path / "wrong"
    cli("kit", "copy", str(wrong))
    (wrong / "stellingen.toml").write_text(kept.replace('votes = "Handen"\n', 'votes = "Handen"\nmap_devices = 1\n'), encoding="utf-8")
    refused = cli("kit", "validate", str(wrong), ok=False)
    assert refused.exit_code == 4 and "map_devices" in refused.stderr and "2" in refused.stderr


def test_the_map_counts_the_statements_voted_on_not_all_the_kit_holds():
    """The caption said "uit de stemmen van 12 toestellen op 15 stellingen" when 5 were voted (room re-trial, issue 18)."""
    found = mapped(opinions(EX, ballots(12, [CAMP_A, CAMP_B], noise=0.1, each=5)))
    assert found.map.statements == 5 and found.map.devices == 12
    assert "de stemmen van 12 telefoons op 5 stellingen" in map_said(EX, found, KIT).note
    assert mapped(opinions(EX, ballots(12, [CAMP_A, CAMP_B], noise=0.1))).map.statements == len(STATEMENTS) == 15


def test_the_maps_words_give_every_statement_whole():
    """The screen and the handouts cut a statement at 90 characters with "…" (room trial, issue 18)."""
    said = map_said(EX, mapped(opinions(EX, ballots(12, [CAMP_A, CAMP_B], noise=0.1))), KIT)
    texts = {item.id: " ".join(item.text.split()) for item in EX.kind.items(EX)}
    lines = [line for _name, group in said.groups for line in group] + list(said.dividing)
    assert any(len(texts[line.split(" · ")[0]]) > 90 for line in lines)
    assert all(line.endswith(" · " + texts[line.split(" · ")[0]]) for line in lines)
