"""Tests of the documentation: it builds with warnings as errors, covers the API, quotes true tables."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

import bargaining
from bargaining.output import to_markdown
from bargaining.paper.reproduce import table_blocks
from bargaining.paper.tables import TABLES

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    pytest.importorskip("sphinx")
    pytest.importorskip("myst_parser")
    pytest.importorskip("numpydoc")
    out = tmp_path_factory.mktemp("html")
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", str(DOCS), str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return out


def test_docs_build_without_warnings(built):
    for page in ("index", "tutorial", "reference", "discussion", "paper", "model-files", "howto/own-model"):
        assert (built / f"{page}.html").is_file(), page


def test_reference_documents_every_public_name(built):
    html = (built / "reference.html").read_text(encoding="utf-8")
    documented = set(re.findall(r'id="bargaining\.([A-Za-z_][A-Za-z0-9_]*)"', html))
    missing = sorted(set(bargaining.__all__) - documented)
    assert not missing, f"add these to docs/reference.md: {missing}"


def public_members(cls) -> set[str]:
    """The public methods and properties a class of the package defines (not those of object, tuple, ...)."""
    found = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("bargaining"):
            continue
        for name, value in vars(klass).items():
            if not name.startswith("_") and (
                isinstance(value, (staticmethod, classmethod, property)) or inspect.isfunction(value)
            ):
                found.add(name)
    return found


def missing_members(html: str) -> list[str]:
    """``Class.member`` for every public method or property of a public class that ``html`` lacks."""
    documented = set(re.findall(r'id="bargaining\.([A-Za-z_][A-Za-z0-9_.]*)"', html))
    missing = []
    for name in bargaining.__all__:
        obj = getattr(bargaining, name)
        if inspect.isclass(obj):
            missing += [f"{name}.{m}" for m in sorted(public_members(obj)) if f"{name}.{m}" not in documented]
    return missing


def test_reference_documents_every_public_method_and_property(built):
    html = (built / "reference.html").read_text(encoding="utf-8")
    for must in ("Model.game", "Model.values", "Game.to_nfg", "Game.from_nfg"):
        assert f'id="bargaining.{must}"' in html, must
    missing = missing_members(html)
    assert not missing, f"give these a docstring and a ``:members:`` in docs/reference.md: {missing}"


def test_the_member_guard_notices_a_missing_method(built):
    # the guard above can fail: take Model.game and Game.to_nfg out of the built page
    html = (built / "reference.html").read_text(encoding="utf-8")
    cut = html.replace('id="bargaining.Model.game"', "").replace('id="bargaining.Game.to_nfg"', "")
    assert missing_members(cut) == ["Game.to_nfg", "Model.game"]


def test_every_page_is_in_a_toctree(built):
    for page in DOCS.rglob("*.md"):
        name = page.relative_to(DOCS).with_suffix(".html")
        assert (built / name).is_file(), f"{page} was not built"


def test_paper_quotes_the_tables_exactly():
    text = (DOCS / "paper.md").read_text(encoding="utf-8")
    blocks = table_blocks(text)
    names = [name for name, _ in blocks]
    assert {"T3_equilibria", "T4_thresholds", "T7_claims"} <= set(names)
    for name, content in blocks:
        expected = to_markdown(TABLES[name][0]())
        assert content == expected, (
            f"docs/paper.md's {name} is stale: run python -m bargaining.paper.reproduce --sync docs/paper.md"
        )


def test_paper_states_the_limits_of_the_models():
    text = (DOCS / "paper.md").read_text(encoding="utf-8").lower()
    for phrase in ("not reproduced", "karabakh", "incomplete information", "coupled budget", "later work"):
        assert phrase in text
