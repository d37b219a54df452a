"""End-to-end tests of `bargaining models`, `show` and `solve`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bargaining.cli import main

ROOT = Path(__file__).resolve().parent.parent
INJECTION = """
[players]
row = { name = "Row", strategies = ["U"] }
column = { name = "Col", strategies = ["L"] }
[payoffs.U]
L = ["__import__('os').system('touch pwned')", "0"]
"""


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_models_lists_bundled(capsys):
    code, out, _ = run(capsys, "models")
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("russia_belarus") and "subsidies for loyalty" in line for line in lines)
    assert sum(line.startswith("russia_") for line in lines) == 5


def test_show_model(capsys):
    code, out, _ = run(capsys, "show", "russia_armenia")
    assert code == 0
    assert "sigma (σ) = 1" in out and "source:" in out and "-z/R , g" in out


def test_solve_belarus_2015_mixed(capsys):
    code, out, _ = run(capsys, "solve", "russia_belarus", "--scenario", "2015")
    assert code == 0
    assert "Russia Subsidize 0.6 / Cut 0.4; Belarus Align 0.75 / Hedge 0.25" in out
    assert "Belarus: Hedge → Russia: Subsidize" in out


def test_solve_armenia_spe_separate_from_nash(capsys):
    code, out, _ = run(capsys, "solve", "russia_armenia", "--set", "R=0.75")
    assert code == 0
    nash, spe = out.split("Subgame-perfect path")
    assert "Nash equilibria" in nash and "Russia Concede; Armenia Demand-CarryOut" in nash
    assert "Armenia: Demand → Russia: Concede" in spe


def test_solve_china_2015(capsys):
    code, out, _ = run(capsys, "solve", "examples/russia_china_first_round", "--scenario", "2015")
    assert code == 0
    assert "Nash equilibria (3)" in out
    assert out.count("[pure;") == 2
    assert "Conjoin 2/7 (0.285714)" in out and "Multilateral 2/9 (0.222222)" in out


def test_solve_json(capsys):
    code, out, _ = run(capsys, "solve", "examples/russia_china_first_round", "--set", "R=0.75", "--set", "S=0.25", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["parameters"]["R"]["exact"] == "3/4"
    mixed = [e for e in data["nash_equilibria"] if not e["pure"]]
    assert mixed[0]["strategies"]["Russia"]["Conjoin"]["exact"] == "2/7"
    assert data["subgame_perfect"]["path"][0] == {"player": "Russia", "action": "Conjoin"}


def test_solve_plain_game_file(capsys):
    code, out, _ = run(capsys, "solve", str(ROOT / "bargaining" / "examples" / "prisoners_dilemma.toml"))
    assert code == 0 and "Row Defect; Column Defect" in out and "Subgame-perfect" not in out


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["solve", "missing.toml"], "missing.toml: no such file"),
        (["solve", "bad.toml"], "bad.toml: TOML syntax error"),
        (["solve", "inject.toml"], "inject.toml: payoffs.U.L[0]: the dunder name '__import__'"),
        (["solve", "russia_belarus", "--set", "zeta=1"], "unknown parameter 'zeta'"),
        (["solve", "russia_belarus", "--set", "R"], "expected NAME=VALUE"),
        (["solve", "russia_belarus", "--set", "R=lots"], "'lots' is not a number"),
        (["solve", "russia_belarus", "--scenario", "1812"], "unknown scenario '1812'"),
        (["solve", "russia_belarus", "--set", "R=0"], "payoffs.Subsidize.Align[0]: division by zero"),
        (["show", "nothing_here"], "no bundled model"),
    ],
)
def test_bad_input_is_one_line_exit_2(argv, fragment, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.toml").write_text("[players\n", encoding="utf-8")
    (tmp_path / "inject.toml").write_text(INJECTION, encoding="utf-8")
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and fragment in err and "Traceback" not in err
    assert not (tmp_path / "pwned").exists()


def test_subprocess_refuses_injection(tmp_path):
    (tmp_path / "inject.toml").write_text(INJECTION, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "bargaining", "solve", "inject.toml"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "inject.toml" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "pwned").exists()
