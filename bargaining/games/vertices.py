"""Exact vertices of a small polyhedron ``{z : G z <= g, E z = e}``, with their tight constraints.

A vertex is the unique solution of the equalities and ``dim - rank(E)``
inequalities held tight (a basis). Every basis is tried: numpy solves them
all at once in floating point to discard singular and clearly infeasible
bases, and each surviving candidate is solved again, and checked, in exact
:class:`~fractions.Fraction` arithmetic, so what is returned is exact.
Degenerate vertices (reached from several bases) are returned once.

This is the brute-force basis enumeration of the textbook (e.g. Avis et al.
2010, section 4), fine for the dozen or so constraints of the games here.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

__all__ = ["polyhedron_vertices"]

_FLOAT_SLACK = 1e-7
_CONDITION = 1e-11


def _exact_solve(M, b):
    """Gauss-Jordan elimination in Fractions; None if singular."""
    n = len(M)
    rows = [list(r) + [v] for r, v in zip(M, b)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if rows[r][col] != 0), None)
        if pivot is None:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        p = rows[col][col]
        rows[col] = [v / p for v in rows[col]]
        for r in range(n):
            if r != col and rows[r][col] != 0:
                f = rows[r][col]
                rows[r] = [a - f * c for a, c in zip(rows[r], rows[col])]
    return [rows[r][n] for r in range(n)]


def polyhedron_vertices(G, g, E, e, *, chunk: int = 20000) -> list:
    """Every vertex of ``{z : G z <= g, E z = e}`` exactly, with the set of tight inequality rows.

    Parameters
    ----------
    G, g : nested sequences of rationals
        Inequality rows and right-hand sides.
    E, e : nested sequences of rationals
        Equality rows (linearly independent) and right-hand sides.
    chunk : int
        How many bases numpy solves at a time.

    Returns
    -------
    list of (tuple of Fraction, frozenset of int)
        Each vertex and the indices of the inequalities tight there, in
        the order the bases were first met.

    Examples
    --------
    The triangle x, y >= 0, x + y <= 1:

    >>> [tuple(map(str, v)) for v, _ in polyhedron_vertices([[-1, 0], [0, -1], [1, 1]], [0, 0, 1], [], [])]
    [('0', '0'), ('0', '1'), ('1', '0')]
    """
    G = [[Fraction(v) for v in row] for row in G]
    E = [[Fraction(v) for v in row] for row in E]
    g = [Fraction(v) for v in g]
    e = [Fraction(v) for v in e]
    dim = len(G[0]) if G else len(E[0])
    need = dim - len(E)
    Gf = np.array([[float(v) for v in row] for row in G]).reshape(len(G), dim)
    gf = np.array([float(v) for v in g])
    Ef = np.array([[float(v) for v in row] for row in E]).reshape(len(E), dim)
    ef = np.array([float(v) for v in e])
    scale = max(1.0, float(np.abs(Gf).max(initial=0)), float(np.abs(Ef).max(initial=0)))
    found = {}
    bases = itertools.combinations(range(len(G)), need)
    while True:
        batch = list(itertools.islice(bases, chunk))
        if not batch:
            break
        index = np.array(batch, dtype=int).reshape(len(batch), need)
        M = np.concatenate([np.broadcast_to(Ef, (len(batch), len(E), dim)), Gf[index]], axis=1) / scale
        rhs = np.concatenate([np.broadcast_to(ef, (len(batch), len(E))), gf[index]], axis=1) / scale
        singular = np.linalg.svd(M, compute_uv=False)
        keep = singular[:, -1] > _CONDITION * singular[:, 0]
        if not keep.any():
            continue
        z = np.linalg.solve(M[keep], rhs[keep][..., None])[..., 0]
        ok = np.all(z @ Gf.T <= gf + _FLOAT_SLACK * (1 + np.abs(gf)), axis=1)
        for basis in index[keep][ok]:
            rows = [*E, *(G[i] for i in basis)]
            values = [*e, *(g[i] for i in basis)]
            point = _exact_solve(rows, values)
            if point is None:
                continue
            slack = [gi - sum(a * b for a, b in zip(row, point)) for row, gi in zip(G, g)]
            if min(slack, default=0) < 0:
                continue
            key = tuple(point)
            if key not in found:
                found[key] = frozenset(i for i, s in enumerate(slack) if s == 0)
    return list(found.items())
