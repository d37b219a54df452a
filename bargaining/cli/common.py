"""Arguments and helpers shared by the subcommands that work on a model."""

from __future__ import annotations

import sys
import warnings
from contextlib import contextmanager
from fractions import Fraction

from ..errors import ModelError

__all__ = ["add_model_argument", "add_point_arguments", "parse_overrides", "show_number", "warnings_to_stderr"]


def add_model_argument(parser, dest: str = "target") -> None:
    """The positional MODEL: a bundled model's name or a path to a .toml file."""
    parser.add_argument(dest, metavar="MODEL",
                        help="a bundled model name (see `bargaining models`) or a path to a .toml file")


def add_point_arguments(parser, *, set_help: str = "set a parameter (repeatable), e.g. --set R=0.75") -> None:
    """``--scenario NAME`` and repeatable ``--set NAME=VALUE``: where in parameter space."""
    parser.add_argument("--scenario", help="a scenario of the model, e.g. 2015")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", dest="overrides",
                        help=set_help + " (decimals and fractions like 2/7 are exact)")


def parse_overrides(items) -> dict:
    """``["R=0.75", "w=1.3"]`` -> ``{"R": "0.75", "w": "1.3"}`` (values stay exact strings).

    Raises
    ------
    ModelError
        For an item that is not ``NAME=VALUE``.
    """
    found = {}
    for item in items:
        name, sep, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise ModelError(f"--set {item!r}: expected NAME=VALUE, e.g. --set R=0.75")
        found[name] = value
    return found


def show_number(value) -> str:
    """An exact number for people: ``3/4`` as ``0.75``, ``2/7`` as ``2/7 (0.285714)``."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    decimal = f"{float(value):.6g}"
    return decimal if Fraction(decimal) == value else f"{value} ({decimal})"


@contextmanager
def warnings_to_stderr():
    """Collect warnings (e.g. a value outside its range) and print each once as one line."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for message in dict.fromkeys(str(w.message) for w in caught):
        print(f"bargaining: warning: {message}", file=sys.stderr)
