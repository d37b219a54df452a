"""Linked games: one hub player in several bilateral games under one budget (a star polymatrix game).

The hub (player 1 of every dyad) chooses one strategy in each dyad at once, a
*combined strategy*; each partner chooses a strategy in its own dyad. The hub's
payoff is the sum of its dyad payoffs. A partner's payoff is its payoff in its
own dyad plus any **links**: a link adds an amount to a partner's payoff when
the hub plays a given strategy in *another* dyad (and, optionally, only when
the partner plays a given strategy) — the "domino effect" of the seed
article, where Armenia watches how Russia treats its other partners.

A **shared constraint**: each hub strategy in each dyad has a resource cost,
and a combined strategy is *feasible* when its total cost fits the budget.
The game among the hub (over its feasible combined strategies) and the
partners is an (N+1)-player game in which every payoff depends on the hub's
combined strategy and one partner's strategy only: a star polymatrix game
(Janovskaja 1968; Cai and Daskalakis 2011). Its solvers are in
:mod:`bargaining.games.linked_solve` and :mod:`bargaining.games.commitment`.

Examples
--------
>>> from bargaining import Game, LinkedGame
>>> ally = Game([[3, 1], [1, 0]], [[2, 0], [1, 1]], players=("Hub", "Ally"),
...             strategies=(("Support", "Drop"), ("Stay", "Leave")))
>>> rival = Game([[2, 0], [0, 1]], [[1, 0], [0, 1]], players=("Hub", "Rival"),
...              strategies=(("Engage", "Ignore"), ("Talk", "Arm")))
>>> g = LinkedGame([ally, rival], costs={"Ally": {"Support": 2}, "Rival": {"Engage": 1}}, budget=2)
>>> g.feasible
(('Support', 'Ignore'), ('Drop', 'Engage'), ('Drop', 'Ignore'))
>>> g.cost(("Support", "Engage"))
Fraction(3, 1)
"""

from __future__ import annotations

import html
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

import numpy as np

from ..errors import GameError
from .game import Game
from .nplayer import NPlayerGame
from .values import to_fraction

__all__ = ["LinkedGame", "Link", "combined_name"]

#: The most combined strategies (one per dyad) a hub may have: their number multiplies.
MAX_COMBINED = 10_000

JOIN = " + "


def combined_name(combo: Sequence[str]) -> str:
    """The label of a combined strategy, e.g. ``'Subsidize + Concede + Conjoin'``."""
    return JOIN.join(combo)


@dataclass(frozen=True)
class Link:
    """A partner's payoff depends on the hub's action in another dyad.

    Parameters
    ----------
    partner : str
        The partner whose payoff changes.
    dyad : str
        The partner of the other dyad, where the hub's action is watched.
    hub_strategy : str
        The hub's strategy in that dyad that triggers the link.
    payoff : number
        Added to ``partner``'s payoff (negative for a loss); kept exactly.
    partner_strategy : str, optional
        Only when ``partner`` plays this strategy (any strategy if omitted).

    Examples
    --------
    >>> Link("Armenia", "Belarus", "Cut", -0.1).payoff
    Fraction(-1, 10)
    """

    partner: str
    dyad: str
    hub_strategy: str
    payoff: Fraction
    partner_strategy: str | None = None

    def __post_init__(self):
        object.__setattr__(self, "payoff", to_fraction(self.payoff))


