"""``bargaining plot``: a model's bifurcation diagram or regime-probability figure, as PNG and PDF."""

from __future__ import annotations

from ..errors import BargainingError
from .common import add_model_argument

KINDS = ("bifurcation", "uncertainty")

#: --out's suffix -> the files written (a PNG gets a PDF beside it, as the paper's figures do).
SUFFIXES = {".png": ("png", "pdf"), ".pdf": ("pdf",), ".svg": ("svg",)}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "plot",
        help="draw a model's figure (PNG and PDF, byte-identical across runs)",
        description="Draw a figure of a model: 'bifurcation' (equilibrium probabilities against the "
        "parameter, regimes, thresholds, scenarios, subgame-perfect path) or 'uncertainty' (regime "
        "probabilities over the parameters' ranges). Writes FILE.png and FILE.pdf.",
    )
    add_model_argument(parser, dest="model")
    parser.add_argument("--out", required=True, metavar="FILE",
                        help="the figure file: .png (a .pdf is written beside it), .pdf or .svg")
    parser.add_argument("--kind", choices=KINDS, default="bifurcation", help="default: bifurcation")
    parser.add_argument("--param", default="R", help="the parameter on the horizontal axis (default: R)")
    parser.add_argument("--from", dest="lo", type=float, metavar="LO", help="lower end (default: the parameter's range)")
    parser.add_argument("--to", dest="hi", type=float, metavar="HI", help="upper end (default: the parameter's range)")
    parser.add_argument("--points", type=int, default=None, help="grid points (default: 401 / 200)")
    parser.add_argument("--samples", type=int, default=10000, help="uncertainty: draws (default: 10000)")
    parser.add_argument("--seed", type=int, default=1, help="uncertainty: random seed (default: 1)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from pathlib import Path

    import numpy as np

    from ..analysis.thresholds import parameter_range
    from ..analysis.uncertainty import uncertainty
    from ..modelling.model import load_model
    from ..paper.figures import bifurcation, regime_probability, save_figure

    formats = SUFFIXES.get(Path(args.out).suffix.lower())
    if formats is None:
        raise BargainingError(f"--out {args.out}: write a figure as {', '.join(SUFFIXES)} (the suffix says which)")
    if args.lo is not None and args.hi is not None and not args.lo < args.hi:
        raise BargainingError(f"--from ({args.lo}) must be below --to ({args.hi})")
    if args.points is not None and args.points < 2:
        raise BargainingError(f"--points must be at least 2, got {args.points}")
    model = load_model(args.model)
    args.lo, args.hi = (float(v) for v in parameter_range(model, args.param, args.lo, args.hi))
    title = getattr(model, "title", "") or model.name
    if args.kind == "bifurcation":
        fig = bifurcation(model, args.param, args.lo, args.hi, points=args.points or 401)
    else:
        grid = np.linspace(args.lo, args.hi, args.points or 200)
        result = uncertainty(model, samples=args.samples, seed=args.seed, **{args.param: grid})
        fig = regime_probability(result, title=f"{title}: regime probabilities ({args.samples} draws, seed {args.seed})")
    written = save_figure(fig, args.out, formats=formats)
    for path in written:
        print(f"wrote {path}")
    return 0
