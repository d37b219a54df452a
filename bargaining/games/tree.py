"""One tree type for every finite extensive form: decisions, chance, information sets, labelled ends.

A :class:`GameTree` is a flat mapping of nodes, each with a unique id:

- a :class:`DecisionNode` names a player, its actions (pairs ``(action,
  child id)``) and an information set (``infoset``; a node without one is
  alone in its own information set, named by its id). The nodes of one
  information set belong to one player and offer the same action labels in
  the same order;
- a :class:`ChanceNode` lists its outcomes like actions, with exact
  probabilities (sympy Rationals, or sympy expressions in parameters for a
  parametric tree); numeric probabilities must be non-negative and sum to 1;
- a :class:`TerminalNode` carries a label and one payoff per player, in the
  order of ``tree.players`` (numbers or sympy expressions).

Two or more players are allowed structurally (the solvers of this package
take two players plus chance). Trees of perfect information (every
information set a single node, no chance) are the special case that model
files' ``[sequential]`` sections have always described; build trees in Python
with :class:`~bargaining.games.tree_build.TreeBuilder`, read them from model
files (:mod:`bargaining.modelling.trees`) or from Gambit ``.efg`` files
(:meth:`GameTree.from_efg`).

Perfect recall (every node of an information set has the same history of its
player's own information sets and actions; Kuhn 1953) is checked and reported
by :attr:`GameTree.perfect_recall`; the solvers require it.

API for solvers
---------------
- ``tree.nodes[id]``, ``tree.root``, ``tree.players``; ``tree.preorder()``
  (node ids, root first, children in action order); ``tree.parent(id)``
  (``(parent id, action)`` or None); ``tree.history(id)`` (the path of
  ``(node id, action)`` pairs from the root).
- ``tree.infosets``: label -> :class:`InfoSet` (player, action labels, node
  ids), in order of first appearance; ``tree.infoset_of(id)``.
- ``tree.sequence(id, player)``: the player's own ``(infoset, action)`` pairs
  on the way to a node (its sequence, in the sense of the sequence form).
- ``tree.at(values)``: the tree with every parameter replaced by an exact
  number (:func:`bargaining.numbers.evaluate`); ``tree.parameters``.
- Behaviour profiles (infoset label -> {action: probability}) are evaluated
  exactly by :mod:`bargaining.games.behaviour`: ``reach_probabilities``,
  ``expected_payoffs``, ``bayes_beliefs``, ``reached_infosets``,
  ``outcome``, ``infoset_regrets``.

References
----------
H. W. Kuhn (1953), "Extensive games and the problem of information",
Contributions to the Theory of Games II, 193-216.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import sympy

from ..errors import GameError
from ..numbers import evaluate
from .tree_nodes import ChanceNode, DecisionNode, InfoSet, TerminalNode, exact

__all__ = ["DecisionNode", "ChanceNode", "TerminalNode", "InfoSet", "GameTree", "exact"]


@dataclass(frozen=True)
class GameTree:
    """A finite game tree: decision nodes in information sets, chance nodes, labelled terminal nodes.

    Attributes
    ----------
    root : str
    nodes : mapping of id -> DecisionNode, ChanceNode or TerminalNode
    players : tuple of str
        The order of every payoff vector (for two players: row, column).
    description : str
    reduces_to_payoffs : bool
        Whether the tree's reduced normal form is the model's payoff table.

    Raises
    ------
    GameError
        On an unknown child, a node with two parents or on a cycle, a node
        not reachable from the root, an unknown player, a payoff vector of
        the wrong length, chance probabilities that are negative or do not
        sum to 1, or an information set mixing players or action labels.

    Examples
    --------
    >>> from bargaining.games.tree_build import TreeBuilder
    >>> t = TreeBuilder(players=("Row", "Col"))
    >>> t.decision("Col", {"Out": t.end(2, 0), "In": t.decision("Row", {"Fight": t.end(-1, -1),
    ...            "Accommodate": t.end(1, 1)})})
    'd1'
    >>> tree = t.build()
    >>> tree.is_perfect_information, len(tree.infosets), tree.perfect_recall
    (True, 2, True)
    """

    root: str
    nodes: Mapping
    players: tuple
    description: str = ""
    reduces_to_payoffs: bool = False
    _index: dict = field(default=None, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self):
        object.__setattr__(self, "nodes", MappingProxyType(dict(self.nodes)))
        object.__setattr__(self, "players", tuple(self.players))
        object.__setattr__(self, "_index", _index(self))

    def __hash__(self):
        return hash((self.root, tuple(self.nodes.items()), self.players))

    # ------------------------------------------------------------ structure
    def preorder(self) -> tuple:
        """Node ids from the root, depth first, children in action order."""
        return self._index["order"]

    def parent(self, node_id: str):
        """``(parent id, action)`` leading to the node, or None at the root."""
        return self._index["parent"].get(node_id)

    def history(self, node_id: str) -> tuple:
        """The ``(node id, action)`` pairs from the root to ``node_id``."""
        path = []
        step = self.parent(node_id)
        while step is not None:
            path.append(step)
            step = self.parent(step[0])
        return tuple(reversed(path))

    def sequence(self, node_id: str, player: str) -> tuple:
        """The player's own ``(infoset label, action)`` pairs on the path to ``node_id``."""
        return tuple((self.nodes[n].info, a) for n, a in self.history(node_id)
                     if isinstance(self.nodes[n], DecisionNode) and self.nodes[n].player == player)

    @property
    def infosets(self) -> Mapping:
        """Information set label -> :class:`InfoSet`, in order of first appearance."""
        return self._index["infosets"]

    def infoset_of(self, node_id: str) -> InfoSet:
        """The information set of a decision node."""
        return self.infosets[self.nodes[node_id].info]

    @property
    def terminals(self) -> tuple:
        """The terminal node ids, in tree order."""
        return tuple(n for n in self.preorder() if isinstance(self.nodes[n], TerminalNode))

    @property
    def perfect_recall(self) -> bool:
        """Whether every information set's nodes share their player's own history (Kuhn 1953)."""
        return self._index["recall"] is None

    def require_perfect_recall(self) -> None:
        """Raise :class:`GameError` naming the first information set without perfect recall."""
        if self._index["recall"] is not None:
            raise GameError(f"the tree does not have perfect recall: {self._index['recall']}")

    @property
    def is_perfect_information(self) -> bool:
        """True when there is no chance node and every information set is a single node."""
        return all(len(s.nodes) == 1 for s in self.infosets.values()) and not any(
            isinstance(n, ChanceNode) for n in self.nodes.values())

    @property
    def parameters(self) -> frozenset:
        """The free sympy symbols of payoffs and chance probabilities."""
        found = set()
        for expr in self._expressions():
            found |= expr.free_symbols
        return frozenset(found)

    def _expressions(self):
        for node in self.nodes.values():
            if isinstance(node, TerminalNode):
                yield from node.payoffs
            elif isinstance(node, ChanceNode):
                yield from node.probabilities

    # ------------------------------------------------------------ parameters
    def at(self, values: Mapping | None = None, *, where: str = "") -> GameTree:
        """The tree with exact numbers for every parameter.

        Parameters
        ----------
        values : mapping of sympy.Symbol (or its name) -> number
        where : str
            Prefix for error messages.

        Returns
        -------
        GameTree
            Payoffs and probabilities are sympy numbers (Rationals when the
            inputs are rational); chance probabilities are checked to sum to 1.

        Examples
        --------
        >>> from bargaining import load_model
        >>> armenia = load_model("russia_armenia")
        >>> armenia.sequential.at(armenia.values(R=0.75)).nodes["status_quo"].payoffs
        (0, 0)
        """
        by_name = {s.name: s for s in self.parameters}
        values = {(by_name.get(k, sympy.Symbol(k)) if isinstance(k, str) else k): v
                  for k, v in (values or {}).items()}
        nodes = {}
        for node_id, node in self.nodes.items():
            if isinstance(node, TerminalNode):
                payoffs = tuple(evaluate(e, values, where=f"{where}node {node_id!r} payoff [{k}]")
                                for k, e in enumerate(node.payoffs))
                node = TerminalNode(node.id, payoffs, node.label)
            elif isinstance(node, ChanceNode):
                probs = tuple(evaluate(e, values, where=f"{where}chance node {node_id!r} probability [{k}]")
                              for k, e in enumerate(node.probabilities))
                node = ChanceNode(node.id, node.actions, probs)
            nodes[node_id] = node
        return GameTree(self.root, nodes, self.players, self.description, self.reduces_to_payoffs)

    # ------------------------------------------------------------ Gambit
    @classmethod
    def from_efg(cls, path_or_text) -> GameTree:
        """Read a Gambit extensive-form file (``.efg``); see :func:`bargaining.games.efg.read_efg`.

        Examples
        --------
        >>> tree = GameTree.from_efg('EFG 2 R "" { "A" "B" } "" p "" 1 1 "" { "L" "R" } 0 '
        ...                          't "" 1 "" { 1, 0 } t "" 2 "" { 0, 1 }')
        >>> tree.players, [tree.nodes[n].payoffs for n in tree.terminals]
        (('A', 'B'), [(1, 0), (0, 1)])
        """
        from .efg import read_efg

        data = read_efg(path_or_text)
        nodes = {}
        for kind, node_id, *rest in data["nodes"]:
            if kind == "t":
                nodes[node_id] = TerminalNode(node_id, tuple(exact(v) for v in rest[1]), rest[0])
            elif kind == "c":
                nodes[node_id] = ChanceNode(node_id, rest[0], tuple(exact(v) for v in rest[1]))
            else:
                nodes[node_id] = DecisionNode(node_id, rest[0], rest[2], rest[1])
        try:
            return cls(data["nodes"][0][1], nodes, data["players"], data["title"])
        except GameError as error:
            raise GameError(f"{data['name']}: {error}") from None

    def to_efg(self, title: str | None = None) -> str:
        """The tree as Gambit ``.efg`` text (numeric trees; see :func:`bargaining.games.efg.write_efg`).

        Examples
        --------
        >>> GameTree.from_efg('EFG 2 R "" { "A" "B" } "" t "" 1 "" { 1, 0 }').to_efg().splitlines()[-1]
        't "n1" 1 "n1" { 1 0 }'
        """
        from .efg import write_efg

        return write_efg(self, title)


