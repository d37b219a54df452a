"""Comparative statics of equilibria, and risk and payoff dominance.

At a point of a model's parameter space each extreme equilibrium lies in a
regime where its supports and binding best responses stay fixed. There its
mixed probabilities solve the indifference conditions of the binding
strategies, so they (and the expected payoffs) are rational functions of the
parameters: :func:`comparative_statics` solves them symbolically and reports
their derivatives and elasticities with respect to every parameter.

For 2x2 coordination problems, :func:`risk_dominance` applies Harsanyi and
Selten's criterion (the product of the two players' deviation losses) and
:func:`payoff_dominance` their Pareto criterion.

References
----------
J. C. Harsanyi and R. Selten, *A General Theory of Equilibrium Selection in
Games*, MIT Press, 1988, sections 3.9 and 5.4.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from itertools import combinations

import pandas as pd
import sympy

from ..errors import GameError, SolverError
from .sensitivity import game_at, labels, solve_exact, symbolic_form

__all__ = ["comparative_statics", "symbolic_profile", "moving_profiles", "Dominance", "risk_dominance", "payoff_dominance"]


def _solve_mix(M, support, binding, substitution):
    """Probabilities over ``support`` (rows of M) equalising M's columns in ``binding``.

    Picks ``len(support)`` binding columns whose system is regular at the point.
    """
    size = len(support)
    if size == 1:
        return {support[0]: sympy.Integer(1)}
    for K in combinations(binding, size):
        k0 = K[0]
        C = sympy.Matrix([[M[i, k] - M[i, k0] for i in support] for k in K[1:]] + [[sympy.Integer(1)] * size])
        if C.xreplace(substitution).det() == 0:
            continue
        sol = C.LUsolve(sympy.Matrix([0] * (size - 1) + [1]))
        return {i: sympy.factor(sympy.cancel(sol[t])) for t, i in enumerate(support)}
    raise SolverError("no regular set of indifference conditions for this support")  # pragma: no cover


@lru_cache(maxsize=256)
def _profile(A, B, sup1, sup2, br1, br2, substitution_items):
    substitution = dict(substitution_items)
    x = _solve_mix(B, sup1, br2, substitution)
    y = _solve_mix(A.T, sup2, br1, substitution)
    xs = [x.get(i, sympy.Integer(0)) for i in range(A.rows)]
    ys = [y.get(j, sympy.Integer(0)) for j in range(A.cols)]
    u1 = sympy.factor(sympy.cancel(sum(xs[i] * A[i, j] * ys[j] for i in range(A.rows) for j in range(A.cols))))
    u2 = sympy.factor(sympy.cancel(sum(xs[i] * B[i, j] * ys[j] for i in range(A.rows) for j in range(A.cols))))
    return tuple(xs), tuple(ys), (u1, u2)


def symbolic_profile(form, game, eq, substitution):
    """An exact equilibrium's probabilities and payoffs as expressions in the parameters.

    Returns ``(x, y, payoffs)``: tuples of sympy expressions valid throughout
    the equilibrium's regime (where its supports and binding best responses
    do not change).
    """
    sup1, sup2, br1, br2 = labels(game, eq)
    items = tuple(sorted(substitution.items(), key=lambda kv: kv[0].name))
    return _profile(form.A, form.B, sup1, sup2, br1, br2, items)


def moving_profiles(form, game, solved, param: str, point) -> dict:
    """Each mixed extreme equilibrium's probabilities as formulas in ``param`` (the others at their values).

    Valid over the interval of ``param`` around ``point`` where the
    equilibrium set keeps its type; what does not move stays a number. The
    result feeds :func:`bargaining.games.notation.set_text` (``formulas``).

    Returns
    -------
    dict
        Exact profile at ``point`` (pair of tuples of Fraction) -> pair of
        tuples of sympy expressions.
    """
    substitution = form.substitution(**{param: point})
    others = form.others(param)
    found = {}
    for eq in solved[0]:
        if eq.is_pure:
            continue
        x, y, _ = symbolic_profile(form, game, eq, substitution)
        key = tuple(tuple(Fraction(p) for p in side) for side in eq.profile)
        found[key] = tuple(tuple(sympy.factor(p.xreplace(others)) for p in side) for side in (x, y))
    return found


@lru_cache(maxsize=4096)
def _derivative(expr, sym):
    derivative = sympy.diff(expr, sym)
    return derivative if derivative.is_number else sympy.together(derivative)


def _float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def comparative_statics(model, scenario=None, **overrides) -> pd.DataFrame:
    """Symbolic probabilities and payoffs of each equilibrium, with derivatives and elasticities.

    Parameters
    ----------
    model : Model
        A loaded model; its symbolic game is differentiated.
    scenario : str, optional
        The scenario giving the parameters' values (defaults otherwise).
    **overrides
        Parameter values defining the point.

    Returns
    -------
    pandas.DataFrame
        One row per (equilibrium, quantity, parameter). Columns:
        ``equilibrium`` (index in :func:`bargaining.games.equilibria` order),
        ``description``, ``quantity`` (``"Russia:Conjoin"`` or
        ``"payoff:Russia"``), ``expression`` (sympy), ``value`` (exact),
        ``value_float``, ``parameter``, ``derivative`` (sympy),
        ``derivative_value``, ``elasticity`` (sympy, d log q / d log p),
        ``elasticity_value`` (NaN where the quantity is 0).

    Examples
    --------
    >>> import bargaining as bg
    >>> cs = bg.comparative_statics(bg.load_model("examples/russia_china_first_round"), R=0.75)
    >>> row = cs[(cs.quantity == "Russia:Conjoin") & (cs.parameter == "k_C")].iloc[-1]
    >>> row.value
    2/7
    """
    from .sensitivity import describe_equilibrium

    form = symbolic_form(model, scenario, **overrides)
    substitution = form.substitution()
    game = game_at(form, substitution)
    extremes, _ = solve_exact(game)
    rows = []
    for index, eq in enumerate(extremes):
        x, y, payoffs = symbolic_profile(form, game, eq, substitution)
        quantities = [(f"{game.players[0]}:{s}", e) for s, e in zip(game.strategies[0], x)]
        quantities += [(f"{game.players[1]}:{s}", e) for s, e in zip(game.strategies[1], y)]
        quantities += [(f"payoff:{p}", e) for p, e in zip(game.players, payoffs)]
        words = describe_equilibrium(eq, game)
        for name, expr in quantities:
            value = expr.xreplace(substitution)
            value = value if value.is_Rational else sympy.simplify(value)
            for pname, sym in form.symbols:
                derivative = _derivative(expr, sym)
                elasticity = derivative * sym / expr if expr != 0 else sympy.nan
                d_value = derivative.xreplace(substitution)
                e_value = d_value * substitution[sym] / value if value != 0 else sympy.nan
                rows.append(
                    {
                        "equilibrium": index,
                        "description": words,
                        "quantity": name,
                        "expression": expr,
                        "value": value,
                        "value_float": _float(value),
                        "parameter": pname,
                        "derivative": derivative,
                        "derivative_value": _float(d_value),
                        "elasticity": elasticity,
                        "elasticity_value": _float(e_value),
                    }
                )
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ dominance
@dataclass(frozen=True)
class Dominance:
    """The verdict of an equilibrium-selection criterion.

    Attributes
    ----------
    criterion : {"risk", "payoff"}
    dominant : str or None
        The selected equilibrium in words, or None when the criterion does
        not select one (a tie, or no equilibrium better for both players).
    scores : tuple of (str, tuple)
        Per equilibrium, what was compared: the Nash product of deviation
        losses (risk) or the payoff pair (payoff), exactly.
    equilibrium : Equilibrium or None
        The selected equilibrium's exact record, or None.
    """

    criterion: str
    dominant: str | None
    scores: tuple
    equilibrium: object = None

    def __str__(self) -> str:
        chosen = self.dominant if self.dominant is not None else "none"
        return f"{self.criterion} dominant: {chosen}"


def _strict_pure(game):
    from .sensitivity import describe_equilibrium

    if game.shape != (2, 2):
        raise GameError(f"risk dominance is defined here for 2x2 games, got {game.shape[0]}x{game.shape[1]}")
    A, B = game.exact_A, game.exact_B
    found = []
    for i in range(2):
        for j in range(2):
            if A[i][j] > A[1 - i][j] and B[i][j] > B[i][1 - j]:
                found.append((i, j))
    if len(found) != 2:
        raise GameError(f"the game has {len(found)} strict pure equilibria, not two: no selection problem")
    records = {cell: _pure_record(game, cell) for cell in found}
    words = {cell: describe_equilibrium(record, game) for cell, record in records.items()}
    return found, words, records


def _pure_record(game, cell):
    from ..games.equilibria import make_equilibrium

    i, j = cell
    x = tuple(Fraction(int(k == i)) for k in range(2))
    y = tuple(Fraction(int(k == j)) for k in range(2))
    return make_equilibrium(game, (x, y), "pure", exact=True)


def risk_dominance(game) -> Dominance:
    """Harsanyi–Selten risk dominance between the two strict equilibria of a 2x2 game.

    Equilibrium ``(i, j)`` risk-dominates ``(k, l)`` when the product of the
    players' losses from deviating unilaterally from it,
    ``(A[i,j] - A[k,j]) (B[i,j] - B[i,l])``, is larger.

    Parameters
    ----------
    game : Game
        A 2x2 game with exactly two strict pure Nash equilibria.

    Returns
    -------
    Dominance
        Criterion ``"risk"``; ``dominant`` is the equilibrium with the larger
        product of deviation losses, or None on a tie; ``scores`` holds both
        products, exactly.

    Raises
    ------
    GameError
        Unless the game is 2x2 with exactly two strict pure equilibria.

    References
    ----------
    Harsanyi, J. C. and Selten, R. (1988). *A General Theory of Equilibrium
    Selection in Games*. MIT Press.

    Examples
    --------
    >>> from bargaining import Game
    >>> stag = Game([[4, 0], [3, 3]], [[4, 3], [0, 3]], strategies=(("Stag", "Hare"), ("Stag", "Hare")))
    >>> risk_dominance(stag).dominant
    'Player 1: Hare · Player 2: Hare'
    >>> payoff_dominance(stag).dominant
    'Player 1: Stag · Player 2: Stag'
    """
    found, words, records = _strict_pure(game)
    A, B = game.exact_A, game.exact_B
    products = [(A[i][j] - A[1 - i][j]) * (B[i][j] - B[i][1 - j]) for i, j in found]
    scores = tuple((words[cell], product) for cell, product in zip(found, products))
    if products[0] == products[1]:
        return Dominance("risk", None, scores)
    chosen = found[0] if products[0] > products[1] else found[1]
    return Dominance("risk", words[chosen], scores, records[chosen])


def payoff_dominance(game) -> Dominance:
    """Harsanyi–Selten payoff dominance: the equilibrium strictly better for both players than every other.

    All extreme equilibria (pure and mixed) are compared, exactly.

    Parameters
    ----------
    game : Game
        Any bimatrix game; its extreme equilibria are found by exact
        enumeration.

    Returns
    -------
    Dominance
        Criterion ``"payoff"``; ``dominant`` is the extreme equilibrium
        strictly better for both players than every other one, or None when
        there is none (or only one equilibrium, so nothing to select);
        ``scores`` holds each equilibrium's payoff pair.

    Examples
    --------
    >>> from bargaining import Game
    >>> payoff_dominance(Game([[2, 0], [0, 1]], [[2, 0], [0, 1]])).dominant
    'Player 1: s1 · Player 2: s1'
    """
    from .sensitivity import describe_equilibrium

    extremes, _ = solve_exact(game)
    scores = tuple((describe_equilibrium(e, game), tuple(e.payoffs)) for e in extremes)
    for k, (words, (u1, u2)) in enumerate(scores):
        others = [p for m, (_, p) in enumerate(scores) if m != k]
        if others and all(u1 > v1 and u2 > v2 for v1, v2 in others):
            return Dominance("payoff", words, scores, extremes[k])
    return Dominance("payoff", None, scores)
