"""Tests of bargaining.paper.figures and the ``bargaining plot`` command."""

import sys

import numpy as np
import pytest

import bargaining as bg
from bargaining.cli import main
from bargaining.errors import BargainingError

pytest.importorskip("matplotlib")

from bargaining.paper.figures import bifurcation, regime_probability, save_figure  # noqa: E402


@pytest.fixture(scope="module")
def belarus_figure():
    return bifurcation(bg.load_model("russia_belarus"), points=81)


def _legend_texts(fig):
    return [t.get_text().replace("\n   ", " ") for legend in fig.legends for t in legend.get_texts()]


def _vertical_lines(ax):
    out = set()
    for line in ax.get_lines():
        x = np.asarray(line.get_xdata(), dtype=float)
        if len(x) == 2 and x[0] == x[1]:
            out.add(round(float(x[0]), 9))
    return out


def test_bifurcation_axes_labels_and_branches(belarus_figure):
    fig = belarus_figure
    assert [ax.get_ylabel() for ax in fig.axes[:2]] == ["P(Russia: Subsidize)", "P(Belarus: Align)"]
    assert fig.axes[2].get_xlabel().startswith("R")
    labels = _legend_texts(fig)
    # branches and regimes are named by the one namer (bargaining.games.notation), with the players' names
    for branch in ("Russia: Cut · Belarus: Hedge", "Russia: Subsidize · Belarus: Align",
                   "Russia: Subsidize/Cut · Belarus: Align/Hedge"):
        assert branch in labels
    assert "0.6–0.8: Russia: Subsidize/Cut · Belarus: Align/Hedge" in labels  # a shaded regime


def test_no_branch_looks_like_a_scenario_marker(belarus_figure):
    # scenarios are red dotted verticals; no equilibrium branch is drawn dotted or red
    from matplotlib.colors import to_hex

    for ax in belarus_figure.axes[:2]:
        for line in ax.get_lines():
            x = np.asarray(line.get_xdata(), dtype=float)
            if len(x) == 2 and x[0] == x[1]:
                continue  # a marker, not a branch
            assert line.get_linestyle() != ":" and to_hex(line.get_color()) != "#d62728", line.get_label()


def test_every_strategy_of_a_larger_player_has_a_panel():
    fig = bifurcation(bg.load_model("russia_armenia"), points=61)
    ylabels = [ax.get_ylabel().replace("\n", " ") for ax in fig.axes]
    assert ylabels[:4] == ["P(Russia: Concede)", "P(Armenia: StatusQuo)", "P(Armenia: Demand-CarryOut)",
                           "P(Armenia: Demand-BackDown)"]
    # Armenia's three probabilities add up to one on every branch
    for k in range(len(fig.axes[1].get_lines())):
        ys = [np.asarray(fig.axes[i].get_lines()[k].get_ydata(), dtype=float) for i in (1, 2, 3)]
        total = ys[0] + ys[1] + ys[2]
        finite = np.isfinite(total)
        if finite.any() and len(ys[0]) > 2:
            np.testing.assert_allclose(total[finite], 1.0, atol=1e-9)


def test_long_legend_entries_go_to_a_numbered_key():
    fig = bifurcation(bg.load_model("russia_armenia"), points=61)
    labels = _legend_texts(fig)
    numbered = [t for t in labels if t.endswith("]")]
    raw_lines = [line for legend in fig.legends for t in legend.get_texts() for line in t.get_text().split("\n")]
    assert numbered and all(len(line) <= 40 for line in raw_lines)  # at most two short lines an entry
    key = "\n".join(t.get_text() for t in fig.texts)
    assert "[1] Russia: Refuse · Armenia: StatusQuo | Russia also Concede to" in key.replace("\n   ", " ")


