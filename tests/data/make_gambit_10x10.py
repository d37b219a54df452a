"""Make tests/data/gambit_10x10.json: a seeded random 10x10 integer game and pygambit's extreme equilibria.

Run from the repository root (needs pygambit 16.7)::

    python tests/data/make_gambit_10x10.py

The game: ``numpy.random.default_rng(1010).integers(-9, 10, (2, 10, 10))``.
Gambit's answer: ``pygambit.nash.enummixed_solve(game, rational=True)``.
"""

import json
import time
from pathlib import Path

import numpy as np
import pygambit as gbt

A, B = np.random.default_rng(1010).integers(-9, 10, (2, 10, 10))
game = gbt.Game.from_arrays(A.tolist(), B.tolist())
start = time.perf_counter()
result = gbt.nash.enummixed_solve(game, rational=True)
seconds = time.perf_counter() - start
players = list(game.players)
equilibria = [
    [[str(profile[s]) for s in player.strategies] for player in players] for profile in result.equilibria
]
out = {
    "command": "python tests/data/make_gambit_10x10.py (pygambit.nash.enummixed_solve(game, rational=True))",
    "pygambit": gbt.__version__,
    "seconds": round(seconds, 2),
    "A": A.tolist(),
    "B": B.tolist(),
    "equilibria": sorted(equilibria),
}
Path(__file__).with_name("gambit_10x10.json").write_text(json.dumps(out) + "\n")
print(f"{len(equilibria)} extreme equilibria in {seconds:.1f} s")
