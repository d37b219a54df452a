"""The paper's figures (matplotlib, the optional ``plot`` extra).

* :func:`bifurcation`: each player's equilibrium probability of its first
  strategy against a parameter, every equilibrium branch drawn, regimes
  shaded, thresholds and scenarios marked, and the subgame-perfect path of
  the model's sequential form underneath.
* :func:`regime_probability`: stacked regime probabilities from
  :func:`bargaining.analysis.uncertainty`.
* :func:`save_figure`: PNG and PDF, byte-identical from one run to the next.

Figures are drawn with the non-interactive Agg backend; nothing is shown on
screen.
"""

from __future__ import annotations

import os
import tempfile
import textwrap
from fractions import Fraction
from pathlib import Path

import numpy as np

from ..errors import BargainingError

__all__ = ["bifurcation", "regime_probability", "save_figure", "DPI"]

#: Resolution of saved PNG files.
DPI = 150
_SHADES = ("#e8eef7", "#f7efe2", "#e9f4e6", "#f4e6ef", "#eeeeee", "#f6f4dc", "#e3f3f3", "#efe8f7")
#: Branch line styles: none is dotted (dotted red lines mark the scenarios).
_STYLES = ("-", "--", "-.", (0, (6, 1.5, 1, 1.5, 1, 1.5)))
#: Branch colours: tab10 without its red (the scenarios' colour).
_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
#: Legend entries longer than this go to a numbered key below the legend.
_SHORT = 36


def _pyplot():
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - depends on the environment
        raise BargainingError(
            "figures need matplotlib: install the plot extra, pip install 'bargaining[plot]'"
        ) from None
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _wrap(text: str, width: int = 70) -> str:
    return "\n".join(textwrap.wrap(text, width, subsequent_indent="   ", break_on_hyphens=False))


def _levels(xs, span, min_gap=0.06):
    """Stagger labels at positions ``xs``: the row of each so that neighbours in a row do not touch."""
    rows: list = []
    out = []
    for x in xs:
        for k, last in enumerate(rows):
            if x - last >= min_gap * span:
                rows[k] = x
                out.append(k)
                break
        else:
            rows.append(x)
            out.append(len(rows) - 1)
    return out


def _display(model, expression) -> str:
    """An expression in the package's notation (:func:`bargaining.games.notation.expression_text`)."""
    from ..games.notation import expression_text

    return expression_text(expression, model)


def _branch(row, players, strategies) -> str:
    """A branch of equilibria named by who plays what (:func:`bargaining.games.notation.support_text`)."""
    from ..games.notation import support_text

    return support_text(players, [[s for s in names if row[f"{player}:{s}"] > 1e-9]
                                  for player, names in zip(players, strategies)])


class _Key:
    """Short legend labels: a long one becomes ``[n]``, spelled out in a numbered key."""

    def __init__(self):
        self.entries: list = []

    def label(self, text: str, prefix: str = "") -> str:
        if len(prefix + text) <= _SHORT:
            return prefix + text
        if len(prefix + text) <= 2 * _SHORT - 6:  # two lines
            return _wrap(prefix + text, _SHORT)
        if text not in self.entries:
            self.entries.append(text)
        return f"{prefix}[{self.entries.index(text) + 1}]"

    def lines(self, width: int = 100) -> list:
        return [_wrap(f"[{k}] {text}", width) for k, text in enumerate(self.entries, 1)]


def _panels(players, strategies) -> list:
    """(player, strategy) per panel: a two-strategy player's first strategy, every strategy of a larger one."""
    return [(player, name) for player, names in zip(players, strategies)
            for name in (names[:1] if len(names) <= 2 else names)]


def _shades(table, lo, hi, words_at, key) -> list:
    """``(a, b, colour, legend label)`` of each regime interval inside ``[lo, hi]``."""
    found = []
    for k, (_, row) in enumerate(table[table["kind"] == "interval"].iterrows()):
        a, b = max(row["from_float"], lo), min(row["to_float"], hi)
        if b > a:
            found.append((a, b, _SHADES[k % len(_SHADES)], key.label(words_at(row["point"]), f"{a:.3g}–{b:.3g}: ")))
    return found