def _index(tree: GameTree) -> dict:
    nodes, players = tree.nodes, tree.players
    if len(players) < 1 or len(set(players)) != len(players):
        raise GameError(f"the players {players!r} must be distinct and at least one")
    if tree.root not in nodes:
        raise GameError(f"the root {tree.root!r} is not a node id")
    parent: dict = {}
    for node in nodes.values():
        _check_node(node, players)
        for action, child in getattr(node, "actions", ()):
            if child not in nodes:
                raise GameError(f"node {node.id!r}, action {action!r} leads to unknown node {child!r}")
            if child == tree.root or child in parent or child == node.id:
                raise GameError(f"node {child!r} has two parents or is on a cycle")
            parent[child] = (node.id, action)
    order, stack = [], [tree.root]
    while stack:
        node = nodes[stack.pop()]
        order.append(node.id)
        stack.extend(child for _, child in reversed(getattr(node, "actions", ())))
    if len(order) != len(nodes):
        raise GameError(f"nodes {[n for n in nodes if n not in set(order)]} cannot be reached from the root")
    infosets: dict = {}
    for node_id in order:
        node = nodes[node_id]
        if isinstance(node, DecisionNode):
            labels = tuple(a for a, _ in node.actions)
            known = infosets.get(node.info)
            if known is None:
                infosets[node.info] = InfoSet(node.info, node.player, labels, (node_id,))
            elif known.player != node.player or known.actions != labels:
                raise GameError(f"information set {node.info!r}: node {node_id!r} differs in player or action "
                                f"labels ({node.player}: {list(labels)} against {known.player}: {list(known.actions)})")
            else:
                infosets[node.info] = InfoSet(known.label, known.player, known.actions, known.nodes + (node_id,))
    index = {"order": tuple(order), "parent": parent, "infosets": MappingProxyType(infosets), "recall": None}
    for label, infoset in infosets.items():
        sequences = {_own(tree, parent, n, infoset.player) for n in infoset.nodes}
        if len(sequences) > 1:
            index["recall"] = f"the nodes of information set {label!r} differ in {infoset.player}'s own history"
            break
    return index


