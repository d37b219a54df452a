"""Time exact enumeration against pygambit, and the float path against nashpy.

Run from the repository root::

    python benchmarks/bench_exact.py [--games 200] [--seed 0]

Prints, per game size, the mean time per game of

* ``bargaining.games.exact.extreme_equilibria`` (exact rationals) against pygambit's
  ``gbt.nash.enummixed_solve(g, rational=True)`` on the same random games, and
* ``bargaining.games.equilibria(game)`` (the float path on nondegenerate games)
  against nashpy's ``support_enumeration``,

with the ratios. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import time
import warnings

import nashpy
import numpy as np
import pygambit as gbt

from bargaining import Game, equilibria
from bargaining.games.exact import extreme_equilibria, is_degenerate


def _time(function, items) -> float:
    start = time.perf_counter()
    for item in items:
        function(item)
    return (time.perf_counter() - start) / len(items)


def _nashpy(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return list(nashpy.Game(game.A, game.B).support_enumeration())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sizes", type=int, nargs="+", default=[4, 5])
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    print(f"{args.games} random games per size, integer payoffs in -5..5, seed {args.seed}")
    for size in args.sizes:
        pairs = [
            (rng.integers(-5, 6, (size, size)).tolist(), rng.integers(-5, 6, (size, size)).tolist())
            for _ in range(args.games)
        ]
        degenerate = sum(is_degenerate(A, B) for A, B in pairs)
        ours = _time(lambda p: extreme_equilibria(*p), pairs)
        theirs = _time(lambda p: gbt.nash.enummixed_solve(gbt.Game.from_arrays(*map(np.array, p)), rational=True), pairs)
        print(
            f"{size}x{size} exact ({degenerate} degenerate): ours {ours * 1e3:.2f} ms, "
            f"pygambit enummixed rational {theirs * 1e3:.2f} ms, ratio ours/pygambit {ours / theirs:.3f}"
        )
        games = []
        while len(games) < args.games:
            A = rng.integers(-1000, 1001, (size, size)).tolist()
            B = rng.integers(-1000, 1001, (size, size)).tolist()
            if not is_degenerate(A, B):
                games.append(Game(A, B))
        ours = _time(equilibria, games)
        theirs = _time(_nashpy, games)
        exact = _time(lambda g: equilibria(g, exact=True), games)
        print(
            f"{size}x{size} float, nondegenerate: equilibria(game) {ours * 1e3:.2f} ms, "
            f"nashpy support_enumeration {theirs * 1e3:.2f} ms, ratio {ours / theirs:.3f}; "
            f"equilibria(game, exact=True) {exact * 1e3:.2f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
