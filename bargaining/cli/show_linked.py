"""``bargaining solve`` and ``bargaining thresholds`` on a linked model (a ``[linked]`` file)."""

from __future__ import annotations

import json
from fractions import Fraction

from .common import show_number, warnings_to_stderr


def _num(value):
    value = Fraction(value)
    return {"exact": str(value), "decimal": float(value)}


def _mix(mapping) -> str:
    parts = [(k, p) for k, p in mapping.items() if p > 0]
    if len(parts) == 1:
        return parts[0][0]
    return " / ".join(f"{k} {show_number(p)}" for k, p in parts)


def solve_linked(model, args, overrides) -> int:
    """Print (or write as JSON) the linked game, its equilibria and the hub's optimal commitment."""
    from ..games.commitment import optimal_commitment
    from ..games.linked_solve import linked_equilibria

    with warnings_to_stderr():
        values = model.values(args.scenario, **overrides)
        game = model.game(args.scenario, **overrides)
    found = linked_equilibria(game, exact=True)
    strong = optimal_commitment(game)
    expected = optimal_commitment(game, budget="expected")
    if args.format == "json":
        data = {
            "model": model.name, "title": model.title, "scenario": args.scenario,
            "parameters": {k: _num(v) for k, v in values.items()},
            "hub": game.hub, "partners": list(game.partners),
            "budget": None if game.budget is None else _num(game.budget),
            "costs": {p: {s: _num(c) for s, c in t.items()} for p, t in game.costs.items()},
            "feasible": [" + ".join(c) for c in game.feasible],
            "equilibria": [
                {"hub": {k: _num(v) for k, v in e.hub.items()},
                 "partners": {p: {s: _num(v) for s, v in m.items()} for p, m in e.partners.items()},
                 "payoffs": {p: _num(v) for p, v in e.payoffs.items()}, "pure": e.is_pure,
                 "expected_cost": _num(e.expected_cost), "regret": _num(e.regret)}
                for e in found
            ],
            "commitment": {
                "budget": "sure", "hub": {k: _num(v) for k, v in strong.hub.items()},
                "responses": dict(strong.responses), "value": _num(strong.value),
                "weak_hub": {k: _num(v) for k, v in strong.weak_hub.items()},
                "weak_responses": dict(strong.weak_responses), "weak_value": _num(strong.weak_value),
                "weak_attained": strong.weak_attained,
            },
            "commitment_expected": {"hub": {k: _num(v) for k, v in expected.hub.items()},
                                    "responses": dict(expected.responses), "value": _num(expected.value),
                                    "shadow_price": _num(expected.shadow_price)},
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    if args.format == "csv":
        import pandas as pd

        from .formats import print_csv

        rows = [{"equilibrium": k, "kind": "pure" if e.is_pure else "mixed",
                 **{f"{game.hub}: {h}": str(p) for h, p in e.hub.items()},
                 **{f"{p}: {s}": str(v) for p, m in e.partners.items() for s, v in m.items()},
                 **{f"payoff {p}": str(v) for p, v in e.payoffs.items()}} for k, e in enumerate(found, 1)]
        print_csv(pd.DataFrame(rows).fillna("0"))
        return 0
    print(f"{model.title}  ({model.path})")
    if args.scenario:
        print(f"scenario {args.scenario}")
    print(repr(game))
    print()
    print(f"Nash equilibria ({len(found)} extreme points):")
    for k, e in enumerate(found, 1):
        payoffs = ", ".join(show_number(v) for v in e.payoffs.values())
        partners = "; ".join(f"{p} {_mix(m)}" for p, m in e.partners.items())
        kind = "pure" if e.is_pure else "mixed"
        print(f"  {k}. {game.hub} {_mix(e.hub)}; {partners}  [{kind}; payoffs {payoffs}]")
    print()
    print(f"{game.hub}'s optimal commitment (budget for sure):")
    print(f"  commit to {_mix(strong.hub)}")
    print(f"  replies {', '.join(f'{p}: {s}' for p, s in strong.responses.items())}; value {show_number(strong.value)}")
    reached = "" if strong.weak_attained else " (approached, not attained)"
    print(f"  ties against {game.hub}: value {show_number(strong.weak_value)}{reached}")
    print(f"With the budget in expectation: value {show_number(expected.value)}; "
          f"shadow price {show_number(expected.shadow_price)}")
    return 0


def thresholds_linked(model, args, overrides) -> int:
    """Print (or write as JSON) where the equilibria or the commitment change, and the order of cuts."""
    from ..analysis.linked_sweep import linked_thresholds, order_of_cuts

    lo = Fraction(args.lo) if args.lo else Fraction(1, 5)
    hi = Fraction(args.hi) if args.hi else Fraction(3, 2)
    with warnings_to_stderr():
        found = linked_thresholds(model, lo=lo, hi=hi, **overrides)
        order = order_of_cuts(model, lo=lo, hi=hi, thresholds=found, **overrides)
    if args.format == "json":
        data = {"model": model.name, "from": str(lo), "to": str(hi),
                "thresholds": found.to_dict(orient="records"),
                "order_of_cuts": order.where(order.notna(), None).to_dict(orient="records")}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    if args.format == "csv":
        from .formats import print_csv

        print_csv(found)
        return 0
    print(f"{model.name}: {len(found)} threshold(s) of {model.resource or 'R'} in [{lo}, {hi}] "
          "(pure Nash equilibria or the optimal commitment change)")
    for _, row in found.iterrows():
        exact = f" = {row['exact']}" if row["exact"] else " (bisection)"
        print(f"\nR*{exact} ≈ {row['R']:.6g}  [{row['what']}]")
        print(f"    above: {row['commitment_above']}")
        print(f"    below: {row['commitment_below']}")
    print("\nOrder of cuts as R falls:")
    for _, row in order.iterrows():
        down = row["exact_downgrade"] or ("—" if row["downgraded_below"] != row["downgraded_below"]
                                          else f"{row['downgraded_below']:.6g}")
        cut = row["exact_cut"] or ("—" if row["cut_below"] != row["cut_below"] else f"{row['cut_below']:.6g}")
        print(f"  {int(row['rank'])}. {row['partner']}: spends less below R = {down}, nothing below R = {cut}")
    return 0
