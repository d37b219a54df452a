"""The record of a strategic fit: estimates, standard errors, information criteria, tables, prediction.

A :class:`StrategicFit` says how it was obtained (link, error structure,
convergence, number of observations) next to the estimates, and carries what
prediction, profiling and bootstrapping need (the compiled model and the data
used). Its methods delegate to the functions of :mod:`.inference` in one line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.stats import norm

__all__ = ["StrategicFit"]


@dataclass(frozen=True, eq=False)
class StrategicFit:
    """A fitted strategic model.

    Attributes
    ----------
    coefficients : Series
        Estimates by parameter name (``u1(war):balanc`` style).
    vcov : DataFrame
        Inverse of the negative Hessian of the log-likelihood.
    log_likelihood : float
    loglik_terms : ndarray
        Each observation's log-likelihood (for the Vuong test).
    n_obs : int
    link, errors : str
    converged : bool
    message : str
        The optimiser's message.
    outcomes : tuple of str
        Outcome labels in terminal order.
    model : Compiled
    y : ndarray
        Observed terminal positions.
    data : DataFrame
        The rows used.
    outcome : str or list
        The outcome column(s).
    """

    coefficients: pd.Series
    vcov: pd.DataFrame
    log_likelihood: float
    loglik_terms: np.ndarray = field(repr=False)
    n_obs: int = 0
    link: str = "probit"
    errors: str = "agent"
    converged: bool = True
    message: str = ""
    outcomes: tuple = ()
    model: object = field(default=None, repr=False)
    y: np.ndarray = field(default=None, repr=False)
    data: pd.DataFrame = field(default=None, repr=False)
    outcome: object = None

    @property
    def standard_errors(self) -> pd.Series:
        """Square roots of the diagonal of ``vcov``."""
        return pd.Series(np.sqrt(np.diag(self.vcov.to_numpy())), index=self.coefficients.index)

    @property
    def k(self) -> int:
        """Number of estimated parameters."""
        return len(self.coefficients)

    @property
    def aic(self) -> float:
        """Akaike's information criterion, ``2k - 2 log L``."""
        return 2 * self.k - 2 * self.log_likelihood

    @property
    def bic(self) -> float:
        """Schwarz's criterion, ``k log n - 2 log L``."""
        return self.k * np.log(self.n_obs) - 2 * self.log_likelihood

    def summary(self) -> pd.DataFrame:
        """Estimates, standard errors, z values and two-sided p values, one row per parameter."""
        se = self.standard_errors
        z = self.coefficients / se
        return pd.DataFrame({"estimate": self.coefficients, "std_error": se, "z": z,
                             "p_value": 2 * norm.sf(np.abs(z))})

    def to_text(self, digits: int = 4) -> str:
        """The summary as a fixed-width table with the log-likelihood, AIC and BIC."""
        table = self.summary().round(digits).to_string()
        head = (f"Strategic model: {self.errors} errors, {self.link} link, {self.n_obs} observations"
                f"{'' if self.converged else ' (NOT CONVERGED)'}")
        foot = f"Log-likelihood: {self.log_likelihood:.{digits}f}   AIC: {self.aic:.{digits}f}   BIC: {self.bic:.{digits}f}"
        return f"{head}\n{table}\n{foot}"

    def to_latex(self, digits: int = 3) -> str:
        """The summary as a LaTeX tabular (estimate and standard error per row)."""
        rows = [r"\begin{tabular}{lrr}", r"\hline", r"Parameter & Estimate & Std.\ error \\", r"\hline"]
        for name, row in self.summary().iterrows():
            label = name.replace("_", r"\_")
            rows.append(f"{label} & {row['estimate']:.{digits}f} & {row['std_error']:.{digits}f} \\\\")
        rows += [r"\hline", f"Log-likelihood & \\multicolumn{{2}}{{r}}{{{self.log_likelihood:.{digits}f}}} \\\\",
                 f"$N$ & \\multicolumn{{2}}{{r}}{{{self.n_obs}}} \\\\", r"\hline", r"\end{tabular}"]
        return "\n".join(rows)

    def predict(self, newdata: pd.DataFrame | None = None) -> pd.DataFrame:
        """Outcome probabilities for each row of ``newdata`` (default: the fitted rows)."""
        from .inference import predict

        return predict(self, newdata)

    def profile(self, name: str, values=None, *, points: int = 9, width: float = 2.0) -> pd.DataFrame:
        """The profile log-likelihood of one parameter (see :func:`profile_likelihood`)."""
        from .inference import profile_likelihood

        return profile_likelihood(self, name, values, points=points, width=width)

    def bootstrap(self, reps: int = 100, *, seed=None) -> pd.DataFrame:
        """Estimates refitted on resampled rows (see :func:`bootstrap_fit`)."""
        from .inference import bootstrap_fit

        return bootstrap_fit(self, reps, seed=seed)
