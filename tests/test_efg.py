"""Gambit .efg files: every shared example reads, labels survive, and writing round-trips (also through pygambit)."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

import pytest
from treegen import random_tree

from bargaining import GameError, GameTree
from bargaining.games.tree import ChanceNode, TerminalNode

HERE = Path(__file__).resolve()
GAMES_DIR = next((p / "shared" / "gambit-games" for p in HERE.parents[2:4] if (p / "shared" / "gambit-games").is_dir()),
                 HERE.parents[2] / "shared" / "gambit-games")  # ../shared beside the repository (or a worktree's)
FIXTURE = json.loads((Path(__file__).parent / "data" / "gambit_efg.json").read_text(encoding="utf-8"))
EFG = sorted(GAMES_DIR.glob("*.efg")) if GAMES_DIR.is_dir() else []
needs_games = pytest.mark.skipif(not EFG, reason="../shared/gambit-games is absent")


def summary(tree: GameTree) -> dict:
    """The same words as tests/oracle.py's gambit_tree_summary, from our tree."""
    nodes = []
    for node_id in tree.preorder():
        node = tree.nodes[node_id]
        if isinstance(node, TerminalNode):
            nodes.append(["t", node.name, [str(v) for v in node.payoffs]])
        elif isinstance(node, ChanceNode):
            nodes.append(["c", [[a, str(p)] for (a, _), p in zip(node.actions, node.probabilities)]])
        else:
            nodes.append(["p", node.player, node.info, [a for a, _ in node.actions]])
    return {"players": list(tree.players), "nodes": nodes}


def same_up_to_unnamed_infosets(ours: dict, gambit: dict) -> bool:
    """Equal, where Gambit's empty labels (information sets; outcomes, which pygambit calls _1, _2...) may differ."""
    if ours["players"] != gambit["players"] or len(ours["nodes"]) != len(gambit["nodes"]):
        return False
    for a, b in zip(ours["nodes"], gambit["nodes"]):
        if (a[0] == b[0] == "p" and b[2] == "") or (a[0] == b[0] == "t" and re.fullmatch(r"(_\d+)?", b[1])):
            a, b = a[:1] + a[2:] if a[0] == "t" else a[:2] + a[3:], b[:1] + b[2:] if b[0] == "t" else b[:2] + b[3:]
        if a != b:
            return False
    return True


@needs_games
@pytest.mark.parametrize("path", EFG, ids=lambda p: p.name)
def test_every_shared_efg_reads_as_gambit_reads_it(path):
    tree = GameTree.from_efg(path)
    assert tree.perfect_recall
    assert same_up_to_unnamed_infosets(summary(tree), FIXTURE["games"][path.name]["tree"])


@needs_games
@pytest.mark.parametrize("path", EFG, ids=lambda p: p.name)
def test_to_efg_round_trips(path):
    tree = GameTree.from_efg(path)
    assert GameTree.from_efg(tree.to_efg()) == tree


def test_fixture_covers_the_twelve_examples():
    assert len(FIXTURE["games"]) == 12 and "command" in FIXTURE


@pytest.mark.parametrize("seed", range(20))
def test_random_trees_round_trip(seed):
    tree = random_tree(seed)
    back = GameTree.from_efg(tree.to_efg())
    assert back == tree


def test_outcomes_at_inner_nodes_add_to_the_ends():
    text = ('EFG 2 R "t" { "A" "B" } "" p "" 1 1 "h" { "L" "R" } 1 "fee" { -1, 1 } '
            't "" 2 "left" { 3, 0 } t "" 3 "right" { 0, 3 }')
    tree = GameTree.from_efg(text)
    assert [tree.nodes[n].payoffs for n in tree.terminals] == [(2, 1), (-1, 4)]
    assert [tree.nodes[n].label for n in tree.terminals] == ["left", "right"]


def test_repeated_outcomes_and_infosets_may_omit_their_details():
    text = ('EFG 2 D "t" { "A" "B" } "" c "" 1 "" { "x" 0.25 "y" 0.75 } 0 '
            'p "" 1 1 "h" { "L" "R" } 0 t "" 1 "one" { 1.5, 0 } t "" 2 "two" { 0, 1 } '
            'p "" 1 1 0 t "" 1 t "" 2')
    tree = GameTree.from_efg(text)
    assert tree.infosets["h"].nodes == ("n2", "n5")
    assert tree.nodes["n1"].probabilities == (Fraction(1, 4), Fraction(3, 4))
    assert [tree.nodes[n].payoffs[0] for n in tree.terminals] == [Fraction(3, 2), 0, Fraction(3, 2), 0]


