"""The statistical ultimatum game with a continuous offer (Ramsay and Signorino 2009; ``games::ultimatum``).

Player 1 offers ``y`` in ``[0, Q]`` of a pie ``Q``; player 2 accepts when
``y`` exceeds her reservation value ``R2 = Z g`` plus a logistic error of scale
``s2``, so ``Pr(accept | y) = 1 / (1 + exp(-(y - R2) / s2))``. Player 1, whose
reservation value is ``R1 = X b`` and whose own logistic error has scale
``s1``, offers with the distribution

``F(y) = 1 / (1 + exp((Q - y - R1 - s2 (1 + exp((y - R2) / s2))) / s1))``

on the interior, with atoms ``F(0)`` at 0 and ``1 - F(Q)`` at ``Q``; the
log-likelihood adds the acceptance term when acceptance is observed. These
are the formulas of ``games::ultimatum`` (Kenkel and Signorino 2014, §3.3).
The expected offer uses Lambert's W (``scipy.special.lambertw``).
The score is computed by complex-step differentiation (exact to rounding).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import lambertw

from ..errors import ModelError
from .design import design_matrix, parse_equation

__all__ = ["UltimatumFit", "fit_ultimatum"]


@dataclass(frozen=True, eq=False)
class UltimatumFit:
    """A fitted statistical ultimatum game.

    Attributes
    ----------
    coefficients : Series
        ``R1:<column>``, ``R2:<column>``, ``log(s1)``, ``log(s2)``.
    vcov : DataFrame
    log_likelihood : float
    loglik_terms : ndarray
    n_obs : int
    max_offer : float
    converged : bool
    equations : tuple
        The two reservation-value equations (for prediction).
    """

    coefficients: pd.Series
    vcov: pd.DataFrame
    log_likelihood: float
    loglik_terms: np.ndarray
    n_obs: int
    max_offer: float
    converged: bool
    equations: tuple

    @property
    def standard_errors(self) -> pd.Series:
        """Square roots of the diagonal of ``vcov``."""
        return pd.Series(np.sqrt(np.diag(self.vcov.to_numpy())), index=self.coefficients.index)

    def predict(self, newdata: pd.DataFrame) -> pd.DataFrame:
        """Expected offer and probability that it is accepted, per row of ``newdata``."""
        X, Z = (design_matrix(eq, newdata)[0] for eq in self.equations)
        theta = self.coefficients.to_numpy()
        kx = X.shape[1]
        r1, r2 = X @ theta[:kx], Z @ theta[kx:-2]
        s2 = np.exp(theta[-1])
        Q = self.max_offer
        ey = Q - r1 - s2 * (1 + lambertw(np.exp((Q - r1 - s2 - r2) / s2)).real)
        return pd.DataFrame({"E(offer)": ey, "Pr(accept)": 1 / (1 + np.exp(-(ey - r2) / s2))}, index=newdata.index)


def _softplus(z):
    """log(1 + exp(z)), stable on both tails, for real or complex-step arguments."""
    with np.errstate(over="ignore", invalid="ignore"):
        return np.where(z.real > 0, z + np.log1p(np.exp(-z)), np.log1p(np.exp(z)))


def _terms(theta, X, Z, y, acc, Q, tol):
    """Per-observation log-likelihood at a parameter vector."""
    kx = X.shape[1]
    return _index_terms(X @ theta[:kx], Z @ theta[kx:-2], theta[-2], theta[-1], y, acc, Q, tol)


def _index_terms(r1, r2, ls1, ls2, y, acc, Q, tol):
    """Per-observation log-likelihood from the reservation values and log scales, in log space."""
    s1, s2 = np.exp(ls1), np.exp(ls2)
    with np.errstate(over="ignore", invalid="ignore"):
        def a(v):  # player 1's surplus from offering v, net of the acceptance term
            return (Q - v - r1 - s2 * (1 + np.exp((v - r2) / s2))) / s1

        a_y = a(y)
        log_pdf = -a_y - ls1 - 2 * _softplus(-a_y) + _softplus((y - r2) / s2)
        log_low = -_softplus(a(0.0))
        a_q = a(Q)
        log_high = a_q - _softplus(a_q)
        ll = np.where(np.abs(y - Q) < tol, log_high, np.where(np.abs(y) < tol, log_low, log_pdf))
        if acc is not None:
            ll = ll - np.where(acc == 1, _softplus(-(y - r2) / s2), _softplus((y - r2) / s2))
    return ll


def fit_ultimatum(data: pd.DataFrame, *, offer: str, reservation1: str, reservation2: str, max_offer: float,
                  accept: str | None = None, offer_tol: float = 1.5e-8) -> UltimatumFit:
    """Fit the statistical ultimatum game to observed offers (and acceptances) by maximum likelihood.

    Parameters
    ----------
    data : DataFrame
        One row per play; rows with a missing value in a used column are dropped.
    offer : str
        The offer column (between 0 and ``max_offer``).
    reservation1 : str
        Formula of player 1's reservation value (as for :func:`fit`).
    reservation2 : str
        Formula of player 2's reservation value.
    max_offer : float
        The pie ``Q``.
    accept : str, optional
        The 0/1 acceptance column; without it only offers are fitted.
    offer_tol : float
        Offers this close to 0 or ``Q`` count as the corner offers.

    Returns
    -------
    UltimatumFit
        Estimates (reservation values and log scales), standard errors, log-likelihood.

    Examples
    --------
    >>> import bargaining as bg
    >>> rng = np.random.default_rng(0)
    >>> df = pd.DataFrame({"x": rng.normal(size=400)})
    >>> df["offer"] = np.clip(np.round(5 + df["x"] + rng.logistic(size=400), 2), 0, 10)
    >>> df["accept"] = (df["offer"] > 4 + rng.logistic(size=400)).astype(int)
    >>> m = bg.fit_ultimatum(df, offer="offer", accept="accept", reservation1="x",
    ...                      reservation2="1", max_offer=10)
    >>> m.converged, list(m.coefficients.index)
    (True, ['R1:(Intercept)', 'R1:x', 'R2', 'log(s1)', 'log(s2)'])
    >>> p = m.predict(df.head(2))
    >>> bool(((p["Pr(accept)"] > 0) & (p["Pr(accept)"] < 1)).all())
    True
    """
    eqs = (parse_equation(reservation1, where="ultimatum R1: "), parse_equation(reservation2, where="ultimatum R2: "))
    cols = [offer] + ([accept] if accept else []) + [p for eq in eqs for t in eq.terms for p in t.split(":")]
    frame = data.loc[data[cols].notna().all(axis=1)]
    y = frame[offer].to_numpy(float)
    if (y < -offer_tol).any() or (y > max_offer + offer_tol).any():
        raise ModelError(f"ultimatum: offers must lie in [0, {max_offer}]")
    acc = frame[accept].to_numpy(float) if accept else None
    if acc is not None and not np.isin(acc, (0, 1)).all():
        raise ModelError("ultimatum: the acceptance column must be 0/1")
    (X, nx), (Z, nz) = (design_matrix(eq, frame, where="ultimatum: ") for eq in eqs)
    names = [f"R1:{c}" if nx != ["(Intercept)"] else "R1" for c in nx] + \
            [f"R2:{c}" if nz != ["(Intercept)"] else "R2" for c in nz] + ["log(s1)", "log(s2)"]
    b = np.linalg.lstsq(X, max_offer - y, rcond=None)[0]
    g = np.linalg.lstsq(Z, y, rcond=None)[0]
    theta0 = np.concatenate([b, g, [np.log(y.std())] * 2])

    def terms(theta):
        return _terms(theta, X, Z, y, acc, max_offer, offer_tol)

    def score(theta):
        # complex step in the four per-observation indices (R1, R2, log s1, log s2), then the chain rule
        h = 1e-20
        kx = X.shape[1]
        base = [X @ theta[:kx] + 0j, Z @ theta[kx:-2] + 0j, np.full(len(y), theta[-2] + 0j),
                np.full(len(y), theta[-1] + 0j)]
        d = []
        for j in range(4):
            args = list(base)
            args[j] = args[j] + 1j * h
            d.append(_index_terms(*args, y, acc, max_offer, offer_tol).imag / h)
        return np.column_stack([d[0][:, None] * X, d[1][:, None] * Z, d[2], d[3]])

    def negative(theta):
        ll = terms(theta)
        if not np.all(np.isfinite(ll)):
            return np.inf, np.zeros_like(theta)
        return -ll.sum(), -score(theta).sum(axis=0)

    res = minimize(negative, theta0, jac=True, method="BFGS", options={"gtol": 1e-8, "maxiter": 5000})
    theta = res.x
    k = len(theta)
    H = np.empty((k, k))
    for j in range(k):
        step = 1e-5 * max(1.0, abs(theta[j]))
        up, down = theta.copy(), theta.copy()
        up[j] += step
        down[j] -= step
        H[:, j] = (score(up).sum(axis=0) - score(down).sum(axis=0)) / (2 * step)
    H = 0.5 * (H + H.T)
    try:
        vcov = np.linalg.inv(-H)
    except np.linalg.LinAlgError:
        vcov = np.full((k, k), np.nan)
    ll = terms(theta)
    converged = bool(np.max(np.abs(score(theta).sum(axis=0))) < 1e-4)
    return UltimatumFit(pd.Series(theta, index=names), pd.DataFrame(vcov, index=names, columns=names),
                        float(ll.sum()), ll, len(y), float(max_offer), converged, eqs)
