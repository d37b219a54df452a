"""Where the perfect Bayesian equilibria of a parametric tree change type, exactly, and the paths along a parameter.

:func:`pbe_thresholds` keeps one parameter symbolic and every other at its
value, writes the conditions of every support assignment of
:func:`~bargaining.games.pbe.perfect_bayesian` with that parameter inside
(indifference, Bayes' rule, "no better action"), solves them in the
unknowns, and collects every value of the parameter where one of them can
change sign: the real roots of the numerators and denominators of the
solutions, of the constraints at the solutions, and of the constraints at
every candidate vertex of the off-path polytopes. Between two consecutive
candidates the equilibrium types cannot change; the solver is run exactly
at a rational point of every interval, and a candidate is reported where
the types on its two sides differ. :func:`pbe_sweep` tabulates the
probability of every path of every equilibrium over a grid.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Mapping
from fractions import Fraction

import pandas as pd
import sympy

from ..errors import ModelError, SolverError
from ..games.beliefs import subgame_roots
from ..games.pbe import perfect_bayesian, support_assignments, support_conditions
from ..games.tree import ChanceNode, GameTree, TerminalNode, exact
from .thresholds import Threshold

__all__ = ["pbe_thresholds", "pbe_sweep", "pbe_signature"]


def _tree_and_values(source, scenario, values, overrides):
    if isinstance(source, GameTree):
        return source, {**(values or {}), **overrides}
    if getattr(source, "sequential", None) is None:
        raise ModelError(f"{getattr(source, 'path', source)}: the model has no [sequential] tree")
    return source.sequential, {s: v for s, v in source.values(scenario, **overrides).items()}


def _named(values: Mapping) -> dict:
    return {(k.name if isinstance(k, sympy.Symbol) else k): v for k, v in values.items()}


def _partial(tree: GameTree, values: Mapping, param: str):
    """The tree with every parameter but ``param`` replaced by its value."""
    symbols = {s.name: s for s in tree.parameters}
    theta = symbols.get(param, sympy.Symbol(param))
    subs = {symbols[k]: exact(v) for k, v in values.items() if k in symbols and k != param}
    nodes = {}
    for node_id, node in tree.nodes.items():
        if isinstance(node, TerminalNode):
            node = TerminalNode(node.id, tuple(exact(p).subs(subs) for p in node.payoffs), node.label)
        elif isinstance(node, ChanceNode):
            node = ChanceNode(node.id, node.actions, tuple(exact(p).subs(subs) for p in node.probabilities))
        nodes[node_id] = node
    return GameTree(tree.root, nodes, tree.players, tree.description), theta


def pbe_signature(records) -> str:
    """The type of a set of perfect Bayesian equilibria in words: each record's kind and paths.

    Parameters
    ----------
    records : iterable of PerfectBayesian
        The equilibria at one parameter point.

    Returns
    -------
    str
        E.g. ``"pooling (Armenia: StatusQuo) | semi-separating (...)"``, records in order.

    Examples
    --------
    >>> from bargaining.games.signaling import beer_quiche
    >>> from bargaining.games.pbe import perfect_bayesian
    >>> pbe_signature(perfect_bayesian(beer_quiche()))
    'pooling (Sender: Beer → Receiver: NotFight) | pooling (Sender: Quiche → Receiver: NotFight)'
    """
    return " | ".join(f"{r.kind} ({'; '.join(w for w, _ in r.paths)})" for r in records)


def _factors(expr, theta) -> set:
    expr = sympy.together(exact(expr))
    found = set()
    for part in sympy.fraction(expr):
        if part.has(theta) and part.free_symbols <= {theta}:
            found.add(sympy.expand(part))
    return found


def _candidates(tree, theta, lo, hi) -> list:
    infosets = list(tree.infosets.values())
    roots = subgame_roots(tree)
    polys = set()
    for supports in support_assignments(tree):
        conditions = support_conditions(tree, infosets, supports, roots)
        if conditions is None:
            continue
        _, _, unknowns, equations, constraints, _ = conditions
        known = set(unknowns)
        for e in equations + constraints:
            if not (exact(e).free_symbols & known):
                polys |= _factors(e, theta)
        if any(not (exact(e).free_symbols & known) for e in equations):
            continue  # feasible only at the roots just collected, which are probed exactly
        moving = [e for e in equations if exact(e).free_symbols & known]
        solution = {}
        if moving:
            if _affine(moving, unknowns) is False:
                raise SolverError("pbe_thresholds: a nonlinear system is beyond the scope of this method")
            solved = sympy.linsolve(moving, unknowns)
            if not solved:
                continue
            (point,) = solved
            solution = {u: e for u, e in zip(unknowns, point) if e != u}
            for e in solution.values():
                polys |= _factors(e, theta)
        free = [u for u in unknowns if u not in solution]
        cons = [sympy.together(exact(c).subs(solution)) for c in constraints]
        for c in cons:
            polys |= _factors(c, theta)
        for chosen in itertools.combinations(range(len(cons)), len(free)) if free else ():
            system = [cons[k] for k in chosen]
            vertex = sympy.solve(system, free, dict=True)
            for v in vertex:
                if set(v) != set(free):
                    continue
                for expr in v.values():
                    polys |= _factors(expr, theta)
                for c in cons:
                    polys |= _factors(exact(c).subs(v), theta)
    values = set()
    for poly in polys:
        try:
            p = sympy.Poly(poly, theta)
        except sympy.PolynomialError:
            continue
        if p.degree() < 1:
            continue
        for root in sympy.real_roots(p):
            if lo < root < hi:
                values.add(sympy.nsimplify(root) if root.is_Rational else root)
    return sorted(values, key=lambda r: float(r))


def _affine(expressions, unknowns) -> bool:
    """Whether every expression is affine in the unknowns (coefficients may hold the parameter)."""
    for e in expressions:
        try:
            if sympy.Poly(sympy.expand(e), *unknowns).total_degree() > 1:
                return False
        except sympy.PolynomialError:
            return False
    return True


def _midpoint(a, b) -> Fraction:
    """A rational strictly between two real numbers (exact when both are rational)."""
    middle = sympy.nsimplify((a + b) / 2)
    if not middle.is_Rational:
        middle = sympy.Rational(Fraction(repr(float(middle))))
        if not a < middle < b:
            raise SolverError(f"pbe_thresholds: the candidates {a} and {b} are too close to separate")
    return Fraction(int(middle.p), int(middle.q))


def pbe_thresholds(source, param: str = "R", lo=None, hi=None, *, scenario=None, values=None, **overrides) -> tuple:
    """The exact values of one parameter where the perfect Bayesian equilibria change type.

    Parameters
    ----------
    source : Model or GameTree
        A model with a ``[sequential]`` tree, or a parametric tree.
    param : str
        The parameter that moves.
    lo, hi : number
        The interval searched (required).
    scenario : str, optional
        A scenario of the model for the other parameters.
    values : mapping, optional
        For a tree: every other parameter's value.
    **overrides
        Other parameters' values.

    Returns
    -------
    tuple of Threshold
        ``kind="perfect-Bayesian"``; ``before``/``after`` are :func:`pbe_signature` texts.
        A candidate whose two sides agree is also probed at the point itself
        (when rational); if the equilibria there are beyond the solver's
        scope, a warning says so and the candidate is not reported.

    Examples
    --------
    >>> import bargaining as bg
    >>> threat = bg.load_model("examples/private_threat")
    >>> [(str(t.value), t.after) for t in pbe_thresholds(threat, "p", 0, 1)]
    [('11/20', 'pooling (Armenia: StatusQuo) | pooling (Armenia: Demand → Russia: Concede)')]
    """
    if lo is None or hi is None:
        raise ModelError("pbe_thresholds: give the interval lo, hi")
    tree, known = _tree_and_values(source, scenario, values, overrides)
    known = _named(known)
    lo, hi = sympy.nsimplify(lo), sympy.nsimplify(hi)
    partial, theta = _partial(tree, known, param)
    cuts = _candidates(partial, theta, lo, hi)
    edges = [lo, *cuts, hi]

    def at(q):
        return pbe_signature(perfect_bayesian(tree, {**known, param: q}))

    middles = [at(_midpoint(a, b)) for a, b in zip(edges, edges[1:])]
    found = []
    for k, cut in enumerate(cuts):
        before, after = middles[k], middles[k + 1]
        changed = before != after
        if not changed and cut.is_Rational:
            try:
                changed = at(Fraction(int(cut.p), int(cut.q))) != before
            except SolverError as error:
                warnings.warn(f"pbe_thresholds: {param} = {cut}: the equilibria at the point itself are beyond "
                              f"the solver's scope ({error}); the types on its two sides agree", stacklevel=2)
        if changed:
            found.append(Threshold(param, cut, cut, float(cut), before, after, "perfect-Bayesian"))
    return tuple(found)


def pbe_sweep(source, param: str = "R", grid=(), *, scenario=None, values=None, **overrides) -> pd.DataFrame:
    """The probability of every path of every perfect Bayesian equilibrium over a grid of one parameter.

    Parameters
    ----------
    source : Model or GameTree
        A model with a ``[sequential]`` tree, or a parametric tree.
    param : str
        The parameter that moves.
    grid : sequence of numbers
        Its values (exact: give Fractions or texts such as ``"3/4"`` for exact rows).
    scenario : str, optional
        A scenario of the model for the other parameters.
    values : mapping, optional
        For a tree: every other parameter's value.
    **overrides
        Other parameters' values.

    Returns
    -------
    pandas.DataFrame
        One row per grid point and equilibrium: the parameter, ``equilibrium``
        (its number at that point), ``kind``, then one column per path in
        words (probability as a float, 0 where the path is not played).

    Examples
    --------
    >>> import bargaining as bg
    >>> threat = bg.load_model("examples/private_threat")
    >>> table = pbe_sweep(threat, "R", ["1", "3/4"], p="5/16")
    >>> bluff = table[table.kind == "semi-separating"]
    >>> bluff["Armenia: Demand → Russia: Refuse → Armenia: BackDown"].round(4).tolist()
    [0.1346, 0.0598]
    """
    tree, known = _tree_and_values(source, scenario, values, overrides)
    known = _named(known)
    rows = []
    for q in grid:
        q = Fraction(q) if isinstance(q, str) else q
        for k, record in enumerate(perfect_bayesian(tree, {**known, param: q}), 1):
            row = {param: float(q), "equilibrium": k, "kind": record.kind}
            row.update({w: float(p) for w, p in record.paths})
            rows.append(row)
    table = pd.DataFrame(rows)
    fixed = [param, "equilibrium", "kind"]
    return table[fixed + [c for c in table.columns if c not in fixed]].fillna(0.0) if rows else table
