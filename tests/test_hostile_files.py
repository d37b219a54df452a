"""Hostile inputs that are not model text (issue 17): FIFOs, devices, big files, complex payoffs."""

from __future__ import annotations

import os
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest

import bargaining as bg
from bargaining import GameError, ModelError, load_model
from bargaining.modelling.schema import MAX_FILE_BYTES
from bargaining.output import read_regular_file


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "model.toml"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "bargaining", "show", str(fifo)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == f"bargaining: error: {fifo}: not a regular file (a device, FIFO or socket)"


def test_a_device_is_refused_before_reading():
    with pytest.raises(ModelError, match="not a regular file"):
        load_model("/dev/zero")


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(ModelError, match="is a directory"):
        load_model(tmp_path)


def test_size_is_checked_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.toml"
    with open(big, "wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: no time, no disk
    reads = []
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or b"")
    with pytest.raises(ModelError, match=f"larger than {MAX_FILE_BYTES} bytes"):
        load_model(big)
    assert reads == []


def test_a_file_at_the_limit_is_read_whole(tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(b"a" * 1000)
    assert read_regular_file(path, 1000) == b"a" * 1000
    with pytest.raises(ModelError, match="larger than 999 bytes"):
        read_regular_file(path, 999)
    with pytest.raises(TypeError):
        read_regular_file(path, 1000, error=ValueError)


@pytest.mark.parametrize("value", [np.complex64(1 + 2j), np.complex128(1), 1 + 0j, np.array([1j])[0]])
def test_complex_payoffs_are_refused(value):
    with pytest.raises(GameError, match="complex"):
        bg.Game([[value, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(GameError):
        bg.Game(np.array([[value, 0], [0, 1]]), [[1, 0], [0, 1]])


@pytest.mark.parametrize("value", [10**301, -(10**400), 1e308, float("inf")])
def test_payoffs_a_float_cannot_hold_are_refused(value):
    with pytest.raises(GameError):
        bg.Game([[value, 0], [0, 1]], [[1, 0], [0, 1]])


def test_a_model_value_too_large_for_a_float_names_the_cell(tmp_path):
    path = tmp_path / "m.toml"
    path.write_text("""
[players]
row = { name = "Row", strategies = ["U", "D"] }
column = { name = "Col", strategies = ["L", "R"] }
[parameters.R]
value = 1
range = [0, 1e30]
meaning = "m"
source = "s"
[payoffs.U]
L = ["R**100", "1"]
R = ["0", "0"]
[payoffs.D]
L = ["0", "0"]
R = ["1", "1"]
""", encoding="utf-8")
    with pytest.raises(ModelError, match=r"payoffs\.U\.L\[0\]: the value is too large"):
        load_model(path).game(R="1e30")


@pytest.mark.parametrize("value", ["1/" + "9" * 1000, "9" * 1000 + "/7", "1." + "1" * 60])
def test_python_api_refuses_numbers_with_too_many_digits(value):
    with pytest.raises(ModelError, match="digits|too long"):
        load_model("russia_belarus").game(R=value)
    with pytest.raises(ModelError, match="digits"):
        load_model("russia_belarus").game(R=Fraction(value) if "/" in value else value)


def test_python_api_bounds_sweep_and_sample_sizes():
    import numpy as np

    from bargaining.analysis.sweep import MAX_POINTS
    from bargaining.analysis.uncertainty import MAX_SAMPLES

    model = load_model("russia_belarus")
    with pytest.raises(bg.BargainingError, match="more than the limit"):
        bg.sweep(model, R=np.zeros(MAX_POINTS + 1))  # refused before anything is solved
    with pytest.raises(bg.BargainingError, match="finite"):
        bg.sweep(model, R=[0.5, float("inf")])
    for samples in (0, -1, MAX_SAMPLES + 1, 2.5, True):
        with pytest.raises(bg.BargainingError, match="samples must be"):
            bg.uncertainty(model, R=[0.5, 1.0], samples=samples)
