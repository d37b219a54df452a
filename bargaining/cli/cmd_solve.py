"""``bargaining solve TARGET``: payoff table, all Nash equilibria, and the subgame-perfect path."""

from __future__ import annotations

import json
import warnings
from fractions import Fraction

from ..errors import ModelError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "solve",
        help="solve a bundled model or a .toml model/game file",
        description="Print the labelled payoff table and all Nash equilibria (exact fractions and "
        "decimals) of a model at a scenario and parameter values, and, where the model has a "
        "sequential form, its subgame-perfect path.",
    )
    parser.add_argument("target", metavar="TARGET", help="a bundled model name or a path to a .toml file")
    parser.add_argument("--scenario", help="a scenario of the model, e.g. 2015")
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", dest="overrides",
        help="set a parameter, e.g. --set R=0.75 (repeatable; decimals and fractions like 2/7 are exact)",
    )
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    parser.set_defaults(func=run)


def parse_overrides(items) -> dict:
    """``["R=0.75", "w=1.3"]`` -> ``{"R": "0.75", "w": "1.3"}``; malformed items raise ModelError."""
    found = {}
    for item in items:
        name, sep, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise ModelError(f"--set {item!r}: expected NAME=VALUE, e.g. --set R=0.75")
        found[name] = value
    return found


def _show(value) -> str:
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    decimal = f"{float(value):.6g}"
    return decimal if Fraction(decimal) == value else f"{value} ({decimal})"


def _number(value):
    value = Fraction(value)
    return {"exact": str(value), "decimal": float(value)}


def run(args) -> int:
    import sys

    from ..equilibria import equilibria
    from ..model import load_model

    model = load_model(args.target)
    overrides = parse_overrides(args.overrides)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        values = model.values(args.scenario, **overrides)
        game = model.game(args.scenario, **overrides)
        spe = model.subgame_perfect(args.scenario, **overrides) if model.sequential is not None else None
    for message in {str(w.message) for w in caught}:
        print(f"bargaining: warning: {message}", file=sys.stderr)
    found = equilibria(game, exact=True)
    if args.format == "json":
        print(json.dumps(_as_json(model, args.scenario, values, game, found, spe), indent=2, ensure_ascii=False))
        return 0
    where = f"scenario {args.scenario}; " if args.scenario else ""
    shown = ", ".join(f"{model.parameters[k].display} = {_show(v)}" for k, v in values.items())
    print(f"{model.title}  ({model.path})")
    if shown or where:
        print(f"{where}{shown}")
    print()
    print(f"Payoffs ({game.players[0]}, {game.players[1]}):")
    header = [f"{game.players[0]} \\ {game.players[1]}", *game.strategies[1]]
    body = [
        [row, *(f"{_show(game.exact_A[i][j])}, {_show(game.exact_B[i][j])}" for j in range(game.shape[1]))]
        for i, row in enumerate(game.strategies[0])
    ]
    widths = [max(len(r[k]) for r in [header, *body]) for k in range(len(header))]
    for r in [header, *body]:
        print("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    print()
    print(f"Nash equilibria ({len(found)}{', extreme points: the game is degenerate' if _degenerate(game) else ''}):")
    for k, eq in enumerate(found, 1):
        parts = []
        for player, names, probs in zip(eq.players, game.strategies, eq.profile):
            mix = [(n, p) for n, p in zip(names, probs) if p > 0]
            if len(mix) == 1:
                parts.append(f"{player} {mix[0][0]}")
            else:
                parts.append(f"{player} " + " / ".join(f"{n} {_show(p)}" for n, p in mix))
        kind = "pure" if eq.is_pure else "mixed"
        print(f"  {k}. {'; '.join(parts)}  [{kind}; payoffs {_show(eq.payoffs[0])}, {_show(eq.payoffs[1])}]")
    if spe is not None:
        print()
        print(f"Subgame-perfect path (sequential form: {model.sequential.description or 'game tree'}):")
        print(f"  {spe.describe()}  [payoffs {_show(_frac(spe.payoffs[0]))}, {_show(_frac(spe.payoffs[1]))}]")
        for node, tied in spe.ties:
            print(f"  tie at {node}: indifferent among {', '.join(tied)}; took the {spe.tie_rule}")
    return 0


def _degenerate(game) -> bool:
    from ..equilibria import is_degenerate

    return is_degenerate(game)


def _frac(number) -> Fraction:
    return Fraction(int(number.p), int(number.q)) if number.is_Rational else Fraction(repr(float(number)))


def _as_json(model, scenario, values, game, found, spe) -> dict:
    return {
        "model": model.name,
        "title": model.title,
        "file": model.path,
        "scenario": scenario,
        "parameters": {k: _number(Fraction(int(v.p), int(v.q))) for k, v in values.items()},
        "players": {"row": game.players[0], "column": game.players[1]},
        "strategies": {"row": list(game.strategies[0]), "column": list(game.strategies[1])},
        "payoffs": [
            {
                "row": row,
                "column": col,
                "payoffs": [_number(game.exact_A[i][j]), _number(game.exact_B[i][j])],
            }
            for i, row in enumerate(game.strategies[0])
            for j, col in enumerate(game.strategies[1])
        ],
        "nash_equilibria": [
            {
                "strategies": {
                    player: {n: _number(p) for n, p in zip(names, probs)}
                    for player, names, probs in zip(eq.players, game.strategies, eq.profile)
                },
                "support": {player: list(s) for player, s in zip(eq.players, eq.support)},
                "payoffs": {player: _number(p) for player, p in zip(eq.players, eq.payoffs)},
                "pure": eq.is_pure,
            }
            for eq in found
        ],
        "subgame_perfect": None if spe is None else {
            "path": [{"player": p, "action": a} for p, a in spe.path],
            "description": spe.describe(),
            "payoffs": {player: _number(_frac(v)) for player, v in zip(game.players, spe.payoffs)},
            "ties": [{"node": n, "actions": list(t)} for n, t in spe.ties],
            "tie_rule": spe.tie_rule,
        },
    }
