"""Axiomatic bargaining solutions on a polygon, computed exactly edge by edge.

Every solution has the call pattern ``f(problem, *, ...) -> Agreement`` and
is listed in :data:`SOLUTIONS`. The Pareto frontier of a polygon is piecewise
linear, so each solution has a closed form on each edge; with rational data
(every :class:`~bargaining.BargainingProblem` is held in
:class:`~fractions.Fraction`) the answer is an exact rational.

- Nash (1950), generalised with power ``a`` for player 1: on the edge
  ``u2 - d2 = L - s (u1 - d1)`` the product ``(u1-d1)^a (u2-d2)^(1-a)`` is
  maximal at ``u1 - d1 = a L / s``.
- Kalai and Smorodinsky (1975): the frontier point on the segment from ``d``
  to the ideal point.
- Egalitarian / proportional (Kalai 1977): the largest ``d + t w``, refined
  lexicographically (leximin) when that point is only weakly Pareto optimal.
- Utilitarian: the largest weighted sum on the individually rational
  frontier; when a whole edge is optimal it is reported, and the point chosen
  on it is the Nash solution of that edge.

References
----------
Nash, J. F. (1950). The bargaining problem. *Econometrica* 18(2), 155-162.
Kalai, E. and Smorodinsky, M. (1975). Other solutions to Nash's bargaining
problem. *Econometrica* 43(3), 513-518.
Kalai, E. (1977). Proportional solutions to bargaining situations.
*Econometrica* 45(7), 1623-1630.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..errors import BargainingError, GameError
from ..games.game import to_fraction
from .problem import BargainingProblem

__all__ = [
    "Agreement",
    "SOLUTIONS",
    "ALIASES",
    "get_solution",
    "nash_solution",
    "kalai_smorodinsky",
    "egalitarian",
    "utilitarian",
]


@dataclass(frozen=True, eq=False)
class Agreement:
    """The outcome of a bargaining solution, saying how it was obtained.

    Attributes
    ----------
    solution : str
        The solution concept (``"nash"``, ``"kalai-smorodinsky"``, ...).
    payoffs : pair
        Each player's payoff (Fractions when ``exact``).
    disagreement : pair
        The disagreement point used.
    players : pair of str
    method : str
        How it was computed, including any tie-break.
    exact : bool
    mix : dict or None
        For a problem from a game: cell ``(row, column)`` -> probability of the
        jointly randomised agreement.
    issue_value : number or None
        For issue bargaining: the agreed value of the issue variable.
    variable : str or None
        The issue variable's name.
    optimal_set : tuple or None
        The endpoints of the optimal edge when the solution is not a point
        (utilitarian with a tie).
    """

    solution: str
    payoffs: tuple
    disagreement: tuple
    players: tuple
    method: str
    exact: bool
    mix: dict | None = None
    issue_value: object = None
    variable: str | None = None
    optimal_set: tuple | None = None

    def describe(self, digits: int = 4) -> str:
        """A one-line description of the agreement."""

        def show(v):
            return f"{float(v):.{digits}g}"

        pay = ", ".join(f"{p} {show(u)}" for p, u in zip(self.players, self.payoffs))
        dis = ", ".join(show(u) for u in self.disagreement)
        text = f"{self.solution}: {pay} (disagreement ({dis}))"
        if self.issue_value is not None:
            text += f"; {self.variable} = {show(self.issue_value)}"
        return text

    def __repr__(self) -> str:
        return f"Agreement({self.describe()})"

    def _repr_html_(self) -> str:
        from ..games.display import html_table

        rows = [[p, u, d] for p, u, d in zip(self.players, self.payoffs, self.disagreement)]
        if self.issue_value is not None:
            rows.append([f"issue {self.variable}", self.issue_value, ""])
        return html_table(["player", "agreed payoff", "disagreement"], rows,
                          caption=f"{self.solution} ({self.method})")


def _agreement(problem, name, point, method, **extra) -> Agreement:
    return Agreement(
        solution=name,
        payoffs=tuple(point),
        disagreement=problem.disagreement,
        players=problem.players,
        method=method,
        exact=True,
        mix=problem.mix(point),
        **extra,
    )


def _check_problem(problem):
    if not isinstance(problem, BargainingProblem):
        raise BargainingError(f"expected a BargainingProblem, got {type(problem).__name__}")


def _weights(weights) -> tuple[Fraction, Fraction]:
    if weights is None:
        return (Fraction(1), Fraction(1))
    try:
        w = (to_fraction(weights[0]), to_fraction(weights[1]))
    except (GameError, TypeError, IndexError):
        raise BargainingError(f"weights must be two positive numbers, got {weights!r}") from None
    if len(weights) != 2 or min(w) <= 0:
        raise BargainingError(f"weights must be two positive numbers, got {weights!r}")
    return w


def _edge_nash(a, b, d, power) -> Fraction:
    """Player 1's payoff maximising the Nash product on the line through edge (a, b)."""
    s = (a[1] - b[1]) / (b[0] - a[0])
    gain = (a[1] - d[1]) + s * (a[0] - d[0])
    return d[0] + power * gain / s


