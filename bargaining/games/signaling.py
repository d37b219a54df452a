"""Sender–receiver signaling games: a builder, Beer–Quiche, and the intuitive criterion (Cho and Kreps 1987).

A signaling game is a tree of three moves: nature draws the sender's type
from a prior; the sender, knowing its type, sends a message; the receiver,
seeing the message but not the type, responds. :func:`signaling_game`
builds it as a :class:`~bargaining.games.tree.GameTree` with readable ids
(type nodes are the type names, the receiver's node after type ``t`` sends
``m`` is ``"t:m"``, its information set ``"after m"``, the terminal
``"t:m:r"``). :func:`intuitive_criterion` tests perfect Bayesian equilibria
(from :func:`~bargaining.games.pbe.perfect_bayesian`) against Cho and
Kreps's intuitive criterion.

References
----------
I.-K. Cho and D. M. Kreps (1987), "Signaling games and stable equilibria",
Quarterly Journal of Economics 102(2), 179-221.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

import sympy

from ..errors import GameError, SolverError
from .polytope import affine_rows, vertices
from .tree import ChanceNode, DecisionNode, GameTree, TerminalNode, exact

__all__ = ["signaling_game", "beer_quiche", "intuitive_criterion", "CriterionResult"]


def signaling_game(prior: Mapping, messages, responses, payoffs, *, players=("Sender", "Receiver")) -> GameTree:
    """Build a sender–receiver signaling game as a tree with chance and information sets.

    Parameters
    ----------
    prior : mapping of type name -> probability
        The sender's types and their prior (exact numbers or texts such as ``"9/10"``).
    messages : sequence of str
        The sender's messages (the same for every type).
    responses : sequence of str
        The receiver's responses (the same after every message).
    payoffs : callable or mapping
        ``payoffs(type, message, response)`` (or a mapping keyed by that
        triple) -> (sender's payoff, receiver's payoff).
    players : pair of str
        The names of the sender and the receiver.

    Returns
    -------
    GameTree
        Root ``"types"`` (chance); the sender's information set for type
        ``t`` is ``t``; the receiver's after message ``m`` is ``"after m"``.

    Examples
    --------
    >>> tree = signaling_game({"high": "1/2", "low": "1/2"}, ["Educate", "Skip"], ["Hire", "Reject"],
    ...                       lambda t, m, r: (int(r == "Hire") - int(m == "Educate"), int(r == "Hire")))
    >>> tree.infosets["after Skip"].nodes
    ('high:Skip', 'low:Skip')
    """
    sender, receiver = players
    lookup = payoffs if callable(payoffs) else (lambda t, m, r: payoffs[(t, m, r)])
    nodes = {}
    types = list(prior)
    if not types or not messages or not responses:
        raise GameError("a signaling game needs at least one type, message and response")
    nodes["types"] = ChanceNode("types", tuple((t, t) for t in types),
                                tuple(exact(prior[t], f"prior of {t!r}") for t in types))
    for t in types:
        nodes[t] = DecisionNode(t, sender, tuple((m, f"{t}:{m}") for m in messages), t)
        for m in messages:
            here = f"{t}:{m}"
            nodes[here] = DecisionNode(here, receiver, tuple((r, f"{here}:{r}") for r in responses), f"after {m}")
            for r in responses:
                pair = lookup(t, m, r)
                nodes[f"{here}:{r}"] = TerminalNode(f"{here}:{r}", tuple(exact(v, "payoff") for v in pair),
                                                    f"{here}:{r}")
    return GameTree("types", nodes, (sender, receiver), "signaling game")


def beer_quiche(strong: str | Fraction = "9/10") -> GameTree:
    """Cho and Kreps's Beer–Quiche game, with the prior probability of the strong type.

    The sender gets 1 for its preferred breakfast (Beer if strong, Quiche if
    weak) plus 2 if the receiver does not fight; the receiver gets 1 for
    fighting a weak sender or not fighting a strong one, 0 otherwise.

    Parameters
    ----------
    strong : number or str
        The prior probability of the strong type.

    Returns
    -------
    GameTree
        A signaling game (see :func:`signaling_game`) with players
        ``("Sender", "Receiver")``.

    Examples
    --------
    >>> beer_quiche().nodes["weak:Quiche:NotFight"].payoffs
    (3, 0)
    """
    p = exact(strong, "prior")
    favourite = {"strong": "Beer", "weak": "Quiche"}
    return signaling_game(
        {"strong": p, "weak": 1 - p}, ["Beer", "Quiche"], ["Fight", "NotFight"],
        lambda t, m, r: (int(m == favourite[t]) + 2 * int(r == "NotFight"),
                         int((r == "Fight") == (t == "weak"))))


@dataclass(frozen=True)
class CriterionResult:
    """One perfect Bayesian equilibrium tested against the intuitive criterion.

    Attributes
    ----------
    equilibrium : PerfectBayesian
        The record tested.
    survives : bool
        Whether it passes the intuitive criterion.
    dominated : mapping of message -> tuple of str
        For every message off the equilibrium path, the types for which it is
        equilibrium-dominated (J(m) of Cho and Kreps).
    breaks : tuple of (message, type)
        The deviations that break the equilibrium: the type would gain by
        sending the message against every best reply to beliefs on the types
        for which it is not equilibrium-dominated.
    """

    equilibrium: object
    survives: bool
    dominated: Mapping
    breaks: tuple


def _shape(tree: GameTree):
    root = tree.nodes[tree.root]
    if not isinstance(root, ChanceNode):
        raise GameError("the intuitive criterion needs a signaling game: the root must be nature's draw of types")
    types = [child for _, child in root.actions]
    labels = dict((child, label) for label, child in root.actions)
    sender = {tree.nodes[t].player for t in types if isinstance(tree.nodes[t], DecisionNode)}
    if len(sender) != 1 or len({tree.nodes[t].info for t in types}) != len(types):
        raise GameError("the intuitive criterion needs a signaling game: one sender who knows its type")
    messages = tree.nodes[types[0]].actions
    receiver = {}
    for t in types:
        for m, child in tree.nodes[t].actions:
            node = tree.nodes[child]
            if not isinstance(node, DecisionNode) or node.player == next(iter(sender)):
                raise GameError("the intuitive criterion needs a signaling game: the receiver answers every message")
            if any(not isinstance(tree.nodes[c], TerminalNode) for _, c in node.actions):
                raise GameError("the intuitive criterion needs a signaling game: the receiver's answer ends the game")
            receiver.setdefault(m, {})[t] = node
    if any(len({n.info for n in by_type.values()}) != 1 for by_type in receiver.values()):
        raise GameError("the intuitive criterion needs a signaling game: the receiver sees the message, not the type")
    return types, labels, [m for m, _ in messages], receiver


def _best_replies(tree, nodes_by_type: Mapping, allowed) -> set:
    """Responses that are a best reply to some belief on the ``allowed`` types (an exact feasibility test)."""
    receiver = tree.players.index(next(iter(nodes_by_type.values())).player)
    allowed = list(allowed)
    syms = sympy.symbols(f"b0:{len(allowed) - 1}") if len(allowed) > 1 else ()
    weights = [*syms, 1 - sum(syms)]
    actions = [a for a, _ in next(iter(nodes_by_type.values())).actions]

    def value(k):
        return sum(w * tree.nodes[nodes_by_type[t].actions[k][1]].payoffs[receiver] for w, t in zip(weights, allowed))

    replies = set()
    for k, action in enumerate(actions):
        rows = affine_rows([*weights, *(value(k) - value(j) for j in range(len(actions)))], list(syms))
        if vertices(rows, len(syms)):
            replies.add(action)
    return replies


def intuitive_criterion(tree: GameTree, equilibria) -> tuple:
    """Test perfect Bayesian equilibria of a signaling game against Cho and Kreps's intuitive criterion.

    For every message m off the path, J(m) is the set of types whose
    equilibrium payoff beats anything m could bring (against any best reply
    of the receiver to any belief). The equilibrium fails if some type t
    outside J(m) would gain by sending m against *every* best reply to a
    belief concentrated on the types outside J(m).

    Parameters
    ----------
    tree : GameTree
        A signaling game (see :func:`signaling_game`), with numeric payoffs.
    equilibria : iterable of PerfectBayesian
        Records from :func:`~bargaining.games.pbe.perfect_bayesian` on this tree.

    Returns
    -------
    tuple of CriterionResult
        One per record, in order.

    Raises
    ------
    GameError
        When the tree is not a sender–receiver signaling game.

    Examples
    --------
    >>> from bargaining.games.pbe import perfect_bayesian
    >>> tree = beer_quiche()
    >>> [(r.equilibrium.kind, r.equilibrium.paths[0][0], r.survives)
    ...  for r in intuitive_criterion(tree, perfect_bayesian(tree))]
    [('pooling', 'Sender: Beer → Receiver: NotFight', True), ('pooling', 'Sender: Quiche → Receiver: NotFight', False)]
    """
    types, labels, messages, receiver = _shape(tree)
    sender = tree.players.index(tree.nodes[types[0]].player)
    results = []
    for record in equilibria:
        if record.varies_on_path:
            raise SolverError("the intuitive criterion needs an equilibrium outcome that is fixed on the path")
        behaviour = record.behaviour
        on_path = {m for t in types for m, p in behaviour[tree.nodes[t].info].items() if p > 0}
        value = {t: record.type_payoffs[labels[t]][sender] for t in types}
        dominated, breaks = {}, []
        for m in messages:
            if m in on_path:
                continue
            nodes = receiver[m]

            def payoff(t, action, nodes=nodes):
                return tree.nodes[dict(nodes[t].actions)[action]].payoffs[sender]

            replies = _best_replies(tree, nodes, types)
            J = tuple(t for t in types if all(value[t] > payoff(t, r) for r in replies))
            dominated[m] = J
            rest = [t for t in types if t not in J]
            if not rest:
                continue
            restricted = _best_replies(tree, nodes, rest)
            breaks += [(m, t) for t in rest if all(value[t] < payoff(t, r) for r in restricted)]
        results.append(CriterionResult(record, not breaks, MappingProxyType(dominated), tuple(breaks)))
    return tuple(results)
