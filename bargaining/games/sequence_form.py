"""One equilibrium of a two-player tree from its sequence form, by Lemke's algorithm in exact integer pivoting.

The *sequence form* (Koller, Megiddo and von Stengel 1996; von Stengel 1996)
describes a player's behaviour by a realization plan ``x``: the probability
of each of the player's sequences (the empty sequence, and every pair
(information set, action)), constrained by ``E x = e``, ``x >= 0`` (the
empty sequence has probability 1; the actions at an information set share
the probability of the sequence leading to it). Its size is linear in the
tree, where the reduced normal form can be exponential. With payoff matrices
``A``, ``B`` over pairs of sequences (terminal payoffs weighted by chance),
the equilibria are the solutions of the linear complementarity problem

    ``E^T p - A y >= 0  ⊥  x >= 0``,  ``F^T q - B^T x >= 0  ⊥  y >= 0``,
    ``E x = e``, ``F y = f`` (``p``, ``q`` free).

Terminal payoffs are first shifted to be negative (an equivalent game);
then the duals can be taken as ``-p >= 0``, ``-q >= 0`` and the equalities
relaxed to ``E x >= e ⊥ -p``, ``F y >= f ⊥ -q`` (the form Gambit's ``lcp``
uses): the root row holds with equality, and a row can be slack only at an
information set that no move of the opponent or chance reaches, where the
behaviour is read from the plan's proportions. The problem is solved by
Lemke's algorithm with covering vector 1 and a lexicographic ratio test (so
degenerate games do not cycle), pivoting on an integer tableau (Bareiss'
fraction-free elimination: every entry stays an exact integer). The
realization plans are turned into behaviour strategies and verified exactly
by :func:`~bargaining.games.tree_equilibrium.make_tree_equilibrium`, so a
result that is not an equilibrium can never be returned.

References
----------
D. Koller, N. Megiddo, B. von Stengel (1996), "Efficient computation of
equilibria for extensive two-person games", Games and Economic Behavior 14:247-259.
B. von Stengel (1996), "Efficient computation of behavior strategies",
Games and Economic Behavior 14:220-246.
C. E. Lemke (1965), "Bimatrix equilibrium points and mathematical programming",
Management Science 11:681-689.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from ..errors import SolverError
from .game import to_fraction
from .kuhn import numeric_tree
from .tree import ChanceNode, GameTree
from .tree_equilibrium import TreeEquilibrium, make_tree_equilibrium

__all__ = ["SequenceForm", "sequence_form", "sequence_form_lemke", "MAX_PIVOTS"]

#: Lemke's algorithm stops with an error after this many pivots.
MAX_PIVOTS = 100_000


@dataclass(frozen=True)
class SequenceForm:
    """The sequence form of a two-player tree.

    Attributes
    ----------
    players : pair of str
    sequences : pair of tuple
        Each player's sequences: ``()`` (the empty one), then
        ``(infoset label, action)`` pairs in tree order.
    A, B : tuple of tuple of Fraction
        Expected payoff contributions per pair of sequences (rows: player 1's
        sequences), chance probabilities included.
    E, F : tuple of tuple of int
        Constraint matrices: row 0 is the empty sequence, then one row per
        information set (``x[parent] = sum of x[(h, a)]``).
    infosets : pair of tuple of str
        The information set of each constraint row after the first.
    """

    players: tuple
    sequences: tuple
    A: tuple
    B: tuple
    E: tuple
    F: tuple
    infosets: tuple


def sequence_form(tree: GameTree) -> SequenceForm:
    """The sequence form of a numeric two-player tree with perfect recall.

    Parameters
    ----------
    tree : GameTree
        Two players and chance, perfect recall, rational numbers.

    Returns
    -------
    SequenceForm
        Sequences, payoff matrices and constraints of both players.

    Examples
    --------
    >>> from bargaining import load_model
    >>> armenia = load_model("russia_armenia")
    >>> sf = sequence_form(armenia.sequential.at(armenia.values(R=1)))
    >>> sf.sequences[0]
    ((), ('russia', 'Concede'), ('russia', 'Refuse'))
    >>> sf.E[1]  # Russia: x[()] = x[Concede] + x[Refuse]
    (-1, 1, 1)
    >>> sf.F[2]  # Armenia, after a refusal: y[Demand] = y[CarryOut] + y[BackDown]
    (0, 0, -1, 1, 1)
    """
    tree = numeric_tree(tree)
    sequences, constraints, labels = [], [], []
    for player in tree.players:
        own = [label for label, s in tree.infosets.items() if s.player == player]
        seqs = [()] + [(h, a) for h in own for a in tree.infosets[h].actions]
        index = {s: k for k, s in enumerate(seqs)}
        rows = [[1] + [0] * (len(seqs) - 1)]
        for h in own:
            row = [0] * len(seqs)
            before = tree.sequence(tree.infosets[h].nodes[0], player)
            row[index[before[-1] if before else ()]] = -1
            for a in tree.infosets[h].actions:
                row[index[(h, a)]] = 1
            rows.append(row)
        sequences.append(tuple(seqs))
        constraints.append(tuple(tuple(r) for r in rows))
        labels.append(tuple(own))
    index = [{s: k for k, s in enumerate(seqs)} for seqs in sequences]
    A = [[Fraction(0)] * len(sequences[1]) for _ in sequences[0]]
    B = [[Fraction(0)] * len(sequences[1]) for _ in sequences[0]]
    for z in tree.terminals:
        chance, last = Fraction(1), [(), ()]
        for node_id, action in tree.history(z):
            node = tree.nodes[node_id]
            if isinstance(node, ChanceNode):
                chance *= to_fraction(dict(zip((a for a, _ in node.actions), node.probabilities))[action])
            else:
                last[tree.players.index(node.player)] = (node.info, action)
        if chance:
            i, j = index[0][last[0]], index[1][last[1]]
            A[i][j] += chance * to_fraction(tree.nodes[z].payoffs[0])
            B[i][j] += chance * to_fraction(tree.nodes[z].payoffs[1])
    return SequenceForm(tree.players, tuple(sequences), tuple(map(tuple, A)), tuple(map(tuple, B)),
                        constraints[0], constraints[1], tuple(labels))


def sequence_form_lemke(tree: GameTree, values: Mapping | None = None) -> TreeEquilibrium:
    """One Nash equilibrium of a two-player tree, exactly, by Lemke's algorithm on the sequence form.

    Parameters
    ----------
    tree : GameTree
        Two players and chance, perfect recall, rational numbers.
    values : mapping, optional
        Parameter values for a parametric tree.

    Returns
    -------
    TreeEquilibrium
        Verified: regret exactly 0 at every information set reached.

    Raises
    ------
    SolverError
        If Lemke's algorithm ends on a ray or exceeds :data:`MAX_PIVOTS`.

    Examples
    --------
    >>> from bargaining.games.tree_build import TreeBuilder
    >>> t = TreeBuilder(players=("Row", "Col"))
    >>> col = {r: t.decision("Col", {"h": t.end(1 if r == "h" else -1, -1 if r == "h" else 1),
    ...                              "t": t.end(-1 if r == "h" else 1, 1 if r == "h" else -1)}, infoset="col")
    ...        for r in ("h", "t")}
    >>> _ = t.decision("Row", col, infoset="row")
    >>> eq = sequence_form_lemke(t.build())   # matching pennies, Col not seeing Row's coin
    >>> {h: {a: str(p) for a, p in d.items()} for h, d in eq.behaviour.items()}
    {'row': {'h': '1/2', 't': '1/2'}, 'col': {'h': '1/2', 't': '1/2'}}
    """
    tree = numeric_tree(tree, values)
    sf = sequence_form(tree)
    x, y = _lemke(sf, tree)
    behaviour = {}
    for plan, seqs, labels in ((x, sf.sequences[0], sf.infosets[0]), (y, sf.sequences[1], sf.infosets[1])):
        value = dict(zip(seqs, plan))
        for h in labels:
            total = sum(value[(h, a)] for a in tree.infosets[h].actions)  # = x[parent] unless slack (see above)
            if total:
                behaviour[h] = {a: value[(h, a)] / total for a in tree.infosets[h].actions}
    return make_tree_equilibrium(tree, behaviour, "sequence-form Lemke (Koller, Megiddo and von Stengel 1996)")


def _integer_rows(M):
    scale = math.lcm(*(v.denominator for row in M for v in row)) if M and M[0] else 1
    return [[int(v * scale) for v in row] for row in M]


def _lemke(sf: SequenceForm, tree: GameTree):
    payoffs = [to_fraction(v) for z in tree.terminals for v in tree.nodes[z].payoffs]
    shift = max(payoffs) + 1  # payoffs - shift <= -1 at every end: the game is unchanged
    chance = _chance_weights(sf, tree)
    A = _integer_rows([[a - shift * w for a, w in zip(ra, rw)] for ra, rw in zip(sf.A, chance)])
    B = _integer_rows([[b - shift * w for b, w in zip(rb, rw)] for rb, rw in zip(sf.B, chance)])
    E, F = [list(r) for r in sf.E], [list(r) for r in sf.F]
    n1, n2, k1, k2 = len(sf.sequences[0]), len(sf.sequences[1]), len(E), len(F)
    N = n1 + n2 + k1 + k2
    M = [[0] * N for _ in range(N)]
    q = [0] * N
    px, py, pp, pq = 0, n1, n1 + n2, n1 + n2 + k1  # offsets of x, y, p, q
    for i in range(n1):
        for j in range(n2):
            M[px + i][py + j] = -A[i][j]
            M[py + j][px + i] = -B[i][j]
        for r in range(k1):
            M[px + i][pp + r], M[pp + r][px + i] = -E[r][i], E[r][i]
    for j in range(n2):
        for r in range(k2):
            M[py + j][pq + r], M[pq + r][py + j] = -F[r][j], F[r][j]
    q[pp], q[pq] = -1, -1
    z = _solve_lcp(M, q)
    return z[px:px + n1], z[py:py + n2]


def _chance_weights(sf: SequenceForm, tree: GameTree):
    """Chance probability of reaching an end, per pair of sequences (0 where no end)."""
    index = [{s: k for k, s in enumerate(seqs)} for seqs in sf.sequences]
    W = [[Fraction(0)] * len(sf.sequences[1]) for _ in sf.sequences[0]]
    for z in tree.terminals:
        chance, last = Fraction(1), [(), ()]
        for node_id, action in tree.history(z):
            node = tree.nodes[node_id]
            if isinstance(node, ChanceNode):
                chance *= to_fraction(dict(zip((a for a, _ in node.actions), node.probabilities))[action])
            else:
                last[tree.players.index(node.player)] = (node.info, action)
        W[index[0][last[0]]][index[1][last[1]]] += chance
    return W


def _solve_lcp(M, q):
    """Lemke's algorithm for w = q + M z + 1 z0, w, z >= 0, w.z = 0, on an integer tableau."""
    N = len(q)
    Z0, RHS = 2 * N, 2 * N + 1
    T = [[int(i == j) for j in range(N)] + [-v for v in M[i]] + [-1, q[i]] for i in range(N)]
    basis = list(range(N))
    det = 1

    def leaving(col, sign=1):
        best = None
        for i in range(N):
            a = sign * T[i][col]
            if a <= 0:
                continue
            if best is None or _lex_less(T[i], a, T[best], sign * T[best][col], N, RHS):
                best = i
        return best

    r = leaving(Z0, -1)
    T[r] = [-v for v in T[r]]
    entering = Z0
    for _ in range(MAX_PIVOTS):
        piv = T[r][entering]
        pivot_row = T[r]
        for i in range(N):
            if i != r:
                row, f = T[i], T[i][entering]
                T[i] = [(v * piv - f * p) // det for v, p in zip(row, pivot_row)]
        det = piv
        left, basis[r] = basis[r], entering
        if left == Z0:
            break
        entering = left + N if left < N else left - N
        r = leaving(entering)
        if r is None:
            raise SolverError("sequence-form Lemke ended on a ray (no equilibrium found)")
    else:
        raise SolverError(f"sequence-form Lemke: more than {MAX_PIVOTS} pivots")
    z = [Fraction(0)] * N
    for i, var in enumerate(basis):
        if N <= var < 2 * N:
            z[var - N] = Fraction(T[i][RHS], det)
    return z


def _lex_less(row_a, a, row_b, b, N, RHS) -> bool:
    """Whether (rhs, w columns) / a of row_a is lexicographically below that of row_b / b (a, b > 0)."""
    for col in [RHS, *range(N)]:
        left, right = row_a[col] * b, row_b[col] * a
        if left != right:
            return left < right
    return False
