"""The command line's front door: --version, --help, and errors without tracebacks."""

import subprocess
import sys

import pytest

import bargaining as bg
from bargaining.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"bargaining {bg.__version__}"


def test_help_lists_subcommands(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    assert "solve" in capsys.readouterr().out


def test_no_command_prints_help_and_fails(capsys):
    assert main([]) == 2
    assert "usage: bargaining" in capsys.readouterr().out


def test_module_entry_point_reports_bad_input_in_one_line(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("this is [not toml", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "bargaining", "solve", str(broken)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken.toml" in lines[0]


def test_missing_file_is_one_line(tmp_path, capsys):
    assert main(["solve", str(tmp_path / "nowhere.toml")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nowhere.toml" in err[0]
