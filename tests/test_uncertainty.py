"""Tests of bargaining.analysis.uncertainty: Monte Carlo regime probabilities and Sobol indices."""

import math

import numpy as np
import pandas as pd
import pytest
import sympy
from scipy import stats

import bargaining as bg
from bargaining.analysis.uncertainty import regime_label
from bargaining.errors import BargainingError, ModelError
from bargaining.modelling.sampling import draw

GRID = np.linspace(0.2, 1.5, 27)
MODELS = ("russia_belarus", "russia_armenia", "examples/russia_china_first_round")


@pytest.fixture(scope="module", params=MODELS)
def model(request):
    return bg.load_model(request.param)


def _fixed(model):
    """Every parameter held at its default: a degenerate distribution."""
    return {k: float(p.value) for k, p in model.parameters.items() if k != "R"}


def test_same_seed_same_frames_and_other_seed_differs():
    belarus = bg.load_model("russia_belarus")
    a = bg.uncertainty(belarus, R=GRID, samples=300, seed=7)
    b = bg.uncertainty(belarus, R=GRID, samples=300, seed=7)
    c = bg.uncertainty(belarus, R=GRID, samples=300, seed=8)
    pd.testing.assert_frame_equal(a.probabilities, b.probabilities)
    pd.testing.assert_frame_equal(a.thresholds, b.thresholds)
    assert not a.probabilities.equals(c.probabilities)
    assert not a.thresholds.equals(c.thresholds)


def test_generator_seed_is_accepted():
    belarus = bg.load_model("russia_belarus")
    a = bg.uncertainty(belarus, R=GRID, samples=100, seed=np.random.default_rng(3))
    b = bg.uncertainty(belarus, R=GRID, samples=100, seed=np.random.default_rng(3))
    pd.testing.assert_frame_equal(a.probabilities, b.probabilities)


def test_probabilities_sum_to_one(model):
    res = bg.uncertainty(model, R=GRID, samples=400, seed=1)
    np.testing.assert_allclose(res.probabilities.sum(axis=1), 1.0)
    assert ((res.probabilities >= 0) & (res.probabilities <= 1)).all().all()
    assert list(res.probabilities.index) == list(GRID)
    assert set(res.varied) == {k for k, p in model.parameters.items() if k != "R" and not p.fixed}


# MODELING.md: the regime at each R with every parameter at its default. A regime is
# named by its extreme points' supports; " to " joins the extreme points of one
# component of a continuum, "; " separates components (or isolated equilibria).
EXPECTED = {
    "russia_belarus": [(0.5, "Russia: Cut · Belarus: Hedge"), (0.7, "Russia: Subsidize/Cut · Belarus: Align/Hedge"),
                       (0.75, "Russia: Subsidize/Cut · Belarus: Align/Hedge"), (1.0, "Russia: Subsidize · Belarus: Align")],
    "russia_china_first_round": [
        (0.5, "Russia: Conjoin · China: Bilateral"), (0.68, "Russia: Guard · China: Bilateral"),
        (0.75, "Russia: Conjoin · China: Multilateral; Russia: Guard · China: Bilateral; "
               "Russia: Conjoin/Guard · China: Multilateral/Bilateral"),
        (1.0, "Russia: Conjoin · China: Multilateral")],
    "russia_armenia": [(0.3, "Russia: Refuse · Armenia: Demand-CarryOut"), (0.5, "Russia: Refuse · Armenia: StatusQuo"),
                       (0.75, "Russia: Concede · Armenia: Demand-CarryOut"),
                       (1.0, "Russia: Concede · Armenia: Demand-CarryOut")],
}
# Armenia: how many components (continua) MODELING.md's regimes have at each R.
ARMENIA_COMPONENTS = {0.3: 1, 0.5: 1, 0.75: 2, 1.0: 2}


def test_degenerate_distribution_gives_the_stated_regime(model):
    points = [r for r, _ in EXPECTED[model.name]]
    res = bg.uncertainty(model, R=points, samples=5, seed=0, distributions=_fixed(model))
    assert res.varied == ()
    for r, words in EXPECTED[model.name]:
        row = res.at(r)
        assert len(row) == 1 and row.iloc[0] == 1.0
        assert row.index[0].startswith(words), (r, row.index[0])
        if model.name == "russia_armenia":
            assert len(row.index[0].split("; ")) == ARMENIA_COMPONENTS[r], (r, row.index[0])
            assert (" to " in row.index[0]) == (r > 0.4), "a continuum above RA3 = 0.4, a point below"


