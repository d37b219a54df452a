"""Small exact polytopes: the vertices of {x : a·x + b ≥ 0} in a few dimensions, in rationals.

The perfect-Bayesian solver describes a continuum of equilibria (off-path
beliefs, mixtures that leave a player indifferent) by linear inequalities in
a handful of free unknowns; this module turns such a description into its
extreme points, exactly, by solving every square subsystem of tight
constraints (the textbook vertex enumeration, fine for a few dimensions and a
few dozen constraints; Fukuda's cdd does the same job for large polytopes).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy

from ..errors import SolverError

__all__ = ["affine_rows", "vertices", "MAX_SUBSYSTEMS"]

#: The most square subsystems :func:`vertices` will try before giving up.
MAX_SUBSYSTEMS = 200_000


def _fraction(value) -> Fraction:
    value = sympy.nsimplify(value) if not isinstance(value, sympy.Basic) else value
    if not value.is_Rational:
        raise SolverError(f"the coefficient {value} is not rational")
    return Fraction(int(value.p), int(value.q))


def affine_rows(expressions, symbols) -> list | None:
    """Coefficient rows ``(a, b)`` of affine expressions ``a·x + b`` in ``symbols``; None if one is not affine.

    Parameters
    ----------
    expressions : iterable of sympy.Expr
        Expressions with rational coefficients.
    symbols : sequence of sympy.Symbol
        The coordinates, in order.

    Returns
    -------
    list of (tuple of Fraction, Fraction), or None
        One row per expression; None when an expression is not affine in the symbols.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> affine_rows([x - y / 2 + 1], [x, y])
    [((Fraction(1, 1), Fraction(-1, 2)), Fraction(1, 1))]
    >>> affine_rows([x * y], [x, y]) is None
    True
    """
    rows = []
    for expr in expressions:
        expr = sympy.expand(expr)
        try:
            poly = sympy.Poly(expr, *symbols) if symbols else None
        except sympy.PolynomialError:
            return None
        if poly is not None and poly.total_degree() > 1:
            return None
        if poly is not None and any(not c.is_Rational for c in poly.coeffs()):
            return None
        coeffs = tuple(_fraction(expr.coeff(s)) if symbols else Fraction(0) for s in symbols)
        constant = _fraction(expr.subs({s: 0 for s in symbols}))
        rows.append((coeffs, constant))
    return rows


def _solve(matrix, rhs):
    """Solve a square system exactly (Gauss–Jordan on Fractions); None when singular."""
    n = len(matrix)
    m = [list(row) + [r] for row, r in zip(matrix, rhs)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if m[r][col] != 0), None)
        if pivot is None:
            return None
        m[col], m[pivot] = m[pivot], m[col]
        inv = 1 / m[col][col]
        m[col] = [v * inv for v in m[col]]
        for r in range(n):
            if r != col and m[r][col] != 0:
                factor = m[r][col]
                m[r] = [a - factor * b for a, b in zip(m[r], m[col])]
    return tuple(m[r][n] for r in range(n))


def vertices(rows, dimension: int) -> tuple:
    """The extreme points of the bounded polytope ``{x : a·x + b ≥ 0 for every row}``, exactly.

    Parameters
    ----------
    rows : sequence of (tuple of Fraction, Fraction)
        The inequalities ``a·x + b ≥ 0`` (from :func:`affine_rows`); the
        polytope must be bounded.
    dimension : int
        The number of coordinates.

    Returns
    -------
    tuple of tuple of Fraction
        The vertices in lexicographic order; empty when the polytope is empty.

    Raises
    ------
    SolverError
        When there are too many square subsystems to try (see ``MAX_SUBSYSTEMS``).

    Examples
    --------
    The unit triangle x ≥ 0, y ≥ 0, x + y ≤ 1:

    >>> F = Fraction
    >>> rows = [((F(1), F(0)), F(0)), ((F(0), F(1)), F(0)), ((F(-1), F(-1)), F(1))]
    >>> [tuple(map(str, v)) for v in vertices(rows, 2)]
    [('0', '0'), ('0', '1'), ('1', '0')]
    """
    rows = list(dict.fromkeys(rows))
    if dimension == 0:
        return ((),) if all(b >= 0 for _, b in rows) else ()
    count = 1
    for k in range(dimension):
        count = count * (len(rows) - k) // (k + 1)
    if count > MAX_SUBSYSTEMS:
        raise SolverError(f"vertex enumeration: {count} subsystems in {dimension} dimensions is beyond this solver's scope")
    found = set()
    for chosen in itertools.combinations(rows, dimension):
        point = _solve([a for a, _ in chosen], [-b for _, b in chosen])
        if point is None:
            continue
        if all(sum(c * x for c, x in zip(a, point)) + b >= 0 for a, b in rows):
            found.add(point)
    return tuple(sorted(found))
