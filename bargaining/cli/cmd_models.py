"""``bargaining models``: list the bundled models and example games, one line each."""

from __future__ import annotations


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "models",
        help="list the bundled models and example games",
        description="List the models that ship with the package (name and title), then the example games.",
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..modelling.model import bundled_examples, bundled_models, load_model

    names = (*bundled_models(), *bundled_examples())
    width = max((len(n) for n in names), default=0)
    for name in names:
        print(f"{name.ljust(width)}  {load_model(name).title}")
    return 0
