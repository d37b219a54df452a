"""Every speed ratio of issue 16 in one run, on seeded pools.

Run from the repository root, one thread::

    OMP_NUM_THREADS=1 PYTHONPATH=. python benchmarks/bench_speed.py          # everything (~10 min idle)
    OMP_NUM_THREADS=1 PYTHONPATH=. python benchmarks/bench_speed.py --quick  # smaller pools

Not a test. Rates are given per CPU second of this process (``time.process_time``)
and per wall second: on a shared machine the first is the steadier one.
Baselines (QuantEcon, nashpy, pygambit) are measured in the same run on the
same games; QuantEcon's numba code is compiled before timing.

Sections:

1. degenerate pools (payoffs in -2..2, 10**5 games): 2x2 and 3x3 batch rates,
   against the per-game exact solver's rate and QuantEcon's loop; disagreements
   with ``equilibria(game, exact=True)`` on a subsample;
2. generic games: 4x4 against QuantEcon's ``support_enumeration`` loop; 2x2 at
   10**5 .. 10**7 games (streamed in chunks of 2**17), each also as a fraction
   of the memory-bandwidth bound (bytes read and written per game over a
   measured copy bandwidth);
3. exact enumeration (reverse search) against pygambit ``enummixed_solve(rational=True)``
   at 6x6, 8x8 and 10x10;
4. single float games: ``equilibria(game)`` against QuantEcon's support enumeration;
5. Lemke-Howson (one label, float) against nashpy and QuantEcon at 20x20 .. 100x100,
   every answer verified by its regret;
6. uncertainty on a local Dask cluster of two workers against one process.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402

import bargaining as bg  # noqa: E402


def timed(fn, repeat=3):
    """Best (CPU seconds, wall seconds) of ``repeat`` runs."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        fn()
        best = min(best, (time.process_time() - c, time.perf_counter() - w))
    return best


def quantecon_loop(A, B, repeat=3):
    from quantecon.game_theory import NormalFormGame, Player, support_enumeration

    games = [NormalFormGame((Player(a), Player(b.T))) for a, b in zip(A, B)]
    support_enumeration(games[0])  # numba compilation, not timed

    def run():
        for g in games:
            support_enumeration(g)

    cpu, wall = timed(run, repeat)
    return cpu / len(A), wall / len(A)


def bandwidth():
    """Copy bandwidth in bytes/s (read + write) over 256 MiB."""
    a = np.ones(2**25)
    b = np.empty_like(a)
    np.copyto(b, a)
    cpu, wall = timed(lambda: np.copyto(b, a), 5)
    return 2 * a.nbytes / cpu  # CPU time: on a shared machine wall time counts other processes' turns


