"""Closed-form Nash equilibria of many 2x2 bimatrix games at once.

A 2x2 game is degenerate exactly when a pure strategy has two pure best
responses, that is when one of the four differences

    u = a00 - a10,  w = a01 - a11   (player 1 against each column)
    s = b00 - b01,  t = b10 - b11   (player 2 against each row)

is zero. Otherwise the pure equilibria are read off the signs of these
differences, and the interior mixed equilibrium exists exactly when player 1's
preference flips between the columns (``u * w < 0``) and player 2's between
the rows (``s * t < 0``): then ``x = (p, 1 - p)`` with ``p = t / (t - s)`` and
``y = (q, 1 - q)`` with ``q = w / (w - u)`` make the other player indifferent.
A nondegenerate 2x2 game therefore has one or three equilibria.

This module is the 2x2 kernel of :func:`bargaining.batch_equilibria`; it works
on one chunk of games and knows nothing of chunking or exact fallbacks.

Implementation: every game gets a 5-bit code of the candidates it has
(candidate ``c = 0..3`` is the pure cell ``(c // 2, c % 2)``, candidate 4 the
mixed one, in the order of :func:`bargaining.games.equilibria`); tables indexed by
the code give each game's number of equilibria and, with ``numpy.repeat``,
each row's candidate. Rows are then filled by gathers from small tables and
the payoff arrays, and the mixed rows patched afterwards. All work arrays live
in a reusable :class:`Workspace` so that a long run of chunks allocates
nothing (fresh memory is expensive: every page is zeroed on first touch).
"""

from __future__ import annotations

import numpy as np

__all__ = ["Workspace", "solve_2x2"]

#: Number of candidates in each 5-bit code.
_COUNT = np.array([bin(code).count("1") for code in range(32)], dtype=np.int64)
#: Per row index ``8 * code + rank``: the candidate of a game's ``rank``-th equilibrium.
_CANDIDATE = np.full(256, 4, dtype=np.int64)
for _code in range(32):
    _found = [c for c in range(5) if _code >> c & 1]
    _CANDIDATE[8 * _code : 8 * _code + len(_found)] = _found
#: Per row index: strategies as complex numbers ``p0 + 1j * p1`` (mixed rows are patched),
#: whether the row is pure, and its cell ``2 * i + j`` (0 for mixed rows, patched).
_X_ROW = np.array([1, 1, 1j, 1j, 0], dtype=np.complex128)[_CANDIDATE]
_Y_ROW = np.array([1, 1j, 1, 1j, 0], dtype=np.complex128)[_CANDIDATE]
_PURE_ROW = _CANDIDATE < 4
_CELL_ROW = np.where(_PURE_ROW, _CANDIDATE, 0)
#: The code of a game with no tie from its sign index ``8 (u<0) + 4 (w<0) + 2 (s<0) + (t<0)``.
_SIGN_CODE = np.zeros(16, dtype=np.int64)
for _sign in range(16):
    _un, _wn, _sn, _tn = (bool(_sign >> bit & 1) for bit in (3, 2, 1, 0))
    _SIGN_CODE[_sign] = (
        (not _un and not _sn)
        | (not _wn and _sn) << 1
        | (_un and not _tn) << 2
        | (_wn and _tn) << 3
        | (_un != _wn and _sn != _tn) << 4
    )
_SIGN_COUNT = _COUNT[_SIGN_CODE]
_SIGN_BASE = 8 * _SIGN_CODE
del _code, _found, _sign, _un, _wn, _sn, _tn


def _bound(A, B) -> float:
    """The largest absolute payoff of a chunk, at least 1 (NaN if a payoff is NaN)."""
    if A.size == 0:
        return 1.0
    return float(np.max([1.0, A.max(), -A.min(), B.max(), -B.min()]))  # numpy's max propagates NaN


