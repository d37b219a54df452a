"""Exact planar geometry for bargaining problems: points, convex hulls, Pareto chains.

Payoff pairs are held as :class:`~fractions.Fraction` pairs so that every
solution on a polygon can be computed in closed form edge by edge.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from ..errors import BargainingError, GameError
from ..games.game import to_fraction

__all__ = ["as_point", "convex_hull", "pareto_chain"]


def as_point(value, what: str) -> tuple[Fraction, Fraction]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)) or len(value) != 2:
        raise BargainingError(f"{what} must be a pair of payoffs (u1, u2), got {value!r}")
    try:
        return (to_fraction(value[0]), to_fraction(value[1]))
    except GameError as err:
        raise BargainingError(f"{what}: {err}") from None


def _cross(o, a, b) -> Fraction:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _monotone_chain(points) -> tuple:
    pts = sorted(set(points))
    if len(pts) <= 2:
        return tuple(pts)
    lower: list = []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list = []
    for p in reversed(pts):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    hull = lower[:-1] + upper[:-1]
    return tuple(hull)


def convex_hull(points) -> tuple[tuple[Fraction, Fraction], ...]:
    """Exact vertices of the convex hull of payoff pairs, counter-clockwise.

    Large sets are first thinned with :class:`scipy.spatial.ConvexHull` (only
    points on or near its boundary are kept); the vertices are then found
    exactly with Andrew's monotone chain over rationals, which also handles
    the degenerate cases Qhull refuses (a point, collinear points).

    Parameters
    ----------
    points : sequence of pairs
        Payoff pairs (numbers, Fractions or decimals).

    Returns
    -------
    tuple of pairs of Fraction
        The hull's vertices, counter-clockwise from the lowest-leftmost; one
        vertex for a single point, two for a segment. Collinear boundary
        points are not vertices.

    Examples
    --------
    >>> [tuple(map(str, v)) for v in convex_hull([(0, 0), (1, 0), (0, 1), (0.25, 0.25), (0.5, 0)])]
    [('0', '0'), ('1', '0'), ('0', '1')]
    >>> len(convex_hull([(0, 0), (1, 1), (2, 2)]))
    2
    """
    exact = [as_point(p, "point") for p in points]
    if not exact:
        raise BargainingError("the feasible set needs at least one payoff pair")
    if len(exact) > 64:
        from scipy.spatial import ConvexHull, QhullError

        array = np.array([[float(a), float(b)] for a, b in exact])
        try:
            hull = ConvexHull(array)
        except (QhullError, ValueError):
            hull = None
        if hull is not None:
            scale = max(1.0, float(np.abs(array).max()))
            slack = (array @ hull.equations[:, :2].T + hull.equations[:, 2]).max(axis=1)
            exact = [p for p, s in zip(exact, slack) if s >= -1e-9 * scale]
    return _monotone_chain(exact)


def pareto_chain(vertices) -> tuple:
    """The strong Pareto frontier of a convex polygon (vertices counter-clockwise),
    by increasing payoff of player 1."""
    v = vertices
    start = max(range(len(v)), key=lambda k: (v[k][0], v[k][1]))
    end = max(range(len(v)), key=lambda k: (v[k][1], v[k][0]))
    chain = [v[start]]
    k = start
    while k != end:
        k = (k + 1) % len(v)
        chain.append(v[k])
    return tuple(reversed(chain))
