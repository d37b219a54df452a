"""Formula-like utility specifications read into design matrices; observed outcomes read into terminals.

A utility is written as a small formula over a DataFrame's columns, the way
R's ``Formula`` package does it for ``games``: ``"x1 + x2"`` (with an
intercept), ``"x1 + x2 - 1"`` or ``"0 + x1"`` (without), ``"1"`` (a constant
only), ``"0"`` (fixed at zero), ``"a:b"`` (a product of numeric columns). A
number instead of a string fixes the utility at that number. A text column is
a factor: it enters as treatment dummies against its first level (sorted),
named ``column + level`` as in R. The text is tokenised by a regular
expression and matched against column names; it is never evaluated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ModelError

__all__ = ["Equation", "parse_equation", "design_matrix", "utility_key", "encode_outcomes"]

_TERM = re.compile(r"^[A-Za-z_.][A-Za-z0-9_.]*(:[A-Za-z_.][A-Za-z0-9_.]*)*$")


@dataclass(frozen=True)
class Equation:
    """One utility (or scale) equation: an intercept flag, terms, or a fixed value.

    Attributes
    ----------
    intercept : bool
    terms : tuple of str
        Column names, or ``a:b`` products.
    fixed : float or None
        The constant value when the utility is not estimated.
    """

    intercept: bool
    terms: tuple
    fixed: float | None = None

    @property
    def estimated(self) -> bool:
        """Whether the equation has parameters."""
        return self.fixed is None and (self.intercept or bool(self.terms))


def parse_equation(spec, *, where: str = "") -> Equation:
    """Read a utility specification (formula text or a number) into an :class:`Equation`.

    Parameters
    ----------
    spec : str or number
    where : str
        Prefix for error messages (which utility).

    Returns
    -------
    Equation

    Examples
    --------
    >>> parse_equation("capcont + lreserves - 1")
    Equation(intercept=False, terms=('capcont', 'lreserves'), fixed=None)
    >>> parse_equation(0).fixed, parse_equation("1").intercept
    (0.0, True)
    """
    if isinstance(spec, (int, float, np.integer, np.floating)) and not isinstance(spec, bool):
        return Equation(False, (), float(spec))
    if not isinstance(spec, str):
        raise ModelError(f"{where}a utility is formula text or a number, not {type(spec).__name__}")
    text = spec.replace(" ", "")
    if text in ("0", "-1", "0-1"):
        return Equation(False, (), 0.0)
    if not text:
        raise ModelError(f"{where}empty formula")
    intercept, terms = True, []
    for sign, term in re.findall(r"([+-]?)([^+-]+)", text):
        if term == "1":
            intercept = sign != "-"
        elif term == "0":
            intercept = False
        elif sign == "-":
            raise ModelError(f"{where}only '- 1' may be subtracted, not {term!r}")
        elif not _TERM.match(term):
            raise ModelError(f"{where}{term!r} is not a column name or a product a:b of column names")
        elif term not in terms:
            terms.append(term)
    return Equation(intercept, tuple(terms))


def _factor_levels(column: pd.Series) -> list | None:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return list(column.cat.categories)
    if column.dtype == object or pd.api.types.is_string_dtype(column) or pd.api.types.is_bool_dtype(column):
        return sorted(column.dropna().unique().tolist())
    return None


def design_matrix(eq: Equation, data: pd.DataFrame, *, levels: dict | None = None, where: str = ""):
    """The columns of one equation for every row of ``data``.

    Parameters
    ----------
    eq : Equation
    data : DataFrame
    levels : dict, optional
        Factor levels fixed at fitting time (for prediction on new data); filled in when empty.
    where : str

    Returns
    -------
    X : ndarray (n, k)
    names : list of str

    Examples
    --------
    >>> df = pd.DataFrame({"x": [1.0, 2.0], "f": ["a", "b"]})
    >>> X, names = design_matrix(parse_equation("x + f"), df)
    >>> names, X.tolist()
    (['(Intercept)', 'x', 'fb'], [[1.0, 1.0, 0.0], [1.0, 2.0, 1.0]])
    """
    levels = {} if levels is None else levels
    n = len(data)
    cols, names = [], []
    if eq.intercept:
        cols.append(np.ones(n))
        names.append("(Intercept)")
    for term in eq.terms:
        parts = term.split(":")
        for p in parts:
            if p not in data.columns:
                raise ModelError(f"{where}no column {p!r} in the data")
        if len(parts) == 1:
            lv = levels.get(term) if term in levels else _factor_levels(data[term])
            if lv is not None:
                levels[term] = lv
                values = data[term].to_numpy()
                for level in lv[1:]:
                    cols.append((values == level).astype(float))
                    names.append(f"{term}{level}")
                continue
        col = np.ones(n)
        for p in parts:
            if _factor_levels(data[p]) is not None:
                raise ModelError(f"{where}products a:b take numeric columns only ({p!r} is a factor)")
            col = col * data[p].to_numpy(float)
        cols.append(col)
        names.append(term)
    X = np.column_stack(cols) if cols else np.zeros((n, 0))
    return X, names


_KEY = re.compile(r"^u(\d+)(?:\((.+)\)|(.+))$")


def utility_key(key: str, players, terminals, labels, *, where: str = "") -> tuple:
    """Read ``"u14"`` or ``"u1(defense)"`` into (player index, terminal position).

    Parameters
    ----------
    key : str
    players : sequence of str
    terminals : sequence of str
        Terminal ids, left to right.
    labels : sequence of str
        Outcome labels, left to right.
    where : str

    Returns
    -------
    tuple of int

    Examples
    --------
    >>> utility_key("u24", ["1", "2"], ["1", "3", "4"], ["sq", "cap", "war"])
    (1, 2)
    >>> utility_key("u1(cap)", ["1", "2"], ["1", "3", "4"], ["sq", "cap", "war"])
    (0, 1)
    """
    m = _KEY.match(key)
    if not m:
        raise ModelError(f"{where}utility {key!r}: write u<player><terminal>, e.g. 'u14' or 'u1(war)'")
    player = int(m.group(1)) - 1
    if not 0 <= player < len(players):
        raise ModelError(f"{where}utility {key!r}: the tree has players 1..{len(players)}")
    name = m.group(2) or m.group(3)
    for seq in (list(terminals), list(labels)):
        if name in seq:
            return player, seq.index(name)
    raise ModelError(f"{where}utility {key!r}: no terminal {name!r} (terminals {list(terminals)}, "
                     f"outcomes {list(labels)})")


def encode_outcomes(data: pd.DataFrame, outcome, shape, outcomes=None, *, where: str = ""):
    """The terminal reached by each row: from a column of labels, or from action dummies.

    Parameters
    ----------
    data : DataFrame
    outcome : str or list of str
        A column naming the terminal reached, or one 0/1 column per player
        (1 = the player's second action), read along the path from the root.
    shape : TreeShape
    outcomes : sequence or mapping, optional
        The outcome labels in terminal order (left to right), or a mapping
        label -> terminal id. Defaults: the terminal ids when the column holds
        them, else a categorical column's categories, else the sorted values.
    where : str

    Returns
    -------
    y : ndarray of int
        Terminal positions.
    labels : tuple of str
        The outcome label of each terminal.

    Examples
    --------
    >>> from bargaining.estimation.shapes import egame12, shape_of
    >>> df = pd.DataFrame({"esc": [0, 1, 1], "war": [0, 0, 1]})
    >>> encode_outcomes(df, ["esc", "war"], shape_of(egame12()))
    (array([0, 1, 2]), ('1', '3', '4'))
    """
    T = len(shape.terminals)
    if isinstance(outcome, (list, tuple)):
        dummies = data[list(outcome)].to_numpy()
        if -2 in shape.movers:
            raise ModelError(f"{where}action dummies cannot say what chance did; name the terminal reached")
        if len(outcome) != len(shape.players) or not np.isin(dummies, (0, 1)).all():
            raise ModelError(f"{where}action dummies: give one 0/1 column per player")
        y = np.empty(len(data), int)
        for row in range(len(data)):
            node = 0
            while shape.children[node]:
                node = shape.children[node][int(dummies[row, shape.movers[node]])]
            y[row] = shape.terminal_nodes.index(node)
        labels = tuple(outcomes) if outcomes is not None else tuple(shape.terminals)
        return y, labels
    column = data[outcome]
    if isinstance(outcomes, dict):
        order = [None] * T
        for label, tid in outcomes.items():
            order[list(shape.terminals).index(str(tid))] = label
        labels = tuple(order)
    elif outcomes is not None:
        labels = tuple(outcomes)
    elif set(column.astype(str)) <= set(shape.terminals):
        labels = tuple(shape.terminals)
        column = column.astype(str)
    elif shape.labels and set(column.astype(str)) <= set(shape.labels):
        labels = tuple(shape.labels)
        column = column.astype(str)
    elif isinstance(column.dtype, pd.CategoricalDtype):
        labels = tuple(column.cat.categories)
    else:
        labels = tuple(sorted(column.unique().tolist()))
    if len(labels) != T:
        raise ModelError(f"{where}the outcome has {len(labels)} labels {list(labels)}; the tree has {T} terminals")
    lookup = {label: i for i, label in enumerate(labels)}
    values = column.tolist()
    missing = sorted({str(v) for v in values if v not in lookup})
    if missing:
        raise ModelError(f"{where}outcome values {missing} name no terminal (labels {list(labels)})")
    return np.array([lookup[v] for v in values], int), tuple(str(x) for x in labels)
