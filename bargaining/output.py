"""Files in and out: deterministic, atomic writers, and a bounded reader of input files.

Every file the package reads on a user's behalf goes through
:func:`read_regular_file`: a regular file only (a FIFO never blocks,
``/dev/zero`` is never read), its size checked before it is read.

A file is written to a temporary file in the same directory, flushed to disk
and then renamed over its target with :func:`os.replace`, so a reader (or a
run interrupted half way) sees either the old file, the new file, or no file,
never a truncated one. Tables are written from a pandas DataFrame in three
formats (CSV, Markdown, LaTeX booktabs) by small writers of our own, so the
bytes depend only on the table and not on the versions of ``tabulate`` or
``Jinja2``. Numbers are formatted by :func:`format_value`: floats with a fixed
number of significant digits, exact values (fractions, sympy expressions) as
their exact text.

Examples
--------
>>> import pandas as pd
>>> from fractions import Fraction
>>> df = pd.DataFrame({"R": [Fraction(4, 5), 0.75], "regime": ["Align", "mixed"]})
>>> print(to_markdown(df), end="")
| R | regime |
|---|---|
| 4/5 | Align |
| 0.75 | mixed |
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import numbers
import os
import stat
import tempfile
from fractions import Fraction
from pathlib import Path

from .errors import BargainingError, ModelError

__all__ = [
    "DIGITS",
    "TABLE_FORMATS",
    "format_value",
    "format_frame",
    "latex_escape",
    "read_regular_file",
    "sha256_of",
    "to_csv",
    "to_latex",
    "to_markdown",
    "write_atomic",
    "write_json",
    "write_table",
]

#: Significant digits of a float in a written table.
DIGITS = 6

#: Table formats :func:`write_table` knows, by file suffix.
TABLE_FORMATS = ("csv", "md", "tex")


def write_atomic(path, data) -> Path:
    """Write ``data`` to ``path`` atomically: the file is complete or absent.

    Parameters
    ----------
    path : str or os.PathLike
        The target file. Missing parent directories are created.
    data : bytes or str
        The content; a ``str`` is encoded as UTF-8 and written byte for byte
        (no newline translation).

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = write_atomic(pathlib.Path(tmp) / "a" / "x.txt", "hello\\n")
    ...     p.read_bytes(), sorted(q.name for q in p.parent.iterdir())
    (b'hello\\n', ['x.txt'])
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    elif not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"write_atomic: data must be bytes or str, not {type(data).__name__}")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    fsync_directory(path.parent)
    return path


def fsync_directory(directory: Path) -> None:
    """Make a rename durable where the platform allows it (POSIX)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def sha256_of(path) -> str:
    """The SHA-256 hex digest of a file's bytes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     sha256_of(write_atomic(pathlib.Path(tmp) / "e", b""))[:16]
    'e3b0c44298fc1c14'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def format_value(value, digits: int = DIGITS) -> str:
    """The text of one table cell, the same on every machine.

    Floats get ``digits`` significant digits (``-0`` becomes ``0``, NaN and
    None an empty cell); integers, fractions and sympy numbers or expressions
    keep their exact text; anything else is ``str(value)``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> [format_value(v) for v in (0.8157894736842105, Fraction(31, 38), 3, -0.0, None, float("nan"))]
    ['0.815789', '31/38', '3', '0', '', '']
    >>> format_value(True), format_value(1e-12)
    ('yes', '1e-12')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, Fraction)) or type(value).__module__.startswith("sympy"):
        return str(value)
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isnan(number):
            return ""
        text = format(number, f".{digits}g")
        return "0" if text in ("-0", "0") else text
    if value is not None and type(value).__name__ in ("NAType", "NaTType"):
        return ""
    return str(value)


def format_frame(df, digits: int = DIGITS) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of a DataFrame as text.

    A named index (``df.index.name``, or the names of a MultiIndex) is kept as
    the first column(s); an unnamed index (0, 1, 2, ...) is dropped.

    Examples
    --------
    >>> import pandas as pd
    >>> format_frame(pd.DataFrame({"a": [1 / 3], "b": ["x"]}))
    (['a', 'b'], [['0.333333', 'x']])
    >>> format_frame(pd.DataFrame({"p": [0.25]}, index=pd.Index([0.5], name="R")))
    (['R', 'p'], [['0.5', '0.25']])
    """
    if any(name is not None for name in df.index.names):
        df = df.reset_index()
    header = [str(column) for column in df.columns]
    rows = [[format_value(cell, digits) for cell in row] for row in df.itertuples(index=False, name=None)]
    return header, rows


