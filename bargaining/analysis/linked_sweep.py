"""A linked model over its resource parameter: what the hub keeps, where it changes, and what the budget is worth.

* :func:`linked_sweep`: at each value of R, the hub's optimal commitment
  (strong and weak, budget for sure), its spending in each dyad, the pure
  Nash equilibria, and optionally the shadow price of the budget (the
  commitment with the budget in expectation).
* :func:`linked_thresholds`: the values of R where the pure Nash equilibria or
  the optimal commitment change, **exact** where they come from a payoff tie
  or from the budget (a combined strategy's cost equal to ``B(R)``: exact
  when the budget and costs are expressions sympy can solve, e.g. linear in
  R), and located by exact bisection to ``1e-9`` otherwise (marked
  ``exact = False``; a change between two linear-programme solutions).
* :func:`order_of_cuts`: from the thresholds, for each dyad the highest R
  below which the hub spends less there than at the top of the range
  (*downgraded*) and below which it spends nothing (*cut*), in order.

"Spending" in a dyad is the hub's expected resource cost there under the
strong commitment (ties in the hub's favour, budget for sure).
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import pandas as pd
import sympy

from ..games.commitment import optimal_commitment
from ..games.linked_solve import linked_equilibria, linked_pure_equilibria
from ..modelling.schema import RangeWarning

__all__ = ["linked_sweep", "linked_thresholds", "order_of_cuts", "spending"]


def _game(model, R, overrides):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RangeWarning)
        return model.game(**{**overrides, model.resource or "R": R})


def spending(game, commitment) -> dict:
    """Partner -> the hub's expected resource cost in that dyad under a commitment.

    Parameters
    ----------
    game : LinkedGame
        The game the commitment was made in.
    commitment : Commitment
        From :func:`~bargaining.optimal_commitment`.

    Returns
    -------
    dict of str -> Fraction
        Expected cost of the commitment's strategies in each dyad.

    Examples
    --------
    >>> from bargaining import load_model, optimal_commitment
    >>> g = load_model("russia_linked").game(R=1)
    >>> {p: str(v) for p, v in spending(g, optimal_commitment(g)).items()}
    {'Belarus': '1', 'Armenia': '99/380', 'China': '0'}
    """
    out = {p: Fraction(0) for p in game.partners}
    for label, prob in commitment.hub.items():
        for p, s in zip(game.partners, label.split(" + ")):
            out[p] += prob * game.costs[p][s]
    return out


def linked_sweep(model, values, *, shadow: bool = False, **overrides) -> pd.DataFrame:
    """The hub's commitment, spending by dyad and pure equilibria at each value of the resource parameter.

    Parameters
    ----------
    model : LinkedModel
        A linked model (``load_model("russia_linked")``).
    values : sequence of numbers
        Values of the resource parameter (read exactly: 0.75 is 3/4).
    shadow : bool
        Also compute the commitment with the budget in expectation and its
        shadow price (slower).
    **overrides
        Other parameters' values.

    Returns
    -------
    pandas.DataFrame
        One row per value: ``R``, ``budget``, ``feasible`` (how many combined
        strategies fit), ``commitment`` and ``responses`` (strong),
        ``value``, ``weak_value``, ``spend_<partner>`` (floats), ``pure_equilibria``
        (descriptions joined by "; ") and, with ``shadow``, ``value_expected``
        and ``shadow_price``.

    Examples
    --------
    >>> from bargaining import load_model
    >>> table = linked_sweep(load_model("russia_linked"), [1, 0.5])
    >>> list(table["spend_Belarus"])
    [1.0, 0.0]
    """
    rows = []
    for value in values:
        R = Fraction(str(value)) if isinstance(value, float) else Fraction(value)
        game = _game(model, R, overrides)
        strong = optimal_commitment(game)
        row = {
            "R": float(R), "budget": None if game.budget is None else float(game.budget),
            "feasible": len(game.feasible),
            "commitment": "; ".join(f"{k} {_prob(v)}" if v != 1 else k for k, v in strong.hub.items()),
            "responses": ", ".join(f"{p}: {s}" for p, s in strong.responses.items()),
            "value": float(strong.value), "weak_value": float(strong.weak_value),
        }
        for p, v in spending(game, strong).items():
            row[f"spend_{p}"] = float(v)
        row["pure_equilibria"] = "; ".join(e.describe() for e in linked_pure_equilibria(game))
        if shadow:
            expected = optimal_commitment(game, budget="expected")
            row["value_expected"] = float(expected.value)
            row["shadow_price"] = float(expected.shadow_price)
        rows.append(row)
    return pd.DataFrame(rows)


def _prob(p: Fraction) -> str:
    return str(p) if p.denominator < 1000 else f"{float(p):.4f}"


def _signature(model, R, overrides, equilibria: str):
    game = _game(model, R, overrides)
    strong = optimal_commitment(game)
    spend = spending(game, strong)
    pure = tuple(e.describe() for e in linked_pure_equilibria(game))
    extra = ()
    if equilibria == "all":
        extra = tuple(sorted(tuple(sorted(e.hub)) + tuple(s for m in e.partners.values() for s, p in m.items() if p > 0)
                             for e in linked_equilibria(game)))
    commit = (tuple(sorted(strong.hub)), tuple(strong.responses.items()), tuple(strong.weak_responses.items()),
              tuple(sorted((p, v > 0) for p, v in spend.items())))
    return (pure, commit, extra), game, strong, spend


def _candidates(model, lo, hi, overrides) -> list:
    """Exact values of R where a payoff tie or the budget can change the answer."""
    name = model.resource or "R"
    R = model.symbols[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RangeWarning)
        values = model.values(**overrides)
    subs = {model.symbols[n]: v for n, v in values.items() if n != name}
    exprs = []
    for member in model.members:
        S = member.symbolic_game()
        for M in (S.A, S.B):
            cells = [M[i, j].subs(subs) for i in range(M.shape[0]) for j in range(M.shape[1])]
            exprs += [a - b for k, a in enumerate(cells) for b in cells[k + 1:]]
        rows = [[S.A[i, j].subs(subs) for j in range(S.A.shape[1])] for i in range(S.A.shape[0])]
        exprs += [a - b for k, a in enumerate(sum(rows, [])) for b in sum(rows, [])[k + 1:]]
    if model.budget is not None:
        budget = model.budget.subs(subs)
        game = _game(model, Fraction(1), overrides)
        for combo in game.combined:
            exprs.append(game.cost(combo) - budget)
    found = set()
    for expr in exprs:
        expr = sympy.together(expr)
        if not expr.has(R):
            continue
        try:
            roots = sympy.solve(sympy.numer(expr), R)
        except (NotImplementedError, TypeError):
            continue
        for root in roots:
            if root.is_real and lo < root < hi:
                found.add(sympy.nsimplify(root) if root.is_Rational else root)
    return sorted(found, key=float)


def _between(a, b) -> Fraction:
    """A rational strictly between two reals (sympy numbers or Fractions)."""
    mid = (sympy.Rational(a) if isinstance(a, Fraction) else a) + (sympy.Rational(b) if isinstance(b, Fraction) else b)
    approx = Fraction(str(sympy.N(mid / 2, 30)))
    return approx


def linked_thresholds(model, *, lo=Fraction(1, 5), hi=Fraction(3, 2), equilibria: str = "pure",
                      **overrides) -> pd.DataFrame:
    """Every value of R in ``(lo, hi)`` where the pure Nash equilibria or the optimal commitment change.

    Parameters
    ----------
    model : LinkedModel
        The linked model.
    lo, hi : number
        The interval (read exactly).
    equilibria : {"pure", "all"}
        Track the pure Nash equilibria only (fast), or every extreme
        equilibrium's support too (slower).
    **overrides
        Other parameters' values.

    Returns
    -------
    pandas.DataFrame
        One row per threshold, in decreasing R: ``R`` (float), ``exact``
        (the exact value as text, or "" when found by bisection), ``what``
        (``"equilibria"``, ``"commitment"`` or both), ``commitment_above``,
        ``commitment_below``, ``equilibria_above``, ``equilibria_below``.

    Examples
    --------
    >>> from bargaining import load_model
    >>> t = linked_thresholds(load_model("russia_linked"), lo=0.9, hi=1.1)
    >>> list(t["exact"])
    ['31/32']
    """
    lo, hi = Fraction(str(lo)) if isinstance(lo, float) else Fraction(lo), (
        Fraction(str(hi)) if isinstance(hi, float) else Fraction(hi))
    points = [sympy.Rational(lo.numerator, lo.denominator), *_candidates(model, lo, hi, overrides),
              sympy.Rational(hi.numerator, hi.denominator)]
    mids = [_between(a, b) for a, b in zip(points, points[1:])]
    sigs = [_signature(model, m, overrides, equilibria) for m in mids]
    rows = []
    for k in range(len(mids) - 1, 0, -1):
        upper, lower = sigs[k], sigs[k - 1]
        if upper[0] == lower[0]:
            continue
        point = points[k]
        eps = Fraction(1, 10**9)
        near = Fraction(str(sympy.N(point, 30)))
        exact = (_signature(model, near + eps, overrides, equilibria)[0] == upper[0]
                 and _signature(model, near - eps, overrides, equilibria)[0] == lower[0])
        value = float(point)
        if not exact:  # the change lies elsewhere in (mid_k-1, mid_k): bisect exactly on rationals
            a, b = mids[k - 1], mids[k]
            while b - a > Fraction(1, 10**9):
                m = (a + b) / 2
                if _signature(model, m, overrides, equilibria)[0] == upper[0]:
                    b = m
                else:
                    a = m
            value = float((a + b) / 2)
        what = [w for w, i in (("equilibria", 0), ("commitment", 1)) if upper[0][i] != lower[0][i]]
        if upper[0][2] != lower[0][2]:
            what.append("equilibria (mixed)")
        rows.append({
            "R": value, "exact": str(point) if exact else "", "what": ", ".join(what),
            "commitment_above": _commit_text(upper), "commitment_below": _commit_text(lower),
            "equilibria_above": "; ".join(upper[0][0]), "equilibria_below": "; ".join(lower[0][0]),
        })
    return pd.DataFrame(rows, columns=["R", "exact", "what", "commitment_above", "commitment_below",
                                       "equilibria_above", "equilibria_below"])


def _commit_text(sig) -> str:
    _, _, strong, _ = sig
    hub = "; ".join(f"{k} {_prob(v)}" if v != 1 else k for k, v in strong.hub.items())
    return f"{hub} → " + ", ".join(f"{p}: {s}" for p, s in strong.responses.items())


def order_of_cuts(model, *, lo=Fraction(1, 5), hi=Fraction(3, 2), thresholds=None, **overrides) -> pd.DataFrame:
    """For each dyad, where (as R falls from ``hi`` to ``lo``) the hub first spends less there, and where nothing.

    Parameters
    ----------
    model : LinkedModel
        The linked model.
    lo, hi : number
        The interval.
    thresholds : pandas.DataFrame, optional
        The output of :func:`linked_thresholds` for the same arguments (computed if omitted).
    **overrides
        Other parameters' values.

    Returns
    -------
    pandas.DataFrame
        One row per partner, ordered by the R at which it is first
        downgraded (highest first; never-downgraded last): ``partner``,
        ``spend_at_top``, ``downgraded_below``, ``cut_below`` (floats, NaN
        when it does not happen in the interval), ``exact_downgrade``,
        ``exact_cut`` (the exact value as text when known) and ``rank``.

    Examples
    --------
    >>> from bargaining import load_model
    >>> list(order_of_cuts(load_model("russia_linked"), lo=0.9, hi=1.1)["partner"])
    ['Armenia', 'Belarus', 'China']
    """
    lo, hi = Fraction(str(lo)) if isinstance(lo, float) else Fraction(lo), (
        Fraction(str(hi)) if isinstance(hi, float) else Fraction(hi))
    if thresholds is None:
        thresholds = linked_thresholds(model, lo=lo, hi=hi, **overrides)
    top_game = _game(model, hi, overrides)
    top = spending(top_game, optimal_commitment(top_game))
    found = {p: {"partner": p, "spend_at_top": float(top[p]), "downgraded_below": float("nan"),
                 "cut_below": float("nan"), "exact_downgrade": "", "exact_cut": ""} for p in top}
    for _, row in thresholds.iterrows():
        below = _game(model, Fraction(str(row["R"])) - Fraction(1, 10**6), overrides)
        spend = spending(below, optimal_commitment(below))
        for p, v in spend.items():
            entry = found[p]
            if v < top[p] and entry["downgraded_below"] != entry["downgraded_below"]:
                entry["downgraded_below"], entry["exact_downgrade"] = row["R"], row["exact"]
            if v == 0 < top[p] and entry["cut_below"] != entry["cut_below"]:
                entry["cut_below"], entry["exact_cut"] = row["R"], row["exact"]
    table = pd.DataFrame(list(found.values()))
    table = table.sort_values("downgraded_below", ascending=False, na_position="last", kind="stable")
    table["rank"] = range(1, len(table) + 1)
    return table.reset_index(drop=True)
