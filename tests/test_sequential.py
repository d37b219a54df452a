"""Tests of game trees: validation, backward induction with reported ties, reduced normal forms."""

from __future__ import annotations

import pytest
import sympy

from bargaining import ModelError, load_model, reduced_normal_form, subgame_perfect
from bargaining.modelling.trees import parse_tree

PLAYERS = ("Row", "Col")
SYMS = {"p": sympy.Symbol("p", real=True)}


def tree(nodes, root="a"):
    return parse_tree({"root": root, "nodes": nodes}, PLAYERS, SYMS, "t.toml")


ENTRY = [  # Col chooses In or Out; after In, Row fights or accommodates (Selten's chain-store stage)
    {"id": "a", "player": "Col", "actions": {"Out": "out", "In": "b"}},
    {"id": "out", "payoffs": ["2", "0"]},
    {"id": "b", "player": "Row", "actions": {"Fight": "fight", "Accommodate": "acc"}},
    {"id": "fight", "payoffs": ["-1", "-1"]},
    {"id": "acc", "payoffs": ["p", "1"]},
]


def test_entry_game_backward_induction():
    t = tree(ENTRY)
    spe = subgame_perfect(t, {"p": 1})
    assert spe.describe() == "Col: In → Row: Accommodate"
    assert spe.payoffs == (1, 1) and dict(spe.plan) == {"a": "In", "b": "Accommodate"}
    assert subgame_perfect(t, {"p": -2}).describe() == "Col: Out"


def test_ties_are_reported_not_hidden():
    spe = subgame_perfect(tree(ENTRY), {"p": -1})  # Row indifferent between Fight and Accommodate
    assert spe.ties == (("b", ("Fight", "Accommodate")),)
    assert spe.plan["b"] == "Fight" and spe.tie_rule == "first listed action"


def test_reduced_normal_form_of_entry_game():
    rnf = reduced_normal_form(tree(ENTRY))
    assert rnf.strategies == (("Fight", "Accommodate"), ("Out", "In"))
    assert rnf.A == sympy.ImmutableMatrix([[2, -1], [2, SYMS["p"]]])
    assert rnf.B == sympy.ImmutableMatrix([[0, -1], [0, 1]])


@pytest.mark.parametrize(
    "nodes, root, fragment",
    [
        (ENTRY, "zz", "root"),
        (ENTRY + [{"id": "a", "payoffs": ["0", "0"]}], "a", "duplicate node id"),
        ([{"id": "a", "player": "Row", "actions": {"U": "a"}}], "a", "cycle"),
        ([{"id": "a", "player": "Row", "actions": {"U": "nowhere"}}], "a", "unknown node"),
        ([{"id": "a", "player": "Dealer", "actions": {"U": "b"}}, {"id": "b", "payoffs": ["0", "0"]}], "a", "players"),
        (ENTRY + [{"id": "c", "payoffs": ["0", "0"]}], "a", "cannot be reached"),
        ([{"id": "a", "player": "Row", "actions": {"U": "b", "D": "b"}}, {"id": "b", "payoffs": ["0", "0"]}],
         "a", "two parents"),
        ([{"id": "a", "player": "Row", "actions": {}}], "a", "actions"),
        ([{"id": "a", "payoffs": ["0"]}], "a", "two payoffs"),
        ([{"id": "a", "payoffs": ["q", "0"]}], "a", "not a declared parameter"),
    ],
)
def test_invalid_trees(nodes, root, fragment):
    with pytest.raises(ModelError, match=fragment):
        tree(nodes, root)


def test_belarus_tree_reduced_form_has_contingent_plans():
    rnf = reduced_normal_form(load_model("russia_belarus").sequential)
    assert rnf.strategies[1] == ("Align", "Hedge")
    assert rnf.strategies[0] == ("Subsidize-Subsidize", "Subsidize-Cut", "Cut-Subsidize", "Cut-Cut")


def test_subgame_at_a_node():
    armenia = load_model("russia_armenia")
    after_refuse = armenia.subgame_perfect(R=0.75, node="refuse")
    assert after_refuse.describe() == "Armenia: CarryOut"
    with pytest.raises(ModelError, match="not a node"):
        armenia.subgame_perfect(node="nowhere")
    with pytest.raises(ModelError, match="no \\[sequential\\]"):
        load_model("examples/prisoners_dilemma").subgame_perfect()
