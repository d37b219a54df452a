"""The statistical ultimatum game: recovery of the parameters that generated the data."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.special import lambertw

import bargaining as bg

DATA = Path("/work/shared/data/estimation/data_ult.csv")
# The generating values of games' data_ult (the package's simdatault.r): R1 and R2 below, s1 = 5, s2 = 1.
R1 = {"R1:(Intercept)": 5, "R1:x1": -2, "R1:x2": 2, "R1:x3": -2, "R1:x4": 2, "R1:w1": 1, "R1:w2": -1}
R2 = {"R2:(Intercept)": 10, "R2:z1": 2, "R2:z2": -2, "R2:z3": 2, "R2:z4": -2, "R2:w1": -1, "R2:w2": 1}
TRUTH = {**R1, **R2, "log(s1)": np.log(5.0), "log(s2)": 0.0}


def _simulate(n, seed):
    """Ramsay and Signorino's data-generating process, written from simdatault.r (not from our likelihood)."""
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({c: rng.normal(size=n) for c in ["x1", "x2", "x3", "x4", "z1", "z2", "z3", "z4", "w1", "w2"]})
    r1s = 5 - 2 * df.x1 + 2 * df.x2 - 2 * df.x3 + 2 * df.x4 + df.w1 - df.w2
    r2s = 10 + 2 * df.z1 - 2 * df.z2 + 2 * df.z3 - 2 * df.z4 - df.w1 + df.w2
    r1 = r1s + rng.logistic(scale=5.0, size=n)
    r2 = r2s + rng.logistic(scale=1.0, size=n)
    q = 15.0
    ystar = q - r1 - (1 + lambertw(np.exp((q - r1 - 1 - r2s).to_numpy() / 1.0)).real)
    df["offer"] = np.clip(ystar, 0, q)
    df["accept"] = (df["offer"] >= r2).astype(int)
    return df


SPEC = {"reservation1": "x1 + x2 + x3 + x4 + w1 + w2", "reservation2": "z1 + z2 + z3 + z4 + w1 + w2"}


def _check(m, k=3.0):
    gap = (m.coefficients - pd.Series(TRUTH)).abs()
    assert (gap < k * m.standard_errors).all(), pd.DataFrame({"gap": gap, "se": m.standard_errors})


def test_simulated_ultimatum_data_recover_the_generating_values():
    df = _simulate(1500, seed=3)
    m = bg.fit_ultimatum(df, offer="offer", accept="accept", max_offer=15, **SPEC)
    assert m.converged
    _check(m)
    p = m.predict(df.head(5))
    assert ((p["E(offer)"] > 0) & (p["E(offer)"] < 15)).all()


def test_games_data_ult_recovers_its_generating_values():
    if not DATA.exists():
        pytest.skip("shared data absent")
    m = bg.fit_ultimatum(pd.read_csv(DATA), offer="offer", accept="accept", max_offer=15, **SPEC)
    assert m.converged and m.n_obs == 1500
    _check(m)


def test_offers_outside_the_pie_are_refused():
    df = pd.DataFrame({"offer": [1.0, 20.0], "accept": [1, 0]})
    with pytest.raises(bg.ModelError, match="offers must lie"):
        bg.fit_ultimatum(df, offer="offer", accept="accept", reservation1="1", reservation2="1", max_offer=15)