def _own(tree, parent, node_id, player) -> tuple:
    seq = []
    step = parent.get(node_id)
    while step is not None:
        node = tree.nodes[step[0]]
        if isinstance(node, DecisionNode) and node.player == player:
            seq.append((node.info, step[1]))
        step = parent.get(step[0])
    return tuple(seq)


def _check_node(node, players) -> None:
    if isinstance(node, TerminalNode):
        if not all(isinstance(p, sympy.Basic) for p in node.payoffs):
            raise GameError(f"terminal node {node.id!r}: payoffs must be sympy numbers or expressions (see exact())")
        if len(node.payoffs) != len(players):
            raise GameError(f"terminal node {node.id!r} has {len(node.payoffs)} payoffs for {len(players)} players")
        return
    if not isinstance(node, (DecisionNode, ChanceNode)):
        raise GameError(f"{node!r} is not a tree node")
    if not node.actions:
        raise GameError(f"node {node.id!r} has no actions")
    labels = [a for a, _ in node.actions]
    if len(set(labels)) != len(labels):
        raise GameError(f"node {node.id!r} repeats an action label")
    if isinstance(node, DecisionNode):
        if node.player not in players:
            raise GameError(f"node {node.id!r}: {node.player!r} is not one of the players {list(players)}")
        return
    if len(node.probabilities) != len(node.actions):
        raise GameError(f"chance node {node.id!r} has {len(node.probabilities)} probabilities "
                        f"for {len(node.actions)} outcomes")
    probs = node.probabilities
    if not all(isinstance(p, sympy.Basic) for p in probs):
        raise GameError(f"chance node {node.id!r}: probabilities must be sympy numbers or expressions (see exact())")
    if all(p.is_number for p in probs):
        if any(bool(p < 0) for p in probs):
            raise GameError(f"chance node {node.id!r} has a negative probability")
        if sympy.simplify(sum(probs) - 1) != 0:
            raise GameError(f"chance node {node.id!r}: probabilities sum to {sum(probs)}, not 1")
