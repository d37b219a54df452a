"""Nash equilibria of two-player games: every extreme equilibrium, verified.

By default (``method="auto"``) the exact rational enumeration of
:mod:`bargaining.games.exact` is used for every game: it is complete for degenerate
games too, and on the small games this package is about it is faster than
nashpy's float support enumeration (see ``benchmarks/bench_exact.py``).
nashpy's support and vertex enumeration stay available by name, for
nondegenerate games; their candidates are verified here with a tolerance.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
from nashpy.algorithms.support_enumeration import potential_support_pairs
from nashpy.algorithms.vertex_enumeration import vertex_enumeration

from ..errors import GameError, SolverError
from . import exact as _exact
from .display import EquilibriumSet
from .equilibrium import (
    DEFAULT_TOL,
    Equilibrium,
    best_responses,
    float_record,
    make_equilibrium,
    regret,
)
from .game import Game, require_game
from .lemke_howson import lemke_howson
from .nplayer import NPlayerGame
from .nplayer_equilibria import nplayer_equilibria, nplayer_pure_equilibria
from .reverse_search import lex_vertices, reverse_search_equilibria

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

METHODS = ("auto", "exact", "support_enumeration", "vertex_enumeration", "lemke-howson")


def is_degenerate(game: Game) -> bool:
    """Whether the game is degenerate, decided exactly.

    A bimatrix game is nondegenerate when no mixed strategy with support of
    size k has more than k pure best responses (von Stengel 2007, Definition
    3.2). The test runs in exact rational arithmetic.

    Parameters
    ----------
    game : Game
        The bimatrix game; its exact payoffs ``exact_A``, ``exact_B`` are
        used.

    Returns
    -------
    bool
        True if the game is degenerate, False if it is nondegenerate.

    References
    ----------
    von Stengel, B. (2007). Equilibrium computation for two-player games in
    strategic and extensive form. In Nisan et al. (eds.), *Algorithmic Game
    Theory*, ch. 3. Cambridge University Press.

    Examples
    --------
    >>> is_degenerate(Game([[1, 1], [0, 0]], [[1, 1], [0, 0]]))
    True
    >>> is_degenerate(Game([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    False
    """
    require_game(game)
    if sum(game.shape) >= REVERSE_SEARCH_FROM:  # the vertices by lex pivoting: no support enumeration
        m, n = game.shape
        rows = _exact._integer_positive(game.exact_B)
        cols = [list(col) for col in zip(*_exact._integer_positive(game.exact_A))]
        return any(labels.bit_count() > dim for M, dim in ((rows, m), (cols, n)) for *_, labels in lex_vertices(M))
    return _exact.is_degenerate(game.exact_A, game.exact_B)


def pure_equilibria(game: Game) -> tuple[Equilibrium, ...]:
    """All pure-strategy Nash equilibria, found exactly, cell by cell.

    Works for degenerate games too. Records are exact and ordered by row,
    then column.

    Parameters
    ----------
    game : Game
        The bimatrix game; a cell is an equilibrium when its row is a best
        response (ties included) to its column under ``exact_A`` and its
        column a best response to its row under ``exact_B``.

    Returns
    -------
    tuple of Equilibrium
        One exact record (method ``"pure"``) per equilibrium cell; empty when
        the game has no pure equilibrium.

    Examples
    --------
    >>> g = Game([[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=(("Opera", "Fight"), ("Opera", "Fight")))
    >>> [e.describe() for e in pure_equilibria(g)]
    ['Player 1: Opera · Player 2: Opera', 'Player 1: Fight · Player 2: Fight']
    """
    require_game(game)
    if isinstance(game, NPlayerGame):
        return nplayer_pure_equilibria(game)
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


def _indifferent_mix(M: np.ndarray, own: tuple, other: tuple) -> np.ndarray | None:
    """The mix over ``other`` (columns of ``M``) making rows ``own`` indifferent.

    Solves ``M[own, other] q = v 1, sum(q) = 1``; None when singular. Unlike
    nashpy's ``solve_indifference``, nothing is discarded here for a
    probability of -1e-17: the caller verifies the profile by its regret.
    """
    k = len(own)
    system = np.zeros((k + 1, k + 1))
    system[:k, :k] = M[np.ix_(own, other)]
    system[:k, k] = -1.0
    system[k, :k] = 1.0
    rhs = np.zeros(k + 1)
    rhs[k] = 1.0
    try:
        solution = np.linalg.solve(system, rhs)
    except np.linalg.LinAlgError:
        return None
    mix = np.zeros(M.shape[1])
    mix[list(other)] = solution[:k]
    return mix


def _nashpy_candidates(game: Game, method: str, tol: float):
    if method == "vertex_enumeration":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            yield from vertex_enumeration(game.A, game.B)
        return
    # nashpy's support pairs; its own acceptance test (all(prob >= 0) and a
    # float == on payoffs) drops genuine equilibria through rounding, so the
    # indifference systems are solved here and every candidate is verified.
    for rows, cols in potential_support_pairs(game.A, game.B, non_degenerate=True):
        y = _indifferent_mix(game.A, rows, cols)
        x = _indifferent_mix(game.B.T, cols, rows)
        if x is not None and y is not None and x.min() >= -tol and y.min() >= -tol:
            yield x, y


def _float_equilibria(game: Game, method: str, tol: float) -> list[Equilibrium]:
    found = []
    for profile in _nashpy_candidates(game, method, tol):
        try:
            found.append(make_equilibrium(game, profile, method, tol=tol))
        except SolverError:
            continue  # an unverified candidate is dropped, never returned
    return _dedupe(found, tol)


def _dedupe(found: list[Equilibrium], tol: float) -> list[Equilibrium]:
    unique: list[Equilibrium] = []
    atol = max(tol, 1e-12) * 10
    for eq in found:
        x, y = eq.as_float()
        if not any(np.allclose(x, u.as_float()[0], atol=atol) and np.allclose(y, u.as_float()[1], atol=atol)
                   for u in unique):
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
    see :func:`bargaining.games.components` for the sets themselves.

    Parameters
    ----------
    game : Game or NPlayerGame
        The game to solve. An N-player game (from :meth:`Game.from_arrays`)
        goes to :func:`bargaining.games.nplayer_equilibria.nplayer_equilibria`:
        every pure equilibrium, and every mixed one of a small game.
    method : {"auto", "exact", "support_enumeration", "vertex_enumeration", "lemke-howson"}
        ``"auto"`` and ``"exact"``: exact rational enumeration of the extreme
        equilibria, complete for every game: by supports
        (:func:`bargaining.games.exact.extreme_equilibria`) for small games, by
        lexicographic pivoting (:func:`bargaining.games.reverse_search.reverse_search_equilibria`)
        from 8 strategies in all. ``"support_enumeration"`` and ``"vertex_enumeration"``:
        nashpy's float algorithms, for nondegenerate games only; their
        candidates are verified by regret, and if support enumeration finds an
        even number (impossible in a nondegenerate game) vertex enumeration's
        answers are added. ``"lemke-howson"``: some equilibria, not all, of a
        game of any size (:func:`bargaining.games.lemke_howson.lemke_howson`
        from every starting label; exact with ``exact=True``).
    exact : bool
        Return exact :class:`~fractions.Fraction` probabilities and payoffs
        with an exact regret of 0. Otherwise probabilities and payoffs are
        floats.
    tol : float
        The largest regret accepted in floating point (nashpy methods).

    Returns
    -------
    tuple of Equilibrium
        Verified, deduplicated, ordered: pure first, then by support size,
        then by the supports' strategy positions.

    Raises
    ------
    GameError
        If ``method`` is unknown, if ``exact=True`` is asked of a nashpy
        method, or if a nashpy method is asked of a degenerate game (its
        answer would be incomplete).
    SolverError
        If a nashpy method finds an even number of equilibria.

    Examples
    --------
    >>> pd = Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> equilibria(pd)
    (Equilibrium(Player 1: s2 · Player 2: s2; payoffs (1, 1); pure; regret 0; exact),)
    >>> pennies = Game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [e.describe() for e in equilibria(pennies, exact=True)]
    ['Player 1: s1 1/2, s2 1/2 · Player 2: s1 1/2, s2 1/2']
    >>> len(equilibria(pennies, method="support_enumeration"))
    1
    """
    require_game(game)
    if method not in METHODS:
        raise GameError(f"unknown method {method!r}; choose one of {METHODS}")
    if isinstance(game, NPlayerGame):
        if method not in ("auto", "exact"):
            raise GameError(f"{method} is for two-player games; an N-player game is solved by support (method='auto')")
        return nplayer_equilibria(game, exact=exact)
    if method == "lemke-howson":
        return lemke_howson(game, exact=exact, tol=tol)
    if method in ("auto", "exact"):
        found = _exact_equilibria(game)
        return EquilibriumSet(found if exact else (float_record(eq) for eq in found))
    if exact:
        raise GameError(f"{method} works in floating point; use method='exact' for exact=True")
    if is_degenerate(game):
        raise GameError(f"the game is degenerate, so {method} can miss equilibria; use method='exact' or 'auto'")
    found = _float_equilibria(game, method, tol)
    if method == "support_enumeration" and len(found) % 2 == 0:
        found = _dedupe(found + _float_equilibria(game, "vertex_enumeration", tol), tol)
    if len(found) % 2 == 0:
        raise SolverError(f"{method} found {len(found)} equilibria in a nondegenerate game; use method='exact'")
    return EquilibriumSet(sorted(found, key=_order_key))


#: The most exact verification work (extreme equilibria x rows x columns) one call may do.
MAX_VERIFY_WORK = 5_000_000

#: From this many strategies in all (rows + columns), lexicographic pivoting beats support enumeration.
REVERSE_SEARCH_FROM = 8


def _exact_equilibria(game: Game) -> tuple[Equilibrium, ...]:
    if sum(game.shape) >= REVERSE_SEARCH_FROM:
        profiles = reverse_search_equilibria(game.exact_A, game.exact_B)
    else:
        profiles = _exact.extreme_equilibria(game.exact_A, game.exact_B)
    m, n = game.shape
    if len(profiles) * m * n > MAX_VERIFY_WORK:
        raise SolverError(
            f"the {m}x{n} game has {len(profiles):,} extreme equilibria, too many to verify exactly (the limit is "
            f"{MAX_VERIFY_WORK // (m * n):,} for this size); its equilibria form large continua: see "
            "components(game), or equilibria(game, method='lemke-howson') for one"
        )
    found = [make_equilibrium(game, profile, "exact", exact=True) for profile in profiles]
    return tuple(sorted(found, key=_order_key))
