"""Notebooks and pandas: HTML views, ``to_frame()``, and the messages for a Model where a Game belongs."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest

import bargaining as bg

PENNIES = [[1, -1], [-1, 1]]


def test_game_of_a_only_is_zero_sum():
    # as nashpy.Game(A): B = -A; matching pennies then mixes 1/2-1/2 for both (by hand)
    game = bg.Game(PENNIES)
    assert game.exact_B == ((Fraction(-1), Fraction(1)), (Fraction(1), Fraction(-1)))
    (eq,) = bg.equilibria(game, exact=True)
    assert eq.profile == ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))


@pytest.mark.parametrize("call", [bg.equilibria, bg.pure_equilibria, bg.is_degenerate, bg.components,
                                  bg.eliminate_dominated, bg.Game])
def test_a_model_where_a_game_belongs_says_call_model_game(call):
    with pytest.raises(bg.GameError, match=r"call model\.game\(\.\.\.\)"):
        call(bg.load_model("russia_belarus"))


def test_equilibria_are_a_tuple_with_a_frame():
    found = bg.equilibria(bg.load_model("russia_belarus").game(scenario="2015"), exact=True)
    assert isinstance(found, tuple) and found == tuple(found)
    frame = found.to_frame()
    assert isinstance(frame, pd.DataFrame) and len(frame) == 1
    # the 2015 mix, derived by hand in the README: Subsidize 3/5, Align 3/4
    assert frame.loc[0, "Russia: Subsidize"] == Fraction(3, 5) and frame.loc[0, "Belarus: Align"] == Fraction(3, 4)
    assert not frame.loc[0, "pure"]


def test_html_views_show_exact_fractions():
    model = bg.load_model("russia_belarus")
    found = bg.equilibria(model.game(scenario="2015"), exact=True)
    agreement = bg.nash_solution(bg.problem_from_model(model, "2015"))
    threshold = bg.thresholds(model)[0]
    for obj, must in ((found, "3/5"), (found[0], "3/4"), (model, "1/5 to 3/2"), (threshold, "3/5"),
                      (agreement, "<td>")):
        html = obj._repr_html_()
        assert html.startswith(("<table", "<p>")) and must in html, (type(obj).__name__, html[:200])
    result = bg.uncertainty(model, R=[0.5, 1.0], samples=20, seed=1, progress=False)
    assert "<table" in result._repr_html_()


def test_an_empty_set_shows_as_such():
    assert "no equilibria" in bg.games.display.EquilibriumSet(())._repr_html_()
