"""Hostile command lines (issue 17): one line on stderr and exit 2, or a bounded answer; never a traceback.

The cases are data in ``tests/hostile_cli.py``; here they run in-process through
:func:`bargaining.cli.main`, and a few in a subprocess.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hostile_cli import CASES, write_models

from bargaining.cli import main


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return write_models(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize(("argv", "expected"), [(a, e) for _, a, e in CASES], ids=[c[0] for c in CASES])
def test_hostile_command_line(argv, expected, folder, capsys, monkeypatch):
    monkeypatch.chdir(folder)
    code = main([a.replace("{dir}", str(folder)) for a in argv])
    err = capsys.readouterr().err
    assert code == expected, err
    assert "Traceback" not in err
    if expected == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("bargaining: error: "), err
        assert "internal error" not in err


@pytest.mark.parametrize("name", ["set-1000-digit-denominator", "uncertainty-seed-negative", "unknown-option"])
def test_hostile_command_line_in_a_process(name, folder):
    argv = next(a for n, a, _ in CASES if n == name)
    done = subprocess.run([sys.executable, "-m", "bargaining", *argv], capture_output=True, text=True,
                          cwd=folder, timeout=120)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
