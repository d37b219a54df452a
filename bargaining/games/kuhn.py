"""All Nash equilibria of a two-player tree in behaviour strategies, exactly (Kuhn 1953).

The tree's reduced normal form (:mod:`bargaining.games.tree_normal_form`) is
solved by the exact enumeration of extreme equilibria
(:func:`bargaining.games.exact.extreme_equilibria`); each mixed strategy is
mapped to the behaviour strategy it induces (Kuhn's theorem, perfect recall):
at an information set ``h`` of player ``i``, the probability of action ``a``
is the weight of the plans that reach ``h`` and choose ``a`` there, divided
by the weight of the plans that reach ``h``. Information sets that the
player's own strategy excludes get no behaviour (nothing there changes any
payoff). Realization-equivalent mixed strategies give one behaviour profile,
so duplicates are merged.

Every Nash equilibrium of the tree is realization-equivalent to a mixed
equilibrium of the reduced normal form, which is a convex combination of
extreme equilibria in one maximal Nash subset; the records returned are the
images of the extreme ones.

The reduced normal form can be exponentially larger than the tree, and the
enumeration of its extreme equilibria is exponential in its size: Kuhn's
three-card poker (27 x 64 reduced plans, a degenerate game) does not finish
in minutes. For one equilibrium of such a tree use
:func:`~bargaining.games.sequence_form.sequence_form_lemke`.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from ..errors import GameError
from .exact import extreme_equilibria
from .game import to_fraction
from .tree import GameTree
from .tree_equilibrium import TreeEquilibrium, make_tree_equilibrium
from .tree_normal_form import reduced_normal_form

__all__ = ["behaviour_equilibria", "behaviour_from_plans", "numeric_tree"]

METHOD = "extreme equilibria of the reduced normal form, as behaviour strategies (Kuhn)"


def numeric_tree(tree: GameTree, values: Mapping | None = None) -> GameTree:
    """The tree with parameter values substituted; an error if a parameter is left.

    Examples
    --------
    >>> from bargaining import load_model
    >>> armenia = load_model("russia_armenia")
    >>> numeric_tree(armenia.sequential, armenia.values(R=1)).parameters
    frozenset()
    """
    if values is not None:
        tree = tree.at(values)
    if tree.parameters:
        names = sorted(s.name for s in tree.parameters)
        raise GameError(f"the tree has parameters {names}: give their values (tree.at(values))")
    if len(tree.players) != 2:
        raise GameError(f"the solvers take two players (and chance); the tree has {len(tree.players)}")
    tree.require_perfect_recall()
    return tree


def behaviour_from_plans(tree: GameTree, player: str, plans, weights) -> dict:
    """The behaviour strategy induced by a mixture of reduced plans.

    Parameters
    ----------
    tree : GameTree
    player : str
    plans : sequence of mapping
        Reduced plans (information set label -> action).
    weights : sequence of Fraction
        Their probabilities.

    Returns
    -------
    dict
        Information set label -> {action: probability}, at every information
        set of ``player`` that some plan of positive weight reaches.

    Examples
    --------
    >>> from bargaining import load_model
    >>> tree = load_model("russia_armenia").sequential
    >>> plans = [{"armenia": "StatusQuo"}, {"armenia": "Demand", "refuse": "CarryOut"}]
    >>> behaviour_from_plans(tree, "Armenia", plans, [Fraction(1, 2), Fraction(1, 2)])
    {'armenia': {'StatusQuo': Fraction(1, 2), 'Demand': Fraction(1, 2)}, 'refuse': {'CarryOut': Fraction(1, 1), 'BackDown': Fraction(0, 1)}}
    """
    out = {}
    for label, s in tree.infosets.items():
        if s.player != player:
            continue
        needed = tree.sequence(s.nodes[0], player)
        reaching = [(plan, w) for plan, w in zip(plans, weights)
                    if w and all(plan.get(h) == a for h, a in needed)]
        total = sum((w for _, w in reaching), Fraction(0))
        if total:
            out[label] = {a: sum((w for plan, w in reaching if plan[label] == a), Fraction(0)) / total
                          for a in s.actions}
    return out


def behaviour_equilibria(tree: GameTree, values: Mapping | None = None) -> tuple[TreeEquilibrium, ...]:
    """Every extreme Nash equilibrium of a two-player tree, in behaviour strategies, verified exactly.

    Parameters
    ----------
    tree : GameTree
        Two players and chance, perfect recall, rational payoffs and
        probabilities (or parameters with ``values``).
    values : mapping, optional
        Parameter values for a parametric tree.

    Returns
    -------
    tuple of TreeEquilibrium
        One record per distinct behaviour profile, each with regret exactly 0
        at every information set reached with positive probability.

    Raises
    ------
    GameError
        If the tree is not numeric, has not two players or lacks perfect recall.

    References
    ----------
    H. W. Kuhn (1953), "Extensive games and the problem of information".
    D. Avis, G. Rosenberg, R. Savani, B. von Stengel (2010), "Enumeration of
    Nash equilibria for two-player games", Economic Theory 42:9-37.

    Examples
    --------
    >>> from bargaining.games.tree_build import TreeBuilder
    >>> t = TreeBuilder(players=("Row", "Col"))
    >>> _ = t.decision("Col", {"Out": t.end(2, 0, label="out"), "In": t.decision("Row",
    ...                {"Fight": t.end(-1, -1, label="war"), "Accommodate": t.end(1, 1, label="peace")},
    ...                infoset="row")}, infoset="col")
    >>> eqs = behaviour_equilibria(t.build())
    >>> [eq.path[0] for eq in eqs]
    ['Col: Out, p = 1', 'Col: In → Row: Accommodate, p = 1', 'Col: Out, p = 1']
    >>> [str(eq.behaviour["row"]["Fight"]) for eq in eqs]  # the threat deters when Fight has probability >= 1/2
    ['1', '0', '1/2']
    """
    tree = numeric_tree(tree, values)
    rnf = reduced_normal_form(tree)
    A = [[to_fraction(v) for v in row] for row in rnf.A.tolist()]
    B = [[to_fraction(v) for v in row] for row in rnf.B.tolist()]
    found, seen = [], set()
    for x, y in extreme_equilibria(A, B):
        behaviour = {}
        for player, plans, weights in zip(tree.players, rnf.plans, (x, y)):
            behaviour.update(behaviour_from_plans(tree, player, plans, weights))
        key = tuple(sorted((h, tuple(sorted(d.items()))) for h, d in behaviour.items()))
        if key in seen:
            continue
        seen.add(key)
        found.append(make_tree_equilibrium(tree, behaviour, METHOD))
    return tuple(found)
