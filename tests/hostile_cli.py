"""Hostile command lines and hostile-but-loadable model files (issue 17), as data.

Each case is a command line that once gave a traceback, a hang, a blow-up or
a silently wrong answer. Now each must end within seconds, small, with the
expected exit code: 2 and one line ``bargaining: error: ...`` on stderr for
bad input, or 0 for a bounded, reported result.

``tests/test_hostile_cli.py`` runs every case in-process. Run this file to
rerun every case in its own process and print a table of exit code, lines on
stderr, wall time and peak memory (the acceptance table of issue 17)::

    PYTHONPATH=$PWD python tests/hostile_cli.py [--markdown]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ONE_THOUSAND_DIGITS = "9" * 1000


def game_text(rows: int, cols: int, cell, parameters=None, extra: str = "", names=None) -> str:
    """A model file with ``rows`` x ``cols`` strategies; ``cell(i, j)`` gives the two payoff expressions."""
    row_names, col_names = names or ([f"r{i}" for i in range(rows)], [f"c{j}" for j in range(cols)])

    def quoted(items):
        return "[" + ", ".join(_toml_string(x) for x in items) + "]"

    out = ['title = "hostile"', "[players]",
           f'row = {{ name = "Row", strategies = {quoted(row_names)} }}',
           f'column = {{ name = "Col", strategies = {quoted(col_names)} }}']
    for name, (value, low, high) in (parameters or {}).items():
        out += [f"[parameters.{name}]", f"value = {value}", f"range = [{low}, {high}]",
                'meaning = "m"', 'source = "s"']
    out.append(extra)
    for i, row in enumerate(row_names):
        out.append(f"[payoffs.{_toml_string(row)}]")
        for j, col in enumerate(col_names):
            a, b = cell(i, j)
            out.append(f"{_toml_string(col)} = [{_toml_string(str(a))}, {_toml_string(str(b))}]")
    return "\n".join(out) + "\n"


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\x1b", "\\u001b")
    return f'"{escaped}"'


def _zero(i, j):
    return "0", "0"


def _random_cells(seed):
    rng = random.Random(seed)
    return lambda i, j: (rng.randint(0, 9), rng.randint(0, 9))


def _one_cell(special, other="1/2"):
    """A 2x2 game whose (0, 0) payoff of the row player is ``special``; the column player prefers c0."""
    return lambda i, j: (special if i == j == 0 else other, "1" if j == 0 else "0")


R = {"R": (1, 0.2, 1.5)}


def models() -> dict:
    """File name -> text of every model the cases use."""
    return {
        "zero_1x22.toml": game_text(1, 22, _zero),
        "zero_12x12.toml": game_text(12, 12, _zero),
        "zero_150x150.toml": game_text(150, 150, _zero),
        "random_10x10.toml": game_text(10, 10, _random_cells(1)),
        "random_1x200.toml": game_text(1, 200, _random_cells(2)),
        "zero_1x200.toml": game_text(1, 200, _zero),
        "power_base.toml": game_text(2, 2, _one_cell("(2*sqrt(R))**b", "1"), {**R, "b": (1, 0, 2)}),
        "degree100.toml": game_text(2, 2, _one_cell("R**100 - R**3 + R/2"), R),
        "tower.toml": game_text(2, 2, _one_cell("((R**10)**10)**10"), R),
        "expansion.toml": game_text(2, 2, _one_cell("(R+a+b+c+1)**60 - (R+a)**60"),
                                    {**R, "a": (1, 0, 2), "b": (1, 0, 2), "c": (1, 0, 2)}),
        "cyclotomic.toml": game_text(2, 2, _one_cell("R**97 - 1", "R**91"), R),
        "log_mix.toml": game_text(2, 2, lambda i, j: ("R**2 + log(R)" if i == j == 0 else "R",
                                                      "R" if j == 0 else "1/3"), R),
        "min_max.toml": game_text(2, 2, lambda i, j: ("min(R, 1/2)" if i == j == 0 else "max(R, 3/4) - 1/4",
                                                      "R" if j == 0 else "1/3"), R),
        "quintic.toml": game_text(2, 2, _one_cell("R**5 - R - 1"), R),
        "wide_expansion.toml": game_text(2, 2, _one_cell("(a+b+c+d+e+R)**12"),
                                         {**R, **{x: (1, 0, 2) for x in "abcde"}}),
        "symbolic_10x10.toml": game_text(10, 10, lambda i, j: (f"R*{(3 * i + j) % 7}", f"{(i + 2 * j) % 5}/R"), R),
        "huge_rational_power.toml": game_text(2, 2, _one_cell("R**(99/100)", "1"), R),
        "scenarios_50000.toml": game_text(2, 2, lambda i, j: ("R", "1"), R,
                                          "[scenarios]\n" + "".join(f"s{k}={{R=1}}\n" for k in range(50000))),
        "forged_names.toml": game_text(2, 2, _zero, names=(["Cut\nbargaining: wrote 0 files", "Keep"],
                                                           ["\x1b[2JAlign", "Hedge"])),
    }


def write_models(folder) -> Path:
    """Write every model of :func:`models` into ``folder``; return it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in models().items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


