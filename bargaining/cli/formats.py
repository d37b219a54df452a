"""``--format table|json|csv``: how every subcommand that prints results prints them.

``table`` is for people; ``json`` is one JSON document with every exact
number as ``{"exact": "3/5", "decimal": 0.6}`` (as ``solve`` has always
written them); ``csv`` is one table (the command's main table) for a
spreadsheet, written by :func:`bargaining.output.to_csv`.
"""

from __future__ import annotations

import json
import math
import sys
from fractions import Fraction

__all__ = ["FORMATS", "add_format_argument", "number", "jsonable", "print_json", "print_csv"]

FORMATS = ("table", "json", "csv")


def add_format_argument(parser, *, default: str = "table") -> None:
    """``--format table|json|csv``."""
    parser.add_argument("--format", choices=FORMATS, default=default,
                        help=f"output: a table for people, JSON (exact numbers as fractions and decimals) "
                        f"or CSV (default: {default})")


def _fraction(value):
    """``value`` as a Fraction when it is an exact rational (int, Fraction, sympy Rational), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if type(value).__module__.startswith("sympy") and getattr(value, "is_Rational", False):
        return Fraction(int(value.p), int(value.q))
    return None


def number(value) -> dict:
    """An exact number as ``{"exact": "3/5", "decimal": 0.6}``; an irrational one keeps its formula.

    Examples
    --------
    >>> number(Fraction(3, 5))
    {'exact': '3/5', 'decimal': 0.6}
    >>> import sympy
    >>> number(sympy.sqrt(2))["exact"], round(number(sympy.sqrt(2))["decimal"], 6)
    ('sqrt(2)', 1.414214)
    """
    exact = _fraction(value)
    if exact is not None:
        return {"exact": str(exact), "decimal": float(exact)}
    return {"exact": str(value), "decimal": float(value)}


def jsonable(value):
    """Any result (dicts, lists, Fractions, sympy and numpy numbers, NaN) as plain JSON data.

    Exact numbers become :func:`number` pairs; floats stay floats (NaN becomes
    ``null``); sympy expressions become their text.

    Examples
    --------
    >>> jsonable({"p": Fraction(1, 2), "x": float("nan"), "n": (1, 2)})
    {'p': {'exact': '1/2', 'decimal': 0.5}, 'x': None, 'n': [1, 2]}
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        return number(value) if value.denominator != 1 else int(value)
    module = type(value).__module__
    if module.startswith("numpy"):
        return jsonable(value.item()) if hasattr(value, "item") else jsonable(value.tolist())
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if module.startswith("sympy"):
        if getattr(value, "is_Integer", False):
            return int(value)
        if getattr(value, "is_Rational", False) or getattr(value, "is_number", False):
            try:
                return number(value)
            except TypeError:  # not a real number
                return str(value)
        return str(value)
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    return str(value)


def print_json(data) -> None:
    """Print ``data`` (made :func:`jsonable`) as one indented JSON document."""
    sys.stdout.write(json.dumps(jsonable(data), indent=2, ensure_ascii=False) + "\n")


def print_csv(frame) -> None:
    """Print a DataFrame as CSV (exact numbers keep their exact text)."""
    from ..output import to_csv

    sys.stdout.write(to_csv(frame))
