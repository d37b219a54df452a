"""Exact thresholds: the values of one parameter where the equilibrium set changes type.

Candidates are found symbolically, with the other parameters kept as symbols:

* the roots of every payoff difference that decides a best response,
  ``A[i, j] - A[k, j]`` and ``B[i, j] - B[i, k]``;
* the support conditions of mixed equilibria: for each player, each support
  ``I`` and each set ``K`` of ``|I|`` opponent strategies made indifferent
  (a vertex of the best-response polytope, von Stengel 2007, section 3.3),
  the roots of a mixed probability reaching 0 and of a strategy outside ``K``
  earning exactly the indifference payoff.

The other parameters' values are then substituted, the real roots inside
``[lo, hi]`` kept (compared exactly, by sympy), and each candidate validated:
the game is solved exactly at a rational point in each interval between
consecutive candidates, and a candidate is a threshold only if the equilibrium
set's type (:func:`bargaining.analysis.sensitivity.signature`) differs on its two
sides. Moving probabilities are not a change of type.

For a model's sequential form the same is done for the subgame-perfect path
(``kind="subgame-perfect"``): candidates are the roots of each player's
payoff differences between outcomes, validated by the path on either side.

References
----------
B. von Stengel, "Equilibrium computation for two-player games in strategic
and extensive form", ch. 3 of Nisan et al. (eds.), *Algorithmic Game Theory*,
Cambridge University Press, 2007.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import sympy

from ..errors import BargainingError, ModelError, SolverError
from ..games.notation import expression_text
from .budget import SOLVE_LIMITS, Deadline, check_form
from .sensitivity import (
    describe_set,
    exact_number,
    game_at,
    is_real_number,
    rational_between,
    signature,
    solve_exact,
    symbolic_form,
)

__all__ = ["Threshold", "thresholds", "path_thresholds", "parameter_range"]

KINDS = ("nash", "subgame-perfect")


@dataclass(frozen=True)
class Threshold:
    """A value of a parameter where the equilibrium set (or path) changes type.

    Attributes
    ----------
    parameter : str
        The parameter that moves.
    expression : sympy.Expr
        The threshold as an expression in the other parameters.
    value : sympy.Expr
        Its exact value at the other parameters' values.
    float : float
        The same, as a float.
    before, after : str
        The equilibria just below and just above, in words; probabilities
        that move with the parameter are formulas in it.
    kind : {"nash", "subgame-perfect"}
        Whether the Nash equilibrium set or the subgame-perfect path changes.
    text : str
        The expression in the package's notation, with the model's display
        symbols (``κ*μ*s/w``; :func:`bargaining.games.notation.expression_text`).
    """

    parameter: str
    expression: sympy.Expr
    value: sympy.Expr
    float: float
    before: str
    after: str
    kind: str = "nash"
    text: str = ""

    def _repr_html_(self) -> str:
        from ..games.display import html_table

        value = self.value
        exact = _fraction(value)
        rows = [[f"{self.parameter}*", self.text or str(self.expression), exact if exact is not None else str(value),
                 self.float, self.before, self.after]]
        return html_table(["threshold", "expression", "exact", "decimal", "below", "above"], rows,
                          caption=f"{self.kind} threshold")

    def __str__(self) -> str:
        from ..games.notation import expression_text

        exact = "" if self.expression == self.value else f" = {expression_text(self.value)}"
        return (
            f"{self.parameter}* = {self.text or expression_text(self.expression)}{exact} ≈ {self.float:.6g} "
            f"({self.kind}): below {self.before}; above {self.after}"
        )


def _fraction(value):
    from fractions import Fraction

    return Fraction(int(value.p), int(value.q)) if getattr(value, "is_Rational", False) else None


# ------------------------------------------------------------------ candidates
def _numerator(expr):
    return sympy.numer(sympy.together(sympy.expand(expr)))


def _vertex_conditions(M):
    """Conditions under which a vertex of one player's best-response polytope changes.

    ``M`` holds the *other* player's payoffs with the mixing player's
    strategies as rows (``B`` for player 1, ``A.T`` for player 2).
    Returns (expression, rank) pairs; rank 0 are plain payoff differences.
    """
    m, n = M.shape
    out = []
    for size in range(1, min(m, n) + 1):
        for rows in combinations(range(m), size):
            _tick()
            for K in combinations(range(n), size):
                if size == 1:
                    x = {rows[0]: sympy.Integer(1)}
                else:
                    k0 = K[0]
                    C = sympy.Matrix(
                        [[M[i, k] - M[i, k0] for i in rows] for k in K[1:]] + [[sympy.Integer(1)] * size]
                    )
                    det = sympy.cancel(C.det())
                    if det == 0:
                        continue
                    rhs = sympy.Matrix([0] * (size - 1) + [1])
                    sol = C.LUsolve(rhs)
                    x = {i: sympy.cancel(sol[t]) for t, i in enumerate(rows)}
                    out.extend((_numerator(p), 1) for p in x.values())
                base = sum(x[i] * M[i, K[0]] for i in rows)
                for c in range(n):
                    if c not in K:
                        out.append((_numerator(sum(x[i] * M[i, c] for i in rows) - base), 0 if size == 1 else 1))
    return out


def _solve_factor(factor, sym) -> list:
    """The roots in ``sym`` of an irreducible polynomial factor, by formula up to degree 2, by radicals to 4."""
    try:
        poly = sympy.Poly(factor, sym)
    except sympy.PolynomialError:  # not polynomial in sym: check_form lets none through
        raise SolverError(f"the condition {_short(factor)} is not a polynomial in {sym}") from None
    coeffs = poly.all_coeffs()
    if poly.degree() == 1:
        num, den = sympy.expand(-coeffs[1]), sympy.factor(coeffs[0])
        if den.could_extract_minus_sign():
            num, den = sympy.expand(-num), -den
        return [num / den]
    if poly.degree() == 2:
        a, b, c = coeffs
        root = sympy.sqrt(sympy.expand(b**2 - 4 * a * c))
        a = sympy.factor(2 * a)
        return [(sympy.expand(-b) - root) / a, (sympy.expand(-b) + root) / a]
    if poly.degree() > SOLVE_LIMITS["factor_degree"]:
        raise SolverError(f"a threshold condition has an irreducible factor of degree {poly.degree()} in {sym}, above "
                          f"the exact solve's limit {SOLVE_LIMITS['factor_degree']}")
    try:
        return list(sympy.solve(factor, sym))
    except NotImplementedError:
        raise SolverError(f"sympy cannot solve the threshold condition {_short(factor)} = 0 in {sym}") from None


def _short(expr) -> str:
    text = sympy.sstr(expr)
    return text if len(text) <= 60 else text[:57] + "..."


#: The deadline of the solve running now (set by _scan), checked between steps.
_CLOCK: list = [None]


def _tick() -> None:
    if _CLOCK[0] is not None:
        _CLOCK[0].check()


@lru_cache(maxsize=64)
def _roots(conditions: tuple, sym: sympy.Symbol) -> tuple:
    """Roots in ``sym`` of (numerator, rank) conditions, kept symbolic: (root, rank)."""
    seen: dict = {}
    for num, rank in conditions:
        if num == 0 or not num.has(sym):
            continue
        _tick()
        try:
            _, factors = sympy.factor_list(num)
        except (NotImplementedError, sympy.PolynomialError) as err:
            raise SolverError(f"cannot factor the threshold condition {_short(num)} ({err})") from None
        for factor, _mult in factors:
            if not factor.has(sym):
                continue
            roots = _solve_factor(factor, sym)
            for root in roots:
                if root not in seen or seen[root] > rank:
                    seen[root] = rank
    return tuple(seen.items())


@lru_cache(maxsize=64)
def _nash_candidates(A, B, sym) -> tuple:
    conditions = _vertex_conditions(B) + _vertex_conditions(A.T)
    unique: dict = {}
    for num, rank in conditions:
        unique[num] = min(rank, unique.get(num, rank))
    return _roots(tuple(unique.items()), sym)


@lru_cache(maxsize=64)
def _path_candidates(outcomes: tuple, sym) -> tuple:
    """Roots of each player's payoff differences between the outcomes of a tree."""
    conditions = {}
    for player in range(2):
        cells = sorted({payoffs[player] for payoffs in outcomes}, key=sympy.default_sort_key)
        for a, b in combinations(cells, 2):
            conditions.setdefault(_numerator(a - b), 0)
    return _roots(tuple(conditions.items()), sym)


