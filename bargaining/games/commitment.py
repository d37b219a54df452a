"""The hub's optimal commitment in a linked game (Stackelberg leadership under a budget), exactly.

The hub announces a mixed strategy ``x`` over combined strategies and keeps
to it; each partner sees its own marginal and best-responds. The budget
binds in one of two senses:

* ``budget="sure"``: ``x`` puts weight only on combined strategies that fit
  the budget (whatever the draw, the hub can pay);
* ``budget="expected"``: ``x`` may use any combined strategy, with an
  expected cost within the budget (the hub can smooth over draws).

Ties: when a partner is indifferent, it may break the tie in the hub's
favour (the *strong* Stackelberg solution, always attained) or against it
(the *weak* one, a supremum that is reached only in the limit when the
optimum sits on a tie). Both are reported.

Method (Conitzer and Sandholm 2006, extended to several followers that do
not interact): for each profile ``c`` of partner strategies, a linear
programme maximises the hub's payoff over ``x`` subject to every ``c_k``
being a best response to ``x``; the best ``c`` gives the strong solution.
For the weak one, a profile counts only if it can be made the partners'
*strict* choice (an LP maximising the smallest incentive margin is
positive), and then the supremum of the hub's payoff over that region is the
same LP's value. All LPs are solved exactly, by enumerating the vertices of
their (small) feasible polytopes in rational arithmetic; sympy's rational
simplex cycles on the degenerate LPs found at regime boundaries. With ``mixed=False`` the hub commits to
one feasible combined strategy and the answer is found by enumeration.

The shadow price (``budget="expected"`` only) is the right derivative of the
strong value in the budget, ``V'(B+)``: how much one more unit of resource is
worth to the hub. Each LP's value is concave and piecewise linear in B, so
the derivative is the slope of a chord ``[B, B + d]`` once two chords
``d`` and ``d/2`` agree, which is then exact.

References
----------
Conitzer, V. and Sandholm, T. (2006). Computing the optimal strategy to
commit to. *Proceedings of ACM EC 2006*, 82–90.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from ..errors import GameError
from .linked import LinkedGame, combined_name
from .vertices import polyhedron_vertices

__all__ = ["Commitment", "optimal_commitment"]


@dataclass(frozen=True)
class Commitment:
    """The hub's optimal commitment in a linked game, with both tie-breaking rules.

    Attributes
    ----------
    hub : mapping of str -> Fraction
        The committed distribution over combined strategies (positive
        entries), for the strong solution.
    responses : mapping of partner -> str
        The partners' replies (ties in the hub's favour).
    value : Fraction
        The hub's payoff (strong solution).
    partner_payoffs : mapping of partner -> Fraction
    weak_hub : mapping of str -> Fraction
        The commitment that approaches the weak value (ties against the hub).
    weak_responses : mapping of partner -> str
    weak_value : Fraction
        The weak value: the supremum of the hub's payoff when every tie goes
        against it.
    weak_attained : bool
        Whether the weak value is reached (False: only approached, by
        moving ``weak_hub`` slightly into the strict region).
    expected_cost : Fraction
        The expected cost of ``hub``.
    shadow_price : Fraction or None
        ``V'(B+)`` for ``budget="expected"``; None otherwise.
    budget : str
        ``"sure"`` or ``"expected"``.
    mixed : bool
        Whether mixed commitments were allowed.
    """

    hub: MappingProxyType
    responses: MappingProxyType
    value: Fraction
    partner_payoffs: MappingProxyType
    weak_hub: MappingProxyType
    weak_responses: MappingProxyType
    weak_value: Fraction
    weak_attained: bool
    expected_cost: Fraction
    shadow_price: Fraction | None
    budget: str
    mixed: bool

    def describe(self) -> str:
        """One line: the strong commitment, the replies and the value, then the weak value."""
        hub = ", ".join(f"{k} {v}" if v != 1 else k for k, v in self.hub.items())
        replies = ", ".join(f"{p}: {s}" for p, s in self.responses.items())
        weak = "" if self.weak_attained else " (approached)"
        return f"commit to {hub} → {replies}; value {self.value}; ties against: {self.weak_value}{weak}"


def _tables(game: LinkedGame, combos):
    hub = [game.hub_matrix(k, combos) for k in range(len(game.dyads))]
    others = [game.partner_matrix(k, combos) for k in range(len(game.dyads))]
    return hub, others


def _lp(objective, rows, bounds, *, extra: int = 0):
    """max objective·z over {z >= 0 : rows·z <= bounds, sum of the first n entries = 1}, exactly; None if empty.

    Solved by enumerating the polytope's vertices exactly (:mod:`bargaining.games.vertices`): robust on
    the degenerate LPs that a regime boundary produces, and small here (a dozen constraints). ``extra``
    trailing variables are free of the sum constraint (the margin t of the strict-inducibility test).
    """
    n = len(objective)
    G = [list(r) for r in rows] + [[-int(i == j) for i in range(n)] for j in range(n - extra)]
    g = list(bounds) + [0] * (n - extra)
    vertices = polyhedron_vertices(G, g, [[1] * (n - extra) + [0] * extra], [1])
    if not vertices:
        return None
    best = max(vertices, key=lambda v: sum(c * z for c, z in zip(objective, v[0])))
    return sum(c * z for c, z in zip(objective, best[0])), list(best[0])


def _constraints(hub, others, costs, budget, profile, *, weak: bool, margin: bool = False):
    """Rows·x <= bounds making each ``profile[k]`` a best response (and fitting the budget).

    ``weak``: ties go against the hub, so a strategy the partner values exactly as ``profile[k]`` whatever the
    hub does (a duplicate) must be no better for the hub. ``margin`` adds a last variable t to the other
    incentive rows (``diff·x + t <= 0``), for the strict-inducibility test.
    """
    n = len(hub[0])
    rows, bounds = [], []
    for k, c in enumerate(profile):
        for s in range(len(others[k][0])):
            if s == c:
                continue
            diff = [others[k][h][s] - others[k][h][c] for h in range(n)]
            if weak and not any(diff):
                rows.append([hub[k][h][c] - hub[k][h][s] for h in range(n)] + ([0] if margin else []))
            else:
                rows.append(diff + ([1] if margin else []))
            bounds.append(Fraction(0))
    if costs is not None:
        rows.append(list(costs) + ([0] if margin else []))
        bounds.append(budget)
    return rows, bounds


def _profile_value(hub, profile):
    return [sum(hub[k][h][c] for k, c in enumerate(profile)) for h in range(len(hub[0]))]


def _solve_profile(hub, others, costs, budget, profile, *, weak: bool = False):
    rows, bounds = _constraints(hub, others, costs, budget, profile, weak=weak)
    return _lp(_profile_value(hub, profile), rows, bounds)


def _strictly_inducible(hub, others, costs, budget, profile) -> bool:
    rows, bounds = _constraints(hub, others, costs, budget, profile, weak=True, margin=True)
    n = len(hub[0])
    rows += [[0] * n + [1], [0] * n + [-1]]  # -1 <= t <= 1 keeps the polytope bounded
    bounds += [Fraction(1), Fraction(1)]
    solved = _lp([0] * n + [1], rows, bounds, extra=1)
    return solved is not None and solved[0] > 0


def _shadow(hub, others, costs, budget, profile, value) -> Fraction:
    step = Fraction(1, 1000)
    for _ in range(12):
        far = _solve_profile(hub, others, costs, budget + step, profile)[0]
        near = _solve_profile(hub, others, costs, budget + step / 2, profile)[0]
        if (far - value) / step == (near - value) / (step / 2):
            return (far - value) / step
        step /= 16
    raise GameError("the shadow price did not settle (a breakpoint too close to the budget)")


def _replies(game, others, x):
    out = {}
    for k, (p, d) in enumerate(zip(game.partners, game.dyads)):
        values = [sum(x[h] * others[k][h][j] for h in range(len(x))) for j in range(d.shape[1])]
        out[p] = [j for j, v in enumerate(values) if v == max(values)]
    return out


def optimal_commitment(game: LinkedGame, *, mixed: bool = True, budget: str = "sure",
                       weak: bool = True) -> Commitment:
    """The hub's optimal commitment within its budget, partners best-responding; both tie rules.

    Parameters
    ----------
    game : LinkedGame
        The linked game (its budget and costs are used).
    mixed : bool
        Allow a mixed commitment (otherwise one feasible combined strategy).
    budget : {"sure", "expected"}
        Whether every combined strategy used must fit the budget, or only
        the expected cost (see the module notes).
    weak : bool
        Also find the weak solution (ties against the hub). With False the
        weak fields repeat the strong solution's commitment, with the
        replies and value when ties go against the hub there (faster).

    Returns
    -------
    Commitment
        The strong and weak commitments, replies, values and (in
        expectation) the shadow price.

    Raises
    ------
    GameError
        On an unknown ``budget`` mode or ``budget="expected"`` with ``mixed=False``.

    Examples
    --------
    One dyad: the partner stays only if the hub gives with probability at
    least 1/2; giving costs the hub 2, a staying partner is worth 4 to it.

    >>> from bargaining import Game, LinkedGame
    >>> d = Game([[2, -2], [4, 0]], [[1, 0.5], [0, 0.5]], players=("Hub", "P"),
    ...          strategies=(("Give", "Keep"), ("Stay", "Leave")))
    >>> c = optimal_commitment(LinkedGame([d]))
    >>> c.describe()
    'commit to Give 1/2, Keep 1/2 → P: Stay; value 3; ties against: 3 (approached)'
    """
    if budget not in ("sure", "expected"):
        raise GameError(f"budget must be 'sure' or 'expected', got {budget!r}")
    if budget == "expected" and not mixed:
        raise GameError("budget='expected' needs mixed=True (a pure commitment is within budget for sure)")
    combos = game.feasible if budget == "sure" else game.combined
    hub, others = _tables(game, combos)
    costs = None if budget == "sure" or game.budget is None else [game.cost(c) for c in combos]
    labels = [combined_name(c) for c in combos]
    profiles = list(itertools.product(*(range(d.shape[1]) for d in game.dyads)))
    if not mixed:
        return _pure(game, hub, others, labels)
    want_weak = weak
    strong, weak, optimal = None, None, []
    # best first by an upper bound (the profile's best payoff over any x), so most LPs are never solved
    bounds = {p: max(_profile_value(hub, p)) for p in profiles}
    for profile in sorted(profiles, key=lambda p: -bounds[p]):
        if strong is not None and bounds[profile] < strong[0] and (
            not want_weak or (weak is not None and bounds[profile] <= weak[0])
        ):
            break
        solved = _solve_profile(hub, others, costs, game.budget, profile)
        if solved is None:
            continue
        if strong is None or solved[0] > strong[0]:
            strong = (solved[0], solved[1], profile)
            optimal = [profile]
        elif solved[0] == strong[0]:
            optimal.append(profile)
        closure = _solve_profile(hub, others, costs, game.budget, profile, weak=True) if want_weak else None
        if closure is not None and (weak is None or closure[0] > weak[0]) and _strictly_inducible(
            hub, others, costs, game.budget, profile
        ):
            weak = (closure[0], closure[1], profile)
    shadow = None
    if costs is not None:
        shadow = max(_shadow(hub, others, costs, game.budget, p, strong[0]) for p in optimal)
    elif budget == "expected":
        shadow = Fraction(0)
    value, x, profile = strong
    if weak is None:  # not asked for, or no profile strictly inducible: the worst replies at the strong optimum
        worst = [min(rs, key=lambda j, k=k: sum(x[h] * hub[k][h][j] for h in range(len(x))))
                 for k, rs in enumerate(_replies(game, others, x).values())]
        weak = (sum(x[h] * v for h, v in enumerate(_profile_value(hub, worst))), x, tuple(worst), True)
    else:
        replies = _replies(game, others, weak[1])
        weak = (*weak, all(len(replies[p]) == 1 for p in game.partners))
    return _make(game, labels, others, x, profile, value, weak, costs, combos, shadow, budget, True)


def _pure(game, hub, others, labels):
    best = worst = None
    for h in range(len(labels)):
        x = [Fraction(int(g == h)) for g in range(len(labels))]
        replies = _replies(game, others, x)
        lists = list(replies.values())
        good = tuple(max(rs, key=lambda j, k=k: hub[k][h][j]) for k, rs in enumerate(lists))
        bad = tuple(min(rs, key=lambda j, k=k: hub[k][h][j]) for k, rs in enumerate(lists))
        good_value = _profile_value(hub, good)[h]
        bad_value = _profile_value(hub, bad)[h]
        if best is None or good_value > best[0]:
            best = (good_value, x, good)
        if worst is None or bad_value > worst[0]:
            worst = (bad_value, x, bad, True)
    return _make(game, labels, others, best[1], best[2], best[0], worst, None, game.feasible, None, "sure", False)


def _make(game, labels, others, x, profile, value, weak, costs, combos, shadow, budget, mixed):
    proxy = MappingProxyType
    names = lambda prof: proxy({p: d.strategies[1][c] for p, d, c in zip(game.partners, game.dyads, prof)})  # noqa: E731
    payoffs = {p: sum(x[h] * others[k][h][profile[k]] for h in range(len(x))) for k, p in enumerate(game.partners)}
    return Commitment(
        hub=proxy({labels[h]: p for h, p in enumerate(x) if p > 0}),
        responses=names(profile),
        value=value,
        partner_payoffs=proxy(payoffs),
        weak_hub=proxy({labels[h]: p for h, p in enumerate(weak[1]) if p > 0}),
        weak_responses=names(weak[2]),
        weak_value=weak[0],
        weak_attained=weak[3],
        expected_cost=sum((x[h] * game.cost(c) for h, c in enumerate(combos)), Fraction(0)),
        shadow_price=shadow,
        budget=budget,
        mixed=mixed,
    )
