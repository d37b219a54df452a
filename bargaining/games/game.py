"""The labelled two-player game: two players, named strategies, payoff arrays.

A :class:`Game` is the object every model turns into and every solver takes.
It keeps each payoff twice: as a float array for fast numerical work and as an
exact :class:`fractions.Fraction` for exact work, where a float is read from
its shortest decimal form (``0.1`` becomes ``1/10``, not the binary fraction
closest to it).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ..errors import GameError
from .gambit import read_nfg, write_nfg
from .nplayer import NPlayerGame
from .values import check_names, to_fraction

__all__ = ["Game", "to_fraction", "require_game"]

DEFAULT_PLAYERS = ("Player 1", "Player 2")


def _payoff_rows(payoffs, which: str) -> tuple[tuple[Fraction, ...], ...]:
    if isinstance(payoffs, np.ndarray):
        if payoffs.ndim != 2:
            raise GameError(f"payoff matrix {which} must be 2-dimensional, got {payoffs.ndim} dimensions")
        payoffs = payoffs.tolist()
    if isinstance(payoffs, (str, bytes)) or not isinstance(payoffs, Sequence):
        raise GameError(f"payoff matrix {which} must be a 2-dimensional array or nested list")
    rows = []
    for i, row in enumerate(payoffs):
        if isinstance(row, (str, bytes)) or not isinstance(row, (Sequence, np.ndarray)):
            raise GameError(f"payoff matrix {which}: row {i} is not a sequence of numbers")
        try:
            rows.append(tuple(to_fraction(v) for v in row))
        except GameError as err:
            raise GameError(f"payoff matrix {which}, row {i}: {err}") from None
    if not rows or not rows[0]:
        raise GameError(f"payoff matrix {which} is empty: each player needs at least one strategy")
    width = len(rows[0])
    for i, row in enumerate(rows):
        if len(row) != width:
            raise GameError(f"payoff matrix {which} is ragged: row 0 has {width} entries, row {i} has {len(row)}")
    return tuple(rows)


_MODEL_NOT_GAME = (
    "{name} is a Model, not a Game: call model.game(...) for its game at a point, "
    "e.g. model.game(R=0.75) or model.game(scenario='2015')"
)


def _is_model(obj) -> bool:
    return hasattr(obj, "symbolic_game") and hasattr(obj, "parameters") and hasattr(obj, "game")


def require_game(obj):
    """``obj`` itself; a :class:`~bargaining.Model` passed where a game is expected is a :class:`GameError`.

    Examples
    --------
    >>> from bargaining import load_model
    >>> require_game(load_model("russia_belarus"))
    Traceback (most recent call last):
    ...
    bargaining.errors.GameError: russia_belarus is a Model, not a Game: call model.game(...) ...
    """
    if _is_model(obj):
        raise GameError(_MODEL_NOT_GAME.format(name=getattr(obj, "name", "it")))
    return obj


@dataclass(frozen=True, eq=False, init=False, repr=False)
class Game:
    """A two-player game in strategic form with named players and strategies.

    Player 1 chooses a row, player 2 a column. ``A[i, j]`` is player 1's payoff
    and ``B[i, j]`` player 2's when row ``i`` meets column ``j``.

    Parameters
    ----------
    A : array_like or mapping
        Player 1's payoffs (rows x columns). Alternatively a mapping
        ``{(row_name, col_name): (u1, u2)}``, in which case ``B`` is omitted
        and the strategy names come from the keys in first-seen order.
    B : array_like, optional
        Player 2's payoffs, the same shape as ``A``. Omitted, the game is
        zero-sum: ``B = -A`` (as ``nashpy.Game(A)``).
    players : pair of str, optional
        The players' names; ``("Player 1", "Player 2")`` by default.
    strategies : pair of sequences of str, optional
        Each player's strategy names; ``s1, s2, ...`` by default.

    Attributes
    ----------
    A, B : numpy.ndarray
        Read-only float payoff arrays.
    exact_A, exact_B : tuple of tuple of Fraction
        The same payoffs, exactly.
    players : tuple of str
    strategies : tuple of tuple of str

    Raises
    ------
    GameError
        On a shape mismatch, an empty strategy set, duplicate or missing
        names, or a payoff that is not a finite number.

    Examples
    --------
    >>> g = Game([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...          players=("Row", "Column"),
    ...          strategies=(("Cooperate", "Defect"), ("Cooperate", "Defect")))
    >>> g.shape
    (2, 2)
    >>> g.payoff("Defect", "Cooperate")
    (5.0, 0.0)
    >>> Game({("U", "L"): (1, 2), ("D", "L"): (0, 0)}).strategies
    (('U', 'D'), ('L',))
    >>> Game([[1, -1], [-1, 1]]).B.tolist()  # zero-sum: B = -A
    [[-1.0, 1.0], [1.0, -1.0]]
    """

    A: np.ndarray
    B: np.ndarray
    players: tuple[str, str]
    strategies: tuple[tuple[str, ...], tuple[str, ...]]
    exact_A: tuple = field(repr=False)
    exact_B: tuple = field(repr=False)

    def __init__(self, A, B=None, *, players=None, strategies=None):
        if isinstance(A, Mapping):
            if B is not None:
                raise GameError("give either a mapping of cells or two payoff arrays, not both")
            A, B, strategies = _from_mapping(A, strategies)
        elif _is_model(A):
            raise GameError(_MODEL_NOT_GAME.format(name=getattr(A, "name", "it")))
        exact_A = _payoff_rows(A, "A")
        # B omitted: a zero-sum game, B = -A (as nashpy's Game(A))
        exact_B = tuple(tuple(-v for v in row) for row in exact_A) if B is None else _payoff_rows(B, "B")
        shape_A = (len(exact_A), len(exact_A[0]))
        shape_B = (len(exact_B), len(exact_B[0]))
        if shape_A != shape_B:
            raise GameError(f"shape mismatch: A is {shape_A[0]}x{shape_A[1]} but B is {shape_B[0]}x{shape_B[1]}")
        players = check_names(players if players is not None else DEFAULT_PLAYERS, 2, "players", "Player ")
        if strategies is None:
            strategies = (None, None)
        if isinstance(strategies, str) or len(strategies) != 2:
            raise GameError("strategies must be a pair: one sequence of names per player")
        rows = check_names(strategies[0], shape_A[0], f"strategies of {players[0]}", "s")
        cols = check_names(strategies[1], shape_A[1], f"strategies of {players[1]}", "s")
        for name, exact in (("A", exact_A), ("B", exact_B)):
            array = np.array([[float(v) for v in row] for row in exact], dtype=float)
            array.setflags(write=False)
            object.__setattr__(self, name, array)
            object.__setattr__(self, f"exact_{name}", exact)
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "strategies", (rows, cols))

    # ----------------------------------------------------------------- views
    @property
    def shape(self) -> tuple[int, int]:
        """The number of strategies of player 1 and of player 2."""
        return self.A.shape

    def payoff(self, row: str, col: str) -> tuple[float, float]:
        """The payoff pair when player 1 plays ``row`` and player 2 ``col``.

        Raises
        ------
        GameError
            If either name is not a strategy of its player.
        """
        i = self.strategy_index(0, row)
        j = self.strategy_index(1, col)
        return (float(self.A[i, j]), float(self.B[i, j]))

    def strategy_index(self, player: int, name: str) -> int:
        """Position of strategy ``name`` of ``player`` (0 or 1)."""
        try:
            return self.strategies[player].index(name)
        except ValueError:
            raise GameError(
                f"{name!r} is not a strategy of {self.players[player]}; "
                f"choose from {list(self.strategies[player])}"
            ) from None

    def payoff_matrices(self, exact: bool = False):
        """``(A, B)``: float arrays, or nested tuples of Fractions if ``exact``."""
        return (self.exact_A, self.exact_B) if exact else (self.A, self.B)

    def __eq__(self, other):
        if not isinstance(other, Game):
            return NotImplemented
        return (
            self.players == other.players
            and self.strategies == other.strategies
            and self.exact_A == other.exact_A
            and self.exact_B == other.exact_B
        )

    def __hash__(self):
        return hash((self.players, self.strategies, self.exact_A, self.exact_B))

    # --------------------------------------------------------------- display
    def _cells(self) -> list[list[str]]:
        return [
            [f"{_fmt(self.A[i, j])}, {_fmt(self.B[i, j])}" for j in range(self.shape[1])]
            for i in range(self.shape[0])
        ]

    def __repr__(self) -> str:
        header = [f"{self.players[0]} \\ {self.players[1]}", *self.strategies[1]]
        body = [[name, *cells] for name, cells in zip(self.strategies[0], self._cells())]
        widths = [max(len(r[k]) for r in [header, *body]) for k in range(len(header))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [header, *body]]
        return "Game(\n  " + "\n  ".join(lines) + "\n)"

    def _repr_html_(self) -> str:
        esc = html.escape
        head = "".join(f"<th>{esc(c)}</th>" for c in self.strategies[1])
        rows = "".join(
            f"<tr><th>{esc(name)}</th>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>"
            for name, cells in zip(self.strategies[0], self._cells())
        )
        corner = f"{esc(self.players[0])} \\ {esc(self.players[1])}"
        return f"<table><thead><tr><th>{corner}</th>{head}</tr></thead><tbody>{rows}</tbody></table>"

    @classmethod
    def from_arrays(cls, *payoffs, players=None, strategies=None):
        """A game from one payoff array per player: two players give a :class:`Game`, more an N-player game.

        Parameters
        ----------
        *payoffs : array_like
            One array per player, each of shape ``(n1, …, nN)``.
        players, strategies : optional
            Names, as for :class:`Game` (one entry per player).

        Returns
        -------
        Game or NPlayerGame

        Examples
        --------
        >>> Game.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]]).shape
        (2, 2)
        >>> Game.from_arrays(*[[[[1, 0], [0, 0]], [[0, 0], [0, 1]]]] * 3).shape
        (2, 2, 2)
        """
        if len(payoffs) == 2 and all(np.ndim(p) == 2 for p in payoffs):
            return cls(payoffs[0], payoffs[1], players=players, strategies=strategies)
        return NPlayerGame(*payoffs, players=players, strategies=strategies)

    # ---------------------------------------------------------------- interop
    @classmethod
    def from_nfg(cls, source) -> Game:
        """Read a two-player Gambit ``.nfg`` file (a path or its text).

        Parameters
        ----------
        source : str, os.PathLike, bytes or file object
            A path to an ``.nfg`` file, or the file's text (starting with ``NFG``).

        Returns
        -------
        Game
            With the file's labels and exact payoffs.

        Raises
        ------
        GameError
            If the text is not a valid two-player ``NFG 1`` file; the message
            names the file.

        Examples
        --------
        >>> g = Game.from_nfg('NFG 1 R "PD" { "Row" "Col" } { 2 2 }  3 3  5 0  0 5  1 1')
        >>> g.players, g.exact_A[1]
        (('Row', 'Col'), (Fraction(5, 1), Fraction(1, 1)))
        """
        A, B, players, strategies, name = read_nfg(source)
        try:
            return cls(A, B, players=players, strategies=strategies)
        except GameError as err:
            raise GameError(f"{name}: {err}") from None

    def to_nfg(self, title: str = "") -> str:
        """This game as Gambit ``.nfg`` text (payoff-list form, exact numbers, labels kept).

        Parameters
        ----------
        title : str
            The game's title in the file.

        Returns
        -------
        str

        Examples
        --------
        >>> g = Game([[1, 0], [0, 1]], [[1, 0], [0, 1]])
        >>> Game.from_nfg(g.to_nfg()) == g
        True
        """
        return write_nfg(self, title=title)


def _fmt(value: float) -> str:
    return f"{value:g}"


def _from_mapping(cells: Mapping, strategies):
    rows: list[str] = []
    cols: list[str] = []
    for key in cells:
        if not (isinstance(key, tuple) and len(key) == 2):
            raise GameError(f"mapping keys must be (row_name, col_name) pairs, got {key!r}")
        if key[0] not in rows:
            rows.append(key[0])
        if key[1] not in cols:
            cols.append(key[1])
    if strategies is not None:
        rows, cols = list(strategies[0]), list(strategies[1])
    missing = [(r, c) for r in rows for c in cols if (r, c) not in cells]
    if missing:
        raise GameError(f"the mapping has no payoffs for cells {missing}")
    A, B = [], []
    for r in rows:
        A.append([])
        B.append([])
        for c in cols:
            pair = cells[(r, c)]
            if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(pair) != 2:
                raise GameError(f"cell ({r!r}, {c!r}) must hold a pair (u1, u2), got {pair!r}")
            A[-1].append(pair[0])
            B[-1].append(pair[1])
    return A, B, (rows, cols)
