"""Zero-sum matrix games: optimal strategies and value, exactly where possible.

The linear program (scipy's HiGHS) gives optimal strategies in floats; a
Shapley–Snow kernel (a square submatrix whose equalising strategies are
optimal) then confirms them in exact rational arithmetic.

References
----------
Shapley, L. S. and Snow, R. N. (1950). Basic solutions of discrete games.
*Contributions to the Theory of Games I*, 27-35.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from scipy.optimize import linprog

from ..errors import SolverError
from .game import to_fraction

__all__ = ["ZeroSumSolution", "solve_zero_sum"]


@dataclass(frozen=True)
class ZeroSumSolution:
    """Optimal strategies and value of a zero-sum matrix game (row player maximises).

    Attributes
    ----------
    row_strategy : tuple
        An optimal (maxmin) mixed strategy of the row player, one
        probability per row.
    col_strategy : tuple
        An optimal (minmax) mixed strategy of the column player, one
        probability per column.
    value : Fraction or float
        The value of the game to the row player.
    exact : bool
        True when a Shapley–Snow kernel confirmed the answer and every entry
        is a Fraction; False for the float answer of the linear program.
    """

    row_strategy: tuple
    col_strategy: tuple
    value: object
    exact: bool


def _solve_linear(matrix, rhs):
    """Gauss-Jordan elimination over Fractions; None if singular."""
    n = len(matrix)
    aug = [list(row) + [r] for row, r in zip(matrix, rhs)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if aug[r][col] != 0), None)
        if pivot is None:
            return None
        aug[col], aug[pivot] = aug[pivot], aug[col]
        for r in range(n):
            if r != col and aug[r][col] != 0:
                f = aug[r][col] / aug[col][col]
                aug[r] = [a - f * b for a, b in zip(aug[r], aug[col])]
    return [aug[r][n] / aug[r][r] for r in range(n)]


def _equalise(sub):
    """Strategy p on the rows of square ``sub`` making every column pay v: (p, v)."""
    k = len(sub)
    system = [[sub[i][j] for i in range(k)] + [Fraction(-1)] for j in range(k)]
    system.append([Fraction(1)] * k + [Fraction(0)])
    sol = _solve_linear(system, [Fraction(0)] * k + [Fraction(1)])
    return None if sol is None else (sol[:k], sol[k])


def _kernel(M, rows, cols):
    m, n = len(M), len(M[0])
    sub = [[M[i][j] for j in cols] for i in rows]
    left = _equalise(sub)
    right = _equalise([list(col) for col in zip(*sub)])
    if left is None or right is None:
        return None
    (px, v), (py, v2) = left, right
    if v != v2 or min(px) < 0 or min(py) < 0:
        return None
    x = [Fraction(0)] * m
    y = [Fraction(0)] * n
    for i, p in zip(rows, px):
        x[i] = p
    for j, p in zip(cols, py):
        y[j] = p
    if any(sum(x[i] * M[i][j] for i in range(m)) < v for j in range(n)):
        return None
    if any(sum(M[i][j] * y[j] for j in range(n)) > v for i in range(m)):
        return None
    return ZeroSumSolution(tuple(x), tuple(y), v, True)


def _lp(M):
    A = np.array([[float(a) for a in row] for row in M])
    m, n = A.shape
    # row player: max v s.t. A^T x >= v, sum x = 1
    res_x = linprog(
        np.r_[np.zeros(m), -1.0], A_ub=np.c_[-A.T, np.ones(n)], b_ub=np.zeros(n),
        A_eq=np.r_[np.ones(m), 0.0][None, :], b_eq=[1.0], bounds=[(0, None)] * m + [(None, None)],
        method="highs",
    )
    res_y = linprog(
        np.r_[np.zeros(n), 1.0], A_ub=np.c_[A, -np.ones(m)], b_ub=np.zeros(m),
        A_eq=np.r_[np.ones(n), 0.0][None, :], b_eq=[1.0], bounds=[(0, None)] * n + [(None, None)],
        method="highs",
    )
    if not (res_x.success and res_y.success):
        raise SolverError(f"linear programming failed on a zero-sum game: {res_x.message}")
    return res_x.x[:m], res_y.x[:n], float(res_x.x[m])


def solve_zero_sum(M, *, max_kernels: int = 5000) -> ZeroSumSolution:
    """Optimal mixed strategies and value of the zero-sum game ``M`` (rows maximise).

    Solved by linear programming (scipy's HiGHS); the answer is then made
    exact by a Shapley–Snow kernel: a square submatrix whose equalising
    strategies are optimal, tried first on the LP's supports. If no kernel is
    confirmed within ``max_kernels`` tries, the float LP answer is returned
    with ``exact=False``.

    Parameters
    ----------
    M : 2-d array_like of numbers
        The row player's payoffs (the column player's are ``-M``); read
        exactly, decimals as written.
    max_kernels : int
        How many square submatrices to try as kernels before falling back
        to the float LP answer.

    Returns
    -------
    ZeroSumSolution
        Exact (Fractions, ``exact=True``) when a kernel is confirmed,
        otherwise floats with ``exact=False``.

    References
    ----------
    Shapley, L. S. and Snow, R. N. (1950). Basic solutions of discrete games.
    *Annals of Mathematics Studies* 24, 27-35.

    Examples
    --------
    >>> s = solve_zero_sum([[1, -1], [-1, 1]])
    >>> s.value, s.row_strategy
    (Fraction(0, 1), (Fraction(1, 2), Fraction(1, 2)))
    """
    M = [[to_fraction(a) for a in row] for row in M]
    m, n = len(M), len(M[0])
    x, y, v = _lp(M)
    rows = tuple(i for i in range(m) if x[i] > 1e-9)
    cols = tuple(j for j in range(n) if y[j] > 1e-9)
    squares = (
        (r, c)
        for k in range(1, min(m, n) + 1)
        for r in itertools.combinations(range(m), k)
        for c in itertools.combinations(range(n), k)
    )
    first = [(rows, cols)] if len(rows) == len(cols) else []
    for r, c in itertools.islice(itertools.chain(first, squares), max_kernels):
        found = _kernel(M, r, c)
        if found is not None:
            return found
    return ZeroSumSolution(tuple(float(a) for a in x), tuple(float(b) for b in y), v, False)