@dataclass(frozen=True, eq=False, init=False, repr=False)
class LinkedGame:
    """A hub in several two-player games at once, under one budget, with links between the dyads.

    Parameters
    ----------
    dyads : sequence of Game
        The bilateral games; the hub is player 1 (the row player) of each,
        under the same name; the partners (player 2) have distinct names.
    costs : mapping, optional
        ``{partner: {hub_strategy: cost}}``: the resource cost of each hub
        strategy in each dyad (0 where not given).
    budget : number, optional
        The hub's budget; a combined strategy is feasible when its total
        cost is at most the budget. ``None`` (the default) is unlimited.
    links : sequence of Link, optional
        Payoff links between dyads (the domino effect).

    Attributes
    ----------
    hub : str
    partners : tuple of str
    dyads : tuple of Game
    costs : mapping of partner -> mapping of hub strategy -> Fraction
    budget : Fraction or None
    links : tuple of Link
    combined : tuple of tuple of str
        Every combined strategy of the hub (one strategy per dyad), in
        lexicographic order of the dyads' strategy lists.
    feasible : tuple of tuple of str
        The combined strategies within the budget, in the same order.

    Raises
    ------
    GameError
        On hub names that differ, repeated partners, unknown names in the
        costs or links, or a budget that no combined strategy fits.

    Examples
    --------
    >>> from bargaining import Game
    >>> d = Game([[1, 0], [0, 0]], [[1, 0], [0, 1]], players=("Hub", "P"))
    >>> LinkedGame([d]).feasible
    (('s1',), ('s2',))
    """

    dyads: tuple
    hub: str
    partners: tuple
    costs: Mapping
    budget: Fraction | None
    links: tuple
    combined: tuple
    feasible: tuple

    def __init__(self, dyads, *, costs=None, budget=None, links=()):
        dyads = tuple(dyads)
        if not dyads or not all(isinstance(d, Game) for d in dyads):
            raise GameError("a linked game needs at least one dyad, each a two-player Game")
        hub = dyads[0].players[0]
        if any(d.players[0] != hub for d in dyads):
            raise GameError(f"every dyad must have the hub as player 1; got {[d.players[0] for d in dyads]}")
        partners = tuple(d.players[1] for d in dyads)
        if len(set(partners)) != len(partners) or hub in partners:
            raise GameError(f"partners must be distinct and differ from the hub; got {list(partners)}")
        by_name = dict(zip(partners, dyads))
        exact_costs = {}
        for partner, table in (costs or {}).items():
            if partner not in by_name:
                raise GameError(f"costs: {partner!r} is not a partner; partners: {list(partners)}")
            row = {}
            for strategy, value in table.items():
                by_name[partner].strategy_index(0, strategy)
                try:
                    row[strategy] = to_fraction(value)
                except GameError as err:
                    raise GameError(f"costs.{partner}.{strategy}: {err}") from None
            exact_costs[partner] = row
        full = {p: MappingProxyType({s: exact_costs.get(p, {}).get(s, Fraction(0)) for s in d.strategies[0]})
                for p, d in by_name.items()}
        links = tuple(links)
        for link in links:
            if not isinstance(link, Link):
                raise GameError(f"links must be Link records, got {link!r}")
            for name in (link.partner, link.dyad):
                if name not in by_name:
                    raise GameError(f"link: {name!r} is not a partner; partners: {list(partners)}")
            if link.partner == link.dyad:
                raise GameError(f"link: {link.partner!r} watches its own dyad; a link joins two dyads")
            by_name[link.dyad].strategy_index(0, link.hub_strategy)
            if link.partner_strategy is not None:
                by_name[link.partner].strategy_index(1, link.partner_strategy)
        budget = None if budget is None else to_fraction(budget)
        count = math.prod(len(d.strategies[0]) for d in dyads)
        if count > MAX_COMBINED:
            raise GameError(f"the hub would have {count:,} combined strategies, more than the limit {MAX_COMBINED:,}")
        combined = tuple(itertools.product(*(d.strategies[0] for d in dyads)))
        object.__setattr__(self, "dyads", dyads)
        object.__setattr__(self, "hub", hub)
        object.__setattr__(self, "partners", partners)
        object.__setattr__(self, "costs", MappingProxyType(full))
        object.__setattr__(self, "budget", budget)
        object.__setattr__(self, "links", links)
        object.__setattr__(self, "combined", combined)
        feasible = tuple(c for c in combined if budget is None or self.cost(c) <= budget)
        if not feasible:
            cheapest = min(self.cost(c) for c in combined)
            raise GameError(f"no combined strategy fits the budget {budget}; the cheapest costs {cheapest}")
        object.__setattr__(self, "feasible", feasible)

    # ------------------------------------------------------------- payoffs
    def cost(self, combo: Sequence[str]) -> Fraction:
        """The total resource cost of a combined strategy (one hub strategy per dyad)."""
        if len(combo) != len(self.dyads):
            raise GameError(f"a combined strategy names one strategy per dyad ({len(self.dyads)}), got {combo!r}")
        return sum((self.costs[p][s] for p, s in zip(self.partners, combo)), Fraction(0))

    def hub_matrix(self, partner: int, combos=None) -> list:
        """The hub's exact payoffs in dyad ``partner`` (an index): rows are combined strategies, columns the partner's."""
        combos = self.feasible if combos is None else combos
        dyad = self.dyads[partner]
        return [list(dyad.exact_A[dyad.strategy_index(0, c[partner])]) for c in combos]

    def partner_matrix(self, partner: int, combos=None) -> list:
        """Partner ``partner``'s exact payoffs (with links) against each combined strategy of the hub."""
        combos = self.feasible if combos is None else combos
        dyad = self.dyads[partner]
        name = self.partners[partner]
        rows = []
        for c in combos:
            row = list(dyad.exact_B[dyad.strategy_index(0, c[partner])])
            for link in self.links:
                if link.partner == name and c[self.partners.index(link.dyad)] == link.hub_strategy:
                    for j, s in enumerate(dyad.strategies[1]):
                        if link.partner_strategy in (None, s):
                            row[j] += link.payoff
            rows.append(row)
        return rows

    def as_game(self) -> NPlayerGame:
        """The linked game as an N-player normal form: the hub over its feasible combined strategies, then the partners.

        Examples
        --------
        >>> from bargaining import Game
        >>> d = Game([[1, 0], [0, 0]], [[1, 0], [0, 1]], players=("Hub", "P"))
        >>> LinkedGame([d, Game(d.A, d.B, players=("Hub", "Q"))]).as_game().shape
        (4, 2, 2)
        """
        shape = (len(self.feasible), *(d.shape[1] for d in self.dyads))
        arrays = [np.zeros(shape, dtype=object) for _ in range(len(shape))]
        hub = [self.hub_matrix(k) for k in range(len(self.dyads))]
        others = [self.partner_matrix(k) for k in range(len(self.dyads))]
        for cell in np.ndindex(shape):
            h, rest = cell[0], cell[1:]
            arrays[0][cell] = sum(hub[k][h][s] for k, s in enumerate(rest))
            for k, s in enumerate(rest):
                arrays[k + 1][cell] = others[k][h][s]
        return NPlayerGame(
            *arrays, players=(self.hub, *self.partners),
            strategies=(tuple(combined_name(c) for c in self.feasible), *(d.strategies[1] for d in self.dyads)),
        )

    # --------------------------------------------------------------- display
    def _rows(self):
        budget = "unlimited" if self.budget is None else str(self.budget)
        yield f"hub {self.hub}; budget {budget}; {len(self.feasible)} of {len(self.combined)} combined strategies fit"
        for p, d in zip(self.partners, self.dyads):
            costs = ", ".join(f"{s} {self.costs[p][s]}" for s in d.strategies[0])
            yield f"{p}: strategies {', '.join(d.strategies[1])}; hub costs {costs}"
        for link in self.links:
            when = f" when {link.partner} plays {link.partner_strategy}" if link.partner_strategy else ""
            yield f"link: {link.partner} gets {link.payoff} if {self.hub} plays {link.hub_strategy} with {link.dyad}{when}"

    def __repr__(self) -> str:
        return "LinkedGame(\n  " + "\n  ".join(self._rows()) + "\n)"

    def _repr_html_(self) -> str:
        return "<ul>" + "".join(f"<li>{html.escape(r)}</li>" for r in self._rows()) + "</ul>"
