"""Read and write game trees in Gambit's extensive-form ``.efg`` format (the text layer).

An ``EFG 2 R`` (or ``D``) file lists its nodes in preorder: ``c`` chance
nodes with their outcome labels and probabilities, ``p`` personal nodes with
player, information set number, label and actions, and ``t`` terminal nodes;
every node may carry an outcome (a numbered, labelled payoff vector, its
payoffs given where the outcome first appears). Outcomes at non-terminal
nodes are added to the payoffs of every end below them (a tree of this
package keeps payoffs at its ends only). Numbers (integers, decimals,
``a/b``) are read exactly as Fractions; the text is tokenised, never
evaluated.

Labels are kept: players, actions, chance outcomes, information sets (the
file's label when it names one information set of one player, otherwise
``"<player>:<number>"``), node names (as node ids when unique, otherwise
``n<k>`` in preorder) and outcome names (as terminal labels).

References
----------
.. [1] The Gambit Project, "File formats: the extensive game (.efg) file
   format", https://gambitproject.readthedocs.io/en/latest/formats.html
"""

from __future__ import annotations

import sympy

from ..errors import GameError
from .gambit import _quote, _source, _Tokens

__all__ = ["read_efg", "write_efg", "MAX_EFG_NODES"]

#: Bounds on what a file may ask for.
MAX_EFG_NODES = 100_000
MAX_DEPTH = 500


def read_efg(path_or_text) -> dict:
    """Read a Gambit extensive-form game (``.efg``) as plain data (the format layer).

    Use :meth:`bargaining.GameTree.from_efg` to get a tree.

    Parameters
    ----------
    path_or_text : str, path-like, bytes or file object
        A path, or the text of the file itself (text starting with ``EFG``).

    Returns
    -------
    dict
        ``name`` (of the file), ``title``, ``players`` and ``nodes``: a list
        in preorder of ``("t", id, label, payoffs)``, ``("c", id, actions,
        probabilities)`` and ``("p", id, player, infoset label, actions)``,
        actions being ``(label, child id)`` pairs, numbers Fractions.

    Raises
    ------
    GameError
        On text that does not follow the format, naming the file and what
        was expected.

    Examples
    --------
    >>> data = read_efg('EFG 2 R "coin" { "A" "B" } "" c "" 1 "" { "H" 1/2 "T" 1/2 } 0 '
    ...                 't "" 1 "heads" { 1, -1 } t "" 2 "tails" { -1, 1 }')
    >>> data["title"], data["nodes"][1]
    ('coin', ('t', 'n2', 'heads', (Fraction(1, 1), Fraction(-1, 1))))
    """
    text, name = _source(path_or_text, "efg")
    tokens = _Tokens(text, name)
    if tokens.take("word", what="'EFG'") != "EFG":
        raise GameError(f"{name}: not an .efg file (it must start with EFG)")
    tokens.take("word", "2", what="version 2")
    if tokens.take("word", what="R or D") not in ("R", "D"):
        raise GameError(f"{name}: expected R or D after 'EFG 2'")
    title = tokens.take("str", what="the title")
    tokens.take("sym", "{", what="'{' before the players")
    players = []
    while tokens.peek()[0] == "str":
        players.append(tokens.take("str", what="a player name"))
    tokens.take("sym", "}", what="'}' after the players")
    if not players or len(set(players)) != len(players):
        raise GameError(f"{name}: the players must be distinct and at least one")
    if tokens.peek()[0] == "str":
        tokens.take("str")  # the comment
    reader = _Reader(tokens, name, players)
    reader.node((0,) * len(players), 0)
    if tokens.peek()[0] is not None:
        raise GameError(f"{name}: text after the last node: {tokens.peek()[1]!r}")
    return {"name": name, "title": title, "players": tuple(players), "nodes": reader.finish()}


