"""Reproduce the paper: every table and figure, and a manifest of what was written.

:func:`reproduce` computes the tables of :mod:`bargaining.paper.tables` and the
figures of :mod:`bargaining.paper.figures`, writes each table as CSV, Markdown and
LaTeX and each figure as PNG and PDF, and ends with ``manifest.json``: the
package and dependency versions, every model's parameter values and
scenarios, the seeds and sample sizes, and the SHA-256 of every file written.
Every file is written atomically (:func:`bargaining.output.write_atomic`), so
an interrupted run leaves complete files only; nothing in the output depends
on the clock, so a second run writes byte-identical files.

The command line runs it as ``bargaining reproduce [--out DIR]``.
"""

from __future__ import annotations

import platform
import re
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .._version import __version__
from ..errors import BargainingError
from ..output import sha256_of, write_atomic, write_json, write_table
from .staging import staged_folder

__all__ = ["Report", "reproduce", "manifest_data", "figures", "table_blocks", "sync_document", "DEPENDENCIES", "MANIFEST"]

#: Distributions whose versions the manifest records.
DEPENDENCIES = ("matplotlib", "nashpy", "numpy", "pandas", "SALib", "scipy", "sympy")

#: The manifest's file name inside the output directory.
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Report:
    """What :func:`reproduce` wrote.

    Attributes
    ----------
    out : pathlib.Path
        The output directory.
    files : tuple of str
        Every file written (paths relative to ``out``, sorted), the manifest last.
    seconds : float
        Wall time of the run (reported, never written to a file).
    """

    out: Path
    files: tuple
    seconds: float

    def summary(self) -> str:
        """One line: how many files, where, how long."""
        return f"wrote {len(self.files)} files to {self.out} in {self.seconds:.1f} s"


def _versions() -> dict:
    found = {}
    for name in DEPENDENCIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def manifest_data(files: dict) -> dict:
    """The manifest: versions, models, settings, the shipped data's provenance and the SHA-256 of ``files``.

    Parameters
    ----------
    files : dict
        Relative path -> SHA-256 of every file written.

    Examples
    --------
    >>> m = manifest_data({})
    >>> sorted(m)
    ['data', 'dependencies', 'files', 'indices', 'models', 'package', 'python', 'settings']
    >>> m["data"]["brent_usd_per_barrel_eia.csv"]["publisher"]
    'US EIA RBRTE (Europe Brent spot price FOB, annual average)'
    >>> m["models"]["russia_belarus"]["scenarios"]["2015"]
    {'R': '3/4'}
    """
    from ..modelling.model import bundled_models, load_model
    from ..modelling.series import INDICES, data_provenance
    from .settings import SETTINGS

    models = {}
    for name in bundled_models():
        model = load_model(name)
        models[name] = {
            "title": model.title,
            "parameters": {
                key: {"value": str(p.value), "range": [str(p.range[0]), str(p.range[1])]}
                for key, p in model.parameters.items()
            },
            "scenarios": {
                scenario: {key: str(value) for key, value in overrides.items()}
                for scenario, overrides in model.scenarios.items()
            },
        }
    return {
        "package": {"name": "bargaining", "version": __version__},
        "python": platform.python_version(),
        "dependencies": _versions(),
        "models": models,
        "settings": dict(SETTINGS),
        "data": data_provenance(),
        "indices": {name: {"meaning": meaning, "files": list(files), "base year": 2013}
                    for name, (meaning, files) in INDICES.items()},
        "files": dict(sorted(files.items())),
    }


def reproduce(out="results", *, progress=None) -> Report:
    """Write every table and figure of the paper, and ``manifest.json``, into ``out``.

    Parameters
    ----------
    out : str or os.PathLike
        The output directory. Tables go to ``out/tables/``, figures to
        ``out/figures/``. Everything is written into a hidden sibling folder
        that replaces ``out`` only once complete
        (:func:`bargaining.paper.staging.staged_folder`): an interrupted run
        leaves the previous results intact, or no folder. An unsafe ``out``
        (empty, the root, the current folder, a file, a folder of other
        files) is refused.
    progress : callable, optional
        Called with one line of text per table or figure written (e.g.
        ``print``); silent by default.

    Returns
    -------
    Report
        The files written and the run time.

    Raises
    ------
    BargainingError
        If ``out`` is unsafe to replace.
    """
    say = progress if progress is not None else (lambda line: None)
    start = time.perf_counter()
    target = Path(out)
    written = {}
    with staged_folder(out, MANIFEST) as out:
        _write_all(out, written, say)
    files = (*sorted(written), MANIFEST)
    return Report(out=target, files=files, seconds=time.perf_counter() - start)


def _write_all(out: Path, written: dict, say) -> None:
    """Write every table, figure, explorer page, the report page and the manifest into ``out``."""
    from .tables import TABLES

    for name, (build, caption) in TABLES.items():
        began = time.perf_counter()
        df = build()
        paths = write_table(df, out / "tables" / name, caption=caption)
        for path in paths.values():
            written[path.relative_to(out).as_posix()] = sha256_of(path)
        say(f"table  {name:<22} {len(df):>3} rows  {time.perf_counter() - began:5.1f} s")
    from .figures import save_figure

    for name, build in figures().items():
        began = time.perf_counter()
        fig = build()
        try:
            for path in save_figure(fig, out / "figures" / f"{name}.png"):
                written[path.relative_to(out).as_posix()] = sha256_of(path)
        finally:
            _close(fig)
        say(f"figure {name:<22}  png+pdf   {time.perf_counter() - began:5.1f} s")
    from .report import report_page, write_explorers
    from .settings import MODELS

    explorers = write_explorers(out, MODELS, progress=say)
    for relative in explorers.values():
        written[relative] = sha256_of(out / relative)
    page = write_atomic(out / "index.html",
                        report_page(out, {n: c for n, (_, c) in TABLES.items()}, list(figures()), explorers).encode())
    written[page.relative_to(out).as_posix()] = sha256_of(page)
    write_json(out / MANIFEST, manifest_data(written))


