"""Reading and writing Gambit .nfg files, checked against pygambit where it is installed."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from gambit_cases import GAMES_DIR, OUTCOME_FORM, round_trip_games

from bargaining import Game, GameError

read_nfg = Game.from_nfg


def write_nfg(game, title=""):
    return game.to_nfg(title=title)




@pytest.fixture
def gbt():
    """pygambit, where installed (the same checks run against recorded answers in test_gambit_fixtures.py)."""
    return pytest.importorskip("pygambit")

GAME_FILES = sorted(p.name for p in GAMES_DIR.glob("*.nfg")) if GAMES_DIR.is_dir() else []
needs_games = pytest.mark.skipif(not GAMES_DIR.is_dir(), reason="the shared gambit-games folder is absent")


def gambit_payoffs(g):
    A, B = g.to_arrays()
    return [[F(v) for v in row] for row in A.tolist()], [[F(v) for v in row] for row in B.tolist()]


def gambit_labels(g):
    players = list(g.players)
    return tuple(p.label for p in players), tuple(tuple(s.label for s in p.strategies) for p in players)


def test_outcome_form_with_player_one_fastest():
    game = read_nfg(OUTCOME_FORM)
    assert game.players == ("Ann", "Bob")
    assert game.strategies == (("Up", "Down"), ("Left", "Right"))
    # contingencies (Up,Left)=1, (Down,Left)=2, (Up,Right)=3, (Down,Right)=0 (no outcome)
    assert game.exact_A == ((F(1), F(1, 4)), (F(5, 2), F(0)))
    assert game.exact_B == ((F(-1), F(7)), (F(3), F(0)))


def test_outcome_form_matches_pygambit(tmp_path, gbt):
    path = tmp_path / "o.nfg"
    # pygambit's to_arrays cannot handle a contingency without an outcome (0)
    path.write_text(OUTCOME_FORM.replace("1 2 3 0", "1 2 3 1"))
    game = read_nfg(path)
    g = gbt.read_nfg(str(path))
    assert gambit_payoffs(g) == ([list(r) for r in game.exact_A], [list(r) for r in game.exact_B])
    assert gambit_labels(g) == (game.players, game.strategies)


def test_payoff_form_with_counts_and_decimals():
    game = read_nfg('NFG 1 D "x" { "" "" } { 2 1 }\n0.1 -2 3e-1 4\n')
    assert game.players == ("Player 1", "Player 2")
    assert game.strategies == (("1", "2"), ("1",))
    assert game.exact_A == ((F(1, 10),), (F(3, 10),))
    assert game.exact_B == ((F(-2),), (F(4),))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('NFG 1 R "t" { "a" "b" "c" } { 1 1 1 }\n1 2 3\n', "3 players"),
        ('NFG 1 R "t" { "a" } { 2 }\n1 2\n', "1 players"),
        ('NFG 1 R "t" { "a" "b" } { 2 2 }\n1 2 3\n', "ends"),
        ('NFG 1 R "t" { "a" "b" } { 1 1 }\n1 x\n', "must be a number"),
        ('NFG 1 R "t" { "a" "b" } { 1 1 }\n1 2 3\n', "unexpected text"),
        ('NFG 2 R "t" { "a" "b" } { 1 1 }\n1 2\n', "version"),
        ('NFG 1 R "t" { "a" "b" } { { "x" } { "y" } } "" { { "" 1 2 } } 2\n', "outcome 2"),
        ('NFG 1 R "t" { "a" "b" } { { "x" } { "y" } } "" { { "" 1 2 3 } } 1\n', "3 payoffs"),
        ('NFG 1 R "t" { "a" "b" } { 1 1 }\n1 1/0\n', "not a valid number"),
    ],
)
def test_bad_files_raise_game_error_naming_the_problem(text, message):
    with pytest.raises(GameError, match=message):
        read_nfg(text)


def test_errors_name_the_file(tmp_path):
    path = tmp_path / "three.nfg"
    path.write_text('NFG 1 R "t" { "a" "b" "c" } { 1 1 1 }\n1 2 3\n')
    with pytest.raises(GameError, match="three.nfg"):
        read_nfg(path)


def test_missing_file_raises_game_error(tmp_path):
    # bad input is the package's own error (issue 17), naming the file
    with pytest.raises(GameError, match="absent.nfg: no such file"):
        read_nfg(tmp_path / "absent.nfg")


ROUND_TRIP_GAMES = list(round_trip_games().values())


@pytest.mark.parametrize("game", ROUND_TRIP_GAMES, ids=["pd", "rational", "labels"])
def test_write_then_pygambit_read_gives_the_same_game(game, tmp_path, gbt):
    path = tmp_path / "g.nfg"
    path.write_text(write_nfg(game, title="round trip"))
    g = gbt.read_nfg(str(path))
    assert gambit_payoffs(g) == ([list(r) for r in game.exact_A], [list(r) for r in game.exact_B])
    assert gambit_labels(g) == (game.players, game.strategies)
    assert g.title == "round trip"


@pytest.mark.parametrize("game", ROUND_TRIP_GAMES, ids=["pd", "rational", "labels"])
def test_write_then_read_gives_an_equal_game(game):
    assert read_nfg(write_nfg(game)) == game
    assert Game.from_nfg(game.to_nfg(title="t")) == game


@needs_games
@pytest.mark.parametrize("name", GAME_FILES)
def test_example_files_read_like_pygambit(name, gbt):
    path = GAMES_DIR / name
    game = read_nfg(path)
    g = gbt.read_nfg(str(path))
    assert gambit_payoffs(g) == ([list(r) for r in game.exact_A], [list(r) for r in game.exact_B])
    players, strategies = gambit_labels(g)
    assert game.strategies == strategies
    assert all(ours == theirs for ours, theirs in zip(game.players, players) if theirs.strip("_0123456789"))
    assert read_nfg(write_nfg(game)) == game
