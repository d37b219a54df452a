"""Agent QRE of trees (statistical backward induction) and quantal responses along a model parameter."""

import numpy as np
import pytest
from scipy.stats import norm

import bargaining as bg


def _entry_tree():
    b = bg.TreeBuilder(players=("A", "B"))
    b.decision("A", {"out": b.end(1, 0, label="out"),
                     "in": b.decision("B", {"fight": b.end(0, -1, label="fight"), "share": b.end(2, 1, label="share")},
                                      id="b_node")}, id="a_node")
    return b.build()


@pytest.mark.parametrize("lam", [0.5, 1.0, 3.0])
def test_logit_agent_qre_by_hand(lam):
    q = bg.agent_qre(_entry_tree(), lam=lam)
    share = 1 / (1 + np.exp(-lam * (1 - (-1))))          # B: share (1) against fight (-1)
    v_in = share * 2 + (1 - share) * 0                    # A's value of entering
    enter = 1 / (1 + np.exp(-lam * (v_in - 1)))
    assert q.behaviour["b_node"]["share"] == pytest.approx(share, abs=1e-12)
    assert q.behaviour["a_node"]["in"] == pytest.approx(enter, abs=1e-12)
    assert q.outcomes["share"] == pytest.approx(enter * share, abs=1e-12)
    assert q.payoffs[0] == pytest.approx((1 - enter) * 1 + enter * v_in, abs=1e-12)


def test_probit_agent_qre_by_hand():
    lam = 2.0
    q = bg.agent_qre(_entry_tree(), lam=lam, link="probit")
    share = norm.cdf(lam * 2 / np.sqrt(2))                # each action's error has sd 1/lam
    enter = norm.cdf(lam * (2 * share - 1) / np.sqrt(2))
    assert q.behaviour["a_node"]["in"] == pytest.approx(enter, abs=1e-12)


def test_zero_precision_is_uniform_and_high_precision_is_subgame_perfect():
    assert bg.agent_qre(_entry_tree(), lam=0.0).behaviour["a_node"]["in"] == 0.5
    armenia = bg.load_model("russia_armenia")
    spe = armenia.subgame_perfect(R=0.75)
    q = bg.agent_qre(armenia.sequential, armenia.values(R=0.75), lam=200.0)
    for node, action in spe.plan.items():
        assert q.behaviour[node][action] > 0.999


def test_normal_form_sweep_is_the_logit_qre_at_each_value():
    armenia = bg.load_model("russia_armenia")
    table = bg.qre_sweep(armenia, "R", [0.6, 0.9], lam=2.0)
    for k, r in enumerate([0.6, 0.9]):
        direct = bg.logit_qre(armenia.game(R=r), 2.0).iloc[0].drop("lambda")
        np.testing.assert_allclose(table.iloc[k].drop("R").to_numpy(float), direct.to_numpy(float))
