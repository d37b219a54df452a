r"""Exact rational enumeration of the extreme Nash equilibria of bimatrix games.

Degenerate games included. With payoffs shifted to be positive, player 1's
and player 2's *best-response polytopes* are

.. math::

    P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad
    Q = \{y \in \mathbb{R}^n : y \ge 0,\ A y \le 1\}.

A point of :math:`P` has label :math:`i` (a row) when :math:`x_i = 0` and label
:math:`m + j` (a column) when :math:`(B^\top x)_j = 1`; labels of :math:`Q`
likewise. The extreme Nash equilibria are exactly the completely labelled
pairs of vertices :math:`(x, y) \ne (0, 0)`, normalised to probabilities, and
this holds for degenerate games too, where a vertex can carry more labels than
the dimension (Avis et al. 2010, section 3). Maximal convex sets of equilibria
("maximal Nash subsets") are products :math:`\mathrm{conv}(X') \times
\mathrm{conv}(Y')` over the maximal bicliques of the bipartite graph of extreme
equilibria; subsets that share a vertex lie in one connected component.

Everything here is pure Python on integers: payoffs are scaled to integers
and each vertex is found by fraction-free (Bareiss) Gauss-Jordan elimination
of one basis, so no rounding ever happens.

References
----------
.. [1] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel (2010),
   "Enumeration of Nash equilibria for two-player games", *Economic Theory*
   42:9-37.
.. [2] B. von Stengel (2007), "Equilibrium computation for two-player games in
   strategic and extensive form", chapter 3 of N. Nisan, T. Roughgarden,
   E. Tardos and V. Vazirani (eds.), *Algorithmic Game Theory*, Cambridge
   University Press.
"""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import combinations

__all__ = ["extreme_equilibria", "is_degenerate", "nash_subsets", "group_subsets", "MAX_BASES", "count_bases"]

#: The most bases (support, tight-constraint set) one exact enumeration may try. The work grows
#: like C(m + n, m) for an m x n game: about 10**5 bases take a few seconds in pure Python.
MAX_BASES = 100_000

#: A progress bar (tqdm, on a terminal only) is shown from this many bases on.
PROGRESS_FROM = 20_000


# ------------------------------------------------------------------ arithmetic
def _integer_positive(M) -> list[list[int]]:
    """Scale a rational matrix to integers and shift it to entries >= 1.

    Scaling by a positive number and adding a constant change no best
    response, so the equilibria are those of the original matrix.
    """
    rows = [[Fraction(v) for v in row] for row in M]
    scale = 1
    for row in rows:
        for v in row:
            scale = scale * v.denominator // math.gcd(scale, v.denominator)
    ints = [[int(v * scale) for v in row] for row in rows]
    low = min(min(row) for row in ints)
    return [[v - low + 1 for v in row] for row in ints]


