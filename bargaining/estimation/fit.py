"""Maximum-likelihood fit of a tree's utilities to observed outcomes (statistical backward induction starts).

:func:`fit` is the Python counterpart of ``games::egame12``, ``egame122`` and
``egame123`` (Kenkel and Signorino 2014) for any perfect-information tree of
the package: utilities linear in DataFrame columns, agent or
private-information errors, probit or logit link, an optional model of the
error scale. The log-likelihood's score is exact (:mod:`.likelihood`); BFGS
runs to a gradient norm of ``gtol`` and Newton steps on the Hessian (central
differences of the exact score) polish the optimum, which also gives the
standard errors.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import expit, log_expit, log_ndtr, ndtr

from ..errors import ModelError
from .design import encode_outcomes
from .model import Compiled, compile_model
from .optimize import maximize
from .result import StrategicFit
from .shapes import shape_of

__all__ = ["fit", "sbi_start"]


def _used_rows(data, comp: Compiled, outcome):
    cols = list(comp.columns) + (list(outcome) if isinstance(outcome, (list, tuple)) else [outcome])
    return data[cols].notna().all(axis=1).to_numpy()


def fit(tree, data: pd.DataFrame, *, utilities: dict, outcome, outcomes=None, link="probit", errors="agent",
        scale=None, start=None, gtol=1e-8) -> StrategicFit:
    """Fit a tree's utilities to observed outcomes by maximum likelihood.

    Parameters
    ----------
    tree : GameTree
        A perfect-information tree (for example :func:`egame12`); payoffs are ignored.
    data : DataFrame
        One row per observed play; rows with a missing value in a used column are dropped.
    utilities : dict
        ``{"u11": "x1 + x2 - 1", "u13": "1", "u14": 0, "u24": "z"}``: each key
        ``u<player><terminal>`` (or ``u<player>(<outcome label>)``) with a
        formula over columns or a fixed number. Utilities not listed are fixed
        at 0 and carry no private-information error.
    outcome : str or list of str
        The column naming the terminal reached, or one 0/1 action column per player.
    outcomes : sequence or dict, optional
        The outcome labels in terminal order (see :func:`encode_outcomes`).
    link : {"probit", "logit"}
        The error distribution: normal or logistic.
    errors : {"agent", "private"}
        Agent error (quantal response at each node) or private information
        (an error on each listed utility, known to its player).
    scale : str or dict, optional
        Formula for the log of the error scale (``"1"``: one estimated
        scale; ``{"1": "1", "2": "x"}``: by player). Only identified when
        some utility is fixed at a non-zero value or the scale varies.
    start : array-like, optional
        Starting values (default: statistical backward induction).
    gtol : float
        Gradient-norm tolerance of the optimiser.

    Returns
    -------
    StrategicFit
        Estimates, standard errors, log-likelihood and what prediction needs.

    Examples
    --------
    >>> import bargaining as bg
    >>> tree = bg.egame12()
    >>> spec = {"u11": "x", "u13": 0, "u14": "1", "u24": "1 + z"}
    >>> truth = {"u1(1):(Intercept)": 0.5, "u1(1):x": -1.0, "u1(4)": 1.0,
    ...          "u2(4):(Intercept)": -0.5, "u2(4):z": 1.0}
    >>> rng = np.random.default_rng(1)
    >>> df = pd.DataFrame({"x": rng.normal(size=2000), "z": rng.normal(size=2000)})
    >>> df["y"] = bg.simulate_outcomes(tree, df, utilities=spec, coefficients=truth, seed=2)
    >>> m = bg.fit(tree, df, utilities=spec, outcome="y")
    >>> m.converged, m.n_obs
    (True, 2000)
    >>> bool(((m.coefficients - pd.Series(truth)).abs() < 3 * m.standard_errors).all())
    True
    """
    shape = shape_of(tree)
    data = data.loc[data[list(outcome) if isinstance(outcome, (list, tuple)) else [outcome]].notna().all(axis=1)]
    y_all, labels = encode_outcomes(data, outcome, shape, outcomes, where="estimation: ")
    comp = compile_model(shape, labels, utilities, data, link=link, errors=errors, scale=scale)
    keep = _used_rows(data, comp, outcome)
    frame = data.loc[keep]
    y = y_all[keep]
    mats = comp.matrices(frame)
    theta0 = sbi_start(comp, mats, y) if start is None else np.asarray(start, float)
    if theta0.shape != (len(comp.names),):
        raise ModelError(f"estimation: start has {theta0.size} values; the model has {len(comp.names)}")
    theta, converged, message, H = maximize(comp, mats, y, theta0, gtol=gtol, want_hessian=True)
    terms, _ = comp.loglik(theta, mats, y, grad=False)
    try:
        vcov = np.linalg.inv(-H)
    except np.linalg.LinAlgError:
        warnings.warn("estimation: the Hessian is singular; standard errors are NaN", stacklevel=2)
        vcov = np.full_like(H, np.nan)
    return StrategicFit(
        coefficients=pd.Series(theta, index=list(comp.names)),
        vcov=pd.DataFrame(vcov, index=list(comp.names), columns=list(comp.names)),
        log_likelihood=float(terms.sum()), loglik_terms=terms, n_obs=int(len(y)), link=link, errors=errors,
        converged=converged, message=message, outcomes=labels, model=comp, y=y, data=frame,
        outcome=outcome)


def _binary_fit(X, offset, r, link):
    """Maximum-likelihood probit/logit of r on X with an offset (zeros if it fails)."""

    def negative(b):
        eta = X @ b + offset
        if link == "probit":
            lp, lq = log_ndtr(eta), log_ndtr(-eta)
            pdf = np.exp(-0.5 * eta**2) / np.sqrt(2 * np.pi)
            w = r * pdf / np.maximum(ndtr(eta), 1e-300) - (1 - r) * pdf / np.maximum(ndtr(-eta), 1e-300)
        else:
            lp, lq = log_expit(eta), log_expit(-eta)
            w = r - expit(eta)
        return -(r * lp + (1 - r) * lq).sum(), -(X.T @ w)

    res = minimize(negative, np.zeros(X.shape[1]), jac=True, method="BFGS", options={"maxiter": 500})
    return res.x if np.all(np.isfinite(res.x)) and np.all(np.abs(res.x) < 50) else np.zeros(X.shape[1])


def sbi_start(comp: Compiled, mats, y) -> np.ndarray:
    """Starting values by statistical backward induction (Bas, Signorino and Walker 2008).

    From the last movers up, each binary choice is fitted by a probit or
    logit of the observed action on the mover's utility differences, later
    choices' fitted probabilities plugged in; coefficients are scaled by
    ``sqrt 2`` (the agent-error variance of a difference), as ``games``' ``sbi12``.
    Scale parameters and unreached parameters start at 0.
    """
    shape = comp.shape
    n = len(y)
    theta = np.full(len(comp.names), np.nan)
    util_blocks = {(b.player, b.terminal): (b, X) for b, X in zip(comp.blocks, mats) if b.terminal is not None}
    T = len(shape.terminals)
    Q = {}
    root_terminal = np.array(shape.terminal_nodes)
    for m in shape.postorder:
        kids = shape.children[m]
        if not kids:
            q = np.zeros((n, T))
            q[:, shape.terminal_nodes.index(m)] = 1.0
            Q[m] = q
            continue
        i = shape.movers[m]
        if i == -2:
            Q[m] = sum(pr * Q[c] for pr, c in zip(shape.chance[m], kids))
            continue
        if len(kids) != 2:
            Q[m] = sum(Q[c] for c in kids) / len(kids)
            continue
        diff = Q[kids[0]] - Q[kids[1]]
        offset = (diff * comp.fixed[i]).sum(axis=1)
        cols, slots = [], []
        for t in shape.terminals_below(m):
            if (i, t) not in util_blocks:
                continue
            b, X = util_blocks[(i, t)]
            sl = slice(b.start, b.start + X.shape[1])
            if np.isnan(theta[sl]).any():
                cols.append(diff[:, [t]] * X)
                slots.append(sl)
            else:
                offset = offset + diff[:, t] * (X @ theta[sl])
        reached = np.isin(root_terminal[y], [shape.terminal_nodes[t] for t in shape.terminals_below(m)])
        first = np.isin(root_terminal[y], [shape.terminal_nodes[t] for t in shape.terminals_below(kids[0])])
        if cols:
            Xd = np.column_stack(cols)
            b = _binary_fit(Xd[reached], offset[reached] / np.sqrt(2), first[reached].astype(float), comp.link)
            pos = 0
            for sl in slots:
                w = sl.stop - sl.start
                theta[sl] = np.sqrt(2) * b[pos:pos + w]
                pos += w
            offset = offset + Xd @ theta[np.r_[tuple(slots)]]
        eta = offset / np.sqrt(2)
        p1 = ndtr(eta) if comp.link == "probit" else expit(eta)
        Q[m] = p1[:, None] * Q[kids[0]] + (1 - p1)[:, None] * Q[kids[1]]
    return np.nan_to_num(theta)