def _on_line(a, b, x) -> Fraction:
    return a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def nash_solution(problem: BargainingProblem, *, power=Fraction(1, 2)) -> Agreement:
    """The (generalised) Nash bargaining solution.

    Maximises ``(u1 - d1)**power * (u2 - d2)**(1 - power)`` over the
    individually rational frontier, exactly: on each edge the maximiser of the
    product along the edge's line is ``u1 - d1 = power * L / s`` (``s`` the
    edge's slope in absolute value, ``L`` player 2's gain where player 1
    gains nothing); the solution is on the edge containing its own optimum,
    or at the vertex where the optima of the two adjacent edges point at
    each other.

    Parameters
    ----------
    problem : BargainingProblem
        The feasible set and disagreement point.
    power : number in (0, 1)
        Player 1's bargaining power; 1/2 is the symmetric solution.

    Returns
    -------
    Agreement
        The exact agreement, with the jointly randomised mix when the problem
        comes from a game.

    Raises
    ------
    BargainingError
        If ``problem`` is not a :class:`BargainingProblem` or ``power`` is
        not a number strictly between 0 and 1.

    Examples
    --------
    >>> p = BargainingProblem.from_points([(0, 0), (1, 0), (0, 1)], (0, 0))
    >>> nash_solution(p).payoffs
    (Fraction(1, 2), Fraction(1, 2))
    >>> nash_solution(p, power=0.3).payoffs
    (Fraction(3, 10), Fraction(7, 10))
    """
    _check_problem(problem)
    try:
        a = to_fraction(power)
    except GameError:
        raise BargainingError(f"power must be a number in (0, 1), got {power!r}") from None
    if not 0 < a < 1:
        raise BargainingError(f"power must lie strictly between 0 and 1, got {power!r}")
    point = _nash_point(problem.rational_frontier(), problem.disagreement, a)
    name = "nash" if a == Fraction(1, 2) else f"nash (power {a})"
    return _agreement(problem, name, point, "exact maximiser of the Nash product, edge by edge")


def _nash_point(f, d, a):
    if len(f) == 1:
        return f[0]
    optima = [_edge_nash(p, q, d, a) for p, q in zip(f[:-1], f[1:])]
    for (p, q), x in zip(zip(f[:-1], f[1:]), optima):
        if p[0] <= x <= q[0]:
            return (x, _on_line(p, q, x))
    if optima[0] < f[0][0]:
        return f[0]
    if optima[-1] > f[-1][0]:
        return f[-1]
    for k in range(1, len(f) - 1):
        if optima[k - 1] > f[k][0] > optima[k]:
            return f[k]
    raise BargainingError("internal: no Nash solution found on the frontier")  # pragma: no cover


def _max_u1_given_u2(f, y):
    """Largest u1 on the frontier with u2 >= y (frontier by increasing u1)."""
    if y <= f[-1][1]:
        return f[-1]
    for p, q in zip(f[:-1], f[1:]):
        if q[1] <= y <= p[1]:
            return (p[0] + (q[0] - p[0]) * (p[1] - y) / (p[1] - q[1]), y)
    return f[0]


def _max_u2_given_u1(f, x):
    if x <= f[0][0]:
        return f[0]
    for p, q in zip(f[:-1], f[1:]):
        if p[0] <= x <= q[0]:
            return (x, _on_line(p, q, x))
    return f[-1]


def kalai_smorodinsky(problem: BargainingProblem) -> Agreement:
    """The Kalai–Smorodinsky solution: gains proportional to the ideal gains.

    The ideal point gives each player the most it can get in an individually
    rational agreement; the solution is the last feasible point on the segment
    from ``d`` towards the ideal point.

    Parameters
    ----------
    problem : BargainingProblem
        The feasible set and disagreement point.

    Returns
    -------
    Agreement
        The exact agreement, named ``"kalai-smorodinsky"``.

    Raises
    ------
    BargainingError
        If ``problem`` is not a :class:`BargainingProblem`.

    Examples
    --------
    >>> p = BargainingProblem.from_points([(0, 0), (2, 0), (0, 1)], (0, 0))
    >>> kalai_smorodinsky(p).payoffs
    (Fraction(1, 1), Fraction(1, 2))
    """
    _check_problem(problem)
    d = problem.disagreement
    ideal = problem.ideal_point()
    direction = (ideal[0] - d[0], ideal[1] - d[1])
    t = problem.comprehensive_ray(direction)
    point = (d[0] + t * direction[0], d[1] + t * direction[1])
    return _agreement(problem, "kalai-smorodinsky", point, "ray from d to the ideal point, exact")


