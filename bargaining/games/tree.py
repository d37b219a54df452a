"""Small game trees with perfect information: subgame-perfect paths and reduced normal forms.

A tree is a flat mapping of nodes: decision nodes name a player and map each
action to a child node; terminal nodes carry payoffs (numbers or sympy
expressions), always in (row player, column player) order; a model file's
``[sequential]`` section is read into one by :mod:`bargaining.modelling.trees`. :func:`subgame_perfect` solves the tree by backward induction (Zermelo;
Selten 1965) and reports every node where the mover was indifferent instead
of breaking the tie silently. :func:`reduced_normal_form` gives the strategic
form whose strategies are reduced plans (Osborne and Rubinstein 1994, §6.3).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import sympy

from ..errors import ModelError
from ..numbers import evaluate

__all__ = ["DecisionNode", "TerminalNode", "GameTree", "SubgamePerfect", "ReducedNormalForm",
           "subgame_perfect", "reduced_normal_form", "TIE_RULE"]

TIE_RULE = "first listed action"


@dataclass(frozen=True)
class DecisionNode:
    """A node where ``player`` chooses among ``actions`` (pairs ``(action, child id)``, in file order)."""

    id: str
    player: str
    actions: tuple


@dataclass(frozen=True)
class TerminalNode:
    """An end of the game with symbolic ``payoffs`` (row player, column player)."""

    id: str
    payoffs: tuple


@dataclass(frozen=True)
class GameTree:
    """A finite game tree with perfect information between the model's two players.

    Attributes
    ----------
    root : str
    nodes : mapping of id -> DecisionNode or TerminalNode (file order)
    players : pair of str
        (row player, column player): the order of every payoff pair.
    description : str
    reduces_to_payoffs : bool
        Whether the tree's reduced normal form is the model's payoff table.
    """

    root: str
    nodes: Mapping
    players: tuple
    description: str = ""
    reduces_to_payoffs: bool = False


@dataclass(frozen=True)
class SubgamePerfect:
    """The subgame-perfect equilibrium found by backward induction.

    Attributes
    ----------
    path : tuple of (player, action)
        The actions played from the (sub)tree's root to the end.
    payoffs : pair of sympy numbers
        (row player, column player) at the end of the path.
    plan : mapping of node id -> action
        The action chosen at every decision node, on and off the path.
    ties : tuple of (node id, tied actions)
        Nodes where the mover was indifferent among the listed best actions.
    tie_rule : str
        How ties were broken (the first listed action), stated, not hidden.
    """

    path: tuple
    payoffs: tuple
    plan: Mapping
    ties: tuple
    tie_rule: str = TIE_RULE

    def describe(self) -> str:
        """The path as text, e.g. ``Armenia: Demand → Russia: Concede``."""
        return " → ".join(f"{player}: {action}" for player, action in self.path)


@dataclass(frozen=True)
class ReducedNormalForm:
    """The strategic form of a tree, with reduced plans as strategies (symbolic payoffs)."""

    players: tuple
    strategies: tuple
    A: sympy.ImmutableMatrix
    B: sympy.ImmutableMatrix
    plans: tuple


def subgame_perfect(tree: GameTree, values: Mapping, *, node: str | None = None, where: str = "") -> SubgamePerfect:
    """Solve a game tree (or the subtree at ``node``) by backward induction.

    Parameters
    ----------
    tree : GameTree
        A game tree of perfect information with symbolic leaf payoffs.
    values : mapping of sympy.Symbol (or name) -> number
        A value for every parameter in the terminal payoffs.
    node : str, optional
        Solve the subgame starting at this node (the root by default).
    where : str
        Prefix for error messages (the model file).

    Returns
    -------
    SubgamePerfect
        Ties are reported in ``ties`` and broken by the first listed action.

    Examples
    --------
    >>> from bargaining import load_model
    >>> armenia = load_model("russia_armenia")
    >>> subgame_perfect(armenia.sequential, armenia.values(R=0.75)).describe()
    'Armenia: Demand → Russia: Concede'
    """
    start = tree.root if node is None else node
    if start not in tree.nodes:
        raise ModelError(f"{where}sequential: {start!r} is not a node id")
    values = _by_symbol(tree, values)
    plan: dict = {}
    ties: list = []
    memo: dict = {}
    order = _postorder(tree, start)
    for node_id in order:
        current = tree.nodes[node_id]
        if isinstance(current, TerminalNode):
            memo[node_id] = tuple(
                evaluate(expr, values, where=f"{where}sequential node {node_id!r} payoff [{k}]")
                for k, expr in enumerate(current.payoffs)
            )
            continue
        mover = tree.players.index(current.player)
        outcomes = [(action, memo[child]) for action, child in current.actions]
        best_value = outcomes[0][1][mover]
        for _, payoff in outcomes[1:]:
            if _greater(payoff[mover], best_value):
                best_value = payoff[mover]
        best = [action for action, payoff in outcomes if not _greater(best_value, payoff[mover])]
        plan[node_id] = best[0]
        if len(best) > 1:
            ties.append((node_id, tuple(best)))
        memo[node_id] = dict(outcomes)[best[0]]
    path = []
    current = tree.nodes[start]
    while isinstance(current, DecisionNode):
        action = plan[current.id]
        path.append((current.player, action))
        current = tree.nodes[dict(current.actions)[action]]
    return SubgamePerfect(tuple(path), memo[start], MappingProxyType(plan), tuple(reversed(ties)))


def _greater(a, b) -> bool:
    return bool((a - b) > 0)


def _by_symbol(tree: GameTree, values: Mapping) -> dict:
    symbols = {}
    for node in tree.nodes.values():
        if isinstance(node, TerminalNode):
            for expr in node.payoffs:
                symbols.update({s.name: s for s in expr.free_symbols})
    return {(symbols.get(k, k) if isinstance(k, str) else k): v for k, v in values.items()}


def _postorder(tree: GameTree, start: str) -> list:
    order, stack = [], [(start, False)]
    while stack:
        node_id, expanded = stack.pop()
        node = tree.nodes[node_id]
        if expanded or isinstance(node, TerminalNode):
            order.append(node_id)
            continue
        stack.append((node_id, True))
        stack.extend((child, False) for _, child in reversed(node.actions))
    return order


def _plans(tree: GameTree, player: str, node_id: str) -> list:
    """Reduced plans of ``player`` in the subtree at ``node_id``: dicts node -> action."""
    node = tree.nodes[node_id]
    if isinstance(node, TerminalNode):
        return [{}]
    if node.player == player:
        return [{node_id: action, **rest} for action, child in node.actions for rest in _plans(tree, player, child)]
    combined = [{}]
    for _, child in node.actions:
        combined = [{**a, **b} for a, b in itertools.product(combined, _plans(tree, player, child))]
    return combined


def reduced_normal_form(tree: GameTree) -> ReducedNormalForm:
    """The reduced strategic form of a game tree, symbolically.

    Each player's strategies are reduced plans: an action at every own node
    that the player's own earlier actions do not exclude. Plans that agree at
    every such node are one strategy, named by its actions joined with ``-``
    in the order of the tree (e.g. ``Demand-CarryOut``).

    Parameters
    ----------
    tree : GameTree
        A two-player game tree of perfect information (a model's
        ``sequential`` form), with symbolic payoffs at its leaves.

    Returns
    -------
    ReducedNormalForm
        The players, each player's strategy names (``"(no move)"`` for a
        player with no decision node), the payoff matrices ``A`` and ``B`` as
        :class:`sympy.ImmutableMatrix` (rows: player 1's plans, columns:
        player 2's), and the plans themselves as read-only mappings from node
        id to action.

    Examples
    --------
    >>> from bargaining import load_model
    >>> rnf = reduced_normal_form(load_model("russia_armenia").sequential)
    >>> rnf.strategies
    (('Concede', 'Refuse'), ('StatusQuo', 'Demand-CarryOut', 'Demand-BackDown'))
    """
    order = [n for n in _preorder(tree)]
    plans = []
    names = []
    for player in tree.players:
        player_plans = _plans(tree, player, tree.root)
        plans.append(tuple(MappingProxyType(p) for p in player_plans))
        names.append(tuple("-".join(p[n] for n in order if n in p) or "(no move)" for p in player_plans))
    A, B = [], []
    for row in plans[0]:
        A.append([])
        B.append([])
        for col in plans[1]:
            node = tree.nodes[tree.root]
            while isinstance(node, DecisionNode):
                chosen = (row if node.player == tree.players[0] else col)[node.id]
                node = tree.nodes[dict(node.actions)[chosen]]
            A[-1].append(node.payoffs[0])
            B[-1].append(node.payoffs[1])
    return ReducedNormalForm(tree.players, tuple(names), sympy.ImmutableMatrix(A), sympy.ImmutableMatrix(B), tuple(plans))


def _preorder(tree: GameTree) -> list:
    order, stack = [], [tree.root]
    while stack:
        node = tree.nodes[stack.pop()]
        order.append(node.id)
        if isinstance(node, DecisionNode):
            stack.extend(child for _, child in reversed(node.actions))
    return order
