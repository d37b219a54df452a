"""One notation for equilibria, regimes and expressions, used everywhere text is shown.

The API's ``describe()`` and ``str``, the command line, the paper's tables and
the figures' legends all name things through these functions:

- an **expression** (a threshold, a payoff, a mixed probability as a formula)
  is written in the model language's operators (``*``, ``/``, ``**``; never
  ``^``) with each parameter's display symbol where the model declares one:
  ``κ*μ*s/w`` (:func:`expression_text`);
- an **equilibrium** names each player and the strategies it plays, with their
  probabilities when it mixes: ``Russia: Subsidize 3/5, Cut 2/5 · Belarus:
  Align 3/4, Hedge 1/4`` (:func:`profile_text`). Over an interval of a
  parameter the probabilities that move are formulas in it (``Belarus: Align
  5*R - 3, Hedge 4 - 5*R``), never the numbers of one point taken silently;
- a **regime** (the type of an equilibrium set, the same over an interval) is
  named by the supports alone: ``Russia: Subsidize/Cut · Belarus:
  Align/Hedge``; several equilibria are joined by ``;``, the extreme points of
  one continuum by ``to`` (:func:`regime_name`).

Every label carries the players' names, so two players with the same
strategy names (hawk–dove) are told apart.
"""

from __future__ import annotations

import re
from fractions import Fraction

__all__ = [
    "expression_text",
    "probability_text",
    "strategy_text",
    "profile_text",
    "labels",
    "support_text",
    "regime_name",
    "summary",
    "set_text",
]

#: Separators: between players, between equilibria, between the ends of a continuum.
PLAYERS, EQUILIBRIA, CONTINUUM = " · ", "; ", " to "


def _display_names(model) -> dict:
    params = getattr(model, "parameters", None) or {}
    return {
        name: p.display
        for name, p in params.items()
        if getattr(p, "display", None) and p.display != name
    }


def expression_text(expr, model=None) -> str:
    """An expression in the model language, with the model's display symbols.

    Parameters
    ----------
    expr : sympy.Expr or number
        The expression (a threshold, a payoff, a probability).
    model : Model, optional
        Gives each parameter's display symbol (``kappa`` shown as ``κ``).

    Returns
    -------
    str
        Products ``*``, quotients ``/``, powers ``**``, in sympy's canonical
        order of the parameters' own names (so the text does not depend on
        the display symbols).

    Examples
    --------
    >>> import sympy
    >>> kappa, mu, s, w = sympy.symbols("kappa mu s w")
    >>> expression_text(kappa * mu * s / w)
    'kappa*mu*s/w'
    >>> from bargaining import load_model
    >>> expression_text(kappa * mu * s / w, load_model("russia_belarus"))
    'κ*μ*s/w'
    >>> expression_text(sympy.Symbol("alpha") ** 2 / 3)
    'alpha**2/3'
    """
    import sympy

    if not isinstance(expr, sympy.Basic):
        expr = sympy.Rational(str(Fraction(expr))) if isinstance(expr, (int, Fraction)) else sympy.Float(float(expr))
    text = sympy.sstr(expr)
    names = _display_names(model)
    if names:
        pattern = r"(?<![\w.])(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)"
        text = re.sub(pattern, lambda match: names[match.group(1)], text)
    return text


def probability_text(p, *, digits: int = 4, model=None) -> str:
    """A probability: exact as a fraction, a formula in the model language, a float to ``digits``.

    Examples
    --------
    >>> probability_text(Fraction(3, 5)), probability_text(0.123456), probability_text(1)
    ('3/5', '0.1235', '1')
    """
    if isinstance(p, (int, Fraction)):
        return str(Fraction(p))
    if type(p).__module__.startswith("sympy"):
        return expression_text(p, model)
    return f"{float(p):.{digits}g}"


