"""Tests of the safe expression language (bargaining.modelling.expressions)."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bargaining import ModelError
from bargaining.modelling.expressions import LIMITS, is_safe_name, parse_expression
from bargaining.numbers import evaluate

NAMES = ["v", "w", "kappa", "s", "R", "lam", "mu"]
SYM = {name: sympy.Symbol(name, real=True) for name in NAMES}


def parse(text):
    return parse_expression(text, SYM, where="test.toml: payoffs.Cut.Align[0]")


def test_belarus_payoff_builds_the_expected_expression():
    v, w, kappa, s, R = (SYM[n] for n in ("v", "w", "kappa", "s", "R"))
    assert parse("v + w - kappa*s/R") == v + w - kappa * s / R


def test_decimals_are_exact_rationals():
    assert parse("0.1 + 0.2") == sympy.Rational(3, 10)
    assert parse("0.75") == sympy.Rational(3, 4)
    assert parse("1.5e-3") == sympy.Rational(3, 2000)
    assert parse_expression(Decimal("0.05"), SYM) == sympy.Rational(1, 20)
    assert parse_expression(7, SYM) == 7


@pytest.mark.parametrize(
    "text, sympy_func",
    [("min(v, w)", sympy.Min), ("max(v, w, 1)", sympy.Max), ("exp(R)", sympy.exp),
     ("log(R)", sympy.log), ("abs(v)", sympy.Abs)],
)
def test_allowed_functions(text, sympy_func):
    assert isinstance(parse(text), sympy_func)


def test_sqrt_and_powers():
    assert parse("sqrt(R)") == sympy.sqrt(SYM["R"])
    assert parse("R**2 + (-v)**3") == SYM["R"] ** 2 - SYM["v"] ** 3
    assert parse("+v - -w") == SYM["v"] + SYM["w"]


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("__import__('os').system('touch pwned')", "dunder name '__import__'"),
        ("v.real(1)", "attribute access"),
        ("v.__class__", "dunder"),
        ("().__class__.__bases__[0]", "dunder"),
        ("v.real", "attribute access"),
        ("v[0]", "subscripts"),
        ("eval('1')", "'eval'"),
        ("open('x')", "'open'"),
        ("min(v, w, key=abs)", "keyword"),
        ("(lambda: 1)()", "only calls"),
        ("lambda: 1", "lambda"),
        ("[v for v in w]", "comprehensions"),
        ("os", "not a declared parameter"),
        ("'text'", "strings"),
        ("__builtins__", "dunder"),
        ("True", "not a number"),
        ("None", "not a number"),
        ("v < w", "comparisons"),
        ("v and w", "'and'/'or'"),
        ("1j", "complex"),
        ("9**9**9", "power inside an exponent"),
        ("2**1000000", "too large"),
        ("1" * 40, "digits"),
        ("1e999", "too large"),
        ("v // w", "'//'"),
        ("v ^ 2", "'^'"),
        ("v if w else R", "conditional"),
        ("v; w", "not a valid expression"),
        ("v = 1", "not a valid expression"),
        ("", "empty"),
        ("1/0", "division by zero"),
        ("sqrt(-1)", "negative"),
        ("log(0)", "not positive"),
        ("exp(exp(exp(100)))", "larger than 700"),
        ("v" + " + v" * 300, "longer than"),
        ("-" * 100 + "v", "nested too deeply"),
        ("0x10", "decimal integers"),
        ("f'{v}'", "strings"),
        ("min", "must be called"),
        ("sqrt(v, w)", "argument"),
    ],
)
def test_refused_with_the_entry_named(text, fragment):
    with pytest.raises(ModelError) as info:
        parse(text)
    message = str(info.value)
    assert message.startswith("test.toml: payoffs.Cut.Align[0]: ")
    assert fragment in message


def test_huge_power_is_refused_fast():
    start = time.perf_counter()
    for text in ("9**9**9", "(2**100)**100**1", "((2**100)**100)**100", "((9**99)**99)**99"):
        with pytest.raises(ModelError):
            parse(text)
    assert time.perf_counter() - start < 1.0


def test_non_string_input_is_refused():
    for bad in (True, None, [1], {"a": 1}, Decimal("NaN")):
        with pytest.raises(ModelError):
            parse_expression(bad, SYM)


def test_is_safe_name():
    assert is_safe_name("k_R") and is_safe_name("alpha")
    for bad in ("lambda", "class", "__init__", "1x", "a-b", "exp", "match", "", "λ"):
        assert not is_safe_name(bad)


def test_evaluate_exact_and_guarded():
    R, v = SYM["R"], SYM["v"]
    assert evaluate(parse("v/R"), {R: sympy.Rational(3, 4), v: 1}) == sympy.Rational(4, 3)
    with pytest.raises(ModelError, match="division by zero"):
        evaluate(parse("v/R"), {R: 0, v: 1}, where="cell")
    with pytest.raises(ModelError, match="too large"):
        evaluate(parse("R**v"), {R: 2, v: 10**9})
    with pytest.raises(ModelError, match="not positive"):
        evaluate(parse("log(R)"), {R: 0})
    with pytest.raises(ModelError, match="no value"):
        evaluate(parse("v"), {})


# --------------------------------------------------------------------- fuzzing
def _check_outcome(text):
    try:
        expr = parse_expression(text, SYM, where="fuzz")
    except ModelError:
        return
    assert isinstance(expr, sympy.Expr)
    assert expr.free_symbols <= set(SYM.values())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60))
def test_fuzz_random_text(text):
    _check_outcome(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="vwRs0123456789.e+-*/()%,<>=![]'_ abcdijklmnopqrstxyz^~&|", max_size=80))
def test_fuzz_expression_alphabet(text):
    _check_outcome(text)


_ATOMS = st.sampled_from(
    ["v", "w", "R", "0", "1", "2", "0.5", "1e3", "9", "99", "x", "os", "True", "'s'", "1j", "None", "__x"]
)


def _combine(children):
    binary = st.tuples(children, st.sampled_from(["+", "-", "*", "/", "**", "//", "%", "<", "and", "^"]), children)
    return st.one_of(
        binary.map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        children.map(lambda c: f"-{c}"),
        st.tuples(st.sampled_from(["min", "max", "exp", "log", "sqrt", "abs", "eval", "f"]), children, children).map(
            lambda t: f"{t[0]}({t[1]}, {t[2]})" if t[0] in ("min", "max") else f"{t[0]}({t[1]})"
        ),
        children.map(lambda c: f"{c}.real"),
        children.map(lambda c: f"{c}[0]"),
    )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.recursive(_ATOMS, _combine, max_leaves=25))
def test_fuzz_random_syntax_trees(text):
    start = time.perf_counter()
    _check_outcome(text)
    assert time.perf_counter() - start < 2.0


def test_limits_are_documented_numbers():
    assert LIMITS["length"] == 500 and LIMITS["exponent"] == 100
