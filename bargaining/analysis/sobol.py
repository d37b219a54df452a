"""Sobol sensitivity indices of a scalar output, with SALib.

First-order and total indices (Saltelli's scheme on a scrambled Sobol
sequence) of a threshold, or of any scalar function of the parameters, with
respect to the parameters that have a plausible range.

References
----------
A. Saltelli et al., "Variance based sensitivity analysis of model output",
*Computer Physics Communications* 181 (2010) 259-270.
J. Herman and W. Usher, "SALib: an open-source Python library for
sensitivity analysis", *JOSS* 2 (2017) 97.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import sympy

from ..errors import BargainingError, ModelError
from ..modelling.sampling import _ranges, _rng, as_function

__all__ = ["sobol"]


def _output_function(model, output, names):
    """(function of a dict of arrays, description, the sympy expression or None, its own parameter)."""
    if callable(output) and not isinstance(output, sympy.Basic):
        return output, getattr(output, "__name__", "output"), None, None
    if hasattr(output, "expression") and hasattr(output, "parameter"):  # a Threshold record
        expr = output.expression
        return as_function(expr, names), f"{output.parameter}* = {expr}", expr, output.parameter
    if isinstance(output, str):
        from .thresholds import thresholds

        if not hasattr(model, "symbolic_game"):
            raise BargainingError("a threshold given by name needs a model")
        for t in thresholds(model, "R"):
            if sympy.sstr(t.expression) == output:
                return as_function(t.expression, names), f"{t.parameter}* = {output}", t.expression, t.parameter
        raise BargainingError(f"no threshold {output!r}; give a Threshold record, a sympy expression or a callable")
    if isinstance(output, sympy.Basic):
        return as_function(output, names), sympy.sstr(output), output, None
    raise BargainingError("output must be a Threshold, a sympy expression, a threshold's expression text or a callable")


def sobol(model, output, *, samples: int = 1024, seed=None, parameters=None, scenario=None,
          distributions=None, conf_level: float = 0.95) -> pd.DataFrame:
    """First-order and total Sobol indices of a scalar output, with confidence intervals.

    Parameters
    ----------
    model : Model or mapping of name -> (lo, hi)
        Where the parameters' ranges come from: a model's plausible ranges
        (held at their value when a parameter has none), or explicit ranges.
    output : Threshold, sympy expression, str or callable
        A threshold (its expression in the other parameters; a string must be
        the expression as printed, ``"kappa*s/w"``), any sympy expression in
        the parameters, or a function taking a dict of parameter arrays
        (shape ``(n,)``) and returning an array of shape ``(n,)``.
    samples : int
        SALib's base sample size N, a power of 2 (rounded up to one); the
        output is evaluated ``N * (d + 2)`` times for ``d`` parameters.
    seed : None, int or numpy.random.Generator
        Seeds both the Sobol sequence's scrambling and the bootstrap.
    parameters : sequence of str, optional
        The parameters to vary: by default every one with a non-zero-width
        range (the threshold's own parameter excepted). The others are held
        at their default (or ``scenario``) values.
    scenario : str, optional
        Where the parameters that do not vary are held.
    distributions : mapping of name -> scipy.stats frozen distribution, optional
        Instead of uniform on the range (inverse transform of the unit cube:
        the indices are those of the transformed inputs).
    conf_level : float
        Level of the bootstrap confidence intervals.

    Returns
    -------
    pandas.DataFrame
        Index: parameter; columns ``S1``, ``S1_conf``, ``ST``, ``ST_conf``
        (the ``_conf`` columns are half-widths). ``attrs`` records the
        output, N and the number of evaluations.

    Raises
    ------
    BargainingError
        If the output is not finite at some sample, or has the wrong shape.

    References
    ----------
    A. Saltelli et al., *Computer Physics Communications* 181 (2010) 259-270;
    SALib: J. Herman and W. Usher, *JOSS* 2 (2017) 97.

    Examples
    --------
    >>> import bargaining as bg
    >>> belarus = bg.load_model("russia_belarus")
    >>> r1 = bg.thresholds(belarus)[-1]          # R1 = kappa*s/w
    >>> idx = bg.sobol(belarus, r1, samples=256, seed=1)
    >>> sorted(idx.index)
    ['kappa', 'w']
    >>> bool(idx.loc["w", "ST"] > idx.loc["kappa", "ST"])
    True
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    ranges = _ranges(model)
    fn, described, expr, own = _output_function(model, output, set(ranges))
    dists = dict(distributions or {})
    if parameters is None:
        used = set(ranges) if expr is None else {s.name for s in expr.free_symbols}
        parameters = [k for k, (lo, hi, _) in ranges.items() if (hi > lo or k in dists) and k != own and k in used]
    parameters = list(parameters)
    unknown = [k for k in parameters if k not in ranges]
    if unknown or not parameters:
        raise ModelError(f"parameters to vary: {unknown or 'none'}; choose from {sorted(ranges)}")
    n = 1 << max(int(samples) - 1, 1).bit_length()
    rng = _rng(seed)
    sample_seed, analyze_seed = (int(v) for v in rng.integers(1, 2**31 - 1, size=2))
    problem = {"num_vars": len(parameters), "names": parameters, "bounds": [[0.0, 1.0]] * len(parameters)}
    unit = sobol_sample.sample(problem, n, calc_second_order=False, seed=sample_seed)
    if hasattr(model, "parameters"):
        held = {k: float(v) for k, v in model.values(scenario).items()}
    else:
        held = {k: v[2] for k, v in ranges.items()}
    values = {k: np.full(len(unit), held[k]) for k in ranges}
    for col, name in enumerate(parameters):
        lo, hi, _ = ranges[name]
        u = unit[:, col]
        values[name] = np.asarray(dists[name].ppf(u), dtype=float) if name in dists else lo + (hi - lo) * u
    y = np.asarray(fn(values), dtype=float)
    if y.shape != (len(unit),):
        raise BargainingError(f"the output gave shape {y.shape}; expected ({len(unit)},): one value per sample")
    if not np.isfinite(y).all():
        raise BargainingError(f"the output {described} is not finite at {int((~np.isfinite(y)).sum())} samples")
    si = sobol_analyze.analyze(problem, y, calc_second_order=False, conf_level=conf_level,
                               print_to_console=False, seed=analyze_seed)
    table = pd.DataFrame({key: np.asarray(si[key], dtype=float) for key in ("S1", "S1_conf", "ST", "ST_conf")},
                         index=pd.Index(parameters, name="parameter"))
    table.attrs.update({"output": described, "N": n, "evaluations": len(unit), "conf_level": conf_level})
    return table
