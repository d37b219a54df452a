"""Tests of model loading, validation and substitution (bargaining.modelling.model, bargaining.modelling.schema)."""

from __future__ import annotations

import os
import warnings
from fractions import Fraction
from pathlib import Path

import pytest
import sympy

import bargaining as bg
from bargaining import ModelError, RangeWarning, load_model

HOSTILE = sorted((Path(__file__).parent / "hostile_models").glob("*.toml"))

SMALL = """
title = "Small"
[players]
row = { name = "Row", strategies = ["U", "D"] }
column = { name = "Col", strategies = ["L", "R"] }
[parameters.p]
value = 0.5
range = [0, 2]
meaning = "a weight"
source = "a test"
[parameters.q]
value = 1
range = [-1, 1]
meaning = "a shift"
source = "a test"
symbol = "θ"
[scenarios]
high = { p = 1.5 }
[payoffs.U]
L = ["p", "1"]
R = ["0", "q"]
[payoffs.D]
L = ["1/p", 0]
R = [0.25, "p*q"]
"""


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "small.toml"
    path.write_text(SMALL, encoding="utf-8")
    return load_model(path)


def test_hostile_corpus_is_large():
    assert len(HOSTILE) >= 30


@pytest.mark.parametrize("path", HOSTILE, ids=[p.stem for p in HOSTILE])
def test_hostile_model_is_refused_without_side_effects(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ModelError) as info:
        load_model(path)
    assert str(info.value).startswith(str(path) + ": ")
    assert "\n" not in str(info.value)
    assert list(tmp_path.iterdir()) == []  # no sentinel file such as 'pwned'


def test_parameters_carry_exact_values_and_provenance(small):
    p = small.parameters["p"]
    assert p.value == sympy.Rational(1, 2) and p.range == (0, 2)
    assert p.meaning == "a weight" and p.source == "a test"
    assert p.symbol.is_nonnegative and not p.symbol.is_positive
    assert small.parameters["q"].symbol.is_real and small.parameters["q"].symbol.is_nonnegative is None
    assert small.parameters["q"].display == "θ" and p.display == "p"
    assert load_model("russia_belarus").parameters["R"].symbol.is_positive


def test_game_is_exact(small):
    game = small.game()
    assert game.exact_A == ((Fraction(1, 2), 0), (2, Fraction(1, 4)))
    assert game.exact_B == ((1, 1), (0, Fraction(1, 2)))
    assert game.players == ("Row", "Col") and game.strategies == (("U", "D"), ("L", "R"))
    assert small.game("high").exact_A[1][0] == Fraction(2, 3)
    assert small.game(p=Fraction(1, 3)).exact_A[1][0] == 3
    assert small.game(p="0.1").exact_A[0][0] == Fraction(1, 10)


def test_values_errors_list_valid_names(small):
    with pytest.raises(ModelError, match=r"unknown parameter 'r'.*\['p', 'q'\]"):
        small.values(r=1)
    with pytest.raises(ModelError, match=r"unknown scenario 'low'.*\['high'\]"):
        small.values("low")


def test_out_of_range_value_warns(small):
    with pytest.warns(RangeWarning, match="p = 3"):
        small.values(p=3)
    assert issubclass(RangeWarning, UserWarning)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        small.values(p=2)


def test_division_by_zero_names_the_cell(small):
    with pytest.raises(ModelError, match=r"payoffs\.D\.L\[0\]: division by zero"), pytest.warns(RangeWarning):
        small.game(p=0, q=5)


def test_symbolic_game(small):
    sg = small.symbolic_game()
    p, q = small.symbols["p"], small.symbols["q"]
    assert sg.A == sympy.ImmutableMatrix([[p, 0], [1 / p, sympy.Rational(1, 4)]])
    assert sg.B[1, 1] == p * q
    assert "Row \\ Col" in repr(sg) and "1/p" in repr(sg)
    assert sg.substitute({"p": 1, "q": 0}) == small.game(p=1, q=0)
    with pytest.raises(ModelError, match="unknown parameter"):
        sg.substitute({"zz": 1})


def test_model_is_frozen(small):
    with pytest.raises(AttributeError):
        small.title = "x"
    with pytest.raises(TypeError):
        small.parameters["x"] = 1


def test_plain_game_file_and_bundled_example():
    pd = load_model("examples/prisoners_dilemma")
    assert pd.parameters == {} and pd.game().exact_A == ((3, 0), (5, 1))
    (eq,) = bg.equilibria(pd.game(), exact=True)
    assert eq.support == (("Defect",), ("Defect",))


def test_bundled_names_and_unknown_name():
    assert bg.bundled_models() == ("russia_armenia", "russia_armenia_private", "russia_belarus", "russia_belarus_loyalty", "russia_china")
    with pytest.raises(ModelError, match="no bundled model.*russia_belarus"):
        load_model("russia_ukraine")
    with pytest.raises(ModelError, match="no such file"):
        load_model("missing/file.toml")


def test_error_names_file_and_entry(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(SMALL.replace('R = ["0", "q"]', 'R = ["0", "os.system(1)"]'), encoding="utf-8")
    with pytest.raises(ModelError, match=r"bad\.toml: payoffs\.U\.R\[1\]: attribute access"):
        load_model(path)


def test_decimal_values_are_read_as_written(tmp_path):
    path = tmp_path / "d.toml"
    path.write_text(SMALL.replace("value = 0.5", "value = 0.1"), encoding="utf-8")
    assert load_model(path).parameters["p"].value == sympy.Rational(1, 10)


def test_irrational_payoff_becomes_a_close_fraction(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(SMALL.replace('L = ["p", "1"]', 'L = ["sqrt(p)", "1"]'), encoding="utf-8")
    value = load_model(path).game(p=2).exact_A[0][0]
    assert abs(float(value) - 2**0.5) < 1e-15


def test_issue_and_disagreement_records():
    belarus = load_model("russia_belarus")
    assert belarus.issue.variable.name == "t" and belarus.issue.disagreement_kind == "explicit"
    assert belarus.disagreement(R=1) == (sympy.Rational(1, 2), sympy.Rational(1, 10))
    armenia = load_model("russia_armenia")
    assert armenia.issue.disagreement_kind == "subgame"
    # MODELING.md: disagreement after Refuse is (-m, o - sigma*R) where the threat is credible
    assert armenia.disagreement(R=0.75) == (-1, sympy.Rational(-7, 20))
    assert armenia.disagreement(R=1) == (0, sympy.Rational(-9, 20))  # not credible: Armenia backs down
    china = load_model("examples/russia_china_first_round")
    # China plays Bilateral, Russia best-replies: Guard at R = 0.75 (pi - k_R/R = 8/15 > 1/2)
    assert china.disagreement(R=0.75) == (sympy.Rational(8, 15), sympy.Rational(1, 50))
    assert china.disagreement(R=0.5) == (sympy.Rational(1, 2), sympy.Rational(3, 4))


def test_loading_does_not_touch_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in bg.bundled_models():
        load_model(name).game("stress")
    assert os.listdir(tmp_path) == []