def bifurcation(model, param: str = "R", lo=0.2, hi=1.5, *, points: int = 401, scenario=None):
    """Equilibrium probabilities against a parameter, with regimes, thresholds and scenarios.

    Parameters
    ----------
    model : Model
        A loaded model (:func:`bargaining.load_model`).
    param : str
        The parameter on the horizontal axis.
    lo, hi : float
        Its range.
    points : int
        Grid points of the sweep (an odd count keeps round thresholds off
        the grid, where the equilibrium set is degenerate).
    scenario : str, optional
        Where the other parameters are held (their defaults otherwise).

    Returns
    -------
    matplotlib.figure.Figure
        One panel per player (probability of its first strategy in every
        equilibrium; lines are branches, pure equilibria sit at 0 or 1), the
        regimes shaded and keyed below, thresholds as dashed lines, the
        model's scenarios on the top axis, and, for a model with a sequential
        form, a strip with the subgame-perfect path.

    Examples
    --------
    >>> import bargaining as bg
    >>> from bargaining.paper.figures import bifurcation
    >>> fig = bifurcation(bg.load_model("russia_belarus"), points=41)
    >>> [ax.get_ylabel() for ax in fig.axes[:2]]
    ['P(Russia: Subsidize)', 'P(Belarus: Align)']
    """
    plt = _pyplot()
    from ..analysis.regimes import regimes
    from ..analysis.sweep import sweep
    from ..analysis.thresholds import thresholds
    from ..analysis.uncertainty import regime_label

    if not (float(lo) < float(hi)) or int(points) < 2:
        raise BargainingError(f"need lo < hi and at least 2 points; got lo={lo}, hi={hi}, points={points}")
    lo, hi = float(lo), float(hi)
    found = list(thresholds(model, param, lo, hi, scenario=scenario))
    grid = np.linspace(lo, hi, int(points))
    # At a threshold the set is degenerate (a continuum): not a branch. Keep the grid off them.
    grid = grid[np.all(np.abs(grid[:, None] - np.array([[t.float for t in found]] or [[np.inf]])) > 1e-9, axis=1)]
    data = sweep(model, scenario=scenario, **{param: grid})
    players, strategies = model.players, model.strategies
    has_path = getattr(model, "sequential", None) is not None
    cells = _panels(players, strategies)
    key = _Key()
    table = regimes(model, param, lo, hi, scenario=scenario)

    def words_at(point):
        return regime_label(model.game(scenario, **{param: Fraction(str(point))}))

    shades = _shades(table, lo, hi, words_at, key)
    data = data.assign(branch=[_branch(r, players, strategies) for _, r in data.iterrows()])
    pure = {b for b in data["branch"] if "/" not in b}
    branches = list(dict.fromkeys(sorted(data["branch"], key=lambda b: (b not in pure, b))))
    branch_labels = [key.label(name) for name in branches]

    # Layout in inches: title, the panels, then the x label, the regimes' legend and the numbered key.
    from matplotlib.patches import Patch

    tall = 2.1 if len(cells) <= 2 else 1.5
    ratios = [tall] * len(cells) + ([0.45] if has_path else [])
    key_lines = sum(line.count("\n") + 1 for line in key.lines())
    columns = 2 if all(len(h[3]) <= 24 for h in shades) and len(shades) > 3 else 1
    legend_rows = sum(h[3].count("\n") + 1 for h in shades) if columns == 1 else -(-len(shades) // columns)
    top_in, xlabel_in = 1.15, 0.6
    legend_in = 0.3 + 0.17 * legend_rows
    key_in = 0.13 * key_lines + (0.1 if key_lines else 0)
    panels_in = sum(ratios) + 0.12 * (len(ratios) - 1)
    bottom_in = xlabel_in + legend_in + key_in + 0.1
    height = top_in + panels_in + bottom_in
    fig = plt.figure(figsize=(9.5, height))
    grid_spec = fig.add_gridspec(len(ratios), 1, height_ratios=ratios, hspace=0.16 * len(ratios) / sum(ratios),
                                 left=0.08, right=0.70, top=1 - top_in / height, bottom=bottom_in / height)
    axes = [fig.add_subplot(grid_spec[0])]
    axes += [fig.add_subplot(grid_spec[k], sharex=axes[0]) for k in range(1, len(ratios))]
    panels = axes[:len(cells)]
    for a, b, color, _ in shades:
        for axis in axes:
            axis.axvspan(a, b, color=color, zorder=0, lw=0)
    shade_handles = [Patch(facecolor=color, edgecolor="0.6", label=label) for _, _, color, label in shades]

    lines = []
    for k, (name, label) in enumerate(zip(branches, branch_labels)):
        sub = data[data["branch"] == name].drop_duplicates("point").set_index("point")
        for panel, (player, strategy) in zip(panels, cells):
            y = np.full(len(grid), np.nan)
            y[sub.index.to_numpy()] = sub[f"{player}:{strategy}"].to_numpy()
            (line,) = panel.plot(grid, y, color=_COLORS[k % len(_COLORS)], ls=_STYLES[k % len(_STYLES)],
                                 lw=3.2 - 2.0 * k / max(len(branches) - 1, 1), label=label, zorder=3 + k)
        lines.append(line)
    rows = _levels([t.float for t in found], hi - lo, 0.13)
    for k, (panel, (player, strategy)) in enumerate(zip(panels, cells)):
        panel.set_ylim(-0.06, 1.2 + 0.1 * (max(rows, default=0) + 1) if k == 0 else 1.1)
        panel.set_yticks([0, 0.5, 1] if len(cells) > 2 else [0, 0.25, 0.5, 0.75, 1])
        panel.set_ylabel(f"P({player}:{' ' if len(cells) <= 2 else chr(10)}{strategy})",
                         fontsize=9 if len(cells) <= 2 else 8)
        panel.grid(axis="y", color="0.85", lw=0.6)
        panel.tick_params(labelbottom=False)

    keys = []
    for t, row in zip(found, rows):
        for axis in axes:
            axis.axvline(t.float, color="0.25", ls="--", lw=0.9, zorder=2)
        tag = f"{param}* = {t.float:.3g}"
        panels[0].text(t.float, 1.07 + 0.1 * row, tag, ha="center", va="bottom", fontsize=7.5,
                       bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "0.6", "lw": 0.5}, zorder=10)
        keys.append(f"{tag}: {_display(model, t.expression)}")

    scen = sorted(((name, float(values[param])) for name, values in model.scenarios.items()
                   if param in values and lo <= float(values[param]) <= hi), key=lambda p: p[1])
    top = panels[0].secondary_xaxis("top")
    top.set_xticks([v for _, v in scen], labels=[n for n, _ in scen], rotation=90, fontsize=8)
    top.tick_params(length=6, color="tab:red")
    for _, v in scen:
        for axis in axes:
            axis.axvline(v, color="tab:red", ls=":", lw=0.9, zorder=2)

    narrow: list = []
    if has_path:
        strip = axes[len(cells)]
        path = regimes(model, param, lo, hi, kind="subgame-perfect", scenario=scenario)
        for _, row in path[path["kind"] == "interval"].iterrows():
            a, b = max(row["from_float"], lo), min(row["to_float"], hi)
            words = str(row["equilibria"])
            if (b - a) < 0.07 * (hi - lo):  # too narrow to write in: keyed on the right
                narrow.append(f"{a:.3g}–{b:.3g}: {words}")
                words = "*"
            elif (b - a) < 0.25 * (hi - lo):
                words = words.replace(" → ", "→\n")
            strip.text((a + b) / 2, 0.5, words, ha="center", va="center", fontsize=7, linespacing=1.0)
            strip.axvline(b, color="0.3", lw=0.8)
        strip.set_yticks([])
        strip.set_ylim(0, 1)
        strip.set_ylabel("SPE path", rotation=0, ha="right", va="center", fontsize=8)
    axes[-1].tick_params(labelbottom=True)
    meaning = getattr(model.parameters.get(param), "meaning", "")
    axes[-1].set_xlabel(f"{param}: {meaning}" if meaning else param)
    axes[0].set_xlim(lo, hi)

    title = getattr(model, "title", "") or getattr(model, "name", "model")
    fig.suptitle(f"{title}: equilibria against {param}", fontsize=12, y=1 - 0.12 / height, va="top")
    top_of_panels = 1 - top_in / height
    fig.legend(handles=lines, loc="upper left", bbox_to_anchor=(0.715, top_of_panels), fontsize=8, frameon=False,
               title="equilibria (branches)", title_fontsize=8.5, alignment="left")
    legend_lines = sum(label.count("\n") + 1 for label in branch_labels)
    fig.text(0.715, top_of_panels - (0.45 + 0.155 * legend_lines) / height,
             "thresholds (dashed):\n" + "\n".join(_wrap(k, 36) for k in keys)
             + "\n\nscenarios (red, dotted):\n" + "\n".join(f"{n}: {param} = {v:g}" for n, v in scen)
             + ("\n\nSPE path, * (narrow):\n" + "\n".join(narrow) if narrow else ""),
             fontsize=7.5, va="top", ha="left")
    fig.legend(handles=shade_handles, loc="upper left", bbox_to_anchor=(0.05, (bottom_in - xlabel_in) / height),
               fontsize=7.5, frameon=False, title="regimes (shaded)", title_fontsize=8.5, alignment="left",
               ncols=columns)
    if key.entries:
        fig.text(0.06, (key_in + 0.05) / height, "\n".join(key.lines()), fontsize=7, va="top", ha="left")
    return fig


