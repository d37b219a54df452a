"""The games the Gambit oracle is asked about, shared by the live oracle tests and the recorded fixtures.

Every case is ``(case_id, A, B)`` with exact payoffs (``int`` or ``Fraction``).
``tests/test_oracle_gambit.py`` and ``tests/test_oracle_seed_models.py`` ask
pygambit about them live (when it is installed);
``tests/data/make_gambit_fixtures.py`` stores pygambit's answers in
``tests/data/gambit_fixtures.json``, and ``tests/test_gambit_fixtures.py``
checks the package against those stored answers without pygambit.
"""

from __future__ import annotations

import hashlib
import json
from fractions import Fraction
from pathlib import Path

import numpy as np

GAMES_DIR = Path(__file__).resolve().parents[2] / "shared" / "gambit-games"
FIXTURES = Path(__file__).resolve().parent / "data" / "gambit_fixtures.json"

SEED_MODELS = ("russia_belarus", "russia_belarus_loyalty", "russia_armenia", "russia_china",
               "examples/russia_china_first_round")


def random_games(seed, count, low, high, max_size):
    """``count`` integer games of 1..max_size strategies each, payoffs in low..high."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        m, n = (int(k) for k in rng.integers(1, max_size + 1, size=2))
        yield rng.integers(low, high + 1, size=(m, n)).tolist(), rng.integers(low, high + 1, size=(m, n)).tolist()


def rational_games(seed=7, count=30):
    """Games with rational payoffs p/q, q in 1..3."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        m, n = (int(k) for k in rng.integers(2, 5, size=2))
        A = [[Fraction(int(rng.integers(-6, 7)), int(rng.integers(1, 4))) for _ in range(n)] for _ in range(m)]
        B = [[Fraction(int(rng.integers(-6, 7)), int(rng.integers(1, 4))) for _ in range(n)] for _ in range(m)]
        yield A, B


def nondegenerate_games(seed, count):
    """``count`` nondegenerate integer games with payoffs in -1000..1000 (for the float path)."""
    from bargaining.games.exact import is_degenerate

    rng = np.random.default_rng(seed)
    checked = 0
    while checked < count:
        m, n = (int(k) for k in rng.integers(1, 5, size=2))
        A = rng.integers(-1000, 1001, size=(m, n)).tolist()
        B = rng.integers(-1000, 1001, size=(m, n)).tolist()
        if is_degenerate(A, B):
            continue
        checked += 1
        yield A, B


CLASSIC_DEGENERATE = {
    # a dominant row against two equally good columns: a segment of equilibria
    "segment": ([[1, 1], [0, 0]], [[1, 1], [0, 0]]),
    # the all-zero game: everything is an equilibrium
    "zero-game": ([[0, 0, 0], [0, 0, 0]], [[0, 0, 0], [0, 0, 0]]),
    # the 3x2 example of von Stengel (2007, section 3.2) with a tie added in B
    "von-stengel-3x2": ([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]),
    # a zero row and a zero column
    "zero-row": ([[0, 0, 0], [1, 2, 0], [2, 1, 0]], [[0, 0, 0], [2, 1, 0], [1, 2, 0]]),
    "zero-column": ([[0, 1, 2], [0, 2, 1]], [[0, 3, 1], [0, 1, 3]]),
    # duplicated strategies
    "duplicate-rows": ([[1, 0], [1, 0], [0, 1]], [[0, 1], [0, 1], [1, 0]]),
    # one strategy each, and one against many
    "1x1": ([[5]], [[-3]]),
    "1x4": ([[1, 2, 3, 4]], [[2, 2, 1, 2]]),
    "4x1": ([[1], [3], [3], [0]], [[1], [1], [1], [1]]),
    # a rock-paper-scissors variant with ties
    "rps-ties": ([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]]),
    "constant-sum-ties": ([[1, 1, 0], [0, 1, 1]], [[0, 0, 1], [1, 0, 0]]),
}

