"""Sequential equilibria: where consistency cuts the perfect Bayesian set, and where it does not."""

from fractions import Fraction as F

from bargaining.games.pbe import perfect_bayesian
from bargaining.games.sequential_eq import sequential_equilibria
from bargaining.games.signaling import beer_quiche
from bargaining.games.tree_build import TreeBuilder


def _guess(left="1/3"):
    # Nature: left (1/3) or right (2/3). P1, not told, plays Out (1, 1) or In; P2, not told
    # either, guesses l or r: P2 gets 1 for a right guess, P1 gets 0 after l and 2 after r.
    # No proper subgame (P1's information set spans both states), so a perfect Bayesian
    # equilibrium may give P2 any belief after In when P1 plays Out.
    # P2: l iff mu(left) >= 1/2.  P1: In gives 2 - 2 q (q = P(l)), Out gives 1: In iff q <= 1/2.
    # (a) In, r: the belief after In is on the path, mu(left) = 1/3 < 1/2, r optimal: PBE.
    # (b) Out, with q >= 1/2: q = 1 needs mu(left) in [1/2, 1]; q in [1/2, 1) needs mu = 1/2. PBE.
    # (c) P1 mixing needs q = 1/2, mu = 1/3 on the path, P2 strictly prefers r: no.
    # Consistency: both nodes of P2's set are reached through the same unused action (P1: In),
    # so mu(left)/mu(right) = (1/3)/(2/3): mu(left) = 1/3, which kills (b): only (a) is sequential.
    t = TreeBuilder(players=("P1", "P2"))

    def branch(is_left):
        guess = t.decision("P2", {"l": t.end(0, int(is_left), label="l"), "r": t.end(2, int(not is_left), label="r")},
                           infoset="guess")
        return t.decision("P1", {"Out": t.end(1, 1, label="out"), "In": guess}, infoset="P1")

    t.chance({"left": (left, branch(True)), "right": (1 - F(left), branch(False))})
    return t.build()


def test_consistency_pins_the_off_path_belief_to_the_prior():
    tree = _guess()
    pbe = perfect_bayesian(tree)
    assert sorted(r.describe() for r in pbe) == ["P1: In → P2: r, p = 1", "P1: Out, p = 1"]
    out = next(r for r in pbe if r.describe() == "P1: Out, p = 1")
    left = next(n for n in tree.infosets["guess"].nodes if tree.history(n)[0][1] == "left")
    assert out.belief_set("guess")[left] == ((F(1, 2), 1),)
    (seq,) = sequential_equilibria(tree)
    assert seq.describe() == "P1: In → P2: r, p = 1"
    assert seq.beliefs["guess"][left] == F(1, 3)


def test_with_a_likely_left_state_out_becomes_sequential():
    # left = 2/3: consistency forces mu(left) = 2/3 > 1/2, so P2 guesses l and P1 stays Out;
    # (a) fails (on the path mu(left) = 2/3 -> l, then In gives 0 < 1). Only Out survives, and
    # it is sequential with the belief 2/3 and l for sure.
    tree = _guess("2/3")
    (seq,) = sequential_equilibria(tree)
    assert seq.describe() == "P1: Out, p = 1"
    assert seq.behaviour_set("guess")["l"] == ((1, 1),)
    left = next(n for n in tree.infosets["guess"].nodes if tree.history(n)[0][1] == "left")
    assert seq.belief_set("guess")[left] == ((F(2, 3), F(2, 3)),)


def test_in_a_signaling_game_every_perfect_bayesian_equilibrium_is_sequential():
    # Each type's deviation is its own unused action, so any off-path belief is consistent.
    tree = beer_quiche()
    pbe, seq = perfect_bayesian(tree), sequential_equilibria(tree)
    assert [r.describe() for r in pbe] == [r.describe() for r in seq]
    assert [r.belief_set("after Quiche") for r in pbe] == [r.belief_set("after Quiche") for r in seq]
