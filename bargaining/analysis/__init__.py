"""How the answer moves with a parameter: thresholds, regimes, statics, sweeps, uncertainty.

Exact thresholds in a parameter where the equilibria change, the regimes
between them, comparative statics and equilibrium selection (risk and payoff
dominance), vectorised sweeps, Monte Carlo shares of the plausible box, and
Sobol indices.

May import: :mod:`bargaining.games`, :mod:`bargaining.batch`,
:mod:`bargaining.modelling` and the base modules. Not solutions, paper or cli.
"""

from .linked_sweep import linked_sweep, linked_thresholds, order_of_cuts
from .pbe_thresholds import pbe_signature, pbe_sweep, pbe_thresholds
from .regimes import regimes
from .robustness import box_shares, nash_labels, order_share, path_labels, regime_map, standard_error
from .sobol import sobol
from .statics import Dominance, comparative_statics, payoff_dominance, risk_dominance
from .sweep import sweep
from .thresholds import Threshold, path_thresholds, thresholds
from .uncertainty import UncertaintyResult, uncertainty

__all__ = ['Threshold', 'path_thresholds', 'thresholds', 'regimes', 'Dominance', 'comparative_statics', 'payoff_dominance', 'risk_dominance', 'sweep', 'UncertaintyResult', 'uncertainty', 'sobol']
__all__ += ['pbe_thresholds', 'pbe_sweep', 'pbe_signature']
__all__ += ['linked_sweep', 'linked_thresholds', 'order_of_cuts']
__all__ += ['box_shares', 'nash_labels', 'order_share', 'path_labels', 'regime_map', 'standard_error']