def egalitarian(problem: BargainingProblem, *, weights=None) -> Agreement:
    """The egalitarian (weights equal) or proportional solution.

    The largest ``d + t * (w1, w2)`` in the set: equal gains, or gains in
    the proportion of ``weights``. When that point is only weakly Pareto
    optimal (it lies on a horizontal or vertical edge), the player who can
    still gain does (the leximin refinement).

    Parameters
    ----------
    problem : BargainingProblem
        The feasible set and disagreement point.
    weights : pair of positive numbers, optional
        The direction ``(w1, w2)`` of the gains; None (the default) means
        equal gains and names the result ``"egalitarian"``, any pair names it
        ``"proportional"``.

    Returns
    -------
    Agreement
        The exact agreement; its ``method`` says whether the leximin
        refinement was applied.

    Raises
    ------
    BargainingError
        If ``problem`` is not a :class:`BargainingProblem` or ``weights`` is
        not two positive numbers.

    Examples
    --------
    >>> p = BargainingProblem.from_points([(0, 0), (2, 0), (0, 1)], (0, 0))
    >>> egalitarian(p).payoffs
    (Fraction(2, 3), Fraction(2, 3))
    """
    _check_problem(problem)
    w = _weights(weights)
    d = problem.disagreement
    t = problem.comprehensive_ray(w)
    e = (d[0] + t * w[0], d[1] + t * w[1])
    f = problem.frontier
    method = "largest d + t*w, exact"
    right = _max_u1_given_u2(f, e[1])
    up = _max_u2_given_u1(f, e[0])
    if right[0] > e[0]:
        e, method = right, method + "; leximin refinement"
    elif up[1] > e[1]:
        e, method = up, method + "; leximin refinement"
    name = "egalitarian" if weights is None else "proportional"
    return _agreement(problem, name, e, method)


def utilitarian(problem: BargainingProblem, *, weights=None) -> Agreement:
    """The utilitarian solution: the largest weighted sum of payoffs.

    Maximised over the individually rational frontier (an agreement no
    player would veto). When a whole edge is optimal, ``optimal_set`` holds
    its endpoints and the reported point is the Nash solution restricted to
    that edge (the tie-break).

    Parameters
    ----------
    problem : BargainingProblem
        The feasible set and disagreement point.
    weights : pair of positive numbers, optional
        The weights ``(w1, w2)`` of the sum ``w1 * u1 + w2 * u2``; None (the
        default) means equal weights and names the result ``"utilitarian"``,
        any pair names it ``"weighted utilitarian"``.

    Returns
    -------
    Agreement
        The exact agreement; ``optimal_set`` holds the endpoints of the
        optimal edge when there is a tie, None otherwise.

    Raises
    ------
    BargainingError
        If ``problem`` is not a :class:`BargainingProblem` or ``weights`` is
        not two positive numbers.

    Examples
    --------
    >>> p = BargainingProblem.from_points([(0, 0), (2, 0), (0, 1)], (0, 0))
    >>> utilitarian(p).payoffs
    (Fraction(2, 1), Fraction(0, 1))
    >>> u = utilitarian(BargainingProblem.from_points([(0, 0), (1, 0), (0, 1)], (0, 0)))
    >>> u.payoffs, len(u.optimal_set)
    ((Fraction(1, 2), Fraction(1, 2)), 2)
    """
    _check_problem(problem)
    w = _weights(weights)
    f = problem.rational_frontier()
    values = [w[0] * p[0] + w[1] * p[1] for p in f]
    best = max(values)
    tops = [k for k, v in enumerate(values) if v == best]
    name = "utilitarian" if weights is None else "weighted utilitarian"
    if len(tops) == 1:
        return _agreement(problem, name, f[tops[0]], "best weighted sum over the rational frontier, exact")
    a, b = f[tops[0]], f[tops[-1]]
    point = _nash_point((a, b), problem.disagreement, Fraction(1, 2))
    return _agreement(
        problem, name, point, "a whole edge is optimal; tie broken by the Nash solution on that edge",
        optimal_set=(a, b),
    )


#: Solution name -> function ``f(problem, *, ...) -> Agreement``.
SOLUTIONS = {
    "nash": nash_solution,
    "kalai-smorodinsky": kalai_smorodinsky,
    "egalitarian": egalitarian,
    "utilitarian": utilitarian,
}

#: Short names accepted by :func:`get_solution` and the command line.
# Nash's variable-threat solution takes a game, not a problem, so it is not
# here: see bargaining.solutions.threats.variable_threat.
ALIASES = {"ks": "kalai-smorodinsky", "proportional": "egalitarian"}


def get_solution(name: str):
    """The solution function registered under ``name`` or one of its aliases.

    Parameters
    ----------
    name : str
        A key of :data:`SOLUTIONS` (``"nash"``, ``"kalai-smorodinsky"``,
        ``"egalitarian"``, ``"utilitarian"``) or of :data:`ALIASES`
        (``"ks"``, ``"proportional"``, ...).

    Returns
    -------
    callable
        The solution function ``f(problem, *, ...) -> Agreement``.

    Raises
    ------
    BargainingError
        If ``name`` is neither a registered solution nor an alias of one.
        (Nash's variable-threat solution works on a game, not on a
        bargaining problem: it is :func:`bargaining.variable_threat`.)

    Examples
    --------
    >>> get_solution("ks").__name__
    'kalai_smorodinsky'
    """
    key = ALIASES.get(name, name)
    if key not in SOLUTIONS:
        raise BargainingError(f"unknown solution {name!r}; choose one of {sorted(SOLUTIONS) + sorted(ALIASES)}")
    return SOLUTIONS[key]

