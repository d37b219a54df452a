"""Notebook display: ``_repr_html_`` tables and ``to_frame()`` for equilibria and other records.

Exact numbers are shown as fractions (``3/5``), floats with six significant
digits; the same cells as :func:`bargaining.output.format_value` writes.
"""

from __future__ import annotations

import html

__all__ = ["EquilibriumSet", "html_table", "cell_text"]


def cell_text(value) -> str:
    """One cell: a Fraction as ``3/5``, a float to six digits, a sympy number as its text.

    Examples
    --------
    >>> from fractions import Fraction
    >>> cell_text(Fraction(3, 5)), cell_text(0.123456789), cell_text(True)
    ('3/5', '0.123457', 'yes')
    """
    from ..output import format_value

    return format_value(value)


def html_table(header, rows, *, caption: str | None = None) -> str:
    """A small HTML table (cells escaped; values through :func:`cell_text`).

    Examples
    --------
    >>> from fractions import Fraction
    >>> html_table(["p"], [[Fraction(1, 2)]])
    '<table><thead><tr><th>p</th></tr></thead><tbody><tr><td>1/2</td></tr></tbody></table>'
    """
    esc = html.escape
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    head = "".join(f"<th>{esc(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{esc(cell_text(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


class EquilibriumSet(tuple):
    """The equilibria of a game: a tuple of :class:`~bargaining.Equilibrium` with a table view.

    It is a tuple (index it, iterate it, compare it with a tuple); in a
    notebook it shows as a table, and :meth:`to_frame` gives the same table
    as a pandas DataFrame.

    Parameters
    ----------
    equilibria : iterable of Equilibrium
        The equilibria, all of one game.

    Examples
    --------
    >>> import bargaining as bg
    >>> found = bg.equilibria(bg.Game([[1, -1], [-1, 1]]), exact=True)
    >>> found.to_frame()[["Player 1: s1", "payoff Player 1", "pure"]]
      Player 1: s1 payoff Player 1   pure
    0          1/2               0  False
    """

    __slots__ = ()

    def to_frame(self):
        """One row per equilibrium: each strategy's probability, each player's payoff, pure, method.

        Returns
        -------
        pandas.DataFrame
            Exact probabilities and payoffs stay :class:`~fractions.Fraction`.
        """
        import pandas as pd

        rows = []
        for eq in self:
            row = {}
            for player, mapping in zip(eq.players, eq.strategies):
                row.update({f"{player}: {name}": p for name, p in mapping.items()})
            row.update({f"payoff {player}": v for player, v in zip(eq.players, eq.payoffs)})
            row.update(pure=eq.is_pure, method=eq.method, description=eq.describe())
            rows.append(row)
        return pd.DataFrame(rows)

    def _repr_html_(self) -> str:
        frame = self.to_frame()
        if frame.empty:
            return "<p>no equilibria</p>"
        columns = [c for c in frame.columns if c != "description"]
        return html_table(columns, frame[columns].itertuples(index=False, name=None),
                          caption=f"{len(self)} equilibri{'um' if len(self) == 1 else 'a'}")