def degenerate(n, seed):
    print(f"\n1. degenerate pools: {n:,} games, payoffs uniform in -2..2 (one core)")
    for shape in ((2, 2), (3, 3)):
        rng = np.random.default_rng(seed)
        A = rng.integers(-2, 3, (n, *shape)).astype(float)
        B = rng.integers(-2, 3, (n, *shape)).astype(float)
        bg.batch_equilibria(A[:2000], B[:2000])
        out = bg.batch_equilibria(A, B)
        cpu, wall = timed(lambda A=A, B=B: bg.batch_equilibria(A, B))
        k = 300
        exact_cpu, _ = timed(lambda A=A[:k], B=B[:k]: [bg.equilibria(bg.Game(a, b), exact=True) for a, b in zip(A, B)], 1)
        qe_cpu, _ = quantecon_loop(A[:2000], B[:2000])
        bad = 0
        check = range(0, n, max(1, n // 2000))
        for g in check:
            found = bg.equilibria(bg.Game(A[g], B[g]), exact=True)
            rows = out.rows_of(g)
            same = len(found) == rows.stop - rows.start and all(
                np.allclose(e.as_float()[0], x, rtol=0, atol=1e-12)
                and np.allclose(e.as_float()[1], y, rtol=0, atol=1e-12)
                and np.allclose([float(v) for v in e.payoffs], p, rtol=0, atol=1e-12)
                for e, x, y, p in zip(found, out.x[rows], out.y[rows], out.payoffs[rows])
            )
            bad += not same
        target = 1e6 if shape == (2, 2) else 1e5
        label = f"{shape[0]}x{shape[1]}"
        print(
            f"  {label}: batch {n / cpu:>11,.0f} games/CPU-s ({n / wall:,.0f}/wall-s; target {target:,.0f}: "
            f"{'met' if n / cpu >= target else 'NOT met'}), {out.degenerate_games.mean():.1%} flagged and solved exactly"
        )
        print(
            f"       per-game exact solver {k / exact_cpu:,.0f}/s -> {(n / cpu) / (k / exact_cpu):,.0f}x; "
            f"QuantEcon loop {1 / qe_cpu:,.0f}/s -> {qe_cpu * n / cpu:,.1f}x (QuantEcon does not solve ties exactly)"
        )
        print(f"       disagreements with equilibria(exact=True): {bad} of {len(check):,} checked")


def generic(sizes_2x2, n4, seed, bw):
    print("\n2. generic games (uniform payoffs), one core")
    rng = np.random.default_rng(seed)
    A, B = rng.random((2, n4, 4, 4))
    bg.batch_equilibria(A[:500], B[:500])
    cpu, wall = timed(lambda: bg.batch_equilibria(A, B))
    qe_cpu, _ = quantecon_loop(A[:1000], B[:1000])
    ratio = qe_cpu * n4 / cpu
    print(
        f"  4x4: batch {n4 / cpu:,.0f} games/CPU-s, QuantEcon loop {1 / qe_cpu:,.0f}/s -> {ratio:.1f}x "
        f"(target 20x: {'met' if ratio >= 20 else 'NOT met'})"
    )
    print(f"  memory bandwidth (numpy copy, read + write): {bw / 1e9:.1f} GB/s")
    chunk = 2**17  # streamed in chunks small enough that the result arrays are reused, not fresh pages
    A = rng.random((chunk, 2, 2))
    B = rng.random((chunk, 2, 2))
    bg.batch_equilibria(A[:1000], B[:1000])
    for n in sizes_2x2:
        c, w = time.process_time(), time.perf_counter()
        rows = 0
        nbytes = 0
        for start in range(0, n, chunk):  # streamed: each chunk's result is used and dropped
            k = min(chunk, n - start)
            out = bg.batch_equilibria(A[:k], B[:k])
            rows += len(out)
            nbytes += sum(getattr(out, f).nbytes for f in ("game", "x", "y", "payoffs", "is_pure"))
            nbytes += out.count.nbytes + out.degenerate_games.nbytes
        cpu, wall = time.process_time() - c, time.perf_counter() - w
        per_game = (A[:1].nbytes + B[:1].nbytes) + nbytes / n  # read the payoffs, write the rows
        bound = bw / per_game
        print(
            f"  2x2, n = {n:>10,}: {n / cpu:>11,.0f} games/CPU-s ({n / wall:,.0f}/wall-s; target 8,000,000: "
            f"{'met' if n / cpu >= 8e6 else 'NOT met'}); {per_game:.0f} bytes/game -> bound {bound:,.0f}/s, "
            f"{(n / cpu) / bound:.1%} of it"
        )


def exact(sizes, seed):
    print("\n3. exact extreme equilibria: reverse search vs pygambit enummixed_solve(rational=True)")
    try:
        import pygambit as gbt
    except ImportError:
        gbt = None
        print("  (pygambit not installed: our times only)")
    rng = np.random.default_rng(seed)
    for size, count in sizes:
        ours = theirs = 0.0
        same = True
        for _ in range(count):
            A, B = rng.integers(-9, 10, (2, size, size))
            game = bg.Game(A, B)
            c = time.process_time()
            found = bg.equilibria(game, exact=True)
            ours += time.process_time() - c
            if gbt is not None:
                g = gbt.Game.from_arrays(A.tolist(), B.tolist())
                c = time.process_time()
                result = gbt.nash.enummixed_solve(g, rational=True)
                theirs += time.process_time() - c
                expected = sorted(
                    tuple(tuple(str(p[s]) for s in player.strategies) for player in g.players)
                    for p in result.equilibria
                )
                mine = sorted(tuple(tuple(str(v) for v in part) for part in e.profile) for e in found)
                same &= expected == mine
        line = f"  {size}x{size} ({count} games, payoffs -9..9): ours {ours / count * 1e3:,.1f} ms/game"
        if gbt is not None:
            line += f", pygambit {theirs / count * 1e3:,.1f} ms/game -> ours/theirs {ours / theirs:.3f}; same sets: {same}"
        print(line)


def single_floats(seed):
    print("\n4. single float games: equilibria(game) vs QuantEcon support_enumeration (per game)")
    from quantecon.game_theory import NormalFormGame, Player, support_enumeration

    rng = np.random.default_rng(seed)
    for size in (2, 3, 4, 5, 6):
        count = 200 if size <= 4 else 40
        A, B = rng.random((2, count, size, size))
        games = [bg.Game(a, b) for a, b in zip(A, B)]
        qe = [NormalFormGame((Player(a), Player(b.T))) for a, b in zip(A, B)]
        support_enumeration(qe[0])
        ours, _ = timed(lambda games=games: [bg.equilibria(g) for g in games], 1)
        theirs, _ = timed(lambda qe=qe: [support_enumeration(g) for g in qe], 3)
        print(
            f"  {size}x{size}: ours {ours / count * 1e6:,.0f} us, QuantEcon {theirs / count * 1e6:,.0f} us "
            f"-> ours/theirs {ours / theirs:.1f} (target <= 1: {'met' if ours <= theirs else 'NOT met'})"
        )


class _TimeUp(Exception):
    pass


def _within(seconds, fn):
    """``fn()``, or None if it runs longer than ``seconds`` (SIGALRM)."""
    import signal

    def stop(signum, frame):
        raise _TimeUp

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        return fn()
    except _TimeUp:
        return None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def lemke(seed, sizes):
    print("\n5. Lemke-Howson, one equilibrium from label 0, float (every answer verified by regret)")
    import nashpy
    from quantecon.game_theory import NormalFormGame, Player
    from quantecon.game_theory import lemke_howson as qe_lh

    rng = np.random.default_rng(seed)
    qe_lh(NormalFormGame((Player(np.eye(3)), Player(np.eye(3)))))
    for size in sizes:
        count = 5
        A, B = rng.random((2, count, size, size))
        games = [bg.Game(a, b) for a, b in zip(A, B)]
        ours, _ = timed(lambda games=games: [bg.lemke_howson(g, label=0) for g in games], 1)
        qe_games = [NormalFormGame((Player(a), Player(b.T))) for a, b in zip(A, B)]
        quant, _ = timed(lambda qe_games=qe_games: [qe_lh(g, init_pivot=0) for g in qe_games], 3)
        worst = 0.0
        nash, unfinished = 0.0, 0
        for a, b, g, q in zip(A, B, games, qe_games):
            x, y = bg.lemke_howson(g, label=0)[0].as_float()
            qx, qy = qe_lh(q, init_pivot=0)
            answers = [(x, y), (qx, qy)]
            c = time.process_time()
            theirs = _within(10, lambda a=a, b=b: nashpy.Game(a, b).lemke_howson(initial_dropped_label=0))
            nash += time.process_time() - c
            if theirs is None:
                unfinished += 1
            else:
                answers.append(theirs)
            for px, py in answers:
                worst = max(worst, (a @ py).max() - px @ a @ py, (px @ b).max() - px @ b @ py)
        nash_text = f"nashpy {nash / count * 1e3:.2f} ms -> ours/nashpy {ours / nash:.3f}"
        if unfinished:
            nash_text = f"nashpy did not finish {unfinished} of {count} games within 10 s (wall) each (ours/nashpy < {ours / nash:.4f})"
        print(
            f"  {size}x{size} ({count} games): ours {ours / count * 1e3:.2f} ms, QuantEcon {quant / count * 1e3:.2f} ms "
            f"-> ours/QuantEcon {ours / quant:.2f}; {nash_text}; largest regret of any answer {worst:.1e}"
        )


def dask_crossover(samples_list, seed):
    print("\n6. uncertainty(russia_china, 200 grid points): one process vs a local Dask cluster of two workers")
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        print("  (dask not installed)")
        return
    model = bg.load_model("russia_china")
    grid = np.linspace(0.2, 1.5, 200)
    w = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with Client(cluster) as client:
            start = time.perf_counter() - w
            client.run(lambda: __import__("bargaining"))
            for samples in samples_list:
                w = time.perf_counter()
                one = bg.uncertainty(model, samples=samples, seed=seed, progress=False, R=grid)
                alone = time.perf_counter() - w
                w = time.perf_counter()
                two = bg.uncertainty(model, samples=samples, seed=seed, progress=False, R=grid, scheduler=client)
                both = time.perf_counter() - w
                same = one.probabilities.to_csv() == two.probabilities.to_csv()
                print(
                    f"  {samples:>8,} draws: one process {alone:.2f} s, two workers {both:.2f} s "
                    f"(ratio {alone / both:.2f}; identical: {same})"
                )
    print(f"  starting the cluster took {start:.1f} s (not included above)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller pools")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--skip", nargs="*", default=[], help="section numbers to skip")
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # nashpy's divisions by zero in its ratio test
    q = args.quick
    print(f"numpy {np.__version__}; {os.cpu_count()} CPUs visible; OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}")
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    if "1" not in args.skip:
        degenerate(10**4 if q else 10**5, args.seed)
    if "2" not in args.skip:
        generic([10**5, 10**6] if q else [10**5, 10**6, 10**7], 2 * 10**4 if q else 10**5, args.seed, bandwidth())
    if "3" not in args.skip:
        exact([(6, 3), (8, 2)] if q else [(6, 5), (8, 3), (10, 1)], args.seed)
    if "4" not in args.skip:
        single_floats(args.seed)
    if "5" not in args.skip:
        lemke(args.seed, [20, 50] if q else [20, 50, 100])
    if "6" not in args.skip:
        dask_crossover([2_000, 20_000] if q else [2_000, 20_000, 100_000], args.seed)
    print(f"\nload average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
