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


def _best(values) -> frozenset:
    top = max(values)
    return frozenset(k for k, v in enumerate(values) if v == top)


def labels(game: Game, eq) -> tuple:
    """Supports and pure best responses of both players at an exact equilibrium."""
    x, y = (tuple(to_fraction(p) for p in s) for s in eq.profile)
    A, B = game.exact_A, game.exact_B
    rows, cols = game.shape
    br1 = _best([sum(A[i][j] * y[j] for j in range(cols)) for i in range(rows)])
    br2 = _best([sum(B[i][j] * x[i] for i in range(rows)) for j in range(cols)])
    sup1 = frozenset(i for i in range(rows) if x[i] != 0)
    sup2 = frozenset(j for j in range(cols) if y[j] != 0)
    return (tuple(sorted(sup1)), tuple(sorted(sup2)), tuple(sorted(br1)), tuple(sorted(br2)))


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


def _prob(p) -> str:
    return f"{float(p):.2f}"


def describe_equilibrium(eq, game: Game) -> str:
    """One equilibrium in words: ``(Subsidize, Align)`` or ``mixed: Subsidize 0.60 · Align 0.75``.

    A mixed strategy names each strategy in its support but the last, with its
    probability (two decimals); a pure strategy in a mixed profile is named.

    Examples
    --------
    >>> g = Game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], strategies=(("H", "T"), ("h", "t")))
    >>> from bargaining import equilibria
    >>> describe_equilibrium(equilibria(g)[0], g)
    'mixed: H 0.50 · h 0.50'
    """
    if eq.is_pure:
        return "(" + ", ".join(s[0] for s in eq.support) + ")"
    parts = []
    for mapping, support in zip(eq.strategies, eq.support):
        if len(support) == 1:
            parts.append(support[0])
        else:
            shown = support[:-1] if len(support) == len(mapping) == 2 else support
            parts.append(", ".join(f"{name} {_prob(mapping[name])}" for name in shown))
    return "mixed: " + " · ".join(parts)


def summary(extremes, comps) -> str:
    """A count in words: ``unique pure``, ``2 pure + 1 mixed``, ``continuum: 2 components``."""
    pure = sum(1 for e in extremes if e.is_pure)
    mixed = len(extremes) - pure
    if any(not c.is_singleton for c in comps):
        return f"continuum: {len(comps)} component{'s' if len(comps) != 1 else ''}, {len(extremes)} extreme points"
    if len(extremes) == 1:
        return "unique pure" if pure else "unique mixed"
    parts = [f"{pure} pure"] if pure else []
    if mixed:
        parts.append(f"{mixed} mixed")
    return " + ".join(parts)


def describe_set(game: Game, solved=None) -> str:
    """The equilibrium set in words, components spelled out when it is a continuum.

    Examples
    --------
    >>> g = Game([[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=(("O", "F"), ("o", "f")))
    >>> describe_set(g)
    '2 pure + 1 mixed: (O, o); (F, f); mixed: O 0.67 · o 0.33'
    """
    extremes, comps = solved if solved is not None else solve_exact(game)
    words = summary(extremes, comps)
    if any(not c.is_singleton for c in comps):
        pieces = []
        for comp in comps:
            ext = [describe_equilibrium(e, game) for e in comp.extreme]
            if len(ext) == 1:
                pieces.append(ext[0])
            elif len(ext) == 2:
                pieces.append(f"continuum between {ext[0]} and {ext[1]}")
            else:
                pieces.append("continuum with extreme points " + ", ".join(ext))
        return f"{words}: " + "; ".join(pieces)
    listed = "; ".join(describe_equilibrium(e, game) for e in extremes)
    return listed if len(extremes) == 1 else f"{words}: {listed}"


def regime_words(game: Game, solved=None) -> str:
    """The *type* of a game's equilibrium set in words, without its numbers.

    Each extreme equilibrium is shown by its supports, ``(Subsidize/Cut,
    Align/Hedge)`` for a mix; a player's best responses outside its support
    (the ties that make a point extreme) follow a bar. Extreme points of one
    component of a continuum are joined by ``to``; components are separated
    by ``;``. Two games with the same :func:`signature` get the same words.

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
    ('(Subsidize/Cut, Align/Hedge)', '(Cut, Hedge)')
    >>> regime_words(load_model("russia_armenia").game(R="0.5"))
    '(Refuse, StatusQuo | Russia also Concede) to (Concede/Refuse, StatusQuo | Armenia also Demand-CarryOut)'
    """
    _, comps = solved if solved is not None else solve_exact(game)
    return "; ".join(" to ".join(_point_words(game, eq) for eq in comp.extreme) for comp in comps)


def _point_words(game: Game, eq) -> str:
    supports_and_responses = labels(game, eq)
    supports, responses = supports_and_responses[:2], supports_and_responses[2:]
    names = game.strategies
    text = ", ".join("/".join(names[k][i] for i in support) for k, support in enumerate(supports))
    ties = [
        f"{game.players[k]} also " + "/".join(names[k][i] for i in br if i not in support)
        for k, (support, br) in enumerate(zip(supports, responses))
        if set(br) - set(support)
    ]
    return "(" + text + (" | " + "; ".join(ties) if ties else "") + ")"


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
    """An expression as text with the model's display symbols (``κ*s/w``).

    Examples
    --------
    >>> from bargaining import load_model
    >>> m = load_model("russia_belarus")
    >>> display_text(m, m.parameters["kappa"].symbol * m.parameters["mu"].symbol)
    'κ*μ'
    """
    params = getattr(model, "parameters", {})
    mapping = {
        p.symbol: sympy.Symbol(p.display)
        for p in params.values()
        if getattr(p, "display", None) and p.display != p.symbol.name
    }
    return sympy.sstr(expr.xreplace(mapping)) if mapping else sympy.sstr(expr)


def readable_text(model, expr) -> str:
    """:func:`display_text` for people: ``^`` for powers and ``·`` for products.

    Parameters
    ----------
    model : Model
        Gives each parameter's display symbol.
    expr : sympy.Expr
        The expression to show.

    Returns
    -------
    str

    Examples
    --------
    >>> from bargaining import load_model
    >>> m = load_model("russia_china")
    >>> alpha, k_R = m.parameters["alpha"].symbol, m.parameters["k_R"].symbol
    >>> readable_text(m, alpha**2 * k_R)
    'k_R·α^2'
    """
    return display_text(model, expr).replace("**", "^").replace("*", "·")
