"""Issue bargaining on the seed models: the numbers of MODELING.md, closed forms, sweeps, the CLI."""

from fractions import Fraction

import pytest
import sympy

from bargaining import issue_closed_form, issue_solution, issue_sweep, load_model, solution_table
from bargaining.cli import main


@pytest.fixture(scope="module")
def models():
    models = {n: load_model(n) for n in ("russia_belarus", "russia_armenia")}
    return {**models, "russia_china": load_model("examples/russia_china_first_round")}  # MODELING.md numbers: alpha = 2


def test_belarus_transfer_exact(models):
    m = models["russia_belarus"]
    for R, t in [(1, Fraction(95, 100)), (0.75, Fraction(73125, 100000)), (0.5, Fraction(5125, 10000))]:
        assert issue_solution(m, R=R).issue_value == t


def test_belarus_closed_form_and_power(models):
    m = models["russia_belarus"]
    s = m.symbols
    R, lam, v, w, kappa, a, h = (s[n] for n in ("R", "lam", "v", "w", "kappa", "a", "h"))
    cf = issue_closed_form(m)
    assert sympy.simplify(cf.interior - (((1 - lam) * v + w) * R / kappa + a + h) / 2) == 0
    # Belarus's power beta = 1 - power of Russia: t = (a+h) + beta[((1-lam)v+w)R/kappa - (a+h)]
    beta = Fraction(3, 10)
    t = issue_solution(m, power=1 - beta, R=1).issue_value
    assert t == Fraction(15, 100) + beta * (Fraction(175, 100) - Fraction(15, 100))


def test_armenia_tilt(models):
    m = models["russia_armenia"]
    got = [float(issue_solution(m, R=R).issue_value) for R in (1, 0.75, 0.5)]
    assert got == pytest.approx([0, 0.332, 0.355], abs=5e-4)
    # MODELING.md: x* = mR/(2z) + (o - sigma R)/(2g) with the credible-threat disagreement
    s = m.symbols
    cf = issue_closed_form(m, disagreement=(-s["m"], s["o"] - s["sigma"] * s["R"]))
    expected = s["m"] * s["R"] / (2 * s["z"]) + (s["o"] - s["sigma"] * s["R"]) / (2 * s["g"])
    assert sympy.simplify(cf.interior - expected) == 0
    assert "strictly better" in issue_solution(m, R=1).method


def test_china_share(models):
    m = models["russia_china"]
    got = [float(issue_solution(m, R=R).issue_value) for R in (1, 0.75, 0.5)]
    assert got == pytest.approx([0, 0.068, 0.55], abs=5e-4)


def test_other_solutions_on_issue(models):
    m = models["russia_belarus"]
    for name in ("ks", "egalitarian", "utilitarian"):
        a = issue_solution(m, name, "2015")
        assert 0 <= a.issue_value <= Fraction(9, 4)


def test_sweep_and_table(models):
    df = issue_sweep(models["russia_belarus"], R=[1, 0.75, 0.5])
    assert len(df) == 3 and df["t"].tolist() == [0.95, 0.73125, 0.5125]
    table = solution_table(models["russia_armenia"], scenarios=("2015",))
    assert set(table["solution"]) >= {"nash", "kalai-smorodinsky", "variable-threat", "issue (nash)"}
    issue_row = table[table["solution"] == "issue (nash)"].iloc[0]
    assert issue_row["issue_value"] == pytest.approx(73 / 220)


def test_cli_acceptance(capsys):
    assert main(["bargain", "russia_armenia", "--scenario", "2015"]) == 0
    out = capsys.readouterr().out
    assert "x = 73/220 (0.331818)" in out and "disagreement point (subgame)" in out
    assert main(["bargain", "russia_belarus", "--solution", "threat", "--set", "R=0.75"]) == 0
    assert main(["bargain", "russia_belarus", "--scenario", "nope"]) == 2
