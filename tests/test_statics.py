"""Comparative statics against MODELING.md and finite differences; risk and payoff dominance."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy

import bargaining as bg


@pytest.fixture(scope="module")
def china():
    return bg.comparative_statics(bg.load_model("examples/russia_china_first_round"), R=0.75)


def pick(table, quantity, parameter, equilibrium=None):
    rows = table[(table.quantity == quantity) & (table.parameter == parameter)]
    if equilibrium is not None:
        rows = rows[rows.equilibrium == equilibrium]
    return rows


def mixed_index(table):
    return int(table[table.description.str.contains(",")].equilibrium.iloc[0])  # a mix lists its strategies


def test_china_mixed_equilibrium(china):
    k = mixed_index(china)
    assert pick(china, "Russia:Conjoin", "R", k).value.iloc[0] == sympy.Rational(2, 7)
    assert pick(china, "China:Multilateral", "R", k).value.iloc[0] == sympy.Rational(2, 9)
    assert sorted(china.equilibrium.unique()) == [0, 1, 2]


def _mixed_probability(model, R, which):
    eqs = [e for e in bg.equilibria(model.game(R=R)) if not e.is_pure]
    x, y = eqs[0].as_float()
    return x[0] if which == "Russia:Conjoin" else y[0]


@pytest.mark.parametrize("quantity", ["Russia:Conjoin", "China:Multilateral"])
def test_derivative_matches_finite_difference(china, quantity):
    model = bg.load_model("examples/russia_china_first_round")
    k = mixed_index(china)
    row = pick(china, quantity, "R", k).iloc[0]
    h = 1e-5
    numeric = (_mixed_probability(model, 0.75 + h, quantity) - _mixed_probability(model, 0.75 - h, quantity)) / (2 * h)
    assert row.derivative_value == pytest.approx(numeric, rel=1e-6)
    assert row.elasticity_value == pytest.approx(numeric * 0.75 / row.value_float, rel=1e-6)


def test_belarus_statics():
    table = bg.comparative_statics(bg.load_model("russia_belarus"), R=0.75)
    # p* = (a+h)/((1-mu)s): independent of R, dp*/da = 1/((1-mu)s) = 4.
    assert pick(table, "Russia:Subsidize", "R").value.iloc[0] == sympy.Rational(3, 5)
    assert pick(table, "Russia:Subsidize", "R").derivative_value.iloc[0] == 0
    assert pick(table, "Russia:Subsidize", "a").derivative_value.iloc[0] == pytest.approx(4)
    # q*(R) = (R1 - R)/(R1 - R2) hedges; Align = 1 - q* = 3/4, d/dR = 1/(R1 - R2) = 5.
    assert pick(table, "Belarus:Align", "R").value.iloc[0] == sympy.Rational(3, 4)
    assert pick(table, "Belarus:Align", "R").derivative_value.iloc[0] == pytest.approx(5)


def test_dominance_china():
    game = bg.load_model("examples/russia_china_first_round").game(R=0.75)
    risk = bg.risk_dominance(game)
    # Deviation losses by hand: (1.05 - 14/15)(0.8 - 0.75) against (8/15 - 1/2)(1/50 - 0).
    assert dict(risk.scores) == {
        "Russia: Conjoin · China: Multilateral": Fraction(7, 1200),
        "Russia: Guard · China: Bilateral": Fraction(1, 1500),
    }
    assert risk.dominant == "Russia: Conjoin · China: Multilateral"
    assert bg.payoff_dominance(game).dominant == "Russia: Conjoin · China: Multilateral"


def test_dominance_textbook_and_errors():
    stag = bg.Game([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    assert bg.risk_dominance(stag).dominant == "Player 1: s2 · Player 2: s2"
    assert bg.payoff_dominance(stag).dominant == "Player 1: s1 · Player 2: s1"
    symmetric = bg.Game([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    assert bg.risk_dominance(symmetric).dominant is None
    with pytest.raises(bg.GameError):
        bg.risk_dominance(bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    with pytest.raises(bg.GameError):
        bg.risk_dominance(bg.Game(np.zeros((2, 3)), np.zeros((2, 3))))
