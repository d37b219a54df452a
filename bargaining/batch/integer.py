r"""Every extreme equilibrium of many integer bimatrix games at once, exactly.

The batch version of :func:`bargaining.games.exact.extreme_equilibria`, for the
games the float kernels flag as possibly degenerate. With payoffs scaled to
integers and shifted to entries :math:`\ge 1`, a vertex of player 1's
best-response polytope :math:`P = \{x \ge 0 : B^\top x \le 1\}` has a support
``S`` and at least ``|S|`` tight constraints; for every *basis* ``(S, T)``
(``|S| = |T| = k``) the system :math:`B_{S,T}^\top x_S = 1` is solved for all
games at once by Cramer's rule, each minor computed once per ``T`` by Laplace
expansion on stacked integer arrays (``int64`` where a per-game bound shows
that nothing can overflow, Python integers in ``object`` arrays otherwise).
A basis is kept for a game when its solution is strictly positive on ``S``
and feasible; a degenerate vertex reached from several bases is kept once
(from its first basis: a later basis ``(S, T')`` repeats an earlier valid
``(S, T)`` exactly when every constraint of ``T`` is tight at its vertex).
Labels are the zero coordinates and the tight constraints; the extreme
equilibria are the completely labelled pairs of vertices of :math:`P` and
:math:`Q` (Avis et al. 2010), and a degenerate vertex carries every label it
has, so ties and continua of equilibria are handled exactly.

Probabilities are ``numerator / sum`` and payoffs are read off the polytope
(player 2's payoff against ``x`` is ``1 / sum(x)`` in shifted units), both as
ratios of integers below :math:`2^{53}` in the ``int64`` path, so the floats are
the correctly rounded values of the exact fractions, as in
``equilibria(game, exact=True)``; in the ``object`` path Python's integer
division rounds correctly too.

References
----------
D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel (2010), "Enumeration of
Nash equilibria for two-player games", *Economic Theory* 42:9-37.
"""

from __future__ import annotations

from itertools import combinations
from math import factorial

import numpy as np

__all__ = ["integer_scale", "solve_integer", "exact_rows"]

_EXACT_FLOAT = 2.0**53
_MAX_DECIMALS = 6


def integer_scale(M: np.ndarray) -> np.ndarray:
    """Per game, the power of ten that makes every payoff an integer read as the game reads it (0: none).

    ``Game`` reads a float from its shortest decimal, so ``0.1`` is ``1/10``.
    A game whose payoffs all have at most 6 decimals (and few enough
    significant digits that the decimal is the only one rounding to the
    float) gets ``10**d`` for the least such ``d``; other games get 0.

    Parameters
    ----------
    M : numpy.ndarray of float, shape (n, ...)

    Returns
    -------
    numpy.ndarray of int64, shape (n,)

    Examples
    --------
    >>> integer_scale(np.array([[1.0, -2.0], [0.5, 0.25], [1 / 3, 0.0]]))
    array([  1, 100,   0])
    """
    n = len(M)
    flat = M.reshape(n, -1)
    if n and np.array_equal(np.rint(flat), flat) and np.abs(flat).max() < 2.0**53:
        return np.ones(n, dtype=np.int64)  # all integers: the common case, decided in two passes
    scale = np.zeros(n, dtype=np.int64)
    todo = np.arange(n)
    big = np.abs(flat).max(axis=1, initial=0.0)
    for d in range(_MAX_DECIMALS + 1):
        if len(todo) == 0:
            break
        f = 10.0**d
        rows = flat[todo]
        k = np.rint(rows * f)
        # the decimal k / 10**d must round to the float, and be the only d-decimal that does
        ok = (k / f == rows).all(axis=1) & (np.spacing(big[todo]) < 0.5 / f) & (big[todo] * f < 2.0**53)
        scale[todo[ok]] = 10**d
        todo = todo[~ok]
    return scale


def _bases(V: int, C: int):
    """Bases ``(k, S, T)``: ``S`` variables, ``T`` constraints, ``|S| = |T| = k``, grouped by ``T``."""
    for k in range(1, min(V, C) + 1):
        for T in combinations(range(C), k):
            yield k, T, list(combinations(range(V), k))


def _minor(cols, T, entry, one, memo):
    """Stacked determinant of rows ``T[:r]`` and columns ``cols`` (variables, then -1 for the ones column).

    Laplace expansion along the last row, every smaller minor computed once (``memo``).
    """
    if cols in memo:
        return memo[cols]
    r = len(cols)
    row = T[r - 1]
    total = None
    for pos, c in enumerate(cols):
        rest = cols[:pos] + cols[pos + 1 :]
        if c == -1:
            term = _minor(rest, T, entry, one, memo) if rest else one
        else:
            term = entry[c][row] * _minor(rest, T, entry, one, memo) if rest else entry[c][row]
        if (r - 1 + pos) % 2:
            total = -term if total is None else total - term
        else:
            total = term if total is None else total + term
    memo[cols] = total
    return total


