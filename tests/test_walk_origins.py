"""A tally taken from the phones keeps its origin to its own save (commit cc3ad94): a scribe's answer the room saves
through the same workspace while the walk's save waits at its clash question keeps its own."""

from __future__ import annotations

from tocht_cli.store import HANDS, PHONES
from tocht_cli.walk.guide import Walk


def test_a_scribes_answer_saved_during_the_walks_clash_question_keeps_its_own_origin(run, two_groups, monkeypatch):
    ws = run.workspace(two_groups)
    ws.origin = HANDS  # as `tocht run --room` sets it: the walk's own counts are hands
    statements = ws.kit.exercise("stellingen")
    walk = Walk(ws, "tafel 1")
    walk.own(statements, "A1")  # the walk's prompt shows A1 unanswered
    ws.save(statements, "A1", "tafel 1", {"position": "eens", "counts": {"eens": 3, "oneens": 1, "twijfel": 0}})  # a phone's, meanwhile

    asked = []

    def clash_question(*args):
        """While the facilitator reads "which answer stays?", the room saves tafel 2's scribe's hands."""
        asked.append(args)
        ws.save(statements, "A2", "tafel 2", {"position": "oneens", "counts": {"eens": 1, "oneens": 5, "twijfel": 0}})
        return True

    monkeypatch.setattr(walk, "_mine_instead", clash_question)
    walk.save_counted(statements, "A1", {"position": "eens", "counts": {"eens": 4, "oneens": 2, "twijfel": 1}}, PHONES)
    assert asked  # the clash question was asked, and the scribe's save came inside it
    origins = {(a["item"], a["group"]): a.get("origin") for a in run.workspace(two_groups).answers()}
    assert origins == {("A1", "tafel 1"): PHONES, ("A2", "tafel 2"): HANDS}


def test_the_room_forgetting_the_walks_cache_in_the_middle_of_a_read_leaves_the_read_whole(run, two_groups, monkeypatch):
    """`run --room` shares the walk's workspace with the room, whose thread forgets its cache after a phone's
    answer; forced here in the middle of the walk's read of the answers (the review: `sheet` set an empty dict,
    then filled it, and a forget between the two left None to fill)."""
    ws = run.workspace(two_groups)
    statements = ws.kit.exercise("stellingen")
    read = ws.store.answers

    def answers_while_the_room_forgets(session):
        docs = read(session)
        ws.forget()  # the room's thread, between the walk's two steps
        return docs

    monkeypatch.setattr(ws.store, "answers", answers_while_the_room_forgets)
    assert ws.sheet(statements, "tafel 1") is not None
    assert ws.progress()[statements.id]["tafel 1"]["total"] > 0
