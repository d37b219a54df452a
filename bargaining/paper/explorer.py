"""An explorer for readers: every answer of a model on a grid of slider positions, computed exactly.

:func:`explore` solves a model at every position of its sliders — the moving
parameter (``R`` by default) and up to two further parameters — and writes
one self-contained web page (:mod:`bargaining.paper.explorer_page`) that
shows those answers as the reader drags. Nothing is computed in the page:
every number it shows was computed here, exactly, so the page cannot
disagree with the package. The grid is fine enough that the page never
shows a stale regime: the slider for the moving parameter stops at every
point of an even grid *and* at every exact rational threshold, and the
regime strip is drawn from the exact thresholds of the current values of
the other sliders.

The page is byte-stable: the same model and options give the same file.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from fractions import Fraction
from os import PathLike

import sympy

from ..errors import BargainingError, SolverError
from ..modelling.schema import RangeWarning

__all__ = ["ExplorerData", "explorer_data", "default_vary", "explore"]

#: Points of the even grid of the moving parameter (131: steps of 0.01 over [0.2, 1.5]).
GRID_POINTS = 131
#: Points of the even grid of each further slider (the declared value is added when not on it).
VARY_POINTS = 5
#: At most this many slider positions in all (keeps the page under ~2 MB).
MAX_POSITIONS = 20_000


@dataclass(frozen=True)
class ExplorerData:
    """Everything an explorer page shows, computed by the package.

    Attributes
    ----------
    model : str
        The model's name.
    title : str
        The model's title.
    players : pair of str
    strategies : pair of tuple of str
    sliders : tuple of dict
        One per slider, the moving parameter first: ``name``, ``symbol``,
        ``meaning``, ``values`` (exact text), ``floats``, ``default`` (the
        index of the declared value).
    views : tuple of dict
        One per slider position (the moving parameter's index varies
        slowest): the payoff table, the equilibria, the regime, the
        subgame-perfect path and the bargaining solution at that point.
    strips : tuple of dict
        One per combination of the further sliders: the regime strip over
        the moving parameter with its exact thresholds.
    scenarios : tuple of dict
        The model's scenarios with their value of the moving parameter.
    """

    model: str
    title: str
    players: tuple
    strategies: tuple
    sliders: tuple
    views: tuple
    strips: tuple
    scenarios: tuple

    def to_json(self) -> dict:
        """The data as plain JSON-ready objects (what the page embeds)."""
        return {
            "model": self.model,
            "title": self.title,
            "players": list(self.players),
            "rows": list(self.strategies[0]),
            "columns": list(self.strategies[1]),
            "sliders": list(self.sliders),
            "views": list(self.views),
            "strips": list(self.strips),
            "scenarios": list(self.scenarios),
        }


def _text(value) -> str:
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    if isinstance(value, sympy.Rational):
        return _text(Fraction(int(value.p), int(value.q)))
    return str(value)


def _decimal(value) -> str:
    return f"{float(value):.4g}"


def _number(value) -> dict:
    """An exact number as its exact text and a short decimal."""
    return {"exact": _text(value), "decimal": _decimal(value)}


def _even_grid(lo: Fraction, hi: Fraction, points: int) -> list:
    if lo == hi:
        return [lo]
    return [lo + (hi - lo) * k / (points - 1) for k in range(points)]


def default_vary(model, param: str = "R", *, count: int = 1, seed: int = 20161001) -> tuple:
    """The further parameters with the largest total Sobol index over the model's thresholds.

    Parameters
    ----------
    model : Model
    param : str
        The moving parameter (never chosen).
    count : int
        How many to choose.
    seed : int
        The Sobol sample's seed (the choice is deterministic).

    Returns
    -------
    tuple of str
        Parameter names, largest summed total index first; ties by name.

    Examples
    --------
    >>> from bargaining import load_model
    >>> default_vary(load_model("russia_belarus"))
    ('w',)
    """
    from ..analysis.sobol import sobol
    from ..analysis.thresholds import thresholds

    totals: dict = {}
    for record in thresholds(model, param):
        frame = sobol(model, record, samples=256, seed=seed)
        for name, row in frame.iterrows():
            if name != param:
                totals[name] = totals.get(name, 0.0) + max(float(row["ST"]), 0.0)
    movable = [
        name for name, p in model.parameters.items() if name != param and p.range is not None and p.range[0] != p.range[1]
    ]
    ranked = sorted(movable, key=lambda name: (-round(totals.get(name, 0.0), 6), name))
    return tuple(ranked[:count])


def _slider(model, name: str, points: int, extra=()) -> dict:
    parameter = model.parameters[name]
    if parameter.range is None:
        raise BargainingError(f"{model.name}: parameter {name!r} has no declared range to slide over")
    lo, hi = (Fraction(parameter.range[0]), Fraction(parameter.range[1]))
    values = sorted(set(_even_grid(lo, hi, points)) | {Fraction(parameter.value)} | {Fraction(x) for x in extra})
    values = [v for v in values if lo <= v <= hi]
    return {
        "name": name,
        "symbol": parameter.display,
        "meaning": parameter.meaning,
        "values": [_text(v) for v in values],
        "floats": [float(v) for v in values],
        "default": values.index(Fraction(parameter.value)) if Fraction(parameter.value) in values else 0,
        "_exact": values,
    }


def _view(model, values: dict) -> dict:
    """Everything the page shows at one point."""
    from ..analysis.sensitivity import regime_words
    from ..games.equilibria import equilibria

    game = model.game(**values)
    cells = [
        [[_number(game.exact_A[i][j]), _number(game.exact_B[i][j])] for j in range(game.shape[1])]
        for i in range(game.shape[0])
    ]
    found = equilibria(game, exact=True)
    view = {
        "payoffs": cells,
        "equilibria": [
            {"text": eq.describe(), "payoffs": [_number(u) for u in eq.payoffs], "pure": bool(eq.is_pure)}
            for eq in found
        ],
        "regime": regime_words(game),
    }
    if model.sequential is not None and not model.sequential.is_perfect_information:
        from ..games.pbe import perfect_bayesian

        try:
            found_pbe = perfect_bayesian(model.sequential, model.values(**values))
        except SolverError as err:  # e.g. a degenerate prior where the equilibria form a nonlinear set
            view["pbe"] = [{"kind": "not computed here", "text": str(err)}]
        else:
            view["pbe"] = [{"kind": record.kind, "text": record.describe()} for record in found_pbe]
    elif model.sequential is not None:
        spe = model.subgame_perfect(**values)
        view["path"] = {
            "text": spe.describe(),
            "payoffs": [_number(u) for u in spe.payoffs],
            "ties": [f"{node}: {' / '.join(actions)}" for node, actions in spe.ties],
        }
    if model.issue is not None:
        from ..solutions.issue import issue_solution

        try:
            agreement = issue_solution(model, **values)
        except BargainingError as err:
            view["bargain"] = {"text": f"no agreement: {err}"}
        else:
            u = agreement.payoffs
            d = agreement.disagreement
            view["bargain"] = {
                "text": (
                    (f"{agreement.variable} = {_text(agreement.issue_value)} ({_decimal(agreement.issue_value)}); "
                     if agreement.issue_value is not None else "")
                    + f"{agreement.players[0]} {_decimal(u[0])}, {agreement.players[1]} {_decimal(u[1])}; "
                    f"disagreement ({_decimal(d[0])}, {_decimal(d[1])})"
                ),
                "value": None if agreement.issue_value is None else _number(agreement.issue_value),
                "variable": agreement.variable,
            }
    return view


def _strip(model, param: str, slider: dict, views: list, fixed: dict) -> dict:
    """The regime strip over the moving parameter, with the exact thresholds between regimes."""
    from ..analysis.sensitivity import readable_text
    from ..analysis.thresholds import thresholds

    lo, hi = slider["_exact"][0], slider["_exact"][-1]
    found = thresholds(model, param, lo, hi, **fixed)
    marks = [
        {
            "value": _number(t.value) if t.value.is_Rational else {"exact": str(t.value), "decimal": _decimal(t.value)},
            "float": float(t.value),
            "formula": readable_text(model, t.expression),
        }
        for t in found
    ]
    exact_cuts = {t.value for t in found if t.value.is_Rational}
    runs = []
    for index, view in enumerate(views):
        point = slider["_exact"][index]
        at_cut = sympy.Rational(point.numerator, point.denominator) in exact_cuts
        label = f"at {slider['symbol']} = {slider['values'][index]}: {view['regime']}" if at_cut else view["regime"]
        if runs and runs[-1]["regime"] == label:
            runs[-1]["last"] = index
        else:
            runs.append({"regime": label, "first": index, "last": index})
    return {"thresholds": marks, "runs": runs}


def explorer_data(model, *, param: str | None = None, vary=None, points: int = GRID_POINTS) -> ExplorerData:
    """Solve a model at every slider position of its explorer page.

    Parameters
    ----------
    model : Model or str
        A loaded model or a model's name or path.
    param : str, optional
        The moving parameter (the first slider): ``R`` when the model has
        it, else its first parameter with a range.
    vary : sequence of str, optional
        Up to two further parameters with sliders; by default the one with
        the largest total Sobol index (:func:`default_vary`). Pass ``()`` for
        none.
    points : int
        Points of the even grid of ``param`` (every rational threshold is
        added to it).

    Returns
    -------
    ExplorerData
        The sliders, one view per slider position, one regime strip per
        combination of the further sliders, and the scenarios.

    Raises
    ------
    BargainingError
        For an unknown parameter, a parameter without a range, more than two
        further sliders, or more than :data:`MAX_POSITIONS` positions.

    Examples
    --------
    >>> from bargaining import load_model
    >>> data = explorer_data(load_model("russia_belarus"), vary=(), points=14)
    >>> data.sliders[0]["values"][:3], len(data.views)
    (['1/5', '3/10', '2/5'], 14)
    >>> data.strips[0]["thresholds"][0]["value"]
    {'exact': '3/5', 'decimal': '0.6'}
    """
    from ..analysis.thresholds import thresholds
    from ..modelling.model import load_model

    if isinstance(model, (str, PathLike)):
        model = load_model(model)
    if param is None:
        param = "R" if "R" in model.parameters else next(
            (n for n, p in model.parameters.items() if p.range is not None and p.range[0] != p.range[1]), None
        )
        if param is None:
            raise BargainingError(f"{model.name}: this model has no parameter with a range to slide over")
    if param not in model.parameters:
        raise BargainingError(f"{model.name}: unknown parameter {param!r}; parameters: {list(model.parameters)}")
    vary = default_vary(model, param) if vary is None else tuple(vary)
    if len(vary) > 2:
        raise BargainingError("at most two further sliders (--vary)")
    for name in vary:
        if name not in model.parameters or name == param or name in vary[: vary.index(name)]:
            raise BargainingError(f"{model.name}: cannot vary {name!r}; parameters: {list(model.parameters)}")
    rational_cuts = [t.value for t in thresholds(model, param) if t.value.is_Rational]
    sliders = [_slider(model, param, points, extra=[Fraction(int(c.p), int(c.q)) for c in rational_cuts])]
    sliders += [_slider(model, name, VARY_POINTS) for name in vary]
    combos = [[]]
    for slider in sliders[1:]:
        combos = [c + [v] for c in combos for v in slider["_exact"]]
    total = len(sliders[0]["_exact"]) * len(combos)
    if total > MAX_POSITIONS:
        raise BargainingError(f"{total} slider positions is more than {MAX_POSITIONS}; use fewer --vary parameters")
    views: list = [None] * total
    strips = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RangeWarning)
        for c, combo in enumerate(combos):
            fixed = {slider["name"]: value for slider, value in zip(sliders[1:], combo)}
            column = []
            for r, value in enumerate(sliders[0]["_exact"]):
                view = _view(model, {param: value, **fixed})
                views[r * len(combos) + c] = view
                column.append(view)
            strips.append(_strip(model, param, sliders[0], column, fixed))
    scenarios = [
        {"name": name, "value": _number(Fraction(values[param])), "float": float(Fraction(values[param]))}
        for name, values in model.scenarios.items()
        if param in values
    ]
    public = tuple({k: v for k, v in s.items() if not k.startswith("_")} for s in sliders)
    return ExplorerData(model.name, model.title, tuple(model.players), tuple(map(tuple, model.strategies)), public,
                        tuple(views), tuple(strips), tuple(scenarios))


def explore(model, *, param: str | None = None, vary=None, out=None, points: int = GRID_POINTS) -> str:
    """One self-contained web page with sliders that shows a model's answers.

    Parameters
    ----------
    model : Model or str
        A loaded model, or a bundled model's name or a model file's path.
    param : str, optional
        The moving parameter (``R`` when the model has it).
    vary : sequence of str, optional
        Up to two further sliders (default: the parameter with the largest
        total Sobol index over the thresholds).
    out : str or os.PathLike, optional
        Write the page there (atomically).
    points : int
        Even-grid points of ``param``.

    Returns
    -------
    str
        The page's HTML: all data, scripts and styles inline; nothing is
        fetched when it opens.

    Examples
    --------
    >>> page = explore("russia_belarus", vary=(), points=14)
    >>> page.startswith("<!DOCTYPE html>"), "http" in page.split("<body")[0].replace("http-equiv", "")
    (True, False)
    """
    from ..output import write_atomic
    from .explorer_page import render_page

    html = render_page(explorer_data(model, param=param, vary=vary, points=points))
    if out is not None:
        write_atomic(out, html.encode("utf-8"))
    return html
