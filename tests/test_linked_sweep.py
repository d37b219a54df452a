"""A linked model over R: exact budget thresholds, the order of cuts, the sweep table, and the CLI."""

import json
from fractions import Fraction

import pytest

import bargaining as bg
from bargaining.analysis.linked_sweep import linked_sweep, linked_thresholds, order_of_cuts
from bargaining.cli import main

PAIR = """
[linked]
hub = "Hub"
members = ["give.toml", "give2.toml"]
budget = "beta*R"

[parameters.beta]
value = 1
range = [1, 1]
meaning = "budget at R = 1"
source = "a test"
"""

GIVE = """
[players]
row = {{ name = "Hub", strategies = ["Give", "Keep"] }}
column = {{ name = "{name}", strategies = ["Stay", "Leave"] }}
[parameters.R]
value = 1
range = [0.1, 2]
meaning = "resources"
source = "a test"
[payoffs.Give]
Stay = ["{worth} - {cost}/R", "1"]
Leave = ["-{cost}/R", "0"]
[payoffs.Keep]
Stay = ["{worth}", "0"]
Leave = ["0", "1"]
"""


@pytest.fixture()
def pair(tmp_path):
    """Two dyads: the partner stays iff the hub gives; giving costs c/R in payoff and c in resources (the 1/R
    term), c = 3/5 and 1/5, worth 2 and 1; budget R.

    Commitment: giving in dyad k keeps partner k (Stay iff P(Give) >= 1/2), so the hub gives with probability
    1/2 in each dyad where w_k - c_k/(2R) > 0 (2 - 0.3/R > 0 and 1 - 0.1/R > 0 for R > 0.15 and 0.1). With the
    budget for sure it may only mix over combined strategies costing at most R: Give+Give costs 4/5, so for
    R < 4/5 it can no longer put weight on giving to both at once; it keeps both with 1/2 Give+Keep and 1/2
    Keep+Give (each costs at most 3/5) while R >= 3/5; below 3/5 it cannot give to the first partner at all,
    and below 1/5 to neither. The thresholds in (0.25, 1.5) where the feasible set changes the commitment's
    support are therefore R = 4/5 and 3/5; the first partner ("A") is cut below 3/5.
    """
    (tmp_path / "give.toml").write_text(GIVE.format(name="A", worth=2, cost="0.6"), encoding="utf-8")
    (tmp_path / "give2.toml").write_text(GIVE.format(name="B", worth=1, cost="0.2"), encoding="utf-8")
    (tmp_path / "pair.toml").write_text(PAIR, encoding="utf-8")
    return bg.load_model(tmp_path / "pair.toml")


def test_pair_costs_come_from_the_one_over_R_terms(pair):
    assert {p: dict(c) for p, c in pair.game(R=1).costs.items()} == {"A": {"Give": 0, "Keep": 0},
                                                                    "B": {"Give": 0, "Keep": 0}}


def test_budget_thresholds_are_exact(tmp_path):
    text = PAIR.replace('budget = "beta*R"', 'resource = "R"\nbudget = "beta*R"')
    (tmp_path / "give.toml").write_text(GIVE.format(name="A", worth=2, cost="0.6"), encoding="utf-8")
    (tmp_path / "give2.toml").write_text(GIVE.format(name="B", worth=1, cost="0.2"), encoding="utf-8")
    (tmp_path / "pair.toml").write_text(text, encoding="utf-8")
    model = bg.load_model(tmp_path / "pair.toml")
    found = linked_thresholds(model, lo=Fraction(1, 4), hi=Fraction(3, 2))
    assert list(found["exact"]) == ["4/5", "3/5"]
    order = order_of_cuts(model, lo=Fraction(1, 4), hi=Fraction(3, 2), thresholds=found)
    assert list(order["partner"]) == ["A", "B"]
    assert order.loc[0, "exact_cut"] == "3/5" and order.loc[1, "cut_below"] != order.loc[1, "cut_below"]


def test_seed_model_cuts_armenia_first_at_the_budget_threshold():
    """Subsidize (1) and Concede (z = 11/20) together cost 31/20 = beta*R with beta = 8/5 at R = 31/32."""
    model = bg.load_model("russia_linked")
    found = linked_thresholds(model, lo=0.9, hi=1.1)
    assert list(found["exact"]) == ["31/32"]
    assert list(order_of_cuts(model, lo=0.9, hi=1.1, thresholds=found)["partner"])[0] == "Armenia"


def test_sweep_table():
    table = linked_sweep(bg.load_model("russia_linked"), [1, "0.5"], shadow=True)
    assert list(table["R"]) == [1.0, 0.5] and list(table["budget"]) == [1.6, 0.8]
    assert list(table["spend_Belarus"]) == [1.0, 0.0] and list(table["shadow_price"]) == [0.0, 0.0]


def test_cli_solve_and_thresholds_on_a_linked_model(capsys):
    assert main(["solve", "russia_linked", "--scenario", "2015", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["commitment"]["value"]["exact"] == "2" and data["budget"]["exact"] == "6/5"
    assert all(e["regret"]["exact"] == "0" for e in data["equilibria"])
    assert main(["thresholds", "russia_linked", "--from", "0.9", "--to", "1.1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [t["exact"] for t in data["thresholds"]] == ["31/32"]
    assert main(["solve", "russia_linked", "--set", "R=0.5"]) == 0
    assert "optimal commitment" in capsys.readouterr().out