class Workspace:
    """Reusable work arrays for :func:`solve_2x2` on chunks of up to ``size`` games.

    Parameters
    ----------
    size : int
        The largest chunk it serves.

    Examples
    --------
    >>> work = Workspace(1024)
    >>> A = np.array([[[1.0, -1.0], [-1.0, 1.0]]])
    >>> solve_2x2(A, -A, 1e-9, work=work)["x"]
    array([[0.5, 0.5]])
    """

    def __init__(self, size: int):
        self.size = int(size)
        self.real = np.empty((9, self.size))
        self.bools = np.empty((7, self.size), dtype=bool)
        self.codes = np.empty((2, self.size), dtype=np.uint8)
        self.ints = np.empty((4, self.size + 1), dtype=np.int64)
        self.packed = np.arange(0, 256 * self.size, 256, dtype=np.int64)
        self.rows = -1
        self.reserve(self.size + self.size // 2)

    def reserve(self, rows: int) -> None:
        """Make room for ``rows`` output rows (grows by half again at least)."""
        if rows <= self.rows:
            return
        rows = max(rows, self.rows + self.rows // 2)
        self.rows = rows
        self.row_ints = np.empty((2, rows), dtype=np.int64)
        self.row_arange = np.arange(rows, dtype=np.int64)
        self.row_real = np.empty(rows)
        self.game = np.empty(rows, dtype=np.int64)
        self.x = np.empty((rows, 2))
        self.y = np.empty((rows, 2))
        self.payoffs = np.empty((rows, 2))
        self.is_pure = np.empty(rows, dtype=bool)

    def sink(self, k: int) -> dict[str, np.ndarray]:
        """Its own row arrays, for a chunk of ``k`` rows."""
        self.reserve(k)
        return {
            "game": self.game[:k],
            "x": self.x[:k],
            "y": self.y[:k],
            "payoffs": self.payoffs[:k],
            "is_pure": self.is_pure[:k],
        }


def _codes(u, w, s, t, flag):
    """Each game's 5-bit candidate code (bit c: candidate c is an equilibrium), as int64.

    The general rule, for games with ties: a zero difference counts both ways,
    and a flagged game gets no mixed candidate (that is the exact solver's job).
    """
    up, wp, sp, tp = u >= 0.0, w >= 0.0, s >= 0.0, t >= 0.0
    code = (up & sp).astype(np.int64)
    code += 2 * (wp & (s <= 0.0))
    code += 4 * ((u <= 0.0) & tp)
    code += 8 * ((w <= 0.0) & (t <= 0.0))
    code += 16 * ((up != wp) & (sp != tp) & ~flag)
    return code


def solve_2x2(
    A: np.ndarray,
    B: np.ndarray,
    tol: float,
    bound: float | None = None,
    *,
    work: Workspace | None = None,
    sink=None,
    offset: int = 0,
) -> dict[str, np.ndarray]:
    """Equilibria of a chunk of 2x2 games by the closed form.

    Parameters
    ----------
    A, B : numpy.ndarray
        Float payoff arrays of shape (n, 2, 2), finite.
    tol : float
        Relative tolerance: a payoff difference within ``tol * scale`` (scale
        being the game's largest absolute payoff, at least 1) counts as a tie
        and flags the game as possibly degenerate.
    bound : float, optional
        An upper bound on every absolute payoff of the chunk (computed if
        not given); it only serves to skip the exact tie test quickly.
    work : Workspace, optional
        Work arrays to reuse across calls. The returned arrays are then views
        into it, overwritten by the next call; without it they are fresh.
    sink : callable, optional
        ``sink(k)`` returns the arrays to write the chunk's ``k`` rows into:
        a dict of ``game`` (int64, (k,)), ``x``, ``y``, ``payoffs``
        (C-contiguous float64, (k, 2)) and ``is_pure`` (bool, (k,)). By
        default the workspace's own.
    offset : int
        Added to the game indices written (the chunk's first game).

    Returns
    -------
    dict
        ``game``, ``x``, ``y`` (k, 2), ``payoffs`` (k, 2), ``is_pure`` (k,),
        one row per equilibrium in the order of :func:`bargaining.games.equilibria`,
        ``flag`` (n,), the games that may be degenerate (their rows are best
        effort), and ``count`` (n,), the number of rows of each game.

    Examples
    --------
    >>> A = np.array([[[1.0, -1.0], [-1.0, 1.0]]]); B = -A
    >>> out = solve_2x2(A, B, 1e-9)
    >>> out["x"], out["is_pure"], out["flag"]
    (array([[0.5, 0.5]]), array([False]), array([False]))
    """
    n = A.shape[0]
    if bound is None:
        bound = _bound(A, B)
    own = work is None or work.size < n
    if own:
        work = Workspace(n)
    if sink is None:
        sink = work.sink
    a = A.reshape(n, 4)
    b = B.reshape(n, 4)
    diff, size, smallest = work.real[:4, :n], work.real[4:8, :n], work.real[8, :n]
    u, w, s, t = diff
    np.subtract(a[:, 0], a[:, 2], out=u)
    np.subtract(a[:, 1], a[:, 3], out=w)
    np.subtract(b[:, 0], b[:, 1], out=s)
    np.subtract(b[:, 2], b[:, 3], out=t)
    # Ties: first against the chunk's bound (cheap, rarely true), then per game exactly.
    np.abs(diff, out=size)
    flag = work.bools[6, :n]
    near = None
    if n and size.min() > tol * bound:
        flag[...] = False
    else:
        np.min(size, axis=0, out=smallest)
        np.less_equal(smallest, tol * bound, out=flag)
    if flag.any():
        near = np.flatnonzero(flag)
        scale = np.maximum(np.abs(a[near]).max(axis=1), np.abs(b[near]).max(axis=1))
        flag[near] = smallest[near] <= tol * np.maximum(scale, 1.0)
        near = near[flag[near]]

    # A game with no tie has the code of its four signs; tied games are patched.
    negative, mixed, other = work.bools[:4, :n], work.bools[4, :n], work.bools[5, :n]
    un, wn, sn, tn = negative
    np.less(diff, 0.0, out=negative)
    sign, bit = (row[:n] for row in work.codes)
    np.left_shift(un.view(np.uint8), 3, out=sign)
    sign |= np.left_shift(wn.view(np.uint8), 2, out=bit)
    sign |= np.left_shift(sn.view(np.uint8), 1, out=bit)
    sign |= tn.view(np.uint8)
    np.not_equal(un, wn, out=mixed)
    np.not_equal(sn, tn, out=other)
    mixed &= other
    count, packed, starts, index = work.ints[0, :n], work.ints[1, :n], work.ints[2, : n + 1], work.ints[3, :n]
    index[...] = sign
    np.take(_SIGN_COUNT, index, out=count, mode="clip")
    np.take(_SIGN_BASE, index, out=packed, mode="clip")
    if near is not None and len(near):
        code = _codes(u[near], w[near], s[near], t[near], flag[near])
        count[near] = _COUNT[code]
        packed[near] = 8 * code
        mixed[near] = False

    # Row r of game g (rank r - starts[g]) gets packed[g] + r = 256 * (offset + g) + 8 * code + rank,
    # from which both its game and its row index into the row tables follow.
    starts[0] = 0
    np.cumsum(count, out=starts[1:])
    k = int(starts[n])
    packed += work.packed[:n]
    packed -= starts[:n]
    if offset:
        packed += 256 * offset
    rows = sink(k)
    game, x, y, payoffs, is_pure = (rows[name] for name in ("game", "x", "y", "payoffs", "is_pure"))
    work.reserve(k)
    row = np.repeat(packed, count)
    row += work.row_arange[:k]
    np.right_shift(row, 8, out=game)
    row &= 255
    xc, yc, pc = (v.reshape(-1).view(np.complex128) for v in (x, y, payoffs))
    np.take(_X_ROW, row, out=xc, mode="clip")
    np.take(_Y_ROW, row, out=yc, mode="clip")
    np.take(_PURE_ROW, row, out=is_pure, mode="clip")
    cell, spare_rows = work.row_ints[0, :k], work.row_ints[1, :k]
    np.take(_CELL_ROW - 4 * offset, row, out=cell, mode="clip")
    cell += np.left_shift(game, 2, out=spare_rows)
    value = work.row_real[:k]
    np.take(a.reshape(-1), cell, out=value, mode="clip")
    payoffs[:, 0] = value
    np.take(b.reshape(-1), cell, out=value, mode="clip")
    payoffs[:, 1] = value

    g = np.flatnonzero(mixed)
    if len(g):  # the mixed row is its game's last
        last = starts[g + 1]
        last -= 1
        ug, wg, sg, tg = u[g], w[g], s[g], t[g]
        pair = np.empty((len(g), 2))
        pair_c = pair.reshape(-1).view(np.complex128)
        # Each value is one division of exact-as-possible terms, so integer games get the
        # correctly rounded floats of the exact fractions (as equilibria(game, exact=True) does).
        dp = np.subtract(tg, sg)
        np.divide(tg, dp, out=pair[:, 0])  # p = t / (t - s)
        np.divide(sg, np.negative(dp), out=pair[:, 1])  # 1 - p = -s / (t - s)
        xc[last] = pair_c
        dq = np.subtract(wg, ug)
        np.divide(wg, dq, out=pair[:, 0])  # q = w / (w - u)
        np.divide(ug, np.negative(dq), out=pair[:, 1])  # 1 - q = -u / (w - u)
        yc[last] = pair_c
        a00, a01 = a[:, 0][g], a[:, 1][g]
        b00, b10 = b[:, 0][g], b[:, 2][g]
        a00 -= a01
        a00 *= wg
        a01 *= dq
        a01 += a00
        np.divide(a01, dq, out=pair[:, 0])  # (a01 (w - u) + w (a00 - a01)) / (w - u) = a01 + q (a00 - a01)
        b00 -= b10
        b00 *= tg
        b10 *= dp
        b10 += b00
        np.divide(b10, dp, out=pair[:, 1])  # (b10 (t - s) + t (b00 - b10)) / (t - s) = b10 + p (b00 - b10)
        pc[last] = pair_c
    out = {"game": game, "x": x, "y": y, "payoffs": payoffs, "is_pure": is_pure, "flag": flag, "count": count}
    if own:
        out = {name: value.copy() for name, value in out.items()}
    return out
