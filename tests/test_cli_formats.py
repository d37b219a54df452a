"""Every subcommand that prints results speaks table, JSON and CSV; the CLI's manners."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from fractions import Fraction

import pytest

import bargaining as bg
from bargaining.cli import main

#: Each subcommand that prints results, with arguments that keep it quick.
COMMANDS = {
    "models": [],
    "show": ["russia_belarus"],
    "solve": ["russia_belarus", "--scenario", "2015"],
    "thresholds": ["russia_belarus"],
    "regimes": ["russia_belarus"],
    "sweep": ["russia_belarus", "--points", "5"],
    "uncertainty": ["russia_belarus", "--samples", "50", "--points", "5"],
    "bargain": ["russia_armenia", "--scenario", "2015"],
}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_json_is_one_document(command, capsys):
    code, out, _ = run(capsys, command, *COMMANDS[command], "--format", "json")
    assert code == 0
    json.loads(out)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_csv_is_one_table(command, capsys):
    code, out, _ = run(capsys, command, *COMMANDS[command], "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) >= 2 and len({len(r) for r in rows}) == 1, out[:300]


def test_thresholds_json_is_exact_and_decimal(capsys):
    # Belarus's thresholds are R* = κμs/w = 3/5 and κs/w = 4/5 at the defaults (hand-derived in test_thresholds.py)
    _, out, _ = run(capsys, "thresholds", "russia_belarus", "--format", "json")
    found = json.loads(out)["thresholds"]
    assert [t["value"] for t in found] == [{"exact": "3/5", "decimal": 0.6}, {"exact": "4/5", "decimal": 0.8}]


def test_the_acceptance_pipeline_parses():
    done = subprocess.run(
        f"{sys.executable} -m bargaining thresholds russia_belarus --format json | "
        f'{sys.executable} -c "import json,sys; json.load(sys.stdin)"',
        shell=True, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr


def test_a_closed_pipe_ends_quietly():
    done = subprocess.run(
        f"{sys.executable} -m bargaining sweep russia_belarus --points 20000 | head -1",
        shell=True, capture_output=True, text=True,
    )
    assert done.stdout.startswith("point,R,")
    assert done.stderr == ""


def test_a_subcommands_error_points_to_its_own_usage(capsys):
    code, _, err = run(capsys, "thresholds", "russia_belarus", "--bogus")
    assert code == 2
    assert "unrecognized arguments: --bogus" in err and "bargaining thresholds --help" in err


def test_a_model_without_parameters_says_so(capsys):
    code, _, err = run(capsys, "thresholds", "examples/prisoners_dilemma")
    assert code == 2
    assert "has no parameters" in err and "unknown parameter" not in err


def test_ranges_default_to_the_parameters_declared_range(capsys):
    low, high = bg.load_model("russia_belarus").parameters["R"].range
    _, out, _ = run(capsys, "sweep", "russia_belarus", "--points", "2", "--format", "json")
    data = json.loads(out)
    assert (data["from"], data["to"]) == (float(low), float(high))


def test_uncertainty_repeats_without_a_seed(capsys):
    args = ("uncertainty", "russia_belarus", "--samples", "40", "--points", "3", "--format", "json")
    first, second = run(capsys, *args)[1], run(capsys, *args)[1]
    assert first == second and json.loads(first)["seed"] == 1


def test_solve_reads_a_gambit_nfg_file(tmp_path, capsys):
    path = tmp_path / "pennies.nfg"
    path.write_text(bg.Game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]).to_nfg(title="pennies"))
    code, out, _ = run(capsys, "solve", str(path), "--format", "json")
    assert code == 0
    (eq,) = json.loads(out)["nash_equilibria"]
    assert eq["strategies"]["Player 1"]["s1"] == {"exact": "1/2", "decimal": 0.5}


def test_cli_solution_names_are_the_python_names():
    from bargaining.cli.cmd_bargain import SOLUTION_CHOICES

    assert set(bg.SOLUTIONS) | {"variable-threat"} <= set(SOLUTION_CHOICES)


def test_warnings_are_one_tidy_line(capsys):
    code, _, err = run(capsys, "solve", "russia_belarus", "--set", "R=5")
    assert code == 0
    assert err.count("\n") == 1 and err.startswith("bargaining: warning: ") and "warnings.warn" not in err


def test_plot_writes_svg_or_names_the_suffixes(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    code, _, _ = run(capsys, "plot", "russia_belarus", "--out", str(tmp_path / "f.svg"), "--points", "21")
    assert code == 0 and (tmp_path / "f.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    code, _, err = run(capsys, "plot", "russia_belarus", "--out", str(tmp_path / "f.jpg"))
    assert code == 2 and ".svg" in err


def test_exact_numbers_stay_exact_in_csv(capsys):
    _, out, _ = run(capsys, "solve", "russia_belarus", "--scenario", "2015", "--format", "csv")
    (row,) = list(csv.DictReader(io.StringIO(out)))
    # the 2015 mix, hand-derived in the README: Subsidize 3/5, Align 3/4
    assert Fraction(row["Russia: Subsidize"]) == Fraction(3, 5) and row["Belarus: Align"] == "3/4"
