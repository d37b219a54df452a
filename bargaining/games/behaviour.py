"""Behaviour profiles on a game tree, evaluated exactly: reach, payoffs, beliefs, regrets.

A *behaviour profile* maps information set labels to ``{action: probability}``
(Fractions, or anything :func:`~bargaining.games.game.to_fraction` reads). An
information set may be left out when no node of it can be reached (its own
player's earlier actions exclude it); reaching a node whose information set
has no behaviour raises :class:`~bargaining.GameError`. The tree must be
numeric (use :meth:`GameTree.at` first for a parametric one).

The regret at an information set ``h`` of player ``i`` given weights ``w``
on its nodes (the Bayes beliefs when ``h`` is reached, given beliefs
otherwise) is the most ``i`` could gain, in expectation conditional on ``h``,
by changing its whole continuation strategy (not one move only), the others'
behaviour and chance fixed. A profile is a Nash equilibrium exactly when the
regret is 0 at every information set reached with positive probability, and
sequentially rational given beliefs when it is 0 at every information set.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from ..errors import GameError
from .game import to_fraction
from .tree import ChanceNode, DecisionNode, GameTree, TerminalNode

__all__ = ["reach_probabilities", "expected_payoffs", "node_values", "bayes_beliefs", "reached_infosets",
           "outcome", "infoset_regrets", "path_words", "normalise_behaviour"]


def normalise_behaviour(tree: GameTree, behaviour: Mapping) -> dict:
    """Check a behaviour profile against the tree and convert it to Fractions.

    Every given information set must exist and give each of its actions a
    probability (missing actions count 0) that is non-negative, summing to 1.

    Examples
    --------
    >>> from bargaining.games.tree_build import TreeBuilder
    >>> t = TreeBuilder(players=("A", "B")); _ = t.decision("A", {"L": t.end(1, 0), "R": t.end(0, 1)}, infoset="a")
    >>> normalise_behaviour(t.build(), {"a": {"L": "1/3", "R": "2/3"}})
    {'a': {'L': Fraction(1, 3), 'R': Fraction(2, 3)}}
    """
    out = {}
    for label, dist in behaviour.items():
        if label not in tree.infosets:
            raise GameError(f"behaviour: {label!r} is not an information set of the tree")
        actions = tree.infosets[label].actions
        unknown = [a for a in dist if a not in actions]
        if unknown:
            raise GameError(f"behaviour at {label!r}: unknown actions {unknown}")
        probs = {a: _fraction(dist.get(a, 0)) for a in actions}
        if any(p < 0 for p in probs.values()) or sum(probs.values()) != 1:
            raise GameError(f"behaviour at {label!r} is not a probability distribution: {probs}")
        out[label] = probs
    return out


def _fraction(value) -> Fraction:
    return Fraction(value) if isinstance(value, str) else to_fraction(value)


def _moves(tree: GameTree, node, behaviour: Mapping, weight=1):
    """(action, child, probability) at a chance or decision node; probability None if not defined."""
    if isinstance(node, ChanceNode):
        return [(a, c, to_fraction(p)) for (a, c), p in zip(node.actions, node.probabilities)]
    dist = behaviour.get(node.info)
    if dist is None:
        if weight:
            raise GameError(f"no behaviour at information set {node.info!r}, which is reached")
        return [(a, c, Fraction(0)) for a, c in node.actions]
    return [(a, c, dist[a]) for a, c in node.actions]


def reach_probabilities(tree: GameTree, behaviour: Mapping) -> dict:
    """The probability of reaching every node, exactly.

    Examples
    --------
    >>> from bargaining.games.tree_build import TreeBuilder
    >>> t = TreeBuilder(players=("A", "B"))
    >>> _ = t.chance({"h": ("1/3", t.end(1, 0, id="x")), "t": ("2/3", t.end(0, 1, id="y"))}, id="c")
    >>> reach_probabilities(t.build(), {})
    {'c': Fraction(1, 1), 'x': Fraction(1, 3), 'y': Fraction(2, 3)}
    """
    behaviour = normalise_behaviour(tree, behaviour)
    reach = {}
    for node_id in tree.preorder():
        step = tree.parent(node_id)
        if step is None:
            reach[node_id] = Fraction(1)
            continue
        parent = tree.nodes[step[0]]
        moves = {a: p for a, _, p in _moves(tree, parent, behaviour, reach[step[0]])}
        reach[node_id] = reach[step[0]] * moves[step[1]]
    return reach


def node_values(tree: GameTree, behaviour: Mapping) -> dict:
    """Expected payoff vector (Fractions) of the continuation from every node; None where undefined."""
    behaviour = normalise_behaviour(tree, behaviour)
    values: dict = {}
    for node_id in reversed(tree.preorder()):
        node = tree.nodes[node_id]
        if isinstance(node, TerminalNode):
            values[node_id] = tuple(to_fraction(v) for v in node.payoffs)
            continue
        if isinstance(node, DecisionNode) and node.info not in behaviour:
            values[node_id] = None
            continue
        total = [Fraction(0)] * len(tree.players)
        for _, child, p in _moves(tree, node, behaviour):
            if p:
                if values[child] is None:
                    total = None
                    break
                total = [t + p * v for t, v in zip(total, values[child])]
        values[node_id] = None if total is None else tuple(total)
    return values


def expected_payoffs(tree: GameTree, behaviour: Mapping) -> tuple:
    """Each player's expected payoff under the profile, exactly (tree order of players)."""
    value = node_values(tree, behaviour)[tree.root]
    if value is None:
        raise GameError("the behaviour profile leaves a reached information set without behaviour")
    return value


