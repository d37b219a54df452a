"""Tree shapes for estimation: the package's game tree read into flat arrays, and the R package's trees.

Estimation needs a tree's structure only (who moves where, which terminal
ends each path), never its payoffs: the payoffs are what the data estimate.
:func:`shape_of` reads a :class:`~bargaining.games.tree.GameTree` into a
:class:`TreeShape` (nodes in preorder, terminals left to right);
:func:`egame12`, :func:`egame122` and :func:`egame123` build the three trees of
the R package ``games`` (Kenkel and Signorino 2014) with the terminal numbering
of its documentation, so that utility names such as ``u14`` mean what they mean
there.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from ..errors import ModelError
from ..games.tree import ChanceNode, GameTree, TerminalNode

__all__ = ["TreeShape", "shape_of", "egame12", "egame122", "egame123"]


@dataclass(frozen=True)
class TreeShape:
    """The structure of a perfect-information tree as flat tuples (nodes in preorder).

    Attributes
    ----------
    players : tuple of str
        The players' names; utilities are numbered by position (1-based).
    movers : tuple of int
        For each node, the index of the player who moves there (``-1`` at a terminal).
    children : tuple of tuple of int
        For each node, the indices of its children (empty at a terminal).
    actions : tuple of tuple of str
        For each node, the names of its actions.
    terminals : tuple of str
        Terminal node ids, left to right.
    terminal_nodes : tuple of int
        The node index of each terminal.
    labels : tuple of str
        Terminal labels (the id where a terminal has none), left to right.
    chance : tuple
        For each node, its outcome probabilities as floats at a chance node
        (mover ``-2``), else None.
    """

    players: tuple
    movers: tuple
    children: tuple
    actions: tuple
    terminals: tuple
    terminal_nodes: tuple
    labels: tuple = ()
    chance: tuple = ()

    @property
    def postorder(self) -> tuple:
        """Node indices, children before parents."""
        return tuple(reversed(range(len(self.movers))))

    def moves_below(self, node: int, player: int) -> bool:
        """Whether ``player`` moves at a decision node strictly below ``node``."""
        stack = list(self.children[node])
        while stack:
            k = stack.pop()
            if self.movers[k] == player:
                return True
            stack.extend(self.children[k])
        return False

    def terminals_below(self, node: int) -> tuple:
        """Positions (in ``terminals``) of the terminals reachable from ``node``."""
        out, stack = [], [node]
        while stack:
            k = stack.pop()
            if not self.children[k]:
                out.append(self.terminal_nodes.index(k))
            stack.extend(self.children[k])
        return tuple(sorted(out))


def shape_of(tree) -> TreeShape:
    """Read a game tree's structure (players, movers, terminals) into a :class:`TreeShape`.

    Parameters
    ----------
    tree : GameTree or TreeShape
        A tree of the package without information sets (payoffs are
        ignored; chance nodes need numeric probabilities).

    Returns
    -------
    TreeShape
        Players, movers, children and terminals as flat tuples.

    Raises
    ------
    ModelError
        If the tree has an information set of more than one node (not yet
        estimable) or a chance probability that is not a number.

    Examples
    --------
    >>> s = shape_of(egame12())
    >>> s.terminals, s.movers
    (('1', '3', '4'), (0, -1, 1, -1, -1))

    A chance node with known probabilities is allowed (mover ``-2``):

    >>> from bargaining import TreeBuilder
    >>> b = TreeBuilder(players=("A", "B"))
    >>> root = b.chance({"weak": ("1/3", b.end(0, 0, label="quit")),
    ...                  "strong": ("2/3", b.decision("A", {"stop": b.end(0, 0), "go": b.end(1, 1)}))})
    >>> shape_of(b.build()).chance[0]
    (0.3333333333333333, 0.6666666666666666)
    """
    if isinstance(tree, TreeShape):
        return tree
    if not isinstance(tree, GameTree):
        raise ModelError(f"estimation: expected a GameTree, got {type(tree).__name__}")
    players = tuple(tree.players)
    movers, children, actions, terminals, terminal_nodes, labels, chance = [], [], [], [], [], [], []

    def visit(node_id: str) -> int:
        node = tree.nodes[node_id]
        index = len(movers)
        movers.append(-1)
        children.append(())
        actions.append(())
        chance.append(None)
        if isinstance(node, TerminalNode):
            terminals.append(node.id)
            labels.append(node.name)
            terminal_nodes.append(index)
            return index
        if isinstance(node, ChanceNode):
            try:
                chance[index] = tuple(float(p) for p in node.probabilities)
            except TypeError:
                raise ModelError(f"estimation: chance node {node_id!r} has a symbolic probability; "
                                 "use tree.at(values) first") from None
            movers[index] = -2
        else:
            if len(tree.infoset_of(node_id).nodes) > 1:
                raise ModelError(f"estimation: node {node_id!r} is in an information set of several nodes; "
                                 "only trees without information sets can be estimated")
            movers[index] = players.index(node.player)
        kids = tuple(visit(child) for _, child in node.actions)
        children[index] = kids
        actions[index] = tuple(a for a, _ in node.actions)
        return index

    visit(tree.root)
    return TreeShape(players, tuple(movers), tuple(children), tuple(actions), tuple(terminals),
                     tuple(terminal_nodes), tuple(labels), tuple(chance))


def _tree(players, spec, description) -> GameTree:
    """Build a GameTree with zero payoffs from nested (player, [(action, subtree or terminal id)])."""
    from ..games.tree import DecisionNode

    nodes: dict = {}
    zero = tuple(sympy.Integer(0) for _ in players)
    counter = iter(range(1, 100))

    def build(item) -> str:
        if isinstance(item, str):
            nodes[item] = TerminalNode(item, zero)
            return item
        player, branches = item
        node_id = f"n{next(counter)}"
        nodes[node_id] = None
        pairs = tuple((action, build(child)) for action, child in branches)
        nodes[node_id] = DecisionNode(node_id, player, pairs)
        return node_id

    root = build(spec)
    return GameTree(root=root, nodes=nodes, players=tuple(players), description=description)


def egame12() -> GameTree:
    """The two-player, three-outcome tree of ``games::egame12`` (Signorino 2003).

    Player 1 ends the game at terminal 1 (``L``) or passes to player 2, who
    ends it at terminal 3 (``L``) or 4 (``R``). Terminal ids follow the R
    package's numbering, so the estimable utilities are ``u11, u13, u14, u24``.

    Returns
    -------
    GameTree
        Payoffs are zero placeholders; estimation reads the structure only.

    Examples
    --------
    >>> t = egame12()
    >>> t.players, sorted(k for k, v in t.nodes.items() if not hasattr(v, "player"))
    (('1', '2'), ['1', '3', '4'])
    """
    return _tree(("1", "2"), ("1", [("L", "1"), ("R", ("2", [("L", "3"), ("R", "4")]))]),
                 "egame12: 1 ends (1) or passes; 2 chooses 3 or 4")


def egame122() -> GameTree:
    """The two-player, four-outcome tree of ``games::egame122``.

    Player 1 chooses ``L`` or ``R``; player 2 then chooses ``L`` or ``R``,
    ending at terminals 1, 2 (after 1's ``L``) or 3, 4 (after ``R``). The
    estimable utilities are ``u11, u12, u13, u14, u22, u24``.

    Returns
    -------
    GameTree
        Payoffs are zero placeholders; estimation reads the structure only.

    Examples
    --------
    >>> shape_of(egame122()).terminals
    ('1', '2', '3', '4')
    """
    return _tree(("1", "2"), ("1", [("L", ("2", [("L", "1"), ("R", "2")])),
                                    ("R", ("2", [("L", "3"), ("R", "4")]))]),
                 "egame122: 1 chooses a side, 2 responds on each side")


def egame123() -> GameTree:
    """The three-player, four-outcome tree of ``games::egame123``.

    Player 1 ends at terminal 1 or passes; player 2 ends at 3 or passes;
    player 3 chooses 5 or 6. The estimable utilities are
    ``u11, u13, u15, u16, u23, u25, u26, u36``.

    Returns
    -------
    GameTree
        Payoffs are zero placeholders; estimation reads the structure only.

    Examples
    --------
    >>> shape_of(egame123()).movers
    (0, -1, 1, -1, 2, -1, -1)
    """
    return _tree(("1", "2", "3"),
                 ("1", [("L", "1"), ("R", ("2", [("L", "3"), ("R", ("3", [("L", "5"), ("R", "6")]))]))]),
                 "egame123: three players in a chain")
