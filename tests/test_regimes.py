"""Regime maps: intervals split at the exact thresholds, equilibria as MODELING.md states."""

from __future__ import annotations

import pytest

import bargaining as bg
from bargaining.cli import main


@pytest.fixture(scope="module")
def belarus():
    return bg.regimes(bg.load_model("russia_belarus"))


def test_belarus_three_intervals(belarus):
    intervals = belarus[belarus.kind == "interval"]
    assert intervals["from"].tolist() == ["1/5", "3/5", "4/5"]
    assert intervals["to"].tolist() == ["3/5", "4/5", "3/2"]
    low, mid, high = intervals.equilibria.tolist()
    assert low == "Russia: Cut · Belarus: Hedge" and high == "Russia: Subsidize · Belarus: Align"
    # Russia subsidises with p* = (a+h)/((1-mu)s) = 0.6; Belarus's Align moves with R.
    # the mix over the whole interval, as formulas in R (Align: 0 at R = 3/5 to 1 at R = 4/5)
    assert mid == "Russia: Subsidize 3/5, Cut 2/5 · Belarus: Align 5*R - 3, Hedge 4 - 5*R"
    assert intervals.summary.tolist() == ["unique pure", "unique mixed", "unique pure"]
    # q*(R) = (R - R2)/(R1 - R2) for Align: 5R - 3 at the defaults.
    assert intervals.formula.tolist()[1] == "Belarus: Align = 5*R - 3"
    assert not intervals.degenerate.any()


def test_belarus_thresholds_are_degenerate(belarus):
    at = belarus[belarus.kind == "threshold"]
    assert at["from"].tolist() == ["3/5", "4/5"] and at.from_float.tolist() == [0.6, 0.8]
    assert at.degenerate.all()
    assert all(words.startswith("continuum: 1 component") for words in at.equilibria)
    assert "Russia: Cut · Belarus: Hedge" in at.equilibria.iloc[0]
    assert "Russia: Subsidize · Belarus: Align" in at.equilibria.iloc[1]


def test_china_regimes():
    table = bg.regimes(bg.load_model("examples/russia_china_first_round"))
    intervals = table[table.kind == "interval"]
    assert intervals.equilibria.tolist()[0] == "Russia: Conjoin · China: Bilateral"
    assert intervals.equilibria.tolist()[1] == "Russia: Guard · China: Bilateral"
    assert intervals.summary.tolist()[2] == "2 pure + 1 mixed"
    assert intervals.equilibria.tolist()[3] == "Russia: Conjoin · China: Multilateral"
    # Rc3 is irrational: said so, not solved in floating point.
    assert table[table.kind == "threshold"].equilibria.iloc[0].startswith("irrational value")


def test_armenia_path_regimes():
    table = bg.regimes(bg.load_model("russia_armenia"), kind="subgame-perfect")
    paths = table[table.kind == "interval"].equilibria.tolist()
    assert paths == ["Demand → Refuse → CarryOut", "StatusQuo", "Demand → Concede", "StatusQuo"]


def test_cli(capsys):
    assert main(["regimes", "russia_belarus"]) == 0
    out = capsys.readouterr().out
    assert "3/5 < R < 4/5 (0.6 to 0.8)" in out and "R = 4/5 ≈ 0.8" in out
    assert "moving: Belarus: Align = 5*R - 3" in out
