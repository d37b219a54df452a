"""T6 and T6c: robustness of the paper's readings as shares of the plausible box; F3 regime maps.

Each model is read the way the paper reads it (:data:`READINGS`): the
simultaneous baseline and China by their Nash regime, the loyalty and threat
games by their subgame-perfect path, the private-resolve game by the regime
of its perfect Bayesian equilibrium (:mod:`bargaining.paper.armenia`).
Shares come from ``SETTINGS["robustness_samples"]`` uniform draws of the
plausible box (10,000: every standard error is at most 0.005) at each
scenario's R; they are volumes of judgemental ranges, not probabilities.
"""

from __future__ import annotations

import warnings
from functools import cache

import numpy as np
import pandas as pd

from ..analysis.robustness import box_shares, nash_labels, order_share, path_labels, regime_map
from ..modelling.model import load_model
from ..modelling.sampling import as_function
from .armenia import armenia_regimes, failed_coercion
from .settings import MODELS, SCENARIOS, SETTINGS

__all__ = ["READINGS", "ORDERS", "shares_table", "orders_table", "map_parameter", "regime_map_figure",
           "reading_labels"]

#: Every model the robustness tables read, in the paper's order.
ROBUST_MODELS = (*MODELS[:3], "russia_armenia_private", MODELS[3])

#: How the paper reads each model.
READINGS = {
    "russia_belarus": "Nash regime",
    "russia_belarus_loyalty": "subgame-perfect path",
    "russia_armenia": "subgame-perfect path",
    "russia_armenia_private": "perfect Bayesian regime",
    "russia_china": "Nash regime (risk-dominant where two)",
}

#: The orders of thresholds each reading relies on: model -> (what it means, thresholds in increasing order).
ORDERS = {
    "russia_belarus": ("a mixed band below the aligned regime", ("kappa*mu*s/w", "kappa*s/w")),
    "russia_belarus_loyalty": ("support to a hedger would end before support that buys alignment (C3)",
                               ("kappa*s/((1 - lam)*v + w)", "kappa*mu*s/w")),
    "russia_armenia": ("rupture < status quo < blackmail works < status quo",
                       ("o/sigma", "z/m", "(o + b)/sigma")),
    "russia_armenia_private": ("a band where only the high type would carry out, and Russia would concede to it",
                               ("z/m", "(o_high + b)/sigma")),
    "russia_china": ("a coordination band inside R <= 1.5 (the first calibration's reading)",
                     ("(y - x)/T", "(1 - k_C)/(alpha*k_C)", "3/2")),
}


def _risk_labels(model):
    """Nash regime, with the risk-dominant equilibrium named where a 2x2 game has two strict ones."""
    base = nash_labels(model)
    sg = model.symbolic_game()
    names = list(model.parameters)
    A = [[as_function(sg.A[i, j], names) for j in range(2)] for i in range(2)]
    B = [[as_function(sg.B[i, j], names) for j in range(2)] for i in range(2)]
    rows, cols = sg.strategies

    def label(values):
        out = base(values).astype(object)
        a = [[f(values) for f in row] for row in A]
        b = [[f(values) for f in row] for row in B]
        strict = {}
        for i in range(2):
            for j in range(2):
                strict[(i, j)] = (a[i][j] > a[1 - i][j]) & (b[i][j] > b[i][1 - j])
        for (i, j), (k, q) in (((0, 0), (1, 1)), ((0, 1), (1, 0))):
            both = strict[(i, j)] & strict[(k, q)]
            first = (a[i][j] - a[k][j]) * (b[i][j] - b[i][q])
            second = (a[k][q] - a[i][q]) * (b[k][q] - b[k][j])
            for mask, (x, y) in ((both & (first > second), (i, j)), (both & (second > first), (k, q))):
                out[mask] = [f"{w} — risk-dominant ({rows[x]}, {cols[y]})" for w in out[mask]]
        return out.astype(str)

    return label


def reading_labels(name: str, model=None):
    """The labelling of draws by which the paper reads model ``name`` (:data:`READINGS`).

    Parameters
    ----------
    name : str
        A model of :data:`ROBUST_MODELS`.
    model : Model, optional
        The loaded model (loaded by name if omitted).

    Returns
    -------
    callable
        ``label(values) -> array of str``.

    Examples
    --------
    >>> import numpy as np
    >>> m = load_model("russia_armenia_private")
    >>> v = {k: np.array([float(x)]) for k, x in m.values(R=0.75).items()}
    >>> reading_labels("russia_armenia_private", m)(v).tolist()
    ['semi-separating: the low type bluffs, coercion can fail']
    """
    model = model if model is not None else load_model(name)
    reading = READINGS[name]
    if reading == "subgame-perfect path":
        return lambda values: path_labels(model, values)
    if reading == "perfect Bayesian regime":
        return armenia_regimes
    if name == "russia_china":
        return _risk_labels(model)
    return nash_labels(model)


