"""Linked games: a hub in several dyads under one budget — equilibria and commitment, against hand answers."""

import itertools
from fractions import Fraction

import numpy as np
import pytest

import bargaining as bg
from bargaining.games.nplayer_equilibria import nplayer_equilibria

F = Fraction
SEEDS = ("russia_belarus", "russia_armenia", "russia_china")


def retention_dyad(partner, worth):
    """The hub gives (payoff cost 2) or keeps; the partner stays (1 if given, 0 if not) or leaves (1/2 always)."""
    return bg.Game([[worth - 2, -2], [worth, 0]], [[1, F(1, 2)], [0, F(1, 2)]], players=("Hub", partner),
                   strategies=(("Give", "Keep"), ("Stay", "Leave")))


def three_dyads(budget=2):
    """The hand-solved example.

    Partners P1, P2, P3 are worth w = 4, 3, 3 to the hub; giving costs the hub 2 in payoff in every dyad,
    and uses resources r = 2, 1, 1; the budget is 2. Feasible combined strategies (cost): KKK (0),
    GKK (2), KGK (1), KKG (1), KGG (2); GGK, GKG, GGG cost 3-4 and do not fit.

    Partner k stays iff the hub gives in its dyad with probability pi_k >= 1/2 (1·pi_k against 1/2).

    Nash: Keep beats Give by exactly 2 in every dyad whatever the partner does, so KKK is the hub's unique
    best reply to anything; the partners then leave. Unique equilibrium (KKK; Leave, Leave, Leave), payoffs
    hub 0, partners 1/2.

    Commitment, budget for sure, ties for the hub: the hub's payoff is sum_k (w_k [k stays] - 2 pi_k). Keeping
    all three needs pi_k >= 1/2 each; pi_1 = P(GKK), the only feasible strategy giving to P1, so
    P(GKK) >= 1/2 and the other half must give to both P2 and P3: x = 1/2 GKK + 1/2 KGG, value
    10 - 2·3/2 = 7. Keeping two is worth at most 7 - 2 = 5, so 7 is optimal (unique x).

    Ties against the hub: now a partner stays only if pi_k > 1/2. pi_1 + pi_2 <= P(GKK) + P(KGK) + P(KGG) <= 1
    (and likewise pi_1 + pi_3), so P1 cannot be kept together with another partner. Keeping P2 and P3:
    pi_2, pi_3 > 1/2, value 6 - 2 pi_1 - 2 pi_2 - 2 pi_3 -> 4 as pi -> (0, 1/2, 1/2) (not attained; e.g.
    1/2 KGG + 1/2 KKK, or 1/2 KGK + 1/2 KKG). Keeping P1 alone gives at most 4 - 1 = 3. Weak value 4.

    Pure commitment: KKK 0; GKK 4 - 2 = 2; KGK and KKG 3 - 2 = 1; KGG 6 - 4 = 2. Best 2 (GKK first).

    Budget in expectation (any combined strategy, expected cost 2 pi_1 + pi_2 + pi_3 <= 2): keeping all three
    needs exactly pi = (1/2, 1/2, 1/2), cost exactly 2: value 7 again; more budget buys nothing (pi above 1/2
    only costs), so the shadow price V'(2+) is 0.
    """
    dyads = [retention_dyad("P1", 4), retention_dyad("P2", 3), retention_dyad("P3", 3)]
    costs = {"P1": {"Give": 2}, "P2": {"Give": 1}, "P3": {"Give": 1}}
    return bg.LinkedGame(dyads, costs=costs, budget=budget)


def test_three_dyads_feasible_set():
    g = three_dyads()
    assert ["".join(s[0] for s in c) for c in g.feasible] == ["GKK", "KGG", "KGK", "KKG", "KKK"]


def test_three_dyads_unique_nash_equilibrium():
    found = bg.linked_equilibria(three_dyads(), exact=True)
    assert [e.describe() for e in found] == ["Hub: Keep + Keep + Keep · P1: Leave · P2: Leave · P3: Leave"]
    assert dict(found[0].payoffs) == {"Hub": 0, "P1": F(1, 2), "P2": F(1, 2), "P3": F(1, 2)}
    assert found[0].regret == 0 and found[0].expected_cost == 0
    assert [e.describe() for e in bg.linked_pure_equilibria(three_dyads())] == [found[0].describe()]


def test_three_dyads_commitment_both_tie_rules():
    c = bg.optimal_commitment(three_dyads())
    assert dict(c.hub) == {"Give + Keep + Keep": F(1, 2), "Keep + Give + Give": F(1, 2)}
    assert dict(c.responses) == {"P1": "Stay", "P2": "Stay", "P3": "Stay"}
    assert c.value == 7 and c.expected_cost == 2
    assert c.weak_value == 4 and not c.weak_attained
    assert dict(c.weak_responses) == {"P1": "Leave", "P2": "Stay", "P3": "Stay"}
    gives = [sum(p for name, p in c.weak_hub.items() if name.split(" + ")[k] == "Give") for k in range(3)]
    assert gives == [0, F(1, 2), F(1, 2)] and sum(c.weak_hub.values()) == 1


