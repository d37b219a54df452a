"""T8 and F3: Russia's three relationships under one budget (the ``russia_linked`` model).

* :func:`cuts_table` (T8): the order in which Russia's optimal commitment
  spends less on each relationship as R falls from 1.5 to 0.2, the exact
  thresholds, the first year each measured resource index
  (:mod:`bargaining.modelling.series`) lies below them, and how robust the
  order is (the share of parameter draws in which each relationship is the
  first downgraded).
* :func:`linked_scenarios_table` (T8b): at each scenario and each measured
  index's 2015 and 2016 values, the commitment, the partners' replies, the
  hub's value with and without the budget, and the shadow price of the budget.
* :func:`kept_figure` (F3): spending on each relationship against R.
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from functools import cache

import numpy as np
import pandas as pd

from ..analysis.linked_sweep import linked_sweep, linked_thresholds, order_of_cuts, spending
from ..errors import ModelError
from ..games.commitment import optimal_commitment
from ..games.linked import LinkedGame
from ..modelling.model import load_model
from ..modelling.schema import RangeWarning
from ..modelling.series import INDICES, resource_index

__all__ = ["LINKED", "cuts_table", "linked_scenarios_table", "kept_figure", "first_downgraded_shares"]

LINKED = "russia_linked"
DRAWS, SEED = 30, 8
GRID = [Fraction(3, 2), Fraction(5, 4)] + [Fraction(k, 20) for k in range(20, 3, -1)]  # 1.5, 1.25, 1, 0.95, ..., 0.2


def _first_year(series: dict, threshold: float) -> str:
    for year in sorted(series):
        if year >= 2013 and float(series[year]) < threshold:
            return str(year)
    return f"not by {max(series)}"


@cache
def first_downgraded_shares(draws: int = DRAWS, seed: int = SEED) -> dict:
    """Share of parameter draws in which each relationship is the first one Russia spends less on as R falls.

    Every parameter of the linked model (the three models' and the budget and
    link parameters) is drawn uniformly from its plausible range (rounded to
    4 decimals, seeded); along the grid R = 1.5, 1.25, 1, 0.95, …, 0.2 the hub's
    optimal commitment within the budget (for sure, ties in its favour) is found, and
    the first relationship whose spending falls below its level at R = 1.5 is
    recorded (the grid is walked down only until that happens).

    Parameters
    ----------
    draws : int
        Number of parameter draws.
    seed : int
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    dict
        Partner (or ``"none"``) -> share of draws.

    Examples
    --------
    >>> shares = first_downgraded_shares(draws=3, seed=1)
    >>> abs(sum(shares.values()) - 1) < 1e-12
    True
    """
    model = load_model(LINKED)
    rng = np.random.default_rng(seed)
    free = {n: p for n, p in model.parameters.items() if not p.fixed and n != model.resource}
    counts: dict = {}
    for _ in range(draws):
        values = {n: Fraction(str(round(rng.uniform(float(p.range[0]), float(p.range[1])), 4)))
                  for n, p in free.items()}
        first = "none"
        top = None
        for R in GRID:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RangeWarning)
                try:
                    game = model.game(**values, R=R)
                except ModelError:  # a draw whose budget admits no choice at this R ends the walk
                    break
            spend = spending(game, optimal_commitment(game, weak=False))
            if top is None:
                top = spend
                continue
            down = [p for p in game.partners if spend[p] < top[p]]
            if down:
                first = down[0] if len(down) == 1 else " & ".join(down)
                break
        counts[first] = counts.get(first, 0) + 1
    return {k: v / draws for k, v in sorted(counts.items(), key=lambda kv: -kv[1])}


@cache
def _cuts():
    model = load_model(LINKED)
    thresholds = linked_thresholds(model)
    return thresholds, order_of_cuts(model, thresholds=thresholds)


def cuts_table() -> pd.DataFrame:
    """T8: the order of cuts as R falls, exact thresholds, the year under each index, and robustness shares.

    Returns
    -------
    pandas.DataFrame
        One row per relationship, in the order it is first downgraded.

    Examples
    --------
    >>> t8 = cuts_table()
    >>> list(t8["relationship"])
    ['Armenia', 'Belarus', 'China']
    """
    _, order = _cuts()
    shares = first_downgraded_shares()
    rows = []
    for _, row in order.iterrows():
        entry = {
            "rank": int(row["rank"]), "relationship": row["partner"],
            "spending at R = 1.5": row["spend_at_top"],
            "downgraded below R": row["exact_downgrade"] or _float(row["downgraded_below"]),
            "cut below R": row["exact_cut"] or _float(row["cut_below"]),
        }
        for name in INDICES:
            series = resource_index(name)
            entry[f"year ({name})"] = ("" if row["downgraded_below"] != row["downgraded_below"]
                                       else _first_year(series, row["downgraded_below"]))
        entry[f"first downgraded, share of {DRAWS} draws"] = shares.get(row["partner"], 0.0)
        rows.append(entry)
    return pd.DataFrame(rows)


def _float(value) -> str:
    return "" if value != value else f"{value:.6g}"


def _points():
    model = load_model(LINKED)
    for scenario in sorted(model.scenarios):
        yield scenario, Fraction(model.scenarios[scenario]["R"]) if not isinstance(
            model.scenarios[scenario]["R"], Fraction) else model.scenarios[scenario]["R"]
    for name in INDICES:
        series = resource_index(name)
        for year in (2015, 2016):
            if year in series:
                value = series[year]
                R = Fraction(str(round(float(value), 4)))
                yield f"{name} {year}", R


def linked_scenarios_table() -> pd.DataFrame:
    """T8b: commitment, replies, value with and without the budget, and the shadow price, by scenario and index.

    Returns
    -------
    pandas.DataFrame
        One row per scenario (the models' and each measured index in 2015 and 2016).

    Examples
    --------
    >>> t = linked_scenarios_table()
    >>> t.loc[t.scenario == "2013", "shadow price"].item()
    0.0
    """
    model = load_model(LINKED)
    rows = []
    for label, R in _points():
        R = Fraction(R.p, R.q) if hasattr(R, "p") else Fraction(R)
        sweep = linked_sweep(model, [R], shadow=True).iloc[0]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RangeWarning)
            game = model.game(R=R)
        free = optimal_commitment(LinkedGame(game.dyads, costs=game.costs, links=game.links))
        rows.append({
            "scenario": label, "R": round(float(R), 4), "budget": round(sweep["budget"], 4),
            "commitment": sweep["commitment"], "replies": sweep["responses"],
            "value": round(sweep["value"], 4), "value, ties against": round(sweep["weak_value"], 4),
            "value without the budget": round(float(free.value), 4),
            "value, budget in expectation": round(sweep["value_expected"], 4),
            "shadow price": round(sweep["shadow_price"], 4),
        })
    return pd.DataFrame(rows)


def kept_figure():
    """F3: Russia's spending on each relationship against R under its optimal commitment (budget for sure).

    Returns
    -------
    matplotlib.figure.Figure
    """
    from .figures import _pyplot

    plt = _pyplot()
    model = load_model(LINKED)
    thresholds, _ = _cuts()
    grid = {Fraction(k, 20) for k in range(30, 3, -1)}
    for value in thresholds["R"]:  # both sides of every threshold, so the drops sit where they happen
        grid |= {Fraction(str(value)) + Fraction(1, 10**6), Fraction(str(value)) - Fraction(1, 10**6)}
    table = linked_sweep(model, sorted(grid, reverse=True))
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    for k, partner in enumerate(("Belarus", "Armenia", "China")):
        ax.plot(table["R"], table[f"spend_{partner}"], label=partner, linestyle=("-", "--", ":")[k], linewidth=1.8)
    ax.plot(table["R"], table["budget"], color="grey", linewidth=0.8, label="budget B(R) = βR")
    for value in thresholds["R"]:
        ax.axvline(value, color="#bbbbbb", linewidth=0.6, linestyle="--")
    ax.set_xlim(1.5, 0.2)
    ax.set_ylim(0, 1.7)
    ax.set_xlabel("Russia's resource index R (falling →)")
    ax.set_ylabel("expected resources spent (subsidy package = 1)")
    ax.set_title("One budget, three relationships: what Russia's optimal commitment keeps", fontsize=10)
    ax.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    return fig
