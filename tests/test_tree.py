"""The tree type: validation, information sets, perfect recall, parameters, and exact behaviour-profile arithmetic."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy

from bargaining import ChanceNode, DecisionNode, GameError, GameTree, TerminalNode, TreeBuilder
from bargaining.games.behaviour import (
    bayes_beliefs,
    expected_payoffs,
    infoset_regrets,
    outcome,
    path_words,
    reach_probabilities,
    reached_infosets,
)


def threat_game(prior="1/3"):
    """Nature picks a resolved (prob ``prior``) or irresolute Armenia; Russia sees a demand, not the type."""
    t = TreeBuilder(players=("Armenia", "Russia"))

    def armenia(kind, carry):
        refuse = t.decision("Armenia", {"CarryOut": t.end(carry, -2, label=f"{kind} rupture"),
                                        "BackDown": t.end(-1, 1, label=f"{kind} backs down")}, infoset=f"{kind} refused")
        russia = t.decision("Russia", {"Concede": t.end(1, -1, label=f"{kind} wins"), "Refuse": refuse},
                            infoset="demand", id=f"russia {kind}")
        return t.decision("Armenia", {"StatusQuo": t.end(0, 0, label="status quo"), "Demand": russia}, infoset=kind)

    t.chance({"resolved": (prior, armenia("resolved", 1)), "irresolute": (str(1 - F(prior)), armenia("irresolute", -2))}, id="nature")
    return t.build()


def test_builder_makes_information_sets_and_recall():
    tree = threat_game()
    assert tree.root == "nature" and not tree.is_perfect_information and tree.perfect_recall
    assert tree.infosets["demand"].nodes == ("russia resolved", "russia irresolute")
    assert tree.infosets["demand"].player == "Russia" and tree.infosets["demand"].actions == ("Concede", "Refuse")
    assert tree.sequence("russia resolved", "Armenia") == (("resolved", "Demand"),)
    assert tree.nodes["nature"].probabilities == (sympy.Rational(1, 3), sympy.Rational(2, 3))


def test_hand_computed_reach_beliefs_and_payoffs():
    tree = threat_game()
    # resolved always demands and carries out; irresolute demands with prob 1/4 and backs down; Russia refuses w.p. 1/2
    b = {"resolved": {"Demand": 1}, "irresolute": {"Demand": F(1, 4), "StatusQuo": F(3, 4)},
         "demand": {"Refuse": F(1, 2), "Concede": F(1, 2)},
         "resolved refused": {"CarryOut": 1}, "irresolute refused": {"BackDown": 1}}
    reach = reach_probabilities(tree, b)
    assert reach["russia resolved"] == F(1, 3) and reach["russia irresolute"] == F(2, 3) * F(1, 4)
    # Bayes: P(resolved | demand) = (1/3) / (1/3 + 1/6) = 2/3
    assert bayes_beliefs(tree, b)["demand"] == {"russia resolved": F(2, 3), "russia irresolute": F(1, 3)}
    out = outcome(tree, b)
    assert out["status quo"] == F(1, 2) and out["irresolute backs down"] == F(1, 12)
    assert sum(out.values()) == 1
    # Armenia: 1/6*1 (resolved wins) + 1/6*1 (rupture) + 1/12*1 (irresolute wins) + 1/12*(-1) = 1/3
    # Russia: 1/6*(-1) + 1/6*(-2) + 1/12*(-1) + 1/12*1 = -1/2
    assert expected_payoffs(tree, b) == (F(1, 3), F(-1, 2))
    assert set(reached_infosets(tree, b)) == set(tree.infosets)
    assert "chance: irresolute → Armenia: Demand → Russia: Refuse → Armenia: BackDown, p = 0.083333" not in \
        path_words(tree, b)
    assert "chance: irresolute → Armenia: Demand → Russia: Refuse → Armenia: BackDown, p = 1/12" in path_words(tree, b)


def test_regret_is_conditional_and_counts_whole_continuations():
    tree = threat_game()
    b = {"resolved": {"Demand": 1}, "irresolute": {"StatusQuo": 1}, "demand": {"Concede": 1},
         "resolved refused": {"CarryOut": 1}, "irresolute refused": {"BackDown": 1}}
    regrets = infoset_regrets(tree, b)
    # the irresolute type gains 1 by demanding (Russia concedes): regret 1; Russia (believes resolved) loses 1 by
    # conceding instead of... refusing gives -2 against carry-out: conceding is right, regret 0
    assert regrets["irresolute"] == 1 and regrets["demand"] == 0
    assert regrets["irresolute refused"] is None  # not reached, no belief given
    node = tree.infosets["irresolute refused"].nodes[0]
    # believing it is there, the irresolute type prefers backing down (-1) to carrying out (-2): regret 0
    assert infoset_regrets(tree, b, {"irresolute refused": {node: 1}})["irresolute refused"] == 0
    with pytest.raises(GameError, match="not a node of"):
        infoset_regrets(tree, b, {"irresolute refused": {"elsewhere": 1}})


def test_parametric_tree_at_values():
    p, g = sympy.symbols("p g", positive=True)
    t = TreeBuilder(players=("A", "B"))
    t.chance({"h": (p, t.end(g, 0)), "t": (1 - p, t.end(0, g))})
    tree = t.build()
    assert tree.parameters == {p, g}
    numeric = tree.at({"p": F(1, 4), g: 2})
    assert numeric.parameters == frozenset() and expected_payoffs(numeric, {}) == (F(1, 2), F(3, 2))
    with pytest.raises(GameError, match="negative"):
        tree.at({"p": 2, "g": 1})  # 2 and -1
    with pytest.raises(Exception, match="g"):
        tree.at({"p": F(1, 2)})


@pytest.mark.parametrize(
    "nodes, fragment",
    [
        ({"a": DecisionNode("a", "A", (("L", "x"), ("R", "x")))}, "two parents"),
        ({"a": DecisionNode("a", "A", (("L", "b"),)), "b": DecisionNode("b", "A", (("L", "a"),))}, "cycle"),
        ({"a": DecisionNode("a", "C", (("L", "x"),))}, "not one of the players"),
        ({"a": DecisionNode("a", "A", ())}, "no actions"),
        ({"a": ChanceNode("a", (("h", "x"), ("t", "y")), (sympy.Rational(1, 2), sympy.Rational(1, 3)))},
         "sum to 5/6"),
        ({"a": ChanceNode("a", (("h", "x"), ("t", "y")), (sympy.Rational(3, 2), sympy.Rational(-1, 2)))},
         "negative"),
        ({"a": ChanceNode("a", (("h", "x"), ("t", "y")), (0.5, 0.5))}, "sympy"),
        ({"a": DecisionNode("a", "A", (("L", "x"), ("R", "y")), "h"),
          "y": DecisionNode("y", "A", (("L", "z"), ("M", "w")), "h")}, "action labels"),
        ({"a": DecisionNode("a", "A", (("L", "x"), ("R", "y")), "h"),
          "y": DecisionNode("y", "B", (("L", "z"), ("R", "w")), "h")}, "differs in player"),
    ],
)
def test_invalid_trees_are_refused(nodes, fragment):
    ends = {n: TerminalNode(n, (sympy.Integer(0), sympy.Integer(0))) for n in "xyzw"}
    used = {c for node in nodes.values() for _, c in node.actions}
    all_nodes = {**nodes, **{n: e for n, e in ends.items() if n in used and n not in nodes}}
    with pytest.raises(GameError, match=fragment):
        GameTree("a", all_nodes, ("A", "B"))


def test_imperfect_recall_is_detected():
    # A forgets her first move: both second-stage nodes in one information set (the absent-minded driver's cousin)
    t = TreeBuilder(players=("A", "B"))
    second = {k: t.decision("A", {"l": t.end(1, 0), "r": t.end(0, 1)}, infoset="forgot") for k in ("L", "R")}
    t.decision("A", second, infoset="first")
    tree = t.build()
    assert not tree.perfect_recall
    with pytest.raises(GameError, match="perfect recall"):
        tree.require_perfect_recall()


def test_perfect_information_models_are_the_special_case():
    from bargaining import load_model

    tree = load_model("russia_armenia").sequential
    assert tree.is_perfect_information and tree.perfect_recall
    assert all(len(s.nodes) == 1 and s.label == s.nodes[0] for s in tree.infosets.values())
