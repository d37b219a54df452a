"""``bargaining show MODEL``: parameters with provenance and the symbolic payoff table."""

from __future__ import annotations

import textwrap

from .common import add_model_argument
from .formats import add_format_argument, number, print_csv, print_json


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "show",
        help="show a model: parameters (meaning, value, range, source) and symbolic payoffs",
        description="Show a model's parameters with their meaning, default value, plausible range and "
        "source, its scenarios, and its payoff table as formulas.",
    )
    add_model_argument(parser, dest="model")
    add_format_argument(parser)
    parser.set_defaults(func=run)


def run(args) -> int:
    import sympy

    from ..modelling.model import load_model
    from .common import show_number as _show

    model = load_model(args.model)
    if args.format != "table":
        return _data(model, args.format)
    print(f"{model.title}  ({model.path})")
    if model.description:
        print()
        print(textwrap.fill(" ".join(model.description.split()), width=88))
    print()
    print(f"Players: {model.players[0]} (row): {', '.join(model.strategies[0])}; "
          f"{model.players[1]} (column): {', '.join(model.strategies[1])}")
    if model.parameters:
        print()
        print("Parameters:")
        for p in model.parameters.values():
            label = p.name if p.display == p.name else f"{p.name} ({p.display})"
            low, high = (_show(_fraction(b)) for b in p.range)
            span = "fixed" if p.fixed else f"range [{low}, {high}]"
            print(f"  {label} = {_show(_fraction(p.value))}  ({span}): {p.meaning}")
            print(textwrap.fill(f"source: {p.source}", width=88, initial_indent="      ", subsequent_indent="      "))
    if model.scenarios:
        print()
        print("Scenarios:")
        for name, overrides in model.scenarios.items():
            print(f"  {name}: " + ", ".join(f"{k} = {_show(_fraction(v))}" for k, v in overrides.items()))
    print()
    print(f"Payoffs ({model.players[0]}, {model.players[1]}):")
    sg = model.symbolic_game()
    header = [f"{model.players[0]} \\ {model.players[1]}", *model.strategies[1]]
    body = [
        [row, *(f"{sympy.sstr(sg.A[i, j])} , {sympy.sstr(sg.B[i, j])}" for j in range(len(model.strategies[1])))]
        for i, row in enumerate(model.strategies[0])
    ]
    widths = [max(len(r[k]) for r in [header, *body]) for k in range(len(header))]
    for r in [header, *body]:
        print("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    if model.sequential is not None:
        print()
        print(f"Sequential form: {model.sequential.description or 'a game tree'} "
              f"({len(model.sequential.nodes)} nodes, root {model.sequential.root!r})")
    if model.issue is not None:
        issue = model.issue
        print()
        print(f"Issue: {issue.variable} = {issue.meaning}, in [{issue.bounds[0]}, {issue.bounds[1]}]; "
              f"utilities ({issue.utilities[0]}, {issue.utilities[1]})")
    return 0


def _fraction(number):
    from fractions import Fraction

    return Fraction(int(number.p), int(number.q))


def _parameters(model) -> list:
    return [
        {
            "name": p.name,
            "display": p.display,
            "value": number(_fraction(p.value)),
            "range": [number(_fraction(b)) for b in p.range],
            "fixed": p.fixed,
            "meaning": p.meaning,
            "source": p.source,
        }
        for p in model.parameters.values()
    ]


def _data(model, fmt: str) -> int:
    """``--format json`` (the whole model) or ``csv`` (the parameters table)."""
    import sympy

    if fmt == "csv":
        import pandas as pd

        rows = [
            {**p, "value": p["value"]["exact"], "low": p["range"][0]["exact"], "high": p["range"][1]["exact"]}
            for p in _parameters(model)
        ]
        columns = ["name", "display", "value", "low", "high", "fixed", "meaning", "source"]
        print_csv(pd.DataFrame(rows, columns=columns))
        return 0
    sg = model.symbolic_game()
    print_json({
        "model": model.name,
        "title": model.title,
        "file": str(model.path),
        "description": " ".join((model.description or "").split()),
        "players": {"row": model.players[0], "column": model.players[1]},
        "strategies": {"row": list(model.strategies[0]), "column": list(model.strategies[1])},
        "parameters": _parameters(model),
        "scenarios": {
            name: {k: number(_fraction(v)) for k, v in overrides.items()} for name, overrides in model.scenarios.items()
        },
        "payoffs": [
            {"row": row, "column": col, "payoffs": [sympy.sstr(sg.A[i, j]), sympy.sstr(sg.B[i, j])]}
            for i, row in enumerate(model.strategies[0])
            for j, col in enumerate(model.strategies[1])
        ],
        "sequential": model.sequential is not None,
        "issue": None if model.issue is None else {
            "variable": model.issue.variable, "meaning": model.issue.meaning,
            "bounds": [str(b) for b in model.issue.bounds],
        },
    })
    return 0
