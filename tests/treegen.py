"""Random small two-player game trees with chance and information sets (perfect recall), for property tests."""

from __future__ import annotations

import numpy as np

from bargaining import TreeBuilder

PLAYERS = ("P1", "P2")


def random_tree(seed: int, *, depth: int = 3, payoff_range: int = 3, chance: bool = True):
    """A random tree: nodes of one player with the same own history and action count may share an information set.

    Payoffs are integers in ``-payoff_range..payoff_range`` (ties are frequent,
    so degenerate games are common); chance probabilities are simple fractions.
    """
    rng = np.random.default_rng(seed)
    t = TreeBuilder(players=PLAYERS)
    pending = []  # decision nodes to put in information sets: (player, own history, width, node id)

    def grow(level, history):
        if level >= depth or (level > 0 and rng.random() < 0.3):
            return t.end(*(int(v) for v in rng.integers(-payoff_range, payoff_range + 1, size=2)))
        kind = rng.integers(0, 3 if chance else 2)
        width = int(rng.integers(2, 4 if level == 0 else 3))
        if kind == 2:
            weights = [int(w) for w in rng.integers(1, 4, size=width)]
            return t.chance({f"c{k}": (f"{w}/{sum(weights)}", grow(level + 1, history))
                             for k, w in enumerate(weights)})
        player = PLAYERS[int(kind)]
        node_id = f"x{len(t.nodes)}_{rng.integers(10**9)}"
        children = {}
        for k in range(width):
            own = history[player] + ((node_id, f"a{k}"),)
            children[f"a{k}"] = grow(level + 1, {**history, player: own})
        pending.append((player, history[player], width, node_id))
        return t.decision(player, children, id=node_id)

    grow(0, {p: () for p in PLAYERS})
    # merge: group by (player, own history with node ids replaced by their infoset, width)
    infoset_of: dict = {}
    groups: dict = {}
    for player, history, width, node_id in sorted(pending, key=lambda e: len(e[1])):
        key = (player, tuple((infoset_of[n], a) for n, a in history), width)
        options = groups.setdefault(key, [])
        if options and rng.random() < 0.6:
            label = options[int(rng.integers(0, len(options)))]
        else:
            label = f"{player}.{len(infoset_of)}"
            options.append(label)
        infoset_of[node_id] = label
    from bargaining.games.tree import DecisionNode

    for node_id, label in infoset_of.items():
        node = t.nodes[node_id]
        t.nodes[node_id] = DecisionNode(node.id, node.player, node.actions, label)
    return t.build()
