"""Reading a game tree out of a model file's ``[sequential]`` section.

The tree itself is a game (:mod:`bargaining.games.tree`); this module turns
the file's flat list of nodes into one, with every payoff parsed by the safe
expression language and the structure checked (ids, players, one parent per
node, no cycle, every node reachable).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import sympy

from ..errors import GameError, ModelError
from ..games.tree import ChanceNode, DecisionNode, GameTree, TerminalNode
from .expressions import parse_expression
from .schema import check_text, parse_pair

__all__ = ["parse_tree", "MAX_NODES"]

MAX_NODES = 200


def parse_tree(data, players, symbols: Mapping, where: str) -> GameTree:
    """Build and validate the ``[sequential]`` section of a model file.

    Raises
    ------
    ModelError
        On duplicate or unknown node ids, unknown players, a node that is not
        reachable from the root, a node with two parents, or a cycle; on a
        chance node whose numeric probabilities are negative or do not sum
        to 1; on an information set mixing players or action labels.

    Notes
    -----
    A decision node may name its information set (``infoset = "label"``);
    a chance node lists ``chance = { outcome = ["probability", "child"] }``
    (probabilities are expressions in the parameters); a terminal node may
    carry a ``label``.
    """
    here = f"{where}: sequential"
    if not isinstance(data, Mapping):
        raise ModelError(f"{here}: expected a table")
    extra = [k for k in data if k not in ("description", "root", "reduces_to_payoffs", "nodes")]
    if extra:
        raise ModelError(f"{here}: unknown entries {extra}")
    items = data.get("nodes")
    if not isinstance(items, list) or not items:
        raise ModelError(f"{here}.nodes: expected a non-empty list of [[sequential.nodes]]")
    if len(items) > MAX_NODES:
        raise ModelError(f"{here}.nodes: more than {MAX_NODES} nodes")
    reduces = data.get("reduces_to_payoffs", False)
    if not isinstance(reduces, bool):
        raise ModelError(f"{here}.reduces_to_payoffs: expected true or false")
    description = data.get("description", "")
    if not isinstance(description, str):
        raise ModelError(f"{here}.description: expected text")
    check_text(description, f"{here}.description", name=False)
    nodes: dict = {}
    for k, item in enumerate(items):
        at = f"{here}.nodes[{k}]"
        if not isinstance(item, Mapping):
            raise ModelError(f"{at}: expected a table")
        node_id = item.get("id")
        if not isinstance(node_id, str) or not node_id:
            raise ModelError(f"{at}.id: missing or not text")
        check_text(node_id, f"{at}.id")
        if node_id in nodes:
            raise ModelError(f"{at}.id: duplicate node id {node_id!r}")
        if "payoffs" in item:
            if set(item) - {"id", "payoffs", "label"}:
                raise ModelError(f"{at}: a terminal node has only id, payoffs and label")
            label = item.get("label")
            if label is not None and (not isinstance(label, str) or not label):
                raise ModelError(f"{at}.label: expected text")
            if label is not None:
                check_text(label, f"{at}.label")
            nodes[node_id] = TerminalNode(node_id, parse_pair(item["payoffs"], symbols, f"{at}.payoffs"), label)
            continue
        if "chance" in item:
            nodes[node_id] = _chance(item, symbols, at)
            continue
        if set(item) - {"id", "player", "actions", "infoset"}:
            raise ModelError(f"{at}: a decision node has only id, player, actions and infoset")
        infoset = item.get("infoset")
        if infoset is not None and (not isinstance(infoset, str) or not infoset):
            raise ModelError(f"{at}.infoset: expected the label of an information set (text)")
        if infoset is not None:
            check_text(infoset, f"{at}.infoset")
        player = item.get("player")
        if player not in players:
            raise ModelError(f"{at}.player: {player!r} is not one of the players {list(players)}")
        actions = item.get("actions")
        if not isinstance(actions, Mapping) or not actions:
            raise ModelError(f"{at}.actions: expected a table action = \"child node id\"")
        for action, child in actions.items():
            check_text(action, f"{at}.actions")
            if not isinstance(child, str):
                raise ModelError(f"{at}.actions.{action}: expected a node id")
        nodes[node_id] = DecisionNode(node_id, player, tuple(actions.items()), infoset)
    root = data.get("root")
    if root not in nodes:
        raise ModelError(f"{here}.root: {root!r} is not a node id")
    _check_tree(nodes, root, here)
    try:
        return GameTree(root, MappingProxyType(nodes), tuple(players), description, reduces)
    except GameError as error:
        raise ModelError(f"{here}: {error}") from None


def _chance(item: Mapping, symbols: Mapping, at: str) -> ChanceNode:
    """A chance node: ``chance = { outcome = ["probability", "child id"], ... }``."""
    if set(item) - {"id", "chance"}:
        raise ModelError(f"{at}: a chance node has only id and chance")
    outcomes = item["chance"]
    if not isinstance(outcomes, Mapping) or not outcomes:
        raise ModelError(f"{at}.chance: expected a table outcome = [probability, child node id]")
    actions, probabilities = [], []
    for outcome, pair in outcomes.items():
        check_text(outcome, f"{at}.chance")
        if not isinstance(pair, list) or len(pair) != 2 or not isinstance(pair[1], str):
            raise ModelError(f"{at}.chance.{outcome}: expected [probability, child node id]")
        probabilities.append(parse_expression(pair[0], symbols, where=f"{at}.chance.{outcome}[0]"))
        actions.append((outcome, pair[1]))
    if all(p.is_number for p in probabilities):
        try:
            wrong = any(bool(p < 0) for p in probabilities) or sympy.nsimplify(sum(probabilities)) != 1
        except (TypeError, ValueError, ArithmeticError, NotImplementedError, RecursionError):
            wrong = True  # not comparable with 0 (sympy cannot decide): refuse rather than guess
        if wrong:
            raise ModelError(f"{at}.chance: the probabilities must be non-negative and sum to 1")
    return ChanceNode(item["id"], tuple(actions), tuple(probabilities))


def _check_tree(nodes: Mapping, root: str, here: str) -> None:
    parent: dict = {}
    for node in nodes.values():
        if isinstance(node, (DecisionNode, ChanceNode)):
            for action, child in node.actions:
                if child not in nodes:
                    raise ModelError(f"{here}: node {node.id!r}, action {action!r} leads to unknown node {child!r}")
                if child == root or child == node.id:
                    raise ModelError(f"{here}: node {node.id!r}, action {action!r} leads back to {child!r} (a cycle)")
                if child in parent:
                    raise ModelError(f"{here}: node {child!r} has two parents ({parent[child]!r} and {node.id!r})")
                parent[child] = node.id
    reached, stack = set(), [root]
    while stack:
        node = nodes[stack.pop()]
        if node.id in reached:
            raise ModelError(f"{here}: node {node.id!r} is on a cycle")
        reached.add(node.id)
        if isinstance(node, (DecisionNode, ChanceNode)):
            stack.extend(child for _, child in node.actions)
    unreached = [n for n in nodes if n not in reached]
    if unreached:
        raise ModelError(f"{here}: nodes {unreached} cannot be reached from the root {root!r}")