def to_csv(df, digits: int = DIGITS) -> str:
    """A DataFrame as CSV text (``\\n`` line ends, minimal quoting).

    Parameters
    ----------
    df : pandas.DataFrame
        The table; a named index is kept as the first column(s).
    digits : int, optional
        Significant digits of a float cell (exact numbers keep their text).

    Returns
    -------
    str
        The CSV text, the same on every machine.

    Examples
    --------
    >>> import pandas as pd
    >>> print(to_csv(pd.DataFrame({"a": [0.5], "b": ["x, y"]})), end="")
    a,b
    0.5,"x, y"
    """
    header, rows = format_frame(df, digits)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _markdown_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(df, digits: int = DIGITS) -> str:
    """A DataFrame as a GitHub/MyST pipe table.

    Parameters
    ----------
    df : pandas.DataFrame
        The table; a named index is kept as the first column(s).
    digits : int, optional
        Significant digits of a float cell (exact numbers keep their text).

    Returns
    -------
    str
        The table, one line a row, ``|`` in cells escaped.

    Examples
    --------
    >>> import pandas as pd
    >>> print(to_markdown(pd.DataFrame({"a|b": [1]})), end="")
    | a\\|b |
    |---|
    | 1 |
    """
    header, rows = format_frame(df, digits)
    lines = ["| " + " | ".join(_markdown_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += ["| " + " | ".join(_markdown_cell(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


#: Characters that need escaping in LaTeX text, and the Unicode the tables use.
_LATEX = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
    "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "−": "$-$", "·": r"$\cdot$", "×": r"$\times$", "→": r"$\to$", "≈": r"$\approx$",
    "≤": r"$\le$", "≥": r"$\ge$", "≠": r"$\ne$", "–": "--", "—": "---", "…": r"\dots{}",
    "∈": r"$\in$", "√": r"$\sqrt{}$", "²": r"$^2$", "∞": r"$\infty$", "*": r"$^*$",
    "α": r"$\alpha$", "β": r"$\beta$", "γ": r"$\gamma$", "δ": r"$\delta$", "ε": r"$\varepsilon$",
    "κ": r"$\kappa$", "λ": r"$\lambda$", "μ": r"$\mu$", "ξ": r"$\xi$", "π": r"$\pi$",
    "σ": r"$\sigma$", "τ": r"$\tau$", "φ": r"$\varphi$", "θ": r"$\theta$", "ρ": r"$\rho$",
    "Δ": r"$\Delta$", "Σ": r"$\Sigma$",
}


def latex_escape(text: str) -> str:
    r"""Text made safe for a LaTeX table (pdfLaTeX: Greek letters become math).

    Examples
    --------
    >>> latex_escape("κ·s/w = 80%")
    '$\\kappa$$\\cdot$s/w = 80\\%'
    """
    return "".join(_LATEX.get(char, char) for char in text)


def to_latex(df, digits: int = DIGITS, *, caption: str | None = None, label: str | None = None) -> str:
    r"""A DataFrame as a LaTeX ``booktabs`` table (needs ``\usepackage{booktabs}``).

    Parameters
    ----------
    df : pandas.DataFrame
        The table; a named index is kept as the first column(s).
    digits : int, optional
        Significant digits of a float cell (exact numbers keep their text).
    caption : str, optional
        A caption; with a caption or a label the tabular is wrapped in a ``table`` float.
    label : str, optional
        A ``\label`` for cross-references, e.g. ``"tab:thresholds"``.

    Returns
    -------
    str
        The LaTeX source; text is escaped (Greek letters become math).

    Examples
    --------
    >>> import pandas as pd
    >>> print(to_latex(pd.DataFrame({"R": [0.75], "p_Align": [0.75]})), end="")
    \begin{tabular}{ll}
    \toprule
    R & p\_Align \\
    \midrule
    0.75 & 0.75 \\
    \bottomrule
    \end{tabular}

    A named index is kept as a column (an unnamed one is dropped):

    >>> by_R = pd.DataFrame({"p_Align": [0.75]}, index=pd.Index([0.75], name="R"))
    >>> print(to_latex(by_R, caption="Belarus aligns", label="tab:align"), end="")
    \begin{table}[htbp]
    \centering
    \caption{Belarus aligns}
    \label{tab:align}
    \begin{tabular}{ll}
    \toprule
    R & p\_Align \\
    \midrule
    0.75 & 0.75 \\
    \bottomrule
    \end{tabular}
    \end{table}
    """
    header, rows = format_frame(df, digits)
    body = [r"\begin{tabular}{" + "l" * len(header) + "}", r"\toprule"]
    body.append(" & ".join(latex_escape(h) for h in header) + r" \\")
    body.append(r"\midrule")
    body += [" & ".join(latex_escape(cell) for cell in row) + r" \\" for row in rows]
    body += [r"\bottomrule", r"\end{tabular}"]
    if caption is None and label is None:
        return "\n".join(body) + "\n"
    lines = [r"\begin{table}[htbp]", r"\centering"]
    if caption is not None:
        lines.append(r"\caption{" + latex_escape(caption) + "}")
    if label is not None:
        lines.append(r"\label{" + label + "}")
    return "\n".join(lines + body + [r"\end{table}"]) + "\n"


def write_table(df, stem, formats=TABLE_FORMATS, *, digits: int = DIGITS, caption: str | None = None) -> dict:
    """Write a table as ``stem.csv``, ``stem.md`` and ``stem.tex``, each atomically.

    Parameters
    ----------
    df : pandas.DataFrame
        The table; its columns are written, its index is not.
    stem : str or os.PathLike
        The path without a suffix.
    formats : sequence of str
        Some of ``"csv"``, ``"md"``, ``"tex"``.
    digits : int
        Significant digits of floats.
    caption : str, optional
        A caption for the LaTeX table (wraps it in a ``table`` float).

    Returns
    -------
    dict
        Format -> path written, in the order of ``formats``.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     written = write_table(pd.DataFrame({"x": [1.5]}), pathlib.Path(tmp) / "t")
    ...     [p.name for p in written.values()], written["csv"].read_text()
    (['t.csv', 't.md', 't.tex'], 'x\\n1.5\\n')
    """
    writers = {
        "csv": lambda: to_csv(df, digits),
        "md": lambda: to_markdown(df, digits),
        "tex": lambda: to_latex(df, digits, caption=caption),
    }
    unknown = [f for f in formats if f not in writers]
    if unknown:
        raise ValueError(f"write_table: unknown format(s) {unknown}; known: {list(writers)}")
    stem = Path(stem)
    return {f: write_atomic(stem.with_name(f"{stem.name}.{f}"), writers[f]()) for f in formats}


def write_json(path, obj) -> Path:
    """Write ``obj`` as JSON with sorted keys and a final newline, atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_json(pathlib.Path(tmp) / "m.json", {"b": 1, "a": [0.5]}).read_text()
    '{\\n  "a": [\\n    0.5\\n  ],\\n  "b": 1\\n}\\n'
    """
    text = json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)
    return write_atomic(path, text + "\n")


def read_regular_file(path, max_bytes: int, *, error=ModelError) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, its size checked before reading.

    A FIFO, a device (``/dev/zero``), a socket or a directory is refused
    without reading from it, so nothing blocks and nothing unbounded is read.

    Parameters
    ----------
    path : str or os.PathLike
        The file.
    max_bytes : int
        The largest size accepted.
    error : type, optional
        The :class:`~bargaining.errors.BargainingError` subclass raised
        (:class:`~bargaining.errors.ModelError` by default).

    Returns
    -------
    bytes

    Raises
    ------
    BargainingError
        If the file is missing, not a regular file, too large or unreadable;
        the message starts with the path.

    Examples
    --------
    >>> read_regular_file("/dev/zero", 1000)
    Traceback (most recent call last):
    ...
    bargaining.errors.ModelError: /dev/zero: not a regular file (a device, FIFO or socket)
    """
    if not (isinstance(error, type) and issubclass(error, BargainingError)):
        raise TypeError("error must be a BargainingError subclass")
    path = Path(path)
    try:
        # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except IsADirectoryError:
        raise error(f"{path}: is a directory, not a file") from None
    except (OSError, ValueError) as err:
        raise error(f"{path}: cannot be read ({getattr(err, 'strerror', None) or err})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise error(f"{path}: is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise error(f"{path}: not a regular file (a device, FIFO or socket)")
        if info.st_size > max_bytes:
            raise error(f"{path}: the file is larger than {max_bytes} bytes ({info.st_size} bytes)")
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, max_bytes + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as err:
        raise error(f"{path}: cannot be read ({err.strerror or err})") from None
    finally:
        os.close(fd)
    if size > max_bytes:  # it grew while being read
        raise error(f"{path}: the file is larger than {max_bytes} bytes")
    return b"".join(chunks)
