"""Sweeps: every equilibrium of a model at many parameter points, as one tidy table.

The model's payoff expressions (already parsed into sympy by the model
loader; no model text is evaluated here) are compiled once per model with
:func:`sympy.lambdify` into numpy functions, evaluated on broadcast parameter
arrays, and the stack of games is solved at once by
:func:`bargaining.batch.solver.batch_equilibria` (degenerate games, such as those
exactly at a threshold, are re-solved exactly there).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import sympy

from ..errors import BargainingError
from .sensitivity import symbolic_form

__all__ = ["sweep", "payoff_arrays"]

#: The most points one sweep solves (memory grows with the points times the equilibria per point).
MAX_POINTS = 1_000_000


@lru_cache(maxsize=64)
def _compiled(A, B, symbols: tuple):
    """One numpy function per payoff entry, all taking the parameters in ``symbols`` order."""
    return tuple(
        tuple(tuple(sympy.lambdify(symbols, M[i, j], modules="numpy") for j in range(M.cols)) for i in range(M.rows))
        for M in (A, B)
    )


def payoff_arrays(form, arrays: dict, n: int):
    """Stacked float payoffs ``(A, B)``, shape ``(n, rows, cols)``, at ``n`` parameter points.

    ``arrays`` maps every parameter name to a float array of length ``n``.
    """
    symbols = tuple(sym for _, sym in form.symbols)
    args = [arrays[name] for name, _ in form.symbols]
    out = []
    with np.errstate(divide="ignore", invalid="ignore"):
        for funcs in _compiled(form.A, form.B, symbols):
            stack = np.empty((n, len(funcs), len(funcs[0])))
            for i, row in enumerate(funcs):
                for j, f in enumerate(row):
                    stack[:, i, j] = np.broadcast_to(np.asarray(f(*args), dtype=float), (n,))
            out.append(stack)
    if not (np.isfinite(out[0]).all() and np.isfinite(out[1]).all()):
        raise BargainingError("a payoff is not finite at some sweep point (a parameter at 0?)")
    return out[0], out[1]


def _solve(A, B, form, values):
    from ..batch.solver import batch_equilibria

    out = batch_equilibria(A, B, exact_fallback=False)
    flagged = np.flatnonzero(out.degenerate_games)
    if not len(flagged):
        return out.game, out.x, out.y, out.payoffs, out.is_pure, out.degenerate
    # A flagged game (typically exactly at a threshold) is re-solved from the
    # exact parameter values, not from float payoffs whose rounding breaks ties.
    keep = ~out.degenerate
    parts = [(out.game[keep], out.x[keep], out.y[keep], out.payoffs[keep], out.is_pure[keep])]
    for k in flagged:
        parts.append(_exact_rows(form, values, int(k)))
    game = np.concatenate([p[0] for p in parts])
    order = np.argsort(game, kind="stable")
    x, y, payoffs, pure = (np.concatenate([p[i] for p in parts])[order] for i in range(1, 5))
    game = game[order]
    return game, x, y, payoffs, pure, np.asarray(out.degenerate_games)[game]


def _exact_rows(form, values, k):
    from ..games.equilibria import equilibria
    from .sensitivity import exact_number, game_at

    substitution = {sym: exact_number(float(values[name][k])) for name, sym in form.symbols}
    found = equilibria(game_at(form, substitution), exact=True)
    x = np.array([e.as_float()[0] for e in found])
    y = np.array([e.as_float()[1] for e in found])
    payoffs = np.array([[float(u) for u in e.payoffs] for e in found])
    return np.full(len(found), k, dtype=np.int64), x, y, payoffs, np.array([e.is_pure for e in found])


def sweep(model, *, scenario=None, **arrays) -> pd.DataFrame:
    """Every equilibrium at every point of a parameter sweep.

    Parameters
    ----------
    model : Model
        A loaded model whose game is solved at every point.
    scenario : str, optional
        The scenario giving the parameters that are not swept.
    **arrays
        Parameter name -> value or array of values. Arrays broadcast against
        each other with numpy's rules: paired arrays of equal length give one
        point per pair, ``R=r[:, None], w=w[None, :]`` a grid.

    Returns
    -------
    pandas.DataFrame
        Tidy: one row per (point, equilibrium). Columns: ``point`` (index of
        the point in the flattened broadcast), the swept parameters' values,
        ``equilibrium`` (index within the point, in
        :func:`bargaining.games.equilibria` order), one probability column per
        strategy named ``"<player>:<strategy>"``, ``"payoff:<player>"``,
        ``pure`` and ``degenerate`` (the game was flagged as possibly
        degenerate and re-solved exactly from the parameter values, each
        float read as its shortest decimal, e.g. 0.6 as 3/5: its rows are its
        extreme equilibria).

    Raises
    ------
    BargainingError
        On an unknown parameter, arrays that do not broadcast, or a payoff
        that is not finite at some point.

    Examples
    --------
    >>> import numpy as np, bargaining as bg
    >>> table = bg.sweep(bg.load_model("russia_belarus"), R=np.array([0.5, 0.75, 1.0]))
    >>> table[["R", "Russia:Subsidize", "Belarus:Align", "pure"]].round(3).values.tolist()
    [[0.5, 0.0, 0.0, True], [0.75, 0.6, 0.75, False], [1.0, 1.0, 1.0, True]]
    """
    form = symbolic_form(model, scenario)
    names = [name for name, _ in form.symbols]
    unknown = sorted(set(arrays) - set(names))
    if unknown:
        raise BargainingError(f"unknown parameter(s) {unknown}; the model has {names}")
    if not arrays:
        raise BargainingError("give at least one parameter to sweep, e.g. R=numpy.linspace(0.2, 1.5, 131)")
    try:
        swept = dict(zip(arrays, np.broadcast_arrays(*[np.asarray(v, dtype=float) for v in arrays.values()])))
    except ValueError as err:
        raise BargainingError(f"the swept arrays do not broadcast: {err}") from None
    swept = {k: v.reshape(-1) for k, v in swept.items()}
    n = len(next(iter(swept.values())))
    if n == 0:
        raise BargainingError("the sweep has no points")
    if n > MAX_POINTS:
        raise BargainingError(f"the sweep has {n:,} points, more than the limit {MAX_POINTS:,} (split it into "
                              "chunks and concatenate the tables)")
    if not all(np.isfinite(v).all() for v in swept.values()):
        raise BargainingError("the swept values must be finite numbers (no nan or inf)")
    values = {name: np.full(n, float(v)) for name, v in form.values}
    values.update(swept)
    A, B = payoff_arrays(form, values, n)
    game, x, y, payoffs, is_pure, degenerate = _solve(A, B, form, values)
    game = np.asarray(game, dtype=np.int64)
    columns = {"point": game}
    for name in swept:
        columns[name] = swept[name][game]
    starts = np.searchsorted(game, game, side="left")
    columns["equilibrium"] = np.arange(len(game)) - starts
    (p1, p2), (rows, cols) = form.players, form.strategies
    for k, name in enumerate(rows):
        columns[f"{p1}:{name}"] = np.asarray(x)[:, k]
    for k, name in enumerate(cols):
        columns[f"{p2}:{name}"] = np.asarray(y)[:, k]
    columns[f"payoff:{p1}"] = np.asarray(payoffs)[:, 0]
    columns[f"payoff:{p2}"] = np.asarray(payoffs)[:, 1]
    columns["pure"] = np.asarray(is_pure, dtype=bool)
    columns["degenerate"] = np.asarray(degenerate, dtype=bool)
    return pd.DataFrame(columns)
