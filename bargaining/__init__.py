"""bargaining: game-theoretic models of bilateral negotiation between states.

Write a two-player game down (or load a calibrated model), solve it exactly,
and ask how the answer moves when one side's resources shrink.

Examples
--------
>>> import bargaining as bg
>>> pd = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> bg.equilibria(pd)[0].describe()
'Player 1: s2 · Player 2: s2'
"""

from importlib.metadata import PackageNotFoundError, version

from .batch import BatchEquilibria, batch_equilibria
from .components import Component, NashSubset, components
from .disagreement import security_levels
from .dominance import Reduction, eliminate_dominated
from .equilibria import Equilibrium, best_responses, equilibria, is_degenerate, pure_equilibria, regret
from .errors import BargainingError, GameError, ModelError, SolverError
from .fearon import FearonRange, fearon_range, fearon_range_contest
from .game import Game
from .issue import (
    IssueClosedForm,
    issue_closed_form,
    issue_solution,
    issue_sweep,
    problem_from_model,
    solution_table,
)
from .model import Model, SymbolicGame, bundled_models, load_model
from .model_schema import Parameter, RangeWarning
from .problem import BargainingProblem, convex_hull
from .regimes import regimes
from .rubinstein import RubinsteinOutcome, rubinstein, rubinstein_limit
from .sequential import GameTree, SubgamePerfect, reduced_normal_form, subgame_perfect
from .sobol import sobol
from .solutions import (
    SOLUTIONS,
    Agreement,
    egalitarian,
    get_solution,
    kalai_smorodinsky,
    nash_solution,
    utilitarian,
)
from .statics import Dominance, comparative_statics, payoff_dominance, risk_dominance
from .sweep import sweep
from .threats import ThreatSolution, ZeroSumSolution, solve_zero_sum, variable_threat
from .thresholds import Threshold, path_thresholds, thresholds
from .uncertainty import UncertaintyResult, uncertainty

try:
    __version__ = version("bargaining")
except PackageNotFoundError:  # a source checkout that was never installed
    __version__ = "0.0.0+unknown"

__all__ = [
    "__version__",
    # errors
    "BargainingError",
    "GameError",
    "ModelError",
    "SolverError",
    "RangeWarning",
    # games and their equilibria
    "Game",
    "Equilibrium",
    "equilibria",
    "pure_equilibria",
    "best_responses",
    "regret",
    "is_degenerate",
    "Component",
    "NashSubset",
    "components",
    "Reduction",
    "eliminate_dominated",
    "BatchEquilibria",
    "batch_equilibria",
    # models
    "Model",
    "Parameter",
    "SymbolicGame",
    "load_model",
    "bundled_models",
    "GameTree",
    "SubgamePerfect",
    "subgame_perfect",
    "reduced_normal_form",
    # sensitivity
    "Threshold",
    "thresholds",
    "path_thresholds",
    "regimes",
    "comparative_statics",
    "Dominance",
    "risk_dominance",
    "payoff_dominance",
    "sweep",
    "UncertaintyResult",
    "uncertainty",
    "sobol",
    # bargaining
    "BargainingProblem",
    "convex_hull",
    "security_levels",
    "Agreement",
    "SOLUTIONS",
    "get_solution",
    "nash_solution",
    "kalai_smorodinsky",
    "egalitarian",
    "utilitarian",
    "ThreatSolution",
    "ZeroSumSolution",
    "variable_threat",
    "solve_zero_sum",
    "RubinsteinOutcome",
    "rubinstein",
    "rubinstein_limit",
    "FearonRange",
    "fearon_range",
    "fearon_range_contest",
    "IssueClosedForm",
    "issue_solution",
    "issue_closed_form",
    "issue_sweep",
    "problem_from_model",
    "solution_table",
]
