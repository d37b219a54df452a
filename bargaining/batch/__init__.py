"""Equilibria of many games at once, vectorised over stacked payoff arrays.

:func:`batch_equilibria` solves thousands to millions of small games with
numpy kernels (``two_by_two``, ``support``, ``pairs``), re-solving flagged
(degenerate) games with the exact enumeration of :mod:`bargaining.games`.

May import: :mod:`bargaining.games` and the base modules (errors, numbers).
"""

from .solver import BatchEquilibria, batch_equilibria

__all__ = ['BatchEquilibria', 'batch_equilibria']
