"""Arguments and helpers shared by the subcommands, and the one validator of numbers given on the command line.

Every number a user types (``--set NAME=VALUE``, ``--from``, ``--to``,
``--power``, ``--seed``, ``--points``, ``--samples``) is checked by
:func:`parse_number` or :func:`parse_count` against the bounds in
:data:`BOUNDS` before any work starts; :func:`validate` applies them to a
parsed command line, whatever the subcommand.
"""

from __future__ import annotations

import math
import re
import sys
import warnings
from contextlib import contextmanager
from fractions import Fraction

from ..errors import BargainingError, ModelError

__all__ = ["add_model_argument", "add_point_arguments", "parse_overrides", "show_number", "warnings_to_stderr",
           "BOUNDS", "parse_number", "parse_count", "validate", "UsageError"]

#: Bounds on numbers from the command line (documented in ``docs/limits.md``).
BOUNDS = {
    "digits": 30,  # digits of a number's numerator, denominator, or decimal mantissa
    "exponent": 30,  # |e| in a decimal such as 1.5e3
    "magnitude": 10**9,  # |--from| and |--to|
    "step": 1e-12,  # smallest step between grid points (sweep rounds values to 12 decimals)
    "seed": 2**63 - 1,  # largest --seed
    "samples": 1_000_000,  # largest --samples
    "work": 50_000_000,  # largest --samples x --points (uncertainty, plot --kind uncertainty)
    "points": {"sweep": 100_000, "plot": 10_000, "uncertainty": 10_000, "explore": 2001},  # largest --points
}

_DECIMAL = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_FRACTION = re.compile(r"^[+-]?\d+\s*/\s*[+-]?\d+$")


class UsageError(BargainingError):
    """A command line that cannot be used: a bad option or a number out of bounds."""


def parse_number(text, option: str, *, low=None, high=None, open_low: bool = False,
                 open_high: bool = False) -> Fraction:
    """A number from the command line, exactly, within bounds.

    Accepts decimals (``0.75``, ``1e-3``) and fractions (``2/7``); refuses
    anything else (``nan``, ``inf``, ``1/0``, words), numbers with more than
    ``BOUNDS["digits"]`` digits in a numerator or denominator or an exponent
    beyond ``BOUNDS["exponent"]``, and numbers outside ``[low, high]``.

    Parameters
    ----------
    text : str, int or float
        What the user typed (a float is read from its shortest repr).
    option : str
        The option's name, put in front of every message (e.g. ``"--power"``).
    low, high : number, optional
        Inclusive bounds (exclusive with ``open_low`` / ``open_high``).

    Returns
    -------
    fractions.Fraction

    Raises
    ------
    UsageError
        With one line naming the option, the value and the rule.

    Examples
    --------
    >>> parse_number("2/7", "--set R")
    Fraction(2, 7)
    >>> parse_number("nan", "--power")
    Traceback (most recent call last):
    ...
    bargaining.cli.common.UsageError: --power: 'nan' is not a number (write a decimal such as 0.75 or a fraction such as 2/7)
    """
    if isinstance(text, bool):
        raise UsageError(f"{option}: {text!r} is not a number")
    if isinstance(text, float):
        if not math.isfinite(text):
            raise UsageError(f"{option}: {text!r} is not a finite number")
        text = repr(text)
    shown = _shown(text)
    text = str(text).strip()
    digits = BOUNDS["digits"]
    if _DECIMAL.match(text):
        mantissa, _, exponent = text.lower().partition("e")
        if sum(c.isdigit() for c in mantissa) > digits:
            raise UsageError(f"{option}: {shown} has more than {digits} digits")
        if exponent and abs(int(exponent)) > BOUNDS["exponent"]:
            raise UsageError(f"{option}: {shown} is too large or too small (exponent beyond {BOUNDS['exponent']})")
        value = Fraction(text)
    elif _FRACTION.match(text):
        top, bottom = (part.strip() for part in text.split("/"))
        if max(len(top.lstrip("+-")), len(bottom.lstrip("+-"))) > digits:
            raise UsageError(f"{option}: {shown} has more than {digits} digits in its numerator or denominator")
        if int(bottom) == 0:
            raise UsageError(f"{option}: {shown} divides by zero")
        value = Fraction(int(top), int(bottom))
    else:
        raise UsageError(f"{option}: {shown} is not a number (write a decimal such as 0.75 or a fraction such as 2/7)")
    if low is not None and (value < low or (open_low and value == low)):
        raise UsageError(f"{option}: {shown} is below the allowed range {_interval(low, high, open_low, open_high)}")
    if high is not None and (value > high or (open_high and value == high)):
        raise UsageError(f"{option}: {shown} is above the allowed range {_interval(low, high, open_low, open_high)}")
    return value


