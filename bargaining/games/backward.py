"""Backward induction on trees of perfect information: the subgame-perfect path, ties reported.

:func:`subgame_perfect` solves a tree without information sets by backward
induction (Zermelo; Selten 1965) and reports every node where the mover was
indifferent instead of breaking the tie silently. For trees with chance moves
or information sets use
:func:`bargaining.games.subgames.subgame_perfect_equilibria`, which returns
every subgame-perfect equilibrium in behaviour strategies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..errors import GameError, ModelError
from ..numbers import evaluate
from .tree import DecisionNode, GameTree, TerminalNode

__all__ = ["SubgamePerfect", "subgame_perfect", "TIE_RULE"]

TIE_RULE = "first listed action"


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
    if not tree.is_perfect_information:
        raise GameError("subgame_perfect needs a tree of perfect information (no chance, no information sets); "
                        "use subgame_perfect_equilibria")
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
