"""Small textbook trees built with TreeBuilder, shared by the tree-solver tests (answers derived in the tests)."""

from __future__ import annotations

from bargaining import TreeBuilder


def entry():
    """Col stays Out (2, 0) or enters; Row then fights (-1, -1) or accommodates (1, 1)."""
    t = TreeBuilder(players=("Row", "Col"))
    row = t.decision("Row", {"Fight": t.end(-1, -1, label="war"), "Accommodate": t.end(1, 1, label="peace")},
                     infoset="row")
    t.decision("Col", {"Out": t.end(2, 0, label="out"), "In": row}, infoset="col")
    return t.build()


def battle_with_outside_option(outside="3/2"):
    """Row takes an outside option or plays battle of the sexes, moving first but unseen by Col."""
    t = TreeBuilder(players=("Row", "Col"))
    col = {r: t.decision("Col", {"B": t.end(*((2, 1) if r == "B" else (0, 0)), label=f"{r}B"),
                                 "S": t.end(*((0, 0) if r == "B" else (1, 2)), label=f"{r}S")}, infoset="col")
           for r in ("B", "S")}
    game = t.decision("Row", col, infoset="row plays", id="bos")
    t.decision("Row", {"Out": t.end(outside, 0, label="out"), "In": game}, infoset="row enters")
    return t.build()


def kuhn_poker():
    """Kuhn's (1950) three-card poker: ante 1, one bet of 1; P1 acts first."""
    t = TreeBuilder(players=("P1", "P2"))
    cards = "JQK"

    def showdown(c1, c2, stake):
        won = stake if cards.index(c1) > cards.index(c2) else -stake
        return t.end(won, -won)

    deals = {}
    for c1 in cards:
        for c2 in cards:
            if c1 == c2:
                continue
            after_check_bet = t.decision("P1", {"fold": t.end(-1, 1), "call": showdown(c1, c2, 2)},
                                         infoset=f"P1 {c1} check-bet")
            after_check = t.decision("P2", {"check": showdown(c1, c2, 1), "bet": after_check_bet},
                                     infoset=f"P2 {c2} check")
            after_bet = t.decision("P2", {"fold": t.end(1, -1), "call": showdown(c1, c2, 2)},
                                   infoset=f"P2 {c2} bet")
            deals[c1 + c2] = ("1/6", t.decision("P1", {"check": after_check, "bet": after_bet}, infoset=f"P1 {c1}"))
    t.chance(deals)
    return t.build()