def test_regime_words_match_modeling_details():
    china = bg.load_model("examples/russia_china_first_round")
    res = bg.uncertainty(china, R=[0.75], samples=3, seed=0, distributions=_fixed(china))
    label = res.at(0.75).index[0]
    assert "Russia: Conjoin · China: Multilateral" in label and "Russia: Guard · China: Bilateral" in label
    armenia = bg.load_model("russia_armenia")
    res = bg.uncertainty(armenia, R=[0.8, 1.0], samples=3, seed=0, distributions=_fixed(armenia))
    # Below RA1 = 0.85 Demand-CarryOut binds at the status-quo extreme point, above it Demand-BackDown.
    assert "Armenia: StatusQuo | Armenia also Demand-CarryOut" in res.at(0.8).index[0]
    assert "Armenia: StatusQuo | Armenia also Demand-BackDown" in res.at(1.0).index[0]
    assert "Russia: Concede · Armenia: Demand-CarryOut" in res.at(1.0).index[0]


def test_regime_probability_follows_threshold_distribution():
    """P((Subsidize, Align)) at R is P(kappa*s/w < R and Belarus aligns when subsidised): compare with direct draws."""
    belarus = bg.load_model("russia_belarus")
    res = bg.uncertainty(belarus, R=[1.0], samples=4000, seed=5)
    d = draw(belarus, 4000, seed=5, exclude=("R",))
    aligned = d["s"] - d["a"] > d["mu"] * d["s"] + d["h"]
    expected = np.mean((d["kappa"] * d["s"] / d["w"] < 1.0) & aligned)
    assert res.at(1.0)["Russia: Subsidize · Belarus: Align"] == pytest.approx(expected, abs=1e-12)


def test_threshold_quantiles_at_fixed_parameters_are_the_defaults():
    belarus = bg.load_model("russia_belarus")
    res = bg.uncertainty(belarus, R=GRID, samples=20, seed=0, distributions=_fixed(belarus))
    nash = res.thresholds[res.thresholds["kind"] == "nash"]
    assert list(nash["threshold"]) == ["kappa*mu*s/w", "kappa*s/w"]
    np.testing.assert_allclose(nash[["q05", "q50", "q95"]].to_numpy().T, [[0.6, 0.8]] * 3)


def test_threshold_quantiles_match_numpy_on_the_draws():
    armenia = bg.load_model("russia_armenia")
    res = bg.uncertainty(armenia, R=GRID, samples=500, seed=11)
    d = draw(armenia, 500, seed=11, exclude=("R",))
    row = res.thresholds[(res.thresholds["threshold"] == "z/m") & (res.thresholds["kind"] == "nash")].iloc[0]
    assert row["q50"] == pytest.approx(np.quantile(d["z"] / d["m"], 0.5))
    assert row["finite"] == 1.0


def test_user_distribution_and_errors():
    belarus = bg.load_model("russia_belarus")
    d = draw(belarus, 1000, seed=2, distributions={"w": stats.norm(1.25, 0.01)}, exclude=("R",))
    assert abs(d["w"].mean() - 1.25) < 0.002 and d["s"].tolist() == [1.0] * 1000
    with pytest.raises(ModelError):
        draw(belarus, 10, distributions={"nope": stats.uniform()})
    with pytest.raises(BargainingError):
        draw(belarus, 0)
    with pytest.raises(ModelError):
        bg.uncertainty(belarus, Q=[1.0], samples=3)


def test_regime_label_of_a_hand_made_game():
    g = bg.Game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], strategies=(("H", "T"), ("h", "t")))
    assert regime_label(g) == "Player 1: H/T · Player 2: h/t"


def test_regime_labels_name_the_players():
    # hawk-dove: both players have the same strategy names; the label must still say who plays what
    g = bg.Game([[0, 3], [1, 2]], [[0, 1], [3, 2]], players=("Ann", "Bob"),
                strategies=(("Hawk", "Dove"), ("Hawk", "Dove")))
    assert regime_label(g) == (
        "Ann: Hawk · Bob: Dove; Ann: Dove · Bob: Hawk; Ann: Hawk/Dove · Bob: Hawk/Dove"
    )


# ------------------------------------------------------------------- sobol
def _ishigami(d, a=7.0, b=0.1):
    return np.sin(d["x1"]) + a * np.sin(d["x2"]) ** 2 + b * d["x3"] ** 4 * np.sin(d["x1"])