#: (id, argv with "{dir}" for the models' folder, expected exit code).
CASES = [
    # numbers on the command line
    ("set-1000-digit-denominator", ["solve", "russia_belarus", "--set", f"R=1/{ONE_THOUSAND_DIGITS}"], 2),
    ("set-1000-digit-numerator", ["solve", "russia_belarus", "--set", f"kappa={ONE_THOUSAND_DIGITS}/7"], 2),
    ("set-nan", ["solve", "russia_belarus", "--set", "R=nan"], 2),
    ("set-inf", ["solve", "russia_belarus", "--set", "R=inf"], 2),
    ("set-huge-exponent", ["solve", "russia_belarus", "--set", "R=1e999999"], 2),
    ("set-no-value", ["solve", "russia_belarus", "--set", "R="], 2),
    ("thresholds-from-1/0", ["thresholds", "russia_belarus", "--from", "1/0"], 2),
    ("thresholds-to-word", ["thresholds", "russia_belarus", "--to", "lots"], 2),
    ("thresholds-from-above-to", ["thresholds", "russia_belarus", "--from", "2", "--to", "1"], 2),
    ("regimes-from-above-to", ["regimes", "russia_belarus", "--from", "1.2", "--to", "0.3"], 2),
    ("uncertainty-seed-negative", ["uncertainty", "russia_belarus", "--seed", "-1", "--samples", "10"], 2),
    ("uncertainty-seed-huge", ["uncertainty", "russia_belarus", "--seed", "9" * 40, "--samples", "10"], 2),
    ("uncertainty-samples-10M", ["uncertainty", "russia_belarus", "--samples", "10000000"], 2),
    ("uncertainty-samples-zero", ["uncertainty", "russia_belarus", "--samples", "0"], 2),
    ("uncertainty-from-above-to", ["uncertainty", "russia_belarus", "--from", "1.5", "--to", "0.2"], 2),
    ("bargain-power-word", ["bargain", "russia_belarus", "--power", "abc"], 2),
    ("bargain-power-1/0", ["bargain", "russia_belarus", "--power", "1/0"], 2),
    ("bargain-power-nan", ["bargain", "russia_belarus", "--power", "nan"], 2),
    ("bargain-power-one", ["bargain", "russia_belarus", "--power", "1"], 2),
    ("plot-points-10M", ["plot", "russia_belarus", "--points", "10000000", "--out", "{dir}/p.png"], 2),
    ("sweep-points-10M", ["sweep", "russia_belarus", "--from", "0.2", "--to", "1.5", "--points", "10000000"], 2),
    ("sweep-inf-steps", ["sweep", "russia_belarus", "--from", "1e308", "--to", "1.7e308", "--points", "3"], 2),
    ("sweep-from-above-to", ["sweep", "russia_belarus", "--from", "2", "--to", "1", "--points", "3"], 2),
    ("sweep-from-nan", ["sweep", "russia_belarus", "--from", "nan", "--to", "1"], 2),
    ("sweep-collapsed-grid", ["sweep", "russia_belarus", "--from", "0.5", "--to", "0.5000000001",
                              "--points", "1000"], 2),
    ("sweep-points-word", ["sweep", "russia_belarus", "--from", "0.2", "--to", "1", "--points", "many"], 2),
    ("unknown-option", ["solve", "russia_belarus", "--frobnicate"], 2),
    # files that are not model files, and models too large
    ("show-dev-zero", ["show", "/dev/zero"], 2),
    ("show-directory", ["show", "{dir}"], 2),
    ("show-50000-scenarios", ["show", "{dir}/scenarios_50000.toml"], 2),
    ("solve-150x150", ["solve", "{dir}/zero_150x150.toml"], 2),
    ("solve-forged-names", ["solve", "{dir}/forged_names.toml"], 2),
    # powers and exact enumeration
    ("solve-power-of-irrational-base", ["solve", "{dir}/power_base.toml", "--set", "b=1e30", "--set", "R=0.7"], 2),
    ("solve-power-rational-base", ["solve", "{dir}/power_base.toml", "--set", "b=1e29"], 2),
    ("solve-power-huge-denominator", ["solve", "{dir}/power_base.toml", "--set", "b=0.333", "--set", "R=0.7"], 2),
    ("solve-1x22-all-zero", ["solve", "{dir}/zero_1x22.toml"], 0),
    ("solve-12x12-all-zero", ["solve", "{dir}/zero_12x12.toml"], 2),
    ("solve-10x10-random", ["solve", "{dir}/random_10x10.toml"], 2),
    ("solve-1x200", ["solve", "{dir}/random_1x200.toml"], 2),
    ("solve-1x200-all-zero", ["solve", "{dir}/zero_1x200.toml"], 2),
    ("solve-huge-rational-power", ["solve", "{dir}/huge_rational_power.toml", "--set", "R=0.7"], 0),
    # the symbolic threshold solve
    ("thresholds-degree-100", ["thresholds", "{dir}/degree100.toml"], 2),
    ("thresholds-power-tower", ["thresholds", "{dir}/tower.toml"], 2),
    ("thresholds-expansion-bomb", ["thresholds", "{dir}/expansion.toml"], 2),
    ("thresholds-wide-expansion", ["thresholds", "{dir}/wide_expansion.toml"], 2),
    ("thresholds-cyclotomic", ["thresholds", "{dir}/cyclotomic.toml"], 2),
    ("thresholds-quintic", ["thresholds", "{dir}/quintic.toml"], 2),
    ("thresholds-log-mix", ["thresholds", "{dir}/log_mix.toml"], 2),
    ("thresholds-min-max", ["thresholds", "{dir}/min_max.toml"], 2),
    ("thresholds-10x10", ["thresholds", "{dir}/symbolic_10x10.toml"], 2),
    ("regimes-degree-100", ["regimes", "{dir}/degree100.toml"], 2),
    ("uncertainty-log-mix", ["uncertainty", "{dir}/log_mix.toml", "--samples", "50", "--points", "5"], 2),
]


