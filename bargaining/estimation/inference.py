"""After a fit: predicted outcome probabilities, likelihood profiles, the bootstrap, and Vuong's test.

:func:`vuong` compares two non-nested models fitted to the same observations
(Vuong 1989; Clarke 2007 for the strategic-model use): the statistic is the
mean of the per-observation log-likelihood ratios over its standard error,
optionally corrected by the Schwarz (BIC) or Akaike penalty, asymptotically
standard normal under the null that both models fit equally well.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import norm

from ..errors import ModelError
from .optimize import maximize

__all__ = ["predict", "profile_likelihood", "bootstrap_fit", "vuong", "VuongTest", "simulate_outcomes"]


def predict(result, newdata: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each outcome's probability under a fitted model, for new rows or the fitted ones.

    Parameters
    ----------
    result : StrategicFit
        A fitted model.
    newdata : DataFrame, optional
        Rows with the covariates the utilities use (default: the rows fitted).

    Returns
    -------
    DataFrame
        One column ``Pr(<outcome>)`` per terminal, rows summing to one.

    Examples
    --------
    >>> import bargaining as bg
    >>> df = pd.DataFrame({"y": ["a", "b", "c", "b", "c", "a", "c", "c"]})
    >>> m = bg.fit(bg.egame12(), df, utilities={"u11": "1", "u14": "1", "u24": "1"}, outcome="y")
    >>> p = m.predict(df.iloc[:1])
    >>> [round(v, 3) for v in p.iloc[0]]      # the sample shares 2/8, 2/8, 4/8
    [0.25, 0.25, 0.5]
    """
    comp = result.model
    frame = result.data if newdata is None else newdata
    mats = comp.matrices(frame)
    P, _ = comp.probabilities(result.coefficients.to_numpy(), mats)
    return pd.DataFrame(P, index=frame.index, columns=[f"Pr({label})" for label in result.outcomes])


def _refit(result, theta_fixed=None, fixed_index=None, frame=None, y=None, start=None):
    comp = result.model
    frame = result.data if frame is None else frame
    y = result.y if y is None else y
    mats = comp.matrices(frame)
    theta = result.coefficients.to_numpy() if start is None else start
    if fixed_index is None:
        return maximize(comp, mats, y, theta)
    free = np.arange(len(theta)) != fixed_index

    class Restricted:
        def loglik(self, t, m, yy, grad=True):
            full = np.empty(len(free))
            full[free], full[~free] = t, theta_fixed
            ll, score = comp.loglik(full, m, yy, grad)
            return ll, (score[:, free] if score is not None else None)

    t, ok, _ = maximize(Restricted(), mats, y, theta[free])
    full = np.empty(len(free))
    full[free], full[~free] = t, theta_fixed
    return full, ok, Restricted().loglik(t, mats, y, grad=False)[0].sum()


def profile_likelihood(result, name: str, values=None, *, points: int = 9, width: float = 2.0) -> pd.DataFrame:
    """The profile log-likelihood of one parameter: the others re-maximised at each fixed value.

    Parameters
    ----------
    result : StrategicFit
        A fitted model.
    name : str
        A parameter name.
    values : sequence of float, optional
        Values to fix it at (default: ``points`` values within ``width``
        standard errors of the estimate).
    points : int
        How many default values.
    width : float
        Half-width of the default range, in standard errors.

    Returns
    -------
    DataFrame
        Columns ``value``, ``log_likelihood``, ``converged`` and one per parameter
        (the profile's other estimates). A value whose log-likelihood exceeds
        the fit's signals that the fit stopped at a local maximum.

    Examples
    --------
    >>> import bargaining as bg
    >>> df = pd.DataFrame({"y": ["a", "b", "c", "b", "c", "a", "c", "c"]})
    >>> m = bg.fit(bg.egame12(), df, utilities={"u11": "1", "u14": "1", "u24": "1"}, outcome="y")
    >>> prof = bg.profile_likelihood(m, "u2(c)", points=3)
    >>> bool(prof["log_likelihood"].max() <= m.log_likelihood + 1e-8)
    True
    """
    names = list(result.coefficients.index)
    if name not in names:
        raise ModelError(f"estimation: no parameter {name!r} (parameters {names})")
    j = names.index(name)
    if values is None:
        est, se = result.coefficients[name], result.standard_errors[name]
        se = se if np.isfinite(se) and se > 0 else 1.0
        values = np.linspace(est - width * se, est + width * se, points)
    rows = []
    for v in values:
        theta, ok, ll = _refit(result, float(v), j)
        rows.append({"value": float(v), "log_likelihood": float(ll), "converged": ok,
                     **dict(zip(names, theta))})
    return pd.DataFrame(rows)


