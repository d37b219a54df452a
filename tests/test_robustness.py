"""Tests of bargaining.analysis.robustness and of the paper's robustness and claims tables (T6, T6c, T7)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

import bargaining as bg
from bargaining.analysis.robustness import (
    box_shares,
    nash_labels,
    order_share,
    path_labels,
    regime_map,
    standard_error,
)
from bargaining.analysis.sensitivity import regime_words


def _values(model, **over):
    return {k: np.array([float(v)]) for k, v in model.values(**over).items()}


def test_standard_error_bound():
    assert float(standard_error(0.5, 10_000)) == 0.005
    assert float(standard_error(np.array([0.0, 1.0]), 10).max()) == 0.0


@pytest.mark.parametrize("name", ["russia_belarus_loyalty", "russia_armenia", "russia_china", "russia_belarus"])
def test_vectorised_paths_match_exact_backward_induction(name):
    model = bg.load_model(name)
    rng = np.random.default_rng(7)
    for _ in range(25):
        over = {k: F(int(rng.integers(0, 101)), 100) * (p.range[1] - p.range[0]) + p.range[0]
                for k, p in model.parameters.items()}
        exact = " → ".join(a for _, a in model.subgame_perfect(**over).path)
        assert path_labels(model, _values(model, **over))[0] == exact


def test_nash_labels_match_regime_words():
    model = bg.load_model("russia_china")
    for R in (F(1, 2), F(3, 4), F(5, 4)):
        assert nash_labels(model)(_values(model, R=R))[0] == regime_words(model.game(R=R))


def test_loyalty_order_share_against_quadrature():
    # C3's order kappa*s/((1-lam)*v + w) < kappa*mu*s/w  <=>  mu*((1-lam)*v + w) > w: kappa and s cancel.
    # Midpoint rule on a 40^4 grid of (mu, lam, v, w), uniform on their ranges: an independent estimate.
    model = bg.load_model("russia_belarus_loyalty")
    grids = []
    for name in ("mu", "lam", "v", "w"):
        lo, hi = (float(x) for x in model.parameters[name].range)
        grids.append(lo + (hi - lo) * (np.arange(40) + 0.5) / 40)
    mu, lam, v, w = np.meshgrid(*grids, indexing="ij", sparse=True)
    exact = float((mu * ((1 - lam) * v + w) > w).mean())
    share, se = order_share(model, ["kappa*s/((1 - lam)*v + w)", "kappa*mu*s/w"], samples=10_000, seed=5)
    assert se <= 0.005 and abs(share - exact) < 4 * 0.005


def test_box_shares_sum_and_se():
    model = bg.load_model("russia_armenia")
    t = box_shares(model, lambda v: path_labels(model, v), [0.5, 0.75], samples=4000, seed=2)
    assert t.groupby("R").share.sum().round(12).tolist() == [1.0, 1.0]
    assert (t.se <= 0.5 / 4000**0.5 + 1e-15).all()


def test_regime_map_boundary_is_the_threshold():
    # loyalty: Support -> Align iff R > kappa*s/((1 - lam)*v + w) = 1/(0.5 + w)
    model = bg.load_model("russia_belarus_loyalty")
    grid = regime_map(model, lambda v: path_labels(model, v), "w", np.linspace(0.4, 0.8, 41), [1.0, 1.25, 1.6])
    for w, row in grid.iterrows():
        cut = 1 / (0.5 + w)
        for R, label in row.items():
            if abs(R - cut) > 1e-9:
                assert label == ("Support → Align" if R > cut else "Cut → Hedge")


def test_paper_shares_and_orders():
    from bargaining.paper.robust import orders_table, shares_table

    t6 = shares_table()
    assert (t6["largest SE"] <= 0.005).all()
    assert set(t6.model) >= {"russia_belarus_loyalty", "russia_armenia_private"}
    orders = orders_table().set_index("model")["share of the box"]
    assert orders["russia_belarus"] == 1.0  # mu < 1 everywhere in the box


def test_claims_table_scores_every_claim():
    from bargaining.paper.claims import claims_table

    t7 = claims_table().set_index("claim")
    assert list(t7.index) == [f"C{k}" for k in range(1, 14)]
    allowed = {"reproduced", "partly", "not reproduced", "contradicted", "not testable with these models"}
    assert set(t7.verdict) <= allowed
    assert {t7.verdict[c] for c in ("C10", "C13")} == {"not testable with these models"}
    # C12 on the linked model: at R = 1/2, rupture after a cut of Belarus needs R < (o + d)/σ = 1/2 (a tie at the
    # defaults, so one of the equilibria) and is impossible at d = 0 (R < o/σ = 2/5)
    assert t7.verdict["C12"] in ("reproduced", "partly") and "exists at d = 1/10" in t7.evidence["C12"]
    # C4 (blackmail is tried) and C5 (it fails to tilt Moscow) rest on the same equilibrium: neither contradicted
    assert "contradicted" not in {t7.verdict["C4"], t7.verdict["C5"]}
    assert "20/209" in t7.evidence["C5"]  # p·g·(mR − z)/((g + b)z) at R = 3/4, by hand
    # C3: 4/7 < 3/5 at the defaults, but in well under all of the box
    assert t7.verdict["C3"] in ("reproduced", "partly") and "4/7" in t7.evidence["C3"]
    shares = t7["share of the box"].dropna()
    assert ((shares >= 0) & (shares <= 1)).all()
