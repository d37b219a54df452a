"""The agent quantal response equilibrium of a tree, and quantal responses along a model parameter.

In the agent QRE of a tree without information sets (McKelvey and Palfrey
1998) each decision node's mover errs independently: with the logit link she
plays each action with probability proportional to ``exp(lam * V)``, ``V`` the
action's expected payoff given everyone's later quantal choices; with the
probit link each action's payoff carries an independent normal error of
standard deviation ``1 / lam``. Computed by statistical backward induction
(Signorino 1999), the same recursion the estimator's likelihood uses. As
``lam`` grows the choices approach the subgame-perfect ones (at nodes without
ties).

:func:`qre_sweep` follows a model's quantal responses as one parameter moves:
the logit QRE of the normal form on its principal branch, or the agent QRE of
the sequential form, one row per parameter value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ModelError
from ..games.qre import logit_qre
from .likelihood import tree_probabilities
from .shapes import shape_of

__all__ = ["AgentQRE", "agent_qre", "qre_sweep"]


@dataclass(frozen=True)
class AgentQRE:
    """An agent quantal response equilibrium of a tree.

    Attributes
    ----------
    behaviour : dict
        Decision node id -> {action: probability}.
    outcomes : dict
        Terminal label -> probability of ending there.
    payoffs : tuple of float
        Each player's expected payoff.
    lam : float
        The precision.
    link : str
    """

    behaviour: dict
    outcomes: dict
    payoffs: tuple
    lam: float
    link: str


def agent_qre(tree, values=None, *, lam: float = 1.0, link: str = "logit") -> AgentQRE:
    """The agent QRE of a tree with numeric payoffs, by statistical backward induction.

    Parameters
    ----------
    tree : GameTree
        A tree without information sets (chance nodes allowed).
    values : mapping, optional
        Parameter values for a parametric tree (``tree.at(values)``).
    lam : float
        Precision (>= 0); 0 gives uniform choices.
    link : {"logit", "probit"}
        Logistic (``exp(lam V)`` weights) or normal (error sd ``1/lam``) errors.

    Returns
    -------
    AgentQRE
        Behaviour at every decision node, outcome probabilities, expected payoffs.

    Examples
    --------
    >>> import bargaining as bg
    >>> b = bg.TreeBuilder(players=("A", "B"))
    >>> root = b.decision("A", {"out": b.end(1, 0, label="out"),
    ...                         "in": b.decision("B", {"fight": b.end(0, -1, label="fight"),
    ...                                                "share": b.end(2, 1, label="share")})})
    >>> q = agent_qre(b.build(), lam=1.0)
    >>> round(q.behaviour["d0"]["share"], 4)        # B: exp(1) / (exp(-1) + exp(1))
    0.8808
    >>> round(agent_qre(b.build(), lam=50.0).outcomes["share"], 4)   # near subgame perfection
    1.0
    """
    if values is not None or tree.parameters:
        tree = tree.at(values or {})
    if lam < 0:
        raise ModelError(f"agent_qre: lam must be non-negative, not {lam}")
    shape = shape_of(tree)
    U = np.array([[[float(tree.nodes[t].payoffs[i]) for t in shape.terminals] for i in range(len(shape.players))]])
    if lam == 0:
        U, logsig = np.zeros_like(U), np.zeros((1, len(shape.players)))
    elif link == "logit":
        logsig = np.full((1, len(shape.players)), -np.log(lam * np.sqrt(2)))
    else:
        logsig = np.full((1, len(shape.players)), -np.log(lam))
    P, _, nodes = tree_probabilities(shape, U, link=link, errors="agent", logsig=logsig, choices=True)
    ids = tree.preorder()
    behaviour = {ids[m]: dict(zip(shape.actions[m], map(float, p[0]))) for m, p in sorted(nodes.items())
                 if shape.movers[m] >= 0}
    outcomes = {shape.labels[t]: float(P[0, t]) for t in range(len(shape.terminals))}
    payoffs = tuple(float(sum(P[0, t] * float(tree.nodes[shape.terminals[t]].payoffs[i])
                              for t in range(len(shape.terminals)))) for i in range(len(shape.players)))
    return AgentQRE(behaviour, outcomes, payoffs, float(lam), link)


def qre_sweep(model, parameter: str, values, *, lam: float = 1.0, form: str = "normal",
              link: str = "logit") -> pd.DataFrame:
    """Quantal responses of a model as one parameter moves (the QRE branch against, e.g., R).

    Parameters
    ----------
    model : Model
        A loaded model (:func:`bargaining.load_model`).
    parameter : str
        The parameter to move (e.g. ``"R"``); the others keep their baseline.
    values : sequence of float
        Its values.
    lam : float
        Precision of the quantal responses.
    form : {"normal", "tree"}
        The payoff table's logit QRE on its principal branch, or the agent QRE
        of the model's sequential form.
    link : {"logit", "probit"}
        For ``form="tree"`` only (the normal form's QRE is logit).

    Returns
    -------
    DataFrame
        One row per value: the parameter, then each strategy's probability
        (normal form) or each terminal's probability and each decision's
        probabilities (tree; columns ``<node>:<action>``).

    Examples
    --------
    >>> import bargaining as bg
    >>> armenia = bg.load_model("russia_armenia")
    >>> table = qre_sweep(armenia, "R", [0.5, 1.0], lam=5.0, form="tree")
    >>> list(table.columns[:5])
    ['R', 'status_quo', 'conceded', 'rupture', 'backed_down']
    >>> bool(table[["status_quo", "conceded", "rupture", "backed_down"]].sum(axis=1).round(12).eq(1).all())
    True
    """
    if form not in ("normal", "tree"):
        raise ModelError(f"qre_sweep: form must be 'normal' or 'tree', not {form!r}")
    rows = []
    for v in values:
        if form == "normal":
            table = logit_qre(model.game(**{parameter: v}), lam)
            row = {parameter: float(v), **table.iloc[0].drop("lambda").to_dict()}
        else:
            if model.sequential is None:
                raise ModelError(f"qre_sweep: model {model.name!r} has no sequential form")
            q = agent_qre(model.sequential.at(model.values(**{parameter: v})), lam=lam, link=link)
            row = {parameter: float(v), **q.outcomes}
            for node, mix in q.behaviour.items():
                row.update({f"{node}:{a}": p for a, p in mix.items()})
        rows.append(row)
    return pd.DataFrame(rows)