def _solve(matrix: list[list[int]], k: int):
    """Solve ``matrix @ z = 1`` (k x k integers) by fraction-free Gauss-Jordan.

    Returns ``(numerators, denominator)`` with a positive denominator, or
    ``None`` if the matrix is singular.
    """
    a = [row + [1] for row in matrix]
    prev = 1
    for p in range(k):
        if a[p][p] == 0:
            for r in range(p + 1, k):
                if a[r][p] != 0:
                    a[p], a[r] = a[r], a[p]
                    break
            else:
                return None
        row_p = a[p]
        piv = row_p[p]
        for r in range(k):
            if r != p:
                row_r = a[r]
                arp = row_r[p]
                if arp == 0:
                    a[r] = [piv * v // prev for v in row_r]
                else:
                    a[r] = [(piv * v - arp * w) // prev for v, w in zip(row_r, row_p)]
        prev = piv
    nums = [row[k] for row in a]
    if prev < 0:
        return [-v for v in nums], -prev
    return nums, prev


# ------------------------------------------------------------------- vertices
def _vertices(M: list[list[int]], supports=None, bases: int = 0):
    """Vertices (other than 0) of ``{z >= 0 : M^T z <= 1}``, M with entries >= 1.

    ``M`` has one row per variable and one column per constraint. Each vertex
    is found from a support S (its positive variables) and |S| tight
    constraints forming a nonsingular basis; a degenerate vertex is reached
    from several bases and kept once. ``supports`` restricts the supports
    tried (an iterable of sorted tuples).

    Returns a list of ``(numerators, denominator, zero_mask, tight_mask)``:
    the vertex is ``numerators / denominator``; bit ``i`` of ``zero_mask`` is
    set when variable i is 0, bit ``j`` of ``tight_mask`` when constraint j is
    tight.
    """
    size, count = len(M), len(M[0])
    columns = list(zip(*M))  # columns[j][i] = M[i][j]
    if supports is None:
        # a vertex with k positive variables needs k tight constraints: k <= count
        largest = min(size, count)
        total = sum(math.comb(size, k) for k in range(1, largest + 1))
        supports = (S for k in range(1, largest + 1) for S in combinations(range(size), k))
    else:
        total = len(supports)
    found: dict = {}
    for S in _progress(supports, total, bases):
        k = len(S)
        restricted = [[col[i] for i in S] for col in columns]
        for T in combinations(range(count), k):
            solved = _solve([restricted[t] for t in T], k)
            if solved is None:
                continue
            nums, den = solved
            if min(nums) <= 0:
                continue  # not this support (a zero entry means a smaller one)
            tight = 0
            for j, col in enumerate(restricted):
                value = sum(c * v for c, v in zip(col, nums))
                if value > den:
                    break
                if value == den:
                    tight |= 1 << j
            else:
                g = den
                for v in nums:
                    g = math.gcd(g, v)
                full = [0] * size
                for i, v in zip(S, nums):
                    full[i] = v // g
                key = (tuple(full), den // g)
                if key not in found:
                    zeros = sum(1 << i for i in range(size) if i not in S)
                    found[key] = (key[0], key[1], zeros, tight)
    return list(found.values())


def _subsets_of(masks, width: int, largest: int):
    """All nonempty sorted index tuples of at most ``largest`` items inside any of the bit ``masks``."""
    out = set()
    for mask in masks:
        items = [i for i in range(width) if mask >> i & 1]
        for k in range(1, min(len(items), largest) + 1):
            out.update(combinations(items, k))
    return sorted(out, key=lambda s: (len(s), s))


def count_bases(m: int, n: int) -> int:
    """The bases a full vertex enumeration of an ``m``-variable, ``n``-constraint polytope tries.

    That is the sum over k of C(m, k) C(n, k) = C(m + n, m) - 1.

    Examples
    --------
    >>> count_bases(2, 2), count_bases(10, 10), count_bases(1, 200)
    (5, 184755, 200)
    """
    return math.comb(m + n, m) - 1


def _budget(bases: int, m: int, n: int) -> None:
    if bases > MAX_BASES:
        from ..errors import SolverError

        raise SolverError(
            f"exact enumeration of this {m}x{n} game would try {bases:,} bases, more than the limit "
            f"{MAX_BASES:,} (bargaining.games.exact.MAX_BASES); for one equilibrium use "
            "equilibria(game, method='lemke-howson')"
        )


def _progress(items, total: int, bases: int):
    """``items``, with a progress bar on a terminal when there are many ``bases`` to try."""
    if bases < PROGRESS_FROM:
        return items
    try:
        from tqdm.auto import tqdm
    except ImportError:  # pragma: no cover - tqdm is optional
        return items
    return tqdm(items, total=total, desc="exact enumeration", unit="support", disable=None, leave=False)


def _check(A, B):
    m = len(A)
    if m == 0 or len(B) != m or not A[0] or any(len(r) != len(A[0]) for r in (*A, *B)):
        from ..errors import GameError

        raise GameError("A and B must be nonempty matrices of the same shape")
    return m, len(A[0])


def _normalise(nums) -> tuple[Fraction, ...]:
    total = sum(nums)
    return tuple(Fraction(v, total) for v in nums)


# ---------------------------------------------------------------- public API
def extreme_equilibria(A, B) -> list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """Every extreme Nash equilibrium of the bimatrix game (A, B), exactly.

    Enumerates the vertices of player 1's best-response polytope
    :math:`P`, then only those vertices of :math:`Q` whose support lies in the
    best responses to some vertex of :math:`P`, and pairs the completely
    labelled ones (Avis et al. 2010; von Stengel 2007, section 3.5).

    Parameters
    ----------
    A, B : nested sequences of Fraction (or int)
        Player 1's and player 2's payoffs; rows are player 1's strategies.

    Returns
    -------
    list of pair of tuple of Fraction
        Each extreme equilibrium ``(x, y)`` as probability vectors, without
        duplicates, ordered by player 1's vertex (support size, then
        position), then player 2's.

    Raises
    ------
    GameError
        If A and B are empty or of different shapes.
    SolverError
        If the enumeration would try more than :data:`MAX_BASES` bases (the
        work grows like C(m + n, m)); the message says how many.

    References
    ----------
    D. Avis, G. D. Rosenberg, R. Savani, B. von Stengel (2010), "Enumeration
    of Nash equilibria for two-player games", Economic Theory 42:9-37.
    B. von Stengel (2007), Algorithmic Game Theory, chapter 3.

    Examples
    --------
    >>> from fractions import Fraction
    >>> [(tuple(map(str, x)), tuple(map(str, y)))
    ...  for x, y in extreme_equilibria([[1, 1], [0, 0]], [[1, 1], [0, 0]])]
    [(('1', '0'), ('1', '0')), (('1', '0'), ('0', '1'))]
    >>> extreme_equilibria([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    [((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))]
    """
    m, n = _check(A, B)
    bases = count_bases(m, n)
    _budget(bases, m, n)
    P = _vertices(_integer_positive(B), bases=bases)  # variables rows, constraints columns
    full = (1 << (m + n)) - 1
    p_labels = [(v, v[2] | v[3] << m) for v in P]
    # A Q vertex matching x must be supported inside the best responses to x (at most m of them:
    # a vertex of Q with k positive entries needs k tight rows).
    tight_sets = {v[3] for v in P}
    _budget(sum(math.comb(t.bit_count(), k) for t in tight_sets for k in range(1, m + 1)) // 10, m, n)
    needed = _subsets_of(tight_sets, n, m)
    q_bases = sum(math.comb(m, len(S)) for S in needed)
    _budget(q_bases, m, n)
    Q = _vertices([list(col) for col in zip(*_integer_positive(A))], supports=needed, bases=q_bases)
    q_labels = [(w, w[2] << m | w[3]) for w in Q]
    result = []
    for v, lv in p_labels:
        for w, lw in q_labels:
            if lv | lw == full:
                result.append((_normalise(v[0]), _normalise(w[0])))
    return result


def is_degenerate(A, B) -> bool:
    """Whether the bimatrix game (A, B) is degenerate, decided exactly.

    The game is degenerate when some mixed strategy with support of size k
    has more than k pure best responses (von Stengel 2007, Definition 3.2),
    equivalently when a vertex of :math:`P` has more than m labels or a
    vertex of :math:`Q` more than n labels.

    Parameters
    ----------
    A, B : nested sequences of Fraction (or int)

    Returns
    -------
    bool

    Raises
    ------
    SolverError
        If deciding it would try more than :data:`MAX_BASES` bases.

    Examples
    --------
    >>> is_degenerate([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    True
    >>> is_degenerate([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    False
    """
    m, n = _check(A, B)
    bases = count_bases(m, n)
    _budget(bases, m, n)
    for M, dim in ((B, m), ([list(col) for col in zip(*A)], n)):
        for _nums, _den, zeros, tight in _vertices(_integer_positive(M), bases=bases):
            if zeros.bit_count() + tight.bit_count() > dim:
                return True
    return False


def nash_subsets(A, B, extreme=None):
    """The maximal Nash subsets of (A, B): maximal bicliques of extreme equilibria.

    A maximal Nash subset is a maximal product ``conv(X') x conv(Y')`` of
    equilibria; its vertex sets ``X'`` and ``Y'`` form a maximal biclique of the
    bipartite graph joining ``x`` to ``y`` when ``(x, y)`` is an extreme
    equilibrium (Avis et al. 2010, section 5). The bicliques are found as the
    closed sets of the neighbourhood lattice (intersections of neighbourhoods).

    Parameters
    ----------
    A, B : nested sequences of Fraction (or int)
    extreme : list of pairs, optional
        The output of :func:`extreme_equilibria`, if already computed.

    Returns
    -------
    list of (tuple of x vertices, tuple of y vertices)
        Vertices in order of first appearance among the extreme equilibria;
        subsets ordered by their first x vertex, then y vertex.

    Examples
    --------
    >>> subsets = nash_subsets([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    >>> len(subsets), len(subsets[0][0]), len(subsets[0][1])
    (1, 1, 2)
    """
    if extreme is None:
        extreme = extreme_equilibria(A, B)
    xs: list = []
    ys: list = []
    for x, y in extreme:
        if x not in xs:
            xs.append(x)
        if y not in ys:
            ys.append(y)
    neighbours = [frozenset() for _ in xs]
    for x, y in extreme:
        i = xs.index(x)
        neighbours[i] = neighbours[i] | {ys.index(y)}
    closed = set(neighbours)
    frontier = list(closed)
    while frontier:
        new = []
        for s in frontier:
            for t in neighbours:
                u = s & t
                if u and u not in closed:
                    closed.add(u)
                    new.append(u)
        frontier = new
    pairs = set()
    for ycols in closed:
        xrows = tuple(i for i, nb in enumerate(neighbours) if ycols <= nb)
        pairs.add((xrows, tuple(sorted(ycols))))
    return [
        (tuple(xs[i] for i in xr), tuple(ys[j] for j in yc))
        for xr, yc in sorted(pairs, key=lambda p: (p[0][0], p[1][0], p))
    ]


def group_subsets(subsets) -> list[tuple[int, ...]]:
    """Group maximal Nash subsets into connected components.

    Two subsets are connected when they share an x vertex or a y vertex; a
    component is a class of the transitive closure of that relation.

    Parameters
    ----------
    subsets : list of (tuple of x vertices, tuple of y vertices)
        As returned by :func:`nash_subsets`.

    Returns
    -------
    list of tuple of int
        Indices into ``subsets``, one tuple per component, in order of their
        smallest index.

    Examples
    --------
    >>> x1, x2, y1, y2 = (1, 0), (0, 1), (1, 0), (0, 1)
    >>> group_subsets([((x1,), (y1,)), ((x2,), (y2,)), ((x1, x2), (y2,))])
    [(0, 1, 2)]
    >>> group_subsets([((x1,), (y1,)), ((x2,), (y2,))])
    [(0,), (1,)]
    """
    parent = list(range(len(subsets)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict = {}
    for k, (xv, yv) in enumerate(subsets):
        for node in [("x", v) for v in xv] + [("y", v) for v in yv]:
            if node in owner:
                a, b = find(owner[node]), find(k)
                parent[max(a, b)] = min(a, b)
            else:
                owner[node] = k
    groups: dict = {}
    for k in range(len(subsets)):
        groups.setdefault(find(k), []).append(k)
    return [tuple(g) for _, g in sorted(groups.items())]
