"""Record Gambit's equilibria of random small three-player games (the fixture nplayer_gambit.json).

Run with a Python that has pygambit (the recorded file was made with pygambit 17.0.0b2):

    python tests/data/make_nplayer_gambit.py > tests/data/nplayer_gambit.json

The games are integer payoffs in [-5, 5] from numpy's default_rng(2026), shapes 2x2x2, 2x2x3 and 3x2x2.
Gambit's enumpoly_solve gives every equilibrium of these (generic) games; enumpure_solve the pure ones.
"""

import json

import numpy as np
import pygambit as gbt

SHAPES = [(2, 2, 2)] * 8 + [(2, 2, 3)] * 4 + [(3, 2, 2)] * 3


def games(seed=2026):
    rng = np.random.default_rng(seed)
    for shape in SHAPES:
        yield [rng.integers(-5, 6, size=shape) for _ in range(3)]


def solve(arrays):
    game = gbt.StrategicGame.from_arrays(*[a.astype(int) for a in arrays])
    mixed = gbt.nash.enumpoly_solve(game, use_strategic=True)
    pure = gbt.nash.enumpure_solve(game)
    def rows(result):
        return sorted(
            [[[float(p) for _, p in eq[player]] for player in game.players] for eq in result.equilibria]
        )
    return {"payoffs": [a.tolist() for a in arrays], "enumpoly": rows(mixed), "enumpure": rows(pure)}


if __name__ == "__main__":
    print(json.dumps({"pygambit": gbt.__version__, "seed": 2026, "games": [solve(a) for a in games()]}, indent=1))
