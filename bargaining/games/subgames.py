"""Subgame-perfect equilibria of trees with information sets, by decomposition into proper subgames.

A *proper subgame* starts at a decision or chance node whose subtree cuts no
information set: every information set with a node in the subtree lies
entirely in it (Selten 1965). Working from the deepest subgames up, each
subgame's extreme equilibria in behaviour strategies
(:func:`~bargaining.games.kuhn.behaviour_equilibria`) are found with every
smaller subgame replaced by the payoffs of one of its equilibria; every
combination of the smaller subgames' equilibria is kept. Each profile
returned is verified exactly: regret 0 at every reached information set of
every proper subgame (the whole tree included).

Within each subgame only extreme equilibria are combined, so a
subgame-perfect equilibrium that mixes two extreme equilibria of a subgame
is represented by its extreme neighbours, not listed itself.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping

import sympy

from ..errors import SolverError
from .behaviour import infoset_regrets
from .kuhn import behaviour_equilibria, numeric_tree
from .tree import ChanceNode, DecisionNode, GameTree, TerminalNode
from .tree_equilibrium import TreeEquilibrium, make_tree_equilibrium

__all__ = ["proper_subgames", "subtree", "subgame_perfect_equilibria", "MAX_COMBINATIONS"]

#: The most combinations of subgame equilibria examined before giving up.
MAX_COMBINATIONS = 10_000


def subtree(tree: GameTree, node_id: str, *, replace: Mapping | None = None) -> GameTree:
    """The tree below ``node_id``, with the nodes in ``replace`` turned into ends with the given payoffs.

    Parameters
    ----------
    tree : GameTree
    node_id : str
        The new root.
    replace : mapping of node id -> payoff vector, optional
        Nodes to cut off, each becoming an end with these payoffs.

    Returns
    -------
    GameTree

    Examples
    --------
    >>> from bargaining import load_model
    >>> sorted(subtree(load_model("russia_armenia").sequential, "refuse").nodes)
    ['backed_down', 'refuse', 'rupture']
    """
    replace = replace or {}
    nodes, stack = {}, [node_id]
    while stack:
        node = tree.nodes[stack.pop()]
        if node.id in replace:
            nodes[node.id] = TerminalNode(node.id, tuple(sympy.Rational(v.numerator, v.denominator)
                                                         for v in replace[node.id]), f"subgame {node.id}")
            continue
        nodes[node.id] = node
        stack.extend(child for _, child in getattr(node, "actions", ()))
    return GameTree(node_id, nodes, tree.players, tree.description)


def proper_subgames(tree: GameTree) -> tuple:
    """The roots of the proper subgames (the root first, then in tree order).

    Parameters
    ----------
    tree : GameTree
        Any tree.

    Returns
    -------
    tuple of str
        The ids of the decision and chance nodes whose subtrees cut no
        information set.

    Examples
    --------
    >>> from bargaining import load_model
    >>> proper_subgames(load_model("russia_armenia").sequential)
    ('armenia', 'russia', 'refuse')
    """
    below: dict = {}
    for node_id in reversed(tree.preorder()):
        node = tree.nodes[node_id]
        below[node_id] = {node_id}.union(*(below[c] for _, c in getattr(node, "actions", ())))
    roots = []
    for node_id in tree.preorder():
        node = tree.nodes[node_id]
        if not isinstance(node, (DecisionNode, ChanceNode)):
            continue
        inside = below[node_id]
        labels = {tree.nodes[n].info for n in inside if isinstance(tree.nodes[n], DecisionNode)}
        if all(set(tree.infosets[h].nodes) <= inside for h in labels):
            roots.append(node_id)
    return tuple(roots)


def subgame_perfect_equilibria(tree: GameTree, values: Mapping | None = None) -> tuple[TreeEquilibrium, ...]:
    """Subgame-perfect equilibria in behaviour strategies: every combination of the subgames' extreme equilibria.

    Parameters
    ----------
    tree : GameTree
        Two players and chance, perfect recall, rational numbers (or
        parameters with ``values``).
    values : mapping, optional
        Parameter values for a parametric tree.

    Returns
    -------
    tuple of TreeEquilibrium
        Distinct behaviour profiles with a behaviour at every information
        set, each verified exactly in every proper subgame.

    Raises
    ------
    SolverError
        If more than :data:`MAX_COMBINATIONS` combinations would be examined.

    References
    ----------
    R. Selten (1965), "Spieltheoretische Behandlung eines Oligopolmodells mit
    Nachfrageträgheit", Zeitschrift für die gesamte Staatswissenschaft 121.

    Examples
    --------
    >>> from bargaining.games.tree_build import TreeBuilder
    >>> t = TreeBuilder(players=("Row", "Col"))
    >>> _ = t.decision("Col", {"Out": t.end(2, 0), "In": t.decision("Row",
    ...                {"Fight": t.end(-1, -1), "Accommodate": t.end(1, 1)}, infoset="row")}, infoset="col")
    >>> [eq.path for eq in subgame_perfect_equilibria(t.build())]
    [('Col: In → Row: Accommodate, p = 1',)]
    """
    tree = numeric_tree(tree, values)
    roots = proper_subgames(tree)
    inner = {r: [] for r in roots}  # the maximal proper subgames strictly inside each subgame
    for r in roots[1:]:
        step = tree.parent(r)
        while step[0] not in inner:
            step = tree.parent(step[0])
        inner[step[0]].append(r)
    solved: dict = {}
    for r in reversed(roots):
        profiles = []
        combos = list(itertools.product(*(solved[c] for c in inner[r])))
        if len(combos) > MAX_COMBINATIONS:
            raise SolverError(f"subgame at {r!r}: more than {MAX_COMBINATIONS} combinations of subgame equilibria")
        for combo in combos:
            cut = subtree(tree, r, replace={c: payoffs for c, (_, payoffs) in zip(inner[r], combo)})
            for eq in behaviour_equilibria(cut):
                behaviour = {k: dict(v) for k, v in eq.behaviour.items()}
                for part, _ in combo:
                    behaviour.update(part)
                profiles.append((_complete(cut, behaviour), eq.payoffs))
        solved[r] = _distinct(profiles)
    method = f"subgame perfect: equilibria of {len(roots)} proper subgames, combined (Selten)"
    found = []
    for behaviour, _ in solved[roots[0]]:
        for r in roots:
            part = subtree(tree, r)
            regrets = infoset_regrets(part, {h: d for h, d in behaviour.items() if h in part.infosets})
            bad = {h: v for h, v in regrets.items() if v}
            if bad:
                raise SolverError(f"{method}: regret {bad} in the subgame at {r!r}")
        record = make_tree_equilibrium(tree, behaviour, method)
        found.append(dataclasses.replace(record, verified=record.verified + "; regret 0 in every proper subgame"))
    return tuple(found)


def _complete(tree: GameTree, behaviour: dict) -> dict:
    """Fill information sets the mover's own strategy excludes with the first action (they change nothing)."""
    for label, s in tree.infosets.items():
        if label not in behaviour:
            behaviour[label] = {a: int(k == 0) for k, a in enumerate(s.actions)}
    return behaviour


def _distinct(profiles):
    out, seen = [], set()
    for behaviour, payoffs in profiles:
        key = tuple(sorted((h, tuple(sorted(d.items()))) for h, d in behaviour.items()))
        if key not in seen:
            seen.add(key)
            out.append((behaviour, payoffs))
    return out
