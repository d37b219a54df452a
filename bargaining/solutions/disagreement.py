"""Disagreement points of a game: security levels, or a chosen Nash equilibrium.

What the players get if they do not agree decides every bargaining
solution. For a game it can be each player's security (maxmin) level, or the
payoffs of a Nash equilibrium chosen by a stated rule, or an explicit pair.
"""

from __future__ import annotations

from fractions import Fraction

from ..analysis.statics import risk_dominance
from ..errors import BargainingError, GameError
from ..games.game import Game
from ..games.zero_sum import solve_zero_sum
from .geometry import as_point

__all__ = ["DISAGREEMENT_RULES", "security_levels", "game_disagreement"]

DISAGREEMENT_RULES = ("security", "worst-for-1", "best-for-1", "risk-dominant")


def security_levels(game: Game) -> tuple[Fraction, Fraction]:
    """Each player's maxmin (security) value, exact where the LP's basis can be confirmed.

    Player 1's value is that of the zero-sum game ``A`` (rows maximise),
    player 2's that of ``B`` transposed: what each can guarantee whatever
    the other does, by :func:`~bargaining.solve_zero_sum`.

    Parameters
    ----------
    game : Game
        The bimatrix game; its exact payoffs are used.

    Returns
    -------
    tuple of Fraction
        ``(v1, v2)``; an entry is a float instead when no Shapley–Snow kernel
        confirms the linear program's answer.

    Examples
    --------
    >>> security_levels(Game([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    (Fraction(2, 3), Fraction(2, 3))
    """

    A = [list(r) for r in game.exact_A]
    BT = [[game.exact_B[i][j] for i in range(len(A))] for j in range(len(A[0]))]
    return (solve_zero_sum(A).value, solve_zero_sum(BT).value)


def game_disagreement(game: Game, rule) -> tuple[tuple, str]:
    """The disagreement point of ``game`` under ``rule``, and the rule in words.

    Parameters
    ----------
    game : Game
        The game whose outcome stands if the players do not agree.
    rule : str, Equilibrium or pair of numbers
        One of :data:`DISAGREEMENT_RULES`: ``"security"`` (each player's
        maxmin value), ``"worst-for-1"`` / ``"best-for-1"`` (the Nash
        equilibrium worst or best for player 1, ties broken by player 2's
        payoff), ``"risk-dominant"`` (Harsanyi–Selten, for 2x2 games with two
        strict equilibria); or an equilibrium record; or an explicit pair.

    Returns
    -------
    tuple
        ``((d1, d2), description)``.

    Raises
    ------
    BargainingError
        For an unknown rule, or a risk-dominance rule that selects nothing.

    Examples
    --------
    >>> stag = Game([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> game_disagreement(stag, "risk-dominant")
    ((Fraction(3, 1), Fraction(3, 1)), 'risk-dominant equilibrium Player 1: s2 · Player 2: s2')
    """
    from ..games.equilibria import Equilibrium, equilibria

    if isinstance(rule, Equilibrium):
        return as_point(rule.payoffs, "equilibrium payoffs"), "equilibrium"
    if not isinstance(rule, str):
        return as_point(rule, "disagreement point"), "explicit"
    if rule == "security":
        return security_levels(game), "security"
    if rule in ("worst-for-1", "best-for-1"):
        eqs = equilibria(game, exact=True)
        sign = 1 if rule == "worst-for-1" else -1
        eq = min(eqs, key=lambda e: (sign * float(e.payoffs[0]), sign * float(e.payoffs[1])))
        return as_point(eq.payoffs, "equilibrium payoffs"), f"{rule} equilibrium ({eq.describe()})"
    if rule == "risk-dominant":
        verdict = risk_dominance(game)
        if verdict.equilibrium is None:
            raise GameError("neither equilibrium risk-dominates: the products of deviation losses are equal")
        return as_point(verdict.equilibrium.payoffs, "equilibrium payoffs"), f"risk-dominant equilibrium {verdict.dominant}"
    raise BargainingError(f"unknown disagreement rule {rule!r}; choose one of {DISAGREEMENT_RULES} or give a pair")
