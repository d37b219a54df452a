"""Where the perfect Bayesian equilibria of the private-threat example change type, against hand derivations."""

from fractions import Fraction as F

import pytest
import sympy

from bargaining import load_model
from bargaining.analysis.pbe_thresholds import pbe_sweep, pbe_thresholds
from bargaining.errors import ModelError

BLUFF = "Armenia: Demand → Russia: Refuse → Armenia: BackDown"


@pytest.fixture(scope="module")
def threat():
    return load_model("examples/private_threat")


def test_thresholds_in_R(threat):
    # p = 5/16, o_res = 7/10, o_irr = 1/5, sigma = 1, b = 9/20, z = 11/20, m = 1, g = 1/2.
    # The resolved type carries out a refused threat iff 7/10 - R > -9/20 iff R < 23/20;
    # the irresolute one iff 1/5 - R > -9/20 iff R < 13/20.
    # Russia's cut-off belief mu* = z/(mR) = 11/(20R) <= 1 iff R >= 11/20 (below, it refuses anyone).
    # A pooling on StatusQuo needs the resolved type not to gain by demanding against a refusal:
    # 7/10 - R <= 0 iff R >= 7/10.
    # R < 11/20: Russia refuses; the resolved type demands (7/10 - R > 0), the irresolute stays: separating.
    # 11/20 < R < 13/20: both types carry out; Russia concedes (-11/(20R) > -1): pooling on Demand.
    # 13/20 < R < 7/10: only the bluff (mu* = 11/(20R) > 5/16 up to R = 1.76).
    # 7/10 < R < 23/20: the bluff and the StatusQuo pool. R > 23/20: nobody carries out: the pool only.
    found = pbe_thresholds(threat, "R", "1/5", "3/2")
    assert [t.value for t in found] == [F(11, 20), F(13, 20), F(7, 10), F(23, 20)]
    assert found[0].before.startswith("separating") and found[0].after == "pooling (Armenia: Demand → Russia: Concede)"
    assert found[1].after.startswith("semi-separating")
    assert found[2].after.startswith("pooling (Armenia: StatusQuo) | semi-separating")
    assert found[3].after == "pooling (Armenia: StatusQuo)"
    assert all(t.kind == "perfect-Bayesian" for t in found)


def test_threshold_in_the_prior(threat):
    # At R = 1 the bluff needs p < mu* = 11/20; above it both types demand and Russia concedes.
    (t,) = pbe_thresholds(threat, "p", 0, 1)
    assert t.value == sympy.Rational(11, 20)


def test_sweep_gives_each_path_probability(threat):
    # At R = 3/4 with p = 5/16: mu* = 11/15, P(bluff refused) = p (1 - mu*)/mu* * g/(g + b)
    # = 5/16 * 4/11 * 10/19 = 25/418.
    table = pbe_sweep(threat, "R", ["1", "3/4", "1/2"], p="5/16")
    bluff = table[table.kind == "semi-separating"].set_index("R")[BLUFF]
    assert bluff[1.0] == pytest.approx(float(F(225, 1672)))
    assert bluff[0.75] == pytest.approx(float(F(25, 418)))
    assert 0.5 not in bluff.index  # R = 1/2 < 11/20: separating, no bluff
    assert table[table.R == 0.5].kind.tolist() == ["separating"]


def test_interval_is_required(threat):
    with pytest.raises(ModelError, match="interval"):
        pbe_thresholds(threat, "R")


def test_a_knife_edge_point_beyond_scope_is_refused_clearly(threat):
    # At R = 13/20 the irresolute type is indifferent after a refusal (1/5 - 13/20 = -9/20 = -b):
    # its mixture multiplies Russia's off-path belief, a set that is not a polytope.
    from bargaining import perfect_bayesian
    from bargaining.errors import SolverError

    with pytest.raises(SolverError, match="beyond the scope"):
        perfect_bayesian(threat.sequential, threat.values(R="13/20"))