def parse_count(text, option: str, *, low: int = 1, high: int) -> int:
    """A whole number from the command line within ``[low, high]``.

    Examples
    --------
    >>> parse_count("131", "--points", high=100_000)
    131
    >>> parse_count(10_000_000, "--points", high=100_000)
    Traceback (most recent call last):
    ...
    bargaining.cli.common.UsageError: --points: 10000000 is above the limit 100000
    """
    shown = _shown(text)
    if isinstance(text, bool) or not re.fullmatch(r"[+-]?\d{1,30}", str(text).strip()):
        raise UsageError(f"{option}: {shown} is not a whole number")
    value = int(str(text).strip())
    if value < low:
        raise UsageError(f"{option}: {value} is below the minimum {low}")
    if value > high:
        raise UsageError(f"{option}: {value} is above the limit {high}")
    return value


def _shown(text) -> str:
    """What the user typed, quoted and cut short: ``'1/999...' (1003 characters)``."""
    text = str(text)
    return repr(text) if len(text) <= 40 else f"{text[:20]!r}... ({len(text)} characters)"


def _interval(low, high, open_low, open_high) -> str:
    left = "(" if open_low else "["
    right = ")" if open_high else "]"
    return f"{left}{'-inf' if low is None else low}, {'inf' if high is None else high}{right}"


def validate(args) -> None:
    """Check every number of a parsed command line against :data:`BOUNDS`, whatever the subcommand.

    Looks for the destinations the subcommands use (``overrides``, ``lo``,
    ``hi``, ``power``, ``seed``, ``points``, ``samples``); a subcommand that
    has none of them passes untouched. ``--from`` must lie below ``--to``.

    Raises
    ------
    UsageError
        On the first number out of its bounds.

    Examples
    --------
    >>> import argparse
    >>> validate(argparse.Namespace(command="sweep", lo=2.0, hi=1.0, points=5))
    Traceback (most recent call last):
    ...
    bargaining.cli.common.UsageError: --from (2) must be below --to (1)
    """
    command = getattr(args, "command", None)
    parse_overrides(getattr(args, "overrides", None) or [])
    ends = {}
    for dest, option in (("lo", "--from"), ("hi", "--to")):
        value = getattr(args, dest, None)
        if value is not None:
            magnitude = BOUNDS["magnitude"]
            ends[dest] = parse_number(value, option, low=-magnitude, high=magnitude)
    if len(ends) == 2 and not ends["lo"] < ends["hi"]:
        raise UsageError(f"--from ({_plain(ends['lo'])}) must be below --to ({_plain(ends['hi'])})")
    if getattr(args, "power", None) is not None:
        parse_number(args.power, "--power", low=0, high=1, open_low=True, open_high=True)
    if getattr(args, "seed", None) is not None:
        parse_count(args.seed, "--seed", low=0, high=BOUNDS["seed"])
    points = getattr(args, "points", None)
    if points is not None:
        points = parse_count(points, "--points", low=2 if command in ("plot", "explore") else 1,
                             high=BOUNDS["points"].get(command, min(BOUNDS["points"].values())))
        if len(ends) == 2 and points > 1 and (ends["hi"] - ends["lo"]) / (points - 1) < BOUNDS["step"]:
            raise UsageError(f"--points: {points} points between --from and --to are closer than {BOUNDS['step']:g}")
    samples = getattr(args, "samples", None)
    if samples is not None:
        samples = parse_count(samples, "--samples", high=BOUNDS["samples"])
        uses_samples = command != "plot" or getattr(args, "kind", None) == "uncertainty"
        if uses_samples and samples * (points or 200) > BOUNDS["work"]:
            raise UsageError(f"--samples x --points = {samples * (points or 200)} is above the limit {BOUNDS['work']}")


def _plain(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"


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
    UsageError
        For a value that :func:`parse_number` refuses.
    """
    found = {}
    for item in items:
        name, sep, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise ModelError(f"--set {_shown(item)}: expected NAME=VALUE, e.g. --set R=0.75")
        parse_number(value, f"--set {name}" if name.isidentifier() else f"--set {_shown(name)}")
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
