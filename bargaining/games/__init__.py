"""Games and their equilibria: the bottom layer.

Two-player strategic forms (:class:`Game`), N-player ones, linked games
under one budget and the hub's optimal commitment, equilibrium records, the exact
enumeration of extreme equilibria and their components, dominance, zero-sum
games, game trees, and Gambit's file formats.

May import: :mod:`bargaining.errors`, :mod:`bargaining.numbers`, and
third-party libraries. Nothing above it (batch, modelling, analysis,
solutions, paper, cli).
"""

from .commitment import Commitment, optimal_commitment
from .components import Component, NashSubset, components
from .dominance import Reduction, eliminate_dominated
from .equilibria import best_responses, equilibria, is_degenerate, pure_equilibria, regret
from .equilibrium import Equilibrium
from .game import Game
from .linked import Link, LinkedGame
from .linked_solve import LinkedEquilibrium, linked_equilibria, linked_pure_equilibria, linked_regret
from .nplayer import NPlayerGame
from .nplayer_equilibria import nplayer_equilibria, nplayer_pure_equilibria, nplayer_regret
from .tree import GameTree, SubgamePerfect, reduced_normal_form, subgame_perfect
from .zero_sum import ZeroSumSolution, solve_zero_sum

__all__ = ['Game', 'NPlayerGame', 'LinkedGame', 'Link', 'LinkedEquilibrium', 'linked_equilibria', 'linked_pure_equilibria', 'linked_regret', 'Commitment', 'optimal_commitment', 'nplayer_equilibria', 'nplayer_pure_equilibria', 'nplayer_regret', 'Equilibrium', 'best_responses', 'equilibria', 'is_degenerate', 'pure_equilibria', 'regret', 'Component', 'NashSubset', 'components', 'Reduction', 'eliminate_dominated', 'ZeroSumSolution', 'solve_zero_sum', 'GameTree', 'SubgamePerfect', 'reduced_normal_form', 'subgame_perfect']
