"""Shares of the plausible box: in how much of a model's parameter ranges each regime or path holds.

The other parameters are drawn uniformly from their plausible ranges (the
*plausible box*, :func:`bargaining.modelling.sampling.draw`); a share is the
fraction of draws, with its binomial standard error sqrt(s(1 - s)/n). A
share is the volume of a box of judgemental ranges, not a probability that
anything happens.

- :func:`path_labels` solves a perfect-information tree (a model's
  ``[sequential]`` form) by backward induction for every draw at once;
- :func:`box_shares` counts any labelling of the draws (paths, Nash regimes,
  a closed-form regime) at each value of R;
- :func:`order_share` is the share of the box in which given thresholds come
  in a given order;
- :func:`regime_map` labels a grid of R against one other parameter (the
  others at their defaults), for two-dimensional regime maps.

Ties (a player indifferent between two actions) have zero volume in the box;
backward induction breaks them for the first action in the file's order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from ..errors import BargainingError
from ..games.tree import DecisionNode, TerminalNode
from ..modelling.expressions import parse_expression
from ..modelling.sampling import as_function, draw

__all__ = ["path_labels", "nash_labels", "box_shares", "order_share", "regime_map", "standard_error"]


def standard_error(share, samples: int):
    """The binomial standard error of a share of ``samples`` draws.

    Parameters
    ----------
    share : float or array_like
        The share(s), in [0, 1].
    samples : int
        The number of draws.

    Returns
    -------
    float or numpy.ndarray
        sqrt(share (1 - share) / samples); at most 0.5/sqrt(samples)
        (0.005 for 10,000 draws).

    Examples
    --------
    >>> float(standard_error(0.5, 10_000))
    0.005
    """
    share = np.asarray(share, dtype=float)
    return np.sqrt(share * (1 - share) / samples)


def path_labels(model, values: Mapping) -> np.ndarray:
    """The subgame-perfect path of a model's perfect-information tree for every draw of the parameters.

    Parameters
    ----------
    model : Model
        A model with a ``[sequential]`` section without chance nodes or
        information sets.
    values : mapping of str -> numpy.ndarray
        One array per parameter (all the same length).

    Returns
    -------
    numpy.ndarray of str
        The path in actions, e.g. ``"Demand → Concede"``, per draw.

    Examples
    --------
    >>> import numpy as np, bargaining as bg
    >>> m = bg.load_model("russia_armenia")
    >>> v = {k: np.array([float(x), float(x)]) for k, x in m.values().items()}
    >>> v["R"] = np.array([0.75, 1.0])
    >>> path_labels(m, v).tolist()
    ['Demand → Concede', 'StatusQuo']
    """
    tree = model.sequential
    if tree is None:
        raise BargainingError(f"{model.name}: no [sequential] section to solve")
    n = len(next(iter(values.values())))
    names = list(model.parameters)
    value = {}
    choice = {}

    def solve(node_id):
        node = tree.nodes[node_id]
        if isinstance(node, TerminalNode):
            value[node_id] = [as_function(p, names)(values) if p.free_symbols else np.full(n, float(p))
                              for p in node.payoffs]
            return
        if not isinstance(node, DecisionNode) or getattr(node, "infoset", None) not in (None, node.id):
            raise BargainingError(f"{model.name}: path_labels needs a tree of perfect information without chance")
        for _, child in node.actions:
            solve(child)
        mover = tree.players.index(node.player)
        stacked = np.stack([value[child][mover] for _, child in node.actions])
        best = np.argmax(stacked, axis=0)  # ties: the first action
        choice[node_id] = best
        value[node_id] = [np.choose(best, np.stack([value[child][k] for _, child in node.actions]))
                          for k in range(len(tree.players))]

    solve(tree.root)
    labels = np.empty(n, dtype=object)
    for i in range(n):
        node, words = tree.nodes[tree.root], []
        while isinstance(node, DecisionNode):
            action, child = node.actions[choice[node.id][i]]
            words.append(action)
            node = tree.nodes[child]
        labels[i] = " → ".join(words)
    return labels.astype(str)


def box_shares(model, label: Callable, R, *, samples: int = 10_000, seed=None) -> pd.DataFrame:
    """The share of the plausible box in which each label holds, at each value of R, with standard errors.

    Parameters
    ----------
    model : Model
        The model whose parameters (other than R) are drawn.
    label : callable
        ``label(values) -> array of str``: one label per draw (e.g.
        ``lambda v: path_labels(model, v)``).
    R : sequence of float
        The values of R.
    samples : int
        Draws (the same draws at every R). 10,000 keeps every standard
        error at or below 0.005.
    seed : None, int or numpy.random.Generator
        The seed of the draws (fixed seeds give identical shares).

    Returns
    -------
    pandas.DataFrame
        Columns ``R``, ``outcome``, ``share``, ``se``; labels in order of
        first appearance, zero shares left out.

    Examples
    --------
    >>> import bargaining as bg
    >>> m = bg.load_model("russia_belarus_loyalty")
    >>> t = box_shares(m, lambda v: path_labels(m, v), [0.75], samples=2000, seed=1)
    >>> bool(t.share.sum() == 1.0), bool((t.se <= 0.5 / 2000 ** 0.5).all())
    (True, True)
    """
    drawn = draw(model, samples, seed=seed, exclude=("R",))
    rows = []
    for r in R:
        values = {**drawn, "R": np.full(samples, float(r))}
        labels = np.asarray(label(values)).astype(str)
        found, counts = np.unique(labels, return_counts=True)
        order = sorted(range(len(found)), key=lambda k: int(np.argmax(labels == found[k])))
        for k in order:
            share = counts[k] / samples
            rows.append({"R": float(r), "outcome": str(found[k]), "share": share,
                         "se": float(standard_error(share, samples))})
    return pd.DataFrame(rows)


def order_share(model, expressions, *, samples: int = 10_000, seed=None) -> tuple:
    """The share of the plausible box in which the given thresholds come in the given order.

    Parameters
    ----------
    model : Model
        The model whose parameters (other than R) are drawn.
    expressions : sequence of str
        Expressions in the model's parameters (read by the safe parser),
        expected in increasing order.
    samples : int
        The number of draws.
    seed : None, int or numpy.random.Generator
        The seed of the draws (fixed seeds give identical shares).

    Returns
    -------
    tuple of float
        (share, standard error).

    Examples
    --------
    >>> import bargaining as bg
    >>> share, se = order_share(bg.load_model("russia_belarus"), ["kappa*mu*s/w", "kappa*s/w"], samples=1000, seed=1)
    >>> share
    1.0
    """
    if len(expressions) < 2:
        raise BargainingError("give at least two thresholds to order")
    drawn = draw(model, samples, seed=seed)
    names = model.symbols
    values = [as_function(parse_expression(text, names, where=f"order of {model.name}"), list(names))(drawn)
              for text in expressions]
    ordered = np.ones(samples, dtype=bool)
    for lower, upper in zip(values, values[1:]):
        ordered &= lower < upper
    share = float(ordered.mean())
    return share, float(standard_error(share, samples))


def regime_map(model, label: Callable, param: str, R_values, param_values) -> pd.DataFrame:
    """Labels on a grid of R (columns) against another parameter (rows), the others at their defaults.

    Parameters
    ----------
    model : Model
        The model whose regimes are mapped.
    label : callable
        ``label(values) -> array of str``, as for :func:`box_shares`.
    param : str
        The parameter on the vertical axis.
    R_values, param_values : sequence of float
        The grid: values of R (columns) and of the other parameter (rows).

    Returns
    -------
    pandas.DataFrame
        Index: ``param`` values; columns: R values; cells: labels.

    Examples
    --------
    >>> import bargaining as bg
    >>> m = bg.load_model("russia_belarus_loyalty")
    >>> grid = regime_map(m, lambda v: path_labels(m, v), "v", [0.55, 0.65], [0.5, 1.5])
    >>> grid.values.tolist()
    [['Cut → Hedge', 'Cut → Hedge'], ['Support → Align', 'Support → Align']]
    """
    if param not in model.parameters:
        raise BargainingError(f"{model.name}: unknown parameter {param!r}")
    R_values, param_values = np.asarray(R_values, dtype=float), np.asarray(param_values, dtype=float)
    rr, pp = np.meshgrid(R_values, param_values)
    defaults = {k: float(v) for k, v in model.values().items()}
    values = {k: np.full(rr.size, v) for k, v in defaults.items()}
    values["R"], values[param] = rr.ravel(), pp.ravel()
    labels = np.asarray(label(values)).astype(str).reshape(rr.shape)
    return pd.DataFrame(labels, index=pd.Index(param_values, name=param), columns=pd.Index(R_values, name="R"))


def nash_labels(model) -> Callable:
    """A labelling by Nash regime (:func:`~bargaining.analysis.sensitivity.regime_words`) for :func:`box_shares`.

    Parameters
    ----------
    model : Model
        A loaded model.

    Returns
    -------
    callable
        ``label(values) -> array of str``; R may vary across the draws.

    Examples
    --------
    >>> import numpy as np, bargaining as bg
    >>> m = bg.load_model("russia_belarus")
    >>> v = {k: np.full(2, float(x)) for k, x in m.values().items()}
    >>> v["R"] = np.array([0.5, 1.0])
    >>> nash_labels(m)(v).tolist()
    ['Russia: Cut · Belarus: Hedge', 'Russia: Subsidize · Belarus: Align']
    """
    from .uncertainty import _Classifier

    classifier = _Classifier(model, "R")

    def label(values):
        R = np.asarray(values["R"], dtype=float)
        out = np.empty(len(R), dtype=object)
        for r in np.unique(R):
            at = R == r
            idx = classifier.label_indices({k: np.asarray(v)[at] for k, v in values.items() if k != "R"},
                                           np.array([r]))[:, 0]
            out[at] = np.asarray(classifier.labels, dtype=object)[idx]
        return out.astype(str)

    return label
