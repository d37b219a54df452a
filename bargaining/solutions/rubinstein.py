"""Rubinstein's (1982) alternating-offers bargaining over a pie.

Two players alternate proposals to split a pie; a rejected offer costs a
period. With discount factors ``delta1``, ``delta2`` the unique subgame-
perfect equilibrium gives the first proposer ``(1 - delta2) / (1 - delta1
delta2)`` immediately. With fixed per-period costs the player with the lower
cost gets (almost) everything. Outside options enter by the outside-option
principle: an option binds only when it beats what the player would get by
continuing to bargain. As the period shrinks the split tends to the
asymmetric Nash solution with power ``r2 / (r1 + r2)`` for player 1.

References
----------
Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
*Econometrica* 50(1), 97-109.
Osborne, M. J. and Rubinstein, A. (1990). *Bargaining and Markets*, ch. 3
and 4. Academic Press.
Muthoo, A. (1999). *Bargaining Theory with Applications*, ch. 3 and 5.
Cambridge University Press.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..errors import BargainingError, GameError
from ..games.game import to_fraction

__all__ = ["RubinsteinOutcome", "rubinstein", "rubinstein_limit"]


@dataclass(frozen=True)
class RubinsteinOutcome:
    """The subgame-perfect split of an alternating-offers game.

    Attributes
    ----------
    shares : pair
        The pie each player gets (Fractions when ``exact``).
    proposer : int
        Who proposes first (1 or 2).
    delta1, delta2 : number or None
        The discount factors (None in the fixed-cost model).
    exact : bool
    method : str
    nash_power : number
        Player 1's power in the asymmetric Nash solution (disagreement 0)
        that gives the same split of a unit pie: player 1's share of the pie.
    """

    shares: tuple
    proposer: int
    delta1: object
    delta2: object
    exact: bool
    method: str
    nash_power: object


def _number(value, what, low=None, high=None, open_low=False, open_high=False) -> Fraction:
    try:
        x = to_fraction(value)
    except GameError:
        raise BargainingError(f"{what} must be a number, got {value!r}") from None
    if low is not None and (x < low or (open_low and x == low)):
        raise BargainingError(f"{what} = {value!r} is out of range")
    if high is not None and (x > high or (open_high and x == high)):
        raise BargainingError(f"{what} = {value!r} is out of range")
    return x


def _with_options(d1, d2, w1, w2):
    """Stationary SPE with outside options taken when responding (Muthoo 1999, §5.2).

    Returns (x, y): player 1's share when 1 proposes and when 2 proposes,
    solving 1 - x = max(w2, d2 (1 - y)) and y = max(w1, d1 x).
    """
    candidates = []
    for bind1 in (False, True):
        for bind2 in (False, True):
            if not bind1 and not bind2:
                x = (1 - d2) / (1 - d1 * d2)
                y = d1 * x
            elif bind2 and not bind1:
                x = 1 - w2
                y = d1 * x
            elif bind1 and not bind2:
                y = w1
                x = 1 - d2 * (1 - y)
            else:
                x, y = 1 - w2, w1
            if 1 - x == max(w2, d2 * (1 - y)) and y == max(w1, d1 * x):
                candidates.append((x, y, bind1, bind2))
    return candidates[0]


def rubinstein(delta1=None, delta2=None, proposer: int = 1, *, costs=None, outside_options=None, pie=1):
    """The subgame-perfect split of Rubinstein's alternating-offers game.

    Parameters
    ----------
    delta1, delta2 : number in [0, 1)
        Discount factors per period (decimals are read exactly: 0.9 is 9/10).
    proposer : {1, 2}
        Who makes the first offer.
    costs : pair of positive numbers, optional
        Fixed per-period costs ``(c1, c2)`` instead of discounting (Rubinstein
        1982, §3.9.2 of Osborne and Rubinstein 1990): if ``c1 < c2`` the
        first proposer 1 gets the whole pie; if ``c1 > c2`` player 1 gets
        ``c2`` (it proposes) or ``1 - c1`` when 2 proposes; with equal costs
        the SPE are not unique and the proposer's best one (the whole pie) is
        reported, with ``method`` saying so. Costs are in units of the pie and
        are given for ``pie = 1``.
    outside_options : pair of numbers, optional
        ``(w1, w2)``: what each player gets by leaving when it responds to an
        offer (Muthoo 1999, ch. 5). An option binds only when it exceeds what
        the player would get by rejecting and counter-proposing. The
        options must sum to less than the pie.
    pie : positive number
        The size of the pie; shares scale with it.

    Returns
    -------
    RubinsteinOutcome
        Each player's share, the first proposer, the discount factors, and
        in ``method`` how the split was obtained.

    Raises
    ------
    BargainingError
        On a discount factor outside [0, 1) or missing,
        non-positive costs, or outside options that leave no gain from a deal.

    Examples
    --------
    >>> rubinstein(0.9, 0.9).shares
    (Fraction(10, 19), Fraction(9, 19))
    >>> rubinstein(0.9, 0.8).shares[0]
    Fraction(5, 7)
    >>> rubinstein(0.9, 0.9, outside_options=(0, 0.6)).shares
    (Fraction(2, 5), Fraction(3, 5))
    >>> rubinstein(costs=(0.1, 0.2)).shares
    (Fraction(1, 1), Fraction(0, 1))
    """
    if proposer not in (1, 2):
        raise BargainingError(f"proposer must be 1 or 2, got {proposer!r}")
    size = _number(pie, "pie", 0, open_low=True)
    if costs is not None:
        return _fixed_costs(costs, proposer, size)
    if delta1 is None or delta2 is None:
        raise BargainingError("give both discount factors, or costs=(c1, c2)")
    d1 = _number(delta1, "delta1", 0, 1, open_high=True)
    d2 = _number(delta2, "delta2", 0, 1, open_high=True)
    if outside_options is None:
        w1 = w2 = Fraction(0)
    else:
        if len(outside_options) != 2:
            raise BargainingError("outside_options must be a pair (w1, w2)")
        w1 = _number(outside_options[0], "outside option of player 1") / size
        w2 = _number(outside_options[1], "outside option of player 2") / size
        if w1 + w2 >= 1:
            raise BargainingError("the outside options sum to at least the pie: no agreement is worth making")
    if proposer == 1:
        x, y, b1, b2 = _with_options(d1, d2, w1, w2)
        share1 = x
    else:
        x, y, b2, b1 = _with_options(d2, d1, w2, w1)
        share1 = 1 - x
    method = "alternating offers, stationary SPE"
    binding = [f"player {k}" for k, b in ((1, b1), (2, b2)) if b]
    if outside_options is not None:
        method += "; outside option binds for " + " and ".join(binding) if binding else "; no outside option binds"
    return RubinsteinOutcome(
        shares=(share1 * size, (1 - share1) * size), proposer=proposer, delta1=d1, delta2=d2,
        exact=True, method=method, nash_power=share1,
    )


def _fixed_costs(costs, proposer, size):
    if len(costs) != 2:
        raise BargainingError("costs must be a pair (c1, c2)")
    c1 = _number(costs[0], "cost of player 1", 0, open_low=True)
    c2 = _number(costs[1], "cost of player 2", 0, open_low=True)
    mine, theirs = (c1, c2) if proposer == 1 else (c2, c1)
    if mine < theirs:
        keep, method = Fraction(1), "fixed costs: the proposer has the lower cost and takes the pie"
    elif mine > theirs:
        keep, method = min(Fraction(1), theirs), "fixed costs: the proposer has the higher cost and keeps the other's cost"
    else:
        keep, method = Fraction(1), "fixed costs equal: many SPE (proposer keeps any x >= c); the proposer's best reported"
    share1 = keep if proposer == 1 else 1 - keep
    return RubinsteinOutcome(
        shares=(share1 * size, (1 - share1) * size), proposer=proposer, delta1=None, delta2=None,
        exact=True, method=method, nash_power=share1,
    )


def rubinstein_limit(r1, r2) -> RubinsteinOutcome:
    """The split as the period length tends to 0 with discount rates ``r1``, ``r2``.

    With ``delta_i = exp(-r_i * Delta)`` and ``Delta -> 0`` the proposer's
    advantage vanishes and player 1 gets ``r2 / (r1 + r2)``: the asymmetric
    Nash solution with power ``r2 / (r1 + r2)`` for player 1 (Binmore,
    Rubinstein and Wolinsky 1986).

    Parameters
    ----------
    r1, r2 : positive numbers
        Each player's discount rate per unit of time (decimals are read
        exactly: 0.05 is 1/20); only their ratio matters.

    Returns
    -------
    RubinsteinOutcome
        Exact shares ``(r2 / (r1 + r2), r1 / (r1 + r2))`` of a unit pie, with
        ``nash_power`` the equivalent Nash power of player 1; ``delta1`` and
        ``delta2`` are None (no period length).

    Raises
    ------
    BargainingError
        If a rate is not a number or is not strictly positive.

    References
    ----------
    Binmore, K., Rubinstein, A. and Wolinsky, A. (1986). The Nash bargaining
    solution in economic modelling. *RAND Journal of Economics* 17(2),
    176-188.

    Examples
    --------
    >>> rubinstein_limit(0.05, 0.1).shares
    (Fraction(2, 3), Fraction(1, 3))
    """
    a = _number(r1, "r1", 0, open_low=True)
    b = _number(r2, "r2", 0, open_low=True)
    share = b / (a + b)
    return RubinsteinOutcome(
        shares=(share, 1 - share), proposer=1, delta1=None, delta2=None, exact=True,
        method="short-period limit (asymmetric Nash solution)", nash_power=share,
    )