def _outcomes(model, form) -> tuple:
    """The payoff pairs at the ends of the model's sequential form (else the table's cells)."""
    tree = getattr(model, "sequential", None)
    nodes = getattr(tree, "nodes", None)
    if nodes:
        ends = tuple(tuple(n.payoffs) for n in nodes.values() if hasattr(n, "payoffs"))
        if ends:
            return ends
    return tuple((form.A[i, j], form.B[i, j]) for i in range(form.A.rows) for j in range(form.A.cols))


def parameter_range(model, param: str, lo=None, hi=None) -> tuple:
    """The exact interval ``[lo, hi]`` to analyse (the parameter's range by default)."""
    if not model.parameters:
        raise ModelError(f"{getattr(model, 'name', 'the model')}: this model has no parameters to vary")
    if param not in model.parameters:
        raise ModelError(f"unknown parameter {param!r}; the model has {sorted(model.parameters)}")
    rng = getattr(model.parameters[param], "range", None)
    if lo is None or hi is None:
        if rng is None:
            raise ModelError(f"parameter {param!r} has no range: give lo and hi")
    lo = exact_number(rng[0] if lo is None else lo)
    hi = exact_number(rng[1] if hi is None else hi)
    if not bool(lo < hi):
        raise BargainingError(f"empty interval: lo = {lo} is not below hi = {hi}")
    return lo, hi


