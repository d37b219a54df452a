"""The record of an equilibrium of a game tree, verified exactly at every information set.

Every solver on trees (:func:`~bargaining.games.kuhn.behaviour_equilibria`,
:func:`~bargaining.games.subgames.subgame_perfect_equilibria`,
:func:`~bargaining.games.sequence_form.sequence_form_lemke`, and the perfect
Bayesian solvers) returns :class:`TreeEquilibrium` records made by
:func:`make_tree_equilibrium`, which computes the payoffs, the outcome, the
paths and the regrets from the behaviour profile and refuses a profile whose
regret is not exactly 0 where it must be.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from ..errors import SolverError
from .behaviour import (
    bayes_beliefs,
    expected_payoffs,
    infoset_regrets,
    normalise_behaviour,
    outcome,
    path_words,
)
from .tree import GameTree

__all__ = ["TreeEquilibrium", "make_tree_equilibrium"]


@dataclass(frozen=True)
class TreeEquilibrium:
    """An equilibrium of a game tree in behaviour strategies, with what it implies.

    Attributes
    ----------
    players : tuple of str
    behaviour : mapping of information set label -> mapping of action -> Fraction
        Every information set that can be reached given its own player's
        strategy (an information set its own player's earlier actions exclude
        may be missing: what is played there changes nothing).
    beliefs : mapping of information set label -> mapping of node id -> Fraction
        By Bayes' rule at every information set reached with positive
        probability; at others, the beliefs the solver used (if any).
    payoffs : tuple of Fraction
        Expected payoffs, in the order of ``players``.
    outcome : mapping of terminal label -> Fraction
        The probability of each end of the game (zeros left out): a summary
        that does not depend on how strategies are represented.
    path : tuple of str
        Every path played with positive probability in words, e.g.
        ``"Armenia: Demand → Russia: Refuse → Armenia: BackDown, p = 0.135"``.
    regrets : mapping of information set label -> Fraction or None
        The exact regret at every information set (0 where verified; None
        where no belief is defined).
    method : str
        How the equilibrium was found.
    verified : str
        What was checked.

    Examples
    --------
    >>> from bargaining.games.tree_build import TreeBuilder
    >>> t = TreeBuilder(players=("Row", "Col"))
    >>> _ = t.decision("Col", {"Out": t.end(2, 0, label="out"), "In": t.decision("Row",
    ...                {"Fight": t.end(-1, -1), "Accommodate": t.end(1, 1, label="peace")}, infoset="row")},
    ...                infoset="col")
    >>> eq = make_tree_equilibrium(t.build(), {"col": {"In": 1}, "row": {"Accommodate": 1}}, "by hand")
    >>> eq.payoffs, dict(eq.outcome), eq.path
    ((Fraction(1, 1), Fraction(1, 1)), {'peace': Fraction(1, 1)}, ('Col: In → Row: Accommodate, p = 1',))
    """

    players: tuple
    behaviour: Mapping
    beliefs: Mapping
    payoffs: tuple
    outcome: Mapping
    path: tuple
    regrets: Mapping
    method: str
    verified: str

    def describe(self) -> str:
        """The behaviour at every information set and the payoffs, in one line each.

        Examples
        --------
        >>> from bargaining.games.tree_build import TreeBuilder
        >>> t = TreeBuilder(players=("A", "B")); _ = t.decision("A", {"L": t.end(1, 0), "R": t.end(0, 1)}, infoset="a")
        >>> print(make_tree_equilibrium(t.build(), {"a": {"L": 1}}, "by hand").describe())
        a: L
        payoffs: A 1, B 0
        """
        lines = []
        for label, dist in self.behaviour.items():
            played = [f"{a} {p}" if p != 1 else a for a, p in dist.items() if p]
            lines.append(f"{label}: {', '.join(played)}")
        lines.append("payoffs: " + ", ".join(f"{n} {v}" for n, v in zip(self.players, self.payoffs)))
        return "\n".join(lines)


def make_tree_equilibrium(tree: GameTree, behaviour: Mapping, method: str, *, beliefs: Mapping | None = None,
                          everywhere: bool = False) -> TreeEquilibrium:
    """Verify a behaviour profile exactly and return its record.

    Parameters
    ----------
    tree : GameTree
        A numeric two-or-more-player tree with perfect recall.
    behaviour : mapping
        Information set label -> {action: probability}.
    method : str
        How it was found (copied to the record).
    beliefs : mapping, optional
        Beliefs at information sets off the path (Bayes' rule applies on it).
    everywhere : bool
        Require regret 0 at every information set (sequential rationality
        given ``beliefs``, which must then cover every unreached one), not
        only at reached ones (Nash equilibrium).

    Returns
    -------
    TreeEquilibrium
        The verified record, with payoffs, outcome, paths and regrets.

    Raises
    ------
    SolverError
        If some regret that must be 0 is not.

    Examples
    --------
    >>> from bargaining.games.tree_build import TreeBuilder
    >>> t = TreeBuilder(players=("A", "B")); _ = t.decision("A", {"L": t.end(1, 0), "R": t.end(0, 1)}, infoset="a")
    >>> make_tree_equilibrium(t.build(), {"a": {"R": 1}}, "by hand")
    Traceback (most recent call last):
    bargaining.errors.SolverError: by hand: regret 1 at information set 'a' of A
    """
    behaviour = normalise_behaviour(tree, behaviour)
    regrets = infoset_regrets(tree, behaviour, beliefs)
    for label, value in regrets.items():
        if value is None and everywhere:
            raise SolverError(f"{method}: no belief at information set {label!r}")
        if value:
            raise SolverError(f"{method}: regret {value} at information set {label!r} of {tree.infosets[label].player}")
    all_beliefs = {k: dict(v) for k, v in (beliefs or {}).items()}
    all_beliefs.update(bayes_beliefs(tree, behaviour))
    order = [label for label in tree.infosets if label in all_beliefs]
    verified = ("regret 0 (exact) at every information set" if everywhere or all(v is not None for v in regrets.values())
                else "regret 0 (exact) at every information set with a belief (Bayes' rule on the path)")
    return TreeEquilibrium(
        players=tree.players,
        behaviour=_frozen({k: behaviour[k] for k in tree.infosets if k in behaviour}),
        beliefs=_frozen({k: all_beliefs[k] for k in order}),
        payoffs=expected_payoffs(tree, behaviour),
        outcome=MappingProxyType(outcome(tree, behaviour)),
        path=path_words(tree, behaviour),
        regrets=MappingProxyType(regrets),
        method=method,
        verified=verified,
    )


def _frozen(nested: Mapping) -> Mapping:
    return MappingProxyType({k: MappingProxyType({a: Fraction(p) for a, p in v.items()}) for k, v in nested.items()})
