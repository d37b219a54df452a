"""Linked model files: several bilateral models joined under one budget (a ``[linked]`` file).

A linked model file names its member models, the hub (the row player every
member shares), the resource cost of the hub's strategies, a budget, and
links between the dyads, all as expressions in the safe expression language
(:mod:`bargaining.modelling.expressions`)::

    title = "..."
    [linked]
    hub = "Russia"
    members = ["russia_belarus", "russia_armenia", "russia_china"]
    resource = "R"            # default costs: the payoff terms that scale as 1/R
    budget = "beta*R"         # optional: unlimited without it

    [parameters.beta]         # the file's own parameters (same schema as a model file)
    ...
    [costs.russia_belarus]    # optional overrides of the default costs
    Subsidize = "kappa*s"

    [[links]]                 # optional: the domino effect
    partner = "russia_armenia"
    watches = "russia_belarus"
    hub_strategy = "Cut"
    partner_strategy = "StatusQuo"   # optional
    payoff = "-d"

Parameters with the same name in several members (``R``) take one value;
a parameter the linked file declares overrides a member's of the same name.
Members are bundled model names or ``.toml`` paths relative to the linked
file. Default cost of a hub strategy: with ``resource = "R"``, the largest
(over the partner's strategies, and at least 0) of minus the coefficient of
``1/R`` in the hub's payoff, i.e. the part of its payoff that hurts more as
resources shrink; 0 without ``resource``.

:func:`bargaining.load_model` reads such a file into a :class:`LinkedModel`.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType

import sympy

from ..errors import GameError, ModelError
from ..games.linked import Link, LinkedGame
from ..numbers import evaluate
from .expressions import parse_expression
from .schema import (
    RangeWarning,
    _no_extra,
    _table,
    _text,
    parse_parameters,
    parse_scenarios,
    resolve_values,
)

__all__ = ["LinkedModel", "LinkSpec", "build_linked", "LINKED_KEYS"]

LINKED_KEYS = ("title", "description", "linked", "parameters", "scenarios", "costs", "links")
LINK_KEYS = ("partner", "watches", "hub_strategy", "partner_strategy", "payoff")
MAX_MEMBERS = 8


@dataclass(frozen=True)
class LinkSpec:
    """A link as written in a linked model file: member names and a payoff expression."""

    partner: str
    watches: str
    hub_strategy: str
    partner_strategy: str | None
    payoff: sympy.Expr


@dataclass(frozen=True, eq=False)
class LinkedModel:
    """Several bilateral models joined under one budget, loaded from a ``[linked]`` model file.

    Attributes: ``name``, ``title``, ``description``, ``path``, ``hub``,
    ``members`` (the member :class:`~bargaining.Model` objects), ``parameters``
    (name -> :class:`~bargaining.Parameter`, members' and the file's own),
    ``scenarios``, ``costs`` (member name -> hub strategy -> tuple of sympy
    expressions whose maximum, and 0, is the cost), ``budget`` (a sympy
    expression or None), ``links`` (:class:`LinkSpec` records) and
    ``resource`` (the resource parameter's name, or None).

    Examples
    --------
    >>> from bargaining import load_model
    >>> linked = load_model("russia_linked")
    >>> linked.hub, [m.name for m in linked.members]
    ('Russia', ['russia_belarus', 'russia_armenia', 'russia_china'])
    >>> linked.game(R=1).partners
    ('Belarus', 'Armenia', 'China')
    """

    name: str
    title: str
    description: str
    path: str
    hub: str
    members: tuple
    parameters: Mapping
    scenarios: Mapping
    costs: Mapping
    budget: sympy.Expr | None
    links: tuple
    resource: str | None
    _symbols: Mapping = field(repr=False)

    @property
    def symbols(self) -> Mapping:
        """Parameter name -> sympy Symbol."""
        return self._symbols

    def values(self, scenario: str | None = None, **overrides) -> dict:
        """Exact parameter values: defaults, then a scenario, then keyword overrides (as :meth:`Model.values`)."""
        return resolve_values(self, scenario, overrides)

    def _number(self, expr, values, where) -> Fraction:
        by_symbol = {self._symbols[n]: v for n, v in values.items()}
        number = evaluate(expr, by_symbol, where=f"{self.path}: {where}")
        if not number.is_Rational:
            raise ModelError(f"{self.path}: {where}: the value {number} is not rational")
        return Fraction(int(number.p), int(number.q))

    def budget_value(self, scenario: str | None = None, **overrides) -> Fraction | None:
        """The budget at these values (None when unlimited).

        Examples
        --------
        >>> from bargaining import load_model
        >>> load_model("russia_linked").budget_value(R=1) > 0
        True
        """
        if self.budget is None:
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RangeWarning)
            values = self.values(scenario, **overrides)
        return self._number(self.budget, values, "linked.budget")

    def cost_values(self, values: Mapping) -> dict:
        """Member name -> hub strategy -> exact cost at these parameter values."""
        out = {}
        for member, table in self.costs.items():
            out[member] = {s: max([Fraction(0)] + [self._number(e, values, f"costs.{member}.{s}") for e in exprs])
                           for s, exprs in table.items()}
        return out

    def game(self, scenario: str | None = None, **overrides) -> LinkedGame:
        """The :class:`~bargaining.LinkedGame` at a scenario and/or parameter values, exactly.

        Raises
        ------
        ModelError
            If an expression cannot be evaluated, or no combined strategy fits
            the budget at these values.
        """
        with warnings.catch_warnings():
            warnings.simplefilter("always", RangeWarning)
            values = self.values(scenario, **overrides)
        dyads = []
        for member in self.members:
            own = {n: v for n, v in values.items() if n in member.parameters}
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RangeWarning)
                dyads.append(member.game(**own))
        partner = {m.name: d.players[1] for m, d in zip(self.members, dyads)}
        costs = {partner[m]: table for m, table in self.cost_values(values).items()}
        links = [Link(partner[spec.partner], partner[spec.watches], spec.hub_strategy,
                      self._number(spec.payoff, values, f"links[{k}].payoff"), spec.partner_strategy)
                 for k, spec in enumerate(self.links)]
        budget = None if self.budget is None else self._number(self.budget, values, "linked.budget")
        try:
            return LinkedGame(dyads, costs=costs, budget=budget, links=links)
        except GameError as err:
            raise ModelError(f"{self.path}: linked: {err}") from None

    def __repr__(self) -> str:
        return f"LinkedModel({self.name!r}: {self.title}; members {', '.join(m.name for m in self.members)})"


def _member(entry, where: str, base: Path | None, load):
    here = f"{where}: linked.members"
    if not isinstance(entry, str) or not entry.strip():
        raise ModelError(f"{here}: {entry!r} is not a model name")
    if entry.endswith(".toml"):
        path = Path(entry)
        if path.is_absolute() or base is None or ".." in path.parts:
            raise ModelError(f"{here}: {entry!r}: a member path must be relative to the linked file, without '..'")
        target = base / path
    else:
        if "/" in entry or "\\" in entry:
            raise ModelError(f"{here}: {entry!r} is neither a bundled model name nor a .toml path")
        target = entry
    try:
        model = load(target)
    except ModelError as err:
        raise ModelError(f"{here}: {entry!r}: {err}") from None
    if isinstance(model, LinkedModel):
        raise ModelError(f"{here}: {entry!r} is itself a linked model")
    return model


def _cost_defaults(member, resource):
    S = member.symbolic_game()
    table = {}
    for i, strategy in enumerate(member.strategies[0]):
        exprs = ()
        if resource is not None and resource in member.symbols:
            R = member.symbols[resource]
            exprs = tuple(-sympy.expand(S.A[i, j]).coeff(R, -1) for j in range(S.A.shape[1]))
        table[strategy] = exprs
    return table


def build_linked(data: Mapping, where: str, name: str, *, base: Path | None, load) -> LinkedModel:
    """A :class:`LinkedModel` from parsed TOML (``load`` reads a member; ``base`` is the file's folder)."""
    _no_extra(data, LINKED_KEYS, where)
    title, description = data.get("title", name), data.get("description", "")
    if not isinstance(title, str) or not isinstance(description, str):
        raise ModelError(f"{where}: title and description must be text")
    spec = _table(data["linked"], f"{where}: linked")
    _no_extra(spec, ("hub", "members", "resource", "budget"), f"{where}: linked")
    hub = _text(spec, "hub", f"{where}: linked")
    names = spec.get("members")
    if not isinstance(names, list) or not names or len(names) > MAX_MEMBERS:
        raise ModelError(f"{where}: linked.members: expected a list of 1 to {MAX_MEMBERS} model names")
    if len(set(map(str, names))) != len(names):
        raise ModelError(f"{where}: linked.members: a member is listed twice")
    members = tuple(_member(entry, where, base, load) for entry in names)
    by_name = {m.name: m for m in members}
    if len(by_name) != len(members):
        raise ModelError(f"{where}: linked.members: two members have the same name")
    for m in members:
        if m.players[0] != hub:
            raise ModelError(f"{where}: linked.hub: {hub!r} is not the row player of {m.name} ({m.players[0]!r})")
    parameters = {}
    for m in members:
        parameters.update(m.parameters)
    own = parse_parameters(data.get("parameters", {}), where)
    parameters.update(own)
    symbols = {n: p.symbol for n, p in parameters.items()}
    scenarios = parse_scenarios(data.get("scenarios", {}), parameters, where)
    resource = spec.get("resource")
    if resource is not None and resource not in parameters:
        raise ModelError(f"{where}: linked.resource: {resource!r} is not a parameter")
    budget = None
    if "budget" in spec:
        budget = parse_expression(spec["budget"], symbols, where=f"{where}: linked.budget")
    costs = {m.name: _cost_defaults(m, resource) for m in members}
    given = _table(data.get("costs", {}), f"{where}: costs")
    for member, table in given.items():
        if member not in by_name:
            raise ModelError(f"{where}: costs.{member}: not a member; members: {list(by_name)}")
        for strategy, text in _table(table, f"{where}: costs.{member}").items():
            if strategy not in by_name[member].strategies[0]:
                raise ModelError(f"{where}: costs.{member}.{strategy}: not a strategy of {hub} "
                                 f"{list(by_name[member].strategies[0])}")
            costs[member][strategy] = (parse_expression(text, symbols, where=f"{where}: costs.{member}.{strategy}"),)
    links = tuple(_link(entry, k, where, by_name, symbols) for k, entry in enumerate(_list(data, where)))
    model = LinkedModel(
        name=name, title=title.strip(), description=description.strip(), path=where, hub=hub, members=members,
        parameters=MappingProxyType(parameters),
        scenarios=MappingProxyType({k: MappingProxyType(v) for k, v in scenarios.items()}),
        costs=MappingProxyType({m: MappingProxyType(t) for m, t in costs.items()}),
        budget=budget, links=links, resource=resource, _symbols=MappingProxyType(symbols),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RangeWarning)
        model.game()  # every expression evaluates and the budget admits a choice at the defaults
    return model


def _list(data, where):
    links = data.get("links", [])
    if not isinstance(links, list):
        raise ModelError(f"{where}: links: expected an array of tables ([[links]])")
    return links


def _link(entry, k, where, by_name, symbols) -> LinkSpec:
    here = f"{where}: links[{k}]"
    entry = _table(entry, here)
    _no_extra(entry, LINK_KEYS, here)
    partner, watches = _text(entry, "partner", here), _text(entry, "watches", here)
    for key, member in (("partner", partner), ("watches", watches)):
        if member not in by_name:
            raise ModelError(f"{here}.{key}: {member!r} is not a member; members: {list(by_name)}")
    if partner == watches:
        raise ModelError(f"{here}: the partner watches its own dyad; a link joins two members")
    hub_strategy = _text(entry, "hub_strategy", here)
    if hub_strategy not in by_name[watches].strategies[0]:
        raise ModelError(f"{here}.hub_strategy: {hub_strategy!r} is not a strategy of the hub in {watches} "
                         f"{list(by_name[watches].strategies[0])}")
    partner_strategy = entry.get("partner_strategy")
    if partner_strategy is not None and partner_strategy not in by_name[partner].strategies[1]:
        raise ModelError(f"{here}.partner_strategy: {partner_strategy!r} is not a strategy of "
                         f"{by_name[partner].players[1]} {list(by_name[partner].strategies[1])}")
    if "payoff" not in entry:
        raise ModelError(f"{here}.payoff: missing")
    payoff = parse_expression(entry["payoff"], symbols, where=f"{here}.payoff")
    return LinkSpec(partner, watches, hub_strategy, partner_strategy, payoff)
