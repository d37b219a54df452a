r"""Extreme equilibria of larger bimatrix games by exact lexicographic pivoting.

The vertices of each best-response polytope (see :mod:`bargaining.games.exact`)

.. math::

    P = \{x \ge 0 : B^\top x \le 1\}, \qquad Q = \{y \ge 0 : A y \le 1\}

are found by walking the graph of their *lexicographically feasible bases*,
as in Avis and Fukuda's lrs (Avis et al. 2010, section 4): a basis is kept
only if every row of :math:`[\,B^{-1}b \mid B^{-1}\,]` is lexicographically
positive, which is the same as solving the problem with the right-hand side
perturbed to :math:`1 + (\varepsilon, \varepsilon^2, \dots)`. The perturbed
polytope is simple, so every basis has exactly one neighbour per entering
variable (the lexicographic ratio test has a unique winner), the graph is
connected, and every vertex of the true polytope, degenerate ones included,
is reached by at least one basis. Instead of lrs's reverse-search tree (which
needs no memory but repeats ratio tests to find each basis's parent) the
bases are walked depth first with a set of the bases seen: the same bases,
the same pivots, fewer ratio tests, memory in proportion to the number of
bases. The work per basis is one integer pivot, so the cost grows with the
number of vertices, not with the number of supports as in
:mod:`bargaining.games.exact`.

Arithmetic is exact: the tableau is kept as integers by fraction-free
pivoting (every entry is a minor of the original matrix, divided exactly by
the previous pivot), with payoffs scaled to integers and shifted to be
positive. The labels of a vertex are read from its values (a basic variable at
0 carries its label too), so degenerate vertices carry every label they have
and the completely labelled pairs are all the extreme equilibria.

References
----------
D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel (2010), "Enumeration of
Nash equilibria for two-player games", *Economic Theory* 42:9-37.
D. Avis and K. Fukuda (1992), "A pivoting algorithm for convex hulls and
vertex enumeration of arrangements and polyhedra", *Discrete & Computational
Geometry* 8:295-313.
"""

from __future__ import annotations

import math
from fractions import Fraction

from .exact import _check, _integer_positive

#: The most bases one walk may visit, and the most pivot work (bases x tableau entries): a few
#: seconds; time and memory grow with them.
MAX_LEX_BASES = 30_000
MAX_LEX_WORK = 6_000_000

__all__ = ["lex_vertices", "reverse_search_equilibria"]


