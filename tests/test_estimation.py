"""Strategic estimation: exact likelihoods, scores, the JSS article's main example, and recovery of known parameters."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

import bargaining as bg
from bargaining.errors import ModelError
from bargaining.estimation.design import encode_outcomes
from bargaining.estimation.model import compile_model

DATA = Path("/work/shared/data/estimation")


def _data(name):
    path = DATA / f"{name}.csv"
    if not path.exists():
        pytest.skip(f"shared data {path} absent")
    return pd.read_csv(path)


def _covariates(n, seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n), "w": rng.normal(size=n)})



SPEC12 = {"u11": "x", "u13": 0, "u14": "1 + w", "u24": "1 + z"}
SPEC122 = {"u11": "x", "u12": "1", "u13": 0, "u14": "w", "u22": "z", "u24": "1 + w"}
SPEC123 = {"u11": "x", "u13": "1", "u15": 0, "u16": "w", "u23": "z", "u25": "1", "u26": 0, "u36": "1 + z"}
TREES = {"egame12": (bg.egame12, SPEC12), "egame122": (bg.egame122, SPEC122), "egame123": (bg.egame123, SPEC123)}


@pytest.mark.parametrize("errors,link", [("agent", "probit"), ("agent", "logit"), ("private", "probit")])
@pytest.mark.parametrize("tree", sorted(TREES))
@pytest.mark.parametrize("scale", [None, "1 + x"])
def test_score_is_the_gradient_of_the_log_likelihood(tree, errors, link, scale):
    make, spec = TREES[tree]
    df = _covariates(40)
    shape = bg.shape_of(make())
    comp = compile_model(shape, shape.terminals, spec, df, link=link, errors=errors, scale=scale)
    mats = comp.matrices(df)
    rng = np.random.default_rng(3)
    theta = rng.normal(scale=0.3, size=len(comp.names))
    y = rng.integers(0, len(shape.terminals), len(df))
    _, score = comp.loglik(theta, mats, y)
    for j in range(len(theta)):
        def ll(step, j=j):
            t = theta.copy()
            t[j] += step
            return comp.loglik(t, mats, y, grad=False)[0]

        h = 1e-4  # fourth-order central difference (Richardson)
        numeric = (8 * (ll(h) - ll(-h)) - (ll(2 * h) - ll(-2 * h))) / (12 * h)
        np.testing.assert_allclose(score[:, j], numeric, rtol=1e-5, atol=1e-6)


def _egame12_by_hand(u11, u13, u14, u24, errors):
    """Signorino (2003) closed forms for egame12 (games' test_egame12.r and makeProbs12)."""
    if errors == "agent":
        p4 = norm.cdf(u24 / np.sqrt(2))
        p3 = 1 - p4
        p2 = norm.cdf((p3 * u13 + p4 * u14 - u11) / np.sqrt(2))
    else:
        p4 = norm.cdf(u24)
        p3 = 1 - p4
        p2 = norm.cdf((p3 * u13 + p4 * u14 - u11) / np.sqrt(1 + p3**2 + p4**2))
    return np.column_stack([1 - p2, p2 * p3, p2 * p4])


@pytest.mark.parametrize("errors", ["agent", "private"])
def test_egame12_probabilities_match_the_closed_forms(errors):
    rng = np.random.default_rng(7)
    u = rng.normal(size=(50, 4))
    df = pd.DataFrame(u, columns=["a", "b", "c", "d"])
    spec = {"u11": "a - 1", "u13": "b - 1", "u14": "c - 1", "u24": "d - 1"}
    shape = bg.shape_of(bg.egame12())
    comp = compile_model(shape, shape.terminals, spec, df, errors=errors)
    P, _ = comp.probabilities(np.ones(4), comp.matrices(df))
    np.testing.assert_allclose(P, _egame12_by_hand(*u.T, errors), rtol=1e-12)


def test_logit_agent_uses_the_sqrt2_scale_of_games():
    df = pd.DataFrame({"a": [0.3]})
    shape = bg.shape_of(bg.egame12())
    comp = compile_model(shape, shape.terminals, {"u11": 0, "u24": "a - 1"}, df, link="logit")
    P, _ = comp.probabilities(np.array([1.0]), comp.matrices(df))
    assert P[0, 2] / P[0, 1:].sum() == pytest.approx(1 / (1 + np.exp(-0.3 / np.sqrt(2))))


LEBLANG = {
    "u11": "capcont + lreserves + overval + creditgrow + USinterest + service + contagion + prioratt - 1",
    "u13": "1",
    "u14": "1",
    "u24": "unifgov + lexports + preelec + postelec + rightgov + realinterest + capcont + lreserves",
}
LEBLANG_OUTCOMES = ["no attack", "devaluation", "defense"]


def test_leblang_2003_reproduces_the_jss_article():
    """Kenkel and Signorino (2014), JSS 56(8), the egame12 private-information probit fit of Leblang (2003)."""
    df = _data("leblang2003")
    m = bg.fit(bg.egame12(), df, utilities=LEBLANG, outcome="outcome", outcomes=LEBLANG_OUTCOMES,
               errors="private", link="probit")
    assert m.converged and m.n_obs == 7240
    assert round(m.log_likelihood, 2) == -482.02
    printed = {"u1(no attack):capcont": -0.4525, "u1(no attack):lreserves": 0.2292,
               "u1(no attack):overval": -0.4413, "u1(no attack):creditgrow": -0.0648}
    for name, value in printed.items():
        assert round(m.coefficients[name], 4) == value, name
    p = m.predict(df.head(3))
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    assert list(p.columns) == [f"Pr({o})" for o in LEBLANG_OUTCOMES]


def test_leblang_agent_logit_fits_and_predicts():
    df = _data("leblang2003")
    m = bg.fit(bg.egame12(), df, utilities=LEBLANG, outcome="outcome", outcomes=LEBLANG_OUTCOMES,
               errors="agent", link="logit")
    assert m.converged
    mean = m.predict().mean()
    shares = pd.Series(encode_outcomes(df, "outcome", bg.shape_of(bg.egame12()), LEBLANG_OUTCOMES)[0]) \
        .value_counts(normalize=True).sort_index().to_numpy()
    # Maximum likelihood with constants in u13, u14 matches the sample shares of the outcomes only
    # approximately (no constant in u11), so compare loosely.
    np.testing.assert_allclose(mean.to_numpy(), shares, atol=0.01)


TRUTH12 = {"u1(1):(Intercept)": 0.4, "u1(1):x": -0.8, "u1(4):(Intercept)": 0.6, "u1(4):w": 0.7,
           "u2(4):(Intercept)": -0.3, "u2(4):z": 1.0}


@pytest.mark.parametrize("errors,link", [("agent", "probit"), ("private", "probit"), ("agent", "logit")])
def test_5000_simulated_draws_recover_the_parameters_within_two_standard_errors(errors, link):
    """Identification check at fixed seeds.

    Each coefficient lands within two standard errors with probability about
    0.95, so some seeds put one of six beyond (seeds 1-6 gave largest |z| of
    2.7, 1.5, 1.9, 0.9, 0.9, 2.1); a Monte Carlo of 30 fits of 2,000 draws gave
    z-scores with standard deviations 0.8-1.2, i.e. honest standard errors.
    """
    df = _covariates(5000, seed=4)
    df["y"] = bg.simulate_outcomes(bg.egame12(), df, utilities=SPEC12, coefficients=TRUTH12, errors=errors,
                                   link=link, seed=104)
    m = bg.fit(bg.egame12(), df, utilities=SPEC12, outcome="y", errors=errors, link=link)
    assert m.converged
    p = m.predict(df.head(10))
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    gap = (m.coefficients - pd.Series(TRUTH12)).abs()
    assert (gap < 2 * m.standard_errors).all(), pd.DataFrame({"gap": gap, "se": m.standard_errors})


def test_action_dummies_and_labels_give_the_same_fit():
    df = _covariates(600, seed=5)
    df["y"] = bg.simulate_outcomes(bg.egame12(), df, utilities=SPEC12, coefficients=TRUTH12, seed=6)
    df["esc"] = (df["y"] != "1").astype(int)
    df["war"] = (df["y"] == "4").astype(int)
    a = bg.fit(bg.egame12(), df, utilities=SPEC12, outcome="y")
    b = bg.fit(bg.egame12(), df, utilities=SPEC12, outcome=["esc", "war"])
    np.testing.assert_allclose(a.coefficients, b.coefficients, rtol=1e-6)
    assert a.log_likelihood == pytest.approx(b.log_likelihood)


def test_information_criteria_and_tables():
    df = _covariates(300, seed=8)
    df["y"] = bg.simulate_outcomes(bg.egame12(), df, utilities=SPEC12, coefficients=TRUTH12, seed=9)
    m = bg.fit(bg.egame12(), df, utilities=SPEC12, outcome="y")
    assert m.aic == pytest.approx(2 * 6 - 2 * m.log_likelihood)
    assert m.bic == pytest.approx(6 * np.log(300) - 2 * m.log_likelihood)
    table = m.summary()
    assert list(table.columns) == ["estimate", "std_error", "z", "p_value"]
    assert "u2(4):z" in m.to_text() and r"\begin{tabular}" in m.to_latex()


def test_profile_peaks_at_the_estimate_and_vuong_prefers_the_true_structure():
    df = _covariates(3000, seed=21)
    df["y"] = bg.simulate_outcomes(bg.egame12(), df, utilities=SPEC12, coefficients=TRUTH12, seed=22)
    m = bg.fit(bg.egame12(), df, utilities=SPEC12, outcome="y")
    prof = m.profile("u2(4):z", points=5)
    assert prof["log_likelihood"].idxmax() == 2
    assert prof["log_likelihood"].max() == pytest.approx(m.log_likelihood, abs=1e-6)
    wrong = bg.fit(bg.egame12(), df, utilities={"u11": "1", "u14": "1", "u24": "1"}, outcome="y")
    test = bg.vuong(m, wrong, correction="bic")
    assert test.preferred == "model 1" and test.statistic > 0


def test_bootstrap_is_seeded():
    df = _covariates(200, seed=2)
    df["y"] = bg.simulate_outcomes(bg.egame12(), df, utilities=SPEC12, coefficients=TRUTH12, seed=3)
    m = bg.fit(bg.egame12(), df, utilities=SPEC12, outcome="y")
    a, b = m.bootstrap(3, seed=4), m.bootstrap(3, seed=4)
    pd.testing.assert_frame_equal(a, b)


def test_egame122_and_egame123_fit_the_games_example_data():
    d122 = _data("data_122")
    spec = {"u11": "x1 + x2", "u12": "x3 + f1", "u13": 0, "u14": "x4 + x5", "u22": "z1 + z2", "u24": "z3 + f2"}
    m = bg.fit(bg.egame122(), d122, utilities=spec, outcome="y", outcomes=["LL", "LR", "RL", "RR"])
    assert m.converged and len(m.coefficients) == 17
    d123 = _data("data_123")
    spec = {"u11": "x1 + x2", "u13": "x3", "u15": 0, "u16": "x4", "u23": "x5", "u25": 0, "u26": "x6",
            "u36": "x7 + x8"}
    d123["y"] = d123["y"].astype(int).astype(str)
    m = bg.fit(bg.egame123(), d123, utilities=spec, outcome="y")
    assert m.converged


@pytest.mark.parametrize("kwargs,match", [
    ({"errors": "private", "link": "logit"}, "probit link only"),
    ({"utilities": {"u11": "x", "u13": "x", "u14": "x + z", "u24": "z"}}, "not identified"),
    ({"utilities": {"u19": "x"}}, "no terminal"),
    ({"utilities": {"u11": "nope"}}, "no column"),
    ({"utilities": {"u11": "x * z"}}, "not a column name"),
])
def test_bad_specifications_raise_one_model_error(kwargs, match):
    df = _covariates(20)
    df["y"] = "1"
    args = {"utilities": SPEC12, "outcome": "y", **kwargs}
    with pytest.raises(ModelError, match=match):
        bg.fit(bg.egame12(), df, **args)


def test_a_chance_node_mixes_its_branches_with_known_probabilities():
    b = bg.TreeBuilder(players=("A", "B"))
    left = b.decision("A", {"stop": b.end(0, 0, label="s1"), "go": b.end(0, 0, label="g1")})
    right = b.decision("A", {"stop": b.end(0, 0, label="s2"), "go": b.end(0, 0, label="g2")})
    b.chance({"l": ("1/4", left), "r": ("3/4", right)})
    tree = b.build()
    df = pd.DataFrame({"x": [0.2, -0.5]})
    shape = bg.shape_of(tree)
    comp = compile_model(shape, shape.labels, {"u1(g1)": "x - 1", "u1(g2)": "1"}, df)
    P, _ = comp.probabilities(np.array([1.0, 0.5]), comp.matrices(df))
    go1, go2 = norm.cdf(df["x"] / np.sqrt(2)), norm.cdf(0.5 / np.sqrt(2))
    expected = np.column_stack([0.25 * (1 - go1), 0.25 * go1, 0.75 * (1 - go2) * np.ones(2), 0.75 * go2 * np.ones(2)])
    np.testing.assert_allclose(P, expected, rtol=1e-12)


def test_the_error_scale_is_estimable_when_utilities_are_fixed():
    # As games' egame12(..., fixedUtils = ...): every utility fixed, one log-scale estimated.
    df = _covariates(3000, seed=31)
    spec = {"u11": -1.0, "u13": 0.0, "u14": "1", "u24": 0.1}
    truth = {"u1(4)": -1.4, "log(sigma)": np.log(0.5)}
    df["y"] = bg.simulate_outcomes(bg.egame12(), df, utilities=spec, coefficients=truth, scale="1", seed=32)
    m = bg.fit(bg.egame12(), df, utilities=spec, outcome="y", scale="1")
    assert list(m.coefficients.index) == ["u1(4)", "log(sigma)"]
    assert ((m.coefficients - pd.Series(truth)).abs() < 2 * m.standard_errors).all()


def test_war1800_example_of_games_drops_missing_rows_and_expands_factors():
    """games' egame12 example: esc + war ~ s_wt_re1 + revis1 | 0 | regime1 | balanc + regime2."""
    df = _data("war1800")
    spec = {"u11": "s_wt_re1 + revis1", "u13": 0, "u14": "regime1", "u24": "balanc + regime2"}
    m = bg.fit(bg.egame12(), df, utilities=spec, outcome=["esc", "war"], outcomes=["sq", "cap", "war"])
    assert m.n_obs == 282 and m.converged
    assert "u1(war):regime1dem" in m.coefficients.index and "u2(war):regime2mixed" in m.coefficients.index
    df.loc[0, "esc"] = np.nan                       # a missing outcome drops its row too
    assert bg.fit(bg.egame12(), df, utilities=spec, outcome=["esc", "war"]).n_obs <= 282


def test_vuong_statistic_by_hand():
    from types import SimpleNamespace

    a = np.log(np.array([0.5, 0.4, 0.7, 0.2, 0.6]))
    b = np.log(np.array([0.3, 0.5, 0.5, 0.1, 0.6]))
    d = a - b
    by_hand = d.sum() / (np.sqrt(5) * d.std(ddof=1))
    m1, m2 = SimpleNamespace(loglik_terms=a, k=3), SimpleNamespace(loglik_terms=b, k=2)
    assert bg.vuong(m1, m2).statistic == pytest.approx(by_hand)
    bic = bg.vuong(m1, m2, correction="bic")
    assert bic.statistic == pytest.approx((d.sum() - np.log(5) / 2) / (np.sqrt(5) * d.std(ddof=1)))
    assert bic.p_value == pytest.approx(2 * norm.sf(abs(bic.statistic)))
