"""Fuzzing the expression language (issue 17): only a value or the package's own ModelError, never a hang.

Random expressions over hostile numbers (``1e30``, twenty nines, ``1e-30``,
``0.0``) and every allowed operator and function are parsed and evaluated at
hostile values. The only outcomes allowed are a finite real number or a
:class:`~bargaining.errors.ModelError`; any other exception (sympy's
"not comparable" ``ValueError``, ``OverflowError``, ``RecursionError`` ...)
fails the test, and so does an example that runs past a generous alarm (a
hang, not a slow machine).

The hypothesis run is short by default; ``BARGAINING_FUZZ_EXAMPLES=20000``
runs the acceptance-size fuzz. The expressions that once failed are kept as a
seeded corpus in ``tests/data/hostile_expressions.txt`` and run every time.
"""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bargaining import ModelError
from bargaining.modelling.expressions import parse_expression
from bargaining.numbers import evaluate

NAMES = ("a", "b", "R")
SYMBOLS = {name: sympy.Symbol(name, positive=True) for name in NAMES}
NUMBERS = ("0", "1", "2", "3", "7", "100", "0.5", "0.0", "1e-30", "1e30", "99999999999999999999", "1/3")
VALUES = ("1/2", "3", "7/3", "1000000", "1/1000000")
CORPUS = Path(__file__).parent / "data" / "hostile_expressions.txt"
EXAMPLES = int(os.environ.get("BARGAINING_FUZZ_EXAMPLES", "300"))
HANG_SECONDS = 20  # far above the ~1 s an example takes on a busy machine: this catches hangs only


class Hang(Exception):
    pass


@contextmanager
def alarm(seconds: int):
    if not hasattr(signal, "SIGALRM"):  # pragma: no cover - not on Windows
        yield
        return

    def ring(signum, frame):
        raise Hang(f"more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check(text: str, values: dict) -> None:
    """Parse and evaluate: a finite real value or ModelError, nothing else, and no hang."""
    with alarm(HANG_SECONDS):
        try:
            expr = parse_expression(text, SYMBOLS, where="fuzz")
        except ModelError as err:
            assert str(err).startswith("fuzz: ") and "\n" not in str(err)
            return
        try:
            value = evaluate(expr, {SYMBOLS[k]: sympy.Rational(v) for k, v in values.items()}, where="fuzz")
        except ModelError:
            return
        assert value.is_real and value.is_finite


def _call(name: str, count: int):
    return lambda args: f"{name}({', '.join(args)})"


leaves = st.sampled_from(NAMES + NUMBERS)
expressions = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "**"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        inner.map(lambda e: f"-{e}"),
        st.sampled_from(["exp", "log", "sqrt", "abs"]).flatmap(lambda f: inner.map(lambda e: f"{f}({e})")),
        st.tuples(st.sampled_from(["min", "max"]), st.lists(inner, min_size=2, max_size=3)).map(
            lambda t: f"{t[0]}({', '.join(t[1])})"
        ),
    ),
    max_leaves=12,
)
values = st.fixed_dictionaries({name: st.sampled_from(VALUES) for name in NAMES})


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(expressions, values)
def test_fuzzed_expressions_give_a_value_or_model_error(text, point):
    check(text, point)


def _corpus():
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, _, assignment = line.partition("\t")
            yield text, dict(item.split("=") for item in assignment.split())


@pytest.mark.parametrize(("text", "point"), list(_corpus()), ids=lambda x: x if isinstance(x, str) else "")
def test_corpus_of_once_failing_expressions(text, point):
    check(text, point)


def test_the_corpus_holds_the_issue_cases():
    texts = [text for text, _ in _corpus()]
    assert len(texts) >= 15
    assert any("log(1e30)" in t and "min" in t and "sqrt" in t for t in texts)
