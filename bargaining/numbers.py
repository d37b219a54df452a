"""Exact evaluation of parsed model expressions, with bounded cost.

Expressions come from :func:`bargaining.modelling.expressions.parse_expression`;
numbers are substituted for their symbols bottom-up, and every power,
logarithm and exponential is checked before it is computed, so a parameter
value cannot make the package compute a number too large to hold.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import sympy

from .errors import ModelError

__all__ = ["evaluate", "LIMITS", "too_big", "root_too_costly"]

#: Bounds on the cost of one expression, checked before anything is built.
LIMITS = {
    "length": 500,  # characters of text
    "nodes": 300,  # syntax-tree nodes
    "depth": 40,  # nesting depth of the syntax tree
    "digits": 30,  # digits of one number literal
    "exponent": 100,  # absolute value of a numeric exponent
    "bits": 20000,  # bits of a number computed from literals (e.g. 2**100)
    "calls": 4,  # nesting depth of function calls
    "root_bits": 1000,  # bits of a number whose root (sqrt, fractional power) sympy may look for
}


def evaluate(expr, values: Mapping, *, where: str = "expression"):
    """Substitute numbers for every symbol of ``expr``, exactly and with bounded cost.

    Powers are checked before they are computed, so a parameter value cannot
    turn ``R**n`` into a number too large to hold.

    Parameters
    ----------
    expr : sympy.Expr
        An expression from :func:`~bargaining.modelling.expressions.parse_expression`.
    values : mapping of sympy.Symbol to number
        A value for every free symbol of ``expr`` (sympy numbers, ints,
        Fractions).
    where : str
        Put in front of every error message.

    Returns
    -------
    sympy.Expr
        A finite real sympy number: a Rational when only rational operations
        are involved, otherwise an exact irrational such as ``sqrt(2)``.

    Raises
    ------
    ModelError
        On a division by zero, a missing value, or a result that is not a
        finite real number.

    Examples
    --------
    >>> R, k = sympy.symbols("R k", positive=True)
    >>> evaluate(k / R, {R: sympy.Rational(3, 4), k: 1})
    4/3
    >>> evaluate(k / R, {R: 0, k: 1}, where="cell (Cut, Align)")
    Traceback (most recent call last):
    ...
    bargaining.errors.ModelError: cell (Cut, Align): division by zero
    """
    number = _substitute(expr, values, where)
    if number.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or number.is_finite is False:
        raise ModelError(f"{where}: the value is not finite")
    if number.has(sympy.I) or number.is_real is False:
        raise ModelError(f"{where}: the value is not a real number")
    return number


def _substitute(expr, values: Mapping, where: str):
    if expr.is_Number:
        return expr
    if expr.is_Symbol:
        if expr not in values:
            raise ModelError(f"{where}: no value for {expr}")
        value = values[expr]
        if isinstance(value, Fraction):
            return sympy.Rational(value.numerator, value.denominator)
        if isinstance(value, sympy.Basic):
            return value
        return sympy.Integer(value) if isinstance(value, int) else sympy.Rational(str(value))
    args = [_substitute(arg, values, where) for arg in expr.args]
    if expr.is_Pow:
        base, exponent = args
        if exponent.is_Number and exponent < 0 and base == 0:
            raise ModelError(f"{where}: division by zero")
        if exponent.is_Number and abs(exponent) > LIMITS["exponent"] and base.is_number and not _unit(base):
            raise ModelError(f"{where}: the power ({_short(base)})**{_short(exponent)} is too large to compute "
                             f"(exponent beyond {LIMITS['exponent']})")
        if base.is_number and exponent.is_Rational and not _unit(base):
            if exponent.q > LIMITS["exponent"]:
                raise ModelError(f"{where}: the exponent {_short(exponent)} has a denominator above "
                                 f"{LIMITS['exponent']}")
            # sympy computes base**p before taking the q-th root: its cost grows with bits * |p|
            bits = max((max(abs(r.p).bit_length(), abs(r.q).bit_length()) for r in base.atoms(sympy.Rational)),
                       default=1)
            if bits * max(abs(exponent), abs(exponent.p)) > LIMITS["bits"] or root_too_costly(base, exponent):
                raise ModelError(f"{where}: the power is too large to compute")
    if expr.func is sympy.log and args[0].is_Number and args[0] <= 0:
        raise ModelError(f"{where}: log of a number that is not positive")
    if expr.func is sympy.exp and args[0].is_number and too_big(args[0], 700):
        raise ModelError(f"{where}: exp of a number larger than 700")
    try:
        return expr.func(*args)
    except (ValueError, TypeError, ArithmeticError, NotImplementedError, RecursionError) as err:
        # e.g. sympy's Min/Max of numbers it cannot compare ("not comparable")
        raise ModelError(f"{where}: cannot be evaluated exactly ({_short(err)})") from None


def _unit(base) -> bool:
    """Whether a number is 0, 1 or -1, whose powers stay small whatever the exponent."""
    return base.is_zero is True or base == 1 or base == -1


def _short(thing) -> str:
    text = str(thing)
    return text if len(text) <= 60 else text[:57] + "..."


def root_too_costly(base, exponent) -> bool:
    """Whether sympy would factor a huge number to take a root: ``sqrt(10**2000 + 1)``.

    A fractional power of a number makes sympy look for perfect powers in it,
    which takes very long for numbers of thousands of digits.

    Examples
    --------
    >>> root_too_costly(sympy.Integer(10)**400 + 1, sympy.Rational(1, 2))
    True
    >>> root_too_costly(sympy.Integer(10)**400 + 1, sympy.Integer(2)), root_too_costly(sympy.Integer(7), sympy.Rational(1, 3))
    (False, False)
    """
    if not (exponent.is_Rational and not exponent.is_Integer):
        return False
    bits = max((max(abs(r.p).bit_length(), abs(r.q).bit_length()) for r in base.atoms(sympy.Rational)), default=0)
    return bits > LIMITS["root_bits"]


def too_big(number, bound: float) -> bool:
    """Whether ``abs(number)`` exceeds ``bound``, or cannot even be measured.

    Parameters
    ----------
    number : sympy number or number
        The value to check, e.g. an exponent before ``exp`` is computed.
    bound : float
        The largest magnitude allowed.

    Returns
    -------
    bool
        True when the magnitude is above ``bound``, infinite, NaN, or not a
        number at all.

    Examples
    --------
    >>> too_big(sympy.Integer(701), 700), too_big(sympy.Rational(1, 2), 700)
    (True, False)
    """
    try:
        return not abs(complex(number)) <= bound
    except (TypeError, ValueError, OverflowError):
        return True
