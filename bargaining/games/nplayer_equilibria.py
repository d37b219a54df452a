"""Nash equilibria of N-player games: every pure one, and all of a small game by support.

Pure equilibria are found cell by cell, exactly, for a game of any size.
Mixed equilibria are found by support enumeration (McKelvey and McLennan
1996, section 5; the method of Gambit's ``enumpoly``): for every profile of
supports, the players who mix must be indifferent among their support
strategies, a square system of polynomial equations in the probabilities
(one unknown and one equation per support strategy beyond the first). The
system is solved **exactly with sympy** (Gröbner bases inside
``sympy.solve``). A solution with rational coordinates is checked with
exact :class:`~fractions.Fraction` arithmetic (regret exactly 0) and
returned with exact probabilities; an irrational (algebraic) one is
evaluated to 60 significant digits, checked there with a regret below
``1e-40``, and returned in floats with ``exact=False`` and a method name
that says so.

Degenerate games whose support systems have a continuum of solutions are
refused by the mixed enumeration with a :class:`~bargaining.errors.SolverError`
(their pure equilibria are still available); generic games, and the games
the seed application builds, have finitely many equilibria.

References
----------
McKelvey, R. D. and McLennan, A. (1996). Computation of equilibria in finite
games. In *Handbook of Computational Economics*, vol. 1, 87–142.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from types import MappingProxyType

import mpmath
import numpy as np
import sympy

from ..errors import GameError, SolverError
from .equilibrium import Equilibrium
from .nplayer import NPlayerGame

__all__ = ["nplayer_pure_equilibria", "nplayer_equilibria", "nplayer_regret", "MAX_PROFILES"]

MAX_PROFILES = 4096  # support profiles the mixed enumeration will try before refusing
_DIGITS = 60
_ALGEBRAIC_TOL = mpmath.mpf(10) ** -40


def _values(array: np.ndarray, profile, player: int) -> np.ndarray:
    """Player's payoff from each own pure strategy against the others' mixed strategies."""
    result = array
    for k in reversed(range(array.ndim)):
        if k != player:
            result = np.tensordot(result, np.asarray(profile[k], dtype=object), axes=([k], [0]))
    return result


def nplayer_regret(game: NPlayerGame, profile, *, exact: bool = False):
    """The largest gain any player has from deviating from ``profile`` to a pure strategy.

    Parameters
    ----------
    game : NPlayerGame
        The game.
    profile : sequence of sequences of probabilities
        One mixed strategy per player.
    exact : bool
        Compute in exact rationals (probabilities must then be rational).

    Returns
    -------
    float or Fraction
        0 at an equilibrium.

    Examples
    --------
    >>> g = NPlayerGame(*[[[[1, 0], [0, 0]], [[0, 0], [0, 1]]]] * 3)
    >>> nplayer_regret(g, [[0, 1]] * 3, exact=True)
    Fraction(0, 1)
    >>> nplayer_regret(g, [[1, 0], [0, 1], [0, 1]])
    1.0
    """
    if len(profile) != game.n_players:
        raise GameError(f"give one mixed strategy per player ({game.n_players}), got {len(profile)}")
    if exact:
        profile = [[Fraction(p) for p in s] for s in profile]
        arrays = game.exact_payoffs
    else:
        profile = [[float(p) for p in s] for s in profile]
        arrays = game.payoffs
    for k, s in enumerate(profile):
        if len(s) != game.shape[k]:
            raise GameError(f"{game.players[k]} has {game.shape[k]} strategies, got {len(s)} probabilities")
    worst = Fraction(0) if exact else 0.0
    for k in range(game.n_players):
        values = _values(arrays[k].astype(object), profile, k)
        own = sum(p * v for p, v in zip(profile[k], values))
        worst = max(worst, max(values) - own)
    return worst if exact else float(worst)


def _record(game: NPlayerGame, profile, method: str, exact: bool, gap) -> Equilibrium:
    arrays = game.exact_payoffs if exact else game.payoffs
    payoffs = []
    for k in range(game.n_players):
        values = _values(arrays[k].astype(object), profile, k)
        payoffs.append(sum(p * v for p, v in zip(profile[k], values)))
    if exact:
        out = tuple(tuple(Fraction(p) for p in s) for s in profile)
        payoffs = tuple(Fraction(p) for p in payoffs)
    else:
        out = []
        for s in profile:
            v = np.array([float(p) for p in s])
            v.setflags(write=False)
            out.append(v)
        out = tuple(out)
        payoffs = tuple(float(p) for p in payoffs)
    strategies = tuple(MappingProxyType(dict(zip(names, s))) for names, s in zip(game.strategies, out))
    support = tuple(tuple(n for n, p in zip(names, s) if p > 0) for names, s in zip(game.strategies, out))
    return Equilibrium(
        profile=out, strategies=strategies, payoffs=payoffs, support=support,
        is_pure=all(len(s) == 1 for s in support), regret=gap, method=method,
        players=game.players, exact=exact,
    )


def nplayer_pure_equilibria(game: NPlayerGame) -> tuple:
    """Every pure-strategy Nash equilibrium of an N-player game, exactly, in cell order.

    Parameters
    ----------
    game : NPlayerGame
        The game to solve.

    Returns
    -------
    tuple of Equilibrium
        Exact records with method ``"pure"``.

    Examples
    --------
    >>> g = NPlayerGame(*[[[[1, 0], [0, 0]], [[0, 0], [0, 1]]]] * 3)
    >>> [e.describe() for e in nplayer_pure_equilibria(g)]
    ['Player 1: s1 · Player 2: s1 · Player 3: s1', 'Player 1: s2 · Player 2: s2 · Player 3: s2']
    """
    arrays = game.exact_payoffs
    best = [arrays[k].max(axis=k, keepdims=True) for k in range(game.n_players)]
    found = []
    for cell in np.ndindex(game.shape):
        if all(arrays[k][cell] == best[k][cell[:k] + (0,) + cell[k + 1:]] for k in range(game.n_players)):
            profile = [[Fraction(int(j == c)) for j in range(n)] for c, n in zip(cell, game.shape)]
            found.append(_record(game, profile, "pure", True, Fraction(0)))
    return tuple(found)


def _subsets(n: int):
    for size in range(1, n + 1):
        yield from itertools.combinations(range(n), size)


def _solve_support(game: NPlayerGame, supports, continua: str):
    """Solutions of the indifference system on these supports: (profile, rational?) pairs."""
    unknowns = []
    profile = []
    for k, (support, n) in enumerate(zip(supports, game.shape)):
        mix = [sympy.Integer(0)] * n
        if len(support) == 1:
            mix[support[0]] = sympy.Integer(1)
        else:
            free = [sympy.Symbol(f"p{k}_{j}") for j in support[:-1]]
            unknowns += free
            for j, symbol in zip(support[:-1], free):
                mix[j] = symbol
            mix[support[-1]] = 1 - sum(free)
        profile.append(mix)
    equations = []
    for k, support in enumerate(supports):
        if len(support) > 1:
            array = np.vectorize(lambda f: sympy.Rational(f.numerator, f.denominator), otypes=[object])(
                game.exact_payoffs[k]
            )
            values = _values(array, profile, k)
            equations += [sympy.expand(values[j] - values[support[0]]) for j in support[1:]]
    equations = [e for e in equations if e != 0]
    solutions = sympy.solve(equations, unknowns, dict=True) if equations else [{}]
    for solution in solutions:
        if set(solution) != set(unknowns) or any(v.free_symbols for v in solution.values()):
            if continua == "skip":
                continue
            raise SolverError(
                f"the indifference system on supports {_support_names(game, supports)} has a continuum of "
                "solutions (a degenerate game); its mixed equilibria are not enumerated "
                "(pure_equilibria still lists the pure ones)"
            )
        yield [[p.subs(solution) if p.free_symbols else p for p in mix] for mix in profile]


def _conditionally_dominated(game: NPlayerGame, supports) -> bool:
    """Whether a support strategy is strictly dominated against every pure profile of the others' supports.

    Such a strategy is never a best response on these supports, so no equilibrium has them (the pruning of
    Porter, Nudelman and Shoham 2008).
    """
    for k, support in enumerate(supports):
        sub = game.exact_payoffs[k][np.ix_(*[list(s) if j != k else range(game.shape[k])
                                              for j, s in enumerate(supports)])]
        sub = np.moveaxis(sub, k, 0).reshape(game.shape[k], -1)
        for s in support:
            if any(all(sub[t, c] > sub[s, c] for c in range(sub.shape[1])) for t in range(game.shape[k]) if t != s):
                return True
    return False


def _support_names(game, supports) -> str:
    return "; ".join(
        f"{p}: {', '.join(game.strategies[k][j] for j in s)}" for k, (p, s) in enumerate(zip(game.players, supports))
    )


def _check(game: NPlayerGame, profile, supports):
    """A verified record of a candidate, or None when it is not an equilibrium on these supports."""
    if all(p.is_Rational for mix in profile for p in mix):
        exact = [[Fraction(int(p.p), int(p.q)) for p in mix] for mix in profile]
        if any(exact[k][j] <= 0 for k, s in enumerate(supports) for j in s):
            return None
        if nplayer_regret(game, exact, exact=True) != 0:
            return None
        return _record(game, exact, "support-polynomial (exact)", True, Fraction(0))
    with mpmath.workdps(_DIGITS):
        numbers = []
        for mix in profile:
            row = []
            for p in mix:
                value = sympy.N(p, _DIGITS)
                re, im = value.as_real_imag()
                if abs(mpmath.mpf(str(im))) > _ALGEBRAIC_TOL:
                    return None
                row.append(mpmath.mpf(str(re)))
            numbers.append(row)
        if any(numbers[k][j] <= _ALGEBRAIC_TOL for k, s in enumerate(supports) for j in s):
            return None
        gap = mpmath.mpf(0)
        for k in range(game.n_players):
            array = np.vectorize(lambda f: mpmath.mpf(f.numerator) / f.denominator, otypes=[object])(
                game.exact_payoffs[k]
            )
            values = _values(array, numbers, k)
            own = sum(p * v for p, v in zip(numbers[k], values))
            gap = max(gap, max(values) - own)
        if gap > _ALGEBRAIC_TOL:
            return None
        floats = [[float(p) for p in mix] for mix in numbers]
        return _record(game, floats, "support-polynomial (algebraic; regret < 1e-40 at 60 digits)", False, float(gap))


def nplayer_equilibria(game: NPlayerGame, *, exact: bool = False, continua: str = "raise") -> tuple:
    """All Nash equilibria of a small N-player game: the pure ones and every mixed one, verified.

    Parameters
    ----------
    game : NPlayerGame
        The game to solve.
    exact : bool
        Keep exact :class:`~fractions.Fraction` probabilities where the
        equilibrium is rational; otherwise floats. Irrational equilibria are
        always floats (verified at 60 digits; see the module notes).
    continua : {"raise", "skip"}
        What to do with a support whose indifference system has a continuum
        of solutions (a degenerate game): refuse the game, or skip that
        support as Gambit's ``enumpoly`` does (the answer may then miss the
        equilibria of that continuum; every one returned is still verified).

    Returns
    -------
    tuple of Equilibrium
        Pure equilibria first, then mixed ones by total support size.

    Raises
    ------
    SolverError
        If the game has more than :data:`MAX_PROFILES` support profiles, or
        a support system with a continuum of solutions (a degenerate game).

    Examples
    --------
    Three players each choose a side; each gains 1 from matching the next
    player's side and loses 1 otherwise (a cyclic matching game):

    >>> match = [[[1, 1], [-1, -1]], [[-1, -1], [1, 1]]]           # player 1 matches player 2
    >>> g = NPlayerGame(match, np.transpose(match, (2, 0, 1)), np.transpose(match, (1, 2, 0)))
    >>> [e.describe() for e in nplayer_equilibria(g, exact=True)]  # doctest: +NORMALIZE_WHITESPACE
    ['Player 1: s1 · Player 2: s1 · Player 3: s1', 'Player 1: s2 · Player 2: s2 · Player 3: s2',
     'Player 1: s1 1/2, s2 1/2 · Player 2: s1 1/2, s2 1/2 · Player 3: s1 1/2, s2 1/2']
    """
    from .equilibrium import float_record

    if continua not in ("raise", "skip"):
        raise GameError(f"continua must be 'raise' or 'skip', got {continua!r}")
    profiles = 1
    for n in game.shape:
        profiles *= 2**n - 1
    if profiles > MAX_PROFILES:
        raise SolverError(
            f"the game has {profiles} support profiles (more than {MAX_PROFILES}); "
            "use nplayer_pure_equilibria for its pure equilibria"
        )
    found = list(nplayer_pure_equilibria(game))
    for supports in itertools.product(*(list(_subsets(n)) for n in game.shape)):
        if all(len(s) == 1 for s in supports) or _conditionally_dominated(game, supports):
            continue
        for candidate in _solve_support(game, supports, continua):
            record = _check(game, candidate, supports)
            if record is not None:
                found.append(record)
    found.sort(key=lambda e: (not e.is_pure, sum(len(s) for s in e.support)))
    return tuple(found) if exact else tuple(float_record(e) for e in found)
