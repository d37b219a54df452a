"""Solvers on trees: Nash equilibria in behaviour strategies, subgame perfection, sequence-form Lemke.

Answers are derived by hand in the tests; Gambit (pygambit's sequence-form
``lcp_solve``, and ``enummixed_solve`` on the strategic form) is the oracle
on its own example trees, live and through a recorded fixture; random trees check that every profile returned has no
profitable pure deviation (checked by brute force, independently of the
regret code).
"""

from __future__ import annotations

import itertools
import json
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from treegames import battle_with_outside_option, entry, kuhn_poker
from treegen import random_tree

from bargaining import (
    GameError,
    GameTree,
    behaviour_equilibria,
    proper_subgames,
    reduced_normal_form,
    sequence_form_lemke,
    subgame_perfect_equilibria,
)
from bargaining.games.behaviour import expected_payoffs

HERE = Path(__file__).resolve()
GAMES_DIR = next((p / "shared" / "gambit-games" for p in HERE.parents[2:4] if (p / "shared" / "gambit-games").is_dir()),
                 HERE.parents[2] / "shared" / "gambit-games")
EFG = sorted(GAMES_DIR.glob("*.efg")) if GAMES_DIR.is_dir() else []
FIXTURE = json.loads((HERE.parent / "data" / "gambit_efg.json").read_text(encoding="utf-8"))


def no_profitable_pure_deviation(tree, eq):
    """Brute force: no player gains by any pure behaviour strategy (every action at every own information set)."""
    for k, player in enumerate(tree.players):
        own = [h for h, s in tree.infosets.items() if s.player == player]
        others = {h: d for h, d in eq.behaviour.items() if tree.infosets[h].player != player}
        for choice in itertools.product(*(tree.infosets[h].actions for h in own)):
            deviation = {**others, **{h: {a: 1} for h, a in zip(own, choice)}}
            if expected_payoffs(tree, deviation)[k] > eq.payoffs[k]:
                return False
    return True


def test_entry_game_equilibria_by_hand():
    eqs = behaviour_equilibria(entry())
    # Out is a best reply iff Row fights with probability f >= 1/2 (Col: -f + (1 - f) <= 0); extreme f: 1 and 1/2
    fights = sorted(eq.behaviour["row"]["Fight"] for eq in eqs)
    assert fights == [0, F(1, 2), 1]
    assert {eq.payoffs for eq in eqs} == {(2, 0), (1, 1)}
    (spe,) = subgame_perfect_equilibria(entry())
    assert spe.path == ("Col: In → Row: Accommodate, p = 1",) and dict(spe.outcome) == {"peace": 1}


def test_battle_of_the_sexes_with_outside_option_by_hand():
    tree = battle_with_outside_option("3/2")
    assert proper_subgames(tree) == (tree.root, "bos")
    spes = subgame_perfect_equilibria(tree)
    # the subgame has three equilibria: (B,B) worth 2 to Row, (S,S) worth 1, mixed (Row B 2/3, Col B 1/3) worth 2/3;
    # Row enters only when the subgame gives it more than 3/2
    outcomes = [(dict(eq.outcome), eq.payoffs) for eq in spes]
    assert len(spes) == 3
    assert ({"BB": 1}, (2, 1)) in outcomes and outcomes.count(({"out": 1}, (F(3, 2), 0))) == 2
    mixed = [eq for eq in spes if eq.behaviour["row plays"]["B"] not in (0, 1)]
    assert mixed[0].behaviour["row plays"]["B"] == F(2, 3) and mixed[0].behaviour["col"]["B"] == F(1, 3)
    assert all("proper subgame" in eq.verified for eq in spes)


def test_matching_pennies_tree_has_one_mixed_equilibrium():
    from bargaining import TreeBuilder

    t = TreeBuilder(players=("Row", "Col"))
    col = {r: t.decision("Col", {c: t.end(1 if r == c else -1, -1 if r == c else 1) for c in "ht"}, infoset="col")
           for r in "ht"}
    t.decision("Row", col, infoset="row")
    (eq,) = behaviour_equilibria(t.build())
    assert eq.behaviour["row"] == {"h": F(1, 2), "t": F(1, 2)} and eq.payoffs == (0, 0)
    assert sequence_form_lemke(t.build()).behaviour == eq.behaviour


def test_chance_and_an_uninformed_guess_by_hand():
    from bargaining import TreeBuilder

    t = TreeBuilder(players=("Nature's friend", "Guesser"))
    guess = {s: t.decision("Guesser", {g: t.end(0, int(g == s)) for g in "LR"}, infoset="guess") for s in "LR"}
    t.chance({s: ("1/2", guess[s]) for s in "LR"})
    eqs = behaviour_equilibria(t.build())
    # every guess is right half the time: both pure guesses are the extreme equilibria, each worth 1/2
    assert sorted(tuple(eq.behaviour["guess"].values()) for eq in eqs) == [(0, 1), (1, 0)]
    assert all(eq.payoffs == (0, F(1, 2)) for eq in eqs)
    assert all(eq.beliefs["guess"] == {tree_node: F(1, 2) for tree_node in t.build().infosets["guess"].nodes}
               for eq in eqs)


