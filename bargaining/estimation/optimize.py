"""Maximising a compiled model's log-likelihood: BFGS on the exact score, Newton polishing, the Hessian.

BFGS (scipy) runs to a gradient-norm tolerance; Newton steps on the Hessian
(central differences of the exact score, as R's ``maxLik`` does with an
analytic gradient) then polish the optimum, so estimates are stable to many
more digits than any table prints.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize

__all__ = ["maximize", "hessian"]


def maximize(comp, mats, y, theta0, *, gtol=1e-8, want_hessian=False):
    """Maximise the log-likelihood from ``theta0``: BFGS, then Newton polishing.

    Returns
    -------
    theta, converged, message
        And the Hessian at ``theta`` when ``want_hessian`` (the polishing
        Hessian is reused when the polish moved less than 1e-7).
    """

    def negative(theta):
        ll, score = comp.loglik(theta, mats, y)
        return -ll.sum(), -score.sum(axis=0)

    res = minimize(negative, theta0, jac=True, method="BFGS", options={"gtol": gtol, "maxiter": 5000})
    theta = res.x
    H, H_at = None, None
    for _ in range(6):
        f, g = negative(theta)
        if np.max(np.abs(g)) < 1e-9:
            break
        if H is None:
            H, H_at = hessian(comp, mats, y, theta), theta.copy()
        try:
            step = np.linalg.solve(H, g)  # H: Hessian of the log-likelihood; g: the negative score
        except np.linalg.LinAlgError:
            break
        if negative(theta + step)[0] <= f + 1e-12:
            theta = theta + step
        else:
            break
    g = negative(theta)[1]
    converged = bool(np.max(np.abs(g)) < max(gtol, 1e-6) * max(1.0, len(y) ** 0.5))
    if not want_hessian:
        return theta, converged, str(res.message)
    if H is None or np.max(np.abs(theta - H_at)) > 1e-7:
        H = hessian(comp, mats, y, theta)
    return theta, converged, str(res.message), H


def hessian(comp, mats, y, theta):
    """Hessian of the log-likelihood by central differences of the exact score."""
    k = len(theta)
    H = np.empty((k, k))
    for j in range(k):
        h = 1e-5 * max(1.0, abs(theta[j]))
        up, down = theta.copy(), theta.copy()
        up[j] += h
        down[j] -= h
        H[:, j] = (comp.loglik(up, mats, y)[1].sum(axis=0) - comp.loglik(down, mats, y)[1].sum(axis=0)) / (2 * h)
    return 0.5 * (H + H.T)
