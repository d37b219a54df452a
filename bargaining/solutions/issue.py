"""Bargaining over one issue of a model: a transfer, a tilt, a share.

A model's ``[issue]`` section names a variable ``x`` in ``[lo, hi]``, each
player's utility as an expression in ``x`` and the parameters, and a
disagreement point (explicit, the subgame-perfect outcome of a subtree, or a
column strategy met by the row player's best reply). With utilities linear in
``x`` the agreements form a segment in payoff space; the bargaining problem
is the hull of that segment and the disagreement point, every solution of
:data:`~bargaining.SOLUTIONS` applies exactly, and the agreed payoffs map
back to one value of ``x``.

The symmetric Nash solution has a closed form: the first-order condition
``a*b1*(u2 - d2) + (1 - a)*b2*(u1 - d1) = 0`` (``b_i = du_i/dx``) is linear
in ``x``; the answer is clipped to the bounds and to the individually
rational values.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd
import sympy

from ..errors import BargainingError, ModelError
from ..games.game import to_fraction
from .axiomatic import Agreement, get_solution, nash_solution
from .problem import BargainingProblem

__all__ = ["issue_solution", "issue_closed_form", "issue_sweep", "IssueClosedForm", "problem_from_model", "solution_table"]


def _require_issue(model):
    if getattr(model, "issue", None) is None:
        raise ModelError(f"{getattr(model, 'path', model)}: the model has no [issue] section")
    return model.issue


def _numeric_issue(model, scenario, overrides):
    """(u1, u2, lo, hi, d, variable) with the parameters substituted exactly."""
    issue = _require_issue(model)
    values = model.values(scenario, **overrides)
    subs = {model.symbols[name]: sympy.Rational(v.numerator, v.denominator) if isinstance(v, Fraction) else v
            for name, v in values.items()}
    u = tuple(sympy.expand(e.subs(subs)) for e in issue.utilities)
    lo, hi = (to_fraction(sympy.nsimplify(b.subs(subs))) for b in issue.bounds)
    d = tuple(to_fraction(v) for v in model.disagreement(scenario, **overrides))
    return u, lo, hi, d, issue.variable


def _linear(u, x):
    coeffs = []
    for e in u:
        poly = sympy.Poly(e, x)
        if poly.degree() > 1:
            raise BargainingError(f"the utility {e} is not linear in {x}: only linear issues are supported")
        a = poly.coeff_monomial(1)
        b = poly.coeff_monomial(x)
        coeffs.append((to_fraction(a), to_fraction(b)))
    return coeffs


def issue_solution(model, solution: str = "nash", scenario=None, power=Fraction(1, 2), **overrides) -> Agreement:
    """The agreed value of the model's issue variable under a bargaining solution.

    Parameters
    ----------
    model : Model
        A model with an ``[issue]`` section.
    solution : str
        A name or alias in :data:`~bargaining.SOLUTIONS` (``nash``, ``ks``,
        ``egalitarian``, ``utilitarian``).
    scenario : str, optional
        A scenario of the model (``"2015"``...).
    power : number in (0, 1)
        Player 1's power, for the Nash solution.
    **overrides
        Parameter values, e.g. ``R=0.75``.

    Returns
    -------
    Agreement
        With ``issue_value`` and ``variable`` set. When no value of the
        variable is strictly better than disagreement for both players the
        agreement says so in ``method``: the individually rational value is
        reported if there is one (both weakly better), otherwise
        ``issue_value`` is None and the payoffs are the disagreement point.

    Examples
    --------
    >>> from bargaining import load_model
    >>> a = issue_solution(load_model("russia_belarus"), R=0.75)
    >>> a.issue_value
    Fraction(117, 160)
    """
    (u1, u2), lo, hi, d, x = _numeric_issue(model, scenario, overrides)
    (a1, b1), (a2, b2) = _linear((u1, u2), x)
    ends = [(a1 + b1 * t, a2 + b2 * t) for t in (lo, hi)]
    func = get_solution(solution)
    try:
        problem = BargainingProblem.from_points([*ends, d], d, players=model.players)
    except BargainingError:
        return _no_deal(model, solution, d, (a1, b1), (a2, b2), lo, hi, x)
    kwargs = {"power": power} if func is nash_solution else {}
    agreement = func(problem, **kwargs)
    value = _invert(agreement.payoffs, (a1, b1), (a2, b2))
    return Agreement(
        solution=agreement.solution, payoffs=agreement.payoffs, disagreement=d, players=model.players,
        method=agreement.method + f"; on the hull of the issue segment {x} in [{lo}, {hi}] and d",
        exact=True, issue_value=value, variable=str(x), optimal_set=agreement.optimal_set,
    )


def _invert(point, c1, c2):
    (a1, b1), (a2, b2) = c1, c2
    if b1 != 0:
        return (point[0] - a1) / b1
    return (point[1] - a2) / b2


def _no_deal(model, solution, d, c1, c2, lo, hi, x):
    (a1, b1), (a2, b2) = c1, c2
    low, high = lo, hi
    for a, b, di in ((a1, b1, d[0]), (a2, b2, d[1])):
        if b > 0:
            low = max(low, (di - a) / b)
        elif b < 0:
            high = min(high, (di - a) / b)
        elif a < di:
            low, high = Fraction(1), Fraction(0)
    if low > high:
        return Agreement(
            solution=solution, payoffs=d, disagreement=d, players=model.players,
            method=f"no deal: no value of {x} is acceptable to both players", exact=True,
            issue_value=None, variable=str(x),
        )
    # every individually rational value leaves one player exactly at d; take the one
    # best for the other player (all are equal for the indifferent one)
    value = max((low, high), key=lambda t: (a1 + b1 * t - d[0]) + (a2 + b2 * t - d[1]))
    return Agreement(
        solution=solution, payoffs=(a1 + b1 * value, a2 + b2 * value), disagreement=d, players=model.players,
        method=f"no value of {x} is strictly better than disagreement for both; the individually rational "
        f"value is reported", exact=True, issue_value=value, variable=str(x),
    )


@dataclass(frozen=True)
class IssueClosedForm:
    """The Nash solution of an issue as a sympy expression in the parameters.

    Attributes
    ----------
    variable : sympy.Symbol
    interior : sympy.Expr
        The solution of the first-order condition (valid where it lies
        within the bounds and is individually rational).
    value : sympy.Expr
        ``interior`` clipped to the bounds.
    disagreement : pair of sympy.Expr
        The disagreement point used (symbols ``d_<player>`` when the model's
        disagreement is a subgame or best reply, which are regime-dependent).
    power : sympy.Expr
    """

    variable: sympy.Symbol
    interior: sympy.Expr
    value: sympy.Expr
    disagreement: tuple
    power: sympy.Expr


def issue_closed_form(model, solution: str = "nash", *, power=None, disagreement=None) -> IssueClosedForm:
    """The closed form of the Nash solution of the model's issue.

    Parameters
    ----------
    model : Model
        A model with an ``[issue]`` section whose utilities are linear in the
        issue variable; the parameters stay symbolic.
    solution : {"nash"}
        Only the Nash solution has a closed form here.
    power : sympy expression or number, optional
        Player 1's power; 1/2 by default.
    disagreement : pair of sympy expressions, optional
        Replaces the model's disagreement point (e.g. the outcome of a
        credible threat, ``(-m, o - sigma*R)`` for Armenia). By default the
        issue's explicit disagreement point, or symbols ``d_<player>`` when
        it is a subgame or a best reply.

    Returns
    -------
    IssueClosedForm
        The interior solution of the first-order condition, the value clipped
        to the issue's bounds, the disagreement point and the power used.

    Raises
    ------
    BargainingError
        If ``solution`` is not ``"nash"``, the utilities are not linear in
        the issue variable, or the first-order condition has no unique
        solution.
    ModelError
        If the model has no ``[issue]`` section.

    Examples
    --------
    >>> from bargaining import load_model
    >>> belarus = load_model("russia_belarus")
    >>> cf = issue_closed_form(belarus)
    >>> R, lam, v, w, kappa, a, h = (belarus.symbols[n] for n in ("R", "lam", "v", "w", "kappa", "a", "h"))
    >>> sympy.simplify(cf.interior - (((1 - lam)*v + w)*R/kappa + a + h)/2)
    0
    """
    if solution not in ("nash",):
        raise BargainingError(f"closed forms are available for the Nash solution only, not {solution!r}")
    issue = _require_issue(model)
    x = issue.variable
    a = sympy.Rational(1, 2) if power is None else sympy.nsimplify(power)
    if disagreement is not None:
        d = tuple(disagreement)
    elif issue.disagreement_kind == "explicit":
        d = tuple(issue.disagreement)
    else:
        d = tuple(sympy.Symbol(f"d_{p}") for p in model.players)
    u1, u2 = issue.utilities
    b1, b2 = sympy.diff(u1, x), sympy.diff(u2, x)
    if sympy.diff(b1, x) != 0 or sympy.diff(b2, x) != 0:
        raise BargainingError("closed forms need utilities linear in the issue variable")
    foc = a * b1 * (u2 - d[1]) + (1 - a) * b2 * (u1 - d[0])
    roots = sympy.solve(foc, x)
    if len(roots) != 1:
        raise BargainingError("the first-order condition has no unique solution")
    interior = sympy.expand(roots[0])
    lo, hi = issue.bounds
    return IssueClosedForm(x, interior, sympy.Min(sympy.Max(interior, lo), hi), d, a)


def issue_sweep(model, R, *, solution: str = "nash", scenario=None, power=Fraction(1, 2), **overrides):
    """The issue's agreed value at each value of the resource index ``R``.

    Each row is :func:`issue_solution` with ``R`` overridden; warnings raised
    while solving (e.g. a value outside its plausible range) are silenced.

    Parameters
    ----------
    model : Model
        A model with an ``[issue]`` section and a parameter ``R``.
    R : iterable of numbers
        The values of the resource index, one row each, in order.
    solution : str
        A name or alias in :data:`~bargaining.SOLUTIONS`, as in
        :func:`issue_solution`.
    scenario : str, optional
        A scenario of the model; its values are used for every parameter but
        ``R``.
    power : number in (0, 1)
        Player 1's power, for the Nash solution.
    **overrides
        Other parameter values, e.g. ``lam=0.5`` (an ``R`` here is replaced
        by each value of ``R``).

    Returns
    -------
    pandas.DataFrame
        One row per R: ``R``, the issue variable, each player's payoff, the
        disagreement point (``d_<player>``), ``deal`` (False when no value is
        strictly better than disagreement for both) and ``method``.

    Examples
    --------
    >>> from bargaining import load_model
    >>> issue_sweep(load_model("russia_belarus"), R=[1, 0.5])["t"].tolist()
    [0.95, 0.5125]
    """
    rows = []
    for r in R:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            agreement = issue_solution(model, solution, scenario, power, **{**overrides, "R": r})
        name = agreement.variable
        row = {"R": float(to_fraction(r))}
        row[name] = math.nan if agreement.issue_value is None else float(agreement.issue_value)
        for player, u, dd in zip(model.players, agreement.payoffs, agreement.disagreement):
            row[f"u_{player}"] = float(u)
            row[f"d_{player}"] = float(dd)
        row["deal"] = not agreement.method.startswith("no ")
        row["method"] = agreement.method
        rows.append(row)
    return pd.DataFrame(rows)


def problem_from_model(model, scenario=None, *, disagreement="security", **overrides) -> BargainingProblem:
    """The bargaining problem on the hull of a model's game at a scenario.

    ``disagreement`` is a rule of :meth:`BargainingProblem.from_game`, an
    explicit pair, or ``"subgame-perfect"`` (the payoffs of the subgame-
    perfect path of the model's sequential form).

    Parameters
    ----------
    model : Model
        The model whose game is taken.
    scenario : str, optional
        A scenario of the model; None uses the parameters' default values.
    disagreement : str or pair, default "security"
        ``"security"``, ``"worst-for-1"``, ``"best-for-1"``,
        ``"risk-dominant"``, an explicit pair of payoffs, an
        :class:`~bargaining.Equilibrium`, or ``"subgame-perfect"``.
    **overrides
        Parameter values, e.g. ``R=0.75``.

    Returns
    -------
    BargainingProblem
        The convex hull of the game's payoff pairs with the chosen
        disagreement point; its ``disagreement_rule`` names the rule.

    Examples
    --------
    >>> from bargaining import load_model
    >>> p = problem_from_model(load_model("russia_belarus"), "2015", disagreement="subgame-perfect")
    >>> p.disagreement_rule, tuple(map(str, p.disagreement))
    ('subgame-perfect', ('3/4', '17/20'))
    """
    game = model.game(scenario, **overrides)
    if isinstance(disagreement, str) and disagreement == "subgame-perfect":
        payoffs = model.subgame_perfect(scenario, **overrides).payoffs
        problem = BargainingProblem.from_game(game, (to_fraction(payoffs[0]), to_fraction(payoffs[1])))
        return problem.with_disagreement(problem.disagreement, "subgame-perfect")
    return BargainingProblem.from_game(game, disagreement)


def solution_table(model, scenarios=("2013", "2015", "2016", "stress"), *, disagreement="security"):
    """Each bargaining solution of a model's game at each scenario, with the issue outcome.

    The game's solutions (Nash, Kalai–Smorodinsky, egalitarian, utilitarian)
    are computed on the hull of its payoff pairs from the disagreement point
    named by ``disagreement`` (a rule of :func:`problem_from_model`; the
    players' security levels by default), the variable-threat solution from
    its own threat point; the issue row is the Nash solution of the model's
    issue with the issue's own disagreement point. Warnings raised while
    solving are silenced; when the game's problem cannot be built (a
    :class:`~bargaining.BargainingError`) a single ``(game)`` row carries the
    error message in ``disagreement`` in place of the four solutions.

    Parameters
    ----------
    model : Model
        The model whose game (and issue, if it has one) is solved.
    scenarios : iterable of str
        The model's scenarios, one block of rows each, in order.
    disagreement : str or pair, default "security"
        The disagreement rule of the game's solutions, as in
        :func:`problem_from_model`; it does not affect the variable-threat
        and issue rows.

    Returns
    -------
    pandas.DataFrame
        One row per scenario and solution: ``scenario``, ``solution``,
        ``disagreement`` (the rule), ``d_<player>``, ``u_<player>``, and
        ``issue_value`` (issue rows only).

    Examples
    --------
    >>> from bargaining import load_model
    >>> t = solution_table(load_model("russia_belarus"), scenarios=("2015",))
    >>> t["solution"].tolist()
    ['nash', 'kalai-smorodinsky', 'egalitarian', 'utilitarian', 'variable-threat', 'issue (nash)']
    """
    from .axiomatic import SOLUTIONS
    from .threats import variable_threat

    rows = []
    p1, p2 = model.players
    for scenario in scenarios:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            game = model.game(scenario)
            results = []
            try:
                problem = problem_from_model(model, scenario, disagreement=disagreement)
                results += [(name, problem.disagreement_rule, f(problem)) for name, f in SOLUTIONS.items()]
            except BargainingError as err:
                results.append(("(game)", str(err), None))
            threat = variable_threat(game)
            results.append(("variable-threat", "optimal threats", threat))
            if model.issue is not None:
                results.append(("issue (nash)", f"issue: {model.issue.disagreement_kind}", issue_solution(model, "nash", scenario)))
        for name, rule, res in results:
            row = {"scenario": scenario, "solution": name, "disagreement": rule}
            if res is None:
                rows.append(row)
                continue
            d = res.threat_point if name == "variable-threat" else res.disagreement
            row.update({f"d_{p1}": float(d[0]), f"d_{p2}": float(d[1])})
            row.update({f"u_{p1}": float(res.payoffs[0]), f"u_{p2}": float(res.payoffs[1])})
            value = getattr(res, "issue_value", None)
            row["issue_value"] = math.nan if value is None else float(value)
            rows.append(row)
    return pd.DataFrame(rows)
