"""Vectorised Nash equilibria for many games of one shape at once.

:func:`batch_equilibria` takes stacked payoff arrays of shape
``(n, rows, cols)`` and returns every equilibrium of every game as one
:class:`BatchEquilibria` record of flat arrays, one row per (game,
equilibrium). 2x2 games are solved by a closed form
(:mod:`bargaining.batch.two_by_two`), other small shapes by batched support
enumeration (:mod:`bargaining.batch.support`), chunk by chunk, with no Python
loop per game. Games that may be degenerate (a tie within the tolerance, a
singular system, an even count, ...) are flagged conservatively and re-solved
exactly: together, on stacked integer arrays, when their payoffs are decimals
(:mod:`bargaining.batch.integer`), otherwise one by one with
``equilibria(game, exact=True)``; so the answer for every game is the one
:func:`bargaining.games.equilibria` gives, in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

import numpy as np

from ..errors import GameError
from .integer import exact_rows
from .support import solve_support_enumeration
from .two_by_two import Workspace, _bound, solve_2x2

__all__ = ["BatchEquilibria", "batch_equilibria"]

_FIELDS = ("game", "x", "y", "payoffs", "is_pure")


@dataclass(frozen=True, eq=False, repr=False)
class BatchEquilibria:
    """All equilibria of a stack of games, as flat read-only arrays.

    Row ``r`` is one equilibrium of game ``game[r]``. Rows are grouped by
    game in increasing order, and within a game ordered as
    :func:`bargaining.games.equilibria` orders them (pure first, then by support
    size, then by support positions).

    Attributes
    ----------
    shape : tuple of int
        ``(rows, cols)``: the number of strategies of each player.
    n_games : int
    game : numpy.ndarray of int64, shape (k,)
        The game each row belongs to.
    x, y : numpy.ndarray of float64, shapes (k, rows) and (k, cols)
        Player 1's and player 2's mixed strategies.
    payoffs : numpy.ndarray of float64, shape (k, 2)
        Each player's expected payoff.
    is_pure : numpy.ndarray of bool, shape (k,)
    degenerate_games : numpy.ndarray of bool, shape (n_games,)
        Games flagged as possibly degenerate and therefore re-solved with the
        exact solver (the flag is conservative: a flagged game may turn out
        nondegenerate). Their rows are the extreme equilibria.
    count : numpy.ndarray of int64, shape (n_games,)
        The number of equilibria of each game.
    tol : float
        The tolerance used.
    exact_fallback : bool
        Whether flagged games were re-solved exactly (otherwise their rows
        are the float kernel's best effort).
    """

    shape: tuple
    n_games: int
    game: np.ndarray
    x: np.ndarray
    y: np.ndarray
    payoffs: np.ndarray
    is_pure: np.ndarray
    degenerate_games: np.ndarray
    count: np.ndarray
    tol: float
    exact_fallback: bool = True
    offsets: np.ndarray = field(init=False)

    def __post_init__(self):
        offsets = np.zeros(self.n_games + 1, dtype=np.int64)
        np.cumsum(self.count, out=offsets[1:])
        object.__setattr__(self, "offsets", offsets)
        for name in (*_FIELDS, "degenerate_games", "count", "offsets"):
            getattr(self, name).setflags(write=False)

    @property
    def degenerate(self) -> np.ndarray:
        """Per row: whether its game was flagged degenerate and solved exactly."""
        return self.degenerate_games[self.game]

    def __len__(self) -> int:
        return len(self.game)

    def rows_of(self, game: int) -> slice:
        """The rows of one game, as a slice into the flat arrays.

        Examples
        --------
        >>> out = batch_equilibria([[[2, 0], [0, 1]]], [[[1, 0], [0, 2]]])
        >>> out.x[out.rows_of(0)]
        array([[1.        , 0.        ],
               [0.        , 1.        ],
               [0.66666667, 0.33333333]])
        """
        if not 0 <= game < self.n_games:
            raise GameError(f"game {game} out of range for {self.n_games} games")
        return slice(int(self.offsets[game]), int(self.offsets[game + 1]))

    def to_frame(self, players=None, strategies=None):
        """A pandas DataFrame, one row per (game, equilibrium).

        Columns: ``game``, ``equilibrium`` (its position within the game),
        one probability column per strategy named ``"<player>: <strategy>"``,
        one payoff column per player named ``"<player> payoff"``,
        ``is_pure`` and ``degenerate``.

        Parameters
        ----------
        players : pair of str, optional
            ``("Player 1", "Player 2")`` by default.
        strategies : pair of sequences of str, optional
            ``s1, s2, ...`` for each player by default.

        Examples
        --------
        >>> out = batch_equilibria([[[3, 0], [5, 1]]], [[[3, 5], [0, 1]]])
        >>> frame = out.to_frame(players=("Row", "Col"), strategies=(("C", "D"), ("C", "D")))
        >>> list(frame.columns)
        ['game', 'equilibrium', 'Row: C', 'Row: D', 'Col: C', 'Col: D', 'Row payoff', 'Col payoff', 'is_pure', 'degenerate']
        >>> frame.loc[0, ["Row: D", "Col: D", "Row payoff"]].tolist()
        [1.0, 1.0, 1.0]
        """
        import pandas as pd

        from ..games.game import Game

        names = np.zeros(self.shape)  # a throwaway game to validate the labels
        labels = Game(names, names, players=players, strategies=strategies)
        players, (rows, cols) = labels.players, labels.strategies
        columns = {"game": self.game, "equilibrium": np.arange(len(self)) - self.offsets[self.game]}
        for name, k in zip(rows, range(self.shape[0])):
            columns[f"{players[0]}: {name}"] = self.x[:, k]
        for name, k in zip(cols, range(self.shape[1])):
            columns[f"{players[1]}: {name}"] = self.y[:, k]
        columns[f"{players[0]} payoff"] = self.payoffs[:, 0]
        columns[f"{players[1]} payoff"] = self.payoffs[:, 1]
        columns["is_pure"] = self.is_pure
        columns["degenerate"] = self.degenerate
        return pd.DataFrame(columns)

    def __repr__(self) -> str:
        pure = int(self.is_pure.sum())
        return (
            f"BatchEquilibria({self.n_games:,} games of shape {self.shape[0]}x{self.shape[1]}: "
            f"{len(self):,} equilibria ({pure:,} pure, {len(self) - pure:,} mixed); "
            f"{int(self.degenerate_games.sum()):,} possibly degenerate games "
            f"{'solved exactly' if self.exact_fallback else 'flagged, not re-solved'})"
        )


class _Rows:
    """The result's flat arrays, filled chunk by chunk in place.

    Capacity is estimated from the rows per game seen so far (plus 5%), so the
    rows are written once, with no concatenation at the end; the spare
    capacity is given back by an in-place shrink (``ndarray.resize``).
    """

    def __init__(self, rows, cols, n_games):
        self.n_games = n_games
        self.size = 0
        self.arrays = {
            "game": np.empty(0, dtype=np.int64),
            "x": np.empty((0, rows)),
            "y": np.empty((0, cols)),
            "payoffs": np.empty((0, 2)),
            "is_pure": np.empty(0, dtype=bool),
        }

    def sink(self, k, done):
        """Views of the next ``k`` rows (made room for; ``done`` games so far, this chunk's included)."""
        end = self.size + k
        if end > len(self.arrays["game"]):
            spare = -(-end * (self.n_games - done) * 21 // (20 * done))  # ceil(5% above the rate so far)
            capacity = max(end + spare, len(self.arrays["game"]) * 5 // 4)
            for name, old in self.arrays.items():
                new = np.empty((capacity, *old.shape[1:]), dtype=old.dtype)
                new[: self.size] = old[: self.size]
                self.arrays[name] = new
        views = {name: values[self.size : end] for name, values in self.arrays.items()}
        self.size = end
        return views

    def rewind(self, k):
        """Forget the last ``k`` rows."""
        self.size -= k

    def append(self, out, start, done):
        """Add a chunk's rows (local game indices, shifted by ``start``); ``done`` games so far."""
        views = self.sink(len(out["game"]), done)
        for name, values in out.items():
            views[name][...] = values
        views["game"] += start

    def finish(self):
        """The arrays, trimmed to the rows written."""
        for values in self.arrays.values():
            if len(values) != self.size:
                values.resize((self.size, *values.shape[1:]), refcheck=False)  # shrinks in place
        return self.arrays


def _validate(A, B):
    arrays = []
    for name, M in (("A", A), ("B", B)):
        try:
            M = np.asarray(M)
        except (TypeError, ValueError) as err:
            raise GameError(f"payoff stack {name} is not a numeric array: {err}") from None
        if M.dtype.kind not in "biuf":
            raise GameError(f"payoff stack {name} must be real numbers, got dtype {M.dtype}")
        if M.ndim != 3:
            raise GameError(f"payoff stack {name} must have shape (n, rows, cols), got {M.shape}")
        arrays.append(np.asarray(M, dtype=np.float64))
    A, B = arrays
    if A.shape != B.shape:
        raise GameError(f"shape mismatch: A is {A.shape} but B is {B.shape}")
    if A.shape[1] < 1 or A.shape[2] < 1:
        raise GameError(f"each player needs at least one strategy, got games of shape {A.shape[1:]}")
    return A, B


def _check_finite(a, b, start):
    """The chunk's largest absolute payoff (at least 1); GameError on NaN or infinity."""
    bound = _bound(a, b)
    if np.isfinite(bound):
        return bound
    for name, M in (("A", a), ("B", b)):
        bad = ~np.isfinite(M).reshape(len(M), -1).all(axis=1)
        if bad.any():
            game = start + int(np.flatnonzero(bad)[0])
            raise GameError(f"payoff stack {name}: game {game} has a NaN or infinite payoff")
    raise GameError("a payoff is not finite")  # pragma: no cover - max/min of finite values are finite


def batch_equilibria(A, B, *, tol: float = 1e-9, chunk_size: int | None = None, exact_fallback: bool = True):
    """All Nash equilibria of many two-player games of one shape, vectorised.

    Parameters
    ----------
    A, B : array_like, shape (n, rows, cols)
        Player 1's and player 2's payoffs, game by game.
    tol : float
        Relative tolerance (times each game's largest absolute payoff, at
        least 1) on regrets; ties within it flag a game as possibly degenerate.
    chunk_size : int, optional
        Games solved at once (bounds the working memory). By default 2**17 for
        2x2 games and fewer for larger shapes.
    exact_fallback : bool
        Re-solve flagged games with the exact solver (default). With
        ``False`` their rows are the float solver's best effort (possibly
        incomplete for a degenerate game) and are still flagged.

    Returns
    -------
    BatchEquilibria
        One row per equilibrium, grouped by game, with each game's
        possibly-degenerate flag.

    Raises
    ------
    GameError
        If the arrays are not two real stacks of the same shape
        ``(n, rows, cols)``, or hold a NaN or infinite payoff.

    Notes
    -----
    2x2 games use the closed form (pure equilibria from payoff comparisons,
    the interior equilibrium from the indifference conditions). Other shapes
    use support enumeration over equal-size supports (Nisan et al. 2007,
    Algorithm 3.4), solving each support pair's indifference systems for all
    games at once; it is meant for small games (up to about 4x4).

    Examples
    --------
    >>> import numpy as np
    >>> pennies = np.array([[[1, -1], [-1, 1]]])
    >>> dilemma = np.array([[[3, 0], [5, 1]]])
    >>> out = batch_equilibria(np.concatenate([pennies, dilemma]),
    ...                        np.concatenate([-pennies, dilemma.transpose(0, 2, 1)]))
    >>> out
    BatchEquilibria(2 games of shape 2x2: 2 equilibria (1 pure, 1 mixed); 0 possibly degenerate games solved exactly)
    >>> out.x
    array([[0.5, 0.5],
           [0. , 1. ]])
    >>> out.count
    array([1, 1])
    """
    A, B = _validate(A, B)
    if not (isinstance(tol, (int, float)) and 0 < tol < 1):
        raise GameError(f"tol must be a number in (0, 1), got {tol!r}")
    n, rows, cols = A.shape
    kernel = solve_2x2 if (rows, cols) == (2, 2) else solve_support_enumeration
    if chunk_size is None:
        chunk_size = 2**14 if (rows, cols) == (2, 2) else max(1024, 2**20 // (rows * cols * 16))
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, (int, np.integer)) or chunk_size < 1:
        raise GameError(f"chunk_size must be a positive integer, got {chunk_size!r}")

    result = _Rows(rows, cols, n)
    flags = np.zeros(n, dtype=bool)
    counts = np.zeros(n, dtype=np.int64)
    work = Workspace(min(chunk_size, n)) if kernel is solve_2x2 else None
    with np.errstate(divide="ignore", invalid="ignore"):
        for start in range(0, n, chunk_size):
            a, b = A[start : start + chunk_size], B[start : start + chunk_size]
            bound = _check_finite(a, b, start)
            if kernel is solve_2x2:
                sink = partial(result.sink, done=start + len(a))
                out = solve_2x2(a, b, tol, bound, work=work, sink=sink, offset=start)
            else:
                out = kernel(a, b, tol)
            flag = out.pop("flag")
            count = out.pop("count", None)
            written = kernel is solve_2x2
            if exact_fallback and flag.any():
                if written:  # the rows are in the result already: take them back
                    out["game"] = out["game"] - start
                keep = ~flag[out["game"]]
                out = {name: values[keep] for name, values in out.items()}
                if written:
                    result.rewind(len(keep))
                extra = exact_rows(a, b, np.flatnonzero(flag))
                # both parts are grouped by game, over disjoint games: interleave them in place
                views = result.sink(len(out["game"]) + len(extra["game"]), start + len(a))
                at_out = np.arange(len(out["game"])) + np.searchsorted(extra["game"], out["game"])
                at_extra = np.arange(len(extra["game"])) + np.searchsorted(out["game"], extra["game"])
                for name, view in views.items():
                    view[at_out] = out[name]
                    view[at_extra] = extra[name]
                views["game"] += start
                count = np.bincount(out["game"], minlength=len(a))
                count += np.bincount(extra["game"], minlength=len(a))
                written = True
            flags[start : start + len(a)] = flag
            if count is None:
                count = np.bincount(out["game"], minlength=len(a))
            counts[start : start + len(a)] = count
            if not written:
                result.append(out, start, start + len(a))
    return BatchEquilibria(
        shape=(rows, cols),
        n_games=n,
        degenerate_games=flags,
        count=counts,
        tol=float(tol),
        exact_fallback=bool(exact_fallback),
        **result.finish(),
    )
