"""Perfect Bayesian equilibria against answers derived by hand (the algebra is in the comments)."""

from fractions import Fraction as F

import pytest
import sympy

from bargaining.errors import SolverError
from bargaining.games.beliefs import verify_assessment
from bargaining.games.pbe import perfect_bayesian
from bargaining.games.signaling import beer_quiche, intuitive_criterion, signaling_game
from bargaining.games.tree import ChanceNode, DecisionNode, GameTree, TerminalNode, exact

Q = sympy.Rational


# ----------------------------------------------------------------- Beer–Quiche
# Types strong (9/10) and weak (1/10). The sender gets 1 for its favourite
# breakfast (strong: Beer, weak: Quiche) plus 2 if not fought; the receiver
# gets 1 for fighting a weak or not fighting a strong sender.
#
# Receiver after a message with belief w = P(weak): Fight gives w, NotFight
# gives 1 - w, so Fight iff w >= 1/2 (mixing only at w = 1/2).
#
# Pooling on Beer: after Beer w = 1/10 -> NotFight. Strong gets 3, weak 2.
# Weak deviating to Quiche gets 1 + 2(1 - f), f = P(Fight | Quiche): no
# deviation iff 1 + 2(1 - f) <= 2 iff f >= 1/2 (strong: 2(1 - f) <= 3 always).
# f = 1 needs w(Quiche) in [1/2, 1]; f in [1/2, 1) needs w(Quiche) = 1/2.
# So the off-path set is w(Quiche) in [1/2, 1], f in [1/2, 1].
# Pooling on Quiche: symmetric: strong's Quiche payoff 2 >= 1 + 2(1 - f_B)
# iff f_B >= 1/2; w(Beer) in [1/2, 1].
# Separating strong Beer / weak Quiche: Quiche reveals weak -> Fight, weak
# gets 1 < 2 from Beer (not fought). Reverse: weak gets 0 < 3. Semi-separating:
# weak mixing needs f_B = 1/2 hence w(Beer) = 1/2 = (0.1 b)/(0.9 + 0.1 b),
# b = 9 > 1; strong mixing needs Beer unrevealing ... both indifferent gives
# 1 + 2(1 - f_B) = 2(1 - f_Q) and 2(1 - f_B) = 1 + 2(1 - f_Q): 1 = -1. None.
# Intuitive criterion: pooling on Quiche: Beer is equilibrium-dominated for
# weak (3 > 2), so beliefs after Beer put weight on strong only -> NotFight ->
# strong gets 3 > 2: fails. Pooling on Beer: Quiche is dominated for strong
# (3 > 2), weak only -> Fight -> weak gets 1 < 2: survives.

def test_beer_quiche_two_pooling_families_with_exact_off_path_beliefs():
    tree = beer_quiche()
    found = perfect_bayesian(tree)
    assert [r.kind for r in found] == ["pooling", "pooling"]
    beer, quiche = found
    assert beer.behaviour["strong"] == {"Beer": 1} and beer.behaviour["weak"] == {"Beer": 1}
    assert quiche.behaviour["strong"] == {"Quiche": 1} and quiche.behaviour["weak"] == {"Quiche": 1}
    assert beer.belief_set("after Quiche")["weak:Quiche"] == ((Q(1, 2), 1),)
    assert beer.behaviour_set("after Quiche")["Fight"] == ((Q(1, 2), 1),)
    assert quiche.belief_set("after Beer")["weak:Beer"] == ((Q(1, 2), 1),)
    assert quiche.behaviour_set("after Beer")["Fight"] == ((Q(1, 2), 1),)
    # on the path, Bayes' rule gives the prior
    assert beer.beliefs["after Beer"] == {"strong:Beer": Q(9, 10), "weak:Beer": Q(1, 10)}
    assert beer.payoffs == (Q(29, 10), Q(9, 10))
    assert quiche.payoffs == (Q(21, 10), Q(9, 10))
    assert dict(beer.outcome) == {"strong:Beer:NotFight": Q(9, 10), "weak:Beer:NotFight": Q(1, 10)}
    assert not any(r.kind == "separating" for r in found)


def test_beer_quiche_intuitive_criterion_keeps_only_beer():
    tree = beer_quiche()
    results = intuitive_criterion(tree, perfect_bayesian(tree))
    survivors = [r.equilibrium.behaviour["weak"] for r in results if r.survives]
    assert survivors == [{"Beer": 1}]
    quiche = next(r for r in results if not r.survives)
    assert quiche.dominated == {"Beer": ("weak",)} and quiche.breaks == (("Beer", "strong"),)


def test_beer_quiche_every_piece_is_verified_at_its_vertices():
    tree = beer_quiche()
    for record in perfect_bayesian(tree):
        for piece in record.pieces:
            behaviour, beliefs = piece.at(piece.centroid())
            verify_assessment(tree, behaviour, beliefs)


