"""Tests of bargaining.output: atomic writes and deterministic table formats."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from fractions import Fraction

import pandas as pd
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining import output


def test_write_atomic_replaces_whole_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "sub" / "f.txt"
    output.write_atomic(target, "first version, long enough\n")
    output.write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["f.txt"]


def test_write_atomic_failure_keeps_old_file(tmp_path, monkeypatch):
    target = tmp_path / "f.txt"
    output.write_atomic(target, "old")

    def broken_replace(src, dst):
        raise OSError("disk on fire")

    monkeypatch.setattr(output.os, "replace", broken_replace)
    with pytest.raises(OSError):
        output.write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_write_atomic_rejects_other_types(tmp_path):
    with pytest.raises(TypeError):
        output.write_atomic(tmp_path / "x", 3)
    assert not (tmp_path / "x").exists()


def test_sha256_matches_hashlib(tmp_path):
    data = os.urandom(200_000)
    path = output.write_atomic(tmp_path / "blob", data)
    assert output.sha256_of(path) == hashlib.sha256(data).hexdigest()


def test_format_value_exact_and_float():
    assert output.format_value(Fraction(31, 38)) == "31/38"
    assert output.format_value(sympy.Rational(11, 16)) == "11/16"
    assert output.format_value(sympy.sqrt(2) / 2) == "sqrt(2)/2"
    assert output.format_value(0.1 + 0.2) == "0.3"
    assert output.format_value(2 / 3, digits=3) == "0.667"
    assert output.format_value(-1e-300 * 1e-300) == "0"
    assert output.format_value(float("nan")) == ""
    assert output.format_value(pd.NA) == ""


SAFE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
CELLS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.integers(-(10**6), 10**6),
    st.fractions(max_denominator=1000),
    SAFE_TEXT,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(CELLS, CELLS), min_size=1, max_size=5))
def test_csv_round_trips_the_formatted_cells(rows):
    df = pd.DataFrame(rows, columns=["a", "b"], dtype=object)
    header, expected = output.format_frame(df)
    text = output.to_csv(df)
    assert list(csv.reader(io.StringIO(text))) == [header] + expected
    assert output.to_csv(df) == text  # deterministic


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(CELLS, CELLS), min_size=1, max_size=5))
def test_markdown_has_one_line_per_row_and_right_column_count(rows):
    df = pd.DataFrame(rows, columns=["a", "b"], dtype=object)
    lines = output.to_markdown(df).splitlines()
    assert len(lines) == len(rows) + 2
    for line in lines:
        unescaped_bars = line.replace("\\\\", "").replace("\\|", "").count("|")
        assert unescaped_bars == 3


def test_latex_is_booktabs_and_escaped():
    df = pd.DataFrame({"thr_R": ["κ·s/w"], "value": [0.8]})
    tex = output.to_latex(df, caption="Thresholds & more")
    assert r"\toprule" in tex and r"\midrule" in tex and r"\bottomrule" in tex
    assert r"thr\_R & value \\" in tex
    assert r"$\kappa$$\cdot$s/w & 0.8 \\" in tex
    assert r"\caption{Thresholds \& more}" in tex
    assert "κ" not in tex


def test_write_table_writes_three_formats_deterministically(tmp_path):
    df = pd.DataFrame({"R": [1.0, 0.75], "p": [Fraction(3, 5), 0.6000000000000001]})
    first = output.write_table(df, tmp_path / "a" / "t")
    second = output.write_table(df, tmp_path / "b" / "t")
    assert list(first) == ["csv", "md", "tex"]
    for fmt in first:
        assert first[fmt].read_bytes() == second[fmt].read_bytes()
    assert first["csv"].read_text() == "R,p\n1,3/5\n0.75,0.6\n"
    with pytest.raises(ValueError, match="unknown format"):
        output.write_table(df, tmp_path / "t", formats=("xls",))


def test_write_json_sorted_and_strict(tmp_path):
    path = output.write_json(tmp_path / "m.json", {"z": 1, "a": {"y": 2, "b": 3}})
    text = path.read_text()
    assert text.index('"a"') < text.index('"z"') and text.index('"b"') < text.index('"y"')
    assert json.loads(text) == {"z": 1, "a": {"y": 2, "b": 3}}
    with pytest.raises(ValueError):
        output.write_json(tmp_path / "bad.json", {"x": float("nan")})
    assert not (tmp_path / "bad.json").exists()
