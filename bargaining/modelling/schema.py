"""Reading and validating model files: the TOML schema, entry by entry.

Every problem becomes one :class:`~bargaining.errors.ModelError` whose
message names the file, the entry and the problem, e.g.
``russia_belarus.toml: parameters.kappa.range: the lower bound 1.2 exceeds the upper bound 0.8``.
The schema is documented for modellers in ``docs/model-files.md``.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import sympy

from ..errors import ModelError
from .expressions import is_safe_name, parse_expression

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["Parameter", "Issue", "RangeWarning", "read_toml", "parse_parameters", "parse_players",
           "parse_scenarios", "parse_payoffs", "parse_issue", "exact_number", "MAX_FILE_BYTES", "SIZE_LIMITS",
           "check_text"]

MAX_FILE_BYTES = 1_000_000

#: Bounds on a model's size, checked while it is read (documented in ``docs/model-files.md``).
SIZE_LIMITS = {
    "strategies": 100,  # per player
    "parameters": 100,
    "scenarios": 1000,
    "name": 200,  # characters of a player, strategy, scenario or symbol name
    "text": 20_000,  # characters of a title, description, meaning or source
}

_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def check_text(value: str, where: str, *, name: bool = True) -> str:
    """Refuse control characters (and bidirectional overrides) in text a model file puts on screen.

    Names (``name=True``) may hold no control character at all; longer text
    may hold newlines and tabs. A model file cannot move the cursor, clear the
    screen or start a new line of output through a strategy's name.

    Examples
    --------
    >>> check_text("Subsidize", "players.row.strategies")
    'Subsidize'
    >>> check_text("Cut\\x1b[2J", "players.row.strategies")
    Traceback (most recent call last):
    ...
    bargaining.errors.ModelError: players.row.strategies: 'Cut\\x1b[2J' holds a control character (\\x1b)
    """
    import unicodedata

    limit = SIZE_LIMITS["name" if name else "text"]
    if len(value) > limit:
        raise ModelError(f"{where}: longer than {limit} characters")
    allowed = "" if name else "\n\t"
    for char in value:
        if (unicodedata.category(char) == "Cc" and char not in allowed) or char in _BIDI:
            shown = value if len(value) <= 40 else value[:37] + "..."
            raise ModelError(f"{where}: {shown!r} holds a control character ({char.encode('unicode_escape').decode()})")
    return value
TOP_LEVEL_KEYS = ("title", "description", "players", "parameters", "scenarios", "payoffs", "sequential", "issue")
PARAMETER_KEYS = ("value", "range", "meaning", "source", "symbol")


class RangeWarning(UserWarning):
    """A parameter value lies outside the plausible range its model file gives."""


@dataclass(frozen=True)
class Parameter:
    """One model parameter with its provenance.

    Attributes
    ----------
    name : str
        The identifier used in payoff expressions (e.g. ``lam``).
    value : sympy.Rational
        The default value, exactly as written in the file.
    range : pair of sympy.Rational
        The plausible range ``(low, high)``; ``low == high`` for a fixed parameter.
    meaning : str
        What the parameter stands for.
    source : str
        Where its value comes from: a short quote with its place, or a reference.
    symbol : sympy.Symbol
        The symbol in symbolic payoffs: positive when ``low > 0``,
        nonnegative when ``low == 0``, real otherwise.
    display : str
        The name to print (e.g. ``λ``); the name itself by default.

    Examples
    --------
    >>> from bargaining import load_model
    >>> load_model("russia_belarus").parameters["mu"].value
    3/4
    """

    name: str
    value: sympy.Rational
    range: tuple
    meaning: str
    source: str
    symbol: sympy.Symbol
    display: str

    @property
    def fixed(self) -> bool:
        """Whether the range is a single point."""
        return self.range[0] == self.range[1]


@dataclass(frozen=True)
class Issue:
    """One-dimensional issue bargaining attached to a model.

    Attributes
    ----------
    variable : sympy.Symbol
        The issue variable (e.g. the transfer ``t``).
    meaning : str
    bounds : pair of sympy.Expr
        Lower and upper bound of the variable, in the parameters.
    utilities : pair of sympy.Expr
        Row and column player's utility, in the parameters and the variable.
    disagreement : pair of sympy.Expr, or str
        Explicit disagreement payoffs, or the node id / column strategy named
        by ``disagreement_kind``.
    disagreement_kind : {"explicit", "subgame", "best_reply_to"}
    """

    variable: sympy.Symbol
    meaning: str
    bounds: tuple
    utilities: tuple
    disagreement: object
    disagreement_kind: str


def read_toml(text: bytes, where: str) -> dict:
    """Parse TOML bytes, decimals kept exact; errors become :class:`ModelError`."""
    if len(text) > MAX_FILE_BYTES:
        raise ModelError(f"{where}: the file is larger than {MAX_FILE_BYTES} bytes")
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ModelError(f"{where}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    try:
        return tomllib.loads(decoded, parse_float=Decimal)
    except tomllib.TOMLDecodeError as err:
        raise ModelError(f"{where}: TOML syntax error: {err}") from None
    except (RecursionError, MemoryError, ValueError) as err:
        raise ModelError(f"{where}: the TOML cannot be read ({type(err).__name__})") from None


def exact_number(value, where: str) -> sympy.Rational:
    """A TOML number (int or Decimal), a Fraction or a decimal string, as an exact Rational.

    Examples
    --------
    >>> exact_number("0.75", "x"), exact_number(Fraction(2, 7), "x")
    (3/4, 2/7)
    """
    if isinstance(value, bool):
        raise ModelError(f"{where}: expected a number, got the boolean {str(value).lower()}")
    if isinstance(value, int):
        if abs(value) > 10**30:
            raise ModelError(f"{where}: the number is too large")
        return sympy.Integer(value)
    if isinstance(value, (Fraction, sympy.Rational)):
        value = Fraction(int(value.numerator), int(value.denominator)) if isinstance(value, Fraction) else \
            Fraction(int(value.p), int(value.q))
        _check_size(value, where)
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, (Decimal, str)):
        text = str(value).strip()
        if len(text) > 100:
            raise ModelError(f"{where}: {text[:20]!r}... is too long to be a number ({len(text)} characters)")
        try:
            number = Decimal(text)
        except ArithmeticError:
            if "/" in text:
                try:
                    fraction = Fraction(text)
                except (ValueError, ZeroDivisionError):
                    raise ModelError(f"{where}: {value!r} is not a number") from None
                _check_size(fraction, where)
                return sympy.Rational(fraction.numerator, fraction.denominator)
            raise ModelError(f"{where}: {value!r} is not a number") from None
        if not number.is_finite():
            raise ModelError(f"{where}: {value} is not a finite number")
        if number != 0 and abs(number.adjusted()) > 30:
            raise ModelError(f"{where}: {value} is too large or too small")
        if len(number.as_tuple().digits) > 40:
            raise ModelError(f"{where}: {value} has more than 40 digits")
        fraction = Fraction(number)
        return sympy.Rational(fraction.numerator, fraction.denominator)
    raise ModelError(f"{where}: expected a number, got {type(value).__name__} {str(value)[:60]!r}")


def _check_size(value: Fraction, where: str) -> None:
    """Refuse a fraction whose numerator or denominator has more than 30 digits."""
    if abs(value.numerator) >= 10**30 or value.denominator >= 10**30:
        raise ModelError(f"{where}: the number has more than 30 digits in its numerator or denominator")


def _toml_number(value, where: str) -> sympy.Rational:
    if not isinstance(value, (int, Decimal)) or isinstance(value, bool):
        raise ModelError(f"{where}: expected a number, got {type(value).__name__} {value!r}"[:200])
    return exact_number(value, where)


def _table(data, where: str) -> Mapping:
    if not isinstance(data, Mapping):
        raise ModelError(f"{where}: expected a table, got {type(data).__name__}")
    return data


def _text(data, key: str, where: str, *, required: bool = True, default: str = "") -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise ModelError(f"{where}.{key}: missing (every entry needs a {key})")
        return default
    if not isinstance(value, str) or (required and not value.strip()):
        raise ModelError(f"{where}.{key}: expected non-empty text")
    return check_text(value.strip(), f"{where}.{key}", name=key in ("name", "symbol"))


def _no_extra(data: Mapping, allowed, where: str) -> None:
    extra = [key for key in data if key not in allowed]
    if extra:
        raise ModelError(f"{where}: unknown entries {extra}; allowed: {list(allowed)}")


def parse_players(data, where: str):
    """``[players]`` -> (names, strategies), validated."""
    players = _table(data, f"{where}: players")
    _no_extra(players, ("row", "column"), f"{where}: players")
    names, strategies = [], []
    for role in ("row", "column"):
        entry = _table(players.get(role), f"{where}: players.{role}") if role in players else None
        if entry is None:
            raise ModelError(f"{where}: players.{role}: missing")
        _no_extra(entry, ("name", "strategies"), f"{where}: players.{role}")
        names.append(_text(entry, "name", f"{where}: players.{role}"))
        chosen = entry.get("strategies")
        if not isinstance(chosen, list) or not chosen:
            raise ModelError(f"{where}: players.{role}.strategies: expected a non-empty list of names")
        if len(chosen) > SIZE_LIMITS["strategies"]:
            raise ModelError(f"{where}: players.{role}.strategies: {len(chosen)} strategies, more than the limit "
                             f"{SIZE_LIMITS['strategies']}")
        for item in chosen:
            if not isinstance(item, str) or not item.strip():
                raise ModelError(f"{where}: players.{role}.strategies: {str(item)[:40]!r} is not a non-empty name")
            check_text(item, f"{where}: players.{role}.strategies")
        duplicates = sorted({s for s in chosen if chosen.count(s) > 1})
        if duplicates:
            raise ModelError(f"{where}: players.{role}.strategies: duplicate names {duplicates}")
        strategies.append(tuple(chosen))
    if names[0] == names[1]:
        raise ModelError(f"{where}: players: both players are called {names[0]!r}")
    return tuple(names), tuple(strategies)


def _symbol(name: str, low) -> sympy.Symbol:
    if low > 0:
        return sympy.Symbol(name, positive=True)
    if low == 0:
        return sympy.Symbol(name, nonnegative=True)
    return sympy.Symbol(name, real=True)


def parse_parameters(data, where: str) -> dict:
    """``[parameters.NAME]`` tables -> dict name -> :class:`Parameter`."""
    table = _table(data, f"{where}: parameters")
    if len(table) > SIZE_LIMITS["parameters"]:
        raise ModelError(f"{where}: parameters: {len(table)} parameters, more than the limit {SIZE_LIMITS['parameters']}")
    found = {}
    for name, entry in table.items():
        here = f"{where}: parameters.{name}"
        if not is_safe_name(name):
            raise ModelError(
                f"{here}: {name!r} cannot name a parameter (use an identifier that is not a Python "
                "keyword, a function name or a dunder; e.g. lam for lambda)"
            )
        entry = _table(entry, here)
        _no_extra(entry, PARAMETER_KEYS, here)
        if "value" not in entry:
            raise ModelError(f"{here}.value: missing")
        value = _toml_number(entry["value"], f"{here}.value")
        bounds = entry.get("range")
        if not isinstance(bounds, list) or len(bounds) != 2:
            raise ModelError(f"{here}.range: expected two numbers [low, high]")
        low, high = (_toml_number(b, f"{here}.range") for b in bounds)
        if low > high:
            raise ModelError(f"{here}.range: the lower bound {low} exceeds the upper bound {high}")
        if not low <= value <= high:
            raise ModelError(f"{here}.value: {value} lies outside its range [{low}, {high}]")
        meaning = _text(entry, "meaning", here)
        source = _text(entry, "source", here)
        display = _text(entry, "symbol", here, required=False, default=name)
        found[name] = Parameter(name, value, (low, high), meaning, source, _symbol(name, low), display or name)
    return found


def parse_scenarios(data, parameters: Mapping, where: str) -> dict:
    """``[scenarios]`` -> dict scenario -> dict parameter -> exact value."""
    table = _table(data, f"{where}: scenarios")
    if len(table) > SIZE_LIMITS["scenarios"]:
        raise ModelError(f"{where}: scenarios: {len(table)} scenarios, more than the limit {SIZE_LIMITS['scenarios']}")
    scenarios = {}
    for scenario, overrides in table.items():
        check_text(str(scenario), f"{where}: scenarios")
        here = f"{where}: scenarios.{scenario}"
        overrides = _table(overrides, here)
        values = {}
        for name, value in overrides.items():
            if name not in parameters:
                raise ModelError(f"{here}: {name!r} is not a parameter; parameters: {sorted(parameters)}")
            values[name] = _toml_number(value, f"{here}.{name}")
        scenarios[str(scenario)] = values
    return scenarios


def parse_payoffs(data, players, strategies, symbols: Mapping, where: str):
    """``[payoffs.ROW] COL = [u_row, u_col]`` -> (A, B) as nested tuples of sympy expressions."""
    table = _table(data, f"{where}: payoffs")
    rows, cols = strategies
    for name in table:
        if name not in rows:
            raise ModelError(f"{where}: payoffs.{name}: {name!r} is not a strategy of {players[0]} {list(rows)}")
    A, B = [], []
    for row in rows:
        if row not in table:
            raise ModelError(f"{where}: payoffs.{row}: missing (one table per strategy of {players[0]})")
        cells = _table(table[row], f"{where}: payoffs.{row}")
        for name in cells:
            if name not in cols:
                raise ModelError(
                    f"{where}: payoffs.{row}.{name}: {name!r} is not a strategy of {players[1]} {list(cols)}"
                )
        A.append([])
        B.append([])
        for col in cols:
            if col not in cells:
                raise ModelError(f"{where}: payoffs.{row}.{col}: missing cell")
            u_row, u_col = parse_pair(cells[col], symbols, f"{where}: payoffs.{row}.{col}")
            A[-1].append(u_row)
            B[-1].append(u_col)
    return tuple(map(tuple, A)), tuple(map(tuple, B))


def parse_pair(cell, symbols: Mapping, where: str) -> tuple:
    """A two-entry list of expressions -> a pair of sympy expressions."""
    if not isinstance(cell, list) or len(cell) != 2:
        count = len(cell) if isinstance(cell, list) else "not a list"
        raise ModelError(f"{where}: expected two payoffs [row player, column player], got {count}")
    return tuple(parse_expression(text, symbols, where=f"{where}[{k}]") for k, text in enumerate(cell))


def parse_issue(data, symbols: Mapping, strategies, node_ids, where: str) -> Issue:
    """The ``[issue]`` table -> :class:`Issue`."""
    here = f"{where}: issue"
    data = _table(data, here)
    _no_extra(data, ("variable", "meaning", "bounds", "utilities", "disagreement"), here)
    variable = data.get("variable")
    if not is_safe_name(variable) or variable in symbols:
        raise ModelError(f"{here}.variable: {variable!r} must be a new identifier, not a parameter name")
    symbol = sympy.Symbol(variable, real=True)
    with_variable = {**symbols, variable: symbol}
    meaning = _text(data, "meaning", here)
    bounds = parse_pair(data.get("bounds"), symbols, f"{here}.bounds")
    utilities = parse_pair(data.get("utilities"), with_variable, f"{here}.utilities")
    spec = data.get("disagreement")
    if isinstance(spec, list):
        return Issue(symbol, meaning, bounds, utilities, parse_pair(spec, symbols, f"{here}.disagreement"), "explicit")
    if isinstance(spec, Mapping) and len(spec) == 1:
        kind, target = next(iter(spec.items()))
        if kind == "subgame":
            if node_ids is None or target not in node_ids:
                raise ModelError(f"{here}.disagreement.subgame: {target!r} is not a node of the sequential form")
            return Issue(symbol, meaning, bounds, utilities, target, kind)
        if kind == "best_reply_to":
            if target not in strategies[1]:
                raise ModelError(
                    f"{here}.disagreement.best_reply_to: {target!r} is not a column strategy {list(strategies[1])}"
                )
            return Issue(symbol, meaning, bounds, utilities, target, kind)
    raise ModelError(
        f"{here}.disagreement: expected [u_row, u_col], {{ subgame = \"node\" }} or {{ best_reply_to = \"strategy\" }}"
    )


def resolve_values(model, scenario=None, overrides=None, *, stacklevel: int = 3) -> dict:
    """Exact parameter values of a model: defaults, then a scenario, then overrides; warn outside a range.

    Shared by :class:`~bargaining.modelling.model.Model` and the linked model: anything with ``name``,
    ``path``, ``parameters`` (name -> :class:`Parameter`) and ``scenarios`` (name -> values).

    Parameters
    ----------
    model : Model or LinkedModel
        Where the parameters, scenarios and names come from.
    scenario : str, optional
        A scenario's name.
    overrides : mapping, optional
        Parameter name -> value (numbers or texts such as ``"3/4"``, read exactly).
    stacklevel : int
        Where a :class:`RangeWarning` points.

    Returns
    -------
    dict
        Parameter name -> exact value.

    Raises
    ------
    ModelError
        For an unknown scenario or parameter, or a value that is not a number.
    """
    chosen = {name: p.value for name, p in model.parameters.items()}
    if scenario is not None:
        scenario = str(scenario)
        if scenario not in model.scenarios:
            raise ModelError(f"{model.path}: unknown scenario {scenario!r}; scenarios: {sorted(model.scenarios)}")
        chosen.update(model.scenarios[scenario])
    for name, value in (overrides or {}).items():
        if name not in model.parameters:
            raise ModelError(f"{model.path}: unknown parameter {name!r}; parameters: {sorted(model.parameters)}")
        chosen[name] = exact_number(value, f"{model.path}: parameter {name}")
    for name, value in chosen.items():
        low, high = model.parameters[name].range
        if not low <= value <= high:
            warnings.warn(f"{model.name}: {name} = {value} lies outside its plausible range [{low}, {high}]",
                          RangeWarning, stacklevel=stacklevel)
    return chosen
