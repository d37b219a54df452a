"""Bayesian games in normal form and their Bayes–Nash equilibria, exactly, through the Harsanyi transformation.

A :class:`BayesianGame` has two players, a finite set of types for each, a
common prior over type profiles, an action set per player, and payoffs per
type profile and action profile. Harsanyi (1967–68) turns it into a game
tree: nature draws the type profile, then each player chooses knowing only
its own type (player 1's information set for type ``t`` is ``"Player 1: t"``;
player 2 does not see player 1's action). A Bayes–Nash equilibrium is a
Nash equilibrium of that tree; since every type has positive prior
probability, every information set is reached, so the perfect Bayesian
equilibria of :func:`~bargaining.games.pbe.perfect_bayesian` are exactly the
Bayes–Nash equilibria, each with the exact set it belongs to.

References
----------
J. C. Harsanyi (1967–68), "Games with incomplete information played by
'Bayesian' players", Management Science 14, 159-182, 320-334, 486-502.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from ..errors import GameError
from .pbe import perfect_bayesian
from .tree import ChanceNode, DecisionNode, GameTree, TerminalNode, exact

__all__ = ["BayesianGame", "BayesNash", "bayes_nash"]


@dataclass(frozen=True)
class BayesianGame:
    """A two-player Bayesian game: types, a common prior, actions, payoffs per type and action profile.

    Parameters
    ----------
    players : pair of str
        The players' names.
    types : pair of sequences of str
        Each player's types.
    actions : pair of sequences of str
        Each player's actions (the same for all its types).
    prior : mapping of (type of 1, type of 2) -> probability
        The common prior (exact numbers or texts such as ``"1/2"``; missing profiles count 0).
    payoffs : callable or mapping
        ``payoffs((t1, t2), (a1, a2))`` (or a mapping keyed by that pair) ->
        (payoff of 1, payoff of 2).

    Attributes
    ----------
    players, types, actions : tuples
        As given.
    prior : mapping of type profile -> sympy Rational
    payoffs : mapping of (type profile, action profile) -> pair of sympy Rational

    Raises
    ------
    GameError
        If the prior is not a probability distribution, a type has prior
        probability 0, or a payoff is missing or not a number.

    Examples
    --------
    >>> game = BayesianGame(("Row", "Col"), (["r"], ["meet", "avoid"]), (["B", "S"], ["B", "S"]),
    ...                     {("r", "meet"): "1/2", ("r", "avoid"): "1/2"},
    ...                     lambda t, a: (2 * (a == ("B", "B")) + (a == ("S", "S")), 0))
    >>> game.tree().infosets["Col: avoid"].nodes
    ('r,avoid:B', 'r,avoid:S')
    """

    players: tuple
    types: tuple
    actions: tuple
    prior: Mapping
    payoffs: Mapping

    def __post_init__(self):
        players = tuple(self.players)
        if len(players) != 2 or len(set(players)) != 2:
            raise GameError(f"a Bayesian game needs two distinct players, got {players!r}")
        types = tuple(tuple(t) for t in self.types)
        actions = tuple(tuple(a) for a in self.actions)
        for name, labels in (("types", types), ("actions", actions)):
            if len(labels) != 2 or any(not x or len(set(x)) != len(x) for x in labels):
                raise GameError(f"{name}: each player needs a non-empty list of distinct names")
        prior = {}
        for profile in itertools.product(*types):
            prior[profile] = exact(self.prior.get(profile, 0), f"prior of {profile}")
        unknown = set(self.prior) - set(prior)
        if unknown:
            raise GameError(f"prior: unknown type profiles {sorted(unknown)}")
        if any(p < 0 for p in prior.values()) or sum(prior.values()) != 1:
            raise GameError("prior: the probabilities must be non-negative and sum to 1")
        for k in range(2):
            for t in types[k]:
                if sum(p for prof, p in prior.items() if prof[k] == t) == 0:
                    raise GameError(f"prior: type {t!r} of {players[k]} has probability 0")
        lookup = self.payoffs if callable(self.payoffs) else (lambda t, a: self.payoffs[(t, a)])
        table = {}
        for t in itertools.product(*types):
            for a in itertools.product(*actions):
                try:
                    pair = lookup(t, a)
                except KeyError:
                    raise GameError(f"payoffs: missing the payoffs for types {t} and actions {a}") from None
                if len(pair) != 2:
                    raise GameError(f"payoffs for types {t} and actions {a}: expected two numbers")
                table[(t, a)] = tuple(exact(v, f"payoff for types {t} and actions {a}") for v in pair)
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "types", types)
        object.__setattr__(self, "actions", actions)
        object.__setattr__(self, "prior", MappingProxyType(prior))
        object.__setattr__(self, "payoffs", MappingProxyType(table))

    def tree(self) -> GameTree:
        """The Harsanyi transformation: nature draws types, each player moves knowing only its own.

        Returns
        -------
        GameTree
            Root ``"types"``; information sets ``"<player>: <type>"``.

        Examples
        --------
        >>> game = BayesianGame(("A", "B"), (["x"], ["y"]), (["L"], ["R"]), {("x", "y"): 1},
        ...                     lambda t, a: (1, 2))
        >>> game.tree().nodes["x,y:L:R"].payoffs
        (1, 2)
        """
        (p1, p2), nodes = self.players, {}
        profiles = [t for t in itertools.product(*self.types)]
        nodes["types"] = ChanceNode("types", tuple((",".join(t), ",".join(t)) for t in profiles),
                                    tuple(self.prior[t] for t in profiles))
        for t in profiles:
            here = ",".join(t)
            nodes[here] = DecisionNode(here, p1, tuple((a, f"{here}:{a}") for a in self.actions[0]), f"{p1}: {t[0]}")
            for a1 in self.actions[0]:
                mid = f"{here}:{a1}"
                nodes[mid] = DecisionNode(mid, p2, tuple((a, f"{mid}:{a}") for a in self.actions[1]), f"{p2}: {t[1]}")
                for a2 in self.actions[1]:
                    nodes[f"{mid}:{a2}"] = TerminalNode(f"{mid}:{a2}", self.payoffs[(t, (a1, a2))])
        return GameTree("types", nodes, self.players, "Harsanyi transformation of a Bayesian game")


@dataclass(frozen=True)
class BayesNash:
    """One Bayes–Nash equilibrium (or a polytope of them): a mixed action per player and type.

    Attributes
    ----------
    players : pair of str
    strategies : mapping of player -> {type: {action: Fraction}}
        The type-contingent strategies (a representative point of the set).
    payoffs : pair of Fraction
        Ex-ante expected payoffs.
    interim : mapping of player -> {type: Fraction}
        Each type's expected payoff given its type.
    is_pure : bool
        Whether every type plays one action for sure.
    continuum : bool
        Whether the record stands for a continuum of equilibria (see ``record.pieces``).
    record : PerfectBayesian
        The perfect Bayesian record of the Harsanyi tree it comes from.
    """

    players: tuple
    strategies: Mapping
    payoffs: tuple
    interim: Mapping
    is_pure: bool
    continuum: bool
    record: object


def bayes_nash(game: BayesianGame) -> tuple:
    """Every Bayes–Nash equilibrium of a small two-player Bayesian game, exactly.

    Parameters
    ----------
    game : BayesianGame
        The game (its Harsanyi tree must be within the scope of
        :func:`~bargaining.games.pbe.perfect_bayesian`).

    Returns
    -------
    tuple of BayesNash
        One record per equilibrium (a continuum is one record).

    Examples
    --------
    Battle of the sexes where Col wants to meet Row (1/2) or to avoid it (1/2):

    >>> def u(t, a):
    ...     row = {("B", "B"): 2, ("S", "S"): 1}.get(a, 0)
    ...     col = {("B", "B"): 1, ("S", "S"): 2} if t[1] == "meet" else {("B", "S"): 2, ("S", "B"): 1}
    ...     return row, col.get(a, 0)
    >>> game = BayesianGame(("Row", "Col"), (["r"], ["meet", "avoid"]), (["B", "S"], ["B", "S"]),
    ...                     {("r", "meet"): "1/2", ("r", "avoid"): "1/2"}, u)
    >>> [eq.strategies["Row"]["r"]["B"] for eq in bayes_nash(game)]
    [Fraction(1, 3), Fraction(2, 3), Fraction(1, 1)]
    """
    tree = game.tree()
    found = []
    for record in perfect_bayesian(tree):
        strategies = {player: {t: dict(record.equilibrium.behaviour[f"{player}: {t}"]) for t in game.types[k]}
                      for k, player in enumerate(game.players)}
        interim = {}
        for k, player in enumerate(game.players):
            interim[player] = {}
            for t in game.types[k]:
                weight = sum(p for prof, p in game.prior.items() if prof[k] == t)
                total = sum(Fraction(p.p, p.q) * _value(game, prof, strategies)[k]
                            for prof, p in game.prior.items() if prof[k] == t)
                interim[player][t] = total / Fraction(weight.p, weight.q)
        pure = all(sum(1 for v in mix.values() if v) == 1 for by_type in strategies.values()
                   for mix in by_type.values())
        continuum = any(piece.parameters for piece in record.pieces)
        found.append(BayesNash(game.players, MappingProxyType(strategies), record.payoffs,
                               MappingProxyType(interim), pure, continuum, record))
    found.sort(key=lambda eq: tuple(eq.strategies[p][t].get(a, 0) for k, p in enumerate(game.players)
                                    for t in game.types[k] for a in game.actions[k]))
    return tuple(found)


def _value(game, profile, strategies) -> tuple:
    (p1, p2) = game.players
    total = [Fraction(0), Fraction(0)]
    for a1, x in strategies[p1][profile[0]].items():
        for a2, y in strategies[p2][profile[1]].items():
            if x and y:
                pay = game.payoffs[(profile, (a1, a2))]
                total = [s + x * y * Fraction(v.p, v.q) for s, v in zip(total, pay)]
    return tuple(total)
