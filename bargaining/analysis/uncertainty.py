"""Monte Carlo over parameter ranges: how likely each regime is, at each R.

:func:`uncertainty` draws every parameter but one (``R`` by default) from its
plausible range and reports, at each value of that one, the probability of
each *regime*: the type of the equilibrium set (its supports and best
responses, :func:`bargaining.analysis.sensitivity.signature`), named without
probabilities by :func:`bargaining.analysis.sensitivity.regime_words`, e.g.
``Russia: Subsidize · Belarus: Align`` or ``Russia: Subsidize/Cut · Belarus: Align/Hedge``. It also gives the quantiles of each threshold
(:func:`bargaining.analysis.thresholds.thresholds`) over the same draws.

No game is solved per sample. The type of the equilibrium set can change only
where one of the conditions that define the thresholds crosses zero: a payoff
difference that decides a best response, or a support condition of a mixed
equilibrium (von Stengel 2007, section 3.3). Those conditions are evaluated
vectorised (:func:`sympy.lambdify`) on every (sample, grid point); each
distinct pattern of their signs is solved exactly once, at two of its points
(which must agree), and every point with that pattern gets its regime.
Degenerate games (the Armenia game's tied status-quo column) need no special
case: their ties are signs equal to zero.

References
----------
B. von Stengel, "Equilibrium computation for two-player games in strategic
and extensive form", ch. 3 of Nisan et al. (eds.), *Algorithmic Game Theory*,
Cambridge University Press, 2007.
A. Saltelli et al., "Variance based sensitivity analysis of model output",
*Computer Physics Communications* 181 (2010) 259-270.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import sympy

from ..errors import BargainingError, ModelError, SolverError
from ..modelling.sampling import as_function, draw
from .sensitivity import (
    exact_number,
    game_at,
    readable_text,
    regime_words,
    signature,
    solve_exact,
    symbolic_form,
)

__all__ = ["UncertaintyResult", "uncertainty", "regime_label"]

#: Bounds on one run: draws, and draws times grid values (memory and time grow with both).
MAX_SAMPLES = 2_000_000
MAX_WORK = 200_000_000

#: Quantiles reported for each threshold.
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
#: A condition whose absolute value is at most this counts as a tie.
TIE_TOL = 1e-10
_CHUNK_POINTS = 250_000


@dataclass(frozen=True, eq=False)
class UncertaintyResult:
    """Regime probabilities and threshold quantiles from :func:`uncertainty`.

    Attributes
    ----------
    parameter : str
        The parameter on the grid (``"R"``).
    probabilities : pandas.DataFrame
        One row per grid value (the index), one column per regime; each row
        sums to 1. Columns are ordered by the lowest grid value where the
        regime occurs.
    thresholds : pandas.DataFrame
        One row per threshold found at the default values: its expression
        (``threshold``, in parameter names; ``display``, in display
        symbols), kind, default value, mean, standard deviation, quantiles ``q05`` ...
        ``q95`` over the draws, and ``finite`` (the share of draws where it is
        a finite real number).
    samples : int
    seed : int or None
        The seed given (None when a Generator or no seed was given).
    varied : tuple of str
        The parameters that were drawn.
    """

    parameter: str
    probabilities: pd.DataFrame
    thresholds: pd.DataFrame
    samples: int
    seed: int | None
    varied: tuple

    def at(self, value) -> pd.Series:
        """Regime probabilities at the grid value nearest to ``value`` (zeros dropped)."""
        index = self.probabilities.index.to_numpy()
        row = self.probabilities.iloc[int(np.argmin(np.abs(index - float(value))))]
        return row[row > 0]

    def _repr_html_(self) -> str:
        import html

        head = html.escape(repr(self))
        thresholds = self.thresholds._repr_html_() if len(self.thresholds) else ""
        return f"<p>{head}</p>{self.probabilities._repr_html_()}{thresholds}"

    def __repr__(self) -> str:
        return (
            f"UncertaintyResult({self.parameter}: {len(self.probabilities)} points, "
            f"{self.samples} samples of {list(self.varied)}, {self.probabilities.shape[1]} regimes)"
        )


# -------------------------------------------------------------------- regimes
def regime_label(game, solved=None) -> str:
    """The regime of a game: :func:`bargaining.analysis.sensitivity.regime_words`.

    Parameters
    ----------
    game : Game
        The game.
    solved : tuple, optional
        ``(extremes, components)`` if already solved exactly.

    Returns
    -------
    str
        The type of the equilibrium set in words, the same words as the
        thresholds table uses.

    Examples
    --------
    >>> from bargaining import Game
    >>> g = Game([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Ann", "Bob"),
    ...          strategies=(("O", "F"), ("O", "F")))
    >>> regime_label(g)
    'Ann: O · Bob: O; Ann: F · Bob: F; Ann: O/F · Bob: O/F'
    """
    return regime_words(game, solved)


def _conditions(form) -> list:
    """The sign conditions that decide the type of the equilibrium set (sympy numerators)."""
    from .thresholds import _vertex_conditions

    seen, out = set(), []
    for num, _rank in _vertex_conditions(form.B) + _vertex_conditions(form.A.T):
        num = sympy.expand(num)
        if num.free_symbols and num not in seen and -num not in seen:
            seen.add(num)
            out.append(num)
    return sorted(out, key=sympy.default_sort_key)


class _Classifier:
    """Maps sign patterns of the conditions to regime labels, solving each pattern once."""

    def __init__(self, model, param):
        self.form = symbolic_form(model)
        self.param = param
        self.names = [name for name, _ in self.form.symbols]
        symbols = [sym for _, sym in self.form.symbols]
        self.funcs = [sympy.lambdify(symbols, c, modules="numpy") for c in _conditions(self.form)]
        self.labels: list[str] = []
        self.code_label: dict = {}

    def codes(self, values: dict, grid: np.ndarray, count: int | None = None) -> np.ndarray:
        """One integer (or row of integers) per (sample, grid point): the sign pattern."""
        args = [grid[None, :] if name == self.param else values[name][:, None] for name in self.names]
        if count is None:  # the samples; given when the model has no other parameter to draw
            count = len(next(iter(values.values())))
        shape = (count, len(grid))
        words, code, used = [], np.zeros(shape, dtype=np.int64), 0
        with np.errstate(divide="ignore", invalid="ignore"):
            for f in self.funcs:
                v = np.broadcast_to(np.asarray(f(*args), dtype=float), shape)
                sign = np.where(np.abs(v) <= TIE_TOL, 1, np.where(v > 0, 2, 0))
                code = code * 3 + sign
                used += 1
                if used == 39:  # 3**39 < 2**63: start a new word
                    words.append(code)
                    code, used = np.zeros(shape, dtype=np.int64), 0
        words.append(code)
        return words[0] if len(words) == 1 else np.stack(words, axis=-1)

    def _solve(self, values, grid, i, j):
        sub = {sym: exact_number(float(grid[j]) if name == self.param else float(values[name][i]))
               for name, sym in self.form.symbols}
        game = game_at(self.form, sub)
        solved = solve_exact(game)
        return signature(game, solved), regime_label(game, solved)

    def label_indices(self, values: dict, grid: np.ndarray, count: int | None = None) -> np.ndarray:
        """The regime index of every (sample, grid point)."""
        codes = self.codes(values, grid, count)
        flat = codes.reshape(-1, codes.shape[-1]) if codes.ndim == 3 else codes.reshape(-1)
        keys, first, inverse = np.unique(flat, axis=0 if flat.ndim == 2 else None,
                                         return_index=True, return_inverse=True)
        last = np.full(len(keys), -1)
        last[inverse.reshape(-1)] = np.arange(flat.shape[0])  # the last index written wins
        lookup = np.empty(len(keys), dtype=np.int64)
        for k, key in enumerate(keys):
            key = tuple(np.atleast_1d(key).tolist())
            if key not in self.code_label:
                found = {self._solve(values, grid, *divmod(int(idx), len(grid))) for idx in {first[k], last[k]}}
                if len(found) > 1:
                    raise SolverError(
                        "two games with the same sign pattern have different equilibrium types: "
                        f"{sorted(lab for _, lab in found)}; this model needs a per-game solve"
                    )
                label = found.pop()[1]
                if label not in self.labels:
                    self.labels.append(label)
                self.code_label[key] = self.labels.index(label)
            lookup[k] = self.code_label[key]
        return lookup[inverse.reshape(-1)].reshape(codes.shape[:2])


# ----------------------------------------------------------------- thresholds
def _threshold_table(model, param, lo, hi, values) -> pd.DataFrame:
    from .thresholds import thresholds

    records = list(thresholds(model, param, exact_number(lo), exact_number(hi)))
    if getattr(model, "sequential", None) is not None:
        records += list(thresholds(model, param, exact_number(lo), exact_number(hi), kind="subgame-perfect"))
    rows = []
    for t in records:
        x = as_function(t.expression, values)(values)
        ok = np.isfinite(x)
        xs = x[ok]
        qs = np.quantile(xs, QUANTILES) if xs.size else np.full(len(QUANTILES), np.nan)
        row = {"threshold": sympy.sstr(t.expression), "display": readable_text(model, t.expression),
               "kind": t.kind, "default": t.float,
               "mean": float(xs.mean()) if xs.size else np.nan, "std": float(xs.std()) if xs.size else np.nan}
        row.update({f"q{round(q * 100):02d}": float(v) for q, v in zip(QUANTILES, qs)})
        row["finite"] = float(ok.mean())
        rows.append(row)
    columns = ["threshold", "display", "kind", "default", "mean", "std", *(f"q{round(q * 100):02d}" for q in QUANTILES), "finite"]
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------- uncertainty
def _grid(model, grid: Mapping):
    if len(grid) > 1:
        raise BargainingError(f"give one parameter grid, e.g. R=numpy.linspace(0.2, 1.5, 200); got {sorted(grid)}")
    param, values = next(iter(grid.items())) if grid else ("R", np.linspace(0.2, 1.5, 200))
    if param not in model.parameters:
        raise ModelError(f"unknown parameter {param!r}; the model has {sorted(model.parameters)}")
    values = np.unique(np.asarray(values, dtype=float).ravel())
    if values.size == 0 or not np.isfinite(values).all():
        raise BargainingError(f"the grid of {param} must hold finite numbers")
    return param, values


def _add_counts(counts: dict, classifier, idx, width_values) -> None:
    """Add one chunk's regime indices to ``counts`` (regime label -> count per grid value)."""
    width = len(classifier.labels)
    flat = (idx * width_values + np.arange(width_values)[None, :]).ravel()
    add = np.bincount(flat, minlength=width * width_values).reshape(width, width_values)
    for k, label in enumerate(classifier.labels):
        counts[label] = counts.get(label, 0) + add[k]


def _count_here(model, param, values, drawn, samples, step, progress) -> dict:
    from tqdm.auto import tqdm

    classifier = _Classifier(model, param)
    counts: dict = {}
    with tqdm(total=int(samples), desc=f"uncertainty {getattr(model, 'name', '')}", unit="sample",
              disable=None if progress is None else not progress) as bar:
        for start in range(0, int(samples), step):
            chunk = {k: v[start:start + step] for k, v in drawn.items()}
            count = min(step, int(samples) - start)  # the chunk may hold no arrays (one-parameter model)
            _add_counts(counts, classifier, classifier.label_indices(chunk, values, count), len(values))
            bar.update(count)
    return counts


def _count_chunk(model, param, values, chunk, step, n) -> dict:
    """Regime counts of one block of ``n`` draws (run on a Dask worker)."""
    classifier = _Classifier(model, param)
    counts: dict = {}
    for start in range(0, n, step):
        part = {k: v[start:start + step] for k, v in chunk.items()}
        _add_counts(counts, classifier, classifier.label_indices(part, values, min(step, n - start)), len(values))
    return counts


def _count_on(client, model, param, values, drawn, samples, step) -> dict:
    """Regime counts, the draws split in blocks over a Dask client's workers and added up."""
    workers = max(1, len(getattr(client, "scheduler_info", lambda: {})().get("workers", {})))
    blocks = min(int(samples), workers)  # one block per worker: each pays for its own exact solves once
    bounds = np.linspace(0, int(samples), blocks + 1).astype(int)
    futures = [
        client.submit(_count_chunk, model, param, values, {k: v[a:b] for k, v in drawn.items()}, step, int(b - a),
                      pure=False)
        for a, b in zip(bounds[:-1], bounds[1:]) if b > a
    ]
    counts: dict = {}
    for part in client.gather(futures):
        for label, add in part.items():
            counts[label] = counts.get(label, 0) + add
    return counts


def uncertainty(model, *, samples: int = 1000, seed=None, distributions=None, progress=None,
                scheduler=None, **grid) -> UncertaintyResult:
    """Probability of each regime along a parameter grid, over the other parameters' ranges.

    Parameters
    ----------
    model : Model
        A loaded model (:func:`bargaining.load_model`).
    samples : int
        Draws of the other parameters (each is used at every grid value).
    seed : None, int or numpy.random.Generator
        Same seed, same result.
    distributions : mapping of name -> scipy.stats frozen distribution or number, optional
        Instead of the uniform distribution on a parameter's range; a number
        holds the parameter fixed at that value.
    progress : bool, optional
        Show a progress bar; by default only when stderr is a terminal.
    scheduler : dask.distributed.Client, optional
        Count the draws in chunks on a Dask cluster (the ``dask`` extra).
        The draws are made here, with the same seed, and the counts of each
        regime are added up, so the result is identical to a single process.
        Each chunk classifies its own sign patterns (a few exact solves per
        chunk), so it pays only for many draws; see the how-to on uncertainty.
    **grid
        One parameter and its grid, e.g. ``R=numpy.linspace(0.2, 1.5, 200)``
        (the default).

    Returns
    -------
    UncertaintyResult
        ``.probabilities`` (grid value x regime) and ``.thresholds``.

    Raises
    ------
    ModelError
        On an unknown parameter.
    SolverError
        If the sign pattern of the conditions does not determine the regime.

    Examples
    --------
    >>> import numpy as np, bargaining as bg
    >>> res = bg.uncertainty(bg.load_model("russia_belarus"), R=[0.5, 0.7, 1.0], samples=200, seed=1)
    >>> res.probabilities.sum(axis=1).tolist()
    [1.0, 1.0, 1.0]
    >>> list(res.thresholds.query("kind == 'nash'")["threshold"])
    ['kappa*mu*s/w', 'kappa*s/w']
    """
    param, values = _grid(model, grid)
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or not 1 <= samples <= MAX_SAMPLES:
        raise BargainingError(f"samples must be a whole number from 1 to {MAX_SAMPLES:,}, got {samples!r}")
    if len(values) * int(samples) > MAX_WORK:
        raise BargainingError(f"{int(samples):,} samples x {len(values):,} grid values is more than the limit "
                              f"{MAX_WORK:,}")
    drawn = draw(model, samples, seed=seed, distributions=distributions, exclude=(param,))
    varied = tuple(k for k, v in drawn.items() if np.ptp(v) > 0)
    step = max(1, _CHUNK_POINTS // len(values))
    if scheduler is None:
        counts = _count_here(model, param, values, drawn, samples, step, progress)
    else:
        counts = _count_on(scheduler, model, param, values, drawn, samples, step)
    labels = sorted(counts)
    table = np.array([counts[label] for label in labels], dtype=float) / samples
    first = [int(np.argmax(row > 0)) for row in table]
    order = sorted(range(len(table)), key=lambda k: (first[k], labels[k]))
    probabilities = pd.DataFrame(table[order].T, index=pd.Index(values, name=param),
                                 columns=pd.Index([labels[k] for k in order], name="regime"))
    full = {**drawn, param: np.full(int(samples), float(model.parameters[param].value))}
    quantiles = _threshold_table(model, param, values.min(), values.max(), full) if values.size > 1 else None
    if quantiles is None:
        quantiles = pd.DataFrame()
    return UncertaintyResult(param, probabilities, quantiles, int(samples),
                             seed if isinstance(seed, (int, np.integer)) else None, varied)


