"""``bargaining uncertainty``: regime probabilities over the parameters' ranges, and threshold quantiles."""

from __future__ import annotations

from contextlib import contextmanager

from ..errors import BargainingError
from .common import add_model_argument
from .formats import add_format_argument, print_csv, print_json

#: The seed when none is given: runs repeat unless asked otherwise.
DEFAULT_SEED = 1


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "uncertainty",
        help="Monte Carlo over the parameters' ranges: regime probabilities and threshold quantiles",
        description="Draw every parameter but one from its plausible range (uniformly), and report the "
        "probability of each regime (type of equilibrium set) at each value of that one, and the "
        "quantiles of each threshold. Prints the probabilities at the model's scenarios.",
    )
    add_model_argument(parser, dest="model")
    parser.add_argument("--samples", type=int, default=10000, help="draws of the other parameters (default: 10000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"random seed (same seed, same result; default: {DEFAULT_SEED})")
    parser.add_argument("--param", default="R", help="the parameter on the grid (default: R)")
    parser.add_argument("--from", dest="lo", type=float, metavar="LO", help="lower end (default: the parameter's range)")
    parser.add_argument("--to", dest="hi", type=float, metavar="HI", help="upper end (default: the parameter's range)")
    parser.add_argument("--points", type=int, default=200, help="grid points (default: 200; scenarios added)")
    parser.add_argument("--out", metavar="FILE", help="write the probabilities (grid x regime) as CSV here")
    parser.add_argument("--progress", action="store_true", help="show a progress bar even when not on a terminal")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="count the draws on a local Dask cluster of N worker processes (needs the "
                        "'dask' extra); same result as one process")
    add_format_argument(parser)
    parser.set_defaults(func=run)


@contextmanager
def _scheduler(workers):
    """A Dask client on a local cluster of ``workers`` processes (None: no client)."""
    if workers is None:
        yield None
        return
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise BargainingError("--workers needs Dask: pip install 'bargaining[dask]'") from None
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with Client(cluster) as client:
            yield client


def run(args) -> int:
    import numpy as np

    from ..analysis.thresholds import parameter_range
    from ..analysis.uncertainty import uncertainty
    from ..modelling.model import load_model
    from ..output import write_atomic

    if args.points < 1 or args.samples < 1:
        raise BargainingError("--points and --samples must be at least 1")
    if args.lo is not None and args.hi is not None and not args.lo < args.hi:
        raise BargainingError(f"--from ({args.lo}) must be below --to ({args.hi})")
    model = load_model(args.model)
    args.lo, args.hi = (float(v) for v in parameter_range(model, args.param, args.lo, args.hi))
    scenarios = {
        name: float(values[args.param])
        for name, values in model.scenarios.items()
        if args.param in values and args.lo <= float(values[args.param]) <= args.hi
    }
    grid = np.unique(np.round(np.r_[np.linspace(args.lo, args.hi, args.points), list(scenarios.values())], 12))
    if args.workers is not None and args.workers < 1:
        raise BargainingError("--workers must be at least 1")
    with _scheduler(args.workers) as client:
        result = uncertainty(model, samples=args.samples, seed=args.seed, progress=True if args.progress else None,
                             scheduler=client, **{args.param: grid})
    if args.format != "table":
        return _data(args, model, result, scenarios)
    varied = ", ".join(result.varied) or "none"
    print(f"{model.name}: {args.samples} draws of {varied} (uniform on their ranges), seed {args.seed}")
    print(f"{len(grid)} values of {args.param} in [{args.lo:g}, {args.hi:g}]; {result.probabilities.shape[1]} regimes")
    for name, value in sorted(scenarios.items(), key=lambda item: item[1]):
        print(f"\nscenario {name} ({args.param} = {value:g}):")
        row = result.at(value).sort_values(ascending=False, kind="stable")
        for regime, p in row.items():
            print(f"  {p:7.2%}  {regime}")
    if len(result.thresholds):
        print(f"\nthresholds in {args.param} over the draws (finite = share of draws where it is a real number):")
        columns = [c for c in result.thresholds.columns if c not in ("threshold", "display")] + ["display"]
        print(result.thresholds[columns].to_string(index=False, float_format=lambda v: f"{v:.4g}"))
    if args.out:
        table = result.probabilities.reset_index()
        write_atomic(args.out, table.to_csv(index=False, lineterminator="\n", float_format="%.12g"))
        print(f"\nwrote {len(table)} rows to {args.out}")
    return 0


def _data(args, model, result, scenarios) -> int:
    """``--format json`` (everything) or ``csv`` (the probabilities, one row per grid value)."""
    from ..output import write_atomic

    table = result.probabilities.reset_index()
    if args.out:
        write_atomic(args.out, table.to_csv(index=False, lineterminator="\n", float_format="%.12g"))
    if args.format == "csv":
        if not args.out:
            print_csv(table)
        return 0
    print_json({
        "model": model.name,
        "parameter": args.param,
        "samples": args.samples,
        "seed": args.seed,
        "varied": list(result.varied),
        "from": args.lo,
        "to": args.hi,
        "scenarios": {
            name: {"value": value, "probabilities": result.at(value).to_dict()}
            for name, value in sorted(scenarios.items(), key=lambda item: item[1])
        },
        "thresholds": result.thresholds.to_dict("records"),
        "probabilities": [
            {args.param: float(index), **row} for index, row in zip(result.probabilities.index,
                                                                    result.probabilities.to_dict("records"))
        ],
    })
    return 0
