"""Sweeps agree with bargaining.games.equilibria point by point; broadcasting; CLI CSV."""

from __future__ import annotations

import csv

import numpy as np
import pytest

import bargaining as bg
from bargaining.cli import main


def _same(table, model, point_values):
    """Every sweep row at one point matches an equilibrium found directly, and vice versa."""
    game = model.game(**{k: str(v) for k, v in point_values.items()})
    direct = bg.equilibria(game)
    mask = np.ones(len(table), dtype=bool)
    for name, value in point_values.items():
        mask &= np.isclose(table[name].to_numpy(), value, rtol=0, atol=1e-12)
    rows = table[mask]
    assert len(rows) == len(direct)
    names = [f"{p}:{s}" for p, strategies in zip(game.players, game.strategies) for s in strategies]
    swept = sorted(tuple(np.round(r, 9)) for r in rows[names].to_numpy())
    found = sorted(tuple(np.round(np.concatenate(e.as_float()), 9)) for e in direct)
    assert swept == found
    for e, (_, r) in zip(sorted(direct, key=lambda e: tuple(np.concatenate(e.as_float()))),
                         rows.assign(key=[tuple(v) for v in rows[names].to_numpy()]).sort_values("key").iterrows()):
        assert r[f"payoff:{game.players[0]}"] == pytest.approx(float(e.payoffs[0]), abs=1e-9)
        assert r["pure"] == e.is_pure


@pytest.mark.parametrize("name", ["russia_belarus", "russia_china"])
def test_agrees_with_equilibria(name):
    model = bg.load_model(name)
    R = np.round(np.linspace(0.2, 1.5, 131), 12)
    table = bg.sweep(model, R=R)
    assert set(table.point) == set(range(131))
    for k in (0, 40, 47, 55, 60, 62, 80, 130):  # includes R = 0.6 and 0.8 (degenerate for Belarus)
        _same(table, model, {"R": R[k]})


def test_degenerate_points_flagged():
    table = bg.sweep(bg.load_model("russia_belarus"), R=np.array([0.6, 0.7, 0.8]))
    assert table.groupby("point").degenerate.first().tolist() == [True, False, True]
    assert not table[table.point == 1].pure.iloc[0]


def test_armenia_few_points():
    model = bg.load_model("russia_armenia")
    table = bg.sweep(model, R=np.array([0.3, 0.5, 0.75, 1.0]))
    assert table.degenerate.all()  # the StatusQuo column ties
    for R in (0.3, 0.75):
        _same(table, model, {"R": R})


def test_broadcasting_grid_and_pairs():
    model = bg.load_model("russia_china")
    grid = bg.sweep(model, R=np.array([0.5, 0.75, 1.0])[:, None], k_C=np.array([0.3, 0.35])[None, :])
    assert grid.point.nunique() == 6 and set(grid.k_C) == {0.3, 0.35}
    _same(grid, model, {"R": 0.75, "k_C": 0.35})
    pairs = bg.sweep(model, R=[0.5, 1.0], k_C=[0.3, 0.35])
    assert pairs.point.nunique() == 2
    assert list(pairs.columns[:4]) == ["point", "R", "k_C", "equilibrium"]
    assert {"Russia:Conjoin", "China:Bilateral", "payoff:Russia", "payoff:China", "pure", "degenerate"} <= set(pairs)


def test_errors():
    model = bg.load_model("russia_china")
    with pytest.raises(bg.BargainingError):
        bg.sweep(model, nope=[1.0])
    with pytest.raises(bg.BargainingError):
        bg.sweep(model, R=[0.5, 0.6], k_C=[0.3, 0.35, 0.4])
    with pytest.raises(bg.BargainingError):
        bg.sweep(model)


def test_cli(tmp_path, capsys):
    out = tmp_path / "sweep.csv"
    argv = ["sweep", "russia_belarus", "--param", "R", "--from", "0.2", "--to", "1.5", "--points", "1301",
            "--set", "w=1.3", "--out", str(out)]
    assert main(argv) == 0
    assert "1301 points" in capsys.readouterr().out
    rows = list(csv.DictReader(out.open()))
    assert len({r["point"] for r in rows}) == 1301
    assert list(rows[0])[:4] == ["point", "R", "w", "equilibrium"]
    # With w = 1.3, R1 = κs/w = 10/13: Russia subsidises an aligned Belarus just above it.
    above = [r for r in rows if abs(float(r["R"]) - 0.77) < 1e-9]
    assert above[0]["Russia:Subsidize"] == "1" and above[0]["Belarus:Align"] == "1"
    assert [p.name for p in tmp_path.iterdir()] == ["sweep.csv"]  # no temporary left behind
    assert main(["sweep", "russia_belarus", "--from", "0.5", "--to", "1", "--points", "0"]) == 2