# ------------------------------------------------------ job-market signaling
# Worker High (prior 1/3) or Low; Educate costs 1/2 (High) or 3/2 (Low); the
# firm pays 2 (job H) or 1 (job L) and gets 1 when the job matches the type.
# Firm with belief q = P(High): H iff q >= 1/2.
# Separating (High Educate, Low Skip): q(E) = 1 -> H, q(N) = 0 -> L.
#   High: 2 - 1/2 = 3/2 > 1; Low: 1 > 2 - 3/2 = 1/2. An equilibrium.
#   Worker's expected payoff 1/3 * 3/2 + 2/3 * 1 = 7/6; the firm's 1.
# Pooling on Skip: q(N) = 1/3 -> L; off path r = P(H | Educate): High does
#   not deviate iff 1 + r - 1/2 <= 1 iff r <= 1/2 (Low never would). r = 0
#   needs q(E) <= 1/2; r in (0, 1/2] needs q(E) = 1/2.
# Pooling on Educate: q = 1/3 -> L, High gets 1/2 < 1 from Skip: no.
# Reverse separation: Low educates for 1 - 3/2 < 2: no. Semi-separating:
#   High indifferent needs r_E = r_N + 1/2, then Low strictly skips, q(E) = 1,
#   r_E = 1, r_N = 1/2 needs q(N) = 1/2 = (1 - e)/3 / ((1 - e)/3 + 2/3): e = -1. No.
# Intuitive criterion: at the Skip pool, Educate is dominated for Low (1 > 1/2),
#   not for High (3/2 > 1): High breaks the pool. The separating one survives.

def _job_market():
    cost = {"High": Q(1, 2), "Low": Q(3, 2)}
    return signaling_game({"High": "1/3", "Low": "2/3"}, ["Educate", "Skip"], ["H", "L"],
                          lambda t, m, r: ((2 if r == "H" else 1) - (cost[t] if m == "Educate" else 0),
                                           int((r == "H") == (t == "High"))),
                          players=("Worker", "Firm"))


def test_job_market_separating_and_pooling():
    tree = _job_market()
    found = perfect_bayesian(tree)
    kinds = sorted(r.kind for r in found)
    assert kinds == ["pooling", "separating"]
    sep = next(r for r in found if r.kind == "separating")
    assert sep.behaviour["High"] == {"Educate": 1} and sep.behaviour["Low"] == {"Skip": 1}
    assert sep.beliefs["after Educate"] == {"High:Educate": 1, "Low:Educate": 0}
    assert sep.payoffs == (Q(7, 6), 1)
    pool = next(r for r in found if r.kind == "pooling")
    assert pool.behaviour["High"] == {"Skip": 1}
    assert pool.belief_set("after Educate")["High:Educate"] == ((0, Q(1, 2)),)
    assert pool.behaviour_set("after Educate")["H"] == ((0, Q(1, 2)),)
    survive = {r.equilibrium.kind: r.survives for r in intuitive_criterion(tree, found)}
    assert survive == {"separating": True, "pooling": False}


# ---------------------------------------------------- screening: two buyer types
# Nature draws the buyer's value, 3 (prior q) or 3/2; the seller, not seeing it,
# asks 2 or 1; the buyer (knowing its value) accepts or rejects. Buyer gets
# value - price if it accepts; the seller the price if accepted.
# Buyer: at 2, high accepts (1 > 0), low rejects (-1/2 < 0); at 1 both accept.
# Seller: asking 2 earns 2q, asking 1 earns 1: 2 iff q > 1/2.
# q = 1/4: unique PBE, ask 1, payoffs seller 1, buyer 1/4*2 + 3/4*1/2 = 7/8.
# q = 1/2: the seller is indifferent: ask 2, ask 1, and every mixture.

def _screening(q):
    nodes = {"value": ChanceNode("value", (("high", "high"), ("low", "low")), (exact(q), 1 - exact(q)))}
    worth = {"high": Q(3), "low": Q(3, 2)}
    for t in worth:
        nodes[t] = DecisionNode(t, "Seller", (("Ask2", f"{t}:2"), ("Ask1", f"{t}:1")), "offer")
        for price in (2, 1):
            here = f"{t}:{price}"
            nodes[here] = DecisionNode(here, "Buyer", (("Accept", f"{here}:A"), ("Reject", f"{here}:R")))
            nodes[f"{here}:A"] = TerminalNode(f"{here}:A", (Q(price), worth[t] - price))
            nodes[f"{here}:R"] = TerminalNode(f"{here}:R", (Q(0), Q(0)))
    return GameTree("value", nodes, ("Seller", "Buyer"))


