"""T1b: measured resource indices for Russia, and the regime of every model under each.

The models' scenarios (R = 0.75 for 2015, 0.7 for 2016) illustrate; they are
not measurements (REVIEW point 6: a 25 % fall in intra-EAEU trade is not a
25 % fall in Russia's resources). This table puts measured candidates beside
them: each index of :mod:`bargaining.modelling.series` for 2013–2016,
normalised to 2013 = 1, and the regime each model is in at that R with every
other parameter at its default. A reader sees at once whether a conclusion
depends on the choice of index.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache

import pandas as pd

from ..analysis.sensitivity import regime_words
from ..modelling.model import load_model
from ..modelling.series import INDICES, resource_index
from .settings import MODELS

__all__ = ["index_table", "model_regime", "YEARS"]

#: The years the table shows (the base year and the crisis years).
YEARS = (2013, 2014, 2015, 2016)


def model_regime(model, R) -> str:
    """A model's regime at ``R`` (other parameters at their defaults) in a few words.

    A model whose sequential form *is* the model (its payoff table is the
    tree's reduced normal form: the loyalty and threat games) is read by its
    subgame-perfect path; the others by their Nash equilibrium set
    (:func:`~bargaining.analysis.sensitivity.regime_words`).

    Examples
    --------
    >>> from fractions import Fraction
    >>> model_regime(load_model("russia_belarus_loyalty"), Fraction(3, 4))
    'Support → Align'
    >>> model_regime(load_model("russia_belarus"), Fraction(3, 4))
    'Russia: Subsidize/Cut · Belarus: Align/Hedge'
    """
    if model.sequential is not None and model.sequential.reduces_to_payoffs:
        path = model.subgame_perfect(R=R)
        return " → ".join(action for _, action in path.path) or "(no move)"
    return regime_words(model.game(R=R))


def _private_regime(model, R) -> str:
    from .armenia import armenia_paths

    paths = armenia_paths(model.values(R=R))
    fail = paths["Demand → Refuse → BackDown"]
    return f"{paths['kind']}, P(fail) = {float(fail):.3f}" if fail else paths["kind"]


@cache
def _index_rows() -> tuple:
    models = {name: load_model(name) for name in MODELS}
    private = load_model("russia_armenia_private")
    rows = []
    sources = {name: (meaning, resource_index(name)) for name, (meaning, _) in INDICES.items()}
    scenario = models[MODELS[0]]
    sources["scenario"] = ("the models' illustrative scenarios (not measured)",
                           {int(s): scenario.values(s)["R"] for s in scenario.scenarios if s.isdigit()})
    for name, (meaning, series) in sources.items():
        for year in YEARS:
            if year not in series:
                continue
            R = Fraction(f"{float(series[year]):.4f}")  # the printed value is the one solved
            row = {"index": name, "meaning": meaning, "year": year, "R": float(R)}
            row.update({model: model_regime(models[model], R) for model in MODELS})
            row["russia_armenia_private"] = _private_regime(private, R)
            rows.append(row)
    return tuple(rows)


def index_table() -> pd.DataFrame:
    """T1b: each candidate resource index for 2013–2016 (2013 = 1) and every model's regime there.

    The last rows (``scenario``) are the models' illustrative scenarios, for
    comparison.

    Returns
    -------
    pandas.DataFrame
        Columns ``index``, ``meaning``, ``year``, ``R`` (rounded to 4
        decimals; the games are solved at that rounded value), then one
        column per model with its regime (:func:`model_regime`), and for
        the private-resolve game the kind of its demanding perfect Bayesian
        equilibrium with P(Demand → Refuse → BackDown).

    Examples
    --------
    >>> t = index_table()
    >>> t.loc[(t["index"] == "brent") & (t.year == 2015), ["R", "russia_belarus_loyalty"]]
             R russia_belarus_loyalty
    10  0.4819            Cut → Hedge
    """
    return pd.DataFrame(list(_index_rows()))