def regime_probability(result, *, title=None):
    """Stacked areas of regime probabilities against the grid parameter.

    Parameters
    ----------
    result : UncertaintyResult
        From :func:`bargaining.analysis.uncertainty`.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
        The probabilities stacked (they sum to 1), the thresholds at the
        default values dashed, and each one's 5-95% range over the draws as
        a bracket above the plot.

    Examples
    --------
    >>> import bargaining as bg
    >>> from bargaining.paper.figures import regime_probability
    >>> res = bg.uncertainty(bg.load_model("russia_belarus"), R=[0.4, 0.7, 1.0], samples=50, seed=1)
    >>> fig = regime_probability(res)
    >>> fig.axes[0].get_ylabel()
    'share of the plausible box'
    """
    plt = _pyplot()
    probs = result.probabilities
    if probs.empty:
        raise BargainingError("the result holds no probabilities to plot")
    x = probs.index.to_numpy(dtype=float)
    fig = plt.figure(figsize=(9.5, 6.2))
    ax = fig.add_axes((0.08, 0.3, 0.52, 0.56))
    colors = [plt.get_cmap("tab20").colors[(2 * k) % 20 + (k // 10) % 2] for k in range(probs.shape[1])]
    key = _Key()
    ax.stackplot(x, probs.to_numpy().T, labels=[key.label(c) for c in probs.columns], colors=colors,
                 alpha=0.9, edgecolor="white", linewidth=0.4)
    ax.set_xlim(x.min(), x.max())
    ax.set_ylim(0, 1)
    ax.set_xlabel(result.parameter)
    ax.set_ylabel("share of the plausible box")
    lo, hi = float(x.min()), float(x.max())
    nash = result.thresholds[result.thresholds["kind"] == "nash"] if len(result.thresholds) else result.thresholds
    ends: list = []  # right end of the last bracket in each row
    keys = []
    for _, t in nash.iterrows():
        tag = f"{result.parameter}* = {t['default']:.3g}"
        a, b = max(t["q05"], lo), min(t["q95"], hi)
        row = next((r for r, end in enumerate(ends) if a > end + 0.02 * (hi - lo)), len(ends))
        ends[row:row + 1] = [b]
        ax.axvline(t["default"], color="black", ls="--", lw=0.9)
        y = 1.03 + 0.08 * row
        ax.plot([a, b], [y, y], color="0.3", lw=1.2, clip_on=False, marker="|", markersize=6)
        ax.text(t["default"], y + 0.012, tag, ha="center", va="bottom", fontsize=7.5, clip_on=False)
        keys.append(f"{tag} at the defaults: {t['display']}; 90% of draws in {t['q05']:.3g}–{t['q95']:.3g}")
    if title is None:
        title = f"Share of the plausible box in each regime ({result.samples} draws)"
    fig.suptitle(title, fontsize=11.5, y=0.86 + 0.56 * (0.06 + 0.08 * len(ends)) + 0.02, va="bottom")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=7, frameon=False, title="regime",
              title_fontsize=8.5, alignment="left", reverse=True)
    notes = ["thresholds: dashed at the defaults; bracket: 5–95% of the draws", *(_wrap(k, 90) for k in keys)]
    notes += (["", "regimes:"] + key.lines(110)) if key.entries else []
    if keys or key.entries:
        fig.text(0.08, 0.21, "\n".join(notes), fontsize=7.5 if not key.entries else 7, va="top", ha="left")
    return fig


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def save_figure(fig, path, *, formats=("png", "pdf")) -> tuple:
    """Write a figure as PNG and PDF, byte-identical from one run to the next.

    Metadata that would change between runs (software version, creation
    date) are left out, the resolution is fixed (:data:`DPI`), and each file
    is written to a temporary file in the same directory and then moved into
    place, so a reader never sees half a file.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : str or pathlib.Path
        The file to write; its suffix is replaced by each format's.
    formats : sequence of {"png", "pdf", "svg"}

    Returns
    -------
    tuple of pathlib.Path
        The files written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> plt = _pyplot()
    >>> fig, ax = plt.subplots()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     [p.name for p in save_figure(fig, pathlib.Path(d) / "fig.png")]
    ['fig.png', 'fig.pdf']
    """
    plt = _pyplot()
    metadata = {
        "png": {"Software": None},
        "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
        "svg": {"Creator": None, "Date": None},
    }
    path = Path(path)
    written = []
    for fmt in formats:
        if fmt not in metadata:
            raise BargainingError(f"unsupported figure format {fmt!r}; choose from {sorted(metadata)}")
        target = path.with_suffix(f".{fmt}")
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                with plt.rc_context({"svg.hashsalt": "bargaining", "pdf.compression": 6}):
                    fig.savefig(out, format=fmt, dpi=DPI, metadata=metadata[fmt], bbox_inches="tight",
                                pad_inches=0.15)
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(target)
    return tuple(written)