def reached_infosets(tree: GameTree, behaviour: Mapping) -> tuple:
    """Labels of the information sets reached with positive probability, in tree order."""
    reach = reach_probabilities(tree, behaviour)
    return tuple(label for label, s in tree.infosets.items() if any(reach[n] for n in s.nodes))


def bayes_beliefs(tree: GameTree, behaviour: Mapping) -> dict:
    """Beliefs by Bayes' rule at every reached information set: label -> {node id: probability}."""
    reach = reach_probabilities(tree, behaviour)
    out = {}
    for label, s in tree.infosets.items():
        total = sum(reach[n] for n in s.nodes)
        if total:
            out[label] = {n: reach[n] / total for n in s.nodes}
    return out


def outcome(tree: GameTree, behaviour: Mapping) -> dict:
    """The probability of each terminal label (labels shared by several ends add up); zeros left out."""
    reach = reach_probabilities(tree, behaviour)
    out: dict = {}
    for n in tree.terminals:
        if reach[n]:
            name = tree.nodes[n].name
            out[name] = out.get(name, Fraction(0)) + reach[n]
    return out


def _show(p: Fraction) -> str:
    for digits in range(7):
        if (p * 10**digits).denominator == 1:
            return f"{float(p):.{digits}f}"
    return str(p)


def path_words(tree: GameTree, behaviour: Mapping) -> tuple:
    """Every path played with positive probability, in words, with its probability.

    Examples
    --------
    >>> from bargaining import load_model
    >>> from bargaining.games.tree_build import TreeBuilder
    >>> t = TreeBuilder(players=("Armenia", "Russia"))
    >>> refuse = t.decision("Armenia", {"CarryOut": t.end(-1, -1), "BackDown": t.end(0, 1)}, infoset="c")
    >>> _ = t.decision("Armenia", {"Wait": t.end(0, 0), "Demand": t.decision("Russia", {"Concede": t.end(1, 0),
    ...                "Refuse": refuse}, infoset="b")}, infoset="a")
    >>> path_words(t.build(), {"a": {"Demand": 1}, "b": {"Refuse": "27/200", "Concede": "173/200"},
    ...                        "c": {"BackDown": 1}})
    ('Armenia: Demand → Russia: Concede, p = 0.865', 'Armenia: Demand → Russia: Refuse → Armenia: BackDown, p = 0.135')
    """
    reach = reach_probabilities(tree, behaviour)
    words = []
    for n in tree.terminals:
        if reach[n]:
            steps = []
            for node_id, action in tree.history(n):
                node = tree.nodes[node_id]
                steps.append(f"{'chance' if isinstance(node, ChanceNode) else node.player}: {action}")
            words.append(f"{' → '.join(steps) or '(no move)'}, p = {_show(reach[n])}")
    return tuple(words)


