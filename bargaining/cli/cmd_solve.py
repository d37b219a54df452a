"""``bargaining solve TARGET``: payoff table, all Nash equilibria, and the subgame-perfect path."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

from .common import add_point_arguments, parse_overrides, show_number, warnings_to_stderr
from .formats import add_format_argument, print_csv


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "solve",
        help="solve a bundled model, a .toml model/game file, or a Gambit .nfg/.efg file",
        description="Print the labelled payoff table and all Nash equilibria (exact fractions and "
        "decimals) of a model at a scenario and parameter values, and, where the model has a "
        "sequential form, its subgame-perfect path.",
    )
    parser.add_argument("target", metavar="MODEL_OR_FILE",
                        help="a bundled model name (see `bargaining models`), a .toml model file, "
                        "or a Gambit game file (.nfg; .efg where game trees read it)")
    add_point_arguments(parser)
    add_format_argument(parser)
    parser.set_defaults(func=run)


def _number(value):
    value = Fraction(value)
    return {"exact": str(value), "decimal": float(value)}


def run(args) -> int:

    from ..games.equilibria import equilibria

    model, game, values, spe, pbe = _load(args)
    if hasattr(model, "members"):  # a linked model
        from .show_linked import solve_linked

        return solve_linked(model, args, parse_overrides(args.overrides))
    tree = model.sequential
    found = equilibria(game, exact=True)
    if args.format == "json":
        data = _as_json(model, args.scenario, values, game, found, spe)
        if pbe is not None:
            from .show_pbe import pbe_json

            data["perfect_bayesian"] = pbe_json(tree, pbe)
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    if args.format == "csv":
        print_csv(_as_frame(game, found))
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
        from .show_pbe import pbe_lines

        print()
        print("\n".join(pbe_lines(tree, pbe)))
    if spe is not None:
        print()
        print(f"Subgame-perfect path (sequential form: {model.sequential.description or 'game tree'}):")
        print(f"  {spe.describe()}  [payoffs {show_number(_frac(spe.payoffs[0]))}, {show_number(_frac(spe.payoffs[1]))}]")
        for node, tied in spe.ties:
            print(f"  tie at {node}: indifferent among {', '.join(tied)}; took the {spe.tie_rule}")
    return 0


class _GameFile:
    """A game read from a Gambit file, standing in for a model with no parameters."""

    def __init__(self, path, game, title):
        self.name = self.title = title or Path(path).stem
        self.path = str(path)
        self.parameters = {}
        self.sequential = None
        self.game = game


def _load(args):
    """``(model, game, values, subgame_perfect, perfect_bayesian)`` for a model name/file or a Gambit game file."""
    from ..errors import BargainingError
    from ..games.game import Game

    target = str(args.target)
    suffix = Path(target).suffix.lower()
    if suffix in (".nfg", ".efg"):
        if args.scenario or args.overrides:
            raise BargainingError(f"{target}: a Gambit game has no scenarios or parameters (--scenario, --set)")
        if suffix == ".nfg":
            text = Path(target).read_text(encoding="utf-8")
            game = Game.from_nfg(text)
            title = _nfg_title(text)
        else:
            from ..games.tree import GameTree
            from ..games.tree_normal_form import reduced_normal_form

            reader = getattr(GameTree, "from_efg", None)
            if reader is None:
                raise BargainingError(f"{target}: this version reads .nfg files only (.efg needs GameTree.from_efg)")
            reduced = reduced_normal_form(reader(Path(target)))
            game = getattr(reduced, "game", reduced)
            title = ""
        return _GameFile(target, game, title), game, {}, None, None
    from ..modelling.model import load_model

    model = load_model(args.target)
    if hasattr(model, "members"):  # a linked model: solved by show_linked
        return model, None, None, None, None
    overrides = parse_overrides(args.overrides)
    with warnings_to_stderr():
        values = model.values(args.scenario, **overrides)
        game = model.game(args.scenario, **overrides)
        tree = model.sequential
        incomplete = tree is not None and not tree.is_perfect_information
        spe = model.subgame_perfect(args.scenario, **overrides) if tree is not None and not incomplete else None
    if incomplete:
        from ..games.pbe import perfect_bayesian

        return model, game, values, spe, perfect_bayesian(tree, values)
    return model, game, values, spe, None


def _nfg_title(text: str) -> str:
    import re

    match = re.match(r'\s*NFG\s+1\s+[RD]\s+"((?:[^"\\]|\\.)*)"', text)
    return match.group(1) if match else ""


def _as_frame(game, found):
    """One row per equilibrium: each strategy's probability and each player's payoff, exact."""
    import pandas as pd

    rows = []
    for k, eq in enumerate(found, 1):
        row = {"equilibrium": k}
        for player, names, probs in zip(game.players, game.strategies, eq.profile):
            row.update({f"{player}: {n}": Fraction(p) for n, p in zip(names, probs)})
        row.update({f"payoff {player}": Fraction(v) for player, v in zip(game.players, eq.payoffs)})
        row["pure"] = eq.is_pure
        rows.append(row)
    return pd.DataFrame(rows)


def _degenerate(game) -> bool:
    from ..games.equilibria import is_degenerate

    return is_degenerate(game)


def _frac(number) -> Fraction:
    return Fraction(int(number.p), int(number.q)) if number.is_Rational else Fraction(repr(float(number)))


def _as_json(model, scenario, values, game, found, spe) -> dict:
    return {
        "model": model.name,
        "title": model.title,
        "file": str(model.path),
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
