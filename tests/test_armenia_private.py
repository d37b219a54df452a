"""Armenia's private resolve: the closed form (bargaining.paper.armenia) against the exact PBE enumeration.

By hand at the defaults (g = 1/2, z = 11/20, m = σ = 1, b = 9/20, o_high = 3/5, o_low = 1/5, p = 1/2):
the high type carries out a refused threat while R < o_high + b = 21/20, the low type while R < 13/20;
on (13/20, 21/20) p = 1/2 < z/(mR) (R < 11/10), so the equilibrium is semi-separating and
P(Demand → Refuse → BackDown) = p·g·(mR − z)/((g + b)·z) = (1/2)(1/2)(R − 11/20)/((19/20)(11/20)):
45/209 at R = 1, 20/209 at R = 3/4, 15/209 at R = 7/10.
"""

from __future__ import annotations

import re
from fractions import Fraction as F

import numpy as np
import pytest

import bargaining as bg
from bargaining.games.pbe import perfect_bayesian
from bargaining.paper.armenia import PATHS, armenia_paths, failed_coercion, failed_coercion_interval


@pytest.fixture(scope="module")
def model():
    return bg.load_model("russia_armenia_private")


def _machine(model, **values):
    """Every PBE's path probabilities, players' names dropped: a list of dicts."""
    found = perfect_bayesian(model.sequential, model.values(**values))
    out = []
    for record in found:
        paths = {}
        for words, prob in record.paths:
            key = re.sub(r"(Armenia|Russia): ", "", words)
            paths[key] = paths.get(key, F(0)) + prob
        out.append(paths)
    return out


@pytest.mark.parametrize("R, backdown", [(F(1), F(45, 209)), (F(3, 4), F(20, 209)), (F(7, 10), F(15, 209))])
def test_hand_values(model, R, backdown):
    assert armenia_paths(model.values(R=R))["Demand → Refuse → BackDown"] == backdown


@pytest.mark.parametrize("values", [
    {"R": F(3, 4)},                 # semi-separating (and a pooling equilibrium with no demand)
    {"R": F(1, 2)},                 # both carry out, Russia refuses: the high type ruptures
    {"R": F(3, 5)},                 # both carry out, Russia concedes
    {"R": F(11, 10)},               # no credible threat
    {"R": F(1), "p": F(4, 5)},      # p >= z/(mR): pooling on Demand, Russia concedes
])
def test_closed_form_is_one_of_the_exact_pbe(model, values):
    ours = {k: v for k, v in armenia_paths(model.values(**values)).items() if k in PATHS and v > 0}
    found = _machine(model, **values)
    assert ours in found, (ours, found)
    # the closed form picks the equilibrium with demands where there is one
    if any(k.startswith("Demand") for paths in found for k in paths):
        assert any(k.startswith("Demand") for k in ours)


def test_vectorised_matches_exact(model):
    rng = np.random.default_rng(3)
    for _ in range(200):
        values = model.values(R=F(int(rng.integers(20, 151)), 100), p=F(int(rng.integers(20, 81)), 100),
                              z=F(int(rng.integers(30, 81)), 100))
        exact = armenia_paths(values)["Demand → Refuse → BackDown"]
        assert failed_coercion({k: [float(v)] for k, v in values.items()})[0] == pytest.approx(float(exact), abs=1e-12)


def test_interval_and_expression(model):
    low, high = failed_coercion_interval(model.values())
    assert (low, high) == (F(13, 20), F(21, 20))
    inside = armenia_paths(model.values(R=(low + high) / 2))["Demand → Refuse → BackDown"]
    assert inside > 0
    for R in (low - F(1, 100), high + F(1, 100)):
        assert armenia_paths(model.values(R=R))["Demand → Refuse → BackDown"] == 0


def test_probabilities_sum_to_one(model):
    for R in (F(1, 5), F(1, 2), F(3, 4), F(1), F(3, 2)):
        paths = armenia_paths(model.values(R=R))
        assert sum(paths[p] for p in PATHS) == 1


def test_table_has_one_row_per_R_in_order():
    # scenario values (sympy Rationals) and the grid (Fractions) must merge into one sorted row per R,
    # whatever the hash seed (a mixed set once put 0.7 twice, in hash order)
    from bargaining.paper.armenia import failed_coercion_table

    t = failed_coercion_table()
    assert t.R.is_unique and t.R.is_monotonic_increasing
    assert t.loc[t.R == 0.7, "scenario"].tolist() == ["2016"]
