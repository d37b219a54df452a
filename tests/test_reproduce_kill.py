"""A killed ``reproduce`` (issue 17): the results folder is complete, the previous one, or absent.

``reproduce`` writes into a hidden sibling folder renamed into place at the
end (:mod:`bargaining.paper.staging`). Here real runs are killed with SIGKILL
(no clean-up possible) and SIGINT (Ctrl-C) at several moments, into a fresh
folder and into one holding an earlier run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bargaining.errors import BargainingError
from bargaining.paper.staging import check_target, clean_stale, is_complete, staged_folder

COMMAND = [sys.executable, "-c", "import sys; from bargaining.cli import main; sys.exit(main(sys.argv[1:]))"]
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")


def _run_and_kill(out: Path, signum: int, seconds: float, until: str | None = None) -> int | None:
    """Start ``reproduce --out out``; signal it after ``seconds``, or once a file matches ``until``."""
    proc = subprocess.Popen([*COMMAND, "reproduce", "--out", str(out), "--quiet"], cwd=out.parent,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if until is not None:
        deadline = time.monotonic() + 300
        while not list(out.parent.glob(until)) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        seconds = 0.01
    try:
        proc.wait(timeout=seconds)
        return proc.returncode  # finished before the signal: must then be complete
    except subprocess.TimeoutExpired:
        proc.send_signal(signum)
        return proc.wait(timeout=120)


def _previous_run(out: Path) -> dict:
    """A stand-in for an earlier complete run: a manifest listing one file."""
    (out / "tables").mkdir(parents=True)
    (out / "tables" / "T1.csv").write_text("a\n1\n", encoding="utf-8")
    (out / "manifest.json").write_text(json.dumps({"package": {"name": "bargaining"},
                                                   "files": {"tables/T1.csv": "x"}}), encoding="utf-8")
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.mark.parametrize("seconds", [2, 5, 10])
def test_sigkill_into_a_fresh_folder_leaves_no_folder(tmp_path, seconds):
    out = tmp_path / "results"
    code = _run_and_kill(out, signal.SIGKILL, seconds)
    assert (not out.exists()) or (code == 0 and is_complete(out))
    clean_stale(out)  # what the next run does first
    assert [p.name for p in tmp_path.iterdir()] in ([], ["results"])


def test_sigkill_into_an_earlier_run_keeps_it_intact(tmp_path):
    out = tmp_path / "results"
    before = _previous_run(out)
    _run_and_kill(out, signal.SIGKILL, 0, until=".results.building-*/tables/*.csv")  # killed mid-write
    after = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert clean_stale(out)  # the killed run's hidden folder is removed
    assert [p.name for p in tmp_path.iterdir()] == ["results"]


def test_sigint_cleans_up_on_the_way_out(tmp_path):
    out = tmp_path / "results"
    code = _run_and_kill(out, signal.SIGINT, 5)
    if code != 0:
        assert not out.exists()
        assert list(tmp_path.iterdir()) == []  # no hidden half-built folder either


def test_killed_between_the_two_renames_the_old_folder_comes_back(tmp_path):
    out = tmp_path / "results"
    old = tmp_path / ".results.old-999999999-x"  # no such process
    _previous_run(old)
    assert clean_stale(out) == [old]
    assert is_complete(out) and not old.exists()


def test_a_living_run_is_left_alone(tmp_path):
    living = tmp_path / f".results.building-{os.getppid()}-x"
    living.mkdir()
    assert clean_stale(tmp_path / "results") == [] and living.exists()


def test_a_block_that_fails_replaces_nothing(tmp_path):
    out = tmp_path / "results"
    before = _previous_run(out)
    with pytest.raises(RuntimeError), staged_folder(out) as folder:
        (folder / "half.csv").write_text("x", encoding="utf-8")
        raise RuntimeError("stop")
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["results"]
    with pytest.raises(BargainingError, match="without writing manifest.json"), staged_folder(out):
        pass


@pytest.mark.parametrize("target", ["", "   ", "/", ".", "..", "{file}", "{other}", "{link}"])
def test_unsafe_targets_are_refused(target, tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    (work / "notes.txt").write_text("mine", encoding="utf-8")
    other = work / "other"
    other.mkdir()
    (other / "thesis.tex").write_text("mine", encoding="utf-8")
    (work / "link").symlink_to(other)
    monkeypatch.chdir(work)
    path = target.format(file=work / "notes.txt", other=other, link=work / "link")
    with pytest.raises(BargainingError):
        check_target(path)
    assert (other / "thesis.tex").read_text(encoding="utf-8") == "mine"


def test_cli_refuses_an_empty_out_in_one_line(tmp_path, capsys, monkeypatch):
    from bargaining.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["reproduce", "--out", ""]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["bargaining: error: --out: empty folder name"]
    assert list(tmp_path.iterdir()) == []
    assert time.time()  # nothing was computed: the refusal comes before the first table