def strategy_text(player, names, probabilities, *, digits: int = 4, model=None) -> str:
    """One player's strategy: ``Russia: Cut`` or ``Russia: Subsidize 3/5, Cut 2/5`` (its support only).

    Examples
    --------
    >>> strategy_text("Row", ("Hawk", "Dove"), (Fraction(1, 2), Fraction(1, 2)))
    'Row: Hawk 1/2, Dove 1/2'
    >>> strategy_text("Row", ("Hawk", "Dove"), (0, 1))
    'Row: Dove'
    """
    support = [(n, p) for n, p in zip(names, probabilities) if not _is_zero(p)]
    if len(support) == 1:
        return f"{player}: {support[0][0]}"
    return f"{player}: " + ", ".join(f"{n} {probability_text(p, digits=digits, model=model)}" for n, p in support)


def _is_zero(p) -> bool:
    return bool(p == 0)


def profile_text(players, strategies, profile, *, digits: int = 4, model=None) -> str:
    """A strategy profile with every player's name: ``Row: Hawk 1/2, Dove 1/2 · Column: Hawk 1/2, Dove 1/2``.

    Parameters
    ----------
    players : sequence of str
    strategies : sequence of sequence of str
        Each player's strategy names.
    profile : sequence of sequence
        Each player's probabilities: Fractions, floats, or sympy expressions
        (formulas in a parameter).
    digits : int, optional
        Significant digits of a float probability.
    model : Model, optional
        Display symbols for formulas.

    Returns
    -------
    str

    Examples
    --------
    >>> half = Fraction(1, 2)
    >>> profile_text(("Row", "Column"), (("Hawk", "Dove"),) * 2, ((half, half), (half, half)))
    'Row: Hawk 1/2, Dove 1/2 · Column: Hawk 1/2, Dove 1/2'
    """
    return PLAYERS.join(
        strategy_text(player, names, probs, digits=digits, model=model)
        for player, names, probs in zip(players, strategies, profile)
    )


def _best(values) -> frozenset:
    top = max(values)
    return frozenset(k for k, v in enumerate(values) if v == top)


def labels(game, eq) -> tuple:
    """Supports and pure best responses of both players at an exact equilibrium (strategy indices)."""
    from .game import to_fraction

    x, y = (tuple(to_fraction(p) for p in s) for s in eq.profile)
    A, B = game.exact_A, game.exact_B
    rows, cols = game.shape
    br1 = _best([sum(A[i][j] * y[j] for j in range(cols)) for i in range(rows)])
    br2 = _best([sum(B[i][j] * x[i] for i in range(rows)) for j in range(cols)])
    sup1 = frozenset(i for i in range(rows) if x[i] != 0)
    sup2 = frozenset(j for j in range(cols) if y[j] != 0)
    return (tuple(sorted(sup1)), tuple(sorted(sup2)), tuple(sorted(br1)), tuple(sorted(br2)))


def support_text(players, supports) -> str:
    """Who plays what, without probabilities: ``Russia: Subsidize/Cut · Belarus: Align/Hedge``.

    Parameters
    ----------
    players : sequence of str
    supports : sequence of sequence of str
        Each player's strategies played with positive probability.

    Returns
    -------
    str

    Examples
    --------
    >>> support_text(("Russia", "Belarus"), (("Cut",), ("Align", "Hedge")))
    'Russia: Cut · Belarus: Align/Hedge'
    """
    return PLAYERS.join(f"{player}: " + "/".join(support) for player, support in zip(players, supports))


def _point_name(game, eq) -> str:
    supports_and_responses = labels(game, eq)
    supports, responses = supports_and_responses[:2], supports_and_responses[2:]
    names = game.strategies
    text = support_text(game.players, [[names[k][i] for i in support] for k, support in enumerate(supports)])
    ties = [
        f"{game.players[k]} also " + "/".join(names[k][i] for i in br if i not in support)
        for k, (support, br) in enumerate(zip(supports, responses))
        if set(br) - set(support)
    ]
    return text + (" | " + ", ".join(ties) if ties else "")


