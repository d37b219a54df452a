"""Models as data: the model-file schema, the safe expression language, and ``Model``.

A model file (TOML) declares players, strategies, parameters with their
sources, and payoffs as expressions; this part reads it without evaluating
any text (:mod:`~bargaining.modelling.expressions` parses Python's ``ast``
from an allow-list), builds exact games from it, reads its trees, and draws
parameter samples.

May import: :mod:`bargaining.games` and the base modules. Not batch,
analysis, solutions, paper or cli.
"""

from .linked import LinkedModel
from .model import Model, SymbolicGame, bundled_linked_models, bundled_models, load_model
from .schema import Parameter, RangeWarning
from .series import DataFile, data_provenance, load_series, resource_index

__all__ = ['LinkedModel', 'bundled_linked_models', 'Model', 'SymbolicGame', 'bundled_models', 'load_model',
           'Parameter', 'RangeWarning', 'DataFile', 'load_series', 'resource_index', 'data_provenance']
