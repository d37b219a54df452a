"""Settings shared by the paper's tables: the models, scenarios, seeds, and how values are printed.

Every table module reads these from here, so that the seeds and sample sizes
recorded in the manifest are the ones used.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache

import sympy

from ..modelling.model import load_model

__all__ = ["MODELS", "SCENARIOS", "SWEEP", "SETTINGS", "KIND_WORDS", "pretty", "threshold_records"]

#: The seed models, in the paper's order (the loyalty game beside its simultaneous baseline).
MODELS = ("russia_belarus", "russia_belarus_loyalty", "russia_armenia", "russia_china")

#: The scenarios every table reports, in time order.
SCENARIOS = ("2013", "2015", "2016", "stress")

#: The interval of R in which thresholds are sought (MODELING.md: sweeps over [0.2, 1.5]).
SWEEP = (Fraction(1, 5), Fraction(3, 2))

#: Seeds and sample sizes of the stochastic tables (recorded in the manifest).
SETTINGS = {
    "sweep_R": [str(SWEEP[0]), str(SWEEP[1])],
    "uncertainty_seed": 20160101,
    "uncertainty_samples": 2000,
    "sobol_seed": 20160102,
    "sobol_samples": 1024,
    "figure_seed": 20160103,
    "figure_samples": 1000,
    "figure_grid": 131,
    "robustness_seed": 20160104,
    "robustness_samples": 10000,
    "map_grid": [131, 61],
}

KIND_WORDS = {"nash": "Nash", "subgame-perfect": "subgame-perfect path"}


def pretty(expr, model=None) -> str:
    """An expression as the paper shows it: :func:`bargaining.games.notation.expression_text`.

    Examples
    --------
    >>> m = load_model("russia_belarus")
    >>> pretty(m.symbolic_game().A[0, 1], m)
    'λ*v + w - κ*μ*s/R'
    """
    from ..games.notation import expression_text

    return expression_text(expr, model)


def _exact(value):
    """A sympy Rational as a Fraction; other sympy numbers kept; floats unchanged."""
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    return value


@cache
def threshold_records() -> tuple:
    from ..analysis.thresholds import thresholds

    found = []
    for name in MODELS:
        model = load_model(name)
        kinds = ("nash", "subgame-perfect") if model.sequential is not None else ("nash",)
        for kind in kinds:
            for record in thresholds(model, "R", str(SWEEP[0]), str(SWEEP[1]), kind=kind):
                found.append((name, record))
    return tuple(found)