def test_bifurcation_mixed_branch_follows_modeling(belarus_figure):
    """MODELING.md: on 0.6 < R < 0.8 Russia subsidises with 0.6 and Belarus aligns with 1 - (0.8 - R)/0.2."""
    top, bottom = belarus_figure.axes[:2]
    mixed_top = next(line for line in top.get_lines() if "/" in line.get_label())
    mixed_bottom = next(line for line in bottom.get_lines() if "/" in line.get_label())
    x = np.asarray(mixed_top.get_xdata(), dtype=float)
    inside = (x > 0.61) & (x < 0.79)
    assert inside.sum() > 5
    np.testing.assert_allclose(np.asarray(mixed_top.get_ydata())[inside], 0.6, atol=1e-9)
    np.testing.assert_allclose(np.asarray(mixed_bottom.get_ydata())[inside], 1 - (0.8 - x[inside]) / 0.2, atol=1e-9)
    assert np.isnan(np.asarray(mixed_top.get_ydata())[x > 0.81]).all()


def test_bifurcation_marks_thresholds_and_scenarios(belarus_figure):
    fig = belarus_figure
    lines = _vertical_lines(fig.axes[0])
    assert {0.6, 0.8} <= lines  # thresholds
    assert {0.5, 0.7, 0.75, 1.0} <= lines  # scenarios
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "R* = 0.6" in texts and "R* = 0.8" in texts
    top_axis = [child for child in fig.axes[0].get_children() if type(child).__name__ == "SecondaryAxis"][0]
    assert [t.get_text() for t in top_axis.get_xticklabels()] == ["stress", "2016", "2015", "2013"]


def test_bifurcation_armenia_shows_the_spe_path():
    fig = bifurcation(bg.load_model("russia_armenia"), points=61)
    strip = next(ax for ax in fig.axes if ax.get_ylabel() == "SPE path")
    words = [t.get_text().replace("\n", " ") for t in strip.texts]
    assert "Demand→ Concede" in words and "StatusQuo" in words
    assert {0.4, 0.55, 0.85} <= _vertical_lines(fig.axes[0])


def test_regime_probability_figure():
    res = bg.uncertainty(bg.load_model("russia_belarus"), R=np.linspace(0.3, 1.3, 11), samples=100, seed=2)
    fig = regime_probability(res, title="Belarus")
    ax = fig.axes[0]
    assert ax.get_ylabel() == "share of the plausible box" and ax.get_xlabel() == "R"
    assert len(ax.collections) == res.probabilities.shape[1]  # one stacked area per regime
    legend = [t.get_text().replace("\n   ", " ") for t in ax.get_legend().get_texts()]
    # each regime by its name, or by a number spelled out in the key below
    key = " ".join(t.get_text().replace("\n   ", " ") for t in fig.texts)
    for name in res.probabilities.columns:
        assert name in legend or f"] {name}" in key, name
    assert fig._suptitle.get_text() == "Belarus"


def test_save_figure_is_byte_identical_and_atomic(tmp_path, belarus_figure):
    first = save_figure(belarus_figure, tmp_path / "a" / "fig.png")
    second = save_figure(belarus_figure, tmp_path / "b" / "fig.png")
    assert [p.suffix for p in first] == [".png", ".pdf"]
    for p, q in zip(first, second):
        assert p.read_bytes() == q.read_bytes()
    png, pdf = (p.read_bytes() for p in first)
    assert png.startswith(b"\x89PNG") and b"Software" not in png
    assert pdf.startswith(b"%PDF") and b"CreationDate" not in pdf
    assert sorted(f.name for f in (tmp_path / "a").iterdir()) == ["fig.pdf", "fig.png"]  # no temp file left
    with pytest.raises(BargainingError):
        save_figure(belarus_figure, tmp_path / "c.png", formats=("bmp",))


def test_missing_matplotlib_gives_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(BargainingError, match="plot extra"):
        bifurcation(bg.load_model("russia_belarus"), points=5)


def test_cli_plot(tmp_path, capsys):
    out = tmp_path / "fig.png"
    assert main(["plot", "russia_belarus", "--out", str(out), "--points", "41"]) == 0
    assert out.exists() and out.with_suffix(".pdf").exists()
    assert "wrote" in capsys.readouterr().out
    out2 = tmp_path / "unc.png"
    assert main(["plot", "russia_belarus", "--kind", "uncertainty", "--samples", "50", "--points", "9",
                 "--out", str(out2)]) == 0
    assert out2.exists()
    assert main(["plot", "russia_belarus", "--out", str(out), "--from", "1", "--to", "0.5"]) == 2