def test_screening_offer_unique():
    (record,) = perfect_bayesian(_screening(Q(1, 4)))
    assert record.kind == "pure"
    assert record.behaviour["offer"] == {"Ask1": 1}
    assert record.behaviour["low:2"] == {"Reject": 1} and record.behaviour["high:2"] == {"Accept": 1}
    assert record.payoffs == (1, Q(7, 8))
    assert dict(record.outcome) == {"high:1:A": Q(1, 4), "low:1:A": Q(3, 4)}


def test_screening_offer_indifferent_seller_gives_a_continuum_on_the_path():
    found = perfect_bayesian(_screening(Q(1, 2)))
    assert len(found) == 3
    mixed = next(r for r in found if r.varies_on_path)
    assert mixed.behaviour_set("offer")["Ask2"] == ((0, 1),)
    assert all(r.payoffs[0] == 1 for r in found)


# ---------------------------------------------- threat game, private outside option
# MODELING.md's Armenia numbers at R = 1: g = 1/2, z = 11/20, m = 1, sigma = 1,
# b = 9/20, with two types: resolved (o = 7/10, prior p = 5/16, MODELING's
# P(o >= sigma R - b) for o ~ U[0, 0.8]) and irresolute (o = 1/5).
# After Refuse: resolved carries out (o - sigma R = -3/10 > -b = -9/20),
# irresolute backs down (-4/5 < -9/20).
# Russia after Demand with belief mu = P(resolved): Concede -z/R = -11/20,
# Refuse -mu m = -mu: indifferent at mu* = z/(mR) = 11/20 > p.
# Semi-separating: the irresolute type demands with probability beta:
#   mu* = p / (p + (1 - p) beta) -> beta = p (1 - mu*) / ((1 - p) mu*)
#       = (5/16)(9/20) / ((11/16)(11/20)) = 45/121.
# Irresolute indifferent: c g - (1 - c) b = 0 -> c = b / (g + b) = 9/19.
# Resolved demands: 9/19 * 1/2 + 10/19 * (-3/10) = 3/38 > 0.
# P(Demand -> Refuse -> BackDown) = (1 - p) beta (1 - c) = 11/16 * 45/121 * 10/19
#   = 225/1672 (= 0.1346, MODELING's 0.135 at R = 1).
# The other paths: StatusQuo (1 - p)(1 - beta) = 19/44; Demand -> Concede
#   (p + (1 - p) beta) c = 100/176 * 9/19 = 225/836; Demand -> Refuse ->
#   CarryOut p (1 - c) = 25/152.
# Also: pooling on StatusQuo with Russia refusing off the path (concede
# probability c <= 3/8, from the resolved type's 8c/10 - 3/10 <= 0; belief
# mu <= 11/20 when c = 0, mu = 11/20 when 0 < c <= 3/8). No other PBE:
# pooling on Demand gives mu = 5/16 < 11/20, Refuse, and the irresolute loses
# b; separating reveals the type and the irresolute mimics (Concede) or loses.

THREAT = {"p": Q(5, 16), "R": Q(1), "g": Q(1, 2), "z": Q(11, 20), "m": Q(1), "sigma": Q(1), "b": Q(9, 20),
          "outside": (Q(7, 10), Q(1, 5))}


def threat_tree(**changes):
    v = {**THREAT, **changes}
    p, R, g, z, m, sigma, b = (v[k] for k in ("p", "R", "g", "z", "m", "sigma", "b"))
    outside = v["outside"]
    nodes = {"type": ChanceNode("type", (("resolved", "resolved"), ("irresolute", "irresolute")), (p, 1 - p))}
    for t, o in zip(("resolved", "irresolute"), outside):
        nodes[t] = DecisionNode(t, "Armenia", (("StatusQuo", f"{t}:SQ"), ("Demand", f"{t}:D")))
        nodes[f"{t}:SQ"] = TerminalNode(f"{t}:SQ", (Q(0), Q(0)), f"{t}: status quo")
        nodes[f"{t}:D"] = DecisionNode(f"{t}:D", "Russia", (("Concede", f"{t}:C"), ("Refuse", f"{t}:R")), "demand")
        nodes[f"{t}:C"] = TerminalNode(f"{t}:C", (-z / R, g), f"{t}: concession")
        nodes[f"{t}:R"] = DecisionNode(f"{t}:R", "Armenia", (("CarryOut", f"{t}:CO"), ("BackDown", f"{t}:BD")))
        nodes[f"{t}:CO"] = TerminalNode(f"{t}:CO", (-m, o - sigma * R), f"{t}: rupture")
        nodes[f"{t}:BD"] = TerminalNode(f"{t}:BD", (Q(0), -b), f"{t}: backs down")
    return GameTree("type", nodes, ("Russia", "Armenia"))


