"""``bargaining explore``: one self-contained web page with sliders for a model."""

from __future__ import annotations

from ..errors import BargainingError
from .common import add_model_argument


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "explore",
        help="write a self-contained web page with sliders that shows a model's answers",
        description="Solve a model at every slider position and write one HTML file (all data, script and "
        "style inline; it opens from disk with no network) showing the payoffs, every equilibrium, the "
        "regime strip with its exact thresholds, the subgame-perfect path and the bargaining solution.",
    )
    add_model_argument(parser, dest="model")
    parser.add_argument("--out", required=True, metavar="FILE", help="the page to write, e.g. page.html")
    parser.add_argument("--param", default=None,
                        help="the moving parameter (default: R, or the model's first parameter with a range)")
    parser.add_argument("--vary", action="append", default=None, metavar="NAME",
                        help="a further slider (repeat for two); default: the parameter with the largest total "
                        "Sobol index over the thresholds; --vary none for no further slider")
    parser.add_argument("--points", type=int, default=131, help="even-grid stops of the moving parameter (default: 131)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..modelling.model import load_model
    from ..paper.explorer import explore

    if not 2 <= args.points <= 2001:
        raise BargainingError(f"--points must be between 2 and 2001, got {args.points}")
    if not str(args.out).endswith((".html", ".htm")):
        raise BargainingError(f"--out {args.out!r}: the page must be a .html file")
    vary = None if args.vary is None else tuple(v for v in args.vary if v != "none")
    model = load_model(args.model)
    page = explore(model, param=args.param, vary=vary, out=args.out, points=args.points)
    print(f"wrote {args.out} ({len(page.encode('utf-8')):,} bytes)")
    return 0
