"""Fearon's (1995) bargaining range: war as a costly lottery over a unit pie.

Player 1 holds ``x`` of a unit pie. War gives player 1 the whole pie with
probability ``p`` and costs the players ``c1`` and ``c2``. Player 1 accepts
any deal with ``x >= p - c1``; player 2 prefers any deal with ``x <= p + c2``
to war. With positive costs the range ``[p - c1, p + c2]`` is never empty:
some deal both prefer to fighting always exists. In a take-it-or-leave-it
offer the proposer extracts the whole range: player 1 proposing gets
``p + c2``, player 2 proposing leaves player 1 ``p - c1``.

References
----------
Fearon, J. D. (1995). Rationalist explanations for war. *International
Organization* 49(3), 379-414.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..errors import BargainingError, GameError
from ..games.game import to_fraction

__all__ = ["FearonRange", "fearon_range", "fearon_range_contest"]


@dataclass(frozen=True)
class FearonRange:
    """The bargaining range of a crisis: deals both sides prefer to war.

    Attributes
    ----------
    low, high : Fraction
        Player 1's share at the range's ends (clipped to [0, 1]).
    p : Fraction
        Player 1's probability of winning a war.
    cost_1, cost_2 : Fraction
    offer_by_1, offer_by_2 : Fraction
        Player 1's share in an ultimatum by player 1 and by player 2.
    """

    low: Fraction
    high: Fraction
    p: Fraction
    cost_1: Fraction
    cost_2: Fraction
    offer_by_1: Fraction
    offer_by_2: Fraction

    @property
    def width(self) -> Fraction:
        """The range's width (``c1 + c2`` before clipping)."""
        return self.high - self.low


def _value(x, what) -> Fraction:
    try:
        return to_fraction(x)
    except GameError:
        raise BargainingError(f"{what} must be a number, got {x!r}") from None


def fearon_range(p, cost_1, cost_2) -> FearonRange:
    """The range of peaceful splits ``[p - c1, p + c2]`` clipped to [0, 1].

    Parameters
    ----------
    p : number in [0, 1]
        Player 1's probability of victory.
    cost_1, cost_2 : non-negative numbers
        Each side's cost of war, in units of the pie.

    Returns
    -------
    FearonRange
        The exact range (all values Fractions): ``low = p - cost_1`` and
        ``high = p + cost_2``, each clipped to [0, 1]; ``offer_by_1`` is
        ``high`` and ``offer_by_2`` is ``low``.

    Raises
    ------
    BargainingError
        If an argument is not a number, ``p`` is outside [0, 1] or a cost is
        negative.

    Examples
    --------
    >>> r = fearon_range(0.5, 0.1, 0.2)
    >>> r.low, r.high, r.offer_by_1
    (Fraction(2, 5), Fraction(7, 10), Fraction(7, 10))
    """
    pp = _value(p, "p")
    c1, c2 = _value(cost_1, "cost_1"), _value(cost_2, "cost_2")
    if not 0 <= pp <= 1:
        raise BargainingError(f"p must lie in [0, 1], got {p!r}")
    if c1 < 0 or c2 < 0:
        raise BargainingError("the costs of war must be non-negative")
    low = min(max(pp - c1, Fraction(0)), Fraction(1))
    high = min(max(pp + c2, Fraction(0)), Fraction(1))
    return FearonRange(low=low, high=high, p=pp, cost_1=c1, cost_2=c2, offer_by_1=high, offer_by_2=low)


def fearon_range_contest(m1, m2, cost_1, cost_2) -> FearonRange:
    """The bargaining range when war is a contest: ``p = m1 / (m1 + m2)``.

    Parameters
    ----------
    m1, m2 : non-negative numbers
        Each side's strength in the contest (military capabilities), not
        both zero; only their ratio matters.
    cost_1, cost_2 : non-negative numbers
        Each side's cost of war, in units of the pie.

    Returns
    -------
    FearonRange
        :func:`fearon_range` at ``p = m1 / (m1 + m2)``.

    Raises
    ------
    BargainingError
        If a strength is negative, both are zero, or an argument is not a
        valid number or cost (as in :func:`fearon_range`).

    Examples
    --------
    >>> fearon_range_contest(2, 1, 0.1, 0.1).p
    Fraction(2, 3)
    """
    a, b = _value(m1, "m1"), _value(m2, "m2")
    if a < 0 or b < 0 or a + b == 0:
        raise BargainingError("the contest strengths must be non-negative and not both zero")
    return fearon_range(a / (a + b), cost_1, cost_2)
