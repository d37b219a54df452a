"""Bayes–Nash equilibria of Bayesian games against hand derivations."""

from fractions import Fraction as F

import pytest

from bargaining.errors import GameError
from bargaining.games.bayesian import BayesianGame, bayes_nash


def _sexes(q="1/2"):
    # Osborne (2004), §9.2: Row loves B; Col wants to meet Row (type meet, prior q) or to avoid it.
    def u(t, a):
        row = {("B", "B"): 2, ("S", "S"): 1}.get(a, 0)
        col = {("B", "B"): 1, ("S", "S"): 2} if t[1] == "meet" else {("B", "S"): 2, ("S", "B"): 1}
        return row, col.get(a, 0)

    return BayesianGame(("Row", "Col"), (["r"], ["meet", "avoid"]), (["B", "S"], ["B", "S"]),
                        {("r", "meet"): q, ("r", "avoid"): 1 - F(q)}, u)


def test_battle_of_the_sexes_with_uncertain_preferences():
    # x = P(Row plays B). Type meet: B gives x, S gives 2(1 - x): B iff x >= 2/3.
    # Type avoid: B gives (1 - x), S gives 2x: B iff x <= 1/3.
    # Row, with qm, qa = P(B) of the two types: B gives qm + qa, S gives (2 - qm - qa)/2:
    # indifferent iff qm + qa = 2/3.
    # Pure: x = 1 -> meet B, avoid S; Row: 1 > 1/2. x = 0 -> meet S, avoid B: Row's B gives 1 > 1/2: no.
    # Mixed x in (0, 1): x = 2/3 -> avoid S, qm = 2/3;  x = 1/3 -> meet S, qa = 2/3; otherwise qm + qa
    # is 0 or 1, not 2/3. Row's payoff in both mixed ones 2/3 (= qm + qa); 1 in the pure one.
    found = bayes_nash(_sexes())
    assert [(e.strategies["Row"]["r"]["B"], e.strategies["Col"]["meet"]["B"], e.strategies["Col"]["avoid"]["B"])
            for e in found] == [(F(1, 3), 0, F(2, 3)), (F(2, 3), F(2, 3), 0), (1, 1, 0)]
    assert [e.payoffs[0] for e in found] == [F(2, 3), F(2, 3), 1]
    assert [e.is_pure for e in found] == [False, False, True]
    pure = found[2]
    assert pure.interim["Col"] == {"meet": 1, "avoid": 2}
    assert not any(e.continuum for e in found)


def test_prior_must_be_a_distribution_with_every_type():
    with pytest.raises(GameError, match="sum to 1"):
        BayesianGame(("A", "B"), (["x"], ["y", "z"]), (["L"], ["R"]), {("x", "y"): "1/2"}, lambda t, a: (0, 0))
    with pytest.raises(GameError, match="probability 0"):
        BayesianGame(("A", "B"), (["x"], ["y", "z"]), (["L"], ["R"]), {("x", "y"): 1}, lambda t, a: (0, 0))
    with pytest.raises(GameError, match="missing"):
        BayesianGame(("A", "B"), (["x"], ["y"]), (["L"], ["R"]), {("x", "y"): 1}, {})
