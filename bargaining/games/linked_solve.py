"""Nash equilibria of a linked game (a star polymatrix game), exactly, each verified.

**Pure equilibria, any size.** For each feasible combined strategy ``h`` of
the hub, each partner's best responses to ``h`` are found in its own row
(partners do not affect one another); a profile of them is an equilibrium
when ``h`` is a best response of the hub among its feasible combined
strategies. Cost: one pass over the feasible combined strategies.

**All (extreme) equilibria, small games.** As for bimatrix games (von
Stengel 2007, section 3.5), the equilibria are the completely labelled pairs
of points of two polyhedra, here with one value variable per partner:

* the hub's side, over ``(x, v_1, …, v_m)``: ``x >= 0`` (label: a combined
  strategy ``h`` where ``x_h = 0``), ``sum(x) = 1``, and for each partner
  ``j`` and strategy ``s``: ``(B_j^T x)_s <= v_j`` (label ``(j, s)`` where
  tight: ``s`` is a best response);
* the partners' side, over ``(y_1, …, y_m, v_0)``: ``y_j >= 0`` (label
  ``(j, s)`` where ``y_j(s) = 0``), ``sum(y_j) = 1`` for each ``j``, and for
  each feasible ``h``: ``sum_j (A_j y_j)_h <= v_0`` (label ``h`` where tight).

Constraints on each side involve that side's variables only (the
polymatrix structure), so the set of equilibria is a union of products of
faces, and its extreme points are pairs of vertices whose labels together
cover every combined strategy and every partner strategy. Vertices are
enumerated exactly by :func:`bargaining.games.vertices.polyhedron_vertices`
and every record is checked by its exact regret in the linked game.

The hub's mixed strategy is a distribution over combined strategies, so it
may correlate its actions across dyads; each partner sees only the marginal
in its own dyad (:attr:`LinkedEquilibrium.hub_by_dyad`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from ..errors import SolverError
from .linked import LinkedGame, combined_name
from .vertices import polyhedron_vertices

__all__ = ["LinkedEquilibrium", "linked_equilibria", "linked_pure_equilibria", "linked_regret"]


@dataclass(frozen=True, eq=False)
class LinkedEquilibrium:
    """One Nash equilibrium of a linked game, labelled and verified.

    Attributes
    ----------
    hub : mapping of str -> probability
        The hub's mixed strategy over combined strategies (by label,
        e.g. ``'Subsidize + Concede'``), positive entries only.
    hub_by_dyad : mapping of partner -> mapping of str -> probability
        The hub's marginal strategy in each dyad (every strategy listed).
    partners : mapping of partner -> mapping of str -> probability
        Each partner's mixed strategy (every strategy listed).
    payoffs : mapping of player -> number
        Expected payoffs, the hub first.
    expected_cost : number
        The hub's expected resource cost.
    is_pure : bool
    regret : Fraction or float
        The largest gain from a unilateral deviation (0 when exact).
    method : str
    exact : bool
    """

    hub: Mapping
    hub_by_dyad: Mapping
    partners: Mapping
    payoffs: Mapping
    expected_cost: object
    is_pure: bool
    regret: object
    method: str
    exact: bool

    def describe(self) -> str:
        """One line, e.g. ``Russia: Subsidize + Concede · Belarus: Align · Armenia: StatusQuo``."""
        def mix(mapping):
            support = [(k, p) for k, p in mapping.items() if p > 0]
            if len(support) == 1:
                return support[0][0]
            return ", ".join(f"{k} {_show(p)}" for k, p in support)
        hub = next(iter(self.payoffs))
        parts = [f"{hub}: {mix(self.hub)}"] + [f"{p}: {mix(m)}" for p, m in self.partners.items()]
        return " · ".join(parts)

    def __repr__(self) -> str:
        kind = "pure" if self.is_pure else "mixed"
        payoffs = ", ".join(_show(v) for v in self.payoffs.values())
        return f"LinkedEquilibrium({self.describe()}; payoffs ({payoffs}); {kind}; regret {_show(self.regret)})"


def _show(value) -> str:
    return str(value) if isinstance(value, Fraction) else f"{float(value):.4g}"


def _matrices(game: LinkedGame):
    hub = [game.hub_matrix(k) for k in range(len(game.dyads))]
    others = [game.partner_matrix(k) for k in range(len(game.dyads))]
    return hub, others


def linked_regret(game: LinkedGame, hub_mix, partner_mixes) -> Fraction:
    """The exact largest gain from a unilateral deviation in the linked game.

    Parameters
    ----------
    game : LinkedGame
        The linked game.
    hub_mix : sequence of rationals
        Probabilities over ``game.feasible`` (the hub may deviate only to a
        feasible combined strategy).
    partner_mixes : sequence of sequences of rationals
        Each partner's probabilities over its strategies.

    Returns
    -------
    Fraction
        0 exactly at an equilibrium.

    Examples
    --------
    >>> from bargaining import Game, LinkedGame
    >>> d = Game([[1, 0], [0, 0]], [[1, 0], [0, 1]], players=("Hub", "P"))
    >>> linked_regret(LinkedGame([d]), [1, 0], [[1, 0]])
    Fraction(0, 1)
    """
    hub, others = _matrices(game)
    x = [Fraction(p) for p in hub_mix]
    ys = [[Fraction(p) for p in y] for y in partner_mixes]
    hub_values = [sum(sum(a * q for a, q in zip(hub[k][h], ys[k])) for k in range(len(ys))) for h in range(len(x))]
    worst = max(hub_values) - sum(p * v for p, v in zip(x, hub_values))
    for k, y in enumerate(ys):
        values = [sum(x[h] * others[k][h][j] for h in range(len(x))) for j in range(len(y))]
        worst = max(worst, max(values) - sum(q * v for q, v in zip(y, values)))
    return worst


def _record(game: LinkedGame, x, ys, method: str, exact: bool) -> LinkedEquilibrium:
    gap = linked_regret(game, x, ys)
    if gap != 0 or any(p < 0 for p in x) or sum(x) != 1:
        raise SolverError(f"{method} returned a profile with exact regret {gap}, not an equilibrium")
    hub, others = _matrices(game)
    labels = [combined_name(c) for c in game.feasible]
    payoffs = {game.hub: sum(x[h] * sum(sum(a * q for a, q in zip(hub[k][h], y)) for k, y in enumerate(ys))
                             for h in range(len(x)))}
    for k, (p, y) in enumerate(zip(game.partners, ys)):
        payoffs[p] = sum(x[h] * sum(b * q for b, q in zip(others[k][h], y)) for h in range(len(x)))
    by_dyad = {}
    for k, (p, d) in enumerate(zip(game.partners, game.dyads)):
        by_dyad[p] = {s: sum((x[h] for h, c in enumerate(game.feasible) if c[k] == s), Fraction(0))
                      for s in d.strategies[0]}
    cost = sum(x[h] * game.cost(c) for h, c in enumerate(game.feasible))
    conv = (lambda v: v) if exact else float
    proxy = MappingProxyType
    return LinkedEquilibrium(
        hub=proxy({labels[h]: conv(p) for h, p in enumerate(x) if p > 0}),
        hub_by_dyad=proxy({p: proxy({s: conv(v) for s, v in m.items()}) for p, m in by_dyad.items()}),
        partners=proxy({p: proxy({s: conv(v) for s, v in zip(d.strategies[1], y)})
                        for p, d, y in zip(game.partners, game.dyads, ys)}),
        payoffs=proxy({k: conv(v) for k, v in payoffs.items()}),
        expected_cost=conv(cost),
        is_pure=sum(1 for p in x if p > 0) == 1 and all(sum(1 for q in y if q > 0) == 1 for y in ys),
        regret=conv(gap),
        method=method,
        exact=exact,
    )


def linked_pure_equilibria(game: LinkedGame, *, exact: bool = False) -> tuple:
    """Every pure Nash equilibrium of a linked game, exactly, for any number of dyads.

    Parameters
    ----------
    game : LinkedGame
        The linked game to solve.
    exact : bool
        Keep payoffs as Fractions.

    Returns
    -------
    tuple of LinkedEquilibrium
        In the order of the hub's feasible combined strategies, then the
        partners' strategies.

    Examples
    --------
    >>> from bargaining import Game, LinkedGame
    >>> d = Game([[2, 0], [0, 1]], [[1, 0], [0, 1]], players=("Hub", "P"))
    >>> [e.describe() for e in linked_pure_equilibria(LinkedGame([d]))]
    ['Hub: s1 · P: s1', 'Hub: s2 · P: s2']
    """
    hub, others = _matrices(game)
    n = len(game.feasible)
    found = []
    for h in range(n):
        replies = []
        for k in range(len(game.dyads)):
            row = others[k][h]
            replies.append([j for j, v in enumerate(row) if v == max(row)])
        for profile in itertools.product(*replies):
            values = [sum(hub[k][g][j] for k, j in enumerate(profile)) for g in range(n)]
            if values[h] == max(values):
                x = [Fraction(int(g == h)) for g in range(n)]
                ys = [[Fraction(int(i == j)) for i in range(d.shape[1])] for j, d in zip(profile, game.dyads)]
                found.append(_record(game, x, ys, "pure", exact))
    return tuple(found)


def linked_equilibria(game: LinkedGame, *, exact: bool = False) -> tuple:
    """Every extreme Nash equilibrium of a linked game, exactly (see the module notes for the method).

    Parameters
    ----------
    game : LinkedGame
        The linked game to solve.
    exact : bool
        Keep probabilities and payoffs as Fractions.

    Returns
    -------
    tuple of LinkedEquilibrium
        Pure ones first, then by the number of strategies in the supports.

    Examples
    --------
    Matching pennies with the hub, and a second dyad where the hub's
    dominant strategy settles things:

    >>> from bargaining import Game, LinkedGame
    >>> pennies = Game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], players=("Hub", "P"))
    >>> easy = Game([[1, 1], [0, 0]], [[1, 0], [1, 0]], players=("Hub", "Q"))
    >>> [e.describe() for e in linked_equilibria(LinkedGame([pennies, easy]), exact=True)]
    ['Hub: s1 + s1 1/2, s2 + s1 1/2 · P: s1 1/2, s2 1/2 · Q: s1']
    """
    hub, others = _matrices(game)
    n, m = len(game.feasible), len(game.dyads)
    sizes = [d.shape[1] for d in game.dyads]
    offsets = [sum(sizes[:k]) for k in range(m)]
    K = sum(sizes)
    # the hub's side: z = (x_1..x_n, v_1..v_m)
    G, labels_x = [], []
    for h in range(n):
        G.append([-int(i == h) for i in range(n + m)])
        labels_x.append(("h", h))
    for k in range(m):
        for j in range(sizes[k]):
            G.append([others[k][h][j] for h in range(n)] + [-int(i == k) for i in range(m)])
            labels_x.append(("p", k, j))
    hub_side = polyhedron_vertices(G, [0] * len(G), [[1] * n + [0] * m], [1])
    # the partners' side: z = (y_1..y_m flattened, v_0)
    G, labels_y = [], []
    for k in range(m):
        for j in range(sizes[k]):
            G.append([-int(i == offsets[k] + j) for i in range(K + 1)])
            labels_y.append(("p", k, j))
    for h in range(n):
        G.append([hub[k][h][j] for k in range(m) for j in range(sizes[k])] + [-1])
        labels_y.append(("h", h))
    E = [[int(offsets[k] <= i < offsets[k] + sizes[k]) for i in range(K)] + [0] for k in range(m)]
    partner_side = polyhedron_vertices(G, [0] * len(G), E, [1] * m)
    everything = set(labels_x)
    found = []
    for x, tight_x in hub_side:
        have = {labels_x[i] for i in tight_x}
        for y, tight_y in partner_side:
            if have | {labels_y[i] for i in tight_y} != everything:
                continue
            ys = [list(y[offsets[k]:offsets[k] + sizes[k]]) for k in range(m)]
            found.append(_record(game, list(x[:n]), ys, "linked-exact", exact))
    found.sort(key=lambda e: (not e.is_pure, len(e.hub) + sum(sum(1 for v in m.values() if v > 0)
                                                             for m in e.partners.values())))
    return tuple(found)
