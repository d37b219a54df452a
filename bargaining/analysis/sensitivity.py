"""Shared machinery of the sensitivity analysis: a model's symbolic form at a point.

The thresholds (:mod:`bargaining.analysis.thresholds`), the regimes
(:mod:`bargaining.analysis.regimes`), the comparative statics
(:mod:`bargaining.analysis.statics`) and the sweeps (:mod:`bargaining.analysis.sweep`) all need
the same few things: the payoff matrices as sympy expressions, the parameters'
exact values, the exact game at one value of a parameter, and a description of
its equilibrium set that changes exactly when the set changes *type* (the
number of extreme equilibria or components, their supports, or the pure
strategies that are best responses at each of them), not when probabilities
merely move.

Everything here works on a small hashable :class:`SymbolicForm`, so symbolic
work can be cached with :func:`functools.lru_cache`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import sympy

from ..errors import BargainingError, ModelError
from ..games.game import Game, to_fraction
from ..games.notation import expression_text, labels, profile_text, regime_name, set_text, summary

__all__ = [
    "SymbolicForm",
    "symbolic_form",
    "exact_number",
    "rational_between",
    "game_at",
    "solve_exact",
    "signature",
    "describe_equilibrium",
    "describe_set",
    "summary",
    "labels",
    "display_text",
    "readable_text",
    "regime_words",
]


@dataclass(frozen=True)
class SymbolicForm:
    """A model's normal form as sympy matrices, with its parameters' values.

    Attributes
    ----------
    A, B : sympy.ImmutableMatrix
        The players' payoffs as expressions in the parameters.
    players : pair of str
    strategies : pair of tuple of str
    symbols : tuple of (str, sympy.Symbol)
        Parameter name -> symbol, in the model's order.
    values : tuple of (str, sympy.Rational)
        Parameter name -> exact value at the point analysed.

    Examples
    --------
    >>> R, c = sympy.symbols("R c", positive=True)
    >>> form = SymbolicForm(sympy.ImmutableMatrix([[1 - c / R, 0], [0, 1]]),
    ...                     sympy.ImmutableMatrix([[1, 0], [0, 1]]), ("P1", "P2"),
    ...                     (("a", "b"), ("a", "b")), (("R", R), ("c", c)),
    ...                     (("R", sympy.Integer(1)), ("c", sympy.Rational(1, 2))))
    >>> form.symbol("c")
    c
    >>> form.value("c")
    1/2
    """

    A: sympy.ImmutableMatrix
    B: sympy.ImmutableMatrix
    players: tuple
    strategies: tuple
    symbols: tuple
    values: tuple

    def symbol(self, name: str) -> sympy.Symbol:
        """The sympy symbol of parameter ``name``."""
        for key, sym in self.symbols:
            if key == name:
                return sym
        raise ModelError(f"unknown parameter {name!r}; the model has {[k for k, _ in self.symbols]}")

    def value(self, name: str):
        """The exact value of parameter ``name`` at this point."""
        self.symbol(name)
        return dict(self.values)[name]

    def substitution(self, **overrides) -> dict:
        """Symbol -> exact value for every parameter, with ``overrides`` applied."""
        values = dict(self.values)
        for name, value in overrides.items():
            self.symbol(name)
            values[name] = exact_number(value)
        return {sym: values[name] for name, sym in self.symbols}

    def others(self, param: str) -> dict:
        """Symbol -> exact value for every parameter but ``param``."""
        sub = self.substitution()
        sub.pop(self.symbol(param))
        return sub


def symbolic_form(model, scenario=None, **overrides) -> SymbolicForm:
    """The :class:`SymbolicForm` of a model at a scenario (with overrides).

    Parameters
    ----------
    model : Model
        Anything with ``symbolic_game()`` (``A``, ``B``, ``players``,
        ``strategies``, ``symbols``) and ``values(scenario, **overrides)``.
    scenario : str, optional
    **overrides
        Parameter values that replace the scenario's.

    Returns
    -------
    SymbolicForm
    """
    sg = model.symbolic_game()
    values = model.values(scenario, **overrides) if scenario is not None else model.values(**overrides)
    symbols = tuple((name, sym) for name, sym in sg.symbols.items())
    exact_values = tuple((name, exact_number(values[name])) for name, _ in symbols)
    return SymbolicForm(
        sympy.ImmutableMatrix(sg.A),
        sympy.ImmutableMatrix(sg.B),
        tuple(sg.players),
        tuple(tuple(s) for s in sg.strategies),
        symbols,
        exact_values,
    )


def exact_number(value):
    """A number as an exact sympy number (floats read from their decimal form).

    Examples
    --------
    >>> exact_number(0.75)
    3/4
    >>> exact_number("0.6")
    3/5
    >>> exact_number(sympy.sqrt(2))
    sqrt(2)
    """
    if isinstance(value, sympy.Basic):
        if not value.is_number:
            raise BargainingError(f"{value} is not a number")
        return value
    if isinstance(value, str):
        try:
            value = Fraction(value.strip())
        except ValueError:
            raise BargainingError(f"{value!r} is not a number") from None
    frac = to_fraction(value)
    return sympy.Rational(frac.numerator, frac.denominator)


def rational_between(a, b):
    """A short exact rational strictly between two exact numbers ``a < b``.

    Examples
    --------
    >>> rational_between(sympy.Rational(3, 5), sympy.Rational(4, 5))
    7/10
    >>> x = rational_between(sympy.Integer(1), sympy.sqrt(2)); 1 < x < sympy.sqrt(2)
    True
    """
    if a.is_Rational and b.is_Rational:
        return (a + b) / 2
    mid = (float(a) + float(b)) / 2
    for denominator in (10**3, 10**6, 10**9, 10**12):
        guess = Fraction(mid).limit_denominator(denominator)
        q = sympy.Rational(guess.numerator, guess.denominator)
        if bool(a < q) and bool(q < b):
            return q
    exact = Fraction(mid)
    return sympy.Rational(exact.numerator, exact.denominator)


def game_at(form: SymbolicForm, substitution: dict) -> Game:
    """The exact :class:`~bargaining.Game` of a symbolic form at one point.

    Raises
    ------
    BargainingError
        If a payoff is not a rational number there (an irrational parameter).
    """
    rows = []
    for M in (form.A, form.B):
        values = M.xreplace(substitution)
        matrix = []
        for i in range(values.rows):
            row = []
            for j in range(values.cols):
                entry = values[i, j] if values[i, j].is_Rational else sympy.simplify(values[i, j])
                if not entry.is_Rational:
                    cell = f"payoffs.{form.strategies[0][i]}.{form.strategies[1][j]}[{len(rows)}]"
                    raise BargainingError(f"{cell}: the payoff {values[i, j]} is not rational at this point: "
                                          "cannot solve exactly")
                row.append(Fraction(int(entry.p), int(entry.q)))
            matrix.append(row)
        rows.append(matrix)
    return Game(rows[0], rows[1], players=form.players, strategies=form.strategies)


def solve_exact(game: Game):
    """Every extreme equilibrium of ``game``, exactly, and its components."""
    from ..games.components import components
    from ..games.equilibria import equilibria

    return equilibria(game, exact=True), components(game)


def signature(game: Game, solved=None) -> tuple:
    """What identifies the *type* of a game's equilibrium set.

    The number of extreme equilibria and of components, and for each extreme
    equilibrium its supports and both players' pure best responses. Moving
    probabilities leave it unchanged.

    Examples
    --------
    >>> signature(Game([[3, 0], [5, 1]], [[3, 5], [0, 1]]))[0]
    1
    """
    extremes, comps = solved if solved is not None else solve_exact(game)
    n_components = len(comps)
    return (len(extremes), n_components, tuple(sorted(labels(game, eq) for eq in extremes)))


def describe_equilibrium(eq, game: Game = None, *, model=None) -> str:
    """One equilibrium in the package's notation (:func:`bargaining.games.notation.profile_text`).

    Examples
    --------
    >>> g = Game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], strategies=(("H", "T"), ("h", "t")))
    >>> from bargaining import equilibria
    >>> describe_equilibrium(equilibria(g, exact=True)[0], g)
    'Player 1: H 1/2, T 1/2 · Player 2: h 1/2, t 1/2'
    """
    return profile_text(eq.players, [tuple(m) for m in eq.strategies], eq.profile, model=model)


def describe_set(game: Game, solved=None, *, formulas=None, model=None) -> str:
    """The equilibrium set in words (:func:`bargaining.games.notation.set_text`), solving it if needed.

    Examples
    --------
    >>> g = Game([[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=(("O", "F"), ("o", "f")))
    >>> describe_set(g)
    '2 pure + 1 mixed: Player 1: O · Player 2: o; Player 1: F · Player 2: f; Player 1: O 2/3, F 1/3 · Player 2: o 1/3, f 2/3'
    """
    return set_text(game, solved if solved is not None else solve_exact(game), formulas=formulas, model=model)


def regime_words(game: Game, solved=None) -> str:
    """The *type* of a game's equilibrium set in words: :func:`bargaining.games.notation.regime_name`.

    The one namer of regimes: the paper's tables, the uncertainty labels, the
    figures' keys and the command line all name a regime with it.

    Parameters
    ----------
    game : Game
        The game.
    solved : tuple, optional
        ``(extremes, components)`` from :func:`solve_exact`, to avoid solving
        twice.

    Returns
    -------
    str

    Examples
    --------
    >>> from bargaining import load_model
    >>> m = load_model("russia_belarus")
    >>> regime_words(m.game(R="0.7")), regime_words(m.game(R="0.5"))
    ('Russia: Subsidize/Cut · Belarus: Align/Hedge', 'Russia: Cut · Belarus: Hedge')
    >>> regime_words(load_model("russia_armenia").game(R="0.5"))
    'Russia: Refuse · Armenia: StatusQuo | Russia also Concede to Russia: Concede/Refuse · Armenia: StatusQuo | Armenia also Demand-CarryOut'
    """
    return regime_name(game, solved if solved is not None else solve_exact(game))


def is_real_number(value) -> bool:
    """Whether a sympy number is finite and real (decided by sympy, not by a float)."""
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return False
    if value.is_real is True:
        return True
    if value.is_real is False:
        return False
    re, im = value.as_real_imag()
    im = sympy.nsimplify(sympy.simplify(im))
    return im == 0 and math.isfinite(float(re))


def display_text(model, expr) -> str:
    """An expression as text: :func:`bargaining.games.notation.expression_text` (``κ*μ*s/w``).

    Examples
    --------
    >>> from bargaining import load_model
    >>> m = load_model("russia_belarus")
    >>> display_text(m, m.parameters["kappa"].symbol * m.parameters["mu"].symbol)
    'κ*μ'
    """
    return expression_text(expr, model)


#: The same renderer under its older name (there is one notation: no ``^``, no ``·``).
readable_text = display_text
