"""What the exact threshold solve can afford: checked before it starts, and a deadline while it runs.

:func:`bargaining.analysis.thresholds.thresholds` finds roots of payoff
differences and of mixed-strategy conditions symbolically. That is exact and
fast for the rational payoffs of the models it is meant for, and unbounded for
others: a degree-1000 power, an expansion of ``(R + a + b + c + 1)**60``, a
cyclotomic polynomial, ``log(R)`` or ``min(R, 1/2)``. :func:`check_form`
refuses such payoffs before any symbolic work, naming the cell and the reason;
:class:`Deadline` stops a solve that still runs too long. The limits are in
:data:`SOLVE_LIMITS`.
"""

from __future__ import annotations

import math
import time

import sympy

from ..errors import SolverError

__all__ = ["SOLVE_LIMITS", "check_form", "expansion_size", "Deadline"]

#: Limits of the symbolic threshold solve.
SOLVE_LIMITS = {
    "degree": 12,  # degree in the moving parameter of a payoff's numerator or denominator
    "factor_degree": 4,  # degree of an irreducible factor solved exactly (by radicals)
    "terms": 2000,  # terms of a payoff once expanded (estimated before expanding)
    "nodes": 400,  # nodes of a payoff's expression tree
    "conditions": 20_000,  # support conditions (grows like C(m + n, m))
    "seconds": 60.0,  # wall time of one solve
}

_NOT_RATIONAL = (sympy.log, sympy.exp, sympy.Min, sympy.Max, sympy.Abs)


def expansion_size(expr) -> tuple:
    """An upper bound on (terms, degree) of ``expr`` once expanded, computed without expanding.

    The degree is the total degree over all symbols; powers with a negative
    exponent count as their positive counterpart (they become denominators).

    Examples
    --------
    >>> a, b = sympy.symbols("a b")
    >>> expansion_size((a + b + 1)**3)
    (10, 3)
    >>> expansion_size(a*b + a**2)
    (2, 2)
    """
    if expr.is_Atom:
        return 1, (1 if expr.is_Symbol else 0)
    if expr.is_Add:
        parts = [expansion_size(arg) for arg in expr.args]
        return sum(t for t, _ in parts), max(d for _, d in parts)
    if expr.is_Mul:
        terms, degree = 1, 0
        for arg in expr.args:
            t, d = expansion_size(arg)
            terms, degree = terms * t, degree + d
        return terms, degree
    if expr.is_Pow and expr.exp.is_Integer:
        n = abs(int(expr.exp))
        t, d = expansion_size(expr.base)
        return math.comb(t + n - 1, n) if t > 1 else 1, d * n
    return 1, 0 if not expr.free_symbols else 1


def check_form(form, param: str, where: str = "") -> None:
    """Refuse payoffs the exact threshold solve cannot afford, naming the cell and the reason.

    Parameters
    ----------
    form : SymbolicForm
        From :func:`bargaining.analysis.sensitivity.symbolic_form`.
    param : str
        The parameter that moves.
    where : str
        Put in front of every message (the model file).

    Raises
    ------
    SolverError
        For a payoff that is not a rational function of ``param`` (``log``,
        ``exp``, ``min``, ``max``, ``abs`` or a fractional power of it), or
        whose size or degree is above :data:`SOLVE_LIMITS`, or for a game
        with too many support conditions.

    Examples
    --------
    >>> from bargaining import load_model
    >>> from bargaining.analysis.sensitivity import symbolic_form
    >>> check_form(symbolic_form(load_model("russia_belarus")), "R")
    """
    sym = form.symbol(param)
    rows, cols = form.strategies
    limits = SOLVE_LIMITS
    for k, M in enumerate((form.A, form.B)):
        for i, row in enumerate(rows):
            for j, col in enumerate(cols):
                expr = M[i, j]
                here = f"{where}payoffs.{row}.{col}[{k}]"
                if not expr.has(sym):
                    continue
                nodes = sum(1 for _ in sympy.preorder_traversal(expr))
                if nodes > limits["nodes"]:
                    raise SolverError(f"{here}: the payoff has {nodes} nodes, more than the exact threshold "
                                      f"solve's limit {limits['nodes']}")
                for sub in sympy.preorder_traversal(expr):
                    if sub.has(sym) and (isinstance(sub, _NOT_RATIONAL) or (sub.is_Pow and not sub.exp.is_Integer)):
                        raise SolverError(
                            f"{here}: {_short(sub)} is not a rational function of {param}; exact thresholds "
                            f"need rational payoffs in {param} (use `bargaining sweep` for a numeric picture)")
                numerator, denominator = sympy.fraction(sympy.together(expr)) if _small(expr) else (expr, 1)
                for part in (numerator, sympy.Integer(denominator) if isinstance(denominator, int) else denominator):
                    terms, _ = expansion_size(part)
                    degree = _degree_in(part, sym)
                    if degree > limits["degree"]:
                        raise SolverError(f"{here}: the payoff has degree {degree} in {param}, more than the exact "
                                          f"threshold solve's limit {limits['degree']}")
                    if terms > limits["terms"]:
                        raise SolverError(f"{here}: the payoff expands to about {terms:,} terms, more than the exact "
                                          f"threshold solve's limit {limits['terms']:,}")
    m, n = len(rows), len(cols)
    conditions = 2 * (math.comb(m + n, m) - 1) * max(m, n)
    if conditions > limits["conditions"]:
        raise SolverError(f"{where}the {m}x{n} game has about {conditions:,} support conditions, more than the exact "
                          f"threshold solve's limit {limits['conditions']:,}")


def _small(expr) -> bool:
    terms, _ = expansion_size(expr)
    return terms <= SOLVE_LIMITS["terms"]


def _degree_in(expr, sym) -> int:
    """An upper bound on the degree of ``expr`` in ``sym`` (other symbols held fixed), without expanding."""
    if expr.is_Atom:
        return 1 if expr == sym else 0
    if expr.is_Add:
        return max(_degree_in(arg, sym) for arg in expr.args)
    if expr.is_Mul:
        return sum(_degree_in(arg, sym) for arg in expr.args)
    if expr.is_Pow and expr.exp.is_Integer:
        return _degree_in(expr.base, sym) * abs(int(expr.exp))
    return 0 if not expr.has(sym) else 1


def _short(expr) -> str:
    text = sympy.sstr(expr)
    return text if len(text) <= 60 else text[:57] + "..."


class Deadline:
    """A wall-clock budget checked between steps of a long computation.

    Examples
    --------
    >>> clock = Deadline(60, "thresholds")
    >>> clock.check()  # well within the budget: nothing happens
    """

    def __init__(self, seconds: float, what: str):
        self.seconds = seconds
        self.what = what
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        """Raise :class:`~bargaining.errors.SolverError` once the budget is spent."""
        if time.monotonic() > self.end:
            raise SolverError(f"{self.what}: stopped after {self.seconds:g} s (the limit; the payoffs are too "
                              "complex for the exact solve)")
