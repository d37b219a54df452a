"""Outcome probabilities of a tree under random utility, with exact first derivatives.

Two stochastic structures (Signorino 2003; Kenkel and Signorino 2014, §2):

* **agent error** (``errors="agent"``, the quantal response equilibrium of the
  agent form): at each decision node the mover adds an independent error of
  scale ``sigma`` to the expected utility of each action, the continuation
  values already folding in every later mover's choice probabilities. With
  two actions the probability of the first is ``F((V1 - V2) / (sigma*sqrt 2))``,
  ``F`` the normal (probit) or logistic (logit) cdf; with more than two the
  logit link gives ``softmax(V / (sigma*sqrt 2))``.
* **private information** (``errors="private"``, probit only): each estimable
  utility ``u_it`` carries a normal error of scale ``sigma`` known to player
  ``i`` alone. At her node she compares ``sum_t Q_a(t) (u_it + e_it)`` across
  her two actions, ``Q_a`` the distribution over terminals that the others'
  choices induce after action ``a``, so the comparison's variance is
  ``sigma^2 sum_t Q_a(t)^2`` over the terminals whose utility carries an error.
  A player may move only once on a path (her later choices would depend on
  her own errors).

Chance nodes with known probabilities average their children in both.

These are the likelihoods of ``games::egame12``, ``egame122`` and ``egame123``
(including R's ``sqrt 2`` scaling of the logit link). Derivatives are carried
forward through the recursion (forward-mode differentiation by hand), so the
score is exact.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit, log_ndtr, ndtr

from ..errors import ModelError

__all__ = ["tree_probabilities", "LINKS", "ERRORS", "TINY"]

LINKS = ("probit", "logit")
ERRORS = ("agent", "private")
#: Probabilities are kept in [TINY, 1 - TINY] before logs, as R's ``finiteProbs``.
TINY = np.finfo(float).eps
_SQRT2 = np.sqrt(2.0)


def _cdf_pdf(x, link):
    if link == "probit":
        return ndtr(x), np.exp(-0.5 * x * x) / np.sqrt(2 * np.pi)
    p = expit(x)
    return p, p * (1.0 - p)


def check_structure(shape, link: str, errors: str) -> None:
    """Raise ModelError if the tree cannot carry this stochastic structure."""
    if link not in LINKS:
        raise ModelError(f"estimation: link must be one of {LINKS}, not {link!r}")
    if errors not in ERRORS:
        raise ModelError(f"estimation: errors must be one of {ERRORS}, not {errors!r}")
    if errors == "private" and link == "logit":
        raise ModelError("estimation: the private-information model has a probit link only "
                         "(a sum of logistic errors is not logistic; games::egame12 also refuses it)")
    for node, kids in enumerate(shape.children):
        if shape.movers[node] == -2:
            continue
        if kids and len(kids) != 2 and (link == "probit" or errors == "private"):
            raise ModelError(f"estimation: node {node} has {len(kids)} actions; probit and private "
                             "information need binary choices (use link='logit', errors='agent')")
        if kids and errors == "private" and shape.moves_below(node, shape.movers[node]):
            raise ModelError(f"estimation: player {shape.players[shape.movers[node]]} moves twice on a "
                             "path; the private-information model needs one move per player per path")


def tree_probabilities(shape, U, dU=None, *, link="probit", errors="agent", logsig=None, dlogsig=None,
                       listed=None, choices=False):
    """Terminal probabilities (and their derivatives) of a tree with per-observation utilities.

    Parameters
    ----------
    shape : TreeShape
    U : ndarray, shape (n, players, terminals)
        Each observation's utility of each player at each terminal.
    dU : ndarray, shape (n, players, terminals, k), optional
        Derivatives of ``U`` with respect to ``k`` parameters.
    link : {"probit", "logit"}
    errors : {"agent", "private"}
    logsig : ndarray, shape (n, players), optional
        Log error scale of each player (0 when omitted).
    dlogsig : ndarray, shape (n, players, k), optional
    listed : bool ndarray, shape (players, terminals), optional
        Private information: which utilities carry an error (all when omitted).
    choices : bool
        Also return each decision node's action probabilities.

    Returns
    -------
    P : ndarray (n, terminals)
    dP : ndarray (n, terminals, k) or None
    node_probs : dict node -> ndarray (n, actions), only when ``choices``

    Examples
    --------
    >>> from bargaining.estimation.shapes import egame12, shape_of
    >>> U = np.zeros((1, 2, 3)); U[0, 1, 2] = 1.0       # u24 = 1
    >>> listed = [[1, 1, 1], [0, 0, 1]]                 # u23 is a structural 0: no error
    >>> P, _ = tree_probabilities(shape_of(egame12()), U, errors="private", listed=listed)
    >>> round(float(P[0, 2] / P[0, 1:].sum()), 4)     # Pr(2 picks 4) = Phi(1)
    0.8413
    """
    check_structure(shape, link, errors)
    n, nplay, nterm = U.shape
    k = 0 if dU is None else dU.shape[-1]
    grad = dU is not None
    logsig = np.zeros((n, nplay)) if logsig is None else logsig
    if grad and dlogsig is None:
        dlogsig = np.zeros((n, nplay, k))
    listed = np.ones((nplay, nterm), bool) if listed is None else np.asarray(listed, bool)
    sig = np.exp(logsig)
    node_probs = {}
    # Q[m]: distribution over terminals from node m; V[m] (agent): continuation values.
    Q, dQ, V, dV = {}, {}, {}, {}
    for m in shape.postorder:
        kids = shape.children[m]
        if not kids:
            t = shape.terminal_nodes.index(m)
            q = np.zeros((n, nterm))
            q[:, t] = 1.0
            Q[m], dQ[m] = q, None
            V[m] = U[:, :, t]
            dV[m] = dU[:, :, t, :] if grad else None
            continue
        i = shape.movers[m]
        if i == -2:  # chance: known probabilities
            p = np.broadcast_to(np.asarray(shape.chance[m]), (n, len(kids)))
            dp = np.zeros((n, len(kids), k)) if grad else None
        elif errors == "agent":
            s = sig[:, i] * _SQRT2
            z = np.stack([V[c][:, i] for c in kids], axis=1) / s[:, None]
            dz = (np.stack([dV[c][:, i, :] for c in kids], axis=1) / s[:, None, None]
                  - z[:, :, None] * dlogsig[:, None, i, :]) if grad else None
            if len(kids) == 2:
                p1, f = _cdf_pdf(z[:, 0] - z[:, 1], link)
                p = np.stack([p1, 1.0 - p1], axis=1)
                if grad:
                    d1 = f[:, None] * (dz[:, 0] - dz[:, 1])
                    dp = np.stack([d1, -d1], axis=1)
            else:
                z = z - z.max(axis=1, keepdims=True)
                p = np.exp(z)
                p /= p.sum(axis=1, keepdims=True)
                if grad:
                    dp = p[:, :, None] * (dz - np.einsum("na,nak->nk", p, dz)[:, None, :])
        else:
            means, dmeans, var, dvar = [], [], 0.0, 0.0
            for c in kids:
                w = Q[c] * listed[i]
                means.append(np.einsum("nt,nt->n", Q[c], U[:, i, :]))
                var = var + (w * Q[c]).sum(axis=1)
                if grad:
                    dm = np.einsum("nt,ntk->nk", Q[c], dU[:, i, :, :])
                    if dQ[c] is not None:
                        dm = dm + np.einsum("ntk,nt->nk", dQ[c], U[:, i, :])
                        dvar = dvar + 2.0 * np.einsum("nt,ntk->nk", w, dQ[c])
                    dmeans.append(dm)
            if np.any(var <= 0):
                raise ModelError(f"estimation: player {shape.players[i]} has no utility with an error "
                                 "after her move; list at least one of her utilities")
            S = np.sqrt(var) * sig[:, i]
            x = (means[0] - means[1]) / S
            p1, f = _cdf_pdf(x, "probit")
            p = np.stack([p1, 1.0 - p1], axis=1)
            if grad:
                dlogS = 0.5 * dvar / var[:, None] + dlogsig[:, i, :]
                d1 = f[:, None] * ((dmeans[0] - dmeans[1]) / S[:, None] - x[:, None] * dlogS)
                dp = np.stack([d1, -d1], axis=1)
        node_probs[m] = p
        Q[m] = sum(p[:, [a]] * Q[c] for a, c in enumerate(kids))
        if errors == "agent":
            V[m] = sum(p[:, [a]] * V[c] for a, c in enumerate(kids))
        if grad:
            dq = np.zeros((n, nterm, k))
            for a, c in enumerate(kids):
                if not shape.children[c]:  # a terminal: Q[c] is one-hot, dQ[c] is zero
                    dq[:, shape.terminal_nodes.index(c), :] += dp[:, a, :]
                else:
                    dq += dp[:, a, None, :] * Q[c][:, :, None] + p[:, a, None, None] * dQ[c]
            dQ[m] = dq
            if errors == "agent":
                dV[m] = sum(dp[:, a, None, :] * V[c][:, :, None] + p[:, a, None, None] * dV[c]
                            for a, c in enumerate(kids))
    P = Q[0]
    dP = (dQ[0] if dQ[0] is not None else np.zeros((n, nterm, k))) if grad else None
    return (P, dP, node_probs) if choices else (P, dP)


def log_likelihood_terms(P, dP, y):
    """Per-observation log-likelihood and score from terminal probabilities and observed terminals."""
    rows = np.arange(len(y))
    raw = P[rows, y]
    p = np.clip(raw, TINY, 1.0)
    ll = np.log(p)
    score = None if dP is None else np.where((raw > TINY)[:, None], dP[rows, y, :] / p[:, None], 0.0)
    return ll, score


def probit_log_cdf(x):
    """log Phi(x), accurate in the lower tail (used by the ultimatum model's tests)."""
    return log_ndtr(x)
