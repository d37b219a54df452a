"""Games and their equilibria: the bottom layer.

Two-player strategic forms (:class:`Game`), N-player ones, linked games
under one budget and the hub's optimal commitment, equilibrium records, the exact
enumeration of extreme equilibria and their components, dominance, zero-sum
games, game trees, and Gambit's file formats.

May import: :mod:`bargaining.errors`, :mod:`bargaining.numbers`, and
third-party libraries. Nothing above it (batch, modelling, analysis,
solutions, paper, cli).
"""

from .backward import SubgamePerfect, subgame_perfect
from .bayesian import BayesianGame, BayesNash, bayes_nash
from .beliefs import verify_assessment
from .commitment import Commitment, optimal_commitment
from .components import Component, NashSubset, components
from .display import EquilibriumSet
from .dominance import Reduction, eliminate_dominated
from .equilibria import best_responses, equilibria, is_degenerate, pure_equilibria, regret
from .equilibrium import Equilibrium
from .game import Game
from .kuhn import behaviour_equilibria
from .lemke_howson import lemke_howson
from .linked import Link, LinkedGame
from .linked_solve import LinkedEquilibrium, linked_equilibria, linked_pure_equilibria, linked_regret
from .nplayer import NPlayerGame
from .nplayer_equilibria import nplayer_equilibria, nplayer_pure_equilibria, nplayer_regret
from .pbe import perfect_bayesian
from .pbe_record import AssessmentPiece, PerfectBayesian
from .qre import LogitBranch, logit_branch, logit_qre, logit_solve
from .sequence_form import SequenceForm, sequence_form, sequence_form_lemke
from .sequential_eq import sequential_equilibria
from .signaling import CriterionResult, beer_quiche, intuitive_criterion, signaling_game
from .subgames import proper_subgames, subgame_perfect_equilibria
from .tree import ChanceNode, DecisionNode, GameTree, InfoSet, TerminalNode
from .tree_build import TreeBuilder
from .tree_equilibrium import TreeEquilibrium, make_tree_equilibrium
from .tree_normal_form import ReducedNormalForm, reduced_normal_form
from .zero_sum import ZeroSumSolution, solve_zero_sum

__all__ = [
    "EquilibriumSet",
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
    "Equilibrium",
    "best_responses",
    "equilibria",
    "lemke_howson",
    "is_degenerate",
    "pure_equilibria",
    "regret",
    "Component",
    "NashSubset",
    "components",
    "Reduction",
    "eliminate_dominated",
    "ZeroSumSolution",
    "solve_zero_sum",
    "GameTree",
    "SubgamePerfect",
    "reduced_normal_form",
    "subgame_perfect",
    "ReducedNormalForm",
    "TreeBuilder",
    "DecisionNode",
    "ChanceNode",
    "TerminalNode",
    "InfoSet",
    "TreeEquilibrium",
    "make_tree_equilibrium",
    "behaviour_equilibria",
    "proper_subgames",
    "subgame_perfect_equilibria",
    "SequenceForm",
    "sequence_form",
    "sequence_form_lemke",
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
    "sequential_equilibria",
    "LogitBranch",
    "logit_branch",
    "logit_qre",
    "logit_solve",
]
