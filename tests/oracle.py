"""pygambit as an oracle: helpers shared by the oracle tests (not a test module)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pygambit as gbt


def gambit_game(A, B):
    """A pygambit game with exact (object-dtype Fraction) payoffs."""
    to_obj = lambda M: np.array([[Fraction(v) for v in row] for row in M], dtype=object)  # noqa: E731
    return gbt.Game.from_arrays(to_obj(A), to_obj(B))


def gambit_extreme(g) -> set:
    """pygambit's extreme equilibria of ``g`` as a set of pairs of Fraction tuples."""
    players = list(g.players)
    found = set()
    for eq in gbt.nash.enummixed_solve(g, rational=True).equilibria:
        found.add(tuple(tuple(Fraction(eq[s]) for s in p.strategies) for p in players))
    return found


def gambit_tree_summary(g) -> dict:
    """A pygambit extensive game in words: players, and per node in preorder its kind and labels.

    Terminal payoffs are totals of the outcomes on the path (Gambit allows
    outcomes at inner nodes); chance probabilities are exact strings.
    """
    nodes = []

    def outcome_of(node):
        try:
            return node.outcome.label, [Fraction(str(node.outcome[p])) for p in g.players]
        except (KeyError, AttributeError):  # no outcome at this node
            return "", [Fraction(0)] * len(g.players)

    def walk(node, accrued):
        label, payoffs = outcome_of(node)
        accrued = [a + b for a, b in zip(accrued, payoffs)]
        if node.is_terminal:
            nodes.append(["t", label, [str(v) for v in accrued]])
            return
        infoset = node.infoset
        if node.player.is_chance:
            nodes.append(["c", [[a.label, str(Fraction(str(a.prob)))] for a in infoset.actions]])
        else:
            nodes.append(["p", node.player.label, infoset.label, [a.label for a in infoset.actions]])
        for child in node.children:
            walk(child, accrued)

    walk(g.root, [Fraction(0)] * len(g.players))
    return {"players": [p.label for p in g.players], "nodes": nodes}


def gambit_lcp_payoffs(g) -> list:
    """Payoff vectors (exact strings) of the equilibria pygambit's sequence-form ``lcp_solve`` finds."""
    result = gbt.nash.lcp_solve(g, rational=True)
    found = {tuple(str(Fraction(str(eq.payoff(p)))) for p in g.players) for eq in result.equilibria}
    return sorted(list(v) for v in found)


def gambit_enummixed_payoffs(g) -> list:
    """Payoff vectors of the extreme equilibria of the game's (reduced) strategic form, by ``enummixed_solve``."""
    result = gbt.nash.enummixed_solve(g, rational=True)
    found = {tuple(str(Fraction(str(eq.payoff(p)))) for p in g.players) for eq in result.equilibria}
    return sorted(list(v) for v in found)


def record_efg_fixture(folder, out):
    """Write tests/data/gambit_efg.json: pygambit's reading and lcp equilibria of every .efg in ``folder``."""
    import json
    from pathlib import Path

    record = {
        "command": "cd tests && PYTHONPATH=.. python -c \"import oracle; "
                   "oracle.record_efg_fixture('../../shared/gambit-games', 'data/gambit_efg.json')\"",
        "pygambit": gbt.__version__,
        "games": {},
    }
    for path in sorted(Path(folder).glob("*.efg")):
        g = gbt.read_efg(str(path))
        record["games"][path.name] = {"tree": gambit_tree_summary(g), "lcp_payoffs": gambit_lcp_payoffs(g),
                                    "enummixed_payoffs": gambit_enummixed_payoffs(g)}
    games = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in record["games"].items())
    head = {k: v for k, v in record.items() if k != "games"}
    text = json.dumps(head, ensure_ascii=False)[:-1] + ', "games": {\n' + games + "\n}}\n"
    Path(out).write_text(text, encoding="utf-8")