def test_three_dyads_pure_and_expected_commitment():
    pure = bg.optimal_commitment(three_dyads(), mixed=False)
    assert pure.value == 2 and dict(pure.hub) == {"Give + Keep + Keep": 1} and pure.weak_value == 2
    expected = bg.optimal_commitment(three_dyads(), budget="expected")
    assert expected.value == 7 and expected.expected_cost == 2 and expected.shadow_price == 0


def test_shadow_price_of_a_divisible_good():
    """Giving is worth 1 to the hub directly and uses 2 units; with budget B (in expectation) the hub gives
    with probability min(B/2, 1): value B/2 below B = 2, so V'(1+) = 1/2 and V'(3+) = 0."""
    d = bg.Game([[1, 1], [0, 0]], [[0, 0], [0, 0]], players=("Hub", "P"), strategies=(("Give", "Keep"), ("a", "b")))
    for budget, value, price in ((1, F(1, 2), F(1, 2)), (3, 1, 0)):
        c = bg.optimal_commitment(bg.LinkedGame([d], costs={"P": {"Give": 2}}, budget=budget), budget="expected")
        assert (c.value, c.shadow_price) == (value, price)


def _marginal_profiles(found, partners):
    return {tuple((tuple(e.hub_by_dyad[p].values()), tuple(e.partners[p].values())) for p in partners)
            for e in found}


@pytest.mark.parametrize("R", ["1", "0.75"])
def test_unlimited_budget_gives_the_products_of_the_dyads_equilibria(R):
    dyads = [bg.load_model(n).game(R=R) for n in SEEDS]
    g = bg.LinkedGame(dyads)
    found = bg.linked_equilibria(g, exact=True)
    ours = _marginal_profiles(found, g.partners)
    for profile in ours:  # every linked equilibrium is an equilibrium in each dyad
        for dyad, (x, y) in zip(dyads, profile):
            assert bg.regret(dyad, (x, y), exact=True) == 0
    dyad_sets = [[(e.profile[0], e.profile[1]) for e in bg.equilibria(d, exact=True)] for d in dyads]
    products = set(itertools.product(*dyad_sets))
    assert products <= ours  # and every product of the dyads' extreme equilibria is one of them


def test_linked_agrees_with_the_nplayer_solver_on_small_random_games():
    rng = np.random.default_rng(3)
    for _ in range(3):
        dyads = [bg.Game(rng.integers(-4, 5, (2, 2)), rng.integers(-4, 5, (2, 2)), players=("H", p),
                         strategies=(("a", "b"), ("x", "y"))) for p in ("P", "Q")]
        g = bg.LinkedGame(dyads, costs={"P": {"a": 1}, "Q": {"a": 1}}, budget=1,
                          links=[bg.Link("Q", "P", "a", int(rng.integers(-3, 4)))])
        ours = sorted(tuple(float(v) for m in (e.hub, *e.partners.values()) for v in m.values())
                      for e in bg.linked_equilibria(g))
        normal = g.as_game()
        theirs = []
        for e in nplayer_equilibria(normal, continua="skip"):
            hub = {name: float(p) for name, p in zip(normal.strategies[0], e.profile[0]) if p > 0}
            theirs.append(tuple([*hub.values(), *(float(v) for s in e.profile[1:] for v in s)]))
        assert ours == sorted(theirs)


def test_a_link_moves_the_partner_payoff():
    dyads = [retention_dyad("P1", 4), retention_dyad("P2", 3)]
    g = bg.LinkedGame(dyads, links=[bg.Link("P2", "P1", "Keep", -1, partner_strategy="Stay")])
    rows = g.partner_matrix(1)
    labels = ["".join(s[0] for s in c) for c in g.feasible]
    assert dict(zip(labels, rows)) == {"GG": [1, F(1, 2)], "GK": [0, F(1, 2)], "KG": [0, F(1, 2)],
                                       "KK": [-1, F(1, 2)]}


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"costs": {"P9": {"Give": 1}}}, "not a partner"),
        ({"costs": {"P1": {"Lend": 1}}}, "not a strategy"),
        ({"costs": {"P1": {"Give": 5, "Keep": 5}}, "budget": 4}, "no combined strategy fits"),
        ({"links": [bg.Link("P1", "P1", "Give", 1)]}, "its own dyad"),
        ({"links": [bg.Link("P1", "P2", "Lend", 1)]}, "not a strategy"),
    ],
)
def test_bad_linked_games_are_refused(kwargs, message):
    with pytest.raises(bg.GameError, match=message):
        bg.LinkedGame([retention_dyad("P1", 4), retention_dyad("P2", 3)], **kwargs)


def test_display():
    text = repr(three_dyads())
    assert "budget 2; 5 of 8 combined strategies fit" in text and "P1: strategies Stay, Leave" in text
    assert "<li>" in three_dyads()._repr_html_()
