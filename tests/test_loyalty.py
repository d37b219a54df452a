"""Russia–Belarus, support that buys loyalty (models/russia_belarus_loyalty.toml), against hand derivations.

Russia moves first. After Support, Belarus aligns iff s - a >= mu*s + h, i.e.
(1 - mu)*s >= a + h (0.25 >= 0.15 at the defaults); after Cut it hedges
(h > -a). So Russia supports iff v + w - kappa*s/R >= lam*v, i.e.
R >= kappa*s/((1 - lam)*v + w): 1/(0.5 + 1.25) = 4/7 at the defaults,
1/(0.25 + 1.25) = 2/3 at v = 0.5 and 1/(0.75 + 1.25) = 1/2 at v = 1.5.
"""

from fractions import Fraction as F

import pytest

import bargaining as bg


@pytest.fixture(scope="module")
def loyalty():
    return bg.load_model("russia_belarus_loyalty")


def _moves(path):
    return tuple(action for _, action in path.path)


def test_threshold_by_hand(loyalty):
    (t,) = bg.thresholds(loyalty, "R", "1/5", "3/2", kind="subgame-perfect")
    assert t.value == F(4, 7)
    assert (t.before, t.after) == ("Cut → Hedge", "Support → Align")


@pytest.mark.parametrize("v, expected", [(F(1, 2), F(2, 3)), (F(3, 2), F(1, 2))])
def test_value_of_alignment_moves_the_threshold(loyalty, v, expected):
    (t,) = bg.thresholds(loyalty, "R", "1/5", "3/2", kind="subgame-perfect", v=v)
    assert t.value == expected


def test_value_of_alignment_moves_the_regime(loyalty):
    # at R = 0.6, inside v's plausible range [0.5, 1.5], the subgame-perfect path flips
    low, high = loyalty.parameters["v"].range
    assert _moves(loyalty.subgame_perfect(R=F(3, 5), v=low)) == ("Cut", "Hedge")
    assert _moves(loyalty.subgame_perfect(R=F(3, 5), v=high)) == ("Support", "Align")
    # and lam does the same: Russia's loss from hedging is (1 - lam)*v
    lo, hi = loyalty.parameters["lam"].range
    assert _moves(loyalty.subgame_perfect(R=F(7, 12), lam=hi)) == ("Cut", "Hedge")  # 1/(0.3+1.25) = 0.645
    assert _moves(loyalty.subgame_perfect(R=F(7, 12), lam=lo)) == ("Support", "Align")  # 1/(0.7+1.25) = 0.513


def test_baseline_cannot_express_it():
    # in the simultaneous baseline, v and lam cancel out of both thresholds (REVIEW point 1)
    base = bg.load_model("russia_belarus")
    for v in (F(1, 2), F(3, 2)):
        assert [t.value for t in bg.thresholds(base, "R", "1/5", "3/2", v=v)] == [F(3, 5), F(4, 5)]


def test_support_to_a_hedger_would_end_first(loyalty):
    # a Belarus that answers support with hedging (make h large: (1 - mu)*s < a + h):
    # Russia supports iff lam*v + w - kappa*mu*s/R >= lam*v, i.e. R >= kappa*mu*s/w = 3/5 > 4/7
    (t,) = bg.thresholds(loyalty, "R", "1/5", "3/2", kind="subgame-perfect", h=F(1, 5), a=F(1, 10))
    assert t.value == F(3, 5)
    assert (t.before, t.after) == ("Cut → Hedge", "Support → Hedge")


def test_disagreement_is_the_cut_branch(loyalty):
    for R in (F(1), F(3, 4), F(1, 2)):
        assert loyalty.disagreement(R=R) == (F(1, 2), F(1, 10))  # (lam*v, h): Belarus hedges after a cut