def test_sobol_ishigami_known_answer():
    a, b, pi = 7.0, 0.1, math.pi
    V = a**2 / 8 + b * pi**4 / 5 + b**2 * pi**8 / 18 + 0.5
    V1, V2, V13 = 0.5 * (1 + b * pi**4 / 5) ** 2, a**2 / 8, 8 * b**2 * pi**8 / 225
    ranges = {f"x{k}": (-pi, pi) for k in (1, 2, 3)}
    idx = bg.sobol(ranges, _ishigami, samples=2048, seed=3)
    np.testing.assert_allclose(idx["S1"], [V1 / V, V2 / V, 0.0], atol=0.05)
    np.testing.assert_allclose(idx["ST"], [(V1 + V13) / V, V2 / V, V13 / V], atol=0.05)
    assert (idx["S1_conf"] > 0).all() and idx.attrs["N"] == 2048


def test_sobol_is_seeded_and_threshold_outputs():
    belarus = bg.load_model("russia_belarus")
    r1 = [t for t in bg.thresholds(belarus) if t.kind == "nash"][-1]
    a = bg.sobol(belarus, r1, samples=256, seed=4)
    pd.testing.assert_frame_equal(a, bg.sobol(belarus, r1.expression, samples=256, seed=4))
    pd.testing.assert_frame_equal(a, bg.sobol(belarus, "kappa*s/w", samples=256, seed=4))
    assert not a.equals(bg.sobol(belarus, r1, samples=256, seed=5))
    # R1 = kappa/w is additive in logs: no interactions, S1 ~ ST, and w (wider relative range) matters more.
    np.testing.assert_allclose(a["S1"], a["ST"], atol=0.05)
    assert a.loc["w", "ST"] > a.loc["kappa", "ST"]


def test_sobol_of_an_equilibrium_payoff_callable():
    """Russia's payoff in the unique mixed equilibrium at R = 0.75 is lam*v + ... : only Russia's parameters matter."""
    belarus = bg.load_model("russia_belarus")

    def russia_cut_payoff(d):  # Russia's payoff from Cut against Belarus's mix q(R) = (R1 - R)/(R1 - R2)
        r1, r2 = d["kappa"] * d["s"] / d["w"], d["mu"] * d["kappa"] * d["s"] / d["w"]
        hedge = np.clip((r1 - d["R"]) / (r1 - r2), 0, 1)
        return (1 - hedge) * d["v"] + hedge * d["lam"] * d["v"]

    idx = bg.sobol(belarus, russia_cut_payoff, samples=256, seed=1, scenario="2015",
                   parameters=["kappa", "w", "mu", "v", "lam", "a", "h"])
    assert idx.loc[["a", "h"], "ST"].abs().max() < 0.02  # Belarus's own payoffs do not enter Russia's
    assert idx.loc["v", "ST"] > 0.1
    with pytest.raises(BargainingError):
        bg.sobol(belarus, lambda d: np.zeros(3), samples=64, seed=1)


# --------------------------------------------------------------------- CLI
def test_cli_uncertainty(tmp_path, capsys):
    from bargaining.cli import main

    out = tmp_path / "probs.csv"
    args = ["uncertainty", "russia_belarus", "--samples", "60", "--seed", "1", "--points", "9", "--out", str(out)]
    assert main(args) == 0
    text = capsys.readouterr().out
    for name, r in (("2013", "1"), ("2015", "0.75"), ("2016", "0.7"), ("stress", "0.5")):
        assert f"scenario {name} (R = {r}):" in text
    assert "κ*s/w" in text and "q95" in text  # thresholds shown in display symbols
    table = pd.read_csv(out)
    assert table.columns[0] == "R" and 0.75 in set(table["R"])  # the scenarios join the grid
    np.testing.assert_allclose(table.drop(columns="R").sum(axis=1), 1.0)
    assert main(args) == 0 and pd.read_csv(out).equals(table)  # same seed, same file
    assert main(["uncertainty", "russia_belarus", "--samples", "0"]) == 2


def test_sign_patterns_agree_with_exact_solves_at_random_points(model):
    """The vectorised classification equals an exact solve of each game (an independent per-game check)."""
    from bargaining.analysis.sensitivity import game_at, symbolic_form
    from bargaining.analysis.uncertainty import _Classifier

    grid = np.linspace(0.2, 1.5, 40)
    values = draw(model, 60, seed=21, exclude=("R",))
    classifier = _Classifier(model, "R")
    idx = classifier.label_indices(values, grid)
    form = symbolic_form(model)
    rng = np.random.default_rng(0)
    for i, j in zip(rng.integers(0, 60, 150), rng.integers(0, 40, 150)):
        sub = {sym: sympy.Rational(repr(float(grid[j] if name == "R" else values[name][i])))
               for name, sym in form.symbols}
        assert regime_label(game_at(form, sub)) == classifier.labels[idx[i, j]]
