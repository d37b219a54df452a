"""The labelled N-player game in strategic form: one payoff array per player.

An :class:`NPlayerGame` with players ``1 … N`` holds, for each player ``i``,
an array ``payoffs[i]`` of shape ``(n1, …, nN)``: player ``i``'s payoff when
player ``k`` plays its strategy ``s_k``. Payoffs are kept as floats for
display and as exact :class:`~fractions.Fraction` (an object array) for
exact work. Make one with :meth:`bargaining.Game.from_arrays`, which returns
an ordinary two-player :class:`~bargaining.games.game.Game` for two players.

The MODELING.md triangle (Russia Balance/Tilt, Armenia Stay/Defect,
Azerbaijan Engage/Diversify) as a three-player game, with illustrative
payoffs: Russia values both partners staying close and loses most when it
tilts and the slighted partner leaves::

    >>> import numpy as np
    >>> from bargaining import Game, equilibria
    >>> russia = np.array([[[2, 1], [1, 0]], [[1, 0], [0, -1]]])     # [Russia][Armenia][Azerbaijan]
    >>> armenia = np.array([[[1, 1], [0, 0]], [[2, 2], [0, 0]]])
    >>> azerbaijan = np.array([[[1, 0], [1, 0]], [[0, 1], [0, 1]]])
    >>> triangle = Game.from_arrays(russia, armenia, azerbaijan,
    ...     players=("Russia", "Armenia", "Azerbaijan"),
    ...     strategies=(("Balance", "Tilt"), ("Stay", "Defect"), ("Engage", "Diversify")))
    >>> [e.describe() for e in equilibria(triangle)]
    ['Russia: Balance · Armenia: Stay · Azerbaijan: Engage']

Here a tilt towards Armenia pushes Azerbaijan to diversify, so Russia
balances; Armenia stays under either Russian policy.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ..errors import GameError
from .values import check_names, to_fraction

__all__ = ["NPlayerGame"]


def _exact_array(payoff, which: int) -> np.ndarray:
    if isinstance(payoff, (str, bytes)):
        raise GameError(f"payoffs of player {which + 1} must be an array, not text")
    try:
        raw = np.asarray(payoff, dtype=object)
    except ValueError:
        raise GameError(f"payoffs of player {which + 1} are ragged: every array must be rectangular") from None
    if raw.ndim == 0:
        raise GameError(f"payoffs of player {which + 1} must be an array, not a single number")
    if 0 in raw.shape:
        raise GameError(f"payoffs of player {which + 1} are empty: each player needs at least one strategy")
    exact = np.empty(raw.shape, dtype=object)
    for index in np.ndindex(raw.shape):
        value = raw[index]
        if isinstance(value, (list, tuple, np.ndarray)):
            raise GameError(f"payoffs of player {which + 1} are ragged at {index}")
        try:
            exact[index] = to_fraction(value)
        except GameError as err:
            raise GameError(f"payoffs of player {which + 1}, cell {index}: {err}") from None
    return exact


@dataclass(frozen=True, eq=False, init=False, repr=False)
class NPlayerGame:
    """A game in strategic form with N players, named strategies and exact payoffs.

    Parameters
    ----------
    *payoffs : array_like
        One array per player, each of shape ``(n1, …, nN)`` where ``N`` is
        the number of arrays; ``payoffs[i][s1, …, sN]`` is player ``i``'s payoff.
    players : sequence of str, optional
        ``("Player 1", …)`` by default.
    strategies : sequence of sequences of str, optional
        Each player's strategy names; ``s1, s2, …`` by default.

    Attributes
    ----------
    payoffs : tuple of numpy.ndarray
        Read-only float arrays, one per player.
    exact_payoffs : tuple of numpy.ndarray
        The same as object arrays of :class:`~fractions.Fraction`.
    players : tuple of str
    strategies : tuple of tuple of str

    Raises
    ------
    GameError
        On fewer than two players, arrays whose number of dimensions is not
        the number of players, shape mismatches, bad names or non-numbers.

    Examples
    --------
    >>> g = NPlayerGame([[[1, 0], [0, 0]], [[0, 0], [0, 1]]], [[[1, 0], [0, 0]], [[0, 0], [0, 1]]],
    ...                 [[[1, 0], [0, 0]], [[0, 0], [0, 1]]])
    >>> g.shape, g.players
    ((2, 2, 2), ('Player 1', 'Player 2', 'Player 3'))
    >>> g.payoff("s2", "s2", "s2")
    (1.0, 1.0, 1.0)
    """

    payoffs: tuple
    exact_payoffs: tuple = field(repr=False)
    players: tuple
    strategies: tuple

    def __init__(self, *payoffs, players=None, strategies=None):
        if len(payoffs) < 2:
            raise GameError(f"a game needs at least two players' payoffs, got {len(payoffs)}")
        exact = tuple(_exact_array(p, k) for k, p in enumerate(payoffs))
        count = len(exact)
        shape = exact[0].shape
        for k, array in enumerate(exact):
            if array.ndim != count:
                raise GameError(
                    f"payoffs of player {k + 1} have {array.ndim} dimensions; with {count} players each array "
                    f"needs {count} (one per player)"
                )
            if array.shape != shape:
                raise GameError(f"shape mismatch: player 1's payoffs are {shape}, player {k + 1}'s are {array.shape}")
        players = check_names(players, count, "players", "Player ")
        if strategies is None:
            strategies = (None,) * count
        if isinstance(strategies, str) or len(strategies) != count:
            raise GameError(f"strategies must give one sequence of names per player ({count})")
        names = tuple(
            check_names(s, n, f"strategies of {p}", "s") for s, n, p in zip(strategies, shape, players)
        )
        floats = []
        for array in exact:
            array.setflags(write=False)
            f = array.astype(float)
            f.setflags(write=False)
            floats.append(f)
        object.__setattr__(self, "payoffs", tuple(floats))
        object.__setattr__(self, "exact_payoffs", exact)
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "strategies", names)

    @property
    def shape(self) -> tuple:
        """The number of strategies of each player."""
        return self.payoffs[0].shape

    @property
    def n_players(self) -> int:
        """The number of players."""
        return len(self.players)

    def strategy_index(self, player: int, name: str) -> int:
        """Position of strategy ``name`` of ``player`` (0-based player index)."""
        try:
            return self.strategies[player].index(name)
        except ValueError:
            raise GameError(
                f"{name!r} is not a strategy of {self.players[player]}; choose from {list(self.strategies[player])}"
            ) from None

    def payoff(self, *names: str) -> tuple:
        """The payoffs (floats) when player ``k`` plays strategy ``names[k]``."""
        if len(names) != self.n_players:
            raise GameError(f"give one strategy per player ({self.n_players}), got {len(names)}")
        cell = tuple(self.strategy_index(k, n) for k, n in enumerate(names))
        return tuple(float(p[cell]) for p in self.payoffs)

    def __eq__(self, other):
        if not isinstance(other, NPlayerGame):
            return NotImplemented
        return (
            self.players == other.players
            and self.strategies == other.strategies
            and all(np.array_equal(a, b) for a, b in zip(self.exact_payoffs, other.exact_payoffs))
        )

    def __hash__(self):
        return hash((self.players, self.strategies, tuple(tuple(a.flat) for a in self.exact_payoffs)))

    # --------------------------------------------------------------- display
    def _panels(self):
        """Per profile of players 3…N: (title, rows of cells) with players 1 and 2 as the table."""
        rest = [range(n) for n in self.shape[2:]]
        for tail in itertools.product(*rest):
            title = ", ".join(f"{self.players[k + 2]}: {self.strategies[k + 2][t]}" for k, t in enumerate(tail))
            rows = [
                [", ".join(_fmt(p[(i, j, *tail)]) for p in self.exact_payoffs) for j in range(self.shape[1])]
                for i in range(self.shape[0])
            ]
            yield title, rows

    def __repr__(self) -> str:
        lines = []
        for title, rows in self._panels():
            header = [f"{self.players[0]} \\ {self.players[1]}", *self.strategies[1]]
            body = [[name, *cells] for name, cells in zip(self.strategies[0], rows)]
            widths = [max(len(r[k]) for r in [header, *body]) for k in range(len(header))]
            if title:
                lines.append(f"[{title}]")
            lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [header, *body]]
        return "NPlayerGame(\n  " + "\n  ".join(lines) + "\n)"

    def _repr_html_(self) -> str:
        esc = html.escape
        parts = []
        for title, rows in self._panels():
            head = "".join(f"<th>{esc(c)}</th>" for c in self.strategies[1])
            body = "".join(
                f"<tr><th>{esc(name)}</th>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>"
                for name, cells in zip(self.strategies[0], rows)
            )
            corner = f"{esc(self.players[0])} \\ {esc(self.players[1])}"
            parts.append(
                f"<table>{f'<caption>{esc(title)}</caption>' if title else ''}<thead><tr><th>{corner}</th>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table>"
            )
        return "".join(parts)


def _fmt(value: Fraction) -> str:
    return str(value) if value.denominator != 1 else str(value.numerator)


def from_arrays(payoffs: Sequence, players=None, strategies=None) -> NPlayerGame:
    """An :class:`NPlayerGame` from one payoff array per player (see :meth:`bargaining.Game.from_arrays`)."""
    return NPlayerGame(*payoffs, players=players, strategies=strategies)
