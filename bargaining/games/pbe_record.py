"""The record of a perfect Bayesian equilibrium of a tree: behaviour, beliefs (a point or an exact set), outcome, paths.

One :class:`PerfectBayesian` record is one *equilibrium outcome*: the
behaviour at every information set on the path, with every assessment off
the path that supports it. Off the path there may be a continuum (beliefs in
an interval, a mixture in a range): the record keeps that set exactly as a
union of :class:`AssessmentPiece` polytopes (each with its linear constraints and its
exact vertices), and offers a representative assessment (:attr:`behaviour`,
:attr:`beliefs`), interval summaries (:meth:`belief_set`,
:meth:`behaviour_set`) and the path in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

import sympy

from .tree import ChanceNode, DecisionNode, GameTree, exact
from .tree_equilibrium import TreeEquilibrium

__all__ = ["AssessmentPiece", "PerfectBayesian", "path_words", "signaling_kind"]


def _rational(value):
    value = Fraction(value) if not isinstance(value, sympy.Basic) else value
    return sympy.Rational(value.numerator, value.denominator) if isinstance(value, Fraction) else value


@dataclass(frozen=True)
class AssessmentPiece:
    """A polytope of assessments with the same supports, described exactly.

    Attributes
    ----------
    supports : mapping of information set -> tuple of actions
        The actions played with positive probability.
    parameters : tuple of sympy.Symbol
        The free coordinates (``p[infoset:action]``, ``mu[infoset:node]``).
    behaviour : mapping of information set -> {action: expression}
        Probabilities as affine expressions in the parameters (numbers when fixed).
    beliefs : mapping of information set -> {node id: expression}
        Beliefs (by Bayes' rule, rational in the parameters, or free and affine).
    constraints : tuple of sympy relations
        The linear inequalities on the parameters that define the piece's closure.
    vertices : tuple of mapping
        The exact extreme points, parameter name -> Fraction.
    free_beliefs : tuple of str
        The information sets whose belief Bayes' rule leaves free (off the path).
    """

    supports: Mapping
    parameters: tuple
    behaviour: Mapping
    beliefs: Mapping
    constraints: tuple
    vertices: tuple
    free_beliefs: tuple = ()

    def at(self, point: Mapping) -> tuple:
        """The assessment ``(behaviour, beliefs)`` at a point of the piece, exactly.

        Where Bayes' rule loses its denominator at the point (a vertex where
        an information set stops being reached), the belief is the limit
        from the piece's centroid along the segment.

        Parameters
        ----------
        point : mapping of parameter name -> number
            A point of the piece (e.g. one of :attr:`vertices`).

        Returns
        -------
        tuple of (dict, dict)
            Behaviour (information set -> {action: number}) and beliefs
            (information set -> {node id: number}).
        """
        values = {s: _rational(point[s.name]) for s in self.parameters}
        behaviour = {h: {a: sympy.nsimplify(exact(p).subs(values)) for a, p in probs.items()}
                     for h, probs in self.behaviour.items()}
        beliefs = {}
        for h, belief in self.beliefs.items():
            numbers = {n: exact(b).subs(values) for n, b in belief.items()}
            if any(v.has(sympy.nan, sympy.zoo) for v in numbers.values()):
                t = sympy.Symbol("t", positive=True)
                centre = self.centroid()
                line = {s: values[s] + t * (_rational(centre[s.name]) - values[s]) for s in self.parameters}
                numbers = {n: sympy.limit(exact(b).subs(line), t, 0, "+") for n, b in belief.items()}
            beliefs[h] = {n: sympy.nsimplify(v) for n, v in numbers.items()}
        return behaviour, beliefs

    def centroid(self) -> dict:
        """The average of the vertices (a point of the relative interior), parameter name -> Fraction."""
        names = [s.name for s in self.parameters]
        return {n: sum((v[n] for v in self.vertices), Fraction(0)) / len(self.vertices) for n in names}


@dataclass(frozen=True)
class PerfectBayesian:
    """One perfect Bayesian equilibrium outcome of a tree, with the exact set of assessments supporting it.

    Attributes
    ----------
    players : tuple of str
        The players, in payoff order.
    kind : str
        ``"pooling"``, ``"separating"`` or ``"semi-separating"`` when the
        tree starts with nature drawing the first mover's type; otherwise
        ``"pure"`` or ``"mixed"`` (behaviour on the path).
    equilibrium : TreeEquilibrium
        A representative assessment of the set (an interior point of its
        first piece) as the package's tree-equilibrium record, verified again
        there by :func:`~bargaining.games.tree_equilibrium.make_tree_equilibrium`
        (regret 0 at every information set); :attr:`behaviour`,
        :attr:`beliefs`, :attr:`payoffs` and :attr:`outcome` read from it.
    pieces : tuple of AssessmentPiece
        The exact set of supporting assessments: the union of these polytopes.
    type_payoffs : mapping
        For a tree whose root is nature's draw: outcome label -> expected payoffs.
    paths : tuple of (str, Fraction)
        The paths in words (nature's moves left out) with their probabilities.
    on_path : tuple of str
        The information sets reached with positive probability.
    varies_on_path : bool
        Whether the behaviour on the path varies inside the set (a continuum of outcomes).
    method : str
        How the record was found and checked.
    """

    kind: str
    equilibrium: TreeEquilibrium
    pieces: tuple
    type_payoffs: Mapping
    paths: tuple
    on_path: tuple
    varies_on_path: bool
    method: str

    @property
    def players(self) -> tuple:
        """The players, in payoff order."""
        return self.equilibrium.players

    @property
    def behaviour(self) -> dict:
        """The representative behaviour: information set -> {action: probability}, actions played only."""
        return {h: {a: p for a, p in dist.items() if p} for h, dist in self.equilibrium.behaviour.items()}

    @property
    def beliefs(self) -> Mapping:
        """The representative belief at every information set (Bayes' rule on the path)."""
        return self.equilibrium.beliefs

    @property
    def payoffs(self) -> tuple:
        """Expected payoffs, players in order (exact)."""
        return self.equilibrium.payoffs

    @property
    def outcome(self) -> Mapping:
        """Terminal label -> probability (zeros left out)."""
        return self.equilibrium.outcome

    def describe(self, digits: int = 3) -> str:
        """The paths in words with their probabilities, one per line.

        Examples
        --------
        >>> from bargaining.games.signaling import beer_quiche
        >>> from bargaining.games.pbe import perfect_bayesian
        >>> print(perfect_bayesian(beer_quiche())[0].describe())
        Sender: Beer → Receiver: NotFight, p = 1
        """
        return "\n".join(f"{words}, p = {float(p):.{digits}g}" for words, p in self.paths)

    def _interval(self, key, inner) -> tuple:
        spans = []
        for piece in self.pieces:
            table = piece.behaviour if inner == "behaviour" else piece.beliefs
            if key[0] not in table or key[1] not in table[key[0]]:
                continue
            expr = exact(table[key[0]][key[1]])
            points = [expr.subs({s: sympy.Rational(v[s.name].numerator, v[s.name].denominator)
                                 for s in piece.parameters}) for v in piece.vertices]
            points = [p for p in points if p.is_number and not p.has(sympy.nan, sympy.zoo)]
            if points:
                spans.append((min(points), max(points)))
        spans.sort()
        merged = []
        for lo, hi in spans:
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
            else:
                merged.append((lo, hi))
        return tuple(merged)

    def belief_set(self, infoset: str) -> dict:
        """The exact range of the belief on each node of an information set over the record's set.

        Parameters
        ----------
        infoset : str
            An information set label.

        Returns
        -------
        dict
            Node id -> tuple of closed intervals ``(low, high)`` (one interval
            unless the set is disconnected).

        Examples
        --------
        >>> from bargaining.games.signaling import beer_quiche
        >>> from bargaining.games.pbe import perfect_bayesian
        >>> perfect_bayesian(beer_quiche())[0].belief_set("after Quiche")["weak:Quiche"]
        ((1/2, 1),)
        """
        nodes = next(p.beliefs[infoset] for p in self.pieces if infoset in p.beliefs)
        return {n: self._interval((infoset, n), "beliefs") for n in nodes}

    def behaviour_set(self, infoset: str) -> dict:
        """The exact range of each action's probability at an information set over the record's set.

        Parameters
        ----------
        infoset : str
            An information set label.

        Returns
        -------
        dict
            Action -> tuple of closed intervals ``(low, high)``.

        Examples
        --------
        >>> from bargaining.games.signaling import beer_quiche
        >>> from bargaining.games.pbe import perfect_bayesian
        >>> perfect_bayesian(beer_quiche())[0].behaviour_set("after Quiche")["Fight"]
        ((1/2, 1),)
        """
        actions = {a for p in self.pieces for a in p.behaviour[infoset]}
        return {a: self._interval((infoset, a), "behaviour") or ((0, 0),) for a in sorted(actions)}

    def _repr_html_(self) -> str:
        """A small HTML table for notebooks: paths with probabilities, then behaviour and beliefs."""
        from html import escape

        rows = [f"<tr><td>{escape(w)}</td><td>{p}</td></tr>" for w, p in self.paths]
        rows += [f"<tr><td><i>{escape(h)}</i></td><td>{escape(', '.join(f'{a} {p}' for a, p in d.items()))}</td></tr>"
                 for h, d in self.behaviour.items()]
        rows += [f"<tr><td>belief at <i>{escape(h)}</i></td><td>{escape(str(self.belief_set(h)))}</td></tr>"
                 for h in self.beliefs if len(self.beliefs[h]) > 1]
        return (f"<table><caption>{escape(self.kind)} perfect Bayesian equilibrium; payoffs "
                f"{escape(', '.join(f'{n} {v}' for n, v in zip(self.players, self.payoffs)))}</caption>"
                + "".join(rows) + "</table>")

    def __repr__(self) -> str:
        paths = "; ".join(f"{w}, p = {float(p):.3g}" for w, p in self.paths)
        return f"PerfectBayesian({self.kind}: {paths}; payoffs {tuple(str(p) for p in self.payoffs)})"


def path_words(tree: GameTree, outcome: Mapping) -> tuple:
    """The paths to the reached terminal nodes in words, nature's moves left out, with summed probabilities.

    Parameters
    ----------
    tree : GameTree
        The tree.
    outcome : mapping of terminal node id -> probability
        Probabilities of the terminal nodes reached.

    Returns
    -------
    tuple of (str, probability)
        ``("Armenia: Demand → Russia: Refuse", p)`` pairs in tree order.

    Examples
    --------
    >>> from bargaining.games.signaling import beer_quiche
    >>> path_words(beer_quiche(), {"strong:Beer:NotFight": Fraction(9, 10), "weak:Beer:NotFight": Fraction(1, 10)})
    (('Sender: Beer → Receiver: NotFight', Fraction(1, 1)),)
    """
    found: dict = {}
    for node_id in tree.preorder():
        if node_id not in outcome or outcome[node_id] == 0:
            continue
        words = " → ".join(f"{tree.nodes[n].player}: {a}" for n, a in tree.history(node_id)
                           if isinstance(tree.nodes[n], DecisionNode))
        found[words or "(nature only)"] = found.get(words or "(nature only)", 0) + outcome[node_id]
    return tuple((w, Fraction(p)) for w, p in found.items())


def signaling_kind(tree: GameTree, behaviour: Mapping) -> str | None:
    """``pooling``, ``separating`` or ``semi-separating`` for a tree that starts with nature drawing a type.

    The first mover after nature must be one player with one information
    set per type (it knows its type). None when the tree is not of that shape.

    Parameters
    ----------
    tree : GameTree
        The tree.
    behaviour : mapping
        Information set label -> {action: probability}.

    Returns
    -------
    str or None

    Examples
    --------
    >>> from bargaining.games.signaling import beer_quiche
    >>> signaling_kind(beer_quiche(), {"strong": {"Beer": 1}, "weak": {"Quiche": 1}})
    'separating'
    """
    root = tree.nodes[tree.root]
    if not isinstance(root, ChanceNode):
        return None
    firsts = [tree.nodes[c] for _, c in root.actions]
    if not all(isinstance(n, DecisionNode) for n in firsts) or len({n.player for n in firsts}) != 1:
        return None
    labels = [n.info for n in firsts]
    if len(set(labels)) != len(labels) or len(labels) < 2:
        return None
    supports = [frozenset(a for a, p in behaviour[h].items() if p != 0) for h in labels]
    if all(len(s) == 1 for s in supports) and len(set(supports)) == 1:
        return "pooling"
    if all(not (a & b) for k, a in enumerate(supports) for b in supports[k + 1:]):
        return "separating"
    return "semi-separating"
