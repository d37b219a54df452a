"""Logit quantal response equilibria of a two-player game: the principal branch and the Nash equilibrium it selects.

In a logit QRE at precision ``lam`` each player mixes in proportion to
``exp(lam * payoff)`` of each strategy against the other's mix (McKelvey and
Palfrey 1995). At ``lam = 0`` both mix uniformly; as ``lam`` grows, the
*principal branch* of solutions starting there is a smooth curve (for generic
games) whose limit is a Nash equilibrium, the one the logit tracing procedure
selects (McKelvey and Palfrey 1995, Theorem 2). :func:`logit_branch` follows
the curve by predictor-corrector path following in log-probabilities, as
Gambit's ``logit_solve`` does (Turocy 2005): the tangent of the homotopy
``H(w, lam) = 0`` from the null space of its Jacobian, an Euler step, Newton
corrections with the Jacobian's pseudo-inverse, the step lengthened by
``max_accel`` after easy corrections and halved after hard ones. Tracing stops
when the profile's regret is below ``maxregret`` times the game's payoff range
(Gambit's criterion). The limit's support then gives the exact equilibrium by
solving the indifference conditions in rationals, checked by an exact regret
of zero (:func:`~bargaining.games.equilibrium.make_equilibrium`).

References
----------
R. D. McKelvey and T. R. Palfrey (1995), "Quantal response equilibria for
normal form games", Games and Economic Behavior 10, 6-38.
T. L. Turocy (2005), "A dynamic homotopy interpretation of the logistic
quantal response equilibrium correspondence", Games and Economic Behavior 51,
243-263.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd
import sympy

from ..errors import SolverError
from .equilibrium import Equilibrium, make_equilibrium, regret
from .game import Game

__all__ = ["LogitBranch", "logit_branch", "logit_qre", "logit_solve"]


@dataclass(frozen=True, eq=False)
class LogitBranch:
    """The principal branch of a game's logit QRE correspondence, traced from ``lam = 0``.

    Attributes
    ----------
    points : DataFrame
        One row per accepted step: ``lambda``, then each player's
        probability of each strategy (columns ``<player>:<strategy>``).
    limit : Equilibrium
        The exact Nash equilibrium at the end of the branch (regret exactly 0).
    final : tuple of ndarray
        The last traced profile (floats).
    branch_points : tuple of float
        Precisions at which the path crossed a bifurcation (non-generic
        games, e.g. symmetric ones): there the branch that continues is not
        unique, and another tracer may follow another one.
    method : str
    """

    points: pd.DataFrame
    limit: Equilibrium
    final: tuple
    branch_points: tuple = ()
    method: str = "logit principal branch (Turocy 2005)"


def _parts(game: Game):
    A, B = (np.asarray(M, float) for M in game.payoff_matrices())
    return A, B, A.shape


def _residual(x, A, B):
    m, n = A.shape
    w1, w2, lam = x[:m], x[m:m + n], x[-1]
    s1, s2 = np.exp(w1), np.exp(w2)
    u1, u2 = A @ s2, B.T @ s1
    return np.concatenate([w1[1:] - w1[0] - lam * (u1[1:] - u1[0]), [s1.sum() - 1.0],
                           w2[1:] - w2[0] - lam * (u2[1:] - u2[0]), [s2.sum() - 1.0]])


def _jacobian(x, A, B):
    m, n = A.shape
    w1, w2, lam = x[:m], x[m:m + n], x[-1]
    s1, s2 = np.exp(w1), np.exp(w2)
    u1, u2 = A @ s2, B.T @ s1
    J = np.zeros((m + n, m + n + 1))
    for i in range(1, m):
        J[i - 1, i], J[i - 1, 0] = 1.0, -1.0
        J[i - 1, m:m + n] = -lam * (A[i] - A[0]) * s2
        J[i - 1, -1] = -(u1[i] - u1[0])
    J[m - 1, :m] = s1
    for j in range(1, n):
        r = m + j - 1
        J[r, m + j], J[r, m] = 1.0, -1.0
        J[r, :m] = -lam * (B[:, j] - B[:, 0]) * s1
        J[r, -1] = -(u2[j] - u2[0])
    J[m + n - 1, m:m + n] = s2
    return J


def _tangent(J, previous=None):
    q, _ = np.linalg.qr(J.T, mode="complete")
    t = q[:, -1]
    if previous is None:
        return t if t[-1] > 0 else -t
    return t if t @ previous >= 0 else -t


def _correct(x, A, B, *, fixed_lambda=False, tol=1e-12, iterations=12):
    """Newton corrections back onto H = 0; the tolerance scales with lam * payoff range (the residual's size)."""
    scale = max(1.0, abs(x[-1]) * max(np.ptp(A), np.ptp(B)))
    for k in range(iterations):
        F = _residual(x, A, B)
        if np.max(np.abs(F)) < tol * scale:
            return x, k
        J = _jacobian(x, A, B)
        if fixed_lambda:
            step = np.linalg.solve(J[:, :-1], F)
            x = x - np.append(step, 0.0)
        else:
            x = x - np.linalg.pinv(J) @ F
    return (x, iterations) if np.max(np.abs(_residual(x, A, B))) < 1e-9 * scale else (None, iterations)


def _profile(x, m, n):
    s1, s2 = np.exp(x[:m]), np.exp(x[m:m + n])
    return s1 / s1.sum(), s2 / s2.sum()


def _trace(game, *, stop, first_step=0.03, max_accel=1.1, max_steps=100000):
    """Follow H = 0 from lam = 0; also return the lam of every branch point crossed.

    A branch point (a bifurcation, met in symmetric or otherwise non-generic
    games) shows as a sign change of det(dH/dw) while lam keeps moving the
    same way; at a turning point both change together.
    """
    A, B, (m, n) = _parts(game)
    x = np.concatenate([np.full(m, -np.log(m)), np.full(n, -np.log(n)), [0.0]])
    rows, t, h = [x.copy()], None, first_step
    branch_points = []
    J = _jacobian(x, A, B)
    det = np.linalg.det(J[:, :-1])
    for _ in range(max_steps):
        t = _tangent(J, t)
        trial, iters = _correct(x + h * t, A, B)
        if trial is None or iters > 5 or np.linalg.norm(trial - x) > 2 * h + 1e-9:
            h /= 2
            if h < 1e-12:
                raise SolverError("logit branch: the path could not be followed (step size underflow)")
            continue
        J_new = _jacobian(trial, A, B)
        det_new = np.linalg.det(J_new[:, :-1])
        t_new = _tangent(J_new, t)
        if np.sign(det_new) != np.sign(det) and np.sign(t_new[-1]) == np.sign(t[-1]):
            branch_points.append(float(trial[-1]))
        done = stop(x, trial)
        if done is not None:
            rows.append(done)
            return rows, A, B, branch_points
        x, J, det = trial, J_new, det_new
        rows.append(x.copy())
        if iters <= 2:
            h *= max_accel
    raise SolverError("logit branch: too many steps")


def _exact_limit(game: Game, s1, s2, tol) -> Equilibrium:
    """The exact equilibrium whose supports are those of the traced limit."""
    A, B = game.exact_A, game.exact_B
    for cut in (1e-3, 1e-5, 1e-7, 1e-2):
        S1 = [i for i, p in enumerate(s1) if p > cut]
        S2 = [j for j, q in enumerate(s2) if q > cut]
        try:
            y = _indifferent(lambda i, j: A[i][j], S1, S2, len(s2), s2)
            x = _indifferent(lambda j, i: B[i][j], S2, S1, len(s1), s1)
        except (ValueError, ZeroDivisionError):
            continue
        if x is None or y is None:
            continue
        if regret(game, (x, y), exact=True) == 0:
            return make_equilibrium(game, (x, y), "logit QRE limit (Turocy 2005)", exact=True)
    from .equilibria import equilibria

    near = min(equilibria(game, exact=True),
               key=lambda e: max(np.abs(np.array(e.profile[0], float) - s1).max(),
                                 np.abs(np.array(e.profile[1], float) - s2).max()))
    gap = max(np.abs(np.array(near.profile[0], float) - s1).max(), np.abs(np.array(near.profile[1], float) - s2).max())
    if gap > max(tol, 1e-4):
        raise SolverError(f"logit branch: no exact equilibrium within {gap:.2g} of the traced limit")
    return make_equilibrium(game, near.profile, "logit QRE limit (Turocy 2005), nearest extreme equilibrium",
                            exact=True)


def _indifferent(M, own, other, size, traced):
    """Other player's mix on ``other`` making every strategy of ``own`` equally good, exactly, or None.

    When the conditions leave freedom (a degenerate game), the free
    coordinates are set to rational approximations of the traced limit.
    """
    k = len(other)
    rows = [[sympy.Rational(M(i, j)) - sympy.Rational(M(own[0], j)) for j in other] for i in own[1:]]
    rows.append([sympy.Integer(1)] * k)
    rhs = [0] * (len(own) - 1) + [1]
    sol, params, free = sympy.Matrix(rows).gauss_jordan_solve(sympy.Matrix(rhs), freevar=True)
    if params.shape[0]:
        values = {}
        for tau, index in zip(params, free):
            near = Fraction(float(traced[other[index]])).limit_denominator(10**6)
            values[tau] = sympy.Rational(near.numerator, near.denominator)
        sol = sol.subs(values)
    mix = [Fraction(0)] * size
    for j, v in zip(other, sol):
        mix[j] = Fraction(int(v.p), int(v.q))
    return mix if min(mix) >= 0 else None


def logit_branch(game: Game, *, maxregret: float = 1e-8, first_step: float = 0.03,
                 max_accel: float = 1.1) -> LogitBranch:
    """Trace the principal branch of the logit QRE correspondence to its Nash limit.

    Parameters
    ----------
    game : Game
        A two-player game.
    maxregret : float
        Stop when each player's regret is below this times the payoff range.
    first_step : float
        First step length along the curve.
    max_accel : float
        Factor by which an easy step lengthens the next.

    Returns
    -------
    LogitBranch
        The traced points and the exact equilibrium at the limit.

    Examples
    --------
    >>> pd_game = Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> logit_branch(pd_game).limit.describe()
    'Player 1: s2 · Player 2: s2'
    >>> coordination = Game([[2, 0], [0, 1]], [[2, 0], [0, 1]])
    >>> logit_branch(coordination).limit.describe()   # the risk-dominant (2, 2)
    'Player 1: s1 · Player 2: s1'
    """
    A, B, (m, n) = _parts(game)
    scale = max(float(A.max() - A.min()), float(B.max() - B.min()), 1e-300)

    def stop(_x, trial):
        s1, s2 = _profile(trial, m, n)
        gap = regret(game, (s1, s2))
        return trial if gap <= maxregret * scale else None

    rows, A, B, branch_points = _trace(game, stop=stop, first_step=first_step, max_accel=max_accel)
    final = _profile(rows[-1], m, n)
    table = _table(game, rows, m, n)
    return LogitBranch(table, _exact_limit(game, *final, maxregret), final, tuple(branch_points))


def _table(game, rows, m, n):
    data = {"lambda": [r[-1] for r in rows]}
    for p, (player, names) in enumerate(zip(game.players, game.strategies)):
        for k, name in enumerate(names):
            data[f"{player}:{name}"] = [_profile(r, m, n)[p][k] for r in rows]
    return pd.DataFrame(data)


def logit_qre(game: Game, lam, *, first_step: float = 0.03, max_accel: float = 1.1) -> pd.DataFrame:
    """The logit QRE on the principal branch at each precision in ``lam``.

    Parameters
    ----------
    game : Game
        A two-player game.
    lam : float or sequence of float
        Precisions (non-negative); the branch is followed from 0 to each.
    first_step : float
        First step length along the curve.
    max_accel : float
        Factor by which an easy step lengthens the next.

    Returns
    -------
    DataFrame
        One row per precision: ``lambda`` and each player's probability of
        each strategy (columns ``<player>:<strategy>``); ``attrs["branch_points"]``
        lists the bifurcations crossed on the way (see :class:`LogitBranch`).

    Examples
    --------
    >>> pennies = Game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> logit_qre(pennies, [0.0, 2.0]).round(4).iloc[:, 1:].to_numpy().tolist()
    [[0.5, 0.5, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5]]
    >>> skew = Game([[2, 0], [0, 1]], [[0, 1], [1, 0]])
    >>> round(float(logit_qre(skew, 1.0).iloc[0, 3]), 4)      # column's s1 (the 2x2 fixed point by brentq)
    0.455
    """
    targets = sorted(float(v) for v in np.atleast_1d(lam))
    if targets and targets[0] < 0:
        raise SolverError("logit_qre: precisions must be non-negative")
    A, B, (m, n) = _parts(game)
    found = []
    pending = list(targets)

    def stop(x, trial):
        while pending and pending[0] <= trial[-1]:
            target = pending.pop(0)
            start = x + (target - x[-1]) / max(trial[-1] - x[-1], 1e-300) * (trial - x)
            start[-1] = target
            point, _ = _correct(start, A, B, fixed_lambda=True)
            if point is None:
                raise SolverError(f"logit_qre: no convergence at lambda = {target}")
            found.append(point)
        return trial if not pending else None

    while pending and pending[0] == 0.0:
        pending.pop(0)
        found.append(np.concatenate([np.full(m, -np.log(m)), np.full(n, -np.log(n)), [0.0]]))
    branch_points = []
    if pending:
        branch_points = _trace(game, stop=stop, first_step=first_step, max_accel=max_accel)[3]
    table = _table(game, found, m, n)
    table.attrs["branch_points"] = tuple(branch_points)
    return table


def logit_solve(game: Game, *, maxregret: float = 1e-8) -> Equilibrium:
    """The Nash equilibrium selected by the logit tracing procedure, exactly.

    Parameters
    ----------
    game : Game
        A two-player game.
    maxregret : float
        Tracing tolerance (see :func:`logit_branch`).

    Returns
    -------
    Equilibrium
        Exact, verified by an exact regret of 0.

    Examples
    --------
    >>> logit_solve(Game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])).describe()
    'Player 1: s1 1/2, s2 1/2 · Player 2: s1 1/2, s2 1/2'
    """
    return logit_branch(game, maxregret=maxregret).limit
