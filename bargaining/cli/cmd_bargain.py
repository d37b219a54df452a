"""``bargaining bargain MODEL``: a bargaining solution of a model, and its issue value."""

from __future__ import annotations

import warnings
from fractions import Fraction

from .common import add_model_argument, add_point_arguments, parse_overrides, show_number, warnings_to_stderr
from .formats import add_format_argument, print_csv, print_json

#: The solutions by their Python names (``bargaining.SOLUTIONS`` and ``variable_threat``), then short aliases.
SOLUTION_CHOICES = ("nash", "kalai-smorodinsky", "egalitarian", "utilitarian", "variable-threat", "ks", "threat")
DISAGREEMENT_CHOICES = ("security", "subgame-perfect", "worst-for-1", "best-for-1", "risk-dominant")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "bargain",
        help="a bargaining solution (Nash, KS, egalitarian, utilitarian, variable threat) of a model",
        description="Print the agreement a bargaining solution gives on a model's game (the hull of its "
        "payoff pairs, from a stated disagreement point) and, where the model has an [issue] section, "
        "the agreed value of the issue with the issue's disagreement point.",
    )
    add_model_argument(parser)
    parser.add_argument("--solution", choices=SOLUTION_CHOICES, default="nash", metavar="SOLUTION",
                        help="nash (default), kalai-smorodinsky (ks), egalitarian, utilitarian, "
                        "variable-threat (threat): the names of bargaining.SOLUTIONS and variable_threat")
    add_point_arguments(parser)
    parser.add_argument("--power", default="0.5", help="player 1's bargaining power for the Nash solution")
    parser.add_argument(
        "--disagreement", choices=DISAGREEMENT_CHOICES, default="security",
        help="the disagreement point of the game's bargaining problem (default: security levels)",
    )
    add_format_argument(parser)
    parser.set_defaults(func=run)


def _pair(players, values) -> str:
    return ", ".join(f"{p} {show_number(v)}" for p, v in zip(players, values))


def run(args) -> int:
    from ..modelling.model import load_model

    model = load_model(args.target)
    overrides = parse_overrides(args.overrides)
    solution = {"ks": "kalai-smorodinsky", "threat": "variable-threat"}.get(args.solution, args.solution)
    with warnings_to_stderr():
        game = model.game(args.scenario, **overrides)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = _solve(model, game, solution, Fraction(args.power), args, overrides)
    if args.format == "json":
        print_json(data)
    elif args.format == "csv":
        print_csv(_frame(data))
    else:
        _print(data, game, model)
    return 0


def _solve(model, game, solution, power, args, overrides) -> dict:
    """Everything the command reports, as data (exact numbers kept)."""
    from ..errors import BargainingError
    from ..solutions.axiomatic import get_solution, nash_solution
    from ..solutions.issue import issue_solution, problem_from_model
    from ..solutions.threats import variable_threat

    data = {"model": model.name, "title": model.title, "scenario": args.scenario, "solution": solution,
            "players": list(game.players), "game": None, "issue": None}
    if solution == "variable-threat":
        s = variable_threat(game)
        data["game"] = {
            "solution": "variable-threat", "payoffs": list(s.payoffs), "threat_point": list(s.threat_point),
            "threats": {player: dict(t) for player, t in zip(game.players, s.threats)},
        }
    else:
        func = get_solution(solution)
        kwargs = {"power": power} if func is nash_solution else {}
        try:
            problem = problem_from_model(model, args.scenario, disagreement=args.disagreement, **overrides)
            a = func(problem, **kwargs)
            data["game"] = {
                "solution": a.solution, "payoffs": list(a.payoffs), "disagreement": list(a.disagreement),
                "disagreement_rule": problem.disagreement_rule,
                "lottery": [{"row": r, "column": c, "weight": w} for (r, c), w in (a.mix or {}).items() if w],
            }
        except BargainingError as err:
            data["game"] = {"solution": solution, "no_agreement": str(err)}
    if model.issue is not None:
        name = "nash" if solution == "variable-threat" else solution
        a = issue_solution(model, name, args.scenario, **({"power": power} if name == "nash" else {}), **overrides)
        data["issue"] = {
            "variable": a.variable, "meaning": model.issue.meaning, "value": a.issue_value,
            "solution": a.solution, "payoffs": list(a.payoffs), "disagreement": list(a.disagreement),
            "disagreement_rule": model.issue.disagreement_kind, "method": a.method,
        }
    return data


def _frame(data):
    """The agreements as one table: one row for the game, one for the issue."""
    import pandas as pd

    rows = []
    for part in ("game", "issue"):
        found = data[part]
        if not found or "payoffs" not in found:
            continue
        row = {"part": part, "solution": found["solution"], "issue value": found.get("value")}
        row.update({f"payoff {p}": v for p, v in zip(data["players"], found["payoffs"])})
        row.update({f"disagreement {p}": v for p, v in zip(data["players"], found.get("disagreement", ()))})
        rows.append(row)
    return pd.DataFrame(rows)


def _print(data, game, model) -> None:
    where = f" (scenario {data['scenario']})" if data["scenario"] else ""
    print(f"{model.title}{where}")
    found = data["game"]
    if "threat_point" in found:
        print(f"Variable-threat solution on the game: {_pair(game.players, found['payoffs'])}")
        print(f"  threat point: {_pair(game.players, found['threat_point'])}")
        for player, threat in found["threats"].items():
            shown = ", ".join(f"{k} {float(v):.4g}" for k, v in threat.items() if v)
            print(f"  {player}'s threat: {shown}")
    elif "no_agreement" in found:
        print(f"No agreement on the game: {found['no_agreement']}")
    else:
        print(f"{found['solution']} on the game: {_pair(game.players, found['payoffs'])}")
        print(f"  disagreement point ({found['disagreement_rule']}): {_pair(game.players, found['disagreement'])}")
        if found["lottery"]:
            mix = ", ".join(f"{x['row']}/{x['column']} {float(x['weight']):.4g}" for x in found["lottery"])
            print(f"  agreed lottery over outcomes: {mix}")
    issue = data["issue"]
    if issue is not None:
        print(f"Issue ({issue['meaning']}):")
        if issue["value"] is None:
            print(f"  no deal: {issue['method']}")
        else:
            print(f"  {issue['variable']} = {show_number(issue['value'])}  ({issue['solution']}); "
                  f"payoffs {_pair(model.players, issue['payoffs'])}")
        print(f"  disagreement point ({issue['disagreement_rule']}): {_pair(model.players, issue['disagreement'])}")
        if issue["method"].startswith("no "):
            print(f"  note: {issue['method']}")
