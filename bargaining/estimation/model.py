"""A strategic model compiled: which parameters enter which utility, and the likelihood of a parameter vector.

:func:`compile_model` checks a utility specification against a tree (every key
names a player and a terminal; no regressor enters all of a mover's utilities
below her node, the identification condition of Lewis and Schultz 2003) and
fixes the parameter names in the R package's style (``u1(war):balanc``, or
``u1(war)`` for a constant-only utility, ``log(sigma)`` for a scale).
:class:`Compiled` then turns data into design matrices and a parameter vector
into utilities, scales, outcome probabilities and their derivatives.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import ModelError
from .design import Equation, design_matrix, parse_equation, utility_key
from .likelihood import check_structure, log_likelihood_terms, tree_probabilities

__all__ = ["Compiled", "compile_model"]


@dataclass(frozen=True)
class Block:
    """One equation's place: ``player``, ``terminal`` (None for a scale), parameter slice, names."""

    player: int
    terminal: int | None
    equation: Equation
    start: int
    names: tuple


@dataclass(frozen=True)
class Compiled:
    """A tree, a link, an error structure and equations, with the parameter layout fixed.

    Attributes
    ----------
    shape : TreeShape
    labels : tuple of str
        Outcome label of each terminal.
    link, errors : str
    blocks : tuple of Block
        Utility equations, then scale equations.
    names : tuple of str
        Parameter names in order.
    listed : ndarray (players, terminals) of bool
        Utilities in the specification (those carry private-information errors).
    fixed : ndarray (players, terminals)
        Fixed utility values (0 where unlisted).
    levels : dict
        Factor levels seen when the design was first built.
    columns : tuple of str
        Data columns the equations use.
    """

    shape: object
    labels: tuple
    link: str
    errors: str
    blocks: tuple
    names: tuple
    listed: np.ndarray
    fixed: np.ndarray
    levels: dict = field(default_factory=dict)
    columns: tuple = ()

    def matrices(self, data: pd.DataFrame) -> list:
        """The design matrix of each block for the rows of ``data``."""
        out = []
        for b in self.blocks:
            X, _ = design_matrix(b.equation, data, levels=self.levels, where="estimation: ")
            if X.shape[1] != len(b.names):
                raise ModelError("estimation: the new data's columns do not match the fitted equations")
            out.append(X)
        return out

    def parts(self, theta, mats, grad=True):
        """Utilities (n, players, terminals), log scales (n, players), and their derivatives."""
        n = mats[0].shape[0] if mats else 0
        P, T = self.listed.shape
        k = len(self.names)
        U = np.broadcast_to(self.fixed, (n, P, T)).copy()
        dU = np.zeros((n, P, T, k)) if grad else None
        logsig = np.zeros((n, P))
        dlogsig = np.zeros((n, P, k)) if grad else None
        for b, X in zip(self.blocks, mats):
            w = X.shape[1]
            if w == 0:
                continue
            sl = slice(b.start, b.start + w)
            value = X @ theta[sl]
            if b.terminal is None:
                players = range(P) if b.player < 0 else [b.player]
                for i in players:
                    logsig[:, i] = value
                    if grad:
                        dlogsig[:, i, sl] = X
            else:
                U[:, b.player, b.terminal] = value
                if grad:
                    dU[:, b.player, b.terminal, sl] = X
        return U, dU, logsig, dlogsig

    def probabilities(self, theta, mats, grad=False):
        """Terminal probabilities (n, terminals) and, when ``grad``, their derivatives."""
        U, dU, ls, dls = self.parts(theta, mats, grad)
        return tree_probabilities(self.shape, U, dU, link=self.link, errors=self.errors, logsig=ls,
                                  dlogsig=dls, listed=self.listed)

    def loglik(self, theta, mats, y, grad=True):
        """Per-observation log-likelihood (n,) and score (n, k).

        The recursion differentiates with respect to the utilities and log
        scales themselves (players x terminals + players directions, fewer than
        the parameters); the chain rule through the design matrices follows.
        """
        U, _, logsig, _ = self.parts(theta, mats, grad=False)
        n, P, T = U.shape
        if not grad:
            Pr, _ = tree_probabilities(self.shape, U, link=self.link, errors=self.errors, logsig=logsig,
                                       listed=self.listed)
            return log_likelihood_terms(Pr, None, y)
        d = P * T + P
        eye = np.eye(d)
        dU = np.broadcast_to(eye[: P * T].reshape(P, T, d), (n, P, T, d))
        dls = np.broadcast_to(eye[P * T:].reshape(P, d), (n, P, d))
        Pr, dPr = tree_probabilities(self.shape, U, dU, link=self.link, errors=self.errors, logsig=logsig,
                                     dlogsig=dls, listed=self.listed)
        ll, su = log_likelihood_terms(Pr, dPr, y)
        score = np.zeros((n, len(self.names)))
        for b, X in zip(self.blocks, mats):
            w = X.shape[1]
            if w == 0:
                continue
            if b.terminal is None:
                players = range(P) if b.player < 0 else [b.player]
                direction = sum(su[:, P * T + i] for i in players)
            else:
                direction = su[:, b.player * T + b.terminal]
            score[:, b.start:b.start + w] = direction[:, None] * X
        return ll, score