def _vertices(M, one):
    """Vertices of ``{z >= 0 : M^T z <= 1}`` per game, one record per basis that is canonical somewhere.

    ``M`` is (n, V, C) with entries >= 1, as int64 or object. Returns a list of
    ``(S, canonical (n,), numerators (k, n), denominator (n,), tight (n,))``.
    """
    n, V, C = M.shape
    entry = [[np.ascontiguousarray(M[:, v, c]) for c in range(C)] for v in range(V)]
    found = []
    by_support: dict = {}
    for k, T, supports in _bases(V, C):
        memo: dict = {}
        T_mask = sum(1 << t for t in T)
        others = [c for c in range(C) if c not in T]
        for S in supports:
            D = _minor(S, T, entry, one, memo)
            N = [_minor(S[:p] + S[p + 1 :] + (-1,), T, entry, one, memo) for p in range(k)]
            N = [v if (k - 1 - p) % 2 == 0 else -v for p, v in enumerate(N)]
            negative = D < 0
            if negative.any():
                D = np.where(negative, -D, D)
                N = [np.where(negative, -v, v) for v in N]
            valid = D != 0
            for v in N:
                valid &= v > 0
            if not valid.any():
                continue
            tight = np.full(n, T_mask, dtype=np.int64)
            for c in others:
                value = entry[S[0]][c] * N[0]
                for p in range(1, k):
                    value = value + entry[S[p]][c] * N[p]
                valid &= value <= D
                tight |= (value == D).astype(np.int64) << c
            canonical = valid.copy()
            for earlier_T, earlier_valid in by_support.get(S, ()):
                canonical &= ~(earlier_valid & ((tight & earlier_T) == earlier_T))
            by_support.setdefault(S, []).append((T_mask, valid))
            if canonical.any():
                found.append((S, canonical, N, D, tight))
    return found


def _order_key(Sx, Sy):
    """The static part of :func:`bargaining.games.equilibria`'s order: pure first, size, supports."""
    return (not (len(Sx) == 1 and len(Sy) == 1), len(Sx) + len(Sy), tuple(Sx) + (-1,) + tuple(Sy))


def solve_integer(A, B, scale):
    """Every extreme equilibrium of integer games, as rows in the order of ``equilibria``.

    Parameters
    ----------
    A, B : numpy.ndarray, shape (n, rows, cols)
        Integer payoffs (int64, or object arrays of Python ints).
    scale : numpy.ndarray, shape (n,)
        Each game's true payoffs are ``A / scale`` and ``B / scale``.

    Returns
    -------
    dict
        ``game`` (local indices), ``x``, ``y``, ``payoffs``, ``is_pure``.

    Examples
    --------
    >>> A = np.array([[[1, 1], [0, 0]]]); B = A.copy()
    >>> out = solve_integer(A, B, np.array([1]))
    >>> out["x"], out["y"]
    (array([[1., 0.],
           [1., 0.]]), array([[1., 0.],
           [0., 1.]]))
    """
    n, m, c = A.shape
    dtype = A.dtype
    one = np.ones(n, dtype=dtype)
    lowA = A.reshape(n, -1).min(axis=1)
    lowB = B.reshape(n, -1).min(axis=1)
    P = _vertices(B - (lowB - 1)[:, None, None], one)  # player 1's x: variables rows, constraints columns
    Q = _vertices((A - (lowA - 1)[:, None, None]).transpose(0, 2, 1), one)  # player 2's y
    full = (1 << (m + c)) - 1
    rows_all = (1 << m) - 1
    cols_all = ((1 << c) - 1) << m
    P_labels = [(rows_all & ~sum(1 << i for i in S)) | (tight << m) for S, _, _, _, tight in P]
    Q_labels = [(cols_all & ~sum(1 << (m + j) for j in S)) | tight for S, _, _, _, tight in Q]
    keys = sorted({_order_key(p[0], q[0]) for p in P for q in Q})
    rank_of = {key: r for r, key in enumerate(keys)}
    # Each vertex's probabilities and the other player's payoff, once per basis for all games.
    P = [_as_floats(vertex, lowB, scale) for vertex in P]
    Q = [_as_floats(vertex, lowA, scale) for vertex in Q]
    parts = []
    for bp, (Sx, okx, _, _) in enumerate(P):
        lp = P_labels[bp]
        for bq, (Sy, oky, _, _) in enumerate(Q):
            hit = okx & oky
            hit &= (lp | Q_labels[bq]) == full
            games = np.flatnonzero(hit)
            if len(games):
                parts.append((games, bp, bq, rank_of[_order_key(Sx, Sy)]))
    total = sum(len(p[0]) for p in parts)
    game = np.empty(total, dtype=np.int64)
    x = np.zeros((total, m))
    y = np.zeros((total, c))
    payoffs = np.empty((total, 2))
    rank = np.empty(total, dtype=np.int64)
    at = 0
    for games, bp, bq, r in parts:
        end = at + len(games)
        game[at:end] = games
        rank[at:end] = r
        Sx, _, px, vx = P[bp]
        Sy, _, py, vy = Q[bq]
        x[at:end, list(Sx)] = px[:, games].T
        y[at:end, list(Sy)] = py[:, games].T
        payoffs[at:end, 1] = vx[games]  # player 2's payoff is read off player 1's vertex
        payoffs[at:end, 0] = vy[games]
        at = end
    key = game * len(keys) + rank
    order = np.argsort(key, kind="stable")
    key = key[order]
    if (key[1:] == key[:-1]).any():  # two vertices with the same supports: break the tie as equilibria does
        order = np.lexsort((*(-y.T[::-1]), *(-x.T[::-1]), rank, game))
    return {
        "game": game[order],
        "x": x[order],
        "y": y[order],
        "payoffs": payoffs[order],
        "is_pure": rank[order] < sum(1 for key in keys if not key[0]),
    }


