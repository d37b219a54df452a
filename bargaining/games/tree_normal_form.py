"""The reduced normal form of a two-player game tree (chance and information sets included).

A player's *reduced plan* chooses an action at each of the player's
information sets that the player's own earlier choices do not exclude (Osborne
and Rubinstein 1994, §6.3; with perfect recall, Kuhn 1953). Two plans that
differ only where they can never matter are one strategy. The payoffs of a
pair of plans are expected over chance moves.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

import sympy

from ..errors import GameError
from .game import to_fraction
from .tree import ChanceNode, DecisionNode, GameTree, TerminalNode

__all__ = ["ReducedNormalForm", "reduced_normal_form", "reduced_plans"]


@dataclass(frozen=True)
class ReducedNormalForm:
    """The strategic form of a tree, with reduced plans as strategies.

    Attributes
    ----------
    players : pair of str
    strategies : pair of tuple of str
        Each plan named by its actions joined with ``-`` in the order of the
        information sets (``"(no move)"`` for a player without a move).
    A, B : sympy.ImmutableMatrix
        Expected payoffs (symbolic for a parametric tree).
    plans : pair of tuple of mapping
        Each plan as a read-only mapping information set label -> action.
    """

    players: tuple
    strategies: tuple
    A: sympy.ImmutableMatrix
    B: sympy.ImmutableMatrix
    plans: tuple


#: The most reduced plans one player may have in :func:`reduced_normal_form` (the count grows
#: exponentially with a player's information sets).
MAX_PLANS = 10_000


def reduced_plans(tree: GameTree, player: str) -> tuple:
    """The player's reduced plans, each a dict information set label -> action.

    Raises :class:`~bargaining.GameError` when there are more than
    :data:`MAX_PLANS` of them (counted before any is built).

    Examples
    --------
    >>> from bargaining import load_model
    >>> [dict(p) for p in reduced_plans(load_model("russia_armenia").sequential, "Armenia")]
    [{'armenia': 'StatusQuo'}, {'armenia': 'Demand', 'refuse': 'CarryOut'}, {'armenia': 'Demand', 'refuse': 'BackDown'}]
    """
    tree.require_perfect_recall()
    after: dict = {}
    for label, s in tree.infosets.items():
        if s.player == player:
            seq = tree.sequence(s.nodes[0], player)
            after.setdefault(seq[-1] if seq else None, []).append(label)

    def count(labels) -> int:
        total = 1
        for label in labels:
            total *= sum(count(after.get((label, a), [])) for a in tree.infosets[label].actions)
            if total > MAX_PLANS:
                return total
        return total

    found = count(after.get(None, []))
    if found > MAX_PLANS:
        raise GameError(f"{player} has more than {MAX_PLANS:,} reduced plans: the reduced normal form is too large "
                        "to build")

    def plans(labels):
        options = []
        for label in labels:
            options.append([{label: a, **rest} for a in tree.infosets[label].actions
                            for rest in plans(after.get((label, a), []))])
        return [dict(itertools.chain.from_iterable(d.items() for d in combo)) for combo in itertools.product(*options)]

    return tuple(plans(after.get(None, [])))


def _name(plan, order) -> str:
    return "-".join(plan[label] for label in order if label in plan) or "(no move)"


def reduced_normal_form(tree: GameTree) -> ReducedNormalForm:
    """The reduced strategic form of a two-player tree, with expected payoffs.

    Parameters
    ----------
    tree : GameTree
        Two players (and chance), perfect recall; payoffs and chance
        probabilities may be numbers or sympy expressions.

    Returns
    -------
    ReducedNormalForm
        Strategies (reduced plans) of both players and the payoff matrices
        ``A`` (row player, the first of ``tree.players``) and ``B``.

    Raises
    ------
    GameError
        If the tree has not two players or lacks perfect recall.

    Examples
    --------
    >>> from bargaining import load_model
    >>> rnf = reduced_normal_form(load_model("russia_armenia").sequential)
    >>> rnf.strategies
    (('Concede', 'Refuse'), ('StatusQuo', 'Demand-CarryOut', 'Demand-BackDown'))
    """
    if len(tree.players) != 2:
        raise GameError(f"the reduced normal form needs two players, the tree has {len(tree.players)}")
    numeric = not tree.parameters
    order = list(tree.infosets)
    plans, names = [], []
    for player in tree.players:
        player_plans = reduced_plans(tree, player)
        plans.append(tuple(MappingProxyType(p) for p in player_plans))
        raw = [_name(p, order) for p in player_plans]
        names.append(tuple(n if raw.count(n) == 1 else f"{n}#{raw[:k].count(n) + 1}" for k, n in enumerate(raw)))
    A, B = [], []
    for row in plans[0]:
        A.append([])
        B.append([])
        for col in plans[1]:
            a, b = _payoff(tree, (row, col), numeric)
            A[-1].append(sympy.Rational(a.numerator, a.denominator) if numeric else a)
            B[-1].append(sympy.Rational(b.numerator, b.denominator) if numeric else b)
    return ReducedNormalForm(tree.players, tuple(names), sympy.ImmutableMatrix(A), sympy.ImmutableMatrix(B),
                             tuple(plans))


def _payoff(tree: GameTree, plans, numeric: bool) -> tuple:
    convert = to_fraction if numeric else (lambda v: v)
    total = [Fraction(0) if numeric else sympy.Integer(0)] * 2
    stack = [(tree.root, Fraction(1) if numeric else sympy.Integer(1))]
    while stack:
        node_id, weight = stack.pop()
        node = tree.nodes[node_id]
        if isinstance(node, TerminalNode):
            total = [t + weight * convert(v) for t, v in zip(total, node.payoffs)]
        elif isinstance(node, ChanceNode):
            stack.extend((c, weight * convert(p)) for (_, c), p in zip(node.actions, node.probabilities))
        elif isinstance(node, DecisionNode):
            plan = plans[tree.players.index(node.player)]
            stack.append((dict(node.actions)[plan[node.info]], weight))
    return tuple(total)
