"""Gambit as an oracle: every perfect Bayesian equilibrium is a Nash equilibrium with a payoff vector Gambit finds."""

import json
from fractions import Fraction
from pathlib import Path

import pytest
from pbe_gambit import CASES, gambit_payoffs

from bargaining.games.pbe import perfect_bayesian

FIXTURE = json.loads((Path(__file__).parent / "data" / "pbe_gambit.json").read_text(encoding="utf-8"))


def _ours(tree) -> list:
    return sorted({tuple(str(Fraction(p)) for p in r.payoffs) for r in perfect_bayesian(tree)})


@pytest.mark.parametrize("name", sorted(CASES))
def test_perfect_bayesian_payoffs_are_nash_payoffs_in_the_fixture(name):
    # The payoffs are constant on every set found here, so each is the payoff of an extreme
    # Nash equilibrium of the strategic form (Gambit's enummixed).
    gambit = {tuple(v) for v in FIXTURE[name]}
    assert set(_ours(CASES[name]())) <= gambit


def test_beer_quiche_nash_outcomes_are_exactly_the_two_pools():
    # Every Nash equilibrium of Beer–Quiche pools (Gambit); both pools are perfect Bayesian.
    assert [tuple(v) for v in FIXTURE["beer_quiche"]] == _ours(CASES["beer_quiche"]())


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_is_gambits_answer(name):
    pytest.importorskip("pygambit")
    assert gambit_payoffs(CASES[name]()) == FIXTURE[name]
