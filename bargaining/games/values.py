"""Exact payoff numbers: how a payoff given as int, float, Decimal or sympy number becomes a Fraction.

Shared by the two-player :class:`~bargaining.games.game.Game` and the
N-player :class:`~bargaining.games.nplayer.NPlayerGame`.
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal
from fractions import Fraction

import numpy as np

from ..errors import GameError

__all__ = ["to_fraction", "LARGEST_PAYOFF", "check_names"]


def to_fraction(value) -> Fraction:
    """Convert one payoff to an exact :class:`~fractions.Fraction`.

    Floats are read from their shortest decimal representation, so the
    fraction is the number as it was written, not its binary approximation.

    Parameters
    ----------
    value : int, float, Fraction, Decimal, numpy or sympy number
        The payoff.

    Returns
    -------
    Fraction

    Raises
    ------
    GameError
        If the value is not a finite real number (strings, booleans, NaN,
        infinities and complex numbers are refused).

    Examples
    --------
    >>> to_fraction(0.1)
    Fraction(1, 10)
    >>> to_fraction(3)
    Fraction(3, 1)
    """
    frac = _exact(value)
    if abs(frac) > LARGEST_PAYOFF:
        raise GameError(f"payoff {_short(value)} is too large (at most 1e300 in absolute value)")
    return frac


#: The largest absolute payoff a game accepts (a float must hold it).
LARGEST_PAYOFF = 10**300


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:40] + f"... ({len(text)} characters)"


def _exact(value) -> Fraction:
    if isinstance(value, (bool, np.bool_)) or isinstance(value, (str, bytes)):
        raise GameError(f"payoff {_short(value)} is not a number")
    if isinstance(value, (complex, np.complexfloating)) or (
        isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real)
    ):
        raise GameError(f"payoff {_short(value)} is a complex number (payoffs are real)")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, numbers.Integral):
        return Fraction(int(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise GameError(f"payoff {value!r} is not finite")
        if abs(value.adjusted()) > 300:
            raise GameError(f"payoff {_short(value)} is too large or too small")
        return Fraction(value)
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if hasattr(value, "is_Rational") and getattr(value, "is_Rational", False):
        return Fraction(int(value.p), int(value.q))  # sympy Rational / Integer
    if getattr(value, "is_real", None) is False:
        raise GameError(f"payoff {_short(value)} is not a real number")
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise GameError(f"payoff {_short(value)} is not a finite real number") from None
    if not math.isfinite(number):
        raise GameError(f"payoff {_short(value)} is not a finite number")
    return Fraction(repr(number))


def check_names(given, count: int, what: str, prefix: str) -> tuple[str, ...]:
    """``count`` names: the given ones, checked (strings, non-empty, distinct), or ``prefix1``, ``prefix2``, ...

    Shared by the two-player and the N-player game.
    """
    if given is None:
        return tuple(f"{prefix}{k + 1}" for k in range(count))
    if isinstance(given, str):
        raise GameError(f"{what} must be a sequence of names, not a single string")
    names = tuple(given)
    if len(names) != count:
        raise GameError(f"{what}: {len(names)} names given for {count}")
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise GameError(f"{what}: every name must be a non-empty string, got {name!r}")
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise GameError(f"{what}: duplicate names {duplicates}")
    return names