def _scale_blocks(scale, players, link):
    stem = "log(lambda" if link == "logit" else "log(sigma"
    if scale is None:
        return []
    if isinstance(scale, dict):
        out = []
        for key, spec in scale.items():
            i = players.index(str(key)) if str(key) in players else int(key) - 1
            if not 0 <= i < len(players):
                raise ModelError(f"estimation: scale for unknown player {key!r}")
            out.append((i, parse_equation(spec, where=f"scale {key}: "), f"{stem}{i + 1})"))
        return out
    return [(-1, parse_equation(scale, where="scale: "), f"{stem})")]


def _names(prefix, eq, data, levels):
    _, cols = design_matrix(eq, data, levels=levels)
    if cols == ["(Intercept)"]:
        return (prefix,)
    return tuple(f"{prefix}:{c}" for c in cols)


def compile_model(shape, labels, utilities: dict, data: pd.DataFrame, *, link="probit", errors="agent",
                  scale=None) -> Compiled:
    """Check a specification against a tree and fix its parameter layout.

    Parameters
    ----------
    shape : TreeShape
    labels : tuple of str
        Outcome labels, left to right.
    utilities : dict
        ``{"u11": "x1 + x2", "u13": 0, ...}``: formula text or a fixed number.
    data : DataFrame
        Used for factor levels.
    link, errors : str
    scale : str or dict, optional
        A formula for the log error scale, common (str) or by player (dict).

    Returns
    -------
    Compiled

    Examples
    --------
    >>> from bargaining.estimation.shapes import egame12, shape_of
    >>> df = pd.DataFrame({"x": [0.5, 1.0]})
    >>> c = compile_model(shape_of(egame12()), ("sq", "cap", "war"),
    ...                   {"u11": "x", "u13": 0, "u14": "1", "u24": "x"}, df)
    >>> c.names
    ('u1(sq):(Intercept)', 'u1(sq):x', 'u1(war)', 'u2(war):(Intercept)', 'u2(war):x')
    """
    check_structure(shape, link, errors)
    P, T = len(shape.players), len(shape.terminals)
    listed = np.zeros((P, T), bool)
    fixed = np.zeros((P, T))
    levels: dict = {}
    blocks, names, columns = [], [], set()
    start = 0
    for key, spec in utilities.items():
        where = f"estimation: utility {key}: "
        i, t = utility_key(key, shape.players, shape.terminals, labels, where="estimation: ")
        if listed[i, t]:
            raise ModelError(f"{where}given twice")
        listed[i, t] = True
        eq = parse_equation(spec, where=where)
        if not eq.estimated:
            fixed[i, t] = eq.fixed or 0.0
            continue
        block_names = _names(f"u{i + 1}({labels[t]})", eq, data, levels)
        blocks.append(Block(i, t, eq, start, block_names))
        names.extend(block_names)
        columns.update(p for term in eq.terms for p in term.split(":"))
        start += len(block_names)
    _identified(shape, blocks, labels)
    for i, eq, prefix in _scale_blocks(scale, list(shape.players), link):
        block_names = _names(prefix, eq, data, levels)
        blocks.append(Block(i, None, eq, start, block_names))
        names.extend(block_names)
        columns.update(p for term in eq.terms for p in term.split(":"))
        start += len(block_names)
    if not names:
        raise ModelError("estimation: nothing to estimate (every utility is fixed)")
    return Compiled(shape, tuple(labels), link, errors, tuple(blocks), tuple(names), listed, fixed, levels,
                    tuple(sorted(columns)))


def _identified(shape, blocks, labels):
    """Lewis and Schultz (2003): no regressor in every one of a mover's utilities below her node."""
    cols = {(b.player, b.terminal): {n.rpartition(":")[2] if ":" in n else "(Intercept)" for n in b.names}
            for b in blocks}
    for node, kids in enumerate(shape.children):
        if not kids:
            continue
        i = shape.movers[node]
        below = shape.terminals_below(node)
        sets = [cols.get((i, t), set()) for t in below]
        common = set.intersection(*sets) if sets else set()
        if common:
            raise ModelError(f"estimation: not identified: {sorted(common)} enter every utility of player "
                             f"{shape.players[i]} after her move at node {node} (outcomes "
                             f"{[labels[t] for t in below]}); fix one of them at 0")
