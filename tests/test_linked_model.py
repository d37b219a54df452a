"""Linked model files: reading [linked], default and explicit costs, links, and the game they give."""

from fractions import Fraction

import pytest

import bargaining as bg

F = Fraction


@pytest.fixture(scope="module")
def linked():
    return bg.load_model("russia_linked")


def test_bundled_lists_keep_linked_models_apart():
    assert "russia_linked" not in bg.bundled_models()
    assert bg.bundled_linked_models() == ("russia_linked",)


def test_members_hub_and_shared_parameters(linked):
    assert isinstance(linked, bg.LinkedModel) and linked.hub == "Russia"
    assert [m.name for m in linked.members] == ["russia_belarus", "russia_armenia", "russia_china"]
    assert {"R", "kappa", "z", "k_R", "beta", "d", "e"} <= set(linked.parameters)
    assert linked.values("2015")["R"] == F(3, 4)


def test_default_costs_are_the_one_over_R_terms(linked):
    """Belarus: Subsidize costs kappa*s (Align) or kappa*mu*s (Hedge): the larger, 1. Armenia: Concede costs z = 0.55
    when Armenia demands. China: Guard costs k_R = 0.05. Cut, Refuse, Conjoin cost nothing."""
    g = linked.game(R=1)
    assert {p: dict(c) for p, c in g.costs.items()} == {
        "Belarus": {"Subsidize": 1, "Cut": 0},
        "Armenia": {"Concede": F(11, 20), "Refuse": 0},
        "China": {"Conjoin": 0, "Guard": F(1, 20)},
    }
    assert g.budget == F(8, 5) and linked.budget_value(R="0.5") == F(4, 5)


def test_game_is_the_members_games_with_links(linked):
    R = F(3, 4)
    g = linked.game(R=R)
    dyads = [m.game(R=R) for m in linked.members]
    assert g.dyads == tuple(dyads)
    armenia = g.partner_matrix(1)
    for combo, row in zip(g.feasible, armenia):
        base = list(dyads[1].exact_B[dyads[1].strategy_index(0, combo[1])])
        if combo[0] == "Cut":  # the domino link: the status quo loses d = 1/10
            base[0] -= F(1, 10)
        assert row == base
    belarus = g.partner_matrix(0)
    for combo, row in zip(g.feasible, belarus):
        expected = list(dyads[0].exact_B[dyads[0].strategy_index(0, combo[0])])
        if combo[1] == "Concede":  # Belarus hedges more gladly when Russia tilts to Armenia: + e = 1/20
            expected[1] += F(1, 20)
        assert row == expected


def test_a_file_with_relative_members_and_explicit_costs(tmp_path):
    source = bg.load_model("russia_belarus").path
    from bargaining.modelling.model import _bundled_dir

    folder = _bundled_dir("bargaining.models", "models")
    (tmp_path / "b.toml").write_bytes((folder / "russia_belarus.toml").read_bytes())
    (tmp_path / "a.toml").write_bytes((folder / "russia_armenia.toml").read_bytes())
    (tmp_path / "pair.toml").write_text(
        '[linked]\nhub = "Russia"\nmembers = ["b.toml", "a.toml"]\nbudget = "1"\n'
        '[costs.b]\nSubsidize = "kappa"\n[costs.a]\nConcede = "2*z"\n', encoding="utf-8")
    pair = bg.load_model(tmp_path / "pair.toml")
    g = pair.game(R=1)
    assert source and g.cost(("Subsidize", "Concede")) == F(1) + F(11, 10)
    assert ("Subsidize", "Concede") not in g.feasible and ("Subsidize", "Refuse") in g.feasible


def test_unknown_scenario_and_parameter(linked):
    with pytest.raises(bg.ModelError, match="unknown scenario"):
        linked.game("1999")
    with pytest.raises(bg.ModelError, match="unknown parameter"):
        linked.game(Q=1)
