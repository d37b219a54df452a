"""Drawing parameters from their plausible ranges, seeded.

Shared by the Monte Carlo analysis (:mod:`bargaining.analysis.uncertainty`) and the
Sobol indices (:mod:`bargaining.analysis.sobol`). Randomness goes through one
:class:`numpy.random.Generator`, made from the ``seed`` argument.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import sympy

from ..errors import BargainingError, ModelError

__all__ = ["draw", "as_function"]


def _ranges(model) -> dict:
    """Parameter name -> (lo, hi, default) as floats, from a model or a mapping of ranges."""
    if hasattr(model, "parameters"):
        out = {}
        for name, p in model.parameters.items():
            lo, hi = (p.value, p.value) if getattr(p, "range", None) is None else p.range
            out[name] = (float(lo), float(hi), float(p.value))
        return out
    if isinstance(model, Mapping):
        out = {}
        for name, rng in model.items():
            lo, hi = (float(v) for v in rng)
            out[name] = (lo, hi, (lo + hi) / 2)
        return out
    raise BargainingError("expected a model (with .parameters) or a mapping name -> (lo, hi)")


def _rng(seed):
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)


def draw(model, samples: int, *, seed=None, distributions=None, exclude=()) -> dict:
    """Draw every parameter with a non-zero-width range; fixed ones stay at their value.

    Parameters
    ----------
    model : Model or mapping of name -> (lo, hi)
    samples : int
    seed : None, int or numpy.random.Generator
    distributions : mapping of name -> scipy.stats frozen distribution or number, optional
        Replaces the uniform distribution on the parameter's range (a number
        holds the parameter fixed there). Drawn by inverse transform of the
        same uniforms, so a seed fixes the draw.
    exclude : iterable of str
        Parameters not to draw (left out of the result).

    Returns
    -------
    dict of name -> numpy.ndarray of shape (samples,)

    Examples
    --------
    >>> d = draw({"a": (0, 1), "b": (2, 2)}, 4, seed=1)
    >>> d["b"].tolist(), bool(((0 <= d["a"]) & (d["a"] <= 1)).all())
    ([2.0, 2.0, 2.0, 2.0], True)
    """
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or samples < 1:
        raise BargainingError(f"samples must be a positive integer, got {samples!r}")
    ranges = {k: v for k, v in _ranges(model).items() if k not in set(exclude)}
    distributions = dict(distributions or {})
    for name, dist in list(distributions.items()):
        if name not in ranges:
            raise ModelError(f"distribution for {name!r}: not a parameter to draw; choose from {sorted(ranges)}")
        if isinstance(dist, (int, float, np.integer, np.floating)) and not isinstance(dist, bool):
            ranges[name] = (float(dist), float(dist), float(dist))  # held fixed at this value
            del distributions[name]
        elif not hasattr(dist, "ppf"):
            raise BargainingError(f"distribution for {name!r} must be a scipy.stats frozen distribution or a number")
    varied = [k for k, (lo, hi, _) in ranges.items() if hi > lo or k in distributions]
    u = _rng(seed).random((int(samples), len(varied)))
    out = {}
    for name, (lo, hi, value) in ranges.items():
        if name in varied:
            col = u[:, varied.index(name)]
            dist = distributions.get(name)
            out[name] = np.asarray(dist.ppf(col), dtype=float) if dist is not None else lo + (hi - lo) * col
            if not np.isfinite(out[name]).all():
                raise BargainingError(f"the distribution of {name!r} gave values that are not finite numbers")
        else:
            out[name] = np.full(int(samples), value)
    return out


def as_function(expression, names):
    """A vectorised function of the parameter arrays (by name) from a sympy expression."""
    symbols = sorted(expression.free_symbols, key=lambda s: s.name)
    unknown = [s.name for s in symbols if s.name not in names]
    if unknown:
        raise ModelError(f"expression {expression} uses unknown parameters {unknown}")
    f = sympy.lambdify(symbols, expression, modules="numpy")

    def evaluate(values: Mapping) -> np.ndarray:
        n = len(next(iter(values.values())))
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.asarray(f(*(values[s.name] for s in symbols)))
        if np.iscomplexobj(out):
            out = np.where(np.abs(out.imag) <= 1e-12, out.real, np.nan)
        return np.broadcast_to(out.astype(float), (n,)).copy()

    return evaluate
