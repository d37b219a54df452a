"""Sequential equilibria (Kreps and Wilson 1982) of a small tree: the consistent part of every perfect Bayesian set.

An assessment is *consistent* when it is the limit of fully mixed profiles
with their Bayes beliefs. Along a sequence that puts probability
``c(a) ε^k(a)`` on every unused action ``a`` (``k(a) > 0``), the belief at an
information set is carried by the nodes whose unused actions have the least
total order ``K(x) = Σ k(a)``, in proportion to ``W(x) Π c(a)`` (``W``: chance
and the used actions' probabilities); every consistent assessment arises so
(the curve selection lemma). So, for a belief pattern (which nodes of each
information set get positive weight):

1. the pattern must be the set of minimisers of ``K`` for some ``k ≥ 1``: a
   linear feasibility problem (solved by ``scipy.optimize.linprog`` and the
   solution checked exactly);
2. the ratio of beliefs of two nodes reached through the same unused
   actions is fixed, ``μ(x) W(y) = μ(y) W(x)`` (the ``c`` cancel); nodes
   reached through different unused actions have free ratios, unless the
   differences are linearly dependent across nodes (a binomial condition,
   beyond this module's scope: :class:`~bargaining.errors.SolverError`).

Each perfect Bayesian piece from :func:`~bargaining.games.pbe.perfect_bayesian`
is cut by these linear conditions, per pattern, and re-verified; the set of
consistent assessments is closed, so closures are kept.

References
----------
D. M. Kreps and R. Wilson (1982), "Sequential equilibria", Econometrica 50(4), 863-894.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import sympy
from scipy.optimize import linprog

from ..errors import SolverError
from .pbe import numeric_tree, perfect_bayesian, records_of, verify_piece
from .pbe_record import AssessmentPiece
from .polytope import affine_rows, vertices
from .tree import ChanceNode, DecisionNode, GameTree

__all__ = ["sequential_equilibria"]

METHOD = ("perfect Bayesian support enumeration, cut to consistent beliefs (Kreps–Wilson orders of unused actions); "
          "exact (sympy); verified regret 0 and Bayes' rule")


def _path(tree, piece, node_id):
    """Unused actions (infoset, action) on the way to a node, and the weight W of the used moves."""
    unused, weight = [], sympy.Integer(1)
    for parent, action in tree.history(node_id):
        node = tree.nodes[parent]
        if isinstance(node, ChanceNode):
            p = node.probabilities[[a for a, _ in node.actions].index(action)]
            if p == 0:
                raise SolverError("sequential_equilibria: a chance move of probability 0 is beyond this method's scope")
            weight *= p
        elif isinstance(node, DecisionNode):
            if action in piece.supports[node.info]:
                weight *= piece.behaviour[node.info][action]
            else:
                unused.append((node.info, action))
    return unused, sympy.nsimplify(weight)


def _orders_feasible(patterns, paths, actions) -> bool:
    """Is there k >= 1 on the unused actions making each pattern the minimisers of K? (exactly checked)."""
    index = {a: j for j, a in enumerate(actions)}

    def count(node):
        row = np.zeros(len(actions))
        for a in paths[node][0]:
            row[index[a]] += 1
        return row

    a_eq, a_ub = [], []
    for nodes, support in patterns:
        x0 = support[0]
        for x in support[1:]:
            a_eq.append(count(x) - count(x0))
        for z in nodes:
            if z not in support:
                a_ub.append(count(x0) - count(z))  # K(x0) - K(z) <= -1
    if not actions:
        return not a_ub
    result = linprog(np.zeros(len(actions)), A_ub=np.array(a_ub) if a_ub else None,
                     b_ub=-np.ones(len(a_ub)) if a_ub else None, A_eq=np.array(a_eq) if a_eq else None,
                     b_eq=np.zeros(len(a_eq)) if a_eq else None, bounds=[(1, None)] * len(actions), method="highs")
    if result.status == 2:
        return False
    if result.status != 0:
        raise SolverError(f"sequential_equilibria: the order problem could not be solved ({result.message})")
    k = [Fraction(v).limit_denominator(10**6) for v in result.x]

    def K(node):
        return sum((k[index[a]] for a in paths[node][0]), Fraction(0))

    for nodes, support in patterns:
        if any(K(x) != K(support[0]) for x in support) or any(K(z) < K(support[0]) + 1 for z in nodes
                                                            if z not in support) or min(k) < 1:
            raise SolverError("sequential_equilibria: the order problem's solution did not check exactly")
    return True


def _cut(tree, piece):
    """The consistent sub-pieces of one perfect Bayesian piece."""
    multi = [h for h, s in tree.infosets.items() if len(s.nodes) > 1]
    paths = {n: _path(tree, piece, n) for h in multi for n in tree.infosets[h].nodes}
    centre_behaviour, centre_beliefs = piece.at(piece.centroid())
    fixed = [(tree.infosets[h].nodes, tuple(n for n, b in centre_beliefs[h].items() if b != 0))
             for h in multi if h not in piece.free_beliefs]
    free = [h for h in multi if h in piece.free_beliefs]
    for h in free:
        if any(paths[n][1].free_symbols for n in tree.infosets[h].nodes):
            raise SolverError("sequential_equilibria: beliefs and mixtures varying together are beyond this method")
    actions = sorted({a for n in paths for a in paths[n][0]})
    options = [[c for k in range(1, len(tree.infosets[h].nodes) + 1)
                for c in itertools.combinations(tree.infosets[h].nodes, k)] for h in free]
    found = []
    for choice in itertools.product(*options):
        patterns = fixed + [(tree.infosets[h].nodes, support) for h, support in zip(free, choice)]
        if not _orders_feasible(patterns, paths, actions):
            continue
        equalities, rows = [], []
        for h, support in zip(free, choice):
            belief = piece.beliefs[h]
            equalities += [belief[z] for z in tree.infosets[h].nodes if z not in support]
            x0 = support[0]
            for x in support[1:]:
                diff = tuple(sorted(paths[x][0])) != tuple(sorted(paths[x0][0]))
                if not diff:
                    equalities.append(belief[x] * paths[x0][1] - belief[x0] * paths[x][1])
                else:
                    rows.append([paths[x][0].count(a) - paths[x0][0].count(a) for a in actions])
        if rows and sympy.Matrix(rows).T.nullspace():
            raise SolverError("sequential_equilibria: beliefs tied across information sets are beyond this method")
        piece_cut = _restrict(tree, piece, equalities, choice, free)
        if piece_cut is not None:
            found.append(piece_cut)
    return found


def _restrict(tree, piece, equalities, choice, free):
    params = list(piece.parameters)
    base = [sympy.expand(c.lhs - c.rhs) for c in piece.constraints]
    eqs = [sympy.expand(e) for e in equalities if sympy.expand(e) != 0]
    if any(e.is_number for e in eqs):
        return None
    rows = affine_rows(base + eqs + [-e for e in eqs], params)
    if rows is None:
        raise SolverError("sequential_equilibria: a nonlinear consistency condition is beyond this method")
    points = vertices(rows, len(params))
    if not points:
        return None
    named = tuple({u.name: x for u, x in zip(params, p)} for p in points)
    cut = AssessmentPiece(piece.supports, piece.parameters, piece.behaviour, piece.beliefs,
                          piece.constraints + tuple(sympy.Eq(e, 0) for e in eqs), named, piece.free_beliefs)
    _, beliefs = cut.at(cut.centroid())
    if any(beliefs[h][x] == 0 for h, support in zip(free, choice) for x in support):
        return None  # the pattern holds only on the boundary: another pattern's piece
    verify_piece(tree, cut)
    return cut


def sequential_equilibria(tree: GameTree, values=None) -> tuple:
    """Every sequential equilibrium of a small tree, exactly: the consistent part of every perfect Bayesian set.

    Parameters
    ----------
    tree : GameTree
        A finite tree with perfect recall (the scope of
        :func:`~bargaining.games.pbe.perfect_bayesian`).
    values : mapping, optional
        Parameter values for a parametric tree.

    Returns
    -------
    tuple of PerfectBayesian
        The records whose assessments are consistent (a record may shrink or disappear).

    Raises
    ------
    SolverError
        Beyond the method's scope (beliefs tied across information sets by a
        binomial condition, beliefs and mixtures varying together).

    Examples
    --------
    Nature picks left (1/3) or right; player 1, not told which, ends the
    game (Out, 1 each) or goes In; player 2, not told either, guesses. Any
    belief after In supports a perfect Bayesian equilibrium, but consistency
    forces the prior, 1/3 on left, and then player 2 guesses right and
    player 1 goes In:

    >>> from bargaining.games.tree_build import TreeBuilder
    >>> t = TreeBuilder(players=("P1", "P2"))
    >>> def branch(state, left):
    ...     guess = t.decision("P2", {"l": t.end(0, int(left)), "r": t.end(2, int(not left))}, infoset="guess")
    ...     return t.decision("P1", {"Out": t.end(1, 1), "In": guess}, infoset="P1")
    >>> _ = t.chance({"left": ("1/3", branch("left", True)), "right": ("2/3", branch("right", False))})
    >>> tree = t.build()
    >>> [r.describe() for r in perfect_bayesian(tree)]
    ['P1: Out, p = 1', 'P1: In → P2: r, p = 1']
    >>> [r.describe() for r in sequential_equilibria(tree)]
    ['P1: In → P2: r, p = 1']
    """
    tree = numeric_tree(tree, values)
    pieces = []
    for record in perfect_bayesian(tree):
        for piece in record.pieces:
            pieces += _cut(tree, piece)
    return records_of(tree, pieces, METHOD)
