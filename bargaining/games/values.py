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

__all__ = ["to_fraction"]


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
    if isinstance(value, (bool, np.bool_)) or isinstance(value, (str, bytes)):
        raise GameError(f"payoff {value!r} is not a number")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, numbers.Integral):
        return Fraction(int(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise GameError(f"payoff {value!r} is not finite")
        return Fraction(value)
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if hasattr(value, "is_Rational") and getattr(value, "is_Rational", False):
        return Fraction(int(value.p), int(value.q))  # sympy Rational / Integer
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise GameError(f"payoff {value!r} is not a number") from None
    if isinstance(value, complex) or not math.isfinite(number):
        raise GameError(f"payoff {value!r} is not a finite number")
    return Fraction(repr(number))
