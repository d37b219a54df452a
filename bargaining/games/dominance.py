"""Iterated elimination of strictly dominated strategies.

A strategy is strictly dominated when another strategy (pure, or optionally
mixed) gives its player a strictly higher payoff against every strategy of
the other player. Removing such strategies never removes a Nash equilibrium,
and the order of removal does not change the result (Osborne and Rubinstein
1994, Proposition 61.2).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from .game import Game, require_game

__all__ = ["Elimination", "Reduction", "eliminate_dominated"]


@dataclass(frozen=True)
class Elimination:
    """One step: ``strategy`` of ``player`` was removed, being dominated by ``by``.

    Attributes
    ----------
    player : str
        The player whose strategy was removed.
    strategy : str
        The removed strategy.
    by : str or dict
        The dominating strategy's name, or a mapping name -> probability for
        a mixed dominating strategy.
    """

    player: str
    strategy: str
    by: object

    def __str__(self) -> str:
        by = self.by if isinstance(self.by, str) else ", ".join(f"{k} {v:.3g}" for k, v in self.by.items())
        return f"{self.player}: {self.strategy} is strictly dominated by {by}"


@dataclass(frozen=True)
class Reduction:
    """The result of iterated elimination: the reduced game and the steps taken.

    Attributes
    ----------
    game : Game
        The game that remains, with the surviving strategies' names.
    steps : tuple of Elimination
        Each removal in order: whose strategy, which, and what dominated it.
    """

    game: Game
    steps: tuple[Elimination, ...]

    def __str__(self) -> str:
        return "\n".join(str(step) for step in self.steps) or "no strictly dominated strategy"


def _payoffs_against_other(game: Game, player: int, rows, cols):
    """Exact payoffs of ``player``'s strategies (as rows) against the other's."""
    if player == 0:
        return {i: [game.exact_A[i][j] for j in cols] for i in rows}
    return {j: [game.exact_B[i][j] for i in rows] for j in cols}


def _pure_dominator(values: dict, k):
    for other, payoffs in values.items():
        if other != k and all(a > b for a, b in zip(payoffs, values[k])):
            return other
    return None


def _mixed_dominator(values: dict, k, tol: float = 1e-9):
    """A mixed strategy over the others beating ``k`` by a margin everywhere (LP)."""
    others = [o for o in values if o != k]
    if len(others) < 2:
        return None
    M = np.array([[float(v) for v in values[o]] for o in others])  # others x opponents
    target = np.array([float(v) for v in values[k]])
    # maximise eps subject to p @ M >= target + eps, sum p = 1, p >= 0
    n = len(others)
    c = np.zeros(n + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-M.T, np.ones((M.shape[1], 1))])
    b_ub = -target
    A_eq = np.hstack([np.ones((1, n)), np.zeros((1, 1))])
    result = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=[(0, None)] * n + [(None, None)])
    if result.status == 0 and -result.fun > tol:
        return {o: float(p) for o, p in zip(others, result.x[:n]) if p > tol}
    return None


def eliminate_dominated(game: Game, *, mixed: bool = False) -> Reduction:
    """Remove strictly dominated strategies, repeatedly, until none is left.

    Parameters
    ----------
    game : Game
        The game to reduce.
    mixed : bool
        Also test domination by mixed strategies (a linear programme per
        strategy); by default only pure strategies dominate, tested exactly.

    Returns
    -------
    Reduction
        The reduced game (names kept) and the elimination steps in order.

    Examples
    --------
    >>> pd = Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Col"),
    ...           strategies=(("Cooperate", "Defect"), ("Cooperate", "Defect")))
    >>> reduction = eliminate_dominated(pd)
    >>> print(reduction)
    Row: Cooperate is strictly dominated by Defect
    Col: Cooperate is strictly dominated by Defect
    >>> reduction.game.strategies
    (('Defect',), ('Defect',))
    """
    require_game(game)
    rows = list(range(game.shape[0]))
    cols = list(range(game.shape[1]))
    steps: list[Elimination] = []
    changed = True
    while changed:
        changed = False
        for player in (0, 1):
            own = rows if player == 0 else cols
            if len(own) < 2:
                continue
            values = _payoffs_against_other(game, player, rows, cols)
            for k in list(own):
                by = _pure_dominator(values, k)
                names = game.strategies[player]
                if by is not None:
                    by = names[by]
                elif mixed:
                    mix = _mixed_dominator(values, k)
                    by = None if mix is None else {names[o]: p for o, p in mix.items()}
                if by is not None:
                    steps.append(Elimination(game.players[player], names[k], by))
                    own.remove(k)
                    changed = True
                    break
            if changed:
                break
    reduced = Game(
        [[game.exact_A[i][j] for j in cols] for i in rows],
        [[game.exact_B[i][j] for j in cols] for i in rows],
        players=game.players,
        strategies=(tuple(game.strategies[0][i] for i in rows), tuple(game.strategies[1][j] for j in cols)),
    )
    return Reduction(reduced, tuple(steps))
