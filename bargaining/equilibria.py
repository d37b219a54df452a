"""Nash equilibria of two-player games, as verified, labelled records.

Floats for speed on nondegenerate games (nashpy's support enumeration,
cross-checked against its vertex enumeration); exact rational enumeration
(:mod:`bargaining.exact`) for degenerate games and whenever ``exact=True``.
Every equilibrium returned has been checked as a mutual best response.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

import nashpy
import numpy as np

from . import exact as _exact
from .errors import GameError, SolverError
from .game import Game

__all__ = [
    "Equilibrium",
    "equilibria",
    "pure_equilibria",
    "best_responses",
    "is_degenerate",
    "make_equilibrium",
    "regret",
    "METHODS",
]

METHODS = ("auto", "support_enumeration", "vertex_enumeration", "exact")
DEFAULT_TOL = 1e-9


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """One Nash equilibrium of a two-player game, labelled and verified.

    Attributes
    ----------
    profile : pair of numpy.ndarray, or pair of tuple of Fraction
        Each player's mixed strategy as probabilities in strategy order
        (tuples of :class:`~fractions.Fraction` when ``exact``).
    strategies : pair of mappings
        Per player, strategy name -> probability (every strategy listed).
    payoffs : pair of numbers
        Each player's expected payoff.
    support : pair of tuple of str
        The strategies played with positive probability.
    is_pure : bool
        Whether both players play one strategy for sure.
    regret : float or Fraction
        The larger of the two players' gains from their best deviation
        (exactly 0 for an exact equilibrium).
    method : str
        The algorithm that found it.
    players : pair of str
        The players' names.
    exact : bool
        Whether probabilities and payoffs are exact rationals.
    """

    profile: tuple
    strategies: tuple
    payoffs: tuple
    support: tuple
    is_pure: bool
    regret: float
    method: str
    players: tuple
    exact: bool = False

    def describe(self, digits: int = 4) -> str:
        """A one-line description, e.g. ``Row: Defect · Column: Defect``."""
        parts = []
        for player, mapping, support in zip(self.players, self.strategies, self.support):
            if len(support) == 1:
                parts.append(f"{player}: {support[0]}")
            else:
                mix = ", ".join(f"{name} {_show(mapping[name], digits)}" for name in support)
                parts.append(f"{player}: {mix}")
        return " · ".join(parts)

    def __repr__(self) -> str:
        kind = "pure" if self.is_pure else "mixed"
        payoffs = ", ".join(_show(p, 4) for p in self.payoffs)
        return (
            f"Equilibrium({self.describe()}; payoffs ({payoffs}); {kind}; "
            f"regret {_show(self.regret, 3)}; {self.method})"
        )

    def as_float(self) -> tuple[np.ndarray, np.ndarray]:
        """The profile as a pair of float arrays."""
        return tuple(np.array([float(p) for p in s]) for s in self.profile)


def _show(value, digits: int) -> str:
    if isinstance(value, Fraction):
        return str(value)
    return f"{float(value):.{digits}g}"


# ---------------------------------------------------------------- verification
def regret(game: Game, profile, *, exact: bool = False):
    """The larger player's gain from deviating from ``profile`` to a best response.

    Parameters
    ----------
    game : Game
    profile : pair of sequences of probabilities
    exact : bool
        Compute in exact rationals (the profile must then be rational).

    Returns
    -------
    float or Fraction
        0 for an exact equilibrium.

    Examples
    --------
    >>> g = Game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> regret(g, ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2))), exact=True)
    Fraction(0, 1)
    """
    x, y = profile
    if exact:
        A, B = game.exact_A, game.exact_B
        x = [Fraction(v) for v in x]
        y = [Fraction(v) for v in y]
        row_values = [sum(a * q for a, q in zip(row, y)) for row in A]
        col_values = [sum(B[i][j] * x[i] for i in range(len(x))) for j in range(len(y))]
        value_1 = sum(p * v for p, v in zip(x, row_values))
        value_2 = sum(q * v for q, v in zip(y, col_values))
        return max(max(row_values) - value_1, max(col_values) - value_2)
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    row_values = game.A @ y
    col_values = x @ game.B
    return float(max(row_values.max() - x @ row_values, col_values.max() - col_values @ y))


def make_equilibrium(game: Game, profile, method: str, *, exact: bool = False, tol: float = DEFAULT_TOL):
    """Build a verified :class:`Equilibrium` record from a strategy profile.

    Parameters
    ----------
    game : Game
    profile : pair of sequences
        Mixed strategies of player 1 and player 2.
    method : str
        The name of the algorithm that produced the profile.
    exact : bool
        Treat the profile as exact rationals and require a regret of exactly 0.
    tol : float
        The largest regret accepted in floating point.

    Raises
    ------
    SolverError
        If the profile is not a pair of probability vectors of the right
        lengths, or is not an equilibrium (regret above ``tol``, or above 0
        when ``exact``).
    """
    x, y = profile
    if len(x) != game.shape[0] or len(y) != game.shape[1]:
        raise SolverError(f"profile lengths {len(x)}, {len(y)} do not match the game {game.shape}")
    if exact:
        x = tuple(Fraction(v) for v in x)
        y = tuple(Fraction(v) for v in y)
        if sum(x) != 1 or sum(y) != 1 or min(x) < 0 or min(y) < 0:
            raise SolverError(f"{method} returned a profile that is not a pair of probability vectors")
        gap = regret(game, (x, y), exact=True)
        if gap != 0:
            raise SolverError(f"{method} returned a profile with exact regret {gap}, not an equilibrium")
        A, B = game.exact_A, game.exact_B
        payoffs = tuple(
            sum(x[i] * M[i][j] * y[j] for i in range(len(x)) for j in range(len(y))) for M in (A, B)
        )
        profile_out = (x, y)
    else:
        x = np.clip(np.asarray(x, dtype=float), 0.0, None)
        y = np.clip(np.asarray(y, dtype=float), 0.0, None)
        if x.sum() <= 0 or y.sum() <= 0:
            raise SolverError(f"{method} returned an empty strategy")
        x, y = x / x.sum(), y / y.sum()
        x[np.abs(x) < tol] = 0.0
        y[np.abs(y) < tol] = 0.0
        x, y = x / x.sum(), y / y.sum()
        gap = regret(game, (x, y))
        if gap > tol:
            raise SolverError(f"{method} returned a profile with regret {gap:.3g} > {tol:g}")
        gap = max(gap, 0.0)
        for v in (x, y):
            v.setflags(write=False)
        payoffs = (float(x @ game.A @ y), float(x @ game.B @ y))
        profile_out = (x, y)
    strategies = tuple(
        MappingProxyType(dict(zip(names, probs))) for names, probs in zip(game.strategies, profile_out)
    )
    support = tuple(
        tuple(name for name, p in zip(names, probs) if p > 0) for names, probs in zip(game.strategies, profile_out)
    )
    return Equilibrium(
        profile=profile_out,
        strategies=strategies,
        payoffs=payoffs,
        support=support,
        is_pure=all(len(s) == 1 for s in support),
        regret=gap,
        method=method,
        players=game.players,
        exact=exact,
    )


# ---------------------------------------------------------------- enumeration
def is_degenerate(game: Game) -> bool:
    """Whether the game is degenerate, decided exactly.

    A bimatrix game is nondegenerate when no mixed strategy with support of
    size k has more than k pure best responses (von Stengel 2007, Definition
    3.2). The test runs in exact rational arithmetic.

    Examples
    --------
    >>> is_degenerate(Game([[1, 1], [0, 0]], [[1, 1], [0, 0]]))
    True
    >>> is_degenerate(Game([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    False
    """
    return _exact.is_degenerate(game.exact_A, game.exact_B)


def pure_equilibria(game: Game) -> tuple[Equilibrium, ...]:
    """All pure-strategy Nash equilibria, found exactly, cell by cell.

    Works for degenerate games too. Records are exact and ordered by row,
    then column.

    Examples
    --------
    >>> g = Game([[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=(("Opera", "Fight"), ("Opera", "Fight")))
    >>> [e.describe() for e in pure_equilibria(g)]
    ['Player 1: Opera · Player 2: Opera', 'Player 1: Fight · Player 2: Fight']
    """
    A, B = game.exact_A, game.exact_B
    rows, cols = game.shape
    found = []
    for i in range(rows):
        for j in range(cols):
            if A[i][j] == max(A[k][j] for k in range(rows)) and B[i][j] == max(B[i]):
                x = tuple(Fraction(int(k == i)) for k in range(rows))
                y = tuple(Fraction(int(k == j)) for k in range(cols))
                found.append(make_equilibrium(game, (x, y), "pure", exact=True))
    return tuple(found)


def best_responses(game: Game, player: int, strategy_of_other) -> tuple[str, ...]:
    """The pure best responses of ``player`` (1 or 2) to the other's strategy.

    Parameters
    ----------
    game : Game
    player : {1, 2}
        Whose best responses.
    strategy_of_other : str, mapping or sequence
        The other player's strategy: a strategy name, a mapping
        name -> probability, or a probability vector. Names and rational
        probabilities are compared exactly.

    Returns
    -------
    tuple of str
        The best responses, in strategy order.

    Examples
    --------
    >>> g = Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
    >>> best_responses(g, 1, "C")
    ('D',)
    >>> best_responses(g, 2, {"C": 0.5, "D": 0.5})
    ('D',)
    """
    if player not in (1, 2):
        raise GameError(f"player must be 1 or 2, got {player!r}")
    other = 2 - player  # index of the other player
    mix = _as_mixed(game, other, strategy_of_other)
    if player == 1:
        values = [sum(a * q for a, q in zip(row, mix)) for row in game.exact_A]
    else:
        B = game.exact_B
        values = [sum(B[i][j] * mix[i] for i in range(len(mix))) for j in range(game.shape[1])]
    best = max(values)
    return tuple(name for name, v in zip(game.strategies[player - 1], values) if v == best)


def _as_mixed(game: Game, index: int, strategy) -> list[Fraction]:
    names = game.strategies[index]
    if isinstance(strategy, str):
        k = game.strategy_index(index, strategy)
        return [Fraction(int(i == k)) for i in range(len(names))]
    if isinstance(strategy, Mapping):
        unknown = set(strategy) - set(names)
        if unknown:
            raise GameError(f"{sorted(unknown)} are not strategies of {game.players[index]}")
        probs = [strategy.get(name, 0) for name in names]
    else:
        probs = list(strategy)
    if len(probs) != len(names):
        raise GameError(f"{game.players[index]} has {len(names)} strategies, got {len(probs)} probabilities")
    from .game import to_fraction

    return [to_fraction(p) for p in probs]


def _nashpy_profiles(game: Game, method: str):
    solver = nashpy.Game(game.A, game.B)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if method == "support_enumeration":
            return list(solver.support_enumeration())
        return list(solver.vertex_enumeration())


def _float_equilibria(game: Game, method: str, tol: float) -> list[Equilibrium]:
    found = []
    for profile in _nashpy_profiles(game, method):
        try:
            found.append(make_equilibrium(game, profile, method, tol=tol))
        except SolverError:
            continue  # an unverified candidate is dropped, never returned
    return _dedupe(found, tol)


def _dedupe(found: list[Equilibrium], tol: float) -> list[Equilibrium]:
    unique: list[Equilibrium] = []
    for eq in found:
        x, y = eq.as_float()
        if not any(
            np.allclose(x, u.as_float()[0], atol=max(tol, 1e-12) * 10)
            and np.allclose(y, u.as_float()[1], atol=max(tol, 1e-12) * 10)
            for u in unique
        ):
            unique.append(eq)
    return unique


def _order_key(eq: Equilibrium):
    x, y = eq.as_float()
    size = sum(len(s) for s in eq.support)
    support_index = tuple(np.flatnonzero(x)) + (-1,) + tuple(np.flatnonzero(y))
    return (not eq.is_pure, size, support_index, tuple(-x), tuple(-y))


def equilibria(game: Game, *, method: str = "auto", exact: bool = False, tol: float = DEFAULT_TOL):
    """All Nash equilibria of a two-player game: every extreme equilibrium.

    For a nondegenerate game these are all its equilibria (a finite, odd
    number). For a degenerate game, where equilibria can form continua,
    they are the extreme points of its maximal convex sets of equilibria;
    see :func:`bargaining.components` for the sets themselves.

    Parameters
    ----------
    game : Game
    method : {"auto", "support_enumeration", "vertex_enumeration", "exact"}
        ``"auto"`` uses nashpy's support enumeration on nondegenerate games
        (falling back to vertex enumeration if the two would disagree, that is
        if the count is even or a candidate fails verification) and the exact
        rational enumeration on degenerate games.
    exact : bool
        Return exact :class:`~fractions.Fraction` probabilities and payoffs
        with an exact regret of 0 (implies ``method="exact"``).
    tol : float
        The largest regret accepted in floating point.

    Returns
    -------
    tuple of Equilibrium
        Verified, deduplicated, ordered: pure first, then by support size,
        then by the supports' strategy positions.

    Raises
    ------
    GameError
        If ``method`` is unknown, or a nashpy method is forced on a
        degenerate game (its answer would be incomplete).

    Examples
    --------
    >>> pd = Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> equilibria(pd)
    (Equilibrium(Player 1: s2 · Player 2: s2; payoffs (1, 1); pure; regret 0; support_enumeration),)
    >>> pennies = Game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [e.describe() for e in equilibria(pennies, exact=True)]
    ['Player 1: s1 1/2, s2 1/2 · Player 2: s1 1/2, s2 1/2']
    """
    if method not in METHODS:
        raise GameError(f"unknown method {method!r}; choose one of {METHODS}")
    if exact or method == "exact":
        return _exact_equilibria(game)
    degenerate = is_degenerate(game)
    if method == "auto":
        if degenerate:
            return _exact_equilibria(game)
        method = "support_enumeration"
    elif degenerate:
        raise GameError(
            f"the game is degenerate, so {method} can miss equilibria; use method='exact' or 'auto'"
        )
    found = _float_equilibria(game, method, tol)
    if method == "support_enumeration" and len(found) % 2 == 0:
        # A nondegenerate game has an odd number of equilibria: disagreement.
        found = _dedupe(found + _float_equilibria(game, "vertex_enumeration", tol), tol)
    if len(found) % 2 == 0:
        return _exact_equilibria(game)
    return tuple(sorted(found, key=_order_key))


def _exact_equilibria(game: Game) -> tuple[Equilibrium, ...]:
    profiles = _exact.extreme_equilibria(game.exact_A, game.exact_B)
    found = [make_equilibrium(game, profile, "exact", exact=True) for profile in profiles]
    return tuple(sorted(found, key=_order_key))
