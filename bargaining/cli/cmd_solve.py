"""``bargaining solve TARGET``: payoff table, all Nash equilibria, and the subgame-perfect path."""

from __future__ import annotations

import json
from fractions import Fraction

from .common import add_model_argument, add_point_arguments, parse_overrides, show_number, warnings_to_stderr


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "solve",
        help="solve a bundled model or a .toml model/game file",
        description="Print the labelled payoff table and all Nash equilibria (exact fractions and "
        "decimals) of a model at a scenario and parameter values, and, where the model has a "
        "sequential form, its subgame-perfect path.",
    )
    add_model_argument(parser)
    add_point_arguments(parser)
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    parser.set_defaults(func=run)


def _number(value):
    value = Fraction(value)
    return {"exact": str(value), "decimal": float(value)}


def run(args) -> int:

    from ..games.equilibria import equilibria
    from ..games.pbe import perfect_bayesian
    from ..modelling.model import load_model
    from .show_pbe import pbe_json, pbe_lines

    model = load_model(args.target)
    overrides = parse_overrides(args.overrides)
    if hasattr(model, "members"):  # a linked model
        from .show_linked import solve_linked

        return solve_linked(model, args, overrides)
    with warnings_to_stderr():
        values = model.values(args.scenario, **overrides)
        game = model.game(args.scenario, **overrides)
        tree = model.sequential
        incomplete = tree is not None and not tree.is_perfect_information
        spe = model.subgame_perfect(args.scenario, **overrides) if tree is not None and not incomplete else None
    found = equilibria(game, exact=True)
    pbe = perfect_bayesian(tree, values) if incomplete else None
    if args.format == "json":
        data = _as_json(model, args.scenario, values, game, found, spe)
        if pbe is not None:
            data["perfect_bayesian"] = pbe_json(tree, pbe)
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    where = f"scenario {args.scenario}; " if args.scenario else ""
    shown = ", ".join(f"{model.parameters[k].display} = {show_number(v)}" for k, v in values.items())
    print(f"{model.title}  ({model.path})")
    if shown or where:
        print(f"{where}{shown}")
    print()
    print(f"Payoffs ({game.players[0]}, {game.players[1]}):")
    header = [f"{game.players[0]} \\ {game.players[1]}", *game.strategies[1]]
    body = [
        [row, *(f"{show_number(game.exact_A[i][j])}, {show_number(game.exact_B[i][j])}" for j in range(game.shape[1]))]
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
                parts.append(f"{player} " + " / ".join(f"{n} {show_number(p)}" for n, p in mix))
        kind = "pure" if eq.is_pure else "mixed"
        print(f"  {k}. {'; '.join(parts)}  [{kind}; payoffs {show_number(eq.payoffs[0])}, {show_number(eq.payoffs[1])}]")
    if pbe is not None:
        print()
        print("\n".join(pbe_lines(tree, pbe)))
    if spe is not None:
        print()
        print(f"Subgame-perfect path (sequential form: {model.sequential.description or 'game tree'}):")
        print(f"  {spe.describe()}  [payoffs {show_number(_frac(spe.payoffs[0]))}, {show_number(_frac(spe.payoffs[1]))}]")
        for node, tied in spe.ties:
            print(f"  tie at {node}: indifferent among {', '.join(tied)}; took the {spe.tie_rule}")
    return 0


def _degenerate(game) -> bool:
    from ..games.equilibria import is_degenerate

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
