"""The acceptance-size fuzz of the expression language (issue 17), with timings.

Runs the suite's hypothesis strategy (``tests/test_fuzz_expressions.py``) for
``N`` examples (20,000 by default) and reports the outcomes (a value, a
ModelError, anything else) and the slowest examples::

    PYTHONPATH=$PWD python benchmarks/fuzz_expressions.py [N]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from test_fuzz_expressions import SYMBOLS, expressions, values  # noqa: E402

from bargaining import ModelError  # noqa: E402
from bargaining.modelling.expressions import parse_expression  # noqa: E402
from bargaining.numbers import evaluate  # noqa: E402


def main(count: int) -> int:
    outcomes: Counter = Counter()
    times: list = []
    others: list = []

    @settings(max_examples=count, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(expressions, values)
    def run(text, point):
        began = time.process_time()
        try:
            expr = parse_expression(text, SYMBOLS, where="fuzz")
            evaluate(expr, {SYMBOLS[k]: __import__("sympy").Rational(v) for k, v in point.items()}, where="fuzz")
            outcomes["value"] += 1
        except ModelError:
            outcomes["ModelError"] += 1
        except Exception as err:  # noqa: BLE001 - what the fuzz is looking for
            outcomes[type(err).__name__] += 1
            others.append((text, point, repr(err)[:120]))
        times.append((time.process_time() - began, text))

    run()
    times.sort(reverse=True)
    print(f"{sum(outcomes.values())} examples: {dict(outcomes)}")
    print(f"CPU seconds per example: max {times[0][0]:.3f}, 99.9th percentile "
          f"{times[len(times) // 1000][0]:.3f}, median {times[len(times) // 2][0]:.4f}")
    for seconds, text in times[:5]:
        print(f"  {seconds:.3f} s  {text}")
    for other in others[:10]:
        print("OTHER", other)
    return 1 if others or times[0][0] > 1 else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000))
