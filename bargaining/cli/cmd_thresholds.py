"""``bargaining thresholds``: the exact values of a parameter where the equilibria change type."""

from __future__ import annotations

from .common import add_model_argument, add_point_arguments, parse_overrides
from .formats import add_format_argument, number, print_csv, print_json

KINDS = ("nash", "subgame-perfect")


def add_range_arguments(parser, *, default_param: str = "R") -> None:
    """The options shared by thresholds, regimes and sweep."""
    add_model_argument(parser, dest="model")
    parser.add_argument("--param", default=default_param, help=f"the parameter that moves (default: {default_param})")
    parser.add_argument("--from", dest="lo", metavar="LO", help="lower end (default: the parameter's range)")
    parser.add_argument("--to", dest="hi", metavar="HI", help="upper end (default: the parameter's range)")
    add_point_arguments(parser, set_help="fix another parameter (repeatable), e.g. --set w=1.3")
    add_format_argument(parser)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "thresholds",
        help="exact thresholds of a parameter where the equilibrium set changes type",
        description="Find, exactly, every value of a parameter (R by default) where the equilibrium "
        "set of a model changes type, with its expression in the other parameters and the regimes "
        "on either side.",
    )
    add_range_arguments(parser)
    parser.add_argument(
        "--kind",
        choices=KINDS,
        default="nash",
        help="Nash equilibria of the normal form (default) or the subgame-perfect path",
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..analysis.sensitivity import display_text
    from ..analysis.thresholds import parameter_range, thresholds
    from ..modelling.model import load_model

    model = load_model(args.model)
    overrides = parse_overrides(args.overrides)
    if hasattr(model, "members"):  # a linked model
        from .show_linked import thresholds_linked

        return thresholds_linked(model, args, overrides)
    found = thresholds(
        model, args.param, args.lo, args.hi, kind=args.kind, scenario=args.scenario, **overrides
    )
    lo, hi = parameter_range(model, args.param, args.lo, args.hi)
    what = "Nash equilibria" if args.kind == "nash" else "subgame-perfect path"
    name = display_text(model, model.parameters[args.param].symbol)
    rows = [
        {
            "parameter": args.param,
            "kind": t.kind,
            "expression": display_text(model, t.expression),
            "value": number(t.value),
            "before": t.before,
            "after": t.after,
        }
        for t in found
    ]
    if args.format == "json":
        print_json({"model": model.name, "parameter": args.param, "kind": args.kind,
                    "range": [number(lo), number(hi)], "thresholds": rows})
        return 0
    if args.format == "csv":
        import pandas as pd

        flat = [{**r, "value": r["value"]["exact"], "decimal": r["value"]["decimal"]} for r in rows]
        columns = ["parameter", "kind", "expression", "value", "decimal", "before", "after"]
        print_csv(pd.DataFrame(flat, columns=columns))
        return 0
    print(f"{model.name}: {len(found)} threshold(s) of {name} in [{lo}, {hi}] ({what})")
    for t in found:
        expression = display_text(model, t.expression)
        exact = "" if t.expression == t.value else f" = {t.value}"
        print(f"\n{name}* = {expression}{exact} ≈ {t.float:.6g}")
        print(f"    below: {t.before}")
        print(f"    above: {t.after}")
    return 0