def figures() -> dict:
    """Figure name -> function drawing it (a matplotlib Figure), in the paper's order.

    A bifurcation diagram per model (:func:`bargaining.paper.figures.bifurcation`)
    and its regime probabilities over the parameters' ranges
    (:func:`bargaining.paper.figures.regime_probability`, seeded as in
    :data:`bargaining.paper.tables.SETTINGS`).

    Examples
    --------
    >>> list(figures())[:2]
    ['F1_bifurcation_russia_belarus', 'F1_bifurcation_russia_belarus_loyalty']
    """
    from .settings import MODELS

    drawn = {f"F1_bifurcation_{name}": _bifurcation(name) for name in MODELS}
    # Nash-regime shares against R for the models read by their Nash regime (the others: F3 and T6)
    drawn.update({f"F2_regimes_{name}": _regime_probability(name, k) for k, name in enumerate(MODELS)
                  if name != "russia_belarus_loyalty"})
    from .robust import ROBUST_MODELS

    drawn.update({f"F3_map_{name}": _regime_map(name) for name in ROBUST_MODELS})
    drawn["F4_failed_coercion"] = _failed_coercion
    drawn["F5_linked_kept"] = _linked_kept
    return drawn


def _linked_kept():
    from .linked import kept_figure

    return kept_figure()


def _regime_map(name: str):
    def draw():
        from .robust import regime_map_figure

        return regime_map_figure(name)

    return draw


def _failed_coercion():
    from .armenia import failed_coercion_figure

    return failed_coercion_figure()


def _bifurcation(name: str):
    def draw():
        from ..modelling.model import load_model
        from .figures import bifurcation

        return bifurcation(load_model(name), "R", 0.2, 1.5)

    return draw


def _regime_probability(name: str, k: int):
    def draw():
        import warnings

        import numpy as np

        from ..analysis.uncertainty import uncertainty
        from ..modelling.model import load_model
        from .figures import regime_probability
        from .settings import SETTINGS

        model = load_model(name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = uncertainty(
                model,
                R=np.linspace(0.2, 1.5, SETTINGS["figure_grid"]),
                samples=SETTINGS["figure_samples"],
                seed=SETTINGS["figure_seed"] + k,
                progress=False,
            )
        title = f"{model.title}: regimes over the parameters' ranges ({result.samples} draws)"
        return regime_probability(result, title=title)

    return draw


def _close(fig) -> None:
    import matplotlib.pyplot as plt

    plt.close(fig)


_BLOCK = re.compile(r"(<!-- table: (\w+) -->\n)(.*?)(<!-- end table -->)", re.S)


def table_blocks(text: str) -> list:
    r"""The generated-table blocks of a Markdown document: (table name, content) pairs.

    A block is ``<!-- table: NAME -->``, the table as
    :func:`bargaining.output.to_markdown` writes it, and ``<!-- end table -->``.

    Examples
    --------
    >>> table_blocks("x\n<!-- table: T7_claims -->\n| a |\n<!-- end table -->\n")
    [('T7_claims', '| a |\n')]
    """
    return [(match.group(2), match.group(3)) for match in _BLOCK.finditer(text)]


def sync_document(path) -> list:
    """Rewrite every generated-table block of a Markdown file from :mod:`bargaining.paper.tables`.

    Returns the names of the tables whose block changed. The paper
    (``docs/paper.md``) quotes its tables this way; ``tests/test_docs.py``
    checks that every block equals the package's output, and
    ``python -m bargaining.paper.reproduce --sync docs/paper.md`` refreshes them.
    """
    from ..output import to_markdown
    from .tables import TABLES

    path = Path(path)
    text = path.read_text(encoding="utf-8")
    changed = []

    def fill(match):
        name = match.group(2)
        if name not in TABLES:
            raise BargainingError(f"{path}: unknown table {name!r}; tables: {list(TABLES)}")
        fresh = to_markdown(TABLES[name][0]())
        if fresh != match.group(3):
            changed.append(name)
        return match.group(1) + fresh + match.group(4)

    new = _BLOCK.sub(fill, text)
    if new != text:
        write_atomic(path, new)
    return changed


def _main(argv=None) -> int:
    """``python -m bargaining.paper.reproduce --sync docs/paper.md``: refresh a document's quoted tables.

    Writing the results themselves is ``bargaining reproduce [--out DIR]``.
    """
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m bargaining.paper.reproduce",
        description="Refresh the tables quoted between '<!-- table: NAME -->' markers in documents "
        "(to write the results, use `bargaining reproduce`).",
    )
    parser.add_argument("--sync", nargs="+", required=True, metavar="DOCUMENT", help="documents to refresh")
    args = parser.parse_args(argv)
    for document in args.sync:
        print(document, "updated:", sync_document(document) or "nothing")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main())
