"""The three seed models reproduce the numbers of MODELING.md exactly."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy

import bargaining as bg
from bargaining import load_model


def profiles(model, R):
    """Set of exact equilibria as ((row mixed), (column mixed)) tuples."""
    found = bg.equilibria(model.game(R=R), exact=True)
    for eq in found:
        assert eq.exact and eq.regret == 0
    return {tuple(tuple(p) for p in eq.profile) for eq in found}


@pytest.fixture(scope="module")
def belarus():
    return load_model("russia_belarus")


@pytest.fixture(scope="module")
def armenia():
    return load_model("russia_armenia")


@pytest.fixture(scope="module")
def china():
    return load_model("examples/russia_china_first_round")


def test_every_parameter_has_provenance_and_R():
    for name in bg.bundled_models():
        model = load_model(name)
        assert model.players[0] == "Russia"
        assert set(model.scenarios) == {"2013", "2015", "2016", "stress"}
        assert [model.scenarios[s]["R"] for s in ("2013", "2015", "2016", "stress")] == [1, F(3, 4), F(7, 10), F(1, 2)]
        R = model.parameters["R"]
        assert R.value == 1 and R.range == (sympy.Rational(1, 5), sympy.Rational(3, 2))
        for p in model.parameters.values():
            assert p.meaning and len(p.source) > 20


# ------------------------------------------------------------------ Belarus
def test_belarus_defaults(belarus):
    values = belarus.values()
    expected = {"s": 1, "kappa": 1, "w": F(5, 4), "mu": F(3, 4), "a": F(1, 20), "h": F(1, 10), "v": 1, "lam": F(1, 2)}
    assert {k: values[k] for k in expected} == expected
    assert belarus.parameters["s"].fixed


@pytest.mark.parametrize(
    "R, expected",
    [
        (1, {((1, 0), (1, 0))}),  # (Subsidize, Align), unique
        (0.75, {((F(3, 5), F(2, 5)), (F(3, 4), F(1, 4)))}),  # p* = 0.6, q*(0.75) = 0.25 hedging
        (0.7, {((F(3, 5), F(2, 5)), (F(1, 2), F(1, 2)))}),  # q*(R) = (0.8 - R)/(0.8 - 0.6)
        (0.5, {((0, 1), (0, 1))}),  # (Cut, Hedge), unique
    ],
)
def test_belarus_equilibria(belarus, R, expected):
    assert profiles(belarus, R) == expected


@pytest.mark.parametrize("R, path", [(1, "Align/Subsidize"), (0.75, "Hedge/Subsidize"), (0.5, "Hedge/Cut")])
def test_belarus_sequential(belarus, R, path):
    spe = belarus.subgame_perfect(R=R)
    assert "/".join(action for _, action in spe.path) == path
    assert spe.path[0][0] == "Belarus" and spe.ties == ()


@pytest.mark.parametrize("R, t_star", [(1, F(95, 100)), (0.75, F(73125, 100000)), (0.5, F(5125, 10000))])
def test_belarus_issue_nash_solution(belarus, R, t_star):
    issue = belarus.issue
    values = {belarus.symbols[k]: v for k, v in belarus.values(R=R).items()}
    d = [e.subs(values) for e in issue.disagreement]
    u = [e.subs(values) for e in issue.utilities]
    product = (u[0] - d[0]) * (u[1] - d[1])
    (t,) = sympy.solve(sympy.diff(product, issue.variable), issue.variable)
    assert t == sympy.Rational(t_star.numerator, t_star.denominator)


# ------------------------------------------------------------------ Armenia
def test_armenia_payoff_table_is_the_reduced_normal_form(armenia):
    rnf = bg.reduced_normal_form(armenia.sequential)
    sg = armenia.symbolic_game()
    assert armenia.sequential.reduces_to_payoffs
    assert rnf.strategies == sg.strategies
    assert sympy.simplify(rnf.A - sg.A) == sympy.zeros(2, 3)
    assert sympy.simplify(rnf.B - sg.B) == sympy.zeros(2, 3)


def test_armenia_equilibria_above_RA1(armenia):
    found = profiles(armenia, 1)
    assert ((1, 0), (0, 1, 0)) in found  # (Concede, Demand-CarryOut): not credible, still Nash
    assert ((F(9, 19), F(10, 19)), (1, 0, 0)) in found  # status quo: Russia concedes with b/(g+b)
    assert all(x[0] <= F(9, 19) for x, y in found if y == (1, 0, 0))


@pytest.mark.parametrize("R, concede", [(0.75, F(7, 17)), (0.8, F(4, 9))])
def test_armenia_equilibria_between_RA2_and_RA1(armenia, R, concede):
    found = profiles(armenia, R)
    assert ((1, 0), (0, 1, 0)) in found
    assert ((concede, 1 - concede), (1, 0, 0)) in found  # (sigma R - o)/(g + sigma R - o)
    assert all(x[0] <= concede for x, y in found if y == (1, 0, 0))


def test_armenia_equilibria_between_RA3_and_RA2(armenia):
    found = profiles(armenia, 0.5)
    assert ((1, 0), (0, 1, 0)) not in found
    assert ((F(1, 6), F(5, 6)), (1, 0, 0)) in found  # (0.5 - 0.4)/(0.5 + 0.5 - 0.4)
    assert all(y == (1, 0, 0) for _, y in found)


def test_armenia_below_RA3_only_rupture(armenia):
    assert profiles(armenia, 0.3) == {((0, 1), (0, 1, 0))}


@pytest.mark.parametrize(
    "R, path",
    [
        (1, "Armenia: StatusQuo"),
        (0.75, "Armenia: Demand → Russia: Concede"),
        (0.5, "Armenia: StatusQuo"),
        (0.3, "Armenia: Demand → Russia: Refuse → Armenia: CarryOut"),
    ],
)
def test_armenia_subgame_perfect_path(armenia, R, path):
    spe = armenia.subgame_perfect(R=R)
    assert spe.describe() == path and spe.ties == ()


@pytest.mark.parametrize("R, x_star", [(0.75, 0.332), (0.5, 0.355)])
def test_armenia_issue_tilt(armenia, R, x_star):
    issue = armenia.issue
    values = {armenia.symbols[k]: v for k, v in armenia.values(R=R).items()}
    d = armenia.disagreement(R=R)
    u = [e.subs(values) for e in issue.utilities]
    (x,) = sympy.solve(sympy.diff((u[0] - d[0]) * (u[1] - d[1]), issue.variable), issue.variable)
    assert round(float(x), 3) == x_star


# ------------------------------------------------------------------ China
def test_china_contest_share_inline(china):
    pi = china.symbolic_game().A[1, 1] + china.symbols["k_R"] / china.symbols["R"]
    alpha, R = china.symbols["alpha"], china.symbols["R"]
    assert sympy.simplify(pi - alpha * R / (alpha * R + 1)) == 0


@pytest.mark.parametrize(
    "R, expected",
    [
        (1, {((1, 0), (1, 0))}),
        (0.75, {((1, 0), (1, 0)), ((0, 1), (0, 1)), ((F(2, 7), F(5, 7)), (F(2, 9), F(7, 9)))}),
        (0.68, {((0, 1), (0, 1))}),  # Rc3 = 0.674 < R < Rc1 = 0.6875: (Guard, Bilateral)
        (0.5, {((1, 0), (0, 1))}),  # (Conjoin, Bilateral)
    ],
)
def test_china_equilibria(china, R, expected):
    assert profiles(china, R) == expected


def test_china_sequential_selects_cooperation(china):
    spe = china.subgame_perfect(R=0.75)
    assert spe.describe() == "Russia: Conjoin → China: Multilateral"
    assert spe.payoffs[0] == sympy.Rational(21, 20)
    guard = china.subgame_perfect(R=0.75, node="china_after_guard")
    assert guard.payoffs[0] == sympy.Rational(8, 15)  # 0.533 from guarding


@pytest.mark.parametrize("R, xi_star", [(1, 0), (0.75, 0.068), (0.5, 0.55)])
def test_china_issue_share(china, R, xi_star):
    d_R, d_C = china.disagreement(R=R)
    v = china.values(R=R)
    xi = (1 + v["S"] - d_R + d_C - v["T"] * v["R"]) / 2
    assert round(float(min(max(xi, 0), 1)), 3) == xi_star
