"""The paper's tables as pandas DataFrames, computed from the bundled models.

Every cell is computed by the package at call time; nothing is typed in.
Exact values (parameter values, probabilities, payoffs, thresholds) are kept
as exact objects (:class:`~fractions.Fraction` or sympy numbers) so the
writers of :mod:`bargaining.output` print them exactly; floats are for
reading. :data:`TABLES` lists them in the paper's order (name -> builder and
caption); :func:`bargaining.paper.reproduce.reproduce` writes them all.

========================  ==============================================
``T1_parameters``         :func:`parameters_table`
``T1b_indices``           :func:`~bargaining.paper.indices.index_table`
``T2_payoffs``            :func:`payoff_tables`
``T3_equilibria``         :func:`equilibria_table`
``T4_thresholds``         :func:`thresholds_table`
``T5_bargaining``         :func:`bargaining_table`
``T3b_armenia_private``   :func:`~bargaining.paper.armenia.failed_coercion_table`
``T6_shares``             :func:`~bargaining.paper.robust.shares_table`
``T6c_orders``            :func:`~bargaining.paper.robust.orders_table`
``T6b_sobol``             :func:`sobol_table`
``T7_claims``             :func:`claims_table`
``T8_linked_cuts``        :func:`~bargaining.paper.linked.cuts_table`
``T8b_linked_scenarios``  :func:`~bargaining.paper.linked.linked_scenarios_table`
========================  ==============================================

Examples
--------
>>> from bargaining.paper.tables import thresholds_table
>>> t4 = thresholds_table()
>>> t4.loc[t4.model == "russia_belarus", ["kind", "value", "exact"]].head(2)
    kind value exact
0   Nash   0.6   3/5
1   Nash   0.8   4/5
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import sympy

from ..games.equilibria import equilibria
from ..modelling.model import load_model
from .armenia import failed_coercion_table
from .claims import claims_table
from .indices import index_table
from .linked import cuts_table, linked_scenarios_table
from .results import bargaining_table, sobol_table, uncertainty_table
from .robust import orders_table, shares_table
from .settings import KIND_WORDS, MODELS, SCENARIOS, SETTINGS, SWEEP, _exact, pretty, threshold_records

__all__ = [
    "MODELS",
    "SCENARIOS",
    "SWEEP",
    "SETTINGS",
    "TABLES",
    "pretty",
    "parameters_table",
    "payoff_tables",
    "equilibria_table",
    "thresholds_table",
    "bargaining_table",
    "uncertainty_table",
    "sobol_table",
    "claims_table",
    "index_table",
]

# ------------------------------------------------------------------ T1
def parameters_table() -> pd.DataFrame:
    """T1: every parameter of the seed models with its value, range, meaning and source.

    Returns
    -------
    pandas.DataFrame
        Columns ``model``, ``parameter`` (the printed symbol), ``name`` (the
        identifier in the model file), ``value`` (exact), ``low``, ``high``
        (the plausible range; equal for a fixed parameter), ``meaning``,
        ``source``.

    Examples
    --------
    >>> t1 = parameters_table()
    >>> t1.loc[t1.name == "mu", ["model", "parameter", "value", "low", "high"]]
                         model parameter value  low  high
    4           russia_belarus         μ   3/4  1/2  9/10
    13  russia_belarus_loyalty         μ   3/4  1/2  9/10
    """
    rows = []
    for name in (*MODELS[:3], "russia_armenia_private", *MODELS[3:]):
        model = load_model(name)
        for key, p in model.parameters.items():
            rows.append(
                {
                    "model": name,
                    "parameter": p.display,
                    "name": key,
                    "value": _exact(p.value),
                    "low": _exact(p.range[0]),
                    "high": _exact(p.range[1]),
                    "meaning": p.meaning,
                    "source": p.source,
                }
            )
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ T2
def payoff_tables() -> pd.DataFrame:
    """T2: the symbolic payoff tables, one row per cell (Russia is the row player).

    Examples
    --------
    >>> t2 = payoff_tables()
    >>> t2.iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'model': 'russia_belarus', 'Russia': 'Subsidize', 'partner': 'Belarus', 'partner plays': 'Align',
     'payoff to Russia': 'v + w - κ*s/R', 'payoff to partner': '-a + s'}
    """
    rows = []
    for name in MODELS:
        model = load_model(name)
        sg = model.symbolic_game()
        for i, row in enumerate(sg.strategies[0]):
            for j, col in enumerate(sg.strategies[1]):
                rows.append(
                    {
                        "model": name,
                        "Russia": row,
                        "partner": sg.players[1],
                        "partner plays": col,
                        "payoff to Russia": pretty(sg.A[i, j], model),
                        "payoff to partner": pretty(sg.B[i, j], model),
                    }
                )
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ T3
def mix_text(mapping, support) -> str:
    """A mixed strategy as exact text: ``Subsidize 3/5, Cut 2/5`` or ``Cut``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> mix_text({"A": Fraction(1, 3), "B": Fraction(2, 3)}, ("A", "B")), mix_text({"A": 1, "B": 0}, ("A",))
    ('A 1/3, B 2/3', 'A')
    """
    if len(support) == 1:
        return support[0]
    return ", ".join(f"{name} {mapping[name]}" for name in support)


def _selection(game, found) -> tuple:
    """Risk- and payoff-dominant equilibrium in words: ``unique`` when there is nothing to select."""
    from ..analysis.statics import payoff_dominance, risk_dominance
    from ..errors import GameError

    if len(found) == 1:
        return "unique", "unique"
    if game.shape != (2, 2):
        risk = "not defined (not a 2x2 game)"
    else:
        try:
            risk = risk_dominance(game).dominant or "tie"
        except GameError:
            risk = "not defined (not two strict pure equilibria)"
    return risk, payoff_dominance(game).dominant or "none"


@cache
def _equilibria_rows() -> tuple:
    from ..games.components import components

    rows = []
    for name in MODELS:
        model = load_model(name)
        for scenario in SCENARIOS:
            game = model.game(scenario=scenario)
            R = model.values(scenario)["R"]
            found = equilibria(game, exact=True)
            comps = components(game)
            spe = model.subgame_perfect(scenario=scenario) if model.sequential is not None else None
            risk, payoff = _selection(game, found)
            for k, eq in enumerate(found, start=1):
                owner = next(
                    (c for c, comp in enumerate(comps, start=1) if comp.contains(eq.profile)), None
                )
                isolated = owner is not None and comps[owner - 1].is_singleton
                rows.append(
                    {
                        "model": name,
                        "scenario": scenario,
                        "R": _exact(R),
                        "equilibrium": k,
                        "Russia": mix_text(eq.strategies[0], eq.support[0]),
                        "partner": mix_text(eq.strategies[1], eq.support[1]),
                        "payoff to Russia": eq.payoffs[0],
                        "payoff to partner": eq.payoffs[1],
                        "type": ("pure" if eq.is_pure else "mixed")
                        + ("" if isolated else f", extreme point of component {owner}"),
                        "subgame-perfect path": spe.describe() if spe is not None else "",
                        "risk dominant": risk,
                        "payoff dominant": payoff,
                    }
                )
    return tuple(rows)


def equilibria_table() -> pd.DataFrame:
    """T3: the Nash equilibria of each model at the four scenarios, exact.

    For degenerate games (Armenia's normal form) the extreme points of each
    component of the equilibrium set are listed and their component named.
    Beside them, the subgame-perfect path of the model's sequential form,
    and where there are several equilibria the Harsanyi–Selten risk-dominant
    one (2x2 games with two strict equilibria) and the payoff-dominant one
    (:func:`~bargaining.analysis.statics.risk_dominance`,
    :func:`~bargaining.analysis.statics.payoff_dominance`); ``unique`` when
    there is one equilibrium.

    Examples
    --------
    >>> t3 = equilibria_table()
    >>> t3.loc[(t3.model == "russia_belarus") & (t3.scenario == "2015"), ["Russia", "partner"]]
                       Russia               partner
    1  Subsidize 3/5, Cut 2/5  Align 3/4, Hedge 1/4
    """
    return pd.DataFrame(list(_equilibria_rows()))


# ------------------------------------------------------------------ T4
def _regime_between(model, lo, hi) -> str:
    from ..analysis.sensitivity import rational_between, regime_words

    return regime_words(model.game(R=rational_between(lo, hi)))


def thresholds_table() -> pd.DataFrame:
    """T4: the values of R in [0.2, 1.5] where a model's regime changes.

    One row per threshold: the exact expression in the other parameters, its
    exact value at the defaults, the value as a float, and the regime just
    below and just above it. ``kind`` says whether the Nash equilibrium set of
    the normal form or the subgame-perfect path of the sequential form
    changes. A Nash regime is named by :func:`~bargaining.analysis.sensitivity.regime_words` at a point
    between consecutive thresholds.
    """
    rows = []
    records = threshold_records()
    for name, t in records:
        model = load_model(name)
        if t.kind == "nash":
            cuts = [r.value for n, r in records if n == name and r.kind == "nash"]
            k = cuts.index(t.value)
            lower = cuts[k - 1] if k > 0 else sympy.Rational(SWEEP[0])
            upper = cuts[k + 1] if k + 1 < len(cuts) else sympy.Rational(SWEEP[1])
            below, above = _regime_between(model, lower, t.value), _regime_between(model, t.value, upper)
        else:
            below, above = t.before, t.after
        rows.append(
            {
                "model": name,
                "kind": KIND_WORDS[t.kind],
                "value": t.float,
                "exact": pretty(t.value),
                "expression": pretty(t.expression, model),
                "below": below,
                "above": above,
            }
        )
    return pd.DataFrame(rows)


#: Table name -> (builder, caption), in the paper's order.
TABLES = {
    "T1_parameters": (parameters_table, "Parameters of the seed models: value, plausible range, meaning, source"),
    "T1b_indices": (index_table, "Measured resource indices for Russia (2013 = 1) and each model's regime under them"),
    "T2_payoffs": (payoff_tables, "Payoff tables (Russia is the row player)"),
    "T3_equilibria": (equilibria_table, "Nash equilibria and subgame-perfect paths at the four scenarios"),
    "T3b_armenia_private": (failed_coercion_table, "Armenia's private resolve: the demanding perfect Bayesian equilibrium against R, exactly"),
    "T4_thresholds": (thresholds_table, "Thresholds in R where the regime changes"),
    "T5_bargaining": (bargaining_table, "Bargaining solutions and issue outcomes at the four scenarios"),
    "T6_shares": (shares_table, "Share of the plausible box in which each regime or path holds (10,000 draws; SE <= 0.005)"),
    "T6c_orders": (orders_table, "Share of the plausible box in which the thresholds come in the order each reading relies on"),
    "T6b_sobol": (sobol_table, "Sobol indices of each threshold in R"),
    "T7_claims": (claims_table, "The article's claims beside the models' results"),
    "T8_linked_cuts": (cuts_table, "One budget, three relationships: the order in which Russia's optimal commitment "
                       "spends less on each as R falls, the thresholds, the year under each index, robustness"),
    "T8b_linked_scenarios": (linked_scenarios_table, "One budget, three relationships by scenario and measured index: "
                             "commitment, replies, values with and without the budget, shadow price"),
}
