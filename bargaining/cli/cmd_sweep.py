"""``bargaining sweep``: every equilibrium at evenly spaced values of a parameter, as CSV."""

from __future__ import annotations

import sys

from ..errors import BargainingError
from .common import add_model_argument, add_point_arguments, parse_overrides
from .formats import add_format_argument, print_json


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "sweep",
        help="every equilibrium at evenly spaced values of a parameter (CSV)",
        description="Solve a model at evenly spaced values of one parameter and write one CSV row per "
        "(point, equilibrium): the parameter, each strategy's probability, payoffs, pure and "
        "degenerate flags.",
    )
    add_model_argument(parser, dest="model")
    parser.add_argument("--param", default="R", help="the parameter that moves (default: R)")
    parser.add_argument("--from", dest="lo", type=float, metavar="LO", help="lower end (default: the parameter's range)")
    parser.add_argument("--to", dest="hi", type=float, metavar="HI", help="upper end (default: the parameter's range)")
    parser.add_argument("--points", type=int, default=131, help="number of points (default: 131)")
    add_point_arguments(parser, set_help="fix another parameter (repeatable), e.g. --set w=1.3")
    parser.add_argument("--out", metavar="FILE", help="write the CSV here (atomically) instead of stdout")
    add_format_argument(parser, default="csv")
    parser.set_defaults(func=run)


def run(args) -> int:
    import numpy as np

    from ..analysis.sweep import sweep
    from ..analysis.thresholds import parameter_range
    from ..modelling.model import load_model
    from ..output import write_atomic

    if args.points < 1:
        raise BargainingError(f"--points must be at least 1, got {args.points}")
    model = load_model(args.model)
    overrides = parse_overrides(args.overrides)
    if args.param in overrides:
        raise BargainingError(f"--set {args.param}=... conflicts with sweeping {args.param}")
    lo, hi = (float(v) for v in parameter_range(model, args.param, args.lo, args.hi))
    values = np.round(np.linspace(lo, hi, args.points), 12)  # 0.6, not 0.6000000000000001
    table = sweep(model, scenario=args.scenario, **{args.param: values, **overrides})
    if args.format == "json" and not args.out:
        print_json({"model": model.name, "parameter": args.param, "from": lo, "to": hi, "points": args.points,
                    "rows": table.to_dict("records")})
        return 0
    if args.format == "table" and not args.out:
        sys.stdout.write(table.to_string(index=False, float_format=lambda v: f"{v:.6g}") + "\n")
        return 0
    text = table.to_csv(index=False, lineterminator="\n", float_format="%.12g")
    if args.out:
        write_atomic(args.out, text)
        print(f"wrote {len(table)} rows ({args.points} points) to {args.out}")
    else:
        sys.stdout.write(text)
    return 0
