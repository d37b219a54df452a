"""Build a game tree in Python, bottom up: ends first, then the moves that lead to them.

Each call adds one node and returns its id, so a tree reads as nested calls:

>>> from bargaining.games.tree_build import TreeBuilder
>>> t = TreeBuilder(players=("Armenia", "Russia"))
>>> def after_demand(kind, carry_out):
...     back_down = t.end(-1, 1, label=f"{kind}: backs down")
...     rupture = t.end(carry_out, -2, label=f"{kind}: rupture")
...     refuse = t.decision("Armenia", {"CarryOut": rupture, "BackDown": back_down}, infoset=f"{kind} refused")
...     return t.decision("Russia", {"Concede": t.end(1, -1, label=f"{kind}: conceded"), "Refuse": refuse},
...                       infoset="Russia sees a demand")
>>> def armenia(kind, carry_out):
...     return t.decision("Armenia", {"StatusQuo": t.end(0, 0, label=f"{kind}: status quo"),
...                                   "Demand": after_demand(kind, carry_out)}, infoset=kind)
>>> root = t.chance({"resolved": ("1/4", armenia("resolved", 1)), "irresolute": ("3/4", armenia("irresolute", -2))})
>>> tree = t.build(description="a threat with a privately known resolve")
>>> tree.root == root, tree.infoset_of(tree.nodes[root].actions[0][1]).label
(True, 'resolved')
>>> tree.infosets["Russia sees a demand"].nodes  # two nodes: Russia does not know Armenia's type
('d1', 'd4')
>>> tree.perfect_recall
True

Payoffs and probabilities are exact: ints, Fractions, texts of numbers
(``"1/4"``, read by :class:`fractions.Fraction`, never evaluated) or sympy
expressions (a parametric tree; :meth:`GameTree.at` substitutes values).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import GameError
from .tree import ChanceNode, DecisionNode, GameTree, TerminalNode, exact

__all__ = ["TreeBuilder"]


class TreeBuilder:
    """Collect nodes, then :meth:`build` a :class:`~bargaining.games.tree.GameTree`.

    Parameters
    ----------
    players : sequence of str
        The players, in the order of every payoff vector.

    Examples
    --------
    >>> t = TreeBuilder(players=("Row", "Col"))
    >>> fight = t.end(-1, -1, label="fight")
    >>> entry = t.decision("Col", {"Out": t.end(2, 0), "In": t.decision("Row", {"Fight": fight,
    ...                    "Accommodate": t.end(1, 1)})})
    >>> tree = t.build()
    >>> [tree.nodes[n].name for n in tree.terminals]
    ['t1', 'fight', 't2']
    """

    def __init__(self, players):
        self.players = tuple(players)
        self.nodes: dict = {}
        self._count = {"t": 0, "d": 0, "c": 0}

    def _id(self, kind: str, given) -> str:
        if given is None:
            while True:
                given = f"{kind}{self._count[kind]}"
                self._count[kind] += 1
                if given not in self.nodes:
                    break
        if not isinstance(given, str) or not given or given in self.nodes:
            raise GameError(f"node id {given!r} is empty, not text, or already used")
        return given

    def end(self, *payoffs, label: str | None = None, id: str | None = None) -> str:
        """Add a terminal node with one payoff per player; return its id."""
        node_id = self._id("t", id)
        values = tuple(exact(p, f"payoff of {node_id!r}") for p in payoffs)
        self.nodes[node_id] = TerminalNode(node_id, values, label)
        return node_id

    def decision(self, player: str, actions: Mapping, *, infoset: str | None = None, id: str | None = None) -> str:
        """Add a decision node: ``actions`` maps action labels to child ids (in order); return its id."""
        node_id = self._id("d", id)
        self.nodes[node_id] = DecisionNode(node_id, player, tuple(dict(actions).items()), infoset)
        return node_id

    def chance(self, outcomes: Mapping, *, id: str | None = None) -> str:
        """Add a chance node: ``outcomes`` maps labels to ``(probability, child id)``; return its id."""
        node_id = self._id("c", id)
        pairs, probs = [], []
        for label, entry in dict(outcomes).items():
            if not isinstance(entry, tuple) or len(entry) != 2:
                raise GameError(f"chance node {node_id!r}, outcome {label!r}: expected (probability, child id)")
            probs.append(exact(entry[0], f"probability of {label!r}"))
            pairs.append((label, entry[1]))
        self.nodes[node_id] = ChanceNode(node_id, tuple(pairs), tuple(probs))
        return node_id

    def build(self, *, root: str | None = None, description: str = "") -> GameTree:
        """The tree; the root is the one node without a parent unless given."""
        if root is None:
            children = {c for n in self.nodes.values() for _, c in getattr(n, "actions", ())}
            roots = [n for n in self.nodes if n not in children]
            if len(roots) != 1:
                raise GameError(f"expected one node without a parent (the root), found {roots}")
            root = roots[0]
        return GameTree(root, dict(self.nodes), self.players, description)
