"""The safe expression language of model files, turned into sympy objects.

A payoff such as ``"v + w - kappa*s/R"`` is parsed with :func:`ast.parse` and
rebuilt node by node from an allow-list: numbers, declared parameter names,
``+ - * / **``, unary signs, parentheses and calls to ``min``, ``max``,
``exp``, ``log``, ``sqrt`` and ``abs``. Anything else (attribute access,
subscripts, other calls, strings, comparisons, ...) is refused with a
:class:`~bargaining.errors.ModelError` that names where the text came from.

Model text is never evaluated: no ``eval``, ``exec``, ``sympify`` or
``parse_expr``. The cost of building an expression is bounded before it is
built (text length, number of syntax nodes, nesting depth, size of integer
literals and exponents), so ``9**9**9`` is refused at once.

Decimals are exact: ``0.75`` becomes ``Rational(3, 4)``, read from the
literal's text, not from the binary float closest to it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Mapping
from fractions import Fraction

import sympy

from ..errors import ModelError
from ..numbers import LIMITS, root_too_costly, too_big

__all__ = ["parse_expression", "FUNCTIONS", "LIMITS", "is_safe_name", "too_big"]

#: Function names a model expression may call, and the sympy function used.
FUNCTIONS = {
    "min": sympy.Min,
    "max": sympy.Max,
    "exp": sympy.exp,
    "log": sympy.log,
    "sqrt": sympy.sqrt,
    "abs": sympy.Abs,
}


_BINARY = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}
_NUMBER_TEXT = re.compile(r"^(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$")
_OPERATOR_NAMES = {
    ast.FloorDiv: "'//'",
    ast.Mod: "'%'",
    ast.MatMult: "'@'",
    ast.LShift: "'<<'",
    ast.RShift: "'>>'",
    ast.BitOr: "'|'",
    ast.BitXor: "'^' (write powers as '**')",
    ast.BitAnd: "'&'",
}
_KIND = {
    ast.Attribute: "attribute access",
    ast.Subscript: "subscripts",
    ast.Lambda: "lambda",
    ast.ListComp: "comprehensions",
    ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions",
    ast.GeneratorExp: "comprehensions",
    ast.Compare: "comparisons",
    ast.BoolOp: "'and'/'or'",
    ast.IfExp: "conditional expressions",
    ast.NamedExpr: "assignment expressions",
    ast.JoinedStr: "strings",
    ast.List: "lists",
    ast.Tuple: "tuples",
    ast.Dict: "dicts",
    ast.Set: "sets",
    ast.Starred: "starred expressions",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
    ast.Slice: "slices",
}


def is_safe_name(name) -> bool:
    """Whether ``name`` may name a parameter: an identifier, not a keyword, not a dunder.

    Examples
    --------
    >>> is_safe_name("kappa"), is_safe_name("lambda"), is_safe_name("__class__"), is_safe_name("exp")
    (True, False, False, False)
    """
    import keyword

    return (
        isinstance(name, str)
        and name.isidentifier()
        and name.isascii()
        and not keyword.iskeyword(name)
        and not keyword.issoftkeyword(name)
        and "__" not in name
        and name not in FUNCTIONS
    )


def parse_expression(text, names, *, where: str = "expression") -> sympy.Expr:
    """Parse one model expression into an exact sympy expression.

    Parameters
    ----------
    text : str, int or Decimal
        The expression, e.g. ``"lam*v + w - kappa*mu*s/R"``. A bare integer or
        :class:`decimal.Decimal` (as TOML numbers are read) is taken exactly.
    names : mapping of str to sympy.Symbol, or iterable of str
        The declared names. Names given as strings become plain real symbols.
    where : str
        Where the text comes from (file and entry), put in front of every
        error message.

    Returns
    -------
    sympy.Expr
        A finite, real expression in the declared symbols.

    Raises
    ------
    ModelError
        If the text is not in the language, uses an undeclared name, is too
        large, or is not a finite real number where it is constant.

    Examples
    --------
    >>> parse_expression("v + w - kappa*s/R", ["v", "w", "kappa", "s", "R"])
    v + w - kappa*s/R
    >>> parse_expression("0.75 * x", ["x"])
    3*x/4
    >>> parse_expression("__import__('os').system('x')", ["x"], where="m.toml: payoffs.A.B[0]")
    Traceback (most recent call last):
    ...
    bargaining.errors.ModelError: m.toml: payoffs.A.B[0]: the dunder name '__import__' is not allowed
    """
    symbols = _symbol_table(names)
    if isinstance(text, bool):
        raise ModelError(f"{where}: expected an expression, got the boolean {text}")
    if isinstance(text, int):
        if len(str(abs(text))) > LIMITS["digits"]:
            raise ModelError(f"{where}: the number has more than {LIMITS['digits']} digits")
        return sympy.Integer(text)
    if _is_decimal(text):
        if not text.is_finite():
            raise ModelError(f"{where}: {text} is not a finite number")
        return _rational_from_text(str(text), where)
    if not isinstance(text, str):
        raise ModelError(f"{where}: expected an expression (a string or a number), got {type(text).__name__}")
    if len(text) > LIMITS["length"]:
        raise ModelError(f"{where}: the expression is longer than {LIMITS['length']} characters")
    if not text.strip():
        raise ModelError(f"{where}: the expression is empty")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError) as err:
        detail = getattr(err, "msg", None) or str(err) or type(err).__name__
        raise ModelError(f"{where}: not a valid expression ({detail})") from None
    _check_size(tree, where)
    for node in ast.walk(tree):
        name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
        if isinstance(name, str) and "__" in name:
            raise ModelError(f"{where}: the dunder name {name!r} is not allowed")
    builder = _Builder(text.strip(), symbols, where)
    try:
        expr = builder.build(tree.body)
        _check_value(expr, where)
    except ModelError:
        raise
    except (ValueError, TypeError, ArithmeticError, NotImplementedError, RecursionError, MemoryError) as err:
        # sympy's own complaints, e.g. min() of numbers it cannot compare ("not comparable")
        detail = str(err) if len(str(err)) <= 80 else str(err)[:77] + "..."
        raise ModelError(f"{where}: the expression cannot be built exactly ({type(err).__name__}: {detail})") from None
    return expr




def _is_decimal(value) -> bool:
    from decimal import Decimal

    return isinstance(value, Decimal)


def _symbol_table(names) -> dict[str, sympy.Symbol]:
    if isinstance(names, Mapping):
        return dict(names)
    if isinstance(names, str) or not isinstance(names, Iterable):
        raise TypeError("names must be a mapping of names to symbols or an iterable of names")
    return {name: sympy.Symbol(name, real=True) for name in names}


def _check_size(tree: ast.AST, where: str) -> None:
    count = 0
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > LIMITS["nodes"]:
            raise ModelError(f"{where}: the expression is too large (more than {LIMITS['nodes']} syntax nodes)")
        if depth > LIMITS["depth"]:
            raise ModelError(f"{where}: the expression is nested too deeply (more than {LIMITS['depth']} levels)")
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


def _rational_from_text(literal: str, where: str) -> sympy.Rational:
    literal = literal.strip()
    if not _NUMBER_TEXT.match(literal):
        raise ModelError(f"{where}: the number {literal!r} is not a plain decimal (at most a 3-digit exponent)")
    mantissa = re.split("[eE]", literal)[0]
    if sum(c.isdigit() for c in mantissa) > LIMITS["digits"]:
        raise ModelError(f"{where}: the number {literal!r} has more than {LIMITS['digits']} digits")
    if "e" in literal.lower() and abs(int(re.split("[eE]", literal)[1])) > LIMITS["exponent"]:
        raise ModelError(f"{where}: the number {literal!r} is too large or too small")
    value = Fraction(literal)
    return sympy.Rational(value.numerator, value.denominator)


def _check_value(expr, where: str) -> None:
    if not isinstance(expr, sympy.Expr):
        raise ModelError(f"{where}: the expression is not a number")
    if expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise ModelError(f"{where}: the expression is not finite (a division by zero?)")
    if expr.has(sympy.I):
        raise ModelError(f"{where}: the expression is not a real number")
    for number in expr.atoms(sympy.Rational):
        if max(abs(number.p).bit_length(), abs(number.q).bit_length()) > LIMITS["bits"]:
            raise ModelError(f"{where}: a number in the expression is too large")


class _Builder:
    """Rebuild an allowed syntax tree as sympy, refusing everything else."""

    def __init__(self, text: str, symbols: Mapping[str, sympy.Symbol], where: str):
        self.text = text
        self.symbols = symbols
        self.where = where
        self.call_depth = 0

    def fail(self, problem: str):
        raise ModelError(f"{self.where}: {problem}")

    def build(self, node):
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.UnaryOp):
            operand = self.build(node.operand)
            if isinstance(node.op, ast.USub):
                return -operand
            if isinstance(node.op, ast.UAdd):
                return operand
            self.fail("'not' and '~' are not allowed")
        if isinstance(node, ast.BinOp):
            return self.binary(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        self.fail(f"{_KIND.get(type(node), type(node).__name__)} not allowed: {self.segment(node)!r}")

    def segment(self, node) -> str:
        piece = ast.get_source_segment(self.text, node) or type(node).__name__
        return piece if len(piece) <= 60 else piece[:57] + "..."

    def constant(self, node: ast.Constant):
        value = node.value
        if isinstance(value, bool) or value is None or value is Ellipsis:
            self.fail(f"{value!r} is not a number")
        if isinstance(value, (str, bytes)):
            self.fail(f"strings are not allowed: {self.segment(node)!r}")
        if isinstance(value, complex):
            self.fail(f"complex numbers are not allowed: {self.segment(node)!r}")
        literal = ast.get_source_segment(self.text, node) or repr(value)
        literal = literal.replace("_", "") if "_" in literal else literal
        if isinstance(value, int):
            if not literal.isdigit():
                self.fail(f"only decimal integers are allowed, got {literal!r}")
            if len(literal) > LIMITS["digits"]:
                self.fail(f"the number {literal[:20]}... has more than {LIMITS['digits']} digits")
            return sympy.Integer(int(literal))
        if isinstance(value, float):
            return _rational_from_text(literal, self.where)
        self.fail(f"{type(value).__name__} constants are not allowed")

    def name(self, name: str):
        if name.startswith("__") or "__" in name:
            self.fail(f"the dunder name {name!r} is not allowed")
        if name in FUNCTIONS:
            self.fail(f"the function {name!r} must be called, e.g. {name}(x)")
        if name not in self.symbols:
            declared = ", ".join(sorted(self.symbols)) or "none"
            self.fail(f"name {name!r} is not a declared parameter (declared: {declared})")
        return self.symbols[name]

    def binary(self, node: ast.BinOp):
        op = type(node.op)
        if op in _OPERATOR_NAMES:
            self.fail(f"the operator {_OPERATOR_NAMES[op]} is not allowed: {self.segment(node)!r}")
        if op is ast.Pow:
            return self.power(node)
        left = self.build(node.left)
        right = self.build(node.right)
        if op is ast.Div and right == 0:
            self.fail(f"division by zero: {self.segment(node)!r}")
        return _BINARY[op](left, right)

    def power(self, node: ast.BinOp):
        if any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.Pow) for n in ast.walk(node.right)):
            self.fail(f"a power inside an exponent is not allowed: {self.segment(node)!r}")
        if any(isinstance(n, ast.Call) for n in ast.walk(node.right)):
            self.fail(f"a function call inside an exponent is not allowed: {self.segment(node)!r}")
        base = self.build(node.left)
        exponent = self.build(node.right)
        for number in exponent.atoms(sympy.Rational):
            if abs(number) > LIMITS["exponent"] or number.q > LIMITS["exponent"]:
                self.fail(f"the number {number} in an exponent is too large (at most {LIMITS['exponent']}, "
                          f"denominators too): {self.segment(node)!r}")
        if exponent.is_Number:
            if abs(exponent) > LIMITS["exponent"] or (exponent.is_Rational and exponent.q > LIMITS["exponent"]):
                self.fail(f"the exponent {exponent} is too large (at most {LIMITS['exponent']}): {self.segment(node)!r}")
            if base == 0 and exponent < 0:
                self.fail(f"zero to a negative power: {self.segment(node)!r}")
            if base.is_Rational:
                bits = max(abs(base.p).bit_length(), abs(base.q).bit_length())
                if bits * abs(exponent) > LIMITS["bits"]:
                    self.fail(f"the power is too large to compute: {self.segment(node)!r}")
            if root_too_costly(base, exponent):
                self.fail(f"a root of a number of more than {LIMITS['root_bits']} bits: {self.segment(node)!r}")
        return base**exponent

    def call(self, node: ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute):
            self.fail(f"attribute access not allowed: {self.segment(func)!r}")
        if not isinstance(func, ast.Name):
            self.fail(f"only calls to {', '.join(sorted(FUNCTIONS))} are allowed: {self.segment(node)!r}")
        if func.id not in FUNCTIONS:
            self.fail(f"calls to {func.id!r} are not allowed (allowed: {', '.join(sorted(FUNCTIONS))})")
        if node.keywords:
            self.fail(f"keyword arguments are not allowed: {self.segment(node)!r}")
        if any(isinstance(arg, ast.Starred) for arg in node.args):
            self.fail(f"starred arguments are not allowed: {self.segment(node)!r}")
        want = "2 or more" if func.id in ("min", "max") else "1"
        if (func.id in ("min", "max") and len(node.args) < 2) or (func.id not in ("min", "max") and len(node.args) != 1):
            self.fail(f"{func.id}() takes {want} argument(s), got {len(node.args)}")
        self.call_depth += 1
        if self.call_depth > LIMITS["calls"]:
            self.fail(f"function calls are nested too deeply (more than {LIMITS['calls']})")
        args = [self.build(arg) for arg in node.args]
        self.call_depth -= 1
        if func.id == "exp" and args[0].is_number and too_big(args[0], 700):
            self.fail(f"exp() of a number larger than 700 is not allowed: {self.segment(node)!r}")
        if func.id == "exp" and not args[0].is_number:
            # sympy turns exp(c*log(x) + ...) into x**c: bound the constant part and the numbers inside
            constant = args[0].as_independent(*args[0].free_symbols, as_Add=True)[0]
            if too_big(constant, 700) or any(abs(r) > 10**6 or r.q > 10**6 for r in args[0].atoms(sympy.Rational)):
                self.fail(f"exp() of an argument with numbers too large: {self.segment(node)!r}")
        if func.id == "log" and args[0].is_Number and args[0] <= 0:
            self.fail(f"log() of a number that is not positive: {self.segment(node)!r}")
        if func.id == "sqrt" and args[0].is_Number and args[0] < 0:
            self.fail(f"sqrt() of a negative number: {self.segment(node)!r}")
        if func.id == "sqrt" and root_too_costly(args[0], sympy.Rational(1, 2)):
            self.fail(f"sqrt() of a number of more than {LIMITS['root_bits']} bits: {self.segment(node)!r}")
        if func.id in ("min", "max") and not all(arg.is_number for arg in args):
            # sympy would try to order symbolic arguments now, which can take very long
            # ((1 + a)**100 against 1e20): keep min/max unevaluated until numbers are substituted
            return FUNCTIONS[func.id](*args, evaluate=False)
        return FUNCTIONS[func.id](*args)
