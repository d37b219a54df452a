"""Nash's (1953) variable-threat bargaining solution of a bimatrix game.

Before bargaining, each player commits to a threat: a mixed strategy to be
played if no agreement is reached. The threats give the disagreement point
``t``, and the agreement is the Nash bargaining solution from ``t`` on the
hull of the game's payoff pairs. On a Pareto edge ``h*u1 + u2 = c`` the Nash
solution from ``t`` is ``u1 = (c + h*t1 - t2) / (2h)``, so player 1 wants to
maximise and player 2 to minimise ``h*t1 - t2``: the threat game is the
zero-sum game with matrix ``h*A - B``. The solution is found edge by edge
(and at the frontier's vertices) until the threat game's value puts the
agreement on the edge whose slope defined it.

References
----------
Nash, J. F. (1953). Two-person cooperative games. *Econometrica* 21(1), 128-140.
Owen, G. (1995). *Game Theory*, 3rd ed., Section VII.3. Academic Press.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from scipy.optimize import linprog

from .errors import SolverError
from .game import Game, to_fraction

__all__ = ["ZeroSumSolution", "solve_zero_sum", "ThreatSolution", "variable_threat"]


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


@dataclass(frozen=True, eq=False)
class ThreatSolution:
    """Nash's variable-threat solution of a bimatrix game.

    Attributes
    ----------
    threats : pair of dict
        Each player's optimal threat, strategy name -> probability.
    threat_point : pair
        The payoffs if both threats are carried out (the disagreement point).
    payoffs : pair
        The agreement: the Nash solution from the threat point.
    slope : number
        ``h``: the frontier at the agreement is ``h*u1 + u2 = const``; the
        threat game is ``h*A - B``.
    mix : dict
        The agreed lottery over cells ``(row, column)``.
    players : pair of str
    exact : bool
        Whether the threats and threat point are exact (the agreement always
        is when it lies inside an edge).
    method : str
    """

    threats: tuple
    threat_point: tuple
    payoffs: tuple
    slope: object
    mix: dict
    players: tuple
    exact: bool
    method: str

    def describe(self, digits: int = 4) -> str:
        """One line: the agreement and the threat point."""
        pay = ", ".join(f"{p} {float(u):.{digits}g}" for p, u in zip(self.players, self.payoffs))
        tp = ", ".join(f"{float(u):.{digits}g}" for u in self.threat_point)
        return f"variable-threat: {pay} (threat point ({tp}))"


def _threat_game(game, h):
    A, B = game.exact_A, game.exact_B
    M = [[h * a - b for a, b in zip(ra, rb)] for ra, rb in zip(A, B)]
    return solve_zero_sum(M)


def _record(game, h, sol, point, problem, method):
    A, B = game.exact_A, game.exact_B
    x, y = sol.row_strategy, sol.col_strategy
    if sol.exact:
        t1 = sum(x[i] * A[i][j] * y[j] for i in range(len(x)) for j in range(len(y)))
        t2 = sum(x[i] * B[i][j] * y[j] for i in range(len(x)) for j in range(len(y)))
    else:
        t1 = float(np.asarray(x) @ game.A @ np.asarray(y))
        t2 = float(np.asarray(x) @ game.B @ np.asarray(y))
    threats = (dict(zip(game.strategies[0], x)), dict(zip(game.strategies[1], y)))
    return ThreatSolution(
        threats=threats, threat_point=(t1, t2), payoffs=tuple(point), slope=h, mix=problem.mix(point),
        players=game.players, exact=sol.exact, method=method,
    )


def variable_threat(game: Game, *, tol: float = 1e-12) -> ThreatSolution:
    """Nash's (1953) variable-threat solution of a bimatrix game.

    For each edge of the Pareto frontier (slope ``-h``), the threat game
    ``h*A - B`` is solved by linear programming (made exact by a
    Shapley–Snow kernel); its value ``V`` puts the Nash solution on the
    edge's line at ``u1 = (c + V) / (2h)``. The edge containing its own
    solution is the answer. If none does, the answer is the frontier vertex
    at which the adjacent edges' solutions point at each other; its
    supporting slope ``h`` is found by bisection, so the threats there are
    floats (``exact=False``) while the agreement is the exact vertex.

    Parameters
    ----------
    game : Game
        The bimatrix game; agreements are its jointly randomised outcomes.
    tol : float
        Bisection tolerance on ``h`` for a solution at a vertex.

    Returns
    -------
    ThreatSolution
        The optimal threats, the threat point, the agreed payoffs and
        lottery, the slope ``h`` and how they were computed.

    Examples
    --------
    A symmetric game has a symmetric solution (Barron, *Game Theory: An
    Introduction*, 2nd ed., the "Split or Claim" exercise of ch. 6):

    >>> split = Game([[0.5, 0], [1, 0]], [[0.5, 1], [0, 0]],
    ...              strategies=(("Split", "Claim"), ("Split", "Claim")))
    >>> s = variable_threat(split)
    >>> s.payoffs
    (Fraction(1, 2), Fraction(1, 2))
    >>> s.threats[0]["Claim"], s.threat_point
    (Fraction(1, 1), (Fraction(0, 1), Fraction(0, 1)))
    """
    from .problem import convex_hull, pareto_chain

    if not isinstance(game, Game):
        raise SolverError(f"variable_threat needs a Game, got {type(game).__name__}")
    hull = convex_hull([(a, b) for ra, rb in zip(game.exact_A, game.exact_B) for a, b in zip(ra, rb)])
    f = pareto_chain(hull)
    problem = _problem_for(game)
    if len(f) == 1:
        # one Pareto-dominant outcome: agree on it; threats of the h = 1 game
        return _record(game, Fraction(1), _threat_game(game, Fraction(1)), f[0], problem, "dominant outcome")
    slopes = [(p[1] - q[1]) / (q[0] - p[0]) for p, q in zip(f[:-1], f[1:])]
    wants = []
    for (p, q), h in zip(zip(f[:-1], f[1:]), slopes):
        sol = _threat_game(game, h)
        if not sol.exact:
            raise SolverError("the threat game could not be solved exactly on a frontier edge")
        c = h * p[0] + p[1]
        u1 = (c + sol.value) / (2 * h)
        if p[0] <= u1 <= q[0]:
            return _record(game, h, sol, (u1, c - h * u1), problem, "threat game h*A - B on a frontier edge")
        wants.append(u1)
    k = _vertex_index(f, wants)
    v = f[k]
    lo = Fraction(0) if k == 0 else slopes[k - 1]
    if k < len(slopes):
        hi = slopes[k]
    else:
        hi = max(Fraction(1), 2 * lo)
        while _gap(game, hi, v) > 0 and hi < 1e12:
            hi *= 2
    lo_f, hi_f = float(lo), float(hi)
    while hi_f - lo_f > tol * max(1.0, hi_f):
        mid = (lo_f + hi_f) / 2
        if _gap(game, to_fraction(mid), v) > 0:
            lo_f = mid
        else:
            hi_f = mid
    h = to_fraction((lo_f + hi_f) / 2)
    sol = _threat_game(game, h)
    floats = ZeroSumSolution(
        tuple(float(a) for a in sol.row_strategy), tuple(float(b) for b in sol.col_strategy),
        float(sol.value), False,
    )
    return _record(game, h, floats, v, problem, "frontier vertex; supporting slope by bisection")


def _gap(game, h, v):
    """g(h) = V(h) - (h v1 - v2): positive when the solution wants to lie right of v."""
    return _threat_game(game, h).value - (h * v[0] - v[1])


def _vertex_index(f, wants):
    if wants[0] < f[0][0]:
        return 0
    if wants[-1] > f[-1][0]:
        return len(f) - 1
    for k in range(1, len(f) - 1):
        if wants[k - 1] > f[k][0] > wants[k]:
            return k
    raise SolverError("internal: no consistent frontier edge or vertex")  # pragma: no cover


def _problem_for(game):
    """A problem on the game's hull, used only to express points as lotteries over cells."""
    from .problem import convex_hull

    cells: dict = {}
    for i, row in enumerate(game.strategies[0]):
        for j, col in enumerate(game.strategies[1]):
            cells.setdefault((game.exact_A[i][j], game.exact_B[i][j]), []).append((row, col))
    hull = convex_hull(list(cells))
    labels = tuple(tuple(cells[v]) for v in hull)
    return _MixOnly(hull, labels)


class _MixOnly:
    """The lottery lookup of BargainingProblem without its validation of d."""

    def __init__(self, vertices, labels):
        self.vertices, self.labels = vertices, labels

    def mix(self, point):
        from .problem import BargainingProblem

        return BargainingProblem.mix(self, point)