#: Families of games whose extreme equilibria are compared exactly: name -> generator of (A, B).
EXACT_FAMILIES = {
    **{f"small-{seed}": (lambda seed=seed: random_games(seed, 60, -2, 2, 5)) for seed in range(6)},
    **{f"wide-{seed}": (lambda seed=seed: random_games(100 + seed, 40, -9, 9, 5)) for seed in range(2)},
    "rational": rational_games,
    "classic": lambda: iter(CLASSIC_DEGENERATE.values()),
}


def exact_cases():
    """Every ``(case_id, A, B)`` of :data:`EXACT_FAMILIES`, in a fixed order."""
    for family, make in EXACT_FAMILIES.items():
        names = list(CLASSIC_DEGENERATE) if family == "classic" else None
        for k, (A, B) in enumerate(make()):
            yield f"{family}-{names[k] if names else k}", A, B


def float_cases():
    """The 200 nondegenerate games on which the float path is compared with Gambit."""
    for k, (A, B) in enumerate(nondegenerate_games(2024, 200)):
        yield f"float-{k}", A, B


def seed_model_points(model):
    """Every rational threshold of R, and points 1/100 below and above each."""
    import bargaining as bg

    points = set()
    for threshold in bg.thresholds(model):
        if threshold.value.is_Rational:
            value = Fraction(int(threshold.value.p), int(threshold.value.q))
            points.update({value, value - Fraction(1, 100), value + Fraction(1, 100)})
    return sorted(points)


def seed_model_cases():
    """The seed models' games at and around their rational thresholds of R."""
    import bargaining as bg

    for name in SEED_MODELS:
        model = bg.load_model(name)
        for R in seed_model_points(model):
            game = model.game(R=R)
            yield f"{name}-R={R}", game.exact_A, game.exact_B


def batch_games():
    """The stacked 3x3 games of ``tests/test_batch.py``'s Gambit comparison (seed 11)."""
    rng = np.random.default_rng(11)
    shape, n_float, n_int = (3, 3), 300, 100
    A = np.concatenate([rng.random((n_float, *shape)), rng.integers(-2, 3, (n_int, *shape)).astype(float)])
    B = np.concatenate([rng.random((n_float, *shape)), rng.integers(-2, 3, (n_int, *shape)).astype(float)])
    return A, B


OUTCOME_FORM = """NFG 1 R "Outcomes" { "Ann" "Bob" }

{ { "Up" "Down" }
{ "Left" "Right" }
}
""

{
{ "a" 1, -1 }
{ "b" 5/2 3 }
{ "c" 0.25, 7 }
}
1 2 3 0
"""


def round_trip_games():
    """Games written as .nfg and read back, by Gambit and by the package: id -> Game."""
    from bargaining import Game

    F = Fraction
    return {
        "pd": Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Col"), strategies=(("C", "D"), ("C", "D"))),
        "rational": Game([[F(-5, 2), F(1, 3), 0], [0.1, 7, -1]], [[1, 2, 3], [4, 5, F(7, 9)]]),
        "labels": Game([[1], [2], [3]], [[0], [0], [0]], players=('Say "hi"', "B"),
                       strategies=(("a b", "c", "d"), ("only",))),
    }


def digest(A, B) -> str:
    """A short SHA-256 of a game's exact payoffs, to notice when a generator drifts."""
    text = json.dumps([[[str(Fraction(v)) for v in row] for row in M] for M in (A, B)])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def as_strings(profile):
    """``((Fraction, ...), (Fraction, ...))`` -> ``[["1/2", ...], [...]]``."""
    return [[str(Fraction(v)) for v in side] for side in profile]


def from_strings(profile):
    """The inverse of :func:`as_strings`."""
    return tuple(tuple(Fraction(v) for v in side) for side in profile)


def load_fixtures() -> dict:
    """The recorded answers of Gambit (``tests/data/gambit_fixtures.json``)."""
    return json.loads(FIXTURES.read_text(encoding="utf-8"))
