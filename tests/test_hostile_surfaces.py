"""Security review of this round's new surfaces (issue 17): trees, the explorer page, the report page.

The rules: no evaluation of text, bounded sizes, escaped output. A strategy
named ``<script>alert(1)</script>`` shows as those characters on an explorer
page; a tree cannot make the reduced normal form enumerate 2**20 plans.
"""

from __future__ import annotations

import re

import pytest

import bargaining as bg
from bargaining import GameError, load_model
from bargaining.games.tree_normal_form import MAX_PLANS, reduced_plans

SCRIPT = "<script>alert(1)</script>"

HOSTILE_NAMES = f"""
title = "{SCRIPT} & <b>bold</b>"
description = "</script><img src=x onerror=alert(2)>"
[players]
row = {{ name = "<i>Row</i>", strategies = ["{SCRIPT}", "D"] }}
column = {{ name = "Col\\"'", strategies = ["</script>", "R&amp;"] }}
[parameters.R]
value = 1
range = [0.5, 1.5]
meaning = "</script><script>alert(3)</script>"
source = "<!-- comment -->"
symbol = "<R>"
[payoffs."{SCRIPT}"]
"</script>" = ["R", "1"]
"R&amp;" = ["0", "0"]
[payoffs.D]
"</script>" = ["1/2", "0"]
"R&amp;" = ["1", "1"]
"""


@pytest.fixture
def hostile_model(tmp_path):
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE_NAMES, encoding="utf-8")
    return load_model(path)


def test_explorer_page_shows_a_script_name_as_text(hostile_model, tmp_path):
    pytest.importorskip("SALib")
    from bargaining.paper.explorer import explore

    page = explore(hostile_model, param="R", vary=(), points=5, out=tmp_path / "page.html")
    assert (tmp_path / "page.html").read_text(encoding="utf-8") == page
    assert SCRIPT not in page and "alert(1)</script>" not in page
    assert "<img" not in page and "<i>Row</i>" not in page and "<b>bold</b>" not in page
    # The page's own tags only: every <script ...> opens one of its two elements (data, code).
    assert len(re.findall(r"<script\b", page)) == 2
    assert page.count("</script>") == 2
    # the name travels as escaped JSON and is shown with textContent, never parsed as HTML
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page
    assert "innerHTML" not in page and "document.write" not in page and "eval(" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the title, escaped in the HTML


def test_report_page_escapes_table_cells(tmp_path):
    from bargaining.paper.report import report_page

    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "T0.csv").write_text(f"name\n{SCRIPT}\n", encoding="utf-8")
    page = report_page(tmp_path, {"T0": f"caption {SCRIPT}"}, [], {f"<m>{SCRIPT}": "explore/x.html"})
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_cli_output_escapes_control_characters_from_a_game(capsys):
    from bargaining.cli import escape_controls

    assert escape_controls("a\x1b[2Jb\rc\x07") == "a\\x1b[2Jb\\rc\\x07".replace("\\r", "\\x0d")
    assert escape_controls("line\nnext", one_line=True) == "line\\nnext"
    assert escape_controls("\u202egnp.exe") == "\\u202egnp.exe"


def _fan_tree(branches: int) -> str:
    """A chance node with ``branches`` outcomes, each a separate two-action decision of Row."""
    nodes = ['[[sequential.nodes]]\nid = "root"\nchance = { '
             + ", ".join(f'o{k} = ["1/{branches}", "d{k}"]' for k in range(branches)) + " }"]
    for k in range(branches):
        nodes.append(f'[[sequential.nodes]]\nid = "d{k}"\nplayer = "Row"\nactions = {{ U = "u{k}", D = "x{k}" }}')
        nodes.append(f'[[sequential.nodes]]\nid = "u{k}"\npayoffs = ["1", "0"]')
        nodes.append(f'[[sequential.nodes]]\nid = "x{k}"\npayoffs = ["0", "1"]')
    return """
[players]
row = { name = "Row", strategies = ["U", "D"] }
column = { name = "Col", strategies = ["L"] }
[payoffs.U]
L = ["1", "0"]
[payoffs.D]
L = ["0", "1"]
[sequential]
root = "root"
""" + "\n".join(nodes) + "\n"


def test_reduced_plans_are_counted_before_they_are_built(tmp_path):
    path = tmp_path / "fan.toml"
    path.write_text(_fan_tree(20), encoding="utf-8")  # 2**20 plans for Row
    tree = load_model(path).sequential
    with pytest.raises(GameError, match=f"more than {MAX_PLANS:,} reduced plans"):
        bg.reduced_normal_form(tree)
    path.write_text(_fan_tree(3), encoding="utf-8")
    assert len(reduced_plans(load_model(path).sequential, "Row")) == 8


# ----------------------------------------------------------------- Gambit files
@pytest.mark.parametrize("reader", ["read_nfg", "read_efg"])
def test_gambit_readers_refuse_devices_and_fifos_without_reading(reader, tmp_path):
    import os

    from bargaining.games import efg, gambit

    read = getattr(gambit, reader, None) or getattr(efg, reader)
    with pytest.raises(GameError, match="not a regular file"):
        read("/dev/zero")
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "game.efg"
        os.mkfifo(fifo)
        with pytest.raises(GameError, match="not a regular file"):
            read(fifo)  # would block for ever on a plain open()


@pytest.mark.parametrize("word", ["1e999999999", "1/" + "9" * 200, "9" * 100])
def test_gambit_numbers_that_would_blow_up_are_refused(word):
    from bargaining.games.efg import read_efg
    from bargaining.games.gambit import read_nfg

    with pytest.raises(GameError, match="too long or too large"):
        read_nfg(f'NFG 1 R "g" {{ "A" "B" }} {{ 1 1 }}\n{word} 0')
    with pytest.raises(GameError, match="too long or too large"):
        read_efg(f'EFG 2 R "g" {{ "A" "B" }} "" t "" 1 "o" {{ {word} 0 }}')


def test_gambit_stream_is_read_with_a_bound():
    import io

    from bargaining.games.gambit import MAX_FILE_BYTES, read_nfg

    class Endless(io.RawIOBase):
        def readable(self):
            return True

        def read(self, n=-1):
            assert n != -1, "read whole"
            return b"N" * n

    with pytest.raises(GameError, match="more than"):
        read_nfg(Endless())
    assert MAX_FILE_BYTES >= 1_000_000


# ----------------------------------------------------------------- linked games
def test_linked_game_counts_combined_strategies_before_building_them():
    import numpy as np

    from bargaining.games.linked import MAX_COMBINED, LinkedGame

    dyads = [bg.Game(np.zeros((20, 2)), np.zeros((20, 2)), players=("Hub", f"P{k}")) for k in range(5)]
    with pytest.raises(GameError, match=f"3,200,000 combined strategies, more than the limit {MAX_COMBINED:,}"):
        LinkedGame(dyads)  # 20**5 combinations: refused at once, not enumerated


def test_linked_member_paths_stay_beside_the_linked_file(tmp_path):
    text = """
[linked]
members = ["../../etc/passwd.toml"]
"""
    path = tmp_path / "linked.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(bg.ModelError):
        load_model(path)
