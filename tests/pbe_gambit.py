"""Shared by the Gambit oracle for perfect Bayesian equilibria: the trees, and their translation into pygambit."""

from fractions import Fraction

from test_pbe import _job_market, _screening, threat_tree

from bargaining.games.signaling import beer_quiche
from bargaining.games.tree import ChanceNode, TerminalNode

CASES = {
    "beer_quiche": beer_quiche,
    "job_market": _job_market,
    "screening_quarter": lambda: _screening(Fraction(1, 4)),
    "threat": threat_tree,
}


def to_gambit(tree):
    """The tree as a pygambit game (chance, information sets, exact payoffs)."""
    import pygambit as gbt

    game = gbt.Game.new_tree(players=list(tree.players))
    infosets = {}

    def build(node_id, gnode):
        node = tree.nodes[node_id]
        if isinstance(node, TerminalNode):
            game.set_outcome(gnode, game.add_outcome(label=node.name,
                                                     payoffs=[gbt.Rational(str(p)) for p in node.payoffs]))
            return
        labels = [a for a, _ in node.actions]
        if isinstance(node, ChanceNode):
            game.append_move(gnode, game.players.chance, labels)
            game.set_chance_probs(gnode.infoset, [gbt.Rational(str(p)) for p in node.probabilities])
        elif node.info in infosets:
            game.append_infoset(gnode, infosets[node.info])
        else:
            game.append_move(gnode, node.player, labels)
            infosets[node.info] = gnode.infoset
        for (_, child), gchild in zip(node.actions, gnode.children):
            build(child, gchild)

    build(tree.root, game.root)
    return game


def gambit_payoffs(tree) -> list:
    """Sorted distinct payoff vectors (fraction strings) of Gambit's extreme Nash equilibria (enummixed)."""
    import pygambit as gbt

    game = to_gambit(tree)
    found = gbt.nash.enummixed_solve(game, rational=True).equilibria
    vectors = {tuple(str(Fraction(str(eq.payoff(p)))) for p in game.players) for eq in found}
    return sorted(list(v) for v in vectors)