def test_kuhn_poker_value_is_minus_one_eighteenth():
    # Kuhn (1950): the first player's equilibrium value is -1/18, in every equilibrium
    eq = sequence_form_lemke(kuhn_poker())
    assert eq.payoffs == (F(-1, 18), F(1, 18))
    # P2's strategy is the same in all of them: always call and bet with the King, never call with the Jack,
    # bluff with the Jack after a check a third of the time, call with the Queen a third of the time
    b = eq.behaviour
    assert b["P2 K bet"]["call"] == 1 and b["P2 K check"]["bet"] == 1 and b["P2 J bet"]["fold"] == 1
    assert b["P2 J check"]["bet"] == F(1, 3) and b["P2 Q bet"]["call"] == F(1, 3)
    # P1 bluffs with the Jack with some alpha in [0, 1/3] and bets the King with 3 alpha
    alpha = b["P1 J"]["bet"]
    assert 0 <= alpha <= F(1, 3) and b["P1 K"]["bet"] == 3 * alpha and b["P1 Q"]["check"] == 1


def test_reduced_normal_form_with_chance_takes_expectations():
    rnf = reduced_normal_form(battle_with_outside_option("3/2"))
    assert rnf.strategies[0] == ("Out", "In-B", "In-S")
    assert rnf.A.tolist()[0] == [F(3, 2), F(3, 2)] and rnf.B.tolist()[1] == [1, 0]


def test_parametric_trees_need_values():
    import sympy

    from bargaining import TreeBuilder

    t = TreeBuilder(players=("A", "B"))
    t.decision("A", {"L": t.end(sympy.Symbol("g"), 0), "R": t.end(1, 1)}, infoset="a")
    with pytest.raises(GameError, match="parameters"):
        behaviour_equilibria(t.build())
    assert behaviour_equilibria(t.build(), {"g": 2})[0].path == ("A: L, p = 1",)


def test_three_players_are_refused_by_the_solvers():
    from bargaining import TreeBuilder

    t = TreeBuilder(players=("A", "B", "C"))
    t.decision("A", {"L": t.end(1, 0, 0), "R": t.end(0, 1, 0)})
    with pytest.raises(GameError, match="two players"):
        sequence_form_lemke(t.build())


@pytest.mark.skipif(not EFG, reason="../shared/gambit-games is absent")
@pytest.mark.parametrize("path", EFG, ids=lambda p: p.name)
def test_enumeration_contains_gambit_lcp_payoffs_recorded(path):
    tree = GameTree.from_efg(path)
    ours = {eq.payoffs for eq in behaviour_equilibria(tree)}
    recorded = {tuple(F(v) for v in vec) for vec in FIXTURE["games"][path.name]["lcp_payoffs"]}
    assert recorded and recorded <= ours
    # Gambit's enumeration of its (reduced) strategic form gives exactly our set of equilibrium payoffs
    assert ours == {tuple(F(v) for v in vec) for vec in FIXTURE["games"][path.name]["enummixed_payoffs"]}
    assert sequence_form_lemke(tree).payoffs in ours  # our Lemke lands on one of the enumerated equilibria


@pytest.mark.skipif(not EFG, reason="../shared/gambit-games is absent")
@pytest.mark.parametrize("path", EFG, ids=lambda p: p.name)
def test_enumeration_contains_gambit_lcp_payoffs_live(path):
    pytest.importorskip("pygambit")
    import oracle
    import pygambit as gbt

    game = gbt.read_efg(str(path))
    ours = {eq.payoffs for eq in behaviour_equilibria(GameTree.from_efg(path))}
    assert {tuple(F(v) for v in vec) for vec in oracle.gambit_lcp_payoffs(game)} <= ours
    assert {tuple(F(v) for v in vec) for vec in oracle.gambit_enummixed_payoffs(game)} == ours


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**9))
def test_random_trees_every_profile_verified(seed):
    tree = random_tree(seed)
    eqs = behaviour_equilibria(tree)
    assert eqs  # a finite game has an equilibrium
    for eq in eqs:
        assert no_profitable_pure_deviation(tree, eq)
        assert all(v == 0 for h, v in eq.regrets.items() if v is not None)
        assert sum(eq.outcome.values()) == 1
    lemke = sequence_form_lemke(tree)
    assert no_profitable_pure_deviation(tree, lemke)
    for spe in subgame_perfect_equilibria(tree):
        assert no_profitable_pure_deviation(tree, spe)
        assert set(spe.behaviour) == set(tree.infosets)


@pytest.mark.parametrize("seed", range(30))
def test_random_trees_lemke_lands_on_an_enumerated_equilibrium_when_nondegenerate(seed):
    from bargaining.games.exact import is_degenerate
    from bargaining.games.game import to_fraction

    tree = random_tree(seed, payoff_range=50)
    eq = sequence_form_lemke(tree)
    assert no_profitable_pure_deviation(tree, eq)
    rnf = reduced_normal_form(tree)
    A = [[to_fraction(v) for v in row] for row in rnf.A.tolist()]
    B = [[to_fraction(v) for v in row] for row in rnf.B.tolist()]
    if not is_degenerate(A, B):  # then every equilibrium is isolated, so an extreme one
        assert eq.payoffs in {e.payoffs for e in behaviour_equilibria(tree)}
