"""The nodes of a game tree: decisions, chance moves, ends, and information sets.

See :mod:`bargaining.games.tree` for the tree that holds them; these small
frozen records are what a tree is made of, and what solvers read.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import sympy

from ..errors import GameError

__all__ = ["DecisionNode", "ChanceNode", "TerminalNode", "InfoSet", "exact"]


def exact(value, what: str = "number") -> sympy.Expr:
    """An exact sympy number (or expression) for a payoff or probability given in Python.

    Ints, Fractions, sympy expressions and texts of numbers (``"1/3"``,
    ``"0.25"``, read by :class:`fractions.Fraction`, never evaluated) are
    accepted; floats are read from their shortest decimal form.

    Examples
    --------
    >>> exact("1/3"), exact(0.1), exact(2)
    (1/3, 1/10, 2)
    """
    if isinstance(value, sympy.Basic):
        return value
    if isinstance(value, bool) or value is None:
        raise GameError(f"{what} {value!r} is not a number")
    try:
        number = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
    except (TypeError, ValueError, ZeroDivisionError):
        raise GameError(f"{what} {value!r} is not a number") from None
    return sympy.Rational(number.numerator, number.denominator)


@dataclass(frozen=True)
class DecisionNode:
    """A node where ``player`` chooses one of ``actions``.

    Attributes
    ----------
    id : str
    player : str
    actions : tuple of (action label, child id)
    infoset : str or None
        The node's information set; None puts the node alone in an
        information set named by its id.
    """

    id: str
    player: str
    actions: tuple
    infoset: str | None = None

    @property
    def info(self) -> str:
        """The label of the node's information set."""
        return self.id if self.infoset is None else self.infoset


@dataclass(frozen=True)
class ChanceNode:
    """A move of nature.

    Attributes
    ----------
    id : str
    actions : tuple of (outcome label, child id)
    probabilities : tuple of sympy.Expr
        Exact, in the order of ``actions`` (Rationals, or expressions in
        parameters for a parametric tree).
    """

    id: str
    actions: tuple
    probabilities: tuple


@dataclass(frozen=True)
class TerminalNode:
    """An end of the game.

    Attributes
    ----------
    id : str
    payoffs : tuple of sympy.Expr
        One per player, in the order of the tree's players.
    label : str or None
        The outcome's name (the id when None); :attr:`name` gives it.
    """

    id: str
    payoffs: tuple
    label: str | None = None

    @property
    def name(self) -> str:
        """The label, or the id when there is none."""
        return self.id if self.label is None else self.label


@dataclass(frozen=True)
class InfoSet:
    """An information set of a game tree.

    Attributes
    ----------
    label : str
    player : str
    actions : tuple of str
        The action labels shared by its nodes.
    nodes : tuple of str
        Its node ids, in tree order.
    """

    label: str
    player: str
    actions: tuple
    nodes: tuple
