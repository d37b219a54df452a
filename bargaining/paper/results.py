"""The paper's result tables T5 (bargaining) and T6 (uncertainty), as DataFrames.

Split from :mod:`bargaining.paper.tables` (one idea a module): these tables are
computed from the bargaining solutions and from the seeded uncertainty
analysis; their seeds and sample sizes are :data:`bargaining.paper.tables.SETTINGS`.
"""

from __future__ import annotations

import warnings
from functools import cache

import pandas as pd

from ..modelling.model import load_model
from .settings import MODELS, SCENARIOS, SETTINGS, pretty

__all__ = ["bargaining_table", "uncertainty_table", "sobol_table", "ISSUE_WORDS"]

#: How the tables name each model's issue variable.
ISSUE_WORDS = {"t": "t* (transfer)", "x": "x* (tilt)", "xi": "ξ* (China's share)"}


@cache
def _bargaining_frame() -> pd.DataFrame:
    from ..solutions.issue import solution_table

    frames = []
    for name in MODELS:
        model = load_model(name)
        partner = model.players[1]
        frame = solution_table(model, scenarios=SCENARIOS)
        frame = frame.rename(
            columns={
                f"d_{partner}": "d partner",
                f"u_{partner}": "u partner",
                "d_Russia": "d Russia",
                "u_Russia": "u Russia",
                "issue_value": "issue value",
            }
        )
        values = {s: model.values(s)["R"] for s in SCENARIOS}
        frame.insert(0, "model", name)
        frame.insert(2, "R", [float(values[s]) for s in frame["scenario"]])
        variable = str(model.issue.variable) if model.issue is not None else ""
        frame["issue"] = [ISSUE_WORDS.get(variable, variable) if s.startswith("issue") else "" for s in frame.solution]
        frames.append(frame)
    columns = ["model", "scenario", "R", "solution", "disagreement", "d Russia", "d partner",
               "u Russia", "u partner", "issue", "issue value"]
    return pd.concat(frames, ignore_index=True)[columns]


def bargaining_table() -> pd.DataFrame:
    """T5: bargaining solutions of each model's game at the four scenarios, and the issue outcomes.

    For each model and scenario: the Nash, Kalai–Smorodinsky, egalitarian and
    utilitarian solutions on the hull of the game's payoffs from the players'
    security levels, the variable-threat solution, and the Nash solution of
    the model's issue (Belarus's transfer t*, Russia's tilt towards Armenia
    x*, China's share of a conjunction ξ*) from the issue's own disagreement
    point. Payoffs are floats; see :func:`bargaining.solution_table`.

    Examples
    --------
    >>> t5 = bargaining_table()
    >>> t5.loc[t5.issue != "", ["model", "scenario", "issue", "issue value"]].head(4)
                 model scenario          issue  issue value
    5   russia_belarus     2013  t* (transfer)      0.95000
    11  russia_belarus     2015  t* (transfer)      0.73125
    17  russia_belarus     2016  t* (transfer)      0.68750
    23  russia_belarus   stress  t* (transfer)      0.51250
    """
    return _bargaining_frame().copy()


@cache
def _uncertainty_frame() -> pd.DataFrame:
    from ..analysis.uncertainty import uncertainty

    rows = []
    for k, name in enumerate(MODELS):
        model = load_model(name)
        grid = {s: float(model.values(s)["R"]) for s in SCENARIOS}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = uncertainty(
                model,
                R=sorted(set(grid.values()), reverse=True),
                samples=SETTINGS["uncertainty_samples"],
                seed=SETTINGS["uncertainty_seed"] + k,
                progress=False,
            )
        probabilities = result.probabilities
        for regime in probabilities.columns:
            row = {"model": name, "regime": regime}
            row.update({f"P at {s} (R = {r:g})": float(probabilities.loc[r, regime]) for s, r in grid.items()})
            rows.append(row)
    return pd.DataFrame(rows)


def uncertainty_table() -> pd.DataFrame:
    """T6: the probability of each regime at the four scenarios, over the parameters' ranges.

    The other parameters are drawn uniformly from their plausible ranges
    (``SETTINGS["uncertainty_samples"]`` draws, seeded); R is held at each
    scenario's value. One row per model and regime, one column per scenario.

    Examples
    --------
    >>> t6 = uncertainty_table()
    >>> list(t6.columns[2:])
    ['P at 2013 (R = 1)', 'P at 2015 (R = 0.75)', 'P at 2016 (R = 0.7)', 'P at stress (R = 0.5)']
    >>> t6.groupby("model")[list(t6.columns[2:])].sum().round(12).stack().unique().tolist()
    [1.0]
    """
    return _uncertainty_frame().copy()


@cache
def _sobol_frame() -> pd.DataFrame:
    from ..analysis.sobol import sobol
    from .settings import threshold_records

    rows = []
    seen = set()
    for k, (name, record) in enumerate(threshold_records()):
        if record.kind != "nash" or (name, str(record.expression)) in seen:
            continue
        seen.add((name, str(record.expression)))
        model = load_model(name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            indices = sobol(model, record, samples=SETTINGS["sobol_samples"], seed=SETTINGS["sobol_seed"] + k)
        for parameter, row in indices.iterrows():
            rows.append(
                {
                    "model": name,
                    "threshold": f"R* = {pretty(record.value)}",
                    "≈": record.float,
                    "parameter": model.parameters[parameter].display,
                    "S1": round(float(row["S1"]), 3),
                    "S1 ±": round(float(row["S1_conf"]), 3),
                    "ST": round(float(row["ST"]), 3),
                    "ST ±": round(float(row["ST_conf"]), 3),
                }
            )
    return pd.DataFrame(rows)


def sobol_table() -> pd.DataFrame:
    """T6b: first-order (S1) and total (ST) Sobol indices of every Nash threshold in R.

    Each threshold is a function of the other parameters; its variance over
    their plausible ranges (uniform) is apportioned by Saltelli's scheme
    (SALib, ``SETTINGS["sobol_samples"]`` base samples, seeded); ``±`` is the
    half-width of a 95% bootstrap interval. The thresholds' expressions are
    in T4 (:func:`bargaining.paper.tables.thresholds_table`).

    Examples
    --------
    >>> t6b = sobol_table()
    >>> t6b.loc[(t6b.model == "russia_belarus") & (t6b.threshold == "R* = 4/5"), "parameter"].tolist()
    ['κ', 'w']
    """
    return _sobol_frame().copy()
