"""Fitting games to data: strategic (structural) estimation of small trees and quantal response.

The distribution of observed outcomes is the equilibrium of a game whose
utilities are linear in covariates, perturbed by agent errors (quantal
response) or private information (Signorino 1999, 2003; Lewis and Schultz
2003); the parameters are fitted by maximum likelihood as in the R package
``games`` (Kenkel and Signorino 2014). Also: the agent quantal response
equilibrium of a tree, and the QRE branch of a model against a parameter.

May import: :mod:`bargaining.games`, :mod:`bargaining.modelling`,
:mod:`bargaining.analysis`, the base modules, and third-party libraries
(numpy, scipy, pandas). Nothing above it (solutions, paper, cli).
"""

from .fit import fit
from .inference import VuongTest, bootstrap_fit, predict, profile_likelihood, simulate_outcomes, vuong
from .qre_tree import AgentQRE, agent_qre, qre_sweep
from .result import StrategicFit
from .shapes import TreeShape, egame12, egame122, egame123, shape_of
from .ultimatum import UltimatumFit, fit_ultimatum

__all__ = ["fit", "StrategicFit", "predict", "profile_likelihood", "bootstrap_fit", "vuong", "VuongTest",
           "simulate_outcomes", "egame12", "egame122", "egame123", "shape_of", "TreeShape", "AgentQRE", "agent_qre", "qre_sweep",
           "UltimatumFit", "fit_ultimatum"]
