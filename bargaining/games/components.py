"""Connected components of the Nash equilibrium set of a two-player game.

The equilibrium set of a bimatrix game is a finite union of *maximal Nash
subsets*, each a product ``conv(X') x conv(Y')`` of polytopes spanned by
extreme equilibria; subsets that share a vertex are connected, and a
*component* is a maximal connected union of them (Avis et al. 2010, section
5). A nondegenerate game has only singleton components, one per equilibrium;
a degenerate game can have continua, e.g. a player indifferent between two
strategies against a whole segment of the other's strategies.

References
----------
.. [1] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel (2010),
   "Enumeration of Nash equilibria for two-player games", *Economic Theory*
   42:9-37.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import combinations
from typing import NamedTuple

import numpy as np

from ..errors import GameError
from . import exact as _exact
from .equilibria import make_equilibrium
from .game import Game, require_game

__all__ = ["Component", "NashSubset", "components"]

DEFAULT_TOL = 1e-9
_EXACT_LIMIT = 12  # above this many vertices, exact hull membership uses the LP


class NashSubset(NamedTuple):
    """A maximal convex set of equilibria ``conv(x_vertices) x conv(y_vertices)``.

    Attributes
    ----------
    x_vertices : tuple of tuple of Fraction
        Player 1's extreme mixed strategies.
    y_vertices : tuple of tuple of Fraction
        Player 2's extreme mixed strategies.
    """

    x_vertices: tuple
    y_vertices: tuple


@dataclass(frozen=True, repr=False)
class Component:
    """One connected component of a game's Nash equilibrium set.

    Attributes
    ----------
    extreme : tuple of Equilibrium
        Its extreme equilibria, exact and verified.
    subsets : tuple of NashSubset
        Its maximal Nash subsets; every product of a convex combination of a
        subset's ``x_vertices`` with one of its ``y_vertices`` is an
        equilibrium.
    tol : float
        Default tolerance of :meth:`contains` for floating-point profiles.

    Examples
    --------
    >>> c = components(Game([[1, 1], [0, 0]], [[1, 1], [0, 0]]))[0]
    >>> c.is_singleton, len(c.extreme)
    (False, 2)
    """

    extreme: tuple
    subsets: tuple
    tol: float = DEFAULT_TOL

    @property
    def is_singleton(self) -> bool:
        """Whether the component is a single point (an isolated equilibrium)."""
        return len(self.extreme) == 1

    def contains(self, profile, tol: float | None = None) -> bool:
        """Whether ``profile`` lies in one of the component's maximal Nash subsets.

        Parameters
        ----------
        profile : pair of sequences of probabilities
            Player 1's and player 2's mixed strategies. Integer, Fraction and
            Decimal entries are tested exactly; floats by a linear program
            (:func:`scipy.optimize.linprog`) within ``tol``.
        tol : float, optional
            Tolerance for floating-point profiles (the component's ``tol`` by
            default).

        Returns
        -------
        bool

        Raises
        ------
        GameError
            If the profile's lengths do not match the game.

        Examples
        --------
        >>> from fractions import Fraction
        >>> c = components(Game([[1, 1], [0, 0]], [[1, 1], [0, 0]]))[0]
        >>> c.contains(((1, 0), (Fraction(1, 3), Fraction(2, 3))))
        True
        >>> c.contains(((0.5, 0.5), (0.5, 0.5)))
        False
        """
        tol = self.tol if tol is None else tol
        x, y = profile
        first = self.subsets[0]
        if len(x) != len(first.x_vertices[0]) or len(y) != len(first.y_vertices[0]):
            raise GameError(
                f"profile lengths {len(x)}, {len(y)} do not match the game "
                f"({len(first.x_vertices[0])}, {len(first.y_vertices[0])})"
            )
        rational = all(_is_rational(v) for v in (*x, *y))
        if rational:
            x = tuple(Fraction(v) for v in x)
            y = tuple(Fraction(v) for v in y)
            return any(_in_hull_exact(x, s.x_vertices) and _in_hull_exact(y, s.y_vertices) for s in self.subsets)
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        return any(_in_hull_lp(x, s.x_vertices, tol) and _in_hull_lp(y, s.y_vertices, tol) for s in self.subsets)

    def __repr__(self) -> str:
        points = "; ".join(e.describe() for e in self.extreme)
        kind = "singleton" if self.is_singleton else f"{len(self.subsets)} maximal Nash subset(s)"
        return f"Component({kind}, {len(self.extreme)} extreme equilibria: {points})"


def _is_rational(value) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return False
    return isinstance(value, (numbers.Rational, Decimal))


def _in_hull_exact(point, vertices) -> bool:
    """Exact test of ``point in conv(vertices)`` by Caratheodory's theorem.

    The point is in the hull iff it has nonnegative barycentric coordinates
    with respect to some affinely independent subset of the vertices.
    """
    if len(vertices) > _EXACT_LIMIT:
        return _in_hull_lp(np.array([float(v) for v in point]), vertices, 0.0)
    for k in range(1, len(vertices) + 1):
        for subset in combinations(vertices, k):
            weights = _barycentric(point, subset)
            if weights is not None and min(weights) >= 0:
                return True
    return False


def _barycentric(point, subset):
    """Solve ``sum_k w_k v_k = point, sum_k w_k = 1`` exactly, if uniquely solvable."""
    k = len(subset)
    rows = [[Fraction(v[i]) for v in subset] + [point[i]] for i in range(len(point))]
    rows.append([Fraction(1)] * k + [Fraction(1)])
    rank = 0
    for col in range(k):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            return None  # affinely dependent subset: a smaller one covers it
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        head = rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][col] != 0:
                factor = rows[r][col] / head[col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], head)]
        rank += 1
    if any(row[k] != 0 for row in rows[k:]):
        return None  # inconsistent: the point is off the affine hull
    return [rows[i][k] / rows[i][i] for i in range(k)]


def _in_hull_lp(point, vertices, tol: float) -> bool:
    """``point in conv(vertices)`` within ``tol`` (max-norm), by a feasibility LP."""
    from scipy.optimize import linprog

    V = np.array([[float(v) for v in vertex] for vertex in vertices]).T  # dim x k
    dim, k = V.shape
    slack = max(tol, 1e-12)
    result = linprog(
        np.zeros(k),
        A_ub=np.vstack([V, -V]),
        b_ub=np.concatenate([point + slack, -point + slack]),
        A_eq=np.ones((1, k)),
        b_eq=[1.0],
        bounds=[(0, None)] * k,
        method="highs",
    )
    return bool(result.status == 0)


def components(game: Game, *, tol: float = DEFAULT_TOL) -> tuple[Component, ...]:
    """The connected components of the Nash equilibrium set, exactly.

    Enumerates the extreme equilibria in exact rationals, groups them into
    maximal Nash subsets (maximal bicliques) and joins subsets that share a
    vertex (Avis et al. 2010).

    Parameters
    ----------
    game : Game
        The bimatrix game; its extreme equilibria are enumerated exactly.
    tol : float
        Default tolerance of :meth:`Component.contains` for float profiles.

    Returns
    -------
    tuple of Component
        In order of their first extreme equilibrium (player 1's vertices by
        support size, then position).

    Examples
    --------
    >>> g = Game([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    >>> comps = components(g)
    >>> len(comps), len(comps[0].extreme)
    (1, 2)
    >>> comps[0].contains(((1, 0), (0.5, 0.5)))
    True
    >>> [c.is_singleton for c in components(Game([[2, 0], [0, 1]], [[1, 0], [0, 2]]))]
    [True, True, True]
    """
    require_game(game)
    A, B = game.exact_A, game.exact_B
    extreme = _exact.extreme_equilibria(A, B)
    subsets = _exact.nash_subsets(A, B, extreme=extreme)
    found = []
    for group in _exact.group_subsets(subsets):
        members = [NashSubset(*subsets[k]) for k in group]
        xs = {x for s in members for x in s.x_vertices}
        ys = {y for s in members for y in s.y_vertices}
        points = tuple(
            make_equilibrium(game, (x, y), "exact", exact=True) for x, y in extreme if x in xs and y in ys
        )
        found.append(Component(extreme=points, subsets=tuple(members), tol=tol))
    return tuple(found)