def regime_name(game, solved) -> str:
    """The *type* of a game's equilibrium set, without its numbers.

    Each extreme equilibrium is named by its supports (``Russia:
    Subsidize/Cut`` for a mix); a player's best responses outside its
    support (the ties that make a point extreme) follow a bar. Extreme points
    of one component of a continuum are joined by ``to``; components by
    ``;``. Two games with the same type of equilibrium set get the same name.

    Parameters
    ----------
    game : Game
        The game (exact payoffs).
    solved : tuple
        ``(extreme equilibria, components)`` of the game, exactly
        (:func:`bargaining.analysis.sensitivity.solve_exact`).

    Returns
    -------
    str

    Examples
    --------
    >>> from bargaining import Game, equilibria, components
    >>> g = Game([[0, 3], [1, 2]], [[0, 1], [3, 2]], players=("Row", "Column"),
    ...          strategies=(("Hawk", "Dove"), ("Hawk", "Dove")))
    >>> regime_name(g, (equilibria(g, exact=True), components(g)))
    'Row: Hawk · Column: Dove; Row: Dove · Column: Hawk; Row: Hawk/Dove · Column: Hawk/Dove'
    """
    _, comps = solved
    return EQUILIBRIA.join(CONTINUUM.join(_point_name(game, eq) for eq in comp.extreme) for comp in comps)


def summary(extremes, comps) -> str:
    """A count in words: ``unique pure``, ``2 pure + 1 mixed``, ``continuum: 2 components, 3 extreme points``.

    Examples
    --------
    >>> from bargaining import Game, equilibria, components
    >>> g = Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> summary(equilibria(g, exact=True), components(g))
    '2 pure + 1 mixed'
    """
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


def _key(eq) -> tuple:
    return tuple(tuple(Fraction(p) for p in side) for side in eq.profile)


def set_text(game, solved, *, formulas=None, model=None) -> str:
    """The equilibrium set in words: the count, then each equilibrium (continua spelled out).

    Parameters
    ----------
    game : Game
        The game (exact payoffs).
    solved : tuple
        ``(extreme equilibria, components)``, exactly.
    formulas : dict, optional
        For equilibria whose probabilities move with a parameter: the
        equilibrium's exact profile (pair of tuples of Fraction) -> its
        profile as sympy expressions in the parameter, valid over the
        interval. Those are shown instead of the numbers at ``game``.
    model : Model, optional
        Display symbols for the formulas.

    Returns
    -------
    str

    Examples
    --------
    >>> from bargaining import Game, equilibria, components
    >>> g = Game([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Ann", "Bob"),
    ...          strategies=(("Opera", "Football"), ("Opera", "Football")))
    >>> set_text(g, (equilibria(g, exact=True), components(g)))
    '2 pure + 1 mixed: Ann: Opera · Bob: Opera; Ann: Football · Bob: Football; Ann: Opera 2/3, Football 1/3 · Bob: Opera 1/3, Football 2/3'
    """
    extremes, comps = solved
    formulas = formulas or {}

    def one(eq) -> str:
        profile = formulas.get(_key(eq), eq.profile)
        return profile_text(game.players, game.strategies, profile, model=model)

    words = summary(extremes, comps)
    if any(not c.is_singleton for c in comps):
        pieces = []
        for comp in comps:
            ends = [one(e) for e in comp.extreme]
            if len(ends) == 1:
                pieces.append(ends[0])
            elif len(ends) == 2:
                pieces.append(f"continuum between {ends[0]} and {ends[1]}")
            else:
                pieces.append("continuum with extreme points " + ", ".join(ends))
        return f"{words}: " + EQUILIBRIA.join(pieces)
    listed = EQUILIBRIA.join(one(e) for e in extremes)
    return listed if len(extremes) == 1 else f"{words}: {listed}"