def _simplest(exprs):
    return min(exprs, key=lambda pair: (pair[1], sympy.count_ops(pair[0]), sympy.default_sort_key(pair[0])))


def candidate_values(form, param: str, lo, hi, outcomes=None) -> list:
    """Candidate thresholds inside ``(lo, hi)``: sorted (value, expression) pairs.

    Nash candidates by default; path candidates from ``outcomes`` (payoff
    pairs at the ends of a game tree) when given.
    """
    sym = form.symbol(param)
    others = form.others(param)
    roots = _nash_candidates(form.A, form.B, sym) if outcomes is None else _path_candidates(outcomes, sym)
    found = []
    for expr, rank in roots:
        value = expr.xreplace(others)
        if value.free_symbols or not is_real_number(value):
            continue
        if not value.is_Rational:
            value = sympy.radsimp(value)
        if bool(value > lo) and bool(value < hi):
            found.append((value, expr, rank))
    found.sort(key=lambda t: float(t[0]))
    groups: list = []
    for value, expr, rank in found:
        if groups and abs(float(groups[-1][0]) - float(value)) < 1e-12 and sympy.simplify(groups[-1][0] - value) == 0:
            groups[-1][1].append((expr, rank))
        else:
            groups.append((value, [(expr, rank)]))
    return [(value, _simplest(exprs)[0]) for value, exprs in groups]


def _sample_points(values, lo, hi):
    edges = [lo, *values, hi]
    return [rational_between(a, b) for a, b in zip(edges[:-1], edges[1:])]


def _path_words(record) -> str:
    return " → ".join(action for _player, action in record.path)