@cache
def _shares_frame() -> pd.DataFrame:
    rows = []
    for k, name in enumerate(ROBUST_MODELS):
        model = load_model(name)
        grid = {s: float(model.values(s)["R"]) for s in SCENARIOS}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = box_shares(model, reading_labels(name, model), sorted(set(grid.values()), reverse=True),
                               samples=SETTINGS["robustness_samples"], seed=SETTINGS["robustness_seed"] + k)
        for outcome in dict.fromkeys(found.outcome):
            row = {"model": name, "reading": READINGS[name], "outcome": outcome}
            at = found[found.outcome == outcome].set_index("R")
            for s, r in grid.items():
                row[f"share at {s} (R = {r:g})"] = round(float(at.share.get(r, 0.0)), 4)
            row["largest SE"] = round(float(at.se.max()), 4)
            rows.append(row)
    return pd.DataFrame(rows)


def shares_table() -> pd.DataFrame:
    """T6: the share of the plausible box in which each regime or path holds, at the four scenarios.

    Examples
    --------
    >>> t6 = shares_table()
    >>> bool((t6["largest SE"] <= 0.005).all())
    True
    >>> t6.groupby("model")[[c for c in t6.columns if c.startswith("share")]].sum().round(6).stack().unique().tolist()
    [1.0]
    """
    return _shares_frame().copy()


@cache
def _orders_frame() -> pd.DataFrame:
    rows = []
    for k, name in enumerate(ROBUST_MODELS):
        meaning, chain = ORDERS[name]
        share, se = order_share(load_model(name), chain, samples=SETTINGS["robustness_samples"],
                                seed=SETTINGS["robustness_seed"] + 100 + k)
        rows.append({"model": name, "the reading relies on": meaning, "order": " < ".join(chain),
                     "share of the box": round(share, 4), "SE": round(se, 4)})
    return pd.DataFrame(rows)


def orders_table() -> pd.DataFrame:
    """T6c: the share of the plausible box in which the thresholds come in the order each reading relies on.

    Examples
    --------
    >>> t = orders_table()
    >>> float(t.loc[t.model == "russia_belarus", "share of the box"].iloc[0])  # mu < 1 always
    1.0
    """
    return _orders_frame().copy()


def _failed_coercion_sobol() -> str:
    """The parameter with the largest total Sobol index of P(failed coercion) at R = 0.75."""
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sample

    model = load_model("russia_armenia_private")
    varied = [k for k, p in model.parameters.items() if k != "R" and p.range[1] > p.range[0]]
    problem = {"num_vars": len(varied), "names": varied,
               "bounds": [[float(model.parameters[k].range[0]), float(model.parameters[k].range[1])] for k in varied]}
    X = sample.sample(problem, 512, seed=SETTINGS["sobol_seed"])
    values = {k: X[:, i] for i, k in enumerate(varied)}
    values["R"] = np.full(len(X), 0.75)
    Y = failed_coercion(values)
    result = analyze.analyze(problem, Y, seed=SETTINGS["sobol_seed"])
    return varied[int(np.argmax(result["ST"]))]


@cache
def map_parameter(name: str) -> str:
    """The parameter with the largest total Sobol index for model ``name`` (the map's vertical axis).

    For the models of T6b, the largest ST over the model's thresholds; for the
    private-resolve game, the largest ST of P(Demand → Refuse → BackDown) at R = 0.75.

    Examples
    --------
    >>> map_parameter("russia_belarus")
    'w'
    """
    if name == "russia_armenia_private":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _failed_coercion_sobol()
    from .results import sobol_table

    t = sobol_table()
    t = t[t.model == name]
    model = load_model(name)
    by_display = {p.display: key for key, p in model.parameters.items()}
    return by_display[t.loc[t.ST.idxmax(), "parameter"]]


def regime_map_figure(name: str):
    """F3: the regimes of model ``name`` on R against the parameter with the largest total Sobol index.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.colors import ListedColormap

    from .figures import _pyplot, _wrap

    plt = _pyplot()
    model = load_model(name)
    param = map_parameter(name)
    lo, hi = (float(x) for x in model.parameters[param].range)
    R = np.linspace(0.2, 1.5, SETTINGS["map_grid"][0])
    P = np.linspace(lo, hi, SETTINGS["map_grid"][1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        grid = regime_map(model, reading_labels(name, model), param, R, P)
    labels = list(dict.fromkeys(grid.to_numpy().ravel()))
    codes = np.vectorize(labels.index)(grid.to_numpy())
    colours = plt.get_cmap("tab10").colors
    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    ax.imshow(codes, origin="lower", aspect="auto", extent=(R[0], R[-1], P[0], P[-1]),
              cmap=ListedColormap([colours[k % 10] for k in range(len(labels))]),
              vmin=-0.5, vmax=len(labels) - 0.5, interpolation="nearest")
    default = float(model.parameters[param].value)
    ax.axhline(default, color="black", lw=0.8, ls="--")
    for s in SCENARIOS:
        ax.axvline(float(model.values(s)["R"]), color="grey", lw=0.6, ls=":")
    ax.set_xlabel("R (Russia's resource index)")
    ax.set_ylabel(f"{model.parameters[param].display} (largest total Sobol index)")
    ax.set_title(_wrap(f"{model.title}: {READINGS[name]} (others at defaults; dashed: default; dotted: scenarios)"),
                 fontsize=9)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[k % 10]) for k in range(len(labels))]
    ax.legend(handles, [_wrap(w, 60) for w in labels], fontsize=6.5, loc="upper center",
              bbox_to_anchor=(0.5, -0.14), ncol=1, frameon=False)
    fig.tight_layout()
    return fig