def bootstrap_fit(result, reps: int = 100, *, seed=None) -> pd.DataFrame:
    """Refit on ``reps`` resamples of the rows (with replacement), from the estimates.

    Parameters
    ----------
    result : StrategicFit
        A fitted model.
    reps : int
        Number of resamples.
    seed : None, int or numpy Generator
        Seed of the resampling.

    Returns
    -------
    DataFrame
        One row per resample, one column per parameter, plus ``converged``.
        Their standard deviations are bootstrap standard errors.

    Examples
    --------
    >>> import bargaining as bg
    >>> df = pd.DataFrame({"y": ["a", "b", "c", "b", "c", "a", "c", "c"] * 5})
    >>> m = bg.fit(bg.egame12(), df, utilities={"u11": "1", "u14": "1", "u24": "1"}, outcome="y")
    >>> boot = bg.bootstrap_fit(m, 5, seed=0)
    >>> boot.shape
    (5, 4)
    """
    rng = np.random.default_rng(seed)
    rows = []
    n = result.n_obs
    for _ in range(reps):
        take = rng.integers(0, n, n)
        theta, ok, _ = _refit(result, frame=result.data.iloc[take], y=result.y[take])
        rows.append({**dict(zip(result.coefficients.index, theta)), "converged": ok})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class VuongTest:
    """Vuong's non-nested test of two fitted models.

    Attributes
    ----------
    statistic : float
        Standardised mean log-likelihood ratio (model 1 minus model 2), corrected.
    p_value : float
        Two-sided.
    preferred : str
        ``"model 1"``, ``"model 2"`` or ``"neither"`` at ``level``.
    correction : str
    level : float
    """

    statistic: float
    p_value: float
    preferred: str
    correction: str
    level: float


def vuong(model1, model2, *, correction: str = "none", level: float = 0.05) -> VuongTest:
    """Vuong's (1989) test between two non-nested models fitted to the same observations.

    Parameters
    ----------
    model1 : StrategicFit
        The first model.
    model2 : StrategicFit
        The second model, fitted to the same rows.
    correction : {"none", "bic", "aic"}
        Penalty for the difference in the number of parameters.
    level : float
        Significance level of the verdict.

    Returns
    -------
    VuongTest
        The statistic, its p value and the verdict.

    Examples
    --------
    >>> import bargaining as bg
    >>> df = pd.DataFrame({"y": ["a", "b", "c", "b", "c", "a", "c", "c"] * 5})
    >>> spec = {"u11": "1", "u14": "1", "u24": "1"}
    >>> m1 = bg.fit(bg.egame12(), df, utilities=spec, outcome="y")
    >>> m2 = bg.fit(bg.egame12(), df, utilities=spec, outcome="y", errors="private")
    >>> bg.vuong(m1, m2).preferred          # both saturate the three shares
    'neither'
    """
    a, b = np.asarray(model1.loglik_terms), np.asarray(model2.loglik_terms)
    if a.shape != b.shape:
        raise ModelError("estimation: the Vuong test needs the same observations in both models")
    n = len(a)
    d = a - b
    penalty = {"none": 0.0, "bic": (model1.k - model2.k) * np.log(n) / 2, "aic": float(model1.k - model2.k)}
    if correction not in penalty:
        raise ModelError(f"estimation: correction must be 'none', 'bic' or 'aic', not {correction!r}")
    sd = d.std(ddof=1)
    if sd < 1e-12 * max(1.0, np.abs(d).max()):
        stat = 0.0
    else:
        stat = (d.sum() - penalty[correction]) / (np.sqrt(n) * sd)
    p = float(2 * norm.sf(abs(stat)))
    preferred = "neither" if p >= level else ("model 1" if stat > 0 else "model 2")
    return VuongTest(float(stat), p, preferred, correction, level)


def simulate_outcomes(tree, data: pd.DataFrame, *, utilities: dict, coefficients, link="probit",
                      errors="agent", scale=None, outcomes=None, seed=None) -> pd.Series:
    """Draw one outcome per row from a strategic model at known parameters.

    Parameters
    ----------
    tree : GameTree
        A perfect-information tree (payoffs ignored).
    data : DataFrame
        The covariates.
    utilities : dict
        As for :func:`fit`.
    coefficients : dict or Series
        Parameter values by name (the names :func:`fit` would give).
    link, errors, scale
        As for :func:`fit`.
    outcomes : sequence of str, optional
        Outcome labels in terminal order (default: the terminal ids).
    seed : None, int or numpy Generator
        Seed of the draws.

    Returns
    -------
    Series
        The outcome label drawn for each row.

    Examples
    --------
    >>> import bargaining as bg
    >>> df = pd.DataFrame({"x": np.zeros(4)})
    >>> spec = {"u11": "1", "u14": 0, "u24": "1"}
    >>> y = bg.simulate_outcomes(bg.egame12(), df, utilities=spec,
    ...                          coefficients={"u1(1)": 50.0, "u2(4)": 0.0}, seed=0)
    >>> y.tolist()                        # player 1 ends the game at once
    ['1', '1', '1', '1']
    """
    from .model import compile_model
    from .shapes import shape_of

    shape = shape_of(tree)
    labels = tuple(outcomes) if outcomes is not None else tuple(shape.terminals)
    comp = compile_model(shape, labels, utilities, data, link=link, errors=errors, scale=scale)
    coefficients = pd.Series(coefficients, dtype=float)
    missing = [n for n in comp.names if n not in coefficients.index]
    if missing:
        raise ModelError(f"estimation: coefficients missing for {missing}")
    P, _ = comp.probabilities(coefficients[list(comp.names)].to_numpy(), comp.matrices(data))
    u = np.random.default_rng(seed).random(len(data))
    picks = (P.cumsum(axis=1) < u[:, None]).sum(axis=1)
    picks = np.minimum(picks, P.shape[1] - 1)
    return pd.Series([labels[i] for i in picks], index=data.index, name="outcome")