def run_case(argv, folder, timeout: float = 60.0) -> dict:
    """Run one case in its own process: exit code, stderr lines, seconds, peak memory (MiB)."""
    import os
    import subprocess
    import threading
    import time

    argv = [a.replace("{dir}", str(folder)) for a in argv]
    began = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "bargaining", *argv], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, cwd=folder)
    timer = threading.Timer(timeout, child.kill)
    timer.start()
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    timer.cancel()
    seconds = time.perf_counter() - began
    code = os.waitstatus_to_exitcode(status)
    child.returncode = code
    lines = err.strip().splitlines()
    return {"code": "killed" if code == -9 else code, "lines": len(lines), "first": lines[0] if lines else "",
            "seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024,
            "traceback": "Traceback" in err}


def main(argv=None) -> int:
    """Rerun every case in a subprocess and print the table."""
    import tempfile

    markdown = "--markdown" in (argv or sys.argv[1:])
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_models(tmp)
        if markdown:
            print("| case | exit | stderr lines | wall s | CPU s | peak MiB | first line |")
            print("|---|---|---|---|---|---|---|")
        bad = 0
        for name, args, expected in CASES:
            result = run_case(args, folder)
            ok = result["code"] == expected and not result["traceback"] and (expected != 2 or result["lines"] == 1)
            bad += not ok
            first = result["first"][:110]
            if markdown:
                print(f"| {name} | {result['code']} | {result['lines']} | {result['seconds']:.1f} | "
                      f"{result['cpu']:.1f} | {result['peak_mib']:.0f} | {first.replace('|', '/')} |", flush=True)
            else:
                print(f"{'ok ' if ok else 'BAD'} {name:<32} exit {result['code']!s:<7} {result['lines']} line(s) "
                      f"{result['seconds']:5.1f} s {result['cpu']:5.1f} s CPU {result['peak_mib']:6.0f} MiB  {first}",
                      flush=True)
    print(f"{len(CASES) - bad} of {len(CASES)} cases as expected", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
