"""Game: construction, validation, labels and display."""

from fractions import Fraction

import numpy as np
import pytest

import bargaining as bg


def test_defaults_names_and_exact_payoffs():
    game = bg.Game([[0.1, 2], [3, 4]], [[1, 0], [0, 1]])
    assert game.players == ("Player 1", "Player 2")
    assert game.strategies == (("s1", "s2"), ("s1", "s2"))
    assert game.exact_A[0][0] == Fraction(1, 10)  # the decimal as written, not the binary float
    assert game.A.dtype == float and game.A[0, 0] == 0.1
    assert game.shape == (2, 2)


def test_arrays_are_read_only():
    game = bg.Game(np.eye(2), np.eye(2))
    with pytest.raises(ValueError):
        game.A[0, 0] = 5.0


def test_frozen():
    game = bg.Game([[1]], [[1]])
    with pytest.raises(AttributeError):
        game.players = ("a", "b")


def test_from_mapping_keeps_first_seen_order():
    game = bg.Game({("Up", "Left"): (1, 2), ("Up", "Right"): (3, 4), ("Down", "Left"): (5, 6), ("Down", "Right"): (7, 8)},
                   players=("Ann", "Bob"))
    assert game.strategies == (("Up", "Down"), ("Left", "Right"))
    assert game.payoff("Down", "Right") == (7.0, 8.0)
    assert game == bg.Game([[1, 3], [5, 7]], [[2, 4], [6, 8]], players=("Ann", "Bob"),
                           strategies=(("Up", "Down"), ("Left", "Right")))


@pytest.mark.parametrize(
    ("A", "B", "kwargs", "message"),
    [
        ([[1, 2]], [[1], [2]], {}, "shape mismatch"),
        ([], [], {}, "empty"),
        ([[]], [[]], {}, "empty"),
        ([[1, 2], [3]], [[1, 2], [3, 4]], {}, "ragged"),
        ([[1, "x"]], [[1, 2]], {}, "not a number"),
        ([[1, float("nan")]], [[1, 2]], {}, "finite"),
        ([[1, float("inf")]], [[1, 2]], {}, "finite"),
        ([[True, 2]], [[1, 2]], {}, "not a number"),
        ([[1, 2]], [[1, 2]], {"strategies": (("a",), ("b", "b"))}, "duplicate"),
        ([[1, 2]], [[1, 2]], {"players": ("Same", "Same")}, "duplicate"),
        ([[1, 2]], [[1, 2]], {"strategies": (("a", "b"), ("c", "d"))}, "2 names given for 1"),
        ([[1, 2]], [[1, 2]], {"strategies": (("",), ("c", "d"))}, "non-empty"),
    ],
)
def test_invalid_games_are_refused_with_a_reason(A, B, kwargs, message):
    with pytest.raises(bg.GameError, match=message):
        bg.Game(A, B, **kwargs)


def test_mapping_with_missing_cell():
    with pytest.raises(bg.GameError, match="no payoffs for cells"):
        bg.Game({("U", "L"): (1, 1), ("D", "R"): (0, 0)})


def test_unknown_strategy_name():
    game = bg.Game([[1, 2]], [[1, 2]], strategies=(("Only",), ("L", "R")))
    with pytest.raises(bg.GameError, match="'X' is not a strategy of Player 1"):
        game.payoff("X", "L")


def test_repr_is_a_labelled_payoff_table():
    game = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Russia", "Belarus"),
                   strategies=(("Subsidize", "Cut"), ("Align", "Hedge")))
    text = repr(game)
    assert "Russia \\ Belarus" in text
    assert "Subsidize" in text and "Hedge" in text
    assert "5, 0" in text
    html = game._repr_html_()
    assert html.startswith("<table>") and "<th>Cut</th>" in html


def test_html_escapes_names():
    game = bg.Game([[1]], [[1]], strategies=(("<b>",), ("&",)))
    assert "&lt;b&gt;" in game._repr_html_()


def test_equal_games_hash_alike():
    assert hash(bg.Game([[1]], [[2]])) == hash(bg.Game([[1.0]], [[2]]))
