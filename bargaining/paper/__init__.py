"""For readers: the paper's tables and figures, ``reproduce``, the results page, and the explorer.

The tables, claims and figures are specific to the seed application (the
three Russia models); the explorer (:func:`explore`) and the results page
work for any model. The layers below are generic.

May import every part below it (games, batch, modelling, analysis,
solutions) and the base modules. Not cli.
"""

from .explorer import ExplorerData, explore, explorer_data

__all__ = ["explore", "explorer_data", "ExplorerData"]

