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

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..errors import SolverError
from ..games.game import Game, to_fraction
from ..games.zero_sum import ZeroSumSolution, solve_zero_sum
from .geometry import convex_hull, pareto_chain
from .problem import BargainingProblem

__all__ = ["ThreatSolution", "variable_threat"]


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

        return BargainingProblem.mix(self, point)
