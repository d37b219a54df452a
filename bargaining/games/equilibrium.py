"""The equilibrium record, and how a profile is verified as an equilibrium.

An :class:`Equilibrium` says what it is without a second look-up: each
player's mixed strategy by strategy name, the payoffs, the support, whether
it is pure, its regret, and the method that found it. Records are only made
by :func:`make_equilibrium`, which refuses a profile that is not a mutual
best response.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

import numpy as np

from ..errors import GameError, SolverError
from .game import Game, to_fraction

__all__ = ["Equilibrium", "make_equilibrium", "float_record", "regret", "best_responses", "DEFAULT_TOL"]

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
        """A one-line description in the package's notation, e.g. ``Row: Defect · Column: Defect``.

        Exact probabilities are fractions, floats have ``digits`` significant
        digits (:func:`bargaining.games.notation.profile_text`).
        """
        from .notation import profile_text

        return profile_text(self.players, [tuple(m) for m in self.strategies], self.profile, digits=digits)

    def __repr__(self) -> str:
        kind = "pure" if self.is_pure else "mixed"
        payoffs = ", ".join(_show(p, 4) for p in self.payoffs)
        return (
            f"Equilibrium({self.describe()}; payoffs ({payoffs}); {kind}; "
            f"regret {_show(self.regret, 3)}; {self.method})"
        )

    def _repr_html_(self) -> str:
        from .display import html_table

        rows = [
            [player, ", ".join(f"{n} {_show(p, 6)}" for n, p in mapping.items() if p), payoff]
            for player, mapping, payoff in zip(self.players, self.strategies, self.payoffs)
        ]
        kind = "pure" if self.is_pure else "mixed"
        return html_table(["player", "strategy", "payoff"], rows,
                          caption=f"{kind} equilibrium ({self.method}"
                          f"{', exact' if self.exact and self.method != 'exact' else ''})")

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
        The bimatrix game.
    profile : pair of sequences of probabilities
        ``(x, y)``: player 1's mixed strategy over rows and player 2's over
        columns.
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


def best_responses(game: Game, player: int, strategy_of_other) -> tuple[str, ...]:
    """The pure best responses of ``player`` (1 or 2) to the other's strategy.

    Parameters
    ----------
    game : Game
        The bimatrix game.
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
    return [to_fraction(p) for p in probs]


def float_record(eq: Equilibrium) -> Equilibrium:
    """The same equilibrium with float probabilities and payoffs.

    The regret stays what was verified (0 for an exactly verified record).
    """
    if not eq.exact:
        return eq
    profile = tuple(np.array([float(p) for p in s]) for s in eq.profile)
    for v in profile:
        v.setflags(write=False)
    strategies = tuple(MappingProxyType({k: float(p) for k, p in m.items()}) for m in eq.strategies)
    return Equilibrium(
        profile=profile,
        strategies=strategies,
        payoffs=tuple(float(p) for p in eq.payoffs),
        support=eq.support,
        is_pure=eq.is_pure,
        regret=float(eq.regret),
        method=eq.method,
        players=eq.players,
        exact=False,
    )
