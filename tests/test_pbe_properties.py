"""Random small signaling games: every perfect Bayesian record is verified, and one always exists."""

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bargaining.games.behaviour import infoset_regrets
from bargaining.games.beliefs import verify_assessment
from bargaining.games.pbe import perfect_bayesian
from bargaining.games.signaling import signaling_game

payoff = st.integers(min_value=-2, max_value=3)


@st.composite
def signaling_games(draw):
    prior = Fraction(draw(st.integers(min_value=1, max_value=9)), 10)
    table = {(t, m, r): (draw(payoff), draw(payoff)) for t in ("a", "b") for m in ("m1", "m2") for r in ("r1", "r2")}
    return signaling_game({"a": prior, "b": 1 - prior}, ["m1", "m2"], ["r1", "r2"], table)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(signaling_games())
def test_every_record_is_verified_and_one_exists(tree):
    found = perfect_bayesian(tree)
    assert found  # a sequential equilibrium exists in every finite game (Kreps and Wilson 1982)
    for record in found:
        # the representative, by the tree helper's independent whole-continuation regrets
        regrets = infoset_regrets(tree, record.equilibrium.behaviour, record.beliefs)
        assert set(regrets.values()) == {0}
        for piece in record.pieces:
            behaviour, beliefs = piece.at(piece.centroid())
            verify_assessment(tree, behaviour, beliefs)
            for vertex in piece.vertices:   # the pieces are closed: every vertex is an equilibrium too
                verify_assessment(tree, *piece.at(vertex))
