"""Speed and memory of the vectorised batch solver against per-game loops.

Run from the repository root::

    python benchmarks/bench_batch.py            # speed table and memory of 10**7 2x2 games
    python benchmarks/bench_batch.py --quick    # smaller sizes
    python benchmarks/bench_batch.py --agree    # also: 10,000 2x2 and 3x3 games vs bargaining.games.equilibria

Not a test. All solvers see the same seeded random games (uniform payoffs,
nondegenerate with probability one). nashpy's and QuantEcon's loops are timed
on a subsample and their per-game time extrapolated; QuantEcon's numba code is
compiled (warmed up) before timing. One process, one thread for the batch
solver's numpy (set OMP/OPENBLAS/MKL_NUM_THREADS=1 before numpy is imported).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402

import bargaining as bg  # noqa: E402


def games(shape, n, seed):
    rng = np.random.default_rng(seed)
    return rng.random((n, *shape)), rng.random((n, *shape))


def best_time(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def per_game_nashpy(A, B):
    import nashpy

    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for a, b in zip(A, B):
                list(nashpy.Game(a, b).support_enumeration())

    return best_time(run, 1) / len(A)


def per_game_quantecon(A, B):
    from quantecon.game_theory import NormalFormGame, Player, support_enumeration

    def make(a, b):
        return NormalFormGame((Player(a), Player(b.T)))

    support_enumeration(make(A[0], B[0]))  # numba compilation, not timed
    built = [make(a, b) for a, b in zip(A, B)]

    def run():
        for g in built:
            support_enumeration(g)

    return best_time(run, 3) / len(A)


def speed(shape, n, n_nashpy, n_quantecon, seed):
    A, B = games(shape, n, seed)
    bg.batch_equilibria(A[:1000], B[:1000])  # warm caches and imports
    batch = best_time(lambda: bg.batch_equilibria(A, B), 3) / n
    nashpy = per_game_nashpy(A[:n_nashpy], B[:n_nashpy])
    quantecon = per_game_quantecon(A[:n_quantecon], B[:n_quantecon])
    label = f"{shape[0]}x{shape[1]}"
    print(f"\n{label} games (same seeded uniform games for all solvers)")
    print(f"  batch_equilibria : {1 / batch:>14,.0f} games/s  ({n:,} games, best of 3)")
    print(f"  QuantEcon loop   : {1 / quantecon:>14,.0f} games/s  (subsample of {n_quantecon:,}, extrapolated)")
    print(f"  nashpy loop      : {1 / nashpy:>14,.0f} games/s  (subsample of {n_nashpy:,}, extrapolated)")
    print(f"  speed-up vs QuantEcon: {quantecon / batch:,.1f}x   vs nashpy: {nashpy / batch:,.0f}x")


def memory(n, chunk_size, seed):
    A, B = games((2, 2), n, seed)
    inputs = A.nbytes + B.nbytes
    tracemalloc.start()
    start = time.perf_counter()
    out = bg.batch_equilibria(A, B, chunk_size=chunk_size)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    result = sum(getattr(out, f).nbytes for f in ("game", "x", "y", "payoffs", "is_pure", "degenerate_games", "count"))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"\nmemory, {n:,} 2x2 games (chunk_size={chunk_size or 'default'}), {elapsed:.2f} s under tracemalloc")
    print(f"  inputs A, B (allocated before tracing)  : {inputs / 2**30:.2f} GiB")
    print(f"  result ({len(out):,} rows)                : {result / 2**30:.2f} GiB")
    print(f"  peak traced during the call (incl. result): {peak / 2**30:.2f} GiB")
    print(f"  working memory beyond the result         : {(peak - result) / 2**20:.0f} MiB")
    print(f"  process max RSS (incl. inputs)           : {rss:.2f} GiB")


def agree(n, seed):
    for shape in ((2, 2), (3, 3)):
        rng = np.random.default_rng(seed)
        n_int = n // 10
        A = np.concatenate([rng.random((n - n_int, *shape)), rng.integers(-2, 3, (n_int, *shape)).astype(float)])
        B = np.concatenate([rng.random((n - n_int, *shape)), rng.integers(-2, 3, (n_int, *shape)).astype(float)])
        start = time.perf_counter()
        out = bg.batch_equilibria(A, B)
        batch = time.perf_counter() - start
        start = time.perf_counter()
        bad = []
        for g in range(n):
            found = bg.equilibria(bg.Game(A[g], B[g]))
            rows = out.rows_of(g)
            same = len(found) == rows.stop - rows.start and all(
                np.allclose(e.as_float()[0], x, atol=1e-9)
                and np.allclose(e.as_float()[1], y, atol=1e-9)
                and np.allclose([float(u) for u in e.payoffs], p, atol=1e-9)
                for e, x, y, p in zip(found, out.x[rows], out.y[rows], out.payoffs[rows])
            )
            if not same:
                bad.append(g)
        loop = time.perf_counter() - start
        print(
            f"\nagreement {shape[0]}x{shape[1]}: {n:,} games ({n_int:,} small-integer), "
            f"{int(out.degenerate_games.sum()):,} flagged and solved exactly; "
            f"{len(bad)} disagree with bargaining.games.equilibria {bad[:5]}; batch {batch:.1f} s, loop {loop:.1f} s"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument("--agree", action="store_true", help="also check 10,000 games against bargaining.games.equilibria")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    print(f"numpy {np.__version__}; {os.cpu_count()} CPUs visible; one thread")
    speed((2, 2), 2_000_000 // scale, 300, 20_000 // scale, args.seed)
    speed((3, 3), 200_000 // scale, 100, 5_000 // scale, args.seed)
    memory(10_000_000 // scale, None, args.seed)
    if args.agree:
        agree(10_000, args.seed)


if __name__ == "__main__":
    main()
