"""Time sequence-form Lemke on game trees against pygambit's ``lcp_solve`` on the same trees.

Run from the repository root::

    PYTHONPATH=.:tests python benchmarks/bench_trees.py [--trees 30] [--seed 0] [--depths 3 4 5]

For each group of trees (Gambit's example ``.efg`` files when
``../shared/gambit-games`` exists, Kuhn poker, random two-player trees with
chance and information sets of the given depths) it prints the mean time per
tree of ``bargaining.sequence_form_lemke`` (exact integer pivoting, plus the
exact verification of regret 0 at every reached information set) and of
``pygambit.nash.lcp_solve(game, rational=True)`` (Gambit's sequence-form
Lemke in C++, exact rationals; by default it keeps searching from the
equilibria it finds, so it may do more work than one Lemke path), and the
ratio ours / Gambit's, measured in the same run (best of three). Not a test:
numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

import pygambit as gbt

from bargaining import GameTree, sequence_form_lemke

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from treegames import kuhn_poker  # noqa: E402
from treegen import random_tree  # noqa: E402


def _mean_time(function, items, repeat=3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for item in items:
            function(item)
        best = min(best, (time.perf_counter() - start) / len(items))
    return best


def _groups(args):
    shared = Path(__file__).resolve().parents[2] / "shared" / "gambit-games"
    if not shared.is_dir():
        shared = Path(__file__).resolve().parents[3] / "shared" / "gambit-games"
    if shared.is_dir():
        yield "Gambit examples (.efg)", [GameTree.from_efg(p) for p in sorted(shared.glob("*.efg"))]
    yield "Kuhn poker", [kuhn_poker()]
    for depth in args.depths:
        yield f"random, depth {depth}", [random_tree(args.seed + k, depth=depth, payoff_range=9)
                                          for k in range(args.trees)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trees", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--depths", type=int, nargs="+", default=[3, 4, 5])
    args = parser.parse_args(argv)
    print(f"{'trees':<26}{'n':>4}{'nodes':>8}{'ours ms':>10}{'gambit ms':>11}{'ratio':>8}")
    for name, trees in _groups(args):
        games = [gbt.read_efg(io.StringIO(t.to_efg())) for t in trees]
        ours = _mean_time(sequence_form_lemke, trees)
        theirs = _mean_time(lambda g: gbt.nash.lcp_solve(g, rational=True), games)
        nodes = sum(len(t.nodes) for t in trees) / len(trees)
        print(f"{name:<26}{len(trees):>4}{nodes:>8.0f}{ours * 1e3:>10.2f}{theirs * 1e3:>11.2f}{ours / theirs:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
