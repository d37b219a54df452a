"""Thresholds: every value of MODELING.md, exactly and symbolically; paths; errors; CLI."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest
import sympy

import bargaining as bg
from bargaining.cli import main


@pytest.fixture(scope="module")
def models():
    models = {name: bg.load_model(name) for name in ("russia_belarus", "russia_armenia")}
    return {**models, "russia_china": bg.load_model("examples/russia_china_first_round")}  # MODELING.md numbers: alpha = 2


@pytest.fixture(scope="module")
def found(models):
    out = {name: bg.thresholds(m) for name, m in models.items()}
    out.update({f"{name}/path": bg.path_thresholds(m) for name, m in models.items() if m.sequential is not None})
    return out


def sym(model, name):
    return model.parameters[name].symbol


def check(threshold, expected_expr, expected_value):
    assert sympy.simplify(threshold.expression - expected_expr) == 0
    assert sympy.simplify(threshold.value - expected_value) == 0
    assert math.isclose(threshold.float, float(expected_value), rel_tol=0, abs_tol=1e-12)


def test_belarus(models, found):
    m = models["russia_belarus"]
    kappa, s, w, mu = (sym(m, n) for n in ("kappa", "s", "w", "mu"))
    low, high = found["russia_belarus"]
    check(low, mu * kappa * s / w, sympy.Rational(3, 5))
    check(high, kappa * s / w, sympy.Rational(4, 5))
    assert low.before == "Russia: Cut · Belarus: Hedge" and high.after == "Russia: Subsidize · Belarus: Align"
    # between the thresholds Belarus's mix moves with R: Align from 0 at R = 3/5 to 1 at R = 4/5
    assert low.after == "Russia: Subsidize 3/5, Cut 2/5 · Belarus: Align 5*R - 3, Hedge 4 - 5*R" == high.before
    assert {low.kind, high.kind} == {"nash"} and low.parameter == "R"


@pytest.mark.parametrize("kind", ["nash", "path"])
def test_armenia(models, found, kind):
    m = models["russia_armenia"]
    o, b, sigma, z, mm = (sym(m, n) for n in ("o", "b", "sigma", "z", "m"))
    key = "russia_armenia" if kind == "nash" else "russia_armenia/path"
    ra3, ra2, ra1 = found[key]
    check(ra3, o / sigma, sympy.Rational(2, 5))
    check(ra2, z / mm, sympy.Rational(11, 20))
    check(ra1, (o + b) / sigma, sympy.Rational(17, 20))
    if kind == "path":
        assert ra3.before == "Demand → Refuse → CarryOut" and ra3.after == "StatusQuo"
        assert ra2.after == "Demand → Concede" and ra1.before == "Demand → Concede"
        assert ra1.after == "StatusQuo" and ra1.kind == "subgame-perfect"
    else:
        assert ra3.before == "Russia: Refuse · Armenia: Demand-CarryOut"
        pair = "Russia: Concede · Armenia: Demand-CarryOut"
        assert pair not in ra2.before and pair in ra2.after


def test_china(models, found):
    m = models["russia_china"]
    x, y, T, S, alpha, k_R, k_C, R = (sym(m, n) for n in ("x", "y", "T", "S", "alpha", "k_R", "k_C", "R"))
    rc3, rc1, rc2 = found["russia_china"]
    check(rc1, (y - x) / T, sympy.Rational(11, 16))
    check(rc2, (1 - k_C) / (alpha * k_C), sympy.Rational(31, 38))
    # Rc3 solves the quadratic identically in the other parameters, and is its positive root.
    quadratic = alpha * (y - S) * R**2 - (alpha * k_R + 1 - y + S) * R - k_R
    assert sympy.simplify(quadratic.subs(R, rc3.expression)) == 0
    coeffs = [2 * (0.75 - 0.25), -(2 * 0.05 + 1 - 0.75 + 0.25), -0.05]
    positive = max(np.roots(coeffs))
    assert math.isclose(rc3.float, positive, abs_tol=1e-12)
    assert math.isclose(rc3.float, 0.674166, abs_tol=1e-6)
    assert rc3.before == "Russia: Conjoin · China: Bilateral" and rc3.after == "Russia: Guard · China: Bilateral"
    assert rc1.after.startswith("2 pure + 1 mixed") and rc2.after == "Russia: Conjoin · China: Multilateral"


def test_belarus_path(found):
    low, high = found["russia_belarus/path"]
    assert (low.value, high.value) == (sympy.Rational(3, 5), sympy.Rational(4, 5))
    assert low.before == "Hedge → Cut" and low.after == "Hedge → Subsidize" and high.after == "Align → Subsidize"


def test_interval_restricts_and_other_parameters(models):
    m = models["russia_belarus"]
    assert [t.value for t in bg.thresholds(m, lo="0.7", hi=1)] == [sympy.Rational(4, 5)]
    assert bg.thresholds(m, lo=0.65, hi=0.75) == ()
    # The same threshold seen as a value of w at R = 3/4: w* = κs/R = 4/3.
    (t,) = bg.thresholds(m, "w", R="0.75")
    check(t, sym(m, "kappa") * sym(m, "s") / sym(m, "R"), sympy.Rational(4, 3))
    # Another value of a parameter moves the threshold exactly.
    assert [t.value for t in bg.thresholds(m, w="1.6")] == [sympy.Rational(15, 32), sympy.Rational(5, 8)]


def test_hand_made_game():
    """A coordination game that needs R >= c to sustain its better equilibrium."""
    R, c = sympy.symbols("R c", positive=True)
    A = sympy.ImmutableMatrix([[2 - c / R, 0], [1, 1]])
    B = sympy.ImmutableMatrix([[1, 0], [0, 1]])
    params = {
        "R": SimpleNamespace(symbol=R, range=(sympy.Rational(1, 5), sympy.Integer(3)), display="R"),
        "c": SimpleNamespace(symbol=c, range=(sympy.Rational(1, 2), sympy.Integer(1)), display="c"),
    }

    class Toy:
        parameters = params
        sequential = None

        def symbolic_game(self):
            return SimpleNamespace(A=A, B=B, symbols={"R": R, "c": c}, players=("P", "Q"),
                                   strategies=(("U", "D"), ("L", "Rt")))

        def values(self, scenario=None, **overrides):
            return {"R": sympy.Integer(1), "c": sympy.Rational(1, 2), **overrides}

    # (U, L) needs 2 - c/R >= 1, i.e. R >= c; (D, Rt) always: thresholds at c only.
    (t,) = bg.thresholds(Toy())
    check(t, c, sympy.Rational(1, 2))
    assert t.before == "P: D · Q: Rt" and t.after.startswith("2 pure + 1 mixed")


def test_errors(models):
    m = models["russia_belarus"]
    with pytest.raises(bg.ModelError):
        bg.thresholds(m, "nope")
    with pytest.raises(bg.BargainingError):
        bg.thresholds(m, lo=1, hi=0.5)
    with pytest.raises(bg.BargainingError):
        bg.thresholds(m, kind="evolutionary")


def test_cli(capsys):
    assert main(["thresholds", "examples/russia_china_first_round"]) == 0
    out = capsys.readouterr().out
    assert "(-x + y)/T = 11/16 ≈ 0.6875" in out
    assert "(1 - k_C)/(α*k_C) = 31/38 ≈ 0.815789" in out, out
    assert "3/10 + sqrt(14)/10 ≈ 0.674166" in out
    assert main(["thresholds", "russia_belarus", "--from", "0.7", "--to", "1"]) == 0
    out = capsys.readouterr().out
    assert "1 threshold(s) of R in [7/10, 1]" in out and "R* = κ*s/w = 4/5 ≈ 0.8" in out
    assert main(["thresholds", "russia_belarus", "--set", "w"]) == 2
    assert "NAME=VALUE" in capsys.readouterr().err