class _Reader:
    def __init__(self, tokens, name, players):
        self.tokens, self.name, self.players = tokens, name, players
        self.raw = []  # preorder: [kind, node name, payload, children]
        self.outcomes: dict = {}
        self.infosets: dict = {}  # (player, number) -> (label, actions)

    def fail(self, problem):
        raise GameError(f"{self.name}: node {len(self.raw) + 1}: {problem}")

    def outcome(self):
        t = self.tokens
        number = t.integer("an outcome number")
        label = t.take("str") if t.peek()[0] == "str" else None
        if t.peek() == ("sym", "{"):
            t.take("sym", "{")
            payoffs = tuple(t.number("a payoff") for _ in self.players)
            t.take("sym", "}", what=f"'}}' after {len(self.players)} payoffs")
            if number:
                self.outcomes[number] = (label, payoffs)
        if number == 0:
            return None, (0,) * len(self.players)
        if number not in self.outcomes:
            self.fail(f"outcome {number} is used before its payoffs are given")
        known = self.outcomes[number]
        return (label if label is not None else known[0]), known[1]

    def infoset(self, key, chance):
        t = self.tokens
        label = t.take("str") if t.peek()[0] == "str" else None
        if t.peek() == ("sym", "{"):
            t.take("sym", "{")
            actions = []
            while t.peek()[0] == "str":
                action = t.take("str")
                actions.append((action, t.number("a probability")) if chance else action)
            t.take("sym", "}", what="'}' after the actions")
            if not actions:
                self.fail("an information set without actions")
            self.infosets[key] = (label if label is not None else self.infosets.get(key, ("",))[0], tuple(actions))
        if key not in self.infosets:
            self.fail(f"information set {key} is used before its actions are given")
        return self.infosets[key][1]

    def node(self, accrued, depth):
        if depth > MAX_DEPTH or len(self.raw) >= MAX_EFG_NODES:
            self.fail(f"the tree is deeper than {MAX_DEPTH} or has more than {MAX_EFG_NODES} nodes")
        t = self.tokens
        kind = t.take("word", what="a node type (c, p or t)")
        node_name = t.take("str", what="a node name")
        entry = [kind, node_name, None, []]
        self.raw.append(entry)
        if kind == "t":
            label, payoffs = self.outcome()
            entry[2] = (label, tuple(a + b for a, b in zip(accrued, payoffs)))
            return
        if kind == "p":
            player = t.integer("a player number")
            if not 1 <= player <= len(self.players):
                self.fail(f"player {player} does not exist")
            key = (player, t.integer("an information set number"))
            actions = self.infoset(key, chance=False)
        elif kind == "c":
            key = (0, t.integer("an information set number"))
            actions = self.infoset(key, chance=True)
        else:
            self.fail(f"unknown node type {kind!r}")
        _, payoffs = self.outcome()
        entry[2] = key
        accrued = tuple(a + b for a, b in zip(accrued, payoffs))
        for _ in actions:
            entry[3].append(len(self.raw))
            self.node(accrued, depth + 1)

    def finish(self) -> dict:
        names = [e[1] for e in self.raw]
        ids = [n if n and names.count(n) == 1 else None for n in names]
        taken = set(filter(None, ids))
        count = 0
        for k, value in enumerate(ids):
            while value is None:
                count += 1
                value = f"n{count}" if f"n{count}" not in taken else None
            ids[k] = value
            taken.add(value)
        labels = {}
        by_label: dict = {}
        for key, (label, _) in self.infosets.items():
            by_label.setdefault(label, []).append(key)
        for key, (label, _) in self.infosets.items():
            if key[0]:
                unique = label and len(by_label[label]) == 1 and label not in taken
                labels[key] = label if unique else f"{self.players[key[0] - 1]}:{key[1]}"
        nodes = []
        for k, (kind, _, payload, children) in enumerate(self.raw):
            if kind == "t":
                label, payoffs = payload
                nodes.append(("t", ids[k], None if label in ("", ids[k]) else label, payoffs))
                continue
            actions = self.infosets[payload][1]
            if kind == "c":
                pairs = tuple((a, ids[c]) for (a, _), c in zip(actions, children))
                nodes.append(("c", ids[k], pairs, tuple(p for _, p in actions)))
            else:
                pairs = tuple((a, ids[c]) for a, c in zip(actions, children))
                nodes.append(("p", ids[k], self.players[payload[0] - 1], labels[payload], pairs))
        return nodes


def write_efg(tree, title: str | None = None) -> str:
    """The tree as Gambit ``.efg`` text, with every label.

    Information sets are numbered per player in order of first appearance
    and keep their labels; ends with the same label and payoffs share an outcome, named by the label
(an end without a label has its own outcome, named by its id; read back,
an outcome named like its node gives no label);
    node ids are written as node names. Numbers are written exactly
    (``a/b``).

    Parameters
    ----------
    tree : GameTree
        A numeric tree (use :meth:`GameTree.at` for a parametric one).
    title : str, optional
        The title (the tree's description by default).

    Returns
    -------
    str
        The file's text.

    Raises
    ------
    GameError
        If a payoff or probability is not a rational number.

    Examples
    --------
    >>> from bargaining.games.tree_build import TreeBuilder
    >>> t = TreeBuilder(players=("A", "B"))
    >>> _ = t.decision("A", {"L": t.end(1, 0, label="left", id="x"), "R": t.end("1/2", 1, id="y")},
    ...                infoset="a", id="root")
    >>> print(write_efg(t.build(), "tiny"))
    EFG 2 R "tiny" { "A" "B" }
    ""
    <BLANKLINE>
    p "root" 1 1 "a" { "L" "R" } 0
    t "x" 1 "left" { 1 0 }
    t "y" 2 "y" { 1/2 1 }
    <BLANKLINE>
    >>> from bargaining import GameTree
    >>> GameTree.from_efg(write_efg(t.build())) == t.build()
    True
    """
    numbers: dict = {}
    chance_count = 0
    lines = [f"EFG 2 R {_quote(tree.description if title is None else title)} "
             f"{{ {' '.join(_quote(p) for p in tree.players)} }}", '""', ""]
    outcomes: dict = {}
    for node_id in tree.preorder():
        node = tree.nodes[node_id]
        if hasattr(node, "payoffs"):
            payoffs = " ".join(_number(v, node_id) for v in node.payoffs)
            key = (node.label, payoffs) if node.label is not None else node_id
            if key not in outcomes:
                outcomes[key] = len(outcomes) + 1
            lines.append(f"t {_quote(node_id)} {outcomes[key]} {_quote(node.name)} {{ {payoffs} }}")
        elif hasattr(node, "probabilities"):
            chance_count += 1
            moves = " ".join(f"{_quote(a)} {_number(p, node_id)}" for (a, _), p in zip(node.actions, node.probabilities))
            lines.append(f'c {_quote(node_id)} {chance_count} "" {{ {moves} }} 0')
        else:
            player = tree.players.index(node.player) + 1
            mine = numbers.setdefault(player, {})
            number = mine.setdefault(node.info, len(mine) + 1)
            actions = " ".join(_quote(a) for a, _ in node.actions)
            lines.append(f"p {_quote(node_id)} {player} {number} {_quote(node.info)} {{ {actions} }} 0")
    return "\n".join(lines) + "\n"


def _number(value, node_id) -> str:
    if not (isinstance(value, sympy.Basic) and value.is_Rational):
        raise GameError(f"node {node_id!r}: {value} is not a rational number (use tree.at(values) first)")
    return str(value)
