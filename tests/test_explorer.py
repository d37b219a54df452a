"""The explorer page: self-contained, byte-stable, escaped, and equal to the package at every position."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from importlib import resources

import pytest

import bargaining as bg
from bargaining.analysis.sensitivity import regime_words
from bargaining.errors import BargainingError
from bargaining.paper.explorer import default_vary, explore, explorer_data
from bargaining.paper.explorer_page import embed_json


def page_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="explorer-data">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def belarus_page():
    return explore("russia_belarus", vary=("w",), points=27)


def test_the_page_is_self_contained(belarus_page):
    # nothing fetched: no external script, style, image, font or link
    assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', belarus_page)
    assert "@import" not in belarus_page and "url(" not in belarus_page
    assert belarus_page.count("<script") == 2  # the data and the inline script, nothing else


def test_the_page_is_byte_stable(belarus_page):
    assert explore("russia_belarus", vary=("w",), points=27) == belarus_page


def test_every_position_equals_the_package(belarus_page):
    data = page_data(belarus_page)
    model = bg.load_model("russia_belarus")
    r_values = [Fraction(v) for v in data["sliders"][0]["values"]]
    w_values = [Fraction(v) for v in data["sliders"][1]["values"]]
    assert Fraction(3, 5) in r_values and Fraction(4, 5) in r_values  # the thresholds are slider stops
    for i, r in enumerate(r_values):
        for j, w in enumerate(w_values):
            view = data["views"][i * len(w_values) + j]
            game = model.game(R=r, w=w)
            assert view["regime"] == regime_words(game)
            assert [e["text"] for e in view["equilibria"]] == [e.describe() for e in bg.equilibria(game, exact=True)]
            assert view["path"]["text"] == model.subgame_perfect(R=r, w=w).describe()


def test_the_strip_has_the_exact_thresholds_for_each_value_of_the_other_slider(belarus_page):
    data = page_data(belarus_page)
    w_values = [Fraction(v) for v in data["sliders"][1]["values"]]
    for w, strip in zip(w_values, data["strips"]):
        # R1 = κ s / w and R2 = μ κ s / w (MODELING.md), with κ = s = 1, μ = 3/4
        expected = sorted(x for x in (Fraction(1) / w, Fraction(3, 4) / w) if Fraction(1, 5) <= x <= Fraction(3, 2))
        assert [Fraction(t["value"]["exact"]) for t in strip["thresholds"]] == expected


def test_names_are_text_never_markup(tmp_path):
    original = (resources.files("bargaining.models") / "russia_belarus.toml").read_text(encoding="utf-8")
    assert '"Subsidize"' in original
    path = tmp_path / "evil.toml"
    evil = '"<script>alert(1)</script>"'
    text = original.replace('"Subsidize"', evil).replace("[payoffs.Subsidize]", f"[payoffs.{evil}]")
    path.write_text(text.replace("{ Subsidize =", "{ " + evil + " ="), encoding="utf-8")
    page = explore(bg.load_model(str(path)), vary=(), points=6)
    assert "<script>alert(1)</script>" not in page
    assert page_data(page)["rows"][0] == "<script>alert(1)</script>"


def test_embedded_json_cannot_close_its_element():
    text = embed_json({"a": "</script><!--", "b": "\u2028"})
    assert "<" not in text and ">" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!--", "b": "\u2028"}


def test_default_slider_is_the_largest_total_sobol_index():
    # Belarus's thresholds κs/w and μκs/w: w has the widest relative range, κ and μ follow
    assert default_vary(bg.load_model("russia_belarus")) == ("w",)


def test_bad_options_are_refused():
    model = bg.load_model("russia_belarus")
    with pytest.raises(BargainingError, match="unknown parameter"):
        explorer_data(model, param="nope")
    with pytest.raises(BargainingError, match="at most two"):
        explorer_data(model, vary=("w", "mu", "h"))
    with pytest.raises(BargainingError, match="cannot vary"):
        explorer_data(model, vary=("R",))


def test_a_written_page_is_the_returned_page(tmp_path):
    out = tmp_path / "b.html"
    page = explore("russia_china", vary=(), points=8, out=out)
    assert out.read_text(encoding="utf-8") == page