def _pivot(T, d, r, c):
    """Fraction-free pivot on row ``r``, column ``c`` of the integer tableau ``T`` (rows are never mutated)."""
    row_r = T[r]
    piv = row_r[c]
    out = []
    for i, row in enumerate(T):
        if i == r:
            out.append(row_r)
            continue
        f = row[c]
        if f == 0:
            out.append([v * piv // d for v in row])
        else:
            out.append([(v * piv - f * w) // d for v, w in zip(row, row_r)])
    return out, piv


def _leaving(T, c, lex):
    """The row leaving the basis when column ``c`` enters: the lexicographic minimum ratio (None: unbounded)."""
    best = None
    for i, row in enumerate(T):
        a = row[c]
        if a <= 0:
            continue
        if best is None:
            best, b, bc = i, row, a
            continue
        for k in lex:
            lhs, rhs = row[k] * bc, b[k] * a
            if lhs != rhs:
                if lhs < rhs:
                    best, b, bc = i, row, a
                break
    return best


def lex_vertices(M) -> list[tuple[tuple[int, ...], int, int]]:
    """Vertices of ``{z >= 0 : M^T z <= 1}`` (``M`` integer, entries >= 1) other than 0, by lex pivoting.

    Parameters
    ----------
    M : list of list of int
        One row per variable, one column per constraint; entries at least 1.

    Raises
    ------
    SolverError
        If the walk would visit more than :data:`MAX_LEX_BASES` bases (fewer
        for large tableaus: at most :data:`MAX_LEX_WORK` entries pivoted).

    Returns
    -------
    list of (numerators, denominator, labels)
        Each vertex once: ``z = numerators / denominator`` (reduced), and the
        labels as a bit mask, bit ``i`` for a zero variable ``i`` and bit
        ``V + j`` for a tight constraint ``j`` (``V`` variables).

    Examples
    --------
    >>> [(z, d) for z, d, _ in lex_vertices([[1, 1]])]  # z <= 1 twice: one vertex, degenerate
    [((1,), 1)]
    >>> bin(lex_vertices([[1, 1]])[0][2])  # both constraints tight
    '0b110'
    """
    V, C = len(M), len(M[0])
    # rows: constraints; columns: 0 = right-hand side, 1 + v for variable v (z first, then the slacks)
    T = [[1] + [M[v][j] for v in range(V)] + [int(k == j) for k in range(C)] for j in range(C)]
    lex = [0] + [1 + V + j for j in range(C)]
    start = tuple(range(V, V + C))
    limit = min(MAX_LEX_BASES, MAX_LEX_WORK // (C * (V + C)) + 1)
    seen = {frozenset(start)}
    stack = [(start, T, 1)]
    found: dict = {}
    while stack:
        basis, T, d = stack.pop()
        values = [0] * (V + C)
        for i, v in enumerate(basis):
            values[v] = T[i][0]
        if any(values[:V]):
            g = d
            for v in values[:V]:
                g = math.gcd(g, v)
            key = tuple(v // g for v in values[:V])
            if key not in found:
                labels = sum(1 << v for v, value in enumerate(values) if value == 0)
                found[key] = (key, d // g, labels)
        members = set(basis)
        for c in range(V + C):
            if c in members:
                continue
            r = _leaving(T, 1 + c, lex)
            if r is None:
                continue
            nxt = basis[:r] + (c,) + basis[r + 1 :]
            key = frozenset(nxt)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > limit:
                from ..errors import SolverError

                raise SolverError(f"exact enumeration visited more than {limit:,} bases of a polytope with "
                                  f"{V} variables and {C} constraints; for one equilibrium use "
                                  "equilibria(game, method='lemke-howson')")
            T2, d2 = _pivot(T, d, r, 1 + c)
            stack.append((nxt, T2, d2))
    return list(found.values())


def reverse_search_equilibria(A, B) -> list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """Every extreme Nash equilibrium of (A, B), exactly, by lexicographic pivoting.

    The same set as :func:`bargaining.games.exact.extreme_equilibria`, found by
    walking the lexicographically feasible bases of both best-response
    polytopes (Avis et al. 2010) instead of trying every support: faster from
    about 6x6 on.

    Parameters
    ----------
    A, B : nested sequences of Fraction (or int)
        Player 1's and player 2's payoffs; rows are player 1's strategies.

    Returns
    -------
    list of pair of tuple of Fraction
        Each extreme equilibrium ``(x, y)`` once, ordered by player 1's
        vertex (support size, support, then probabilities), then player 2's.

    Raises
    ------
    GameError
        If A and B are empty or of different shapes.

    References
    ----------
    D. Avis, G. D. Rosenberg, R. Savani, B. von Stengel (2010), "Enumeration
    of Nash equilibria for two-player games", Economic Theory 42:9-37.

    Examples
    --------
    >>> [(tuple(map(str, x)), tuple(map(str, y)))
    ...  for x, y in reverse_search_equilibria([[1, 1], [0, 0]], [[1, 1], [0, 0]])]
    [(('1', '0'), ('1', '0')), (('1', '0'), ('0', '1'))]
    >>> reverse_search_equilibria([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    [((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))]
    """
    m, n = _check(A, B)
    P = lex_vertices(_integer_positive(B))
    Q = lex_vertices([list(col) for col in zip(*_integer_positive(A))])
    full = (1 << (m + n)) - 1
    # Q's labels in the game's numbering: rows (its tight constraints) 0..m-1, columns (its zeros) m..
    low_n = (1 << n) - 1
    q_labels = [((lab >> n) | (lab & low_n) << m) for _, _, lab in Q]
    by_labels: dict = {}
    for w, lab in zip(Q, q_labels):
        by_labels.setdefault(lab, []).append(w)
    if len(P) * len(by_labels) > 4 * 10**7:
        from ..errors import SolverError

        raise SolverError(f"the {m}x{n} game's polytopes have {len(P):,} and {len(Q):,} vertices, too many to pair "
                          "exactly; for one equilibrium use equilibria(game, method='lemke-howson')")
    result = []
    for v in sorted(P, key=_vertex_order):
        need = full & ~v[2]
        partners = [w for lab, ws in by_labels.items() if lab & need == need for w in ws]
        for w in sorted(partners, key=_vertex_order):
            result.append((_normalise(v[0]), _normalise(w[0])))
    return result


def _vertex_order(vertex):
    nums = vertex[0]
    support = tuple(i for i, v in enumerate(nums) if v)
    total = sum(nums)
    return (len(support), support, tuple(-Fraction(v, total) for v in nums))


def _normalise(nums) -> tuple[Fraction, ...]:
    total = sum(nums)
    return tuple(Fraction(v, total) for v in nums)
