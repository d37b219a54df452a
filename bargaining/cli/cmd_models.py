"""``bargaining models``: list the bundled models and example games, one line each."""

from __future__ import annotations

from .formats import add_format_argument, print_csv, print_json


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "models",
        help="list the bundled models and example games",
        description="List the models that ship with the package (name and title), then the example games.",
    )
    add_format_argument(parser)
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..modelling.model import bundled_examples, bundled_models, load_model

    names = (*bundled_models(), *bundled_examples())
    rows = [
        {"name": name, "kind": "example" if name.startswith("examples/") else "model", "title": load_model(name).title}
        for name in names
    ]
    if args.format == "json":
        print_json(rows)
    elif args.format == "csv":
        import pandas as pd

        print_csv(pd.DataFrame(rows, columns=["name", "kind", "title"]))
    else:
        width = max((len(n) for n in names), default=0)
        for row in rows:
            print(f"{row['name'].ljust(width)}  {row['title']}")
    return 0