def test_threat_game_semi_separating_bluff_exact():
    found = perfect_bayesian(threat_tree())
    assert sorted(r.kind for r in found) == ["pooling", "semi-separating"]
    bluff = next(r for r in found if r.kind == "semi-separating")
    assert bluff.behaviour["irresolute"] == {"StatusQuo": Q(76, 121), "Demand": Q(45, 121)}
    assert bluff.behaviour["resolved"] == {"Demand": 1}
    assert bluff.behaviour["demand"] == {"Concede": Q(9, 19), "Refuse": Q(10, 19)}
    assert bluff.beliefs["demand"] == {"resolved:D": Q(11, 20), "irresolute:D": Q(9, 20)}
    paths = dict(bluff.paths)
    assert paths["Armenia: Demand → Russia: Refuse → Armenia: BackDown"] == Q(225, 1672)
    assert paths["Armenia: StatusQuo"] == Q(19, 44)
    assert paths["Armenia: Demand → Russia: Concede"] == Q(225, 836)
    assert paths["Armenia: Demand → Russia: Refuse → Armenia: CarryOut"] == Q(25, 152)
    assert "Armenia: Demand → Russia: Refuse → Armenia: BackDown, p = 0.135" in bluff.describe()
    assert len(bluff.pieces) == 1 and bluff.pieces[0].parameters == ()


def test_threat_game_pooling_on_status_quo_set():
    found = perfect_bayesian(threat_tree())
    pool = next(r for r in found if r.kind == "pooling")
    assert pool.behaviour["resolved"] == {"StatusQuo": 1} and pool.behaviour["irresolute"] == {"StatusQuo": 1}
    assert pool.behaviour_set("demand")["Concede"] == ((0, Q(3, 8)),)
    assert pool.belief_set("demand")["resolved:D"] == ((0, Q(11, 20)),)
    assert pool.paths == (("Armenia: StatusQuo", 1),)


def test_threat_game_with_a_likely_resolved_type_has_no_bluff():
    # p = 3/5 >= mu* = 11/20: pooling on Demand, Russia concedes (-11/20 > -3/5);
    # the irresolute type then demands for sure too: BackDown never happens.
    found = perfect_bayesian(threat_tree(p=Q(3, 5)))
    assert all(dict(r.paths).get("Armenia: Demand → Russia: Refuse → Armenia: BackDown", 0) == 0 for r in found)
    assert any(r.kind == "pooling" and r.behaviour["resolved"] == {"Demand": 1} for r in found)


def test_scope_is_enforced():
    tree = signaling_game({"a": "1/2", "b": "1/2"}, [f"m{k}" for k in range(6)], [f"r{k}" for k in range(6)],
                          lambda t, m, r: (0, 0))
    with pytest.raises(SolverError, match="support assignments"):
        perfect_bayesian(tree)


def test_irrational_input_is_refused():
    tree = beer_quiche(sympy.sqrt(2) / 2)
    with pytest.raises(SolverError, match="rational"):
        perfect_bayesian(tree)


def test_fraction_prior_accepted():
    assert len(perfect_bayesian(beer_quiche(F(9, 10)))) == 2


@pytest.mark.parametrize("R", ["1", "0.75", "0.5", "0.3"])
def test_perfect_information_tree_gives_the_subgame_perfect_path(R):
    # With perfect information every node roots a subgame, beliefs are trivial, and a perfect
    # Bayesian equilibrium is subgame perfect; MODELING.md's paths: R > 0.85 StatusQuo,
    # 0.55 < R < 0.85 Demand → Concede, 0.40 < R < 0.55 StatusQuo, R < 0.40 the threat carried out.
    from bargaining import load_model, subgame_perfect

    armenia = load_model("russia_armenia")
    values = armenia.values(R=R)
    (record,) = perfect_bayesian(armenia.sequential, values)
    assert record.paths == ((subgame_perfect(armenia.sequential, values).describe(), 1),)


def test_html_summary_names_the_path_and_the_off_path_belief_set():
    html = perfect_bayesian(beer_quiche())[0]._repr_html_()
    assert "Sender: Beer → Receiver: NotFight" in html and "pooling" in html
    assert "belief at <i>after Quiche</i>" in html


def test_every_perfect_bayesian_outcome_is_a_nash_outcome_of_the_tree():
    # Cross-check with the Kuhn enumeration (extreme Nash equilibria in behaviour strategies):
    # the bluff and both Beer–Quiche pools are extreme Nash equilibria, so their outcomes appear.
    from bargaining.games.kuhn import behaviour_equilibria

    for tree in (threat_tree(), beer_quiche()):
        nash = [dict(e.outcome) for e in behaviour_equilibria(tree)]
        for record in perfect_bayesian(tree):
            assert dict(record.outcome) in nash