def _as_floats(vertex, low, scale):
    """``(S, canonical, probabilities (k, n), other player's payoff (n,))`` of one basis, correctly rounded."""
    S, canonical, N, D, _ = vertex
    total = N[0]
    for v in N[1:]:
        total = total + v
    total = np.where(canonical, total, 1)  # no division by zero where the basis is not a vertex
    probs = np.empty((len(N), len(total)))
    for p, v in enumerate(N):
        probs[p] = v / total
    # the other player's payoff against this vertex: 1 / sum in shifted units
    value = (D + (low - 1) * total) / (total * scale)
    return S, canonical, probs, np.asarray(value, dtype=float)


def _per_game_rows(A, B, games):
    """Rows for some games from the exact per-game solver."""
    from ..games.equilibria import equilibria
    from ..games.game import Game

    out = {"game": [], "x": [], "y": [], "payoffs": [], "is_pure": []}
    for g in games:
        for eq in equilibria(Game(A[g], B[g]), exact=True):
            x, y = eq.as_float()
            out["game"].append(g)
            out["x"].append(x)
            out["y"].append(y)
            out["payoffs"].append([float(v) for v in eq.payoffs])
            out["is_pure"].append(eq.is_pure)
    rows, cols = A.shape[1:]
    return {
        "game": np.array(out["game"], dtype=np.int64),
        "x": np.array(out["x"], dtype=float).reshape(-1, rows),
        "y": np.array(out["y"], dtype=float).reshape(-1, cols),
        "payoffs": np.array(out["payoffs"], dtype=float).reshape(-1, 2),
        "is_pure": np.array(out["is_pure"], dtype=bool),
    }


def exact_rows(A, B, games):
    """Rows of the extreme equilibria of some games of a float chunk, exactly.

    Games whose payoffs are decimals with at most 6 places (integers
    included) are solved together by :func:`solve_integer` (``int64`` where
    a bound shows no overflow, Python integers otherwise); the others one by
    one by ``equilibria(game, exact=True)``.

    Parameters
    ----------
    A, B : numpy.ndarray of float, shape (n, rows, cols)
    games : numpy.ndarray of int
        The (local) games to solve, increasing.

    Returns
    -------
    dict
        ``game``, ``x``, ``y``, ``payoffs``, ``is_pure``: rows grouped by game
        in increasing order, each game's in the order of ``equilibria``.

    Examples
    --------
    >>> A = np.array([[[1.0, 1.0], [0.0, 0.0]]])
    >>> exact_rows(A, A, np.array([0]))["y"]
    array([[1., 0.],
           [0., 1.]])
    """
    games = np.asarray(games, dtype=np.int64)
    a, b = A[games], B[games]
    scale = np.minimum(integer_scale(a), integer_scale(b))
    both = np.maximum(integer_scale(a), integer_scale(b))
    common = np.where(scale > 0, both, 0)  # both players' payoffs on the larger grid
    pieces = []
    solvable = common > 0
    if solvable.any():
        idx = np.flatnonzero(solvable)
        f = common[idx].astype(float)[:, None, None]
        ai, bi = np.rint(a[idx] * f).astype(np.int64), np.rint(b[idx] * f).astype(np.int64)
        # |entries| after the shift, and the largest minor (Leibniz: k! terms of at most big**k)
        k = min(A.shape[1:])
        top = np.maximum(np.abs(ai).reshape(len(idx), -1).max(axis=1), np.abs(bi).reshape(len(idx), -1).max(axis=1))
        big = 2.0 * top.astype(float) + 1.0
        bound = factorial(k) * big**k * (k + 1) * (big + 2.0) * common[idx].astype(float) * 4.0
        small = bound < _EXACT_FLOAT
        for use, kind in ((small, np.int64), (~small, object)):
            if use.any():
                sub = idx[use]
                out = solve_integer(ai[use].astype(kind), bi[use].astype(kind), common[sub].astype(kind))
                out["game"] = games[sub[out["game"]]]
                pieces.append(out)
    rest = games[~solvable]
    if len(rest):
        pieces.append(_per_game_rows(A, B, rest))
    if len(pieces) == 1:
        return pieces[0]
    merged = {name: np.concatenate([p[name] for p in pieces]) for name in pieces[0]}
    order = np.argsort(merged["game"], kind="stable")
    return {name: values[order] for name, values in merged.items()}
