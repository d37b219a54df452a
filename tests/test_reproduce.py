"""Tests of bargaining.paper.reproduce and ``bargaining reproduce``: complete, atomic, byte-identical."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bargaining import output
from bargaining.paper.reproduce import MANIFEST, figures, reproduce
from bargaining.paper.settings import MODELS
from bargaining.paper.tables import TABLES

pytest.importorskip("matplotlib")
pytest.importorskip("SALib")

COMMAND = [sys.executable, "-c", "import sys; from bargaining.cli import main; sys.exit(main(sys.argv[1:]))"]


def _files(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    out = tmp_path_factory.mktemp("first")
    lines = []
    report = reproduce(out, progress=lines.append)
    return out, report, lines


def _read_csv(path: Path) -> list:
    with open(path, newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def test_every_table_and_figure_is_written_and_listed(first):
    out, report, lines = first
    files = _files(out)
    for name in TABLES:
        for suffix in ("csv", "md", "tex"):
            assert f"tables/{name}.{suffix}" in files
    drawn = [f for f in files if f.startswith("figures/")]
    assert len(drawn) == 2 * len(figures()) and {Path(f).suffix for f in drawn} == {".png", ".pdf"}
    assert all(files[f][:4] == b"\x89PNG" for f in drawn if f.endswith(".png"))
    assert all(files[f][:5] == b"%PDF-" for f in drawn if f.endswith(".pdf"))
    manifest = json.loads(files[MANIFEST])
    assert set(manifest["files"]) == set(files) - {MANIFEST}
    for name, digest in manifest["files"].items():
        assert output.sha256_of(out / name) == digest
    explorers = [f for f in files if f.startswith("explore/")]
    assert sorted(explorers) == [f"explore/{name}.html" for name in sorted(MODELS)]
    assert "index.html" in files
    index = files["index.html"].decode("utf-8")
    assert all(f'href="{page}"' in index for page in explorers)
    assert all(f'src="{f}"' in index for f in drawn if f.endswith(".png"))
    assert all(f'id="{name}"' in index for name in TABLES)
    assert len(lines) == len(TABLES) + len(figures()) + len(MODELS)
    assert report.files[-1] == MANIFEST and sorted(report.files[:-1]) == sorted(manifest["files"])


def test_manifest_records_versions_parameters_scenarios_and_seeds(first):
    out = first[0]
    text = (out / MANIFEST).read_text()
    manifest = json.loads(text)
    assert text == json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert manifest["package"]["name"] == "bargaining"
    assert {"numpy", "sympy", "pandas", "nashpy"} <= set(manifest["dependencies"])
    belarus = manifest["models"]["russia_belarus"]
    assert belarus["parameters"]["kappa"]["value"] == "1" and belarus["scenarios"]["2015"] == {"R": "3/4"}
    assert isinstance(manifest["settings"]["uncertainty_seed"], int)
    assert "20" not in "".join(k for k in manifest if "time" in k or "date" in k)


def test_t3_read_back_holds_modeling_numbers(first):
    rows = _read_csv(first[0] / "tables" / "T3_equilibria.csv")

    def at(model, scenario):
        return [r for r in rows if r["model"] == model and r["scenario"] == scenario]

    (b15,) = at("russia_belarus", "2015")
    assert (b15["Russia"], b15["partner"]) == ("Subsidize 3/5, Cut 2/5", "Align 3/4, Hedge 1/4")
    assert b15["subgame-perfect path"] == "Belarus: Hedge → Russia: Subsidize"
    assert [r["Russia"] for r in at("russia_belarus", "stress")] == ["Cut"]
    assert "Concede 9/19, Refuse 10/19" in {r["Russia"] for r in at("russia_armenia", "2013")}
    assert "Concede 7/17, Refuse 10/17" in {r["Russia"] for r in at("russia_armenia", "2015")}
    assert {r["subgame-perfect path"] for r in at("russia_armenia", "2015")} == {"Armenia: Demand → Russia: Concede"}
    china = at("russia_china", "2015")  # alpha = 1/4: Conjoin dominant, China multilateral above 11/16
    assert [(r["Russia"], r["partner"], r["risk dominant"]) for r in china] == [("Conjoin", "Multilateral", "unique")]


def test_t4_read_back_holds_modeling_numbers(first):
    rows = [r for r in _read_csv(first[0] / "tables" / "T4_thresholds.csv") if r["kind"] == "Nash"]
    by_model = {}
    for r in rows:
        by_model.setdefault(r["model"], []).append((r["exact"], float(r["value"])))
    assert [e for e, _ in by_model["russia_belarus"]] == ["3/5", "4/5"]
    assert [e for e, _ in by_model["russia_armenia"]] == ["2/5", "11/20", "17/20"]
    assert by_model["russia_china"] == [("11/16", 0.6875)]


def test_second_run_in_a_fresh_process_is_byte_identical(first, tmp_path):
    out = tmp_path / "second"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run([*COMMAND, "reproduce", "--out", str(out), "--quiet"], capture_output=True, text=True,
                          env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {3 * len(TABLES) + 2 * len(figures()) + len(MODELS) + 2} files")
    assert _files(out) == _files(first[0])


def test_terminated_run_leaves_no_folder_and_no_stray_files(tmp_path):
    out = tmp_path / "killed"
    proc = subprocess.Popen([*COMMAND, "reproduce", "--out", str(out), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not list(tmp_path.glob(".killed.building-*/tables/T3_equilibria.tex")) and time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be stopped"
    proc.terminate()
    proc.wait(timeout=60)
    assert not out.exists()  # the tables written so far were in a hidden sibling, removed on the way out
    assert list(tmp_path.iterdir()) == []


def test_readme_figure_is_the_one_reproduce_writes(first):
    """README.md shows docs/_static/F1_bifurcation_russia_belarus.png: it must not drift."""
    out, _, _ = first
    root = Path(__file__).resolve().parents[1]
    assert "docs/_static/F1_bifurcation_russia_belarus.png" in (root / "README.md").read_text(encoding="utf-8")
    shown = (root / "docs" / "_static" / "F1_bifurcation_russia_belarus.png").read_bytes()
    assert shown == (out / "figures" / "F1_bifurcation_russia_belarus.png").read_bytes()


def test_every_figure_the_docs_show_is_the_one_reproduce_writes(first):
    """docs/*.md show figures from docs/_static/: refresh them with ``cp results/figures/*.png docs/_static/``."""
    out, _, _ = first
    docs = Path(__file__).resolve().parents[1] / "docs"
    shown = set()
    for page in docs.rglob("*.md"):
        # the paper's figures (F1_..., F2_...); other pictures in _static are not made by reproduce
        shown.update(re.findall(r"_static/(F\d_[\w-]+\.png)", page.read_text(encoding="utf-8")))
    assert {f"F1_bifurcation_{m}.png" for m in ("russia_belarus", "russia_armenia", "russia_china")} <= shown
    for name in sorted(shown):
        assert (docs / "_static" / name).read_bytes() == (out / "figures" / name).read_bytes(), (
            f"docs/_static/{name} is stale: bargaining reproduce --out results && cp results/figures/*.png docs/_static/"
        )


def test_readme_table_head_is_what_reproduce_writes(first):
    """The README quotes the first lines of T4_thresholds.md: they must be the generated ones."""
    out, _, _ = first
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    quoted = [line for line in readme.splitlines() if line.startswith("|")]
    generated = (out / "tables" / "T4_thresholds.md").read_text(encoding="utf-8").splitlines()
    assert len(quoted) >= 3
    assert quoted == generated[: len(quoted)]


def test_sync_command_refreshes_a_stale_quoted_table(tmp_path, capsys):
    from bargaining.errors import BargainingError
    from bargaining.paper.reproduce import _main, sync_document

    document = tmp_path / "note.md"
    document.write_text("Before.\n\n<!-- table: T2_payoffs -->\n| stale |\n<!-- end table -->\n\nAfter.\n", encoding="utf-8")
    assert _main(["--sync", str(document)]) == 0
    assert "updated: ['T2_payoffs']" in capsys.readouterr().out
    text = document.read_text(encoding="utf-8")
    assert "| stale |" not in text and "κ*s/R" in text and text.endswith("After.\n")
    assert sync_document(document) == []  # now current
    with pytest.raises(SystemExit):
        _main([])  # --sync is required: no output folder named "--help" or anything else
    document.write_text("<!-- table: T99_nothing -->\n|x|\n<!-- end table -->\n", encoding="utf-8")
    with pytest.raises(BargainingError, match="unknown table 'T99_nothing'"):
        sync_document(document)
