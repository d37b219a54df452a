"""Start-up time: ``import bargaining`` and ``bargaining --help``, against a bare interpreter.

Run from the repository root::

    PYTHONPATH=. python benchmarks/bench_startup.py [--runs 10]

Each command runs ``--runs`` times in a fresh interpreter; the script prints
the median wall time of each, the same less the bare interpreter's start
(``python -c pass``, measured in the same run), and the total that
``python -X importtime -c "import bargaining"`` reports. The targets
(issue 11): under 0.5 s for both. Also shown: what the first use of a
game costs (``bg.Game`` imports numpy, sympy, nashpy and scipy).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass (baseline)": [sys.executable, "-c", "pass"],
    "import bargaining": [sys.executable, "-c", "import bargaining"],
    "bargaining --help": [sys.executable, "-m", "bargaining", "--help"],
    "import bargaining; bargaining.Game": [sys.executable, "-c", "import bargaining; bargaining.Game"],
}


def median_seconds(command, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def importtime_total() -> float:
    """Seconds ``-X importtime`` attributes to ``import bargaining`` and everything it imports."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import bargaining"],
                          capture_output=True, text=True, check=True)
    for line in reversed(done.stderr.splitlines()):
        if line.rstrip().endswith("| bargaining"):
            return int(line.split("|")[1]) / 1e6
    raise RuntimeError("no line for bargaining in -X importtime's output")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    base = None
    print(f"{'command':<40} {'median s':>9} {'less baseline':>14}")
    for name, command in COMMANDS.items():
        seconds = median_seconds(command, args.runs)
        base = seconds if base is None else base
        print(f"{name:<40} {seconds:9.3f} {seconds - base:14.3f}")
    print(f"\npython -X importtime -c 'import bargaining': {importtime_total():.4f} s (cumulative, bargaining)")


if __name__ == "__main__":
    main()
