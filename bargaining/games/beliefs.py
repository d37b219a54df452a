"""Assessments of a game tree: behaviour and beliefs, Bayes' rule, and the exact check of sequential rationality.

An *assessment* is a behaviour strategy profile (information set label ->
{action: probability}) together with a belief at every information set
(label -> {node id: probability}). It is a perfect Bayesian equilibrium
(in the sense of Fudenberg and Tirole 1991, §8.2, for finite trees) when

- every player's action at every information set is a best reply given the
  belief there and everybody's behaviour afterwards (*sequential
  rationality*, checked as an exact regret of 0), and
- the belief is given by Bayes' rule wherever the information set is reached
  with positive probability from the root of the smallest proper subgame
  that contains it (so that the assessment is also a perfect Bayesian
  equilibrium of every subgame; Mas-Colell, Whinston and Green 1995, §9.C).

Every function here works with exact numbers, and equally with sympy
expressions (the solver of :mod:`bargaining.games.pbe` calls them with
symbolic probabilities to build its polynomial conditions).
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..errors import SolverError
from .tree import ChanceNode, DecisionNode, GameTree, TerminalNode

__all__ = ["subgame_roots", "conditional_reach", "node_values", "bayes_beliefs", "infoset_regrets",
           "verify_assessment"]


def subgame_roots(tree: GameTree) -> dict:
    """The root of the smallest proper subgame (or the tree's root) containing each information set.

    Parameters
    ----------
    tree : GameTree
        A game tree.

    Returns
    -------
    dict
        Information set label -> node id of that subgame's root.

    Examples
    --------
    >>> from bargaining.games.signaling import beer_quiche
    >>> subgame_roots(beer_quiche())["after Quiche"]
    'types'
    """
    order = tree.preorder()
    position = {n: k for k, n in enumerate(order)}
    end = {}
    for node_id in reversed(order):
        node = tree.nodes[node_id]
        end[node_id] = max([position[node_id] + 1, *(end[c] for _, c in getattr(node, "actions", ()))])
    infosets = tree.infosets
    roots = []
    for node_id in order:
        node = tree.nodes[node_id]
        if isinstance(node, TerminalNode):
            continue
        if isinstance(node, DecisionNode) and len(infosets[node.info].nodes) > 1:
            continue
        lo, hi = position[node_id], end[node_id]
        inside = {position[n] for n in order[lo:hi]}
        if all(all(position[m] in inside for m in s.nodes) or not any(position[m] in inside for m in s.nodes)
               for s in infosets.values()):
            roots.append(node_id)
    found = {}
    for label, infoset in infosets.items():
        best = tree.root
        for r in roots:
            lo, hi = position[r], end[r]
            if all(lo <= position[m] < hi for m in infoset.nodes) and position[r] >= position[best]:
                best = r
        found[label] = best
    return found


def _probability(tree: GameTree, behaviour: Mapping, node, action):
    if isinstance(node, ChanceNode):
        return node.probabilities[[a for a, _ in node.actions].index(action)]
    return behaviour[node.info].get(action, 0)


def conditional_reach(tree: GameTree, behaviour: Mapping, start: str | None = None) -> dict:
    """The probability of reaching each node of the subtree at ``start`` from ``start``.

    Parameters
    ----------
    tree : GameTree
        A game tree.
    behaviour : mapping
        Information set label -> {action: probability} (exact numbers or sympy expressions).
    start : str, optional
        The node to start from (the root by default).

    Returns
    -------
    dict
        Node id -> probability, for the nodes of the subtree.

    Examples
    --------
    >>> from bargaining.games.signaling import beer_quiche
    >>> tree = beer_quiche()
    >>> pool = {"strong": {"Beer": 1}, "weak": {"Beer": 1}, "after Beer": {"NotFight": 1},
    ...         "after Quiche": {"Fight": 1}}
    >>> conditional_reach(tree, pool)["weak:Beer"]
    1/10
    """
    start = tree.root if start is None else start
    reach = {start: sympy.Integer(1)}
    stack = [start]
    while stack:
        node = tree.nodes[stack.pop()]
        for action, child in getattr(node, "actions", ()):
            reach[child] = reach[node.id] * _probability(tree, behaviour, node, action)
            stack.append(child)
    return reach


def node_values(tree: GameTree, behaviour: Mapping) -> dict:
    """Every node's expected payoff vector (players in tree order) when play follows ``behaviour`` from it.

    Parameters
    ----------
    tree : GameTree
        A game tree with numeric (or symbolic) payoffs.
    behaviour : mapping
        Information set label -> {action: probability}.

    Returns
    -------
    dict
        Node id -> tuple of expected payoffs.

    Examples
    --------
    >>> from bargaining.games.signaling import beer_quiche
    >>> tree = beer_quiche()
    >>> pool = {"strong": {"Beer": 1}, "weak": {"Beer": 1}, "after Beer": {"NotFight": 1},
    ...         "after Quiche": {"Fight": 1}}
    >>> node_values(tree, pool)["types"]
    (29/10, 9/10)
    """
    values = {}
    for node_id in reversed(tree.preorder()):
        node = tree.nodes[node_id]
        if isinstance(node, TerminalNode):
            values[node_id] = tuple(node.payoffs)
            continue
        total = [sympy.Integer(0)] * len(tree.players)
        for action, child in node.actions:
            p = _probability(tree, behaviour, node, action)
            if p != 0:
                total = [t + p * v for t, v in zip(total, values[child])]
        values[node_id] = tuple(sympy.expand(t) for t in total)
    return values


def bayes_beliefs(tree: GameTree, behaviour: Mapping) -> dict:
    """Beliefs by Bayes' rule at every information set reached from the root of its smallest subgame.

    Parameters
    ----------
    tree : GameTree
        A game tree.
    behaviour : mapping
        Information set label -> {action: probability}, exact numbers.

    Returns
    -------
    dict
        Information set label -> {node id: probability}, only for the
        information sets that Bayes' rule pins down.

    Examples
    --------
    >>> from bargaining.games.signaling import beer_quiche
    >>> tree = beer_quiche()
    >>> pool = {"strong": {"Beer": 1}, "weak": {"Beer": 1}, "after Beer": {"NotFight": 1},
    ...         "after Quiche": {"Fight": 1}}
    >>> bayes_beliefs(tree, pool)["after Beer"]
    {'strong:Beer': 9/10, 'weak:Beer': 1/10}
    >>> "after Quiche" in bayes_beliefs(tree, pool)
    False
    """
    roots = subgame_roots(tree)
    reach_from = {}
    found = {}
    for label, infoset in tree.infosets.items():
        root = roots[label]
        if root not in reach_from:
            reach_from[root] = conditional_reach(tree, behaviour, root)
        weights = {n: reach_from[root][n] for n in infoset.nodes}
        total = sum(weights.values())
        if total != 0:
            found[label] = {n: sympy.nsimplify(w / total) for n, w in weights.items()}
    return found


def infoset_regrets(tree: GameTree, behaviour: Mapping, beliefs: Mapping) -> dict:
    """The mover's gain from the best action over its behaviour, at every information set, given beliefs.

    Parameters
    ----------
    tree : GameTree
        A game tree with numeric payoffs.
    behaviour : mapping
        Information set label -> {action: probability}.
    beliefs : mapping
        Information set label -> {node id: probability}; information sets of
        one node may be left out.

    Returns
    -------
    dict
        Information set label -> regret (0 exactly where the behaviour is sequentially rational).

    Examples
    --------
    >>> from bargaining.games.signaling import beer_quiche
    >>> tree = beer_quiche()
    >>> pool = {"strong": {"Beer": 1}, "weak": {"Beer": 1}, "after Beer": {"NotFight": 1},
    ...         "after Quiche": {"Fight": 1}}
    >>> beliefs = {"after Beer": {"strong:Beer": sympy.Rational(9, 10), "weak:Beer": sympy.Rational(1, 10)},
    ...            "after Quiche": {"strong:Quiche": 0, "weak:Quiche": 1}}
    >>> set(infoset_regrets(tree, pool, beliefs).values())
    {0}
    """
    values = node_values(tree, behaviour)
    regrets = {}
    for label, infoset in tree.infosets.items():
        mover = tree.players.index(infoset.player)
        belief = beliefs.get(label) or ({infoset.nodes[0]: 1} if len(infoset.nodes) == 1 else None)
        if belief is None:
            raise SolverError(f"no belief at information set {label!r}")
        by_action = {}
        for k, action in enumerate(infoset.actions):
            by_action[action] = sum(belief.get(n, 0) * values[tree.nodes[n].actions[k][1]][mover]
                                    for n in infoset.nodes)
        played = sum(behaviour[label].get(a, 0) * v for a, v in by_action.items())
        regrets[label] = sympy.nsimplify(max(by_action.values()) - played)
    return regrets


def verify_assessment(tree: GameTree, behaviour: Mapping, beliefs: Mapping) -> None:
    """Check an assessment exactly: probabilities, Bayes' rule where it applies, regret 0 everywhere.

    Parameters
    ----------
    tree : GameTree
        A game tree with rational payoffs and probabilities.
    behaviour : mapping
        Information set label -> {action: probability} (exact).
    beliefs : mapping
        Information set label -> {node id: probability} (exact).

    Returns
    -------
    None
        When every check passes.

    Raises
    ------
    SolverError
        Naming the first information set where a check fails.

    Examples
    --------
    >>> from bargaining.games.signaling import beer_quiche
    >>> tree = beer_quiche()
    >>> pool = {"strong": {"Beer": 1}, "weak": {"Beer": 1}, "after Beer": {"NotFight": 1},
    ...         "after Quiche": {"Fight": 1}}
    >>> verify_assessment(tree, pool, {"after Quiche": {"strong:Quiche": 1, "weak:Quiche": 0}})
    Traceback (most recent call last):
    ...
    bargaining.errors.SolverError: information set 'after Quiche': regret 1, not 0
    """
    for label, infoset in tree.infosets.items():
        probs = behaviour.get(label)
        if probs is None or any(a not in infoset.actions for a in probs):
            raise SolverError(f"information set {label!r}: behaviour missing or names an unknown action")
        if any(p < 0 for p in probs.values()) or sum(probs.values()) != 1:
            raise SolverError(f"information set {label!r}: behaviour is not a probability distribution")
    bayes = bayes_beliefs(tree, behaviour)
    full = {}
    for label, infoset in tree.infosets.items():
        belief = beliefs.get(label)
        if label in bayes:
            if belief is not None and any(sympy.nsimplify(belief.get(n, 0) - bayes[label][n]) != 0
                                          for n in infoset.nodes):
                raise SolverError(f"information set {label!r}: the belief is not Bayes' rule {bayes[label]}")
            belief = bayes[label]
        elif belief is None and len(infoset.nodes) == 1:
            belief = {infoset.nodes[0]: sympy.Integer(1)}
        if belief is None or set(belief) - set(infoset.nodes):
            raise SolverError(f"information set {label!r}: no belief over its nodes")
        if any(p < 0 for p in belief.values()) or sum(belief.values()) != 1:
            raise SolverError(f"information set {label!r}: the belief is not a probability distribution")
        full[label] = belief
    for label, value in infoset_regrets(tree, behaviour, full).items():
        if value != 0:
            raise SolverError(f"information set {label!r}: regret {value}, not 0")
