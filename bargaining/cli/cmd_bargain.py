"""``bargaining bargain MODEL``: a bargaining solution of a model, and its issue value."""

from __future__ import annotations

import warnings
from fractions import Fraction

from .common import add_model_argument, add_point_arguments, parse_overrides, show_number, warnings_to_stderr

SOLUTION_CHOICES = ("nash", "ks", "egalitarian", "utilitarian", "threat")
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
    parser.add_argument("--solution", choices=SOLUTION_CHOICES, default="nash", help="the solution concept")
    add_point_arguments(parser)
    parser.add_argument("--power", default="0.5", help="player 1's bargaining power for the Nash solution")
    parser.add_argument(
        "--disagreement", choices=DISAGREEMENT_CHOICES, default="security",
        help="the disagreement point of the game's bargaining problem (default: security levels)",
    )
    parser.set_defaults(func=run)


def _pair(players, values) -> str:
    return ", ".join(f"{p} {show_number(v)}" for p, v in zip(players, values))


def run(args) -> int:
    from ..errors import BargainingError
    from ..modelling.model import load_model
    from ..solutions.axiomatic import get_solution, nash_solution
    from ..solutions.issue import issue_solution, problem_from_model
    from ..solutions.threats import variable_threat

    model = load_model(args.target)
    overrides = parse_overrides(args.overrides)
    power = Fraction(args.power)
    with warnings_to_stderr():
        game = model.game(args.scenario, **overrides)
    where = f" (scenario {args.scenario})" if args.scenario else ""
    print(f"{model.title}{where}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if args.solution == "threat":
            s = variable_threat(game)
            print(f"Variable-threat solution on the game: {_pair(game.players, s.payoffs)}")
            print(f"  threat point: {_pair(game.players, s.threat_point)}")
            for player, threat in zip(game.players, s.threats):
                shown = ", ".join(f"{k} {float(v):.4g}" for k, v in threat.items() if v)
                print(f"  {player}'s threat: {shown}")
        else:
            func = get_solution(args.solution)
            kwargs = {"power": power} if func is nash_solution else {}
            try:
                problem = problem_from_model(model, args.scenario, disagreement=args.disagreement, **overrides)
                a = func(problem, **kwargs)
                print(f"{a.solution} on the game: {_pair(game.players, a.payoffs)}")
                print(f"  disagreement point ({problem.disagreement_rule}): {_pair(game.players, a.disagreement)}")
                if a.mix:
                    mix = ", ".join(f"{r}/{c} {float(w):.4g}" for (r, c), w in a.mix.items() if w)
                    print(f"  agreed lottery over outcomes: {mix}")
            except BargainingError as err:
                print(f"No agreement on the game: {err}")
        if model.issue is not None:
            name = "nash" if args.solution == "threat" else args.solution
            kwargs = {"power": power} if name == "nash" else {}
            a = issue_solution(model, name, args.scenario, **kwargs, **overrides)
            var = a.variable
            print(f"Issue ({model.issue.meaning}):")
            if a.issue_value is None:
                print(f"  no deal: {a.method}")
            else:
                print(f"  {var} = {show_number(a.issue_value)}  ({a.solution}); payoffs {_pair(model.players, a.payoffs)}")
            kind = model.issue.disagreement_kind
            print(f"  disagreement point ({kind}): {_pair(model.players, a.disagreement)}")
            if a.method.startswith("no "):
                print(f"  note: {a.method}")
    return 0
