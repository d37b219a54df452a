"""Armenia's private resolve: the perfect Bayesian equilibrium of the two-type threat game in closed form.

The model ``russia_armenia_private`` (models/russia_armenia_private.toml):
nature draws Armenia's outside option, high (``o_high``, prior ``p``) or low
(``o_low``); Armenia, knowing it, keeps the status quo or demands; Russia,
seeing only the demand, concedes (-z/R, g) or refuses; after a refusal
Armenia carries out its threat (-m, o - σR) or backs down (0, -b).

A type *carries out* a refused threat when o - σR > -b. Write c* = z/(mR),
the belief in a carrying-out type at which Russia is indifferent.

- Neither type carries out (R > (o_high + b)/σ): Russia refuses any demand,
  nobody demands.
- Only the high type does ((o_low + b)/σ < R < (o_high + b)/σ):

  * c* > 1 (R < z/m): Russia refuses even a sure threat; the high type
    demands and carries out only if o_high > σR.
  * p >= c*: both types demand, Russia concedes (pooling).
  * p < c* <= 1: the high type demands; the low type bluffs with the
    probability β = p(1 - c*)/(c*(1 - p)) that leaves Russia indifferent;
    Russia concedes with the probability b/(g + b) that leaves the low type
    indifferent. The failed-coercion path Demand → Refuse → BackDown has
    probability (1 - p)β·g/(g + b) = **p·g·(mR - z)/((g + b)·z)**.

- Both types carry out (R < (o_low + b)/σ): Russia concedes iff R > z/m
  (everyone demands), else refuses (types with o > σR demand and carry out).

Where demands occur, the game also has a pooling equilibrium in which nobody
demands, held by Russia's belief that a demand comes from the low type; the
article reports that Armenia did demand, which selects the equilibrium above.
:func:`armenia_paths` gives the path probabilities of that equilibrium;
tests check them against the package's exact enumeration of every perfect
Bayesian equilibrium (:func:`bargaining.games.pbe.perfect_bayesian`).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

__all__ = ["armenia_paths", "armenia_regimes", "failed_coercion", "failed_coercion_interval", "failed_coercion_table",
           "failed_coercion_figure", "PATHS", "REGIMES"]

#: The paths of the threat game, in words (nature's move left out).
PATHS = ("StatusQuo", "Demand → Concede", "Demand → Refuse → BackDown", "Demand → Refuse → CarryOut")


def _exact(value):
    return value if isinstance(value, Fraction) else Fraction(str(value))


def armenia_paths(values) -> dict:
    """Path probabilities of the demanding perfect Bayesian equilibrium, exactly.

    Parameters
    ----------
    values : mapping
        R, g, z, m, sigma, b, o_high, o_low, p (numbers; read exactly).

    Returns
    -------
    dict
        Path (one of :data:`PATHS`) -> exact probability, and ``"kind"`` ->
        ``pooling``, ``separating`` or ``semi-separating``.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> d = dict(g=F(1, 2), z=F(11, 20), m=1, sigma=1, b=F(9, 20), o_high=F(3, 5), o_low=F(1, 5), p=F(1, 2))
    >>> armenia_paths({**d, "R": F(3, 4)})["Demand → Refuse → BackDown"]
    Fraction(20, 209)
    """
    v = {k: _exact(values[k]) for k in ("R", "g", "z", "m", "sigma", "b", "o_high", "o_low", "p")}
    R, g, z, m, s, b, hi, lo, p = (v[k] for k in ("R", "g", "z", "m", "sigma", "b", "o_high", "o_low", "p"))
    out = dict.fromkeys(PATHS, Fraction(0))
    high_carries, low_carries = hi - s * R > -b, lo - s * R > -b
    star = z / (m * R)
    if not high_carries:  # no credible threat: nobody demands
        out["StatusQuo"] = Fraction(1)
        return {**out, "kind": "pooling"}
    if star > 1:  # Russia refuses even a sure threat
        demanders = p * (hi > s * R) + (1 - p) * (lo > s * R)
        out["Demand → Refuse → CarryOut"] = demanders
        out["StatusQuo"] = 1 - demanders
        return {**out, "kind": "pooling" if demanders in (0, 1) else "separating"}
    if low_carries or p >= star:  # every type demands and Russia concedes
        out["Demand → Concede"] = Fraction(1)
        return {**out, "kind": "pooling"}
    bluff = p * (1 - star) / (star * (1 - p))
    concede = b / (g + b)
    demand = p + (1 - p) * bluff
    out["StatusQuo"] = 1 - demand
    out["Demand → Concede"] = demand * concede
    out["Demand → Refuse → CarryOut"] = p * (1 - concede)
    out["Demand → Refuse → BackDown"] = (1 - p) * bluff * (1 - concede)
    return {**out, "kind": "semi-separating"}


def failed_coercion(values) -> np.ndarray:
    """P(Demand → Refuse → BackDown) for arrays of parameters (vectorised closed form).

    Parameters
    ----------
    values : mapping of str -> array_like
        R, g, z, m, sigma, b, o_high, o_low, p (broadcast together).

    Returns
    -------
    numpy.ndarray
        p·g·(mR - z)/((g + b)·z) where the equilibrium is semi-separating, 0 elsewhere.

    Examples
    --------
    >>> d = dict(g=0.5, z=0.55, m=1.0, sigma=1.0, b=0.45, o_high=0.6, o_low=0.2, p=0.5)
    >>> failed_coercion({**d, "R": [0.5, 0.75, 1.0, 1.1]}).round(4).tolist()
    [0.0, 0.0957, 0.2153, 0.0]
    """
    a = {k: np.asarray(values[k], dtype=float) for k in ("R", "g", "z", "m", "sigma", "b", "o_high", "o_low", "p")}
    R, g, z, m, s, b, hi, lo, p = (a[k] for k in ("R", "g", "z", "m", "sigma", "b", "o_high", "o_low", "p"))
    star = z / (m * R)
    semi = (hi - s * R > -b) & ~(lo - s * R > -b) & (star <= 1) & (p < star)
    return np.where(semi, p * g * (m * R - z) / ((g + b) * z), 0.0)


def failed_coercion_interval(values) -> tuple:
    """The interval of R on which the failed-coercion path has positive probability, exactly.

    Parameters
    ----------
    values : mapping
        g, z, m, sigma, b, o_high, o_low, p.

    Returns
    -------
    tuple of Fraction
        (low, high): max(z/m, (o_low + b)/σ) and min((o_high + b)/σ, z/(m p));
        empty when low >= high.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> d = dict(g=F(1, 2), z=F(11, 20), m=1, sigma=1, b=F(9, 20), o_high=F(3, 5), o_low=F(1, 5), p=F(1, 2))
    >>> failed_coercion_interval(d)
    (Fraction(13, 20), Fraction(21, 20))
    """
    v = {k: _exact(values[k]) for k in ("g", "z", "m", "sigma", "b", "o_high", "o_low", "p")}
    low = max(v["z"] / v["m"], (v["o_low"] + v["b"]) / v["sigma"])
    high = (v["o_high"] + v["b"]) / v["sigma"]
    if v["p"] > 0:
        high = min(high, v["z"] / (v["m"] * v["p"]))
    return low, high


#: The regimes of the private-resolve game, in words.
REGIMES = {
    "none": "no credible threat: status quo",
    "refuse": "Russia refuses: only a type better off ruptured demands",
    "pool": "pooling on Demand: Russia concedes",
    "semi": "semi-separating: the low type bluffs, coercion can fail",
}


def armenia_regimes(values) -> np.ndarray:
    """The regime of the demanding perfect Bayesian equilibrium for arrays of parameters (:data:`REGIMES`).

    Parameters
    ----------
    values : mapping of str -> array_like
        R, g, z, m, sigma, b, o_high, o_low, p.

    Returns
    -------
    numpy.ndarray of str

    Examples
    --------
    >>> d = dict(g=0.5, z=0.55, m=1.0, sigma=1.0, b=0.45, o_high=0.6, o_low=0.2, p=0.5)
    >>> armenia_regimes({**d, "R": [0.5, 0.6, 0.75, 1.1]}).tolist()[1:3]
    ['pooling on Demand: Russia concedes', 'semi-separating: the low type bluffs, coercion can fail']
    """
    a = {k: np.asarray(values[k], dtype=float) for k in ("R", "g", "z", "m", "sigma", "b", "o_high", "o_low", "p")}
    R, g, z, m, s, b, hi, lo, p = (a[k] for k in ("R", "g", "z", "m", "sigma", "b", "o_high", "o_low", "p"))
    star = z / (m * R)
    high, low = hi - s * R > -b, lo - s * R > -b
    out = np.where(~high, REGIMES["none"],
                   np.where(star > 1, REGIMES["refuse"],
                            np.where(low | (p >= star), REGIMES["pool"], REGIMES["semi"])))
    return out.astype(str)


def _model():
    from ..modelling.model import load_model

    return load_model("russia_armenia_private")


def failed_coercion_table():
    """T3b: the demanding perfect Bayesian equilibrium of the private-resolve game against R, exactly.

    One row per R from 0.5 to 1.2 in steps of 0.05 and per scenario: the
    regime, each path's exact probability, and P(Demand → Refuse → BackDown)
    as a float. Where it is positive it equals p·g·(mR − z)/((g + b)·z)
    (other parameters at their defaults).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> t = failed_coercion_table()
    >>> t.loc[t.R == 0.75, ["kind", "P(Demand → Refuse → BackDown)"]].iloc[0].tolist()
    ['semi-separating', Fraction(20, 209)]
    """
    import pandas as pd

    model = _model()
    named = {_exact(model.values(s)["R"]): s for s in model.scenarios}
    grid = {Fraction(k, 20) for k in range(10, 25)} | set(named)  # exact Fractions: one row per R
    rows = []
    for R in sorted(grid):
        paths = armenia_paths(model.values(R=R))
        row = {"R": float(R), "scenario": named.get(R, ""), "kind": paths["kind"]}
        row.update({f"P({path})": paths[path] for path in PATHS})
        row["failed coercion ≈"] = round(float(paths["Demand → Refuse → BackDown"]), 4)
        rows.append(row)
    return pd.DataFrame(rows)


def failed_coercion_figure():
    """F4: P(Demand → Refuse → BackDown) against R, at the defaults and over the plausible box.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from .figures import _pyplot
    from .settings import SETTINGS

    plt = _pyplot()
    model = _model()
    R = np.linspace(0.2, 1.5, 261)
    defaults = {k: float(v) for k, v in model.values().items()}
    at_defaults = failed_coercion({**defaults, "R": R})
    from ..modelling.sampling import draw

    drawn = draw(model, 2000, seed=SETTINGS["robustness_seed"] + 200, exclude=("R",))
    curves = np.stack([failed_coercion({**drawn, "R": np.full(2000, r)}) for r in R])
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.fill_between(R, np.quantile(curves, 0.1, axis=1), np.quantile(curves, 0.9, axis=1), color="tab:blue",
                    alpha=0.2, lw=0, label="10–90 % of the plausible box (2,000 draws)")
    ax.plot(R, curves.mean(axis=1), color="tab:blue", lw=1, ls="--", label="mean over the box")
    ax.plot(R, at_defaults, color="black", lw=1.8, label="defaults: p·g·(mR − z)/((g + b)·z) on (0.65, 1.05)")
    for s in model.scenarios:
        ax.axvline(float(model.values(s)["R"]), color="grey", lw=0.6, ls=":")
    ax.set_xlabel("R (Russia's resource index)")
    ax.set_ylabel("P(Demand → Refuse → BackDown)")
    ax.set_title("Armenia's private resolve: probability that coercion fails (dotted: scenarios)", fontsize=9)
    ax.legend(fontsize=7, loc="upper left", frameon=False)
    fig.tight_layout()
    return fig
