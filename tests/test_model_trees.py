"""Trees read from model files: chance nodes, information sets and labels, solved by the tree solvers."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from bargaining import (
    ModelError,
    behaviour_equilibria,
    load_model,
    reduced_normal_form,
    sequence_form_lemke,
    subgame_perfect_equilibria,
)

HOSTILE = Path(__file__).parent / "hostile_models"


@pytest.fixture(scope="module")
def threat():
    return load_model("examples/private_threat")


def test_chance_infosets_and_labels_are_read(threat):
    tree = threat.sequential
    assert not tree.is_perfect_information and tree.perfect_recall
    assert tree.infosets["Russia sees a demand"].nodes == ("resolved_demand", "irresolute_demand")
    p = threat.parameters["p"].symbol
    assert tree.nodes["type"].probabilities == (p, 1 - p)
    assert tree.nodes["resolved_status_quo"].name == "resolved: status quo"


def test_reduced_normal_form_with_chance_is_the_hand_written_table(threat):
    # the model's payoff table was written by hand as the tree's strategic form (Armenia's plan per type);
    # the symbolic reduced normal form of the tree, with expected payoffs over the prior, must equal it
    rnf = reduced_normal_form(threat.sequential)
    table = threat.symbolic_game()
    assert rnf.players == table.players and rnf.strategies[0] == table.strategies[0]
    words = {"StatusQuo": "SQ", "Demand-CarryOut": "DC", "Demand-BackDown": "DB"}
    columns = []
    for plan in rnf.plans[1]:
        parts = []
        for kind in ("resolved", "irresolute"):
            own = {h: a for h, a in plan.items() if h.startswith(f"Armenia ({kind})")}
            parts.append(words["-".join(own[h] for h in sorted(own, key=len))])
        columns.append(",".join(parts))
    assert sorted(columns) == sorted(table.strategies[1])
    for j, name in enumerate(columns):
        k = table.strategies[1].index(name)
        for i in range(2):
            assert sympy.simplify(rnf.A[i, j] - table.A[i, k]) == 0
            assert sympy.simplify(rnf.B[i, j] - table.B[i, k]) == 0


def test_solvers_agree_on_the_model_tree(threat):
    values = threat.values()
    eqs = behaviour_equilibria(threat.sequential, values)
    lemke = sequence_form_lemke(threat.sequential, values)
    assert lemke.payoffs in {eq.payoffs for eq in eqs}
    assert {eq.payoffs for eq in subgame_perfect_equilibria(threat.sequential, values)} <= {eq.payoffs for eq in eqs}
    assert all(abs(sum(eq.outcome.values()) - 1) == 0 for eq in eqs)


@pytest.mark.parametrize(
    "name, fragment",
    [
        ("chance_sum", "sum to 1"),
        ("chance_negative", "non-negative"),
        ("chance_not_pair", "chance.heads: expected [probability, child node id]"),
        ("chance_dunder_call", "chance.heads[0]"),
        ("chance_with_player", "a chance node has only id and chance"),
        ("chance_injection", "sequential.nodes"),
        ("infoset_action_labels", "information set 'col'"),
        ("infoset_mixed_players", "information set"),
        ("infoset_not_text", "infoset: expected"),
        ("terminal_label_number", "label: expected text"),
    ],
)
def test_hostile_tree_fields_name_the_entry(name, fragment):
    path = HOSTILE / f"{name}.toml"
    with pytest.raises(ModelError) as info:
        load_model(path)
    message = str(info.value)
    assert message.startswith(f"{path}: sequential") and fragment in message and "\n" not in message
