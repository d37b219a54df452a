r"""One Nash equilibrium of a (possibly large) bimatrix game by Lemke–Howson.

Complementary pivoting on the best-response polytopes of
:mod:`bargaining.games.exact` (payoffs shifted to be positive):
:math:`P = \{x \ge 0 : B^\top x \le 1\}` with labels ``i`` (``x_i = 0``) and
``m + j`` (column ``j`` tight), :math:`Q = \{y \ge 0 : A y \le 1\}` likewise.
From the artificial equilibrium ``(0, 0)`` the label ``k`` is dropped (its
variable enters), and whatever label leaves one tableau has its complement
enter the other, until ``k`` itself leaves: the pair is then completely
labelled, a Nash equilibrium (Lemke and Howson 1964; von Stengel 2007,
section 3.4). Each starting label may end at a different equilibrium.

Degenerate games are handled by the lexicographic ratio test (the leaving
row is the lexicographic minimum of the rows of
:math:`[\,B^{-1}b \mid B^{-1}\,]` over the entering column), which never
cycles. Two arithmetics: floats (numpy row operations, the lexicographic
test with a tolerance, as QuantEcon does) and exact integers
(fraction-free pivoting, as :mod:`bargaining.games.reverse_search`). Every
answer is verified by its regret (exactly 0 with ``exact=True``); a float
path that fails verification is dropped, never returned.

References
----------
C. E. Lemke and J. T. Howson (1964), "Equilibrium points of bimatrix games",
*SIAM Journal on Applied Mathematics* 12:413-423.
B. von Stengel (2007), "Equilibrium computation for two-player games in
strategic and extensive form", ch. 3 of N. Nisan et al. (eds.),
*Algorithmic Game Theory*, Cambridge University Press.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..errors import GameError, SolverError
from .equilibrium import DEFAULT_TOL, Equilibrium, make_equilibrium
from .exact import _integer_positive
from .game import Game
from .reverse_search import _leaving, _pivot

__all__ = ["lemke_howson"]

_PIVOT_TOL = 1e-10


class _Tableau:
    """One polytope ``{z >= 0 : M^T z <= 1}`` as a tableau: rows are constraints, column 0 the right-hand side.

    Variables ``0..V-1`` are ``z``, ``V..V+C-1`` the slacks; ``label[v]`` is
    each variable's label in the game's numbering.
    """

    def __init__(self, M, labels, exact):
        V, C = len(M), len(M[0])
        self.V, self.C, self.exact = V, C, exact
        self.label = labels
        self.var_of = {lab: v for v, lab in enumerate(labels)}
        self.basis = list(range(V, V + C))
        self.lex = [0] + [1 + V + j for j in range(C)]
        if exact:
            self.T = [[1] + [int(M[v][j]) for v in range(V)] + [int(k == j) for k in range(C)] for j in range(C)]
            self.d = 1
        else:
            M = np.asarray(M, dtype=float)
            self.T = np.hstack([np.ones((C, 1)), M.T, np.eye(C)])

    def enter(self, v):
        """Pivot variable ``v`` in; returns the label of the variable that leaves."""
        c = 1 + v
        if self.exact:
            r = _leaving(self.T, c, self.lex)
            if r is None:
                raise SolverError("Lemke-Howson: unbounded ray (the payoffs were not shifted positive?)")
            self.T, self.d = _pivot(self.T, self.d, r, c)
        else:
            r = self._leaving_float(c)
            T = self.T
            T[r] /= T[r, c]
            col = T[:, c].copy()
            col[r] = 0.0
            T -= np.outer(col, T[r])
        left = self.basis[r]
        self.basis[r] = v
        return self.label[left]

    def _leaving_float(self, c):
        T = self.T
        column = T[:, c]
        rows = np.flatnonzero(column > _PIVOT_TOL)
        if len(rows) == 0:
            raise SolverError("Lemke-Howson: no pivot row (numerically unbounded); try exact=True")
        for k in self.lex:  # lexicographic minimum ratio, with a tolerance on ties
            ratio = T[rows, k] / column[rows]
            low = ratio.min()
            rows = rows[ratio <= low + _PIVOT_TOL]
            if len(rows) == 1:
                break
        return int(rows[0])

    def point(self):
        """The ``z`` part of the current basic solution (unnormalised)."""
        if self.exact:
            z = [Fraction(0)] * self.V
            for i, v in enumerate(self.basis):
                if v < self.V:
                    z[v] = Fraction(self.T[i][0], self.d)
            return z
        z = np.zeros(self.V)
        for i, v in enumerate(self.basis):
            if v < self.V:
                z[v] = self.T[i, 0]
        return np.clip(z, 0.0, None)


def _shifted(M, exact):
    if exact:
        return _integer_positive(M)
    M = np.asarray(M, dtype=float)
    return M - M.min() + 1.0


def _path(game: Game, label: int, exact: bool, max_pivots: int):
    """The profile at the end of the Lemke-Howson path that drops ``label``."""
    m, n = game.shape
    B = _shifted(game.exact_B if exact else game.B, exact)
    A = _shifted(game.exact_A if exact else game.A, exact)
    P = _Tableau(B, list(range(m)) + [m + j for j in range(n)], exact)  # x_i: label i; slack j: m + j
    At = [list(col) for col in zip(*A)] if exact else np.asarray(A).T
    Q = _Tableau(At, [m + j for j in range(n)] + list(range(m)), exact)  # y_j: m + j; slack i: i
    tableau = P if label < m else Q
    entering = tableau.var_of[label]
    for _ in range(max_pivots):
        left = tableau.enter(entering)
        if left == label:
            break
        tableau = Q if tableau is P else P
        entering = tableau.var_of[left]
    else:
        raise SolverError(f"Lemke-Howson did not finish within {max_pivots} pivots from label {label}")
    x, y = P.point(), Q.point()
    if exact:
        return tuple(v / sum(x) for v in x), tuple(v / sum(y) for v in y)
    return x / x.sum(), y / y.sum()


def _order_key(eq: Equilibrium):
    """The order of :func:`bargaining.games.equilibria`: pure first, support size, positions, then values."""
    x, y = (np.array([float(p) for p in s]) for s in eq.profile)
    support = tuple(np.flatnonzero(x)) + (-1,) + tuple(np.flatnonzero(y))
    return (not eq.is_pure, sum(len(s) for s in eq.support), support, tuple(-x), tuple(-y))


def lemke_howson(
    game: Game,
    *,
    label: int | None = None,
    exact: bool = False,
    tol: float = DEFAULT_TOL,
    max_pivots: int = 100_000,
) -> tuple[Equilibrium, ...]:
    """Nash equilibria of a two-player game by Lemke–Howson, from one or every starting label.

    Parameters
    ----------
    game : Game
        A two-player game of any size.
    label : int, optional
        The label to drop first: ``0 .. m-1`` for player 1's strategies,
        ``m .. m+n-1`` for player 2's. By default every label is tried and
        the distinct equilibria found are returned.
    exact : bool
        Pivot in exact integer arithmetic and return exact records (regret
        exactly 0). Otherwise floats, verified with ``tol``.
    tol : float
        The largest regret accepted in floating point.
    max_pivots : int
        Pivots allowed per path.

    Returns
    -------
    tuple of Equilibrium
        Verified, distinct, in the order of :func:`bargaining.games.equilibria`
        (pure first, then by support size and positions); method
        ``"lemke-howson"``. Not every equilibrium of the game in general.

    Raises
    ------
    GameError
        If ``label`` is out of range.
    SolverError
        If no path ends at a verified equilibrium (floats: try ``exact=True``).

    References
    ----------
    C. E. Lemke and J. T. Howson (1964), "Equilibrium points of bimatrix
    games", SIAM Journal on Applied Mathematics 12:413-423.

    Examples
    --------
    >>> battle = Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [e.describe() for e in lemke_howson(battle, exact=True)]
    ['Player 1: s1 · Player 2: s1', 'Player 1: s2 · Player 2: s2']
    >>> lemke_howson(battle, label=0)[0].is_pure
    True
    """
    m, n = game.shape
    if label is None:
        labels = range(m + n)
    elif isinstance(label, (int, np.integer)) and not isinstance(label, bool) and 0 <= label < m + n:
        labels = [int(label)]
    else:
        raise GameError(f"label must be an integer in 0..{m + n - 1}, got {label!r}")
    found: list[Equilibrium] = []
    seen = set()
    failures = []
    for k in labels:
        try:
            profile = _path(game, k, exact, max_pivots)
            eq = make_equilibrium(game, profile, "lemke-howson", exact=exact, tol=tol)
        except SolverError as err:
            failures.append(f"label {k}: {err}")
            continue
        key = eq.profile if exact else tuple(np.round(np.concatenate(eq.profile), 9))
        if key not in seen:
            seen.add(key)
            found.append(eq)
    if not found:
        raise SolverError("Lemke-Howson found no verified equilibrium: " + "; ".join(failures[:3]))
    return tuple(sorted(found, key=_order_key))
