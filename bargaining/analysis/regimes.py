"""Regime maps: the equilibrium set on each interval between a parameter's thresholds.

:func:`regimes` splits ``[lo, hi]`` at the exact thresholds of
:func:`bargaining.analysis.thresholds` and describes, in words, the equilibria on each
open interval (solved exactly at a rational point inside it) and at each
threshold itself, where the game is typically degenerate and the equilibria
form continua (described through their components).
"""

from __future__ import annotations

import pandas as pd
import sympy

from ..errors import BargainingError
from ..games.notation import expression_text
from .sensitivity import describe_set, game_at, solve_exact, summary
from .statics import moving_profiles, symbolic_profile
from .thresholds import _path_words, _scan

__all__ = ["regimes"]

COLUMNS = [
    "kind",
    "from",
    "to",
    "from_float",
    "to_float",
    "point",
    "equilibria",
    "summary",
    "count",
    "degenerate",
    "formula",
]


def _formulas(form, game, solved, param, point, model=None) -> str:
    """Mixed probabilities that move with ``param``, as formulas in it."""
    substitution = form.substitution(**{param: point})
    sym = form.symbol(param)
    others = form.others(param)
    pieces = []
    for eq in solved[0]:
        if eq.is_pure:
            continue
        x, y, _ = symbolic_profile(form, game, eq, substitution)
        for player, names, probs, support in zip(game.players, game.strategies, (x, y), eq.support):
            shown = support[:-1] if len(support) == len(names) == 2 else support
            for name in shown:
                expr = sympy.factor(probs[names.index(name)].xreplace(others))
                if expr.has(sym):
                    pieces.append(f"{player}: {name} = {expression_text(expr, model)}")
    return "; ".join(dict.fromkeys(pieces))


def _nash_row(form, param, point, kind, start, end, model=None) -> dict:
    try:
        game = game_at(form, form.substitution(**{param: point}))
    except BargainingError:
        return _row(kind, start, end, point, "irrational value: not solved exactly (see the intervals on either side)", "", None, None, "")
    solved = solve_exact(game)
    from ..games.equilibria import is_degenerate

    formula = _formulas(form, game, solved, param, point, model) if kind == "interval" else ""
    moving = moving_profiles(form, game, solved, param, point) if kind == "interval" else None
    return _row(
        kind,
        start,
        end,
        point,
        describe_set(game, solved, formulas=moving, model=model),
        summary(*solved),
        len(solved[0]),
        is_degenerate(game),
        formula,
    )


def _path_row(model, form, param, point, kind, start, end, scenario) -> dict:
    try:
        record = model.subgame_perfect(scenario, **{**dict(form.values), param: point})
    except BargainingError as err:  # pragma: no cover - an irrational point the tree cannot compare
        return _row(kind, start, end, point, f"not solved ({err})", "", None, None, "")
    ties = "; ".join(f"{node}: tie between {', '.join(actions)}" for node, actions in record.ties)
    return _row(kind, start, end, point, _path_words(record), ties or "no ties", 1, bool(record.ties), "")


def _row(kind, start, end, point, words, summary_words, count, degenerate, formula) -> dict:
    return {
        "kind": kind,
        "from": str(start),
        "to": str(end),
        "from_float": float(start),
        "to_float": float(end),
        "point": str(point),
        "equilibria": words,
        "summary": summary_words,
        "count": count,
        "degenerate": degenerate,
        "formula": formula,
    }


def regimes(model, param: str = "R", lo=None, hi=None, *, kind: str = "nash", scenario=None, **overrides):
    """The equilibrium set, in words, on each interval between thresholds and at each threshold.

    Parameters
    ----------
    model : Model
        A loaded model (:func:`bargaining.load_model`).
    param : str
        The parameter that moves (``"R"`` by default).
    lo, hi : number or str, optional
        The interval; the parameter's range by default.
    kind : {"nash", "subgame-perfect"}
        The Nash equilibria of the normal form or the subgame-perfect path.
    scenario : str, optional
        The scenario giving the other parameters' values.
    **overrides
        Other parameters' values.

    Returns
    -------
    pandas.DataFrame
        Rows in increasing order: ``kind`` ("interval" or "threshold"),
        ``from``/``to`` (exact values as strings; equal for a threshold),
        ``from_float``/``to_float``, ``point`` (where the game was solved
        exactly: a rational point inside an interval, or the threshold),
        ``equilibria`` (in the package's notation, :mod:`bargaining.games.notation`:
        on an interval, probabilities that move are formulas in ``param``;
        at a threshold, exact numbers there), ``summary`` (e.g. "2 pure + 1 mixed"; for a path, its
        ties), ``count`` (extreme equilibria), ``degenerate``, ``formula``
        (mixed probabilities that move with ``param``, as formulas in it).

    Examples
    --------
    >>> import bargaining as bg
    >>> table = bg.regimes(bg.load_model("russia_belarus"))
    >>> for words in table[table.kind == "interval"].equilibria:
    ...     print(words)
    Russia: Cut · Belarus: Hedge
    Russia: Subsidize 3/5, Cut 2/5 · Belarus: Align 5*R - 3, Hedge 4 - 5*R
    Russia: Subsidize · Belarus: Align
    """
    form, (lo, hi), candidates, points, results = _scan(model, param, lo, hi, kind, scenario, overrides)
    edges = [lo]
    first_point = [points[0]]
    for k, (value, _expr) in enumerate(candidates):
        if results[k][0] != results[k + 1][0]:
            edges.append(value)
            first_point.append(points[k + 1])
    edges.append(hi)
    rows = []
    for k, point in enumerate(first_point):
        start, end = edges[k], edges[k + 1]
        if k > 0:
            rows.append(_at(model, form, param, start, "threshold", start, start, kind, scenario))
        rows.append(_at(model, form, param, point, "interval", start, end, kind, scenario))
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["count"] = table["count"].astype("Int64")
    return table


def _at(model, form, param, point, row_kind, start, end, kind, scenario):
    if kind == "nash":
        return _nash_row(form, param, point, row_kind, start, end, model)
    return _path_row(model, form, param, point, row_kind, start, end, scenario)
