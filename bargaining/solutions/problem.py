"""The two-player bargaining problem: a convex feasible set and a disagreement point.

A bargaining problem (Nash 1950) is a pair ``(S, d)``: ``S`` a compact convex
set of payoff pairs the players can agree on, ``d`` in ``S`` the payoffs if they
do not agree. Here ``S`` is a convex polygon (possibly a segment or a point),
held exactly as :class:`~fractions.Fraction` vertices in counter-clockwise
order, so that every solution on it can be computed in closed form edge by
edge. A problem built from a game remembers which cells span each vertex, so
that an agreement can be reported as a jointly randomised mix of outcomes.

References
----------
Nash, J. F. (1950). The bargaining problem. *Econometrica* 18(2), 155-162.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..errors import BargainingError, GameError
from ..games.game import DEFAULT_PLAYERS, Game
from .geometry import _cross, _monotone_chain, as_point, convex_hull, pareto_chain

__all__ = ["BargainingProblem"]


@dataclass(frozen=True, eq=False)
class BargainingProblem:
    """A two-player bargaining problem on a convex polygon, held exactly.

    Build one with :meth:`from_points` or :meth:`from_game`; the constructor
    takes the hull's vertices as they are and validates them.

    Attributes
    ----------
    vertices : tuple of pairs of Fraction
        The feasible set's vertices, counter-clockwise (one for a point, two
        for a segment).
    disagreement : pair of Fraction
        The payoffs when the players do not agree.
    players : pair of str
    labels : tuple of tuple
        Per vertex, the game cells ``(row, column)`` with that payoff pair
        (empty tuples for a problem built from points).
    disagreement_rule : str
        How the disagreement point was chosen (``"explicit"``, ``"security"``, ...).

    Raises
    ------
    BargainingError
        If the disagreement point lies outside the set, or no feasible point
        is strictly better than it for both players.

    Examples
    --------
    >>> p = BargainingProblem.from_points([(0, 0), (2, 0), (0, 1)], (0, 0))
    >>> p.frontier
    ((Fraction(0, 1), Fraction(1, 1)), (Fraction(2, 1), Fraction(0, 1)))
    """

    vertices: tuple
    disagreement: tuple
    players: tuple = DEFAULT_PLAYERS
    labels: tuple = ()
    disagreement_rule: str = "explicit"

    def __post_init__(self):
        vertices = tuple(as_point(v, "vertex") for v in self.vertices)
        if not vertices:
            raise BargainingError("the feasible set has no vertices")
        hull = _monotone_chain(vertices)
        if set(hull) != set(vertices) or len(hull) != len(vertices):
            raise BargainingError("the vertices do not form a convex polygon; use BargainingProblem.from_points")
        if self.labels and len(self.labels) == len(vertices):
            by_vertex = dict(zip(vertices, self.labels))
            object.__setattr__(self, "labels", tuple(by_vertex[v] for v in hull))
        vertices = hull
        d = as_point(self.disagreement, "disagreement point")
        players = tuple(self.players)
        if len(players) != 2 or not all(isinstance(p, str) and p for p in players):
            raise BargainingError(f"players must be two non-empty names, got {self.players!r}")
        labels = tuple(tuple(x) for x in self.labels) if self.labels else tuple(() for _ in vertices)
        if len(labels) != len(vertices):
            raise BargainingError("labels must give one tuple of cells per vertex")
        object.__setattr__(self, "vertices", vertices)
        object.__setattr__(self, "disagreement", d)
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "labels", labels)
        if not self.contains(d):
            raise BargainingError(
                f"the disagreement point ({float(d[0]):g}, {float(d[1]):g}) lies outside the feasible set"
            )
        rf = self.rational_frontier()
        if len(rf) < 2 and not (rf[0][0] > d[0] and rf[0][1] > d[1]):
            raise BargainingError(
                "no feasible point is strictly better than the disagreement point for both players"
            )

    # ------------------------------------------------------------ constructors
    @classmethod
    def from_points(cls, points, disagreement, *, players=DEFAULT_PLAYERS) -> BargainingProblem:
        """The problem on the convex hull of ``points``.

        Examples
        --------
        >>> p = BargainingProblem.from_points([(0, 0), (1, 1), (2, 2)], (0, 0))
        >>> len(p.vertices)
        2
        """
        return cls(convex_hull(points), disagreement, players=players)

    @classmethod
    def from_game(cls, game: Game, disagreement="security") -> BargainingProblem:
        """The problem of jointly randomised agreements in a bimatrix game.

        The feasible set is the convex hull of the game's payoff pairs (any
        lottery over cells can be agreed on). The disagreement point is an
        explicit pair, an :class:`~bargaining.Equilibrium`, or a rule:
        ``"security"`` (each player's maxmin value, by linear programming),
        ``"worst-for-1"`` / ``"best-for-1"`` (the Nash equilibrium worst or
        best for player 1) or ``"risk-dominant"`` (of a 2x2 game with two
        strict pure equilibria; Harsanyi and Selten 1988).

        Examples
        --------
        >>> pd = Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> p = BargainingProblem.from_game(pd)
        >>> tuple(map(str, p.disagreement)), p.disagreement_rule
        (('1', '1'), 'security')
        """
        if not isinstance(game, Game):
            raise GameError(f"from_game needs a Game, got {type(game).__name__}")
        from .disagreement import game_disagreement  # it builds on this module

        d, rule = game_disagreement(game, disagreement)
        cells: dict = {}
        for i, row in enumerate(game.strategies[0]):
            for j, col in enumerate(game.strategies[1]):
                cells.setdefault((game.exact_A[i][j], game.exact_B[i][j]), []).append((row, col))
        vertices = convex_hull(list(cells))
        labels = tuple(tuple(cells[v]) for v in vertices)
        return cls(vertices, d, players=game.players, labels=labels, disagreement_rule=rule)

    def with_disagreement(self, disagreement, rule: str = "explicit") -> BargainingProblem:
        """The same feasible set with another disagreement point."""
        return BargainingProblem(self.vertices, disagreement, self.players, self.labels, rule)

    # --------------------------------------------------------------- geometry
    def contains(self, point) -> bool:
        """Whether ``point`` lies in the feasible set (boundary included)."""
        p = as_point(point, "point")
        v = self.vertices
        if len(v) == 1:
            return p == v[0]
        if len(v) == 2:
            return _cross(v[0], v[1], p) == 0 and min(v[0], v[1]) <= p <= max(v[0], v[1])
        return all(_cross(v[k], v[(k + 1) % len(v)], p) >= 0 for k in range(len(v)))

    def ray_length(self, direction, origin=None) -> Fraction:
        """Largest ``t >= 0`` with ``origin + t * direction`` feasible (``origin`` = d)."""
        o = self.disagreement if origin is None else as_point(origin, "origin")
        return _ray(self.vertices, o, as_point(direction, "direction"))

    def comprehensive_ray(self, direction) -> Fraction:
        """Largest ``t`` with ``d + t * direction`` in the d-comprehensive individually rational set.

        That set is every point between ``d`` and an individually rational
        feasible point (free disposal down to ``d``); rays from ``d`` into the
        positive quadrant always reach its frontier.
        """
        d = self.disagreement
        rf = self.rational_frontier()
        corners = [d, (d[0], rf[0][1]), (rf[-1][0], d[1])]
        return _ray(_monotone_chain([*rf, *corners]), d, as_point(direction, "direction"))

    @property
    def frontier(self) -> tuple:
        """The (strong) Pareto frontier's vertices, by increasing payoff of player 1."""
        return pareto_chain(self.vertices)

    def rational_frontier(self) -> tuple:
        """The part of the Pareto frontier where both get at least their disagreement payoff.

        Examples
        --------
        >>> p = BargainingProblem.from_points([(0, 0), (4, 0), (0, 4)], (1, 2))
        >>> [tuple(map(int, q)) for q in p.rational_frontier()]
        [(1, 3), (2, 2)]
        """
        d = self.disagreement
        f = self.frontier
        if len(f) == 1:
            return f
        out = []
        for a, b in zip(f[:-1], f[1:]):
            if a[1] < d[1] or b[0] < d[0]:
                continue
            x_lo = max(a[0], d[0])
            x_hi = b[0] if b[1] >= d[1] else a[0] + (a[1] - d[1]) * (b[0] - a[0]) / (a[1] - b[1])
            if x_lo > x_hi:
                continue
            for x in (x_lo, x_hi):
                q = (x, _on_edge(a, b, x))
                if not out or out[-1] != q:
                    out.append(q)
        if not out:
            # only a single frontier vertex is individually rational
            out = [max(f, key=lambda q: min(q[0] - d[0], q[1] - d[1]))]
        return tuple(out)

    def ideal_point(self) -> tuple:
        """Each player's best individually rational payoff (the Kalai–Smorodinsky utopia)."""
        f = self.rational_frontier()
        return (f[-1][0], f[0][1])

    # -------------------------------------------------------------- outcomes
    def mix(self, point) -> dict | None:
        """The lottery over game cells that yields ``point`` (None without cells).

        Examples
        --------
        >>> g = Game([[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=(("F", "B"), ("F", "B")))
        >>> BargainingProblem.from_game(g).mix((Fraction(3, 2), Fraction(3, 2)))
        {('F', 'F'): Fraction(1, 2), ('B', 'B'): Fraction(1, 2)}
        """
        if not any(self.labels):
            return None
        p = as_point(point, "point")
        v = self.vertices
        for k, q in enumerate(v):
            if q == p:
                return {self.labels[k][0]: Fraction(1)}
        for k in range(len(v)):
            a, b = v[k], v[(k + 1) % len(v)]
            if len(v) > 1 and _cross(a, b, p) == 0 and min(a, b) <= p <= max(a, b):
                axis = 0 if a[0] != b[0] else 1
                lam = (p[axis] - a[axis]) / (b[axis] - a[axis])
                return {self.labels[k][0]: 1 - lam, self.labels[(k + 1) % len(v)][0]: lam}
        raise BargainingError("the point is not on the boundary of the feasible set")

    def __repr__(self) -> str:
        verts = ", ".join(f"({float(a):g}, {float(b):g})" for a, b in self.vertices)
        d = self.disagreement
        return (
            f"BargainingProblem(vertices=[{verts}], disagreement=({float(d[0]):g}, {float(d[1]):g}), "
            f"rule={self.disagreement_rule!r})"
        )


def _ray(v, o, w) -> Fraction:
    """Largest ``t >= 0`` with ``o + t * w`` in the polygon with vertices ``v`` (counter-clockwise)."""
    if len(v) == 1:
        return Fraction(0)
    if len(v) == 2:
        if _cross((0, 0), (v[1][0] - v[0][0], v[1][1] - v[0][1]), w) != 0:
            return Fraction(0)
        k = 0 if w[0] != 0 else 1
        ends = [(e[k] - o[k]) / w[k] for e in v]
        return max(Fraction(0), max(ends))
    best = None
    for k in range(len(v)):
        a, b = v[k], v[(k + 1) % len(v)]
        # inside: cross(a, b, o + t w) >= 0, linear in t
        slope = (b[0] - a[0]) * w[1] - (b[1] - a[1]) * w[0]
        if slope < 0:
            t = _cross(a, b, o) / -slope
            best = t if best is None or t < best else best
    return Fraction(0) if best is None else max(Fraction(0), best)


def _on_edge(a, b, x) -> Fraction:
    if b[0] == a[0]:
        return a[1]
    return a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])
