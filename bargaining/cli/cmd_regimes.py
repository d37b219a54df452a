"""``bargaining regimes``: the equilibria on each interval between a parameter's thresholds."""

from __future__ import annotations

from .cmd_thresholds import KINDS, add_range_arguments
from .common import parse_overrides
from .formats import print_csv, print_json


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "regimes",
        help="the equilibrium set on each interval between thresholds and at each threshold",
        description="Split a parameter's range at its exact thresholds and describe the equilibria "
        "on each interval and at each threshold (where equilibria may form continua).",
    )
    add_range_arguments(parser)
    parser.add_argument("--kind", choices=KINDS, default="nash", help="Nash equilibria or the subgame-perfect path")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..analysis.regimes import regimes
    from ..analysis.sensitivity import display_text
    from ..modelling.model import load_model

    model = load_model(args.model)
    table = regimes(
        model, args.param, args.lo, args.hi, kind=args.kind, scenario=args.scenario, **parse_overrides(args.overrides)
    )
    if args.format == "json":
        rows = []
        for row in table.to_dict("records"):
            ends = {k: {"exact": row.pop(k), "decimal": row.pop(f"{k}_float")} for k in ("from", "to")}
            rows.append({"kind": row.pop("kind"), **ends, **row})
        print_json({"model": model.name, "parameter": args.param, "kind": args.kind, "regimes": rows})
        return 0
    if args.format == "csv":
        print_csv(table)
        return 0
    name = display_text(model, model.parameters[args.param].symbol)
    print(f"{model.name}: regimes in {name} ({'Nash equilibria' if args.kind == 'nash' else 'subgame-perfect path'})")
    for row in table.to_dict("records"):
        if row["kind"] == "threshold":
            where = f"{name} = {row['from']} ≈ {row['from_float']:.6g}"
        else:
            where = f"{row['from']} < {name} < {row['to']} ({row['from_float']:.6g} to {row['to_float']:.6g})"
        print(f"\n{where}\n    {row['equilibria']}")
        if row["formula"]:
            print(f"    moving: {row['formula']}")
    return 0
