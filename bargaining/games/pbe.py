"""Every perfect Bayesian equilibrium of a small tree, exactly, with its beliefs.

The method is support enumeration over information sets. For every
assignment of a non-empty support to every information set:

1. the behaviour is a symbol per mixed action (the last action of a support
   takes the rest), 1 for a pure action, 0 off the support;
2. the belief at an information set is Bayes' rule from the root of the
   smallest subgame containing it when that root reaches it with positive
   probability (the reach probabilities, polynomials in the symbols, serve as
   unnormalised weights), and a free point of the simplex otherwise;
3. sequential rationality at every information set gives polynomial
   equations (the mover is indifferent on its support) and inequalities (no
   action off the support is better);
4. the equations are solved exactly (``sympy.linsolve`` when linear,
   otherwise a Gröbner basis test and ``sympy.solve``), the inequalities
   become linear constraints on the unknowns left free, and the polytope
   they cut out is enumerated exactly (:mod:`bargaining.games.polytope`);
   pieces whose support actions cannot all be positive are dropped (they
   belong to a smaller support);
5. every piece is verified with independent code
   (:func:`bargaining.games.beliefs.verify_assessment`): exact regret 0 at
   every information set given the beliefs, and Bayes' rule, at an interior
   point and at every vertex (beliefs at a vertex where a Bayes information
   set loses its reach are the limit from the interior). The conditions are
   affine on a piece, so the vertices and one interior point cover it.

Pieces with the same behaviour on the path form one record (one equilibrium
outcome with its exact set of off-path behaviour and beliefs).

Scope: small trees — at most ``MAX_SUPPORTS`` support assignments (the
product over information sets of 2^actions − 1; Beer–Quiche has 81, a
two-type threat game 243), rational payoffs and probabilities, and pieces
whose constraints are linear in the free unknowns (every signaling game;
nonlinear cases raise :class:`~bargaining.errors.SolverError`). Completeness
is exact for linear systems; for nonlinear indifference systems it rests on
``sympy.solve`` listing every solution family. A set that is not a polytope
arises at knife-edge parameter values where two indifferences multiply (a
belief or mixture off the path times a mixture of a player indifferent at a
later information set, e.g. the private-threat example at R = 13/20, where
the irresolute type is indifferent between carrying out and backing down):
there the solver raises :class:`~bargaining.errors.SolverError` rather than
return a set it cannot describe and verify; on either side of such a value
it answers exactly.

References
----------
D. Fudenberg and J. Tirole (1991), *Game Theory*, MIT Press, ch. 8.
A. Mas-Colell, M. D. Whinston and J. R. Green (1995), *Microeconomic Theory*, §9.C.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType

import sympy

from ..errors import SolverError
from .beliefs import conditional_reach, node_values, subgame_roots, verify_assessment
from .pbe_record import AssessmentPiece, PerfectBayesian, path_words, signaling_kind
from .polytope import affine_rows, vertices
from .tree import ChanceNode, GameTree, TerminalNode, exact
from .tree_equilibrium import make_tree_equilibrium

__all__ = ["perfect_bayesian", "support_conditions", "support_assignments", "numeric_tree", "records_of", "verify_piece",
           "MAX_SUPPORTS"]

#: The most support assignments :func:`perfect_bayesian` enumerates.
MAX_SUPPORTS = 20_000

METHOD = "support enumeration over information sets; exact (sympy); verified regret 0 and Bayes' rule"


def numeric_tree(tree: GameTree, values=None) -> GameTree:
    """The tree with exact numbers for its parameters, refused unless every payoff and probability is rational."""
    return _numeric(tree, values)


def records_of(tree, pieces, method: str) -> tuple:
    """Group verified pieces into records (one per behaviour on the path), with ``method``."""
    return _records(tree, pieces, method)


def verify_piece(tree, piece) -> None:
    """Verify a piece at its centroid and every vertex (raises :class:`SolverError`)."""
    _verify(tree, piece)


def _numeric(tree: GameTree, values) -> GameTree:
    if values is not None or tree.parameters:
        tree = tree.at(values or {})
    for node in tree.nodes.values():
        numbers = node.payoffs if isinstance(node, TerminalNode) else getattr(node, "probabilities", ())
        if any(not exact(v).is_Rational for v in numbers):
            raise SolverError(f"node {node.id!r}: perfect_bayesian needs rational payoffs and probabilities")
    return tree


def _supports(actions) -> list:
    return [c for k in range(1, len(actions) + 1) for c in itertools.combinations(actions, k)]


def support_assignments(tree: GameTree):
    """Every assignment of a non-empty support to every information set (an iterator of dicts).

    Raises :class:`SolverError` when there are more than ``MAX_SUPPORTS``.
    """
    infosets = list(tree.infosets.values())
    count = 1
    for s in infosets:
        count *= 2 ** len(s.actions) - 1
    if count > MAX_SUPPORTS:
        raise SolverError(f"perfect_bayesian: {count} support assignments exceed the scope of this "
                          f"method (MAX_SUPPORTS = {MAX_SUPPORTS}); the tree is too large")
    for combo in itertools.product(*(_supports(s.actions) for s in infosets)):
        yield dict(zip((s.label for s in infosets), combo))


def perfect_bayesian(tree: GameTree, values: Mapping | None = None) -> tuple:
    """Every perfect Bayesian equilibrium of a small tree with chance and information sets, exactly.

    Parameters
    ----------
    tree : GameTree
        A finite tree with perfect recall (any number of players; chance
        nodes allowed). Parametric trees need ``values``.
    values : mapping, optional
        Parameter name (or symbol) -> number, for a parametric tree.

    Returns
    -------
    tuple of PerfectBayesian
        One record per equilibrium outcome, each with the exact set of
        off-path behaviour and beliefs that supports it, every piece verified.

    Raises
    ------
    SolverError
        When the tree is beyond the method's scope (too many support
        assignments, irrational numbers, a nonlinear family) or a found
        assessment fails verification.

    Examples
    --------
    Beer–Quiche has two pooling outcomes; after the unused breakfast the
    receiver must think the sender weak with probability at least 1/2:

    >>> from bargaining.games.signaling import beer_quiche
    >>> found = perfect_bayesian(beer_quiche())
    >>> [(r.kind, r.describe()) for r in found]
    [('pooling', 'Sender: Beer → Receiver: NotFight, p = 1'), ('pooling', 'Sender: Quiche → Receiver: NotFight, p = 1')]
    >>> found[1].belief_set("after Beer")["weak:Beer"]
    ((1/2, 1),)
    """
    tree = _numeric(tree, values)
    tree.require_perfect_recall()
    infosets = list(tree.infosets.values())
    roots = subgame_roots(tree)
    pieces = []
    for supports in support_assignments(tree):
        pieces += _solve_supports(tree, infosets, supports, roots)
    return _records(tree, pieces)


def support_conditions(tree, infosets, supports, roots):
    """The exact conditions for assessments with the given supports (None when plainly impossible).

    Returns ``(behaviour, beliefs, unknowns, equations, constraints, positive)``: behaviour and beliefs
    as expressions in the unknowns (and in any parameter left symbolic in the tree), the indifference
    equations (= 0), the constraints (>= 0: probabilities and "no better action off the support"),
    and the support probabilities that must be positive.
    """
    behaviour, unknowns, bounds, positive = {}, [], [], []
    for s in infosets:
        support = supports[s.label]
        if len(support) == 1:
            behaviour[s.label] = {support[0]: sympy.Integer(1)}
            continue
        syms = [sympy.Symbol(f"p[{s.label}:{a}]") for a in support[:-1]]
        probs = [*syms, 1 - sum(syms)]
        behaviour[s.label] = dict(zip(support, probs))
        unknowns += syms
        bounds += probs
        positive += probs
    values = node_values(tree, behaviour)
    reach = {r: conditional_reach(tree, behaviour, r) for r in set(roots.values())}
    beliefs, equations, inequalities = {}, [], []
    for s in infosets:
        weights = {n: reach[roots[s.label]][n] for n in s.nodes}
        if sympy.expand(sum(weights.values())) != 0:
            total = sum(weights.values())
            beliefs[s.label] = {n: w / total for n, w in weights.items()}
        elif len(s.nodes) == 1:
            weights = {s.nodes[0]: sympy.Integer(1)}
            beliefs[s.label] = weights
        else:
            syms = [sympy.Symbol(f"mu[{s.label}:{n}]") for n in s.nodes[:-1]]
            weights = dict(zip(s.nodes, [*syms, 1 - sum(syms)]))
            beliefs[s.label] = weights
            unknowns += syms
            bounds += list(weights.values())
        mover = tree.players.index(s.player)
        value = {a: sympy.expand(sum(w * values[tree.nodes[n].actions[k][1]][mover] for n, w in weights.items()))
                 for k, a in enumerate(s.actions)}
        support = supports[s.label]
        for a in support[1:]:
            gap = sympy.expand(value[a] - value[support[0]])
            if gap.is_number and gap != 0:
                return None
            equations.append(gap)
        for b in s.actions:
            if b not in support:
                slack = sympy.expand(value[support[0]] - value[b])
                if slack.is_number and slack < 0:
                    return None
                inequalities.append(slack)
    equations = [e for e in equations if e != 0]
    return behaviour, beliefs, unknowns, equations, bounds + inequalities, positive


def _solve_supports(tree, infosets, supports, roots) -> list:
    conditions = support_conditions(tree, infosets, supports, roots)
    if conditions is None:
        return []
    behaviour, beliefs, unknowns, equations, constraints, positive = conditions
    found = []
    for solution in _solve(equations, unknowns):
        piece = _piece(tree, supports, behaviour, beliefs, unknowns, constraints, positive, solution)
        if piece is not None:
            found.append(piece)
    return found


def _solve(equations, unknowns) -> list:
    if not equations:
        return [{}]
    rows = affine_rows(equations, unknowns)
    if rows is not None:
        solutions = sympy.linsolve(equations, unknowns)
        if not solutions:
            return []
        (point,) = solutions
        return [{u: e for u, e in zip(unknowns, point) if e != u}]
    if sympy.groebner(equations, *unknowns).exprs == [1]:
        return []
    return sympy.solve(equations, unknowns, dict=True)


def _piece(tree, supports, behaviour, beliefs, unknowns, constraints, positive, solution):
    free = [u for u in unknowns if u not in solution]
    if any(u in e.free_symbols for e in solution.values() for u in solution):
        raise SolverError("perfect_bayesian: an implicit solution is beyond the scope of this method")
    constraints = [sympy.expand(exact(c).subs(solution)) for c in constraints]
    rows = affine_rows(constraints, free)
    if rows is None:
        raise SolverError(f"perfect_bayesian: the equilibria with supports {dict(supports)} form a nonlinear "
                          "set, beyond the scope of this method")
    points = vertices(rows, len(free))
    if not points:
        return None
    named = tuple({u.name: x for u, x in zip(free, p)} for p in points)
    subst = [{u: sympy.Rational(x.numerator, x.denominator) for u, x in zip(free, p)} for p in points]
    for expr in positive:
        expr = exact(expr).subs(solution)
        if all(exact(expr).subs(v) <= 0 for v in subst):
            return None
    free_sets = tuple(h for h, belief in beliefs.items()
                      if any(str(u).startswith("mu[") for b in belief.values() for u in exact(b).free_symbols))
    piece = AssessmentPiece(
        supports=MappingProxyType({h: tuple(a) for h, a in supports.items()}),
        parameters=tuple(free),
        behaviour=MappingProxyType({h: {a: exact(p).subs(solution) for a, p in probs.items()}
                                    for h, probs in behaviour.items()}),
        beliefs=MappingProxyType({h: {n: sympy.cancel(exact(b).subs(solution)) for n, b in belief.items()}
                                  for h, belief in beliefs.items() if len(belief) > 1}),
        constraints=tuple(sympy.Ge(c, 0) for c in dict.fromkeys(constraints) if not c.is_number),
        vertices=named,
        free_beliefs=free_sets,
    )
    _verify(tree, piece)
    return piece


def _verify(tree, piece) -> None:
    """Verify the piece at its centroid and at every vertex with the independent checker."""
    for point in (piece.centroid(), *piece.vertices):
        behaviour, beliefs = piece.at(point)
        try:
            verify_assessment(tree, behaviour, beliefs)
        except SolverError as error:
            raise SolverError(f"perfect_bayesian: a found assessment fails verification ({error}); "
                              f"supports {dict(piece.supports)}") from None


def _records(tree, pieces, method: str = METHOD) -> tuple:
    families: dict = {}
    for k, piece in enumerate(pieces):
        centre_behaviour, _ = piece.at(piece.centroid())
        reach = conditional_reach(tree, centre_behaviour)
        on_path = tuple(h for h, s in tree.infosets.items() if any(reach[n] != 0 for n in s.nodes))
        fixed = all(not exact(p).free_symbols for h in on_path for p in piece.behaviour[h].values())
        key = (on_path, tuple((h, tuple(sorted((a, str(p)) for a, p in piece.behaviour[h].items())))
                              for h in on_path)) if fixed else ("varies", k)
        families.setdefault(key, []).append(piece)
    records = []
    for (on_path, _), group in families.items():
        group.sort(key=lambda p: (len(p.parameters), sum(len(a) > 1 for a in p.supports.values())))
        records.append(_record(tree, tuple(group), on_path != "varies", method))
    return tuple(records)


def _record(tree, group, fixed, method: str = METHOD) -> PerfectBayesian:
    behaviour, beliefs = group[0].at(group[0].centroid())
    behaviour = {h: {a: _fraction(p) for a, p in probs.items()} for h, probs in behaviour.items()}
    reach = conditional_reach(tree, behaviour)
    beliefs = {**{h: {s.nodes[0]: 1} for h, s in tree.infosets.items() if len(s.nodes) == 1}, **beliefs}
    off_path = {h: {n: _fraction(b) for n, b in belief.items()} for h, belief in beliefs.items()
                if not any(reach[n] for n in tree.infosets[h].nodes)}
    equilibrium = make_tree_equilibrium(tree, behaviour, method, beliefs=off_path, everywhere=True)
    values = node_values(tree, behaviour)
    on_path = tuple(h for h, s in tree.infosets.items() if any(reach[n] != 0 for n in s.nodes))
    root = tree.nodes[tree.root]
    kind = signaling_kind(tree, behaviour)
    if kind is None:
        kind = "pure" if all(sum(p != 0 for p in behaviour[h].values()) == 1 for h in on_path) else "mixed"
    type_payoffs = {}
    if isinstance(root, ChanceNode):
        type_payoffs = {label: tuple(_fraction(v) for v in values[child]) for label, child in root.actions}
    return PerfectBayesian(
        kind=kind,
        equilibrium=equilibrium,
        pieces=group,
        type_payoffs=MappingProxyType(type_payoffs),
        paths=path_words(tree, {n: reach[n] for n in tree.terminals}),
        on_path=on_path,
        varies_on_path=not fixed,
        method=method,
    )


def _fraction(value) -> Fraction:
    value = sympy.nsimplify(value)
    return Fraction(int(value.p), int(value.q))