@pytest.mark.parametrize(
    "text, fragment",
    [
        ('NFG 1 R "x" { "A" "B" }', "neither the text"),
        ('EFG 2 R "x" { "A" "B" } "" q "" 1', "unknown node type"),
        ('EFG 2 R "x" { "A" "B" } "" t "" 4', "used before its payoffs"),
        ('EFG 2 R "x" { "A" "B" } "" p "" 3 1 "h" { "L" } 0 t "" 0', "player 3"),
        ('EFG 2 R "x" { "A" "B" } "" p "" 1 1 0', "used before its actions"),
        ('EFG 2 R "x" { "A" "B" } "" c "" 1 "" { "a" 1/2 "b" 1/3 } 0 t "" 0 t "" 0', "sum to 5/6"),
        ('EFG 2 R "x" { "A" "B" } "" c "" 1 "" { "a" 3/2 "b" -1/2 } 0 t "" 0 t "" 0', "negative"),
        ('EFG 2 R "x" { "A" "B" } "" t "" 1 "o" { 1, x } ', "must be a number"),
        ('EFG 2 R "x" { "A" "B" } "" t "" 0 t "" 0', "after the last node"),
        ('EFG 2 R "x" { "A" "B" } "" p "" 1 1 "h" { "L" "R" } 0 t "" 0', "ends where"),
        ('EFG 2 R "x" { "A" "B" } "" ' + 'p "" 1 1 "h" { "L" } 0 ' * 600 + 't "" 0', "deeper than"),
        ('EFG 2 R "x" { "A" "A" } "" t "" 0', "distinct"),
    ],
)
def test_hostile_efg_text_is_one_game_error(text, fragment):
    with pytest.raises(GameError, match=fragment):
        GameTree.from_efg(text)


def test_parametric_tree_cannot_be_written_before_values():
    import sympy

    from bargaining import TreeBuilder

    t = TreeBuilder(players=("A", "B"))
    t.decision("A", {"L": t.end(sympy.Symbol("g"), 0), "R": t.end(0, 1)})
    with pytest.raises(GameError, match="tree.at"):
        t.build().to_efg()
    assert "{ 2 0 }" in t.build().at({"g": 2}).to_efg()


class TestThroughPygambit:
    gbt = None

    @pytest.fixture(autouse=True)
    def _gambit(self):
        self.gbt = pytest.importorskip("pygambit")
        import oracle

        self.oracle = oracle

    @needs_games
    @pytest.mark.parametrize("path", EFG, ids=lambda p: p.name)
    def test_pygambit_reads_our_file_as_the_original(self, path):
        import io

        original = self.gbt.read_efg(str(path))
        ours = GameTree.from_efg(path)
        written = self.gbt.read_efg(io.StringIO(ours.to_efg()))
        expected = self.oracle.gambit_tree_summary(original)
        assert same_up_to_unnamed_infosets(summary(ours), expected)
        assert same_up_to_unnamed_infosets(self.oracle.gambit_tree_summary(written), expected)
        assert GameTree.from_efg(written.to_efg()) == ours  # and back again: labels and node names kept
        assert expected == FIXTURE["games"][path.name]["tree"]  # the recorded fixture is still Gambit's reading

    @pytest.mark.parametrize("seed", range(10))
    def test_random_trees_through_pygambit(self, seed):
        import io

        tree = random_tree(seed)
        g = self.gbt.read_efg(io.StringIO(tree.to_efg()))
        assert GameTree.from_efg(g.to_efg()) == tree


def test_three_player_tree_round_trips():
    from bargaining import TreeBuilder

    t = TreeBuilder(players=("A", "B", "C"))
    c = {k: t.decision("C", {"x": t.end(1, 2, 3, label="one"), "y": t.end("1/2", 0, -1)}, infoset="c") for k in "LR"}
    t.chance({"up": ("1/3", t.decision("A", c, infoset="a")), "down": ("2/3", t.end(0, 0, 0, label="quiet"))})
    tree = t.build()
    text = tree.to_efg()
    assert text.startswith('EFG 2 R "" { "A" "B" "C" }')
    assert GameTree.from_efg(text) == tree
