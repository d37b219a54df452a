"""pygambit as an oracle: helpers shared by the oracle tests (not a test module)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pygambit as gbt


def gambit_game(A, B):
    """A pygambit game with exact (object-dtype Fraction) payoffs."""
    to_obj = lambda M: np.array([[Fraction(v) for v in row] for row in M], dtype=object)  # noqa: E731
    return gbt.Game.from_arrays(to_obj(A), to_obj(B))


def gambit_extreme(g) -> set:
    """pygambit's extreme equilibria of ``g`` as a set of pairs of Fraction tuples."""
    players = list(g.players)
    found = set()
    for eq in gbt.nash.enummixed_solve(g, rational=True).equilibria:
        found.add(tuple(tuple(Fraction(eq[s]) for s in p.strategies) for p in players))
    return found
