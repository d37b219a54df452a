"""The example model with a privately known outside option: file, solver and command line."""

import json
from fractions import Fraction as F

from bargaining import load_model, perfect_bayesian
from bargaining.cli import main

BLUFF = "Armenia: Demand → Russia: Refuse → Armenia: BackDown"


def test_example_model_reads_chance_and_information_sets():
    model = load_model("examples/private_threat")
    tree = model.sequential
    assert not tree.is_perfect_information
    assert tree.infosets["Russia sees a demand"].nodes == ("resolved_demand", "irresolute_demand")
    assert tree.nodes["irresolute_backed_down"].name == "irresolute: backs down"


def test_bluff_at_the_defaults_and_in_2015():
    # Defaults (R = 1, p = 5/16): derived in tests/test_pbe.py: 225/1672.
    # 2015 (R = 3/4, p = 5/8): resolved carries out (0.7 - 0.75 = -1/20 > -9/20), irresolute
    # backs down (0.2 - 0.75 = -11/20 < -9/20); mu* = z/(mR) = 11/15 > 5/8, so the irresolute
    # type bluffs: (1 - p) beta = p (1 - mu*)/mu* = 5/8 * 4/11 = 5/22, Russia concedes with
    # 9/19, and P(bluff refused) = 5/22 * 10/19 = 25/209 (MODELING.md: 0.120).
    # The resolved type demands: 9/19 * 1/2 + 10/19 * (-1/20) = 4/19 > 0.
    model = load_model("examples/private_threat")
    for scenario, expected in ((None, F(225, 1672)), ("2015", F(25, 209))):
        found = perfect_bayesian(model.sequential, model.values(scenario))
        bluff = next(r for r in found if r.kind == "semi-separating")
        assert dict(bluff.paths)[BLUFF] == expected
        assert bluff.behaviour["Russia sees a demand"] == {"Concede": F(9, 19), "Refuse": F(10, 19)}
    assert F(25, 209) == F(5, 22) * F(10, 19)


def test_solve_prints_beliefs_and_path_probabilities(capsys):
    assert main(["solve", "examples/private_threat"]) == 0
    out = capsys.readouterr().out
    assert "Perfect Bayesian equilibria (2" in out
    assert f"{BLUFF}, p = 225/1672" in out
    assert "belief at Russia sees a demand (off the path): resolved_demand [0, 0.55]" in out


def test_solve_json_has_the_perfect_bayesian_equilibria(capsys):
    assert main(["solve", "examples/private_threat", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    kinds = [r["kind"] for r in data["perfect_bayesian"]]
    assert kinds == ["pooling", "semi-separating"]
    paths = {p["path"]: p["probability"]["exact"] for p in data["perfect_bayesian"][1]["paths"]}
    assert paths[BLUFF] == "225/1672"
