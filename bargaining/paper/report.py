"""``results/index.html``: the paper's tables and figures in one page, with a link to each model's explorer.

The page is built from the files ``reproduce`` has just written (the tables'
CSV, the figures' PNG, the explorers' HTML), so it shows exactly what is on
disk. Every cell is escaped text; images and explorers are relative links
inside the results folder; nothing is fetched from elsewhere.
"""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

__all__ = ["report_page", "write_explorers"]

STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330; margin: 0;
       padding: 1rem; background: #fbfbfc; }
main { max-width: 1200px; margin: 0 auto; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
nav ul { columns: 2 18rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: .88rem; margin: .4rem 0 1rem; }
th, td { border: 1px solid #d5d9e0; padding: .2rem .45rem; text-align: left; vertical-align: top;
         max-width: 28rem; overflow-wrap: anywhere; }
th { background: #f1f3f6; overflow-wrap: normal; }
figure { margin: 1rem 0 2rem; } figure img { max-width: 100%; height: auto; border: 1px solid #d5d9e0; }
figcaption { color: #5b6475; font-size: .9rem; }
"""


def _table_html(path: Path) -> str:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    if not rows:
        return "<p>(empty table)</p>"
    head = "".join(f"<th>{html.escape(cell)}</th>" for cell in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows[1:])
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def report_page(out, tables: dict, figures: list, explorers: dict) -> str:
    """The HTML of ``index.html`` for a results folder.

    Parameters
    ----------
    out : str or os.PathLike
        The results folder (tables are read from ``out/tables/NAME.csv``).
    tables : dict
        Table name -> caption, in the paper's order.
    figures : list of str
        Figure names (``out/figures/NAME.png``), in order.
    explorers : dict
        Model name -> the explorer page's path relative to ``out``.

    Returns
    -------
    str

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "tables").mkdir()
    >>> _ = (folder / "tables" / "T0.csv").write_text("a,b\\n<x>,1\\n")
    >>> page = report_page(folder, {"T0": "A caption"}, [], {"m": "explore/m.html"})
    >>> "<td>&lt;x&gt;</td>" in page, 'href="explore/m.html"' in page
    (True, True)
    """
    out = Path(out)
    parts = ["<!DOCTYPE html>\n", '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>bargaining: the paper's tables and figures</title><style>{STYLE}</style></head>",
             "<body><main><h1>The paper's tables and figures</h1>",
             "<p>Written by <code>bargaining reproduce</code>; every cell was computed by the package. "
             "The CSV, Markdown and LaTeX files beside this page hold the same tables; "
             "<code>manifest.json</code> holds the versions, settings and SHA-256 of every file.</p>"]
    if explorers:
        parts.append("<h2>Explore the models</h2><ul>")
        for name, link in explorers.items():
            parts.append(f'<li><a href="{html.escape(link)}">{html.escape(name)}</a>: sliders for R and the '
                         "parameter that matters most, every answer computed exactly</li>")
        parts.append("</ul>")
    parts.append("<nav><h2>Contents</h2><ul>")
    parts += [f'<li><a href="#{html.escape(n)}">{html.escape(n)}</a>: {html.escape(c)}</li>' for n, c in tables.items()]
    parts += [f'<li><a href="#{html.escape(n)}">{html.escape(n)}</a></li>' for n in figures]
    parts.append("</ul></nav>")
    for name, caption in tables.items():
        parts.append(f'<h2 id="{html.escape(name)}">{html.escape(name)}: {html.escape(caption)}</h2>')
        parts.append(_table_html(out / "tables" / f"{name}.csv"))
    if figures:
        parts.append("<h2>Figures</h2>")
    for name in figures:
        link = html.escape(f"figures/{name}.png")
        parts.append(f'<figure id="{html.escape(name)}"><img src="{link}" alt="{html.escape(name)}" loading="lazy">'
                     f"<figcaption>{html.escape(name)} (also as PDF)</figcaption></figure>")
    parts.append("</main></body></html>\n")
    return "".join(parts)


def write_explorers(out, models, *, points: int = 66, progress=None) -> dict:
    """Write one explorer page per model into ``out/explore/``; return model -> relative path.

    Parameters
    ----------
    out : str or os.PathLike
        The results folder.
    models : sequence of str
        Bundled model names.
    points : int
        Even-grid stops of R (66: steps of 0.02 over [0.2, 1.5]; every rational
        threshold is a stop too).
    progress : callable, optional
        Called with one line per page.

    Returns
    -------
    dict
        Model name -> path relative to ``out`` (POSIX).
    """
    import time

    from .explorer import explore

    written = {}
    for name in models:
        began = time.perf_counter()
        path = Path(out) / "explore" / f"{name}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        explore(name, out=path, points=points)
        written[name] = path.relative_to(out).as_posix()
        if progress is not None:
            progress(f"page   explore/{name}.html  {time.perf_counter() - began:5.1f} s")
    return written
