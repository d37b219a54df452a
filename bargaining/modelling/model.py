"""Parametric models with provenance: load a model file, get exact games from it.

A model file (TOML, see ``docs/model-files.md``) declares two players and
their strategies, parameters with a value, a plausible range, a meaning and a
source, named scenarios, and payoffs as expressions in the parameters. A
:class:`Model` keeps the payoffs symbolic (:meth:`Model.symbolic_game`) and
substitutes exact values on request (:meth:`Model.game`).

The three seed models ship with the package and load by name::

    >>> from bargaining import load_model
    >>> belarus = load_model("russia_belarus")
    >>> belarus.game(scenario="2015").payoff("Subsidize", "Align")
    (0.9166666666666666, 0.95)
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import sympy

from ..errors import ModelError
from ..games.backward import SubgamePerfect, subgame_perfect
from ..games.game import Game, to_fraction
from ..games.tree import GameTree
from ..games.values import LARGEST_PAYOFF
from ..numbers import evaluate
from ..output import read_regular_file
from .linked import LinkedModel, build_linked
from .schema import (
    MAX_FILE_BYTES,
    TOP_LEVEL_KEYS,
    Issue,
    RangeWarning,
    check_text,
    parse_issue,
    parse_parameters,
    parse_payoffs,
    parse_players,
    parse_scenarios,
    read_toml,
    resolve_values,
)
from .trees import parse_tree

__all__ = ["Model", "SymbolicGame", "load_model", "bundled_models", "bundled_linked_models", "bundled_examples",
           "RangeWarning"]


@dataclass(frozen=True, eq=False)
class SymbolicGame:
    """A two-player game whose payoffs are sympy expressions in named parameters.

    Attributes
    ----------
    A, B : sympy.ImmutableMatrix
        Row and column player's payoffs.
    players : pair of str
    strategies : pair of tuple of str
    symbols : mapping of name -> sympy.Symbol

    Examples
    --------
    >>> from bargaining import load_model
    >>> sg = load_model("russia_belarus").symbolic_game()
    >>> sg.A[1, 0], sg.B[1, 0]
    (v, -a)
    """

    A: sympy.ImmutableMatrix
    B: sympy.ImmutableMatrix
    players: tuple
    strategies: tuple
    symbols: Mapping = field(repr=False)
    where: str = field(default="", repr=False)

    def substitute(self, values: Mapping) -> Game:
        """The numeric :class:`~bargaining.games.game.Game` at these parameter values, exactly.

        Parameters
        ----------
        values : mapping of name (or Symbol) -> number
            A value for every symbol; decimals and Fractions are taken exactly.

        Raises
        ------
        ModelError
            If a payoff is not a finite real number at these values (e.g. a
            division by zero at R = 0), naming the cell.
        """
        by_symbol = {}
        for key, value in values.items():
            symbol = self.symbols.get(key) if isinstance(key, str) else key
            if symbol is None:
                raise ModelError(f"{self.where}unknown parameter {key!r}; parameters: {sorted(self.symbols)}")
            by_symbol[symbol] = value
        matrices = []
        for k, M in enumerate((self.A, self.B)):
            rows = []
            for i, row in enumerate(self.strategies[0]):
                cells = []
                for j, col in enumerate(self.strategies[1]):
                    number = evaluate(M[i, j], by_symbol, where=f"{self.where}payoffs.{row}.{col}[{k}]")
                    cells.append(_to_fraction(number, f"{self.where}payoffs.{row}.{col}[{k}]"))
                rows.append(cells)
            matrices.append(rows)
        return Game(matrices[0], matrices[1], players=self.players, strategies=self.strategies)

    def __repr__(self) -> str:
        header = [f"{self.players[0]} \\ {self.players[1]}", *self.strategies[1]]
        body = [
            [name, *(f"{sympy.sstr(self.A[i, j])} , {sympy.sstr(self.B[i, j])}" for j in range(self.A.shape[1]))]
            for i, name in enumerate(self.strategies[0])
        ]
        widths = [max(len(r[k]) for r in [header, *body]) for k in range(len(header))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [header, *body]]
        return "SymbolicGame(\n  " + "\n  ".join(lines) + "\n)"


def _to_fraction(number, where: str) -> Fraction:
    try:
        value = Fraction(int(number.p), int(number.q)) if number.is_Rational else to_fraction(float(number))
    except (TypeError, ValueError, OverflowError, ArithmeticError) as err:
        raise ModelError(f"{where}: the value is not a finite real number that a float can hold ({err})") from None
    if abs(value) > LARGEST_PAYOFF:
        raise ModelError(f"{where}: the value is too large (at most 1e300 in absolute value)")
    return value


@dataclass(frozen=True, eq=False)
class Model:
    """A parametric two-player model with provenance, loaded from a model file.

    Use :func:`load_model` to make one. Attributes: ``name`` (the file stem),
    ``title``, ``description``, ``path``, ``parameters`` (name ->
    :class:`Parameter`), ``scenarios`` (name -> overrides), ``players``,
    ``strategies``, ``sequential`` (a :class:`~bargaining.games.tree.GameTree`
    or None) and ``issue`` (an :class:`Issue` or None).

    Examples
    --------
    >>> from bargaining import load_model
    >>> china = load_model("russia_china")
    >>> china.players, china.strategies[1]
    (('Russia', 'China'), ('Multilateral', 'Bilateral'))
    >>> sorted(china.scenarios)
    ['2013', '2015', '2016', 'stress']
    """

    name: str
    title: str
    description: str
    path: str
    parameters: Mapping
    scenarios: Mapping
    players: tuple
    strategies: tuple
    sequential: GameTree | None
    issue: Issue | None
    _symbolic: SymbolicGame = field(repr=False)

    def symbolic_game(self) -> SymbolicGame:
        """The payoff table as a :class:`SymbolicGame` (sympy expressions)."""
        return self._symbolic

    @property
    def symbols(self) -> Mapping:
        """Parameter name -> sympy Symbol."""
        return self._symbolic.symbols

    def values(self, scenario: str | None = None, **overrides) -> dict:
        """Exact parameter values: defaults, then a scenario, then keyword overrides.

        Values may be ints, floats (read as written: 0.75 is 3/4), Fractions,
        Decimals or decimal strings.

        Raises
        ------
        ModelError
            On an unknown scenario or parameter (the valid names are listed).

        Warns
        -----
        RangeWarning
            When a value lies outside the parameter's plausible range.

        Examples
        --------
        >>> from bargaining import load_model
        >>> load_model("russia_belarus").values("2015")["R"]
        3/4
        """
        return resolve_values(self, scenario, overrides)

    def _by_symbol(self, values: Mapping) -> dict:
        return {self.parameters[name].symbol: value for name, value in values.items()}

    def game(self, scenario: str | None = None, **overrides) -> Game:
        """The numeric game at a scenario and/or parameter values, with exact payoffs.

        Examples
        --------
        >>> from bargaining import load_model, equilibria
        >>> g = load_model("russia_belarus").game(R=1)
        >>> [e.describe() for e in equilibria(g, exact=True)]
        ['Russia: Subsidize · Belarus: Align']
        """
        with warnings.catch_warnings():
            warnings.simplefilter("always", RangeWarning)
            values = self.values(scenario, **overrides)
        return self._symbolic.substitute(self._by_symbol(values))

    def subgame_perfect(self, scenario: str | None = None, *, node: str | None = None, **overrides) -> SubgamePerfect:
        """The subgame-perfect path of the model's sequential form (or the subtree at ``node``).

        Raises
        ------
        ModelError
            If the model has no sequential form.

        Examples
        --------
        >>> from bargaining import load_model
        >>> load_model("russia_armenia").subgame_perfect(R=0.3).describe()
        'Armenia: Demand → Russia: Refuse → Armenia: CarryOut'
        """
        if self.sequential is None:
            raise ModelError(f"{self.path}: the model has no [sequential] section")
        values = self._by_symbol(self.values(scenario, **overrides))
        return subgame_perfect(self.sequential, values, node=node, where=f"{self.path}: ")

    def disagreement(self, scenario: str | None = None, **overrides) -> tuple:
        """The issue's disagreement point (row, column) as exact numbers at these values.

        Examples
        --------
        >>> from bargaining import load_model
        >>> load_model("russia_armenia").disagreement(R=0.75)
        (-1, -7/20)
        """
        if self.issue is None:
            raise ModelError(f"{self.path}: the model has no [issue] section")
        values = self._by_symbol(self.values(scenario, **overrides))
        kind = self.issue.disagreement_kind
        if kind == "explicit":
            return tuple(
                evaluate(e, values, where=f"{self.path}: issue.disagreement[{k}]")
                for k, e in enumerate(self.issue.disagreement)
            )
        if kind == "subgame":
            return subgame_perfect(self.sequential, values, node=self.issue.disagreement, where=f"{self.path}: ").payoffs
        j = self.strategies[1].index(self.issue.disagreement)
        S = self._symbolic
        cells = [
            tuple(evaluate(M[i, j], values, where=f"{self.path}: payoffs") for M in (S.A, S.B))
            for i in range(len(self.strategies[0]))
        ]
        best = max(cell[0] for cell in cells)
        return next(cell for cell in cells if cell[0] == best)

    def __repr__(self) -> str:
        return f"Model({self.name!r}: {self.title}; parameters {', '.join(self.parameters)})"

    def _repr_html_(self) -> str:
        import html

        from ..games.display import html_table

        rows = [
            [p.name if p.display == p.name else f"{p.name} ({p.display})", _exact_value(p.value),
             "fixed" if p.fixed else f"{_exact_value(p.range[0])} to {_exact_value(p.range[1])}", p.meaning]
            for p in self.parameters.values()
        ]
        players = "; ".join(f"{html.escape(p)}: {html.escape(', '.join(s))}" for p, s in zip(self.players, self.strategies))
        return (f"<p><b>{html.escape(self.title)}</b> ({html.escape(self.name)})<br>{players}</p>"
                + html_table(["parameter", "value", "range", "meaning"], rows))


def _exact_value(value):
    """A sympy/Fraction number as a Fraction where rational (for display)."""
    from fractions import Fraction

    if getattr(value, "is_Rational", False):
        return Fraction(int(value.p), int(value.q))
    return value


# ------------------------------------------------------------------ loading
def _bundled_dir(package: str, folder: str):
    # In a source checkout (pyproject.toml beside the package), the checkout's own folder wins:
    # an editable install elsewhere must not hand a working tree another tree's model files.
    checkout = Path(__file__).resolve().parent.parent.parent
    if package != "bargaining" and (checkout / "pyproject.toml").is_file() and (checkout / folder).is_dir():
        return checkout / folder
    try:
        root = resources.files(package)
        if package == "bargaining":
            root = root / folder
        if root.is_dir():
            return root
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / folder if package != "bargaining" else None


def _names_in(directory, *, linked: bool = False) -> list:
    if directory is None or not directory.is_dir():
        return []
    return sorted(item.name[:-5] for item in directory.iterdir()
                  if item.name.endswith(".toml") and _is_linked(item) == linked)


def _is_linked(item) -> bool:
    text = item.read_bytes()
    return text.startswith(b"[linked]") or b"\n[linked]" in text


def bundled_models() -> tuple:
    """Names of the models that ship with the package.

    Returns
    -------
    tuple of str
        The stems of the bundled ``.toml`` model files, sorted; each is a
        valid argument of :func:`load_model`. Empty if the models directory
        is missing.

    Examples
    --------
    >>> bundled_models()
    ('russia_armenia', 'russia_armenia_private', 'russia_belarus', 'russia_belarus_loyalty', 'russia_china')
    """
    return tuple(_names_in(_bundled_dir("bargaining.models", "models")))


def bundled_linked_models() -> tuple:
    """Names of the linked models (``[linked]`` files) that ship with the package.

    Returns
    -------
    tuple of str
        Each a valid argument of :func:`load_model`, which returns a
        :class:`~bargaining.modelling.linked.LinkedModel` for it.

    Examples
    --------
    >>> bundled_linked_models()
    ('russia_linked',)
    """
    return tuple(_names_in(_bundled_dir("bargaining.models", "models"), linked=True))


def bundled_examples() -> tuple:
    """Names of the example game files that ship with the package (``examples/NAME``)."""
    return tuple(f"examples/{n}" for n in _names_in(_bundled_dir("bargaining", "examples")))


def load_model(name_or_path) -> Model | LinkedModel:
    """Load a model: a bundled name (``"russia_belarus"``), ``"examples/NAME"``, or a path to a ``.toml`` file.

    Parameters
    ----------
    name_or_path : str or pathlib.Path
        A :class:`~pathlib.Path`, or a string ending in ``.toml`` or
        containing a ``/`` (other than the ``examples/`` prefix), is read as
        a file path; any other string names a bundled model (see
        :func:`bundled_models`) or, with the ``examples/`` prefix, a bundled
        example game.

    Returns
    -------
    Model or LinkedModel
        The parsed and validated model; a file with a ``[linked]`` table is
        a :class:`~bargaining.modelling.linked.LinkedModel`.

    Raises
    ------
    ModelError
        If the file is not found, is not valid TOML, or breaks the schema;
        the message names the file, the entry and the problem.

    Examples
    --------
    >>> load_model("russia_belarus").title
    'Russia–Belarus: subsidies for loyalty'
    >>> load_model("examples/prisoners_dilemma").game().shape
    (2, 2)
    """
    if isinstance(name_or_path, Path) or str(name_or_path).endswith(".toml") or "/" in str(name_or_path).replace(
        "examples/", "", 1
    ):
        path = Path(name_or_path)
        return _build(read_regular_file(path, MAX_FILE_BYTES), str(path), path.stem, base=path.parent)
    name = str(name_or_path)
    if name.startswith("examples/"):
        directory, stem = _bundled_dir("bargaining", "examples"), name.split("/", 1)[1]
    else:
        directory, stem = _bundled_dir("bargaining.models", "models"), name
    resource = directory / f"{stem}.toml" if directory is not None else None
    if resource is None or not resource.is_file():
        known = ", ".join((*bundled_models(), *bundled_linked_models(), *bundled_examples()))
        raise ModelError(f"{name}: no bundled model of that name, and no such .toml file; bundled: {known}")
    return _build(resource.read_bytes(), f"{stem}.toml", stem)


def _build(text: bytes, where: str, name: str, base=None) -> Model | LinkedModel:
    data = read_toml(text, where)
    if "linked" in data:
        return build_linked(data, where, name, base=base, load=load_model)
    extra = [key for key in data if key not in TOP_LEVEL_KEYS]
    if extra:
        raise ModelError(f"{where}: unknown top-level entries {extra}; allowed: {list(TOP_LEVEL_KEYS)}")
    for key in ("players", "payoffs"):
        if key not in data:
            raise ModelError(f"{where}: {key}: missing")
    title = data.get("title", name)
    description = data.get("description", "")
    if not isinstance(title, str) or not isinstance(description, str):
        raise ModelError(f"{where}: title and description must be text")
    check_text(title, f"{where}: title")
    check_text(description, f"{where}: description", name=False)
    players, strategies = parse_players(data["players"], where)
    parameters = parse_parameters(data.get("parameters", {}), where)
    scenarios = parse_scenarios(data.get("scenarios", {}), parameters, where)
    symbols = {name: p.symbol for name, p in parameters.items()}
    A, B = parse_payoffs(data["payoffs"], players, strategies, symbols, where)
    sequential = parse_tree(data["sequential"], players, symbols, where) if "sequential" in data else None
    issue = None
    if "issue" in data:
        node_ids = None if sequential is None else set(sequential.nodes)
        issue = parse_issue(data["issue"], symbols, strategies, node_ids, where)
    symbolic = SymbolicGame(
        sympy.ImmutableMatrix(A), sympy.ImmutableMatrix(B), players, strategies,
        MappingProxyType(symbols), where=f"{where}: ",
    )
    return Model(
        name=name,
        title=title.strip(),
        description=description.strip(),
        path=where,
        parameters=MappingProxyType(parameters),
        scenarios=MappingProxyType({k: MappingProxyType(v) for k, v in scenarios.items()}),
        players=players,
        strategies=strategies,
        sequential=sequential,
        issue=issue,
        _symbolic=symbolic,
    )
