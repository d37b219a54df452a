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

from ._version import __version__
from .analysis.linked_sweep import linked_sweep, linked_thresholds, order_of_cuts
from .analysis.pbe_thresholds import pbe_signature, pbe_sweep, pbe_thresholds
from .analysis.regimes import regimes
from .analysis.sobol import sobol
from .analysis.statics import Dominance, comparative_statics, payoff_dominance, risk_dominance
from .analysis.sweep import sweep
from .analysis.thresholds import Threshold, path_thresholds, thresholds
from .analysis.uncertainty import UncertaintyResult, uncertainty
from .batch.solver import BatchEquilibria, batch_equilibria
from .errors import BargainingError, GameError, ModelError, SolverError
from .estimation import (
    AgentQRE,
    StrategicFit,
    TreeShape,
    VuongTest,
    agent_qre,
    bootstrap_fit,
    egame12,
    egame122,
    egame123,
    fit,
    predict,
    profile_likelihood,
    qre_sweep,
    shape_of,
    simulate_outcomes,
    vuong,
)
from .games.backward import SubgamePerfect, subgame_perfect
from .games.bayesian import BayesianGame, BayesNash, bayes_nash
from .games.beliefs import verify_assessment
from .games.commitment import Commitment, optimal_commitment
from .games.components import Component, NashSubset, components
from .games.dominance import Reduction, eliminate_dominated
from .games.equilibria import Equilibrium, best_responses, equilibria, is_degenerate, pure_equilibria, regret
from .games.game import Game
from .games.linked import Link, LinkedGame
from .games.linked_solve import LinkedEquilibrium, linked_equilibria, linked_pure_equilibria, linked_regret
from .games.nplayer import NPlayerGame
from .games.nplayer_equilibria import nplayer_equilibria, nplayer_pure_equilibria, nplayer_regret
from .games.pbe import perfect_bayesian
from .games.pbe_record import AssessmentPiece, PerfectBayesian
from .games.qre import LogitBranch, logit_branch, logit_qre, logit_solve
from .games.signaling import CriterionResult, beer_quiche, intuitive_criterion, signaling_game
from .games.tree import ChanceNode, DecisionNode, GameTree, InfoSet, TerminalNode
from .games.tree_build import TreeBuilder
from .games.tree_equilibrium import TreeEquilibrium, make_tree_equilibrium
from .games.tree_normal_form import ReducedNormalForm, reduced_normal_form
from .games.zero_sum import ZeroSumSolution, solve_zero_sum
from .modelling.linked import LinkedModel
from .modelling.model import Model, SymbolicGame, bundled_linked_models, bundled_models, load_model
from .modelling.schema import Parameter, RangeWarning
from .modelling.series import DataFile, data_provenance, load_series, resource_index
from .paper.explorer import ExplorerData, explore, explorer_data
from .solutions.axiomatic import (
    SOLUTIONS,
    Agreement,
    egalitarian,
    get_solution,
    kalai_smorodinsky,
    nash_solution,
    utilitarian,
)
from .solutions.disagreement import security_levels
from .solutions.fearon import FearonRange, fearon_range, fearon_range_contest
from .solutions.geometry import convex_hull
from .solutions.issue import (
    IssueClosedForm,
    issue_closed_form,
    issue_solution,
    issue_sweep,
    problem_from_model,
    solution_table,
)
from .solutions.problem import BargainingProblem
from .solutions.rubinstein import RubinsteinOutcome, rubinstein, rubinstein_limit
from .solutions.threats import ThreatSolution, variable_threat

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
    "NPlayerGame",
    "nplayer_equilibria",
    "nplayer_pure_equilibria",
    "nplayer_regret",
    "LinkedGame",
    "Link",
    "LinkedEquilibrium",
    "linked_equilibria",
    "linked_pure_equilibria",
    "linked_regret",
    "Commitment",
    "optimal_commitment",
    "linked_sweep",
    "linked_thresholds",
    "order_of_cuts",
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
    "LogitBranch",
    "logit_branch",
    "logit_qre",
    "logit_solve",
    # models
    "Model",
    "LinkedModel",
    "bundled_linked_models",
    "Parameter",
    "SymbolicGame",
    "load_model",
    "bundled_models",
    "DataFile",
    "load_series",
    "resource_index",
    "data_provenance",
    "GameTree",
    "SubgamePerfect",
    "subgame_perfect",
    "reduced_normal_form",
    "ReducedNormalForm",
    "TreeBuilder",
    "DecisionNode",
    "ChanceNode",
    "TerminalNode",
    "InfoSet",
    "TreeEquilibrium",
    "make_tree_equilibrium",
    # incomplete information
    "perfect_bayesian",
    "PerfectBayesian",
    "AssessmentPiece",
    "verify_assessment",
    "signaling_game",
    "beer_quiche",
    "intuitive_criterion",
    "CriterionResult",
    "BayesianGame",
    "BayesNash",
    "bayes_nash",
    "pbe_thresholds",
    "pbe_sweep",
    "pbe_signature",
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
    # fitting games to data
    "fit",
    "StrategicFit",
    "predict",
    "profile_likelihood",
    "bootstrap_fit",
    "vuong",
    "VuongTest",
    "simulate_outcomes",
    "egame12",
    "egame122",
    "egame123",
    "shape_of",
    "TreeShape",
    "AgentQRE",
    "agent_qre",
    "qre_sweep",
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
    # readers
    "explore",
    "explorer_data",
    "ExplorerData",
]