def _scan(model, param, lo, hi, kind, scenario, overrides):
    """Candidates, sample points between them, and each point's (signature, words)."""
    if kind not in KINDS:
        raise BargainingError(f"kind must be one of {KINDS}, got {kind!r}")
    lo, hi = parameter_range(model, param, lo, hi)
    form = symbolic_form(model, scenario, **overrides)
    if kind == "subgame-perfect" and getattr(model, "sequential", None) is None:
        raise ModelError("the model has no sequential form: no subgame-perfect path")
    path = getattr(model, "path", "")
    check_form(form, param, f"{path}: " if path else "")
    outcomes = None if kind == "nash" else _outcomes(model, form)
    _CLOCK[0] = Deadline(SOLVE_LIMITS["seconds"], f"{path + ': ' if path else ''}thresholds in {param}")
    try:
        candidates = candidate_values(form, param, lo, hi, outcomes)
        points = _sample_points([v for v, _ in candidates], lo, hi)
        results = []
        for q in points:
            _tick()
            results.append(probe(model, form, param, q, kind, scenario))
    finally:
        _CLOCK[0] = None
    return form, (lo, hi), candidates, points, results


def probe(model, form, param, q, kind, scenario=None):
    """The type signature and the words of the equilibrium set (or path) at ``param = q``."""
    if kind == "nash":
        from .statics import moving_profiles

        game = game_at(form, form.substitution(**{param: q}))
        solved = solve_exact(game)
        moving = moving_profiles(form, game, solved, param, q)
        return signature(game, solved), describe_set(game, solved, formulas=moving, model=model)
    record = model.subgame_perfect(scenario, **{**dict(form.values), param: q})
    return tuple(record.path), _path_words(record)


def thresholds(model, param: str = "R", lo=None, hi=None, *, kind: str = "nash", scenario=None, **overrides):
    """Every value of ``param`` in ``[lo, hi]`` where the equilibrium set changes type.

    Parameters
    ----------
    model : Model
        A loaded model (:func:`bargaining.load_model`).
    param : str
        The parameter that moves (``"R"`` by default).
    lo, hi : number or str, optional
        The interval; the parameter's range by default. Compared exactly.
    kind : {"nash", "subgame-perfect"}
        The Nash equilibrium set of the normal form, or the subgame-perfect
        path of the model's sequential form.
    scenario : str, optional
        The scenario giving the other parameters' values.
    **overrides
        Other parameters' values.

    Returns
    -------
    tuple of Threshold
        In increasing order of value.

    Raises
    ------
    ModelError
        On an unknown parameter, or ``kind="subgame-perfect"`` for a model
        without a sequential form.

    Examples
    --------
    >>> import bargaining as bg
    >>> [t.float for t in bg.thresholds(bg.load_model("russia_belarus"))]
    [0.6, 0.8]
    """
    _form, _, candidates, _points, results = _scan(model, param, lo, hi, kind, scenario, overrides)
    found = []
    for k, (value, expr) in enumerate(candidates):
        (sig_below, words_below), (sig_above, words_above) = results[k], results[k + 1]
        if sig_below != sig_above:
            found.append(Threshold(param, expr, value, float(value), words_below, words_above, kind,
                                   expression_text(expr, model)))
    return tuple(found)


def path_thresholds(model, param: str = "R", lo=None, hi=None, *, scenario=None, **overrides):
    """Thresholds of the subgame-perfect path: ``thresholds(..., kind="subgame-perfect")``.

    Parameters
    ----------
    model : Model
        A loaded model with a sequential form.
    param : str
        The parameter that moves (``"R"`` by default).
    lo, hi : number or str, optional
        The interval; the parameter's range by default. Compared exactly.
    scenario : str, optional
        The scenario giving the other parameters' values.
    **overrides
        Other parameters' values.

    Returns
    -------
    tuple of Threshold
        The values where the subgame-perfect path changes, in increasing
        order.

    Raises
    ------
    ModelError
        On an unknown parameter, or for a model without a sequential form.

    Examples
    --------
    >>> import bargaining as bg
    >>> [t.float for t in bg.path_thresholds(bg.load_model("russia_armenia"), lo=0.2, hi=1.5)]
    [0.4, 0.55, 0.85]
    """
    return thresholds(model, param, lo, hi, kind="subgame-perfect", scenario=scenario, **overrides)