def infoset_regrets(tree: GameTree, behaviour: Mapping, beliefs: Mapping | None = None) -> dict:
    """The regret (exact) at every information set: label -> Fraction, or None where no belief is defined.

    Parameters
    ----------
    tree : GameTree
        A numeric tree with perfect recall.
    behaviour : mapping
        A behaviour profile.
    beliefs : mapping of label -> {node id: probability}, optional
        Beliefs at information sets not reached under the profile (Bayes'
        rule is used at reached ones, whatever is given).

    Returns
    -------
    dict
        Label -> regret (>= 0), None at an unreached information set without
        a given belief.

    Examples
    --------
    >>> from bargaining.games.tree_build import TreeBuilder
    >>> t = TreeBuilder(players=("Row", "Col"))
    >>> _ = t.decision("Col", {"Out": t.end(2, 0), "In": t.decision("Row", {"Fight": t.end(-1, -1),
    ...                "Accommodate": t.end(1, 1)}, infoset="row")}, infoset="col")
    >>> tree = t.build()
    >>> infoset_regrets(tree, {"col": {"Out": 1}, "row": {"Fight": 1}})   # Nash, not subgame perfect
    {'col': Fraction(0, 1), 'row': None}
    >>> infoset_regrets(tree, {"col": {"Out": 1}, "row": {"Fight": 1}}, {"row": {"d0": 1}})
    {'col': Fraction(0, 1), 'row': Fraction(2, 1)}
    """
    tree.require_perfect_recall()
    behaviour = normalise_behaviour(tree, behaviour)
    reach = reach_probabilities(tree, behaviour)
    values = node_values(tree, behaviour)
    out = {}
    for label, s in tree.infosets.items():
        weights = {n: reach[n] for n in s.nodes}
        if not any(weights.values()):
            given = (beliefs or {}).get(label)
            if given is None:
                out[label] = None
                continue
            unknown = [n for n in given if n not in s.nodes]
            if unknown:
                raise GameError(f"beliefs at {label!r}: {unknown} is not a node of the information set")
            weights = {n: _fraction(given.get(n, 0)) for n in s.nodes}
        out[label] = _regret(tree, behaviour, values, s, weights)
    return out


def _regret(tree, behaviour, values, infoset, weights) -> Fraction:
    i = tree.players.index(infoset.player)
    total = sum(weights.values())
    if total <= 0:
        raise GameError(f"beliefs at {infoset.label!r} must be non-negative and not all zero")
    omega: dict = {}
    stack = [(n, w) for n, w in weights.items()]
    while stack:  # forward weights: others' and chance's probabilities, the player's own moves free
        node_id, w = stack.pop()
        node = tree.nodes[node_id]
        if isinstance(node, TerminalNode):
            continue
        if isinstance(node, DecisionNode) and node.player == infoset.player:
            omega[node_id] = omega.get(node_id, 0) + w
            stack.extend((c, w) for _, c in node.actions)
        else:
            stack.extend((c, w * p) for _, c, p in _moves(tree, node, behaviour, w))
    choice: dict = {}
    best: dict = {}

    def value(node_id):
        if node_id in best:
            return best[node_id]
        node = tree.nodes[node_id]
        if isinstance(node, TerminalNode):
            result = to_fraction(node.payoffs[i])
        elif isinstance(node, DecisionNode) and node.player == infoset.player:
            result = value(dict(node.actions)[choose(node.info)])
        else:
            result = sum((p * value(c) for _, c, p in _moves(tree, node, behaviour, 0) if p), Fraction(0))
        best[node_id] = result
        return result

    def choose(label):
        if label not in choice:
            s = tree.infosets[label]
            members = [n for n in s.nodes if n in omega]
            scores = [sum(omega[n] * value(dict(tree.nodes[n].actions)[a]) for n in members) for a in s.actions]
            choice[label] = s.actions[scores.index(max(scores))]
        return choice[label]

    gains = [sum(w * value(dict(tree.nodes[n].actions)[a]) for n, w in weights.items()) for a in infoset.actions]
    current = Fraction(0)
    for n, w in weights.items():
        if w:
            if values[n] is None:
                raise GameError(f"no behaviour defined below information set {infoset.label!r}")
            current += w * values[n][i]
    return (max(gains) - current) / total
