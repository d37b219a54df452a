"""Read and write two-player games in Gambit's strategic-form ``.nfg`` format (the text layer).

Gambit's ``NFG 1 R`` format (also ``NFG 1 D``) comes in two forms, both read
here: the *payoff list* (one payoff per player for each contingency) and the
*outcome list* (numbered outcomes with payoff vectors, then one outcome index
per contingency, 0 meaning all payoffs 0). In both, contingencies are listed
with player 1's strategy varying fastest. Numbers (integers, decimals,
``a/b`` rationals) are read exactly as :class:`~fractions.Fraction`; the text
is tokenised, never evaluated.

References
----------
.. [1] The Gambit Project, "File formats: the strategic game (.nfg) file
   format", https://gambitproject.readthedocs.io/en/latest/formats.html
"""

from __future__ import annotations

import os
import re
from fractions import Fraction

from ..errors import GameError

__all__ = ["read_nfg", "write_nfg"]

_TOKEN = re.compile(r'\s*(?:(")((?:[^"\\]|\\.)*)"|([{},])|([^\s{},"]+))', re.S)
#: The largest Gambit file read (bytes), and the longest number in it (characters, exponent).
MAX_FILE_BYTES = 20_000_000
MAX_NUMBER_CHARS = 80
MAX_EXPONENT = 300

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:/\d+)?")


class _Tokens:
    """A stream of ``(kind, text)`` tokens: kind is "str", "sym" or "word"."""

    def __init__(self, text: str, name: str):
        self.name = name
        self.items = []
        pos = 0
        while pos < len(text):
            if text[pos:].strip() == "":
                break
            match = _TOKEN.match(text, pos)
            if match is None:
                raise GameError(f"{name}: cannot read the text at character {pos}")
            if match.group(1):
                self.items.append(("str", match.group(2).replace('\\"', '"')))
            elif match.group(3):
                if match.group(3) != ",":  # commas only separate payoffs
                    self.items.append(("sym", match.group(3)))
            else:
                self.items.append(("word", match.group(4)))
            pos = match.end()
        self.pos = 0

    def peek(self):
        return self.items[self.pos] if self.pos < len(self.items) else (None, None)

    def take(self, kind=None, text=None, what="a token"):
        token = self.peek()
        if token[0] is None:
            raise GameError(f"{self.name}: the file ends where {what} was expected")
        if (kind is not None and token[0] != kind) or (text is not None and token[1] != text):
            raise GameError(f"{self.name}: expected {what}, found {token[1]!r}")
        self.pos += 1
        return token[1]

    def number(self, what: str) -> Fraction:
        word = self.take("word", what=what)
        if not _NUMBER.fullmatch(word):
            raise GameError(f"{self.name}: {what} must be a number, found {word[:40]!r}")
        exponent = re.search(r"[eE]([+-]?\d+)", word)
        if len(word) > MAX_NUMBER_CHARS or (exponent and abs(int(exponent.group(1)[:6])) > MAX_EXPONENT):
            raise GameError(f"{self.name}: {what} {word[:40]!r} is too long or too large (at most "
                            f"{MAX_NUMBER_CHARS} characters, exponent {MAX_EXPONENT})")
        try:
            return Fraction(word)
        except (ValueError, ZeroDivisionError):
            raise GameError(f"{self.name}: {what} {word!r} is not a valid number") from None

    def integer(self, what: str) -> int:
        word = self.take("word", what=what)
        if not word.isdigit():
            raise GameError(f"{self.name}: {what} must be a nonnegative integer, found {word!r}")
        return int(word)


def _source(path_or_text, kind: str = "nfg") -> tuple:
    """The text and a name of a Gambit file given as a path, a stream, bytes or the text itself.

    A path is read only if it names a regular file of at most :data:`MAX_FILE_BYTES`
    (checked before reading: a FIFO never blocks, ``/dev/zero`` is never read).
    """
    from ..output import read_regular_file

    marker = kind.upper()
    if hasattr(path_or_text, "read"):
        text = path_or_text.read(MAX_FILE_BYTES + 1)
        name = getattr(path_or_text, "name", f"<{kind} stream>")
    elif isinstance(path_or_text, bytes):
        text, name = path_or_text, f"<{kind} text>"
    elif isinstance(path_or_text, str) and path_or_text.lstrip().startswith(marker):
        text, name = path_or_text, f"<{kind} text>"
    elif isinstance(path_or_text, (str, os.PathLike)):
        name = str(path_or_text)
        if isinstance(path_or_text, str) and (len(name) > 4096 or "\0" in name or not os.path.lexists(name)):
            raise GameError(f"{name[:60]!r} is neither the text of an .{kind} file nor a readable path")
        text = read_regular_file(path_or_text, MAX_FILE_BYTES, error=GameError)
    else:
        raise GameError(f"read_{kind} needs a path or the text of an .{kind} file, got {type(path_or_text).__name__}")
    if len(text) > MAX_FILE_BYTES:
        raise GameError(f"{str(name)[:200]}: more than {MAX_FILE_BYTES:,} bytes")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            text = text.decode("latin-1")
    return text, str(name)


def read_nfg(path_or_text) -> tuple:
    """Read a two-player Gambit strategic-form game (``.nfg``) as labelled payoff tables.

    This is the format layer: it knows nothing of :class:`~bargaining.Game`.
    Use :meth:`bargaining.Game.from_nfg` to get a game.

    Parameters
    ----------
    path_or_text : str, os.PathLike, bytes or file object
        A path to an ``.nfg`` file, or the file's text (a string starting with
        ``NFG``).

    Returns
    -------
    tuple
        ``(A, B, players, strategies, name)``: the payoff tables as nested
        lists of :class:`~fractions.Fraction`, the file's player and strategy
        labels (empty labels become ``Player 1``, ``Player 2`` and ``1``,
        ``2``, ... as Gambit numbers them), and the file's name for messages.

    Raises
    ------
    GameError
        If the text is not a valid ``NFG 1`` file or the game does not have
        exactly two players; the message names the file and the problem.
    OSError
        If the file cannot be read.

    Examples
    --------
    >>> A, B, players, strategies, name = read_nfg('NFG 1 R "PD" { "Row" "Col" } { 2 2 }  3 3  5 0  0 5  1 1')
    >>> players, A
    (('Row', 'Col'), [[Fraction(3, 1), Fraction(0, 1)], [Fraction(5, 1), Fraction(1, 1)]])
    """
    text, name = _source(path_or_text)
    tokens = _Tokens(text, name)
    if tokens.take(what="the header NFG") != "NFG":
        raise GameError(f"{name}: not a Gambit strategic-form file (it must start with 'NFG 1 R')")
    version = tokens.take("word", what="the format version")
    if version != "1":
        raise GameError(f"{name}: unsupported NFG version {version!r} (only version 1 is read)")
    kind = tokens.take("word", what="'R' or 'D'")
    if kind not in ("R", "D"):
        raise GameError(f"{name}: the header must say 'NFG 1 R' or 'NFG 1 D', found {kind!r}")
    tokens.take("str", what="the game's title in quotes")
    tokens.take("sym", "{", what="'{' opening the player list")
    players = []
    while tokens.peek()[0] == "str":
        players.append(tokens.take())
    tokens.take("sym", "}", what="'}' closing the player list")
    if len(players) != 2:
        raise GameError(f"{name}: the game has {len(players)} players; only two-player games are supported")
    labels = _strategy_block(tokens, name)
    if tokens.peek()[0] == "str":
        tokens.take()  # the game's comment
    m, n = (len(labels[0]), len(labels[1]))
    if m == 0 or n == 0:
        raise GameError(f"{name}: every player needs at least one strategy")
    if tokens.peek() == ("sym", "{"):
        cells = _outcome_cells(tokens, name, m * n)
    else:
        cells = [(tokens.number(f"payoff {2 * k + 1}"), tokens.number(f"payoff {2 * k + 2}")) for k in range(m * n)]
    if tokens.peek()[0] is not None:
        raise GameError(f"{name}: unexpected text after the payoffs: {tokens.peek()[1]!r}")
    A = [[cells[i + m * j][0] for j in range(n)] for i in range(m)]
    B = [[cells[i + m * j][1] for j in range(n)] for i in range(m)]
    players = tuple(p if p.strip() else f"Player {k + 1}" for k, p in enumerate(players))
    strategies = tuple(
        tuple(s if s.strip() else str(k + 1) for k, s in enumerate(names)) for names in labels
    )
    return A, B, players, strategies, name


def _strategy_block(tokens: _Tokens, name: str):
    tokens.take("sym", "{", what="'{' opening the strategies")
    if tokens.peek()[0] == "word":  # counts: { 3 2 }
        counts = []
        while tokens.peek()[0] == "word":
            counts.append(tokens.integer("a strategy count"))
        tokens.take("sym", "}", what="'}' closing the strategy counts")
        if len(counts) != 2:
            raise GameError(f"{name}: {len(counts)} strategy counts given for two players")
        return tuple(tuple("" for _ in range(c)) for c in counts)
    labels = []
    while tokens.peek() == ("sym", "{"):
        tokens.take()
        names = []
        while tokens.peek()[0] == "str":
            names.append(tokens.take())
        tokens.take("sym", "}", what="'}' closing a player's strategy names")
        labels.append(tuple(names))
    tokens.take("sym", "}", what="'}' closing the strategies")
    if len(labels) != 2:
        raise GameError(f"{name}: strategies are listed for {len(labels)} players, expected 2")
    return tuple(labels)


def _outcome_cells(tokens: _Tokens, name: str, count: int):
    tokens.take("sym", "{")
    outcomes = []
    while tokens.peek() == ("sym", "{"):
        tokens.take()
        if tokens.peek()[0] == "str":
            tokens.take()  # the outcome's label
        payoffs = []
        while tokens.peek()[0] == "word":
            payoffs.append(tokens.number(f"a payoff of outcome {len(outcomes) + 1}"))
        tokens.take("sym", "}", what=f"'}}' closing outcome {len(outcomes) + 1}")
        if len(payoffs) != 2:
            raise GameError(f"{name}: outcome {len(outcomes) + 1} has {len(payoffs)} payoffs, expected 2")
        outcomes.append(tuple(payoffs))
    tokens.take("sym", "}", what="'}' closing the outcome list")
    cells = []
    for k in range(count):
        index = tokens.integer(f"the outcome number of contingency {k + 1}")
        if index > len(outcomes):
            raise GameError(f"{name}: contingency {k + 1} refers to outcome {index}, but there are {len(outcomes)}")
        cells.append(outcomes[index - 1] if index else (Fraction(0), Fraction(0)))
    return cells


def _quote(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def write_nfg(game, title: str = "") -> str:
    """The game as Gambit ``.nfg`` text (payoff-list form, with labels).

    Payoffs are written exactly: integers as ``3``, other rationals as
    ``a/b``. Contingencies are listed with player 1's strategy varying
    fastest, as Gambit expects.

    Parameters
    ----------
    game : Game
        Any object with ``players``, ``strategies``, ``shape``, ``exact_A``
        and ``exact_B`` (a :class:`~bargaining.Game`).
    title : str
        The game's title in the file.

    Returns
    -------
    str

    Examples
    --------
    >>> from bargaining import Game
    >>> g = Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Col"))
    >>> print(write_nfg(g, title="PD"))
    NFG 1 R "PD" { "Row" "Col" }
    <BLANKLINE>
    { { "s1" "s2" }
    { "s1" "s2" }
    }
    ""
    <BLANKLINE>
    3 3 5 0 0 5 1 1
    <BLANKLINE>
    >>> Game.from_nfg(write_nfg(g)) == g
    True
    """
    players = " ".join(_quote(p) for p in game.players)
    strategies = "\n".join("{ " + " ".join(_quote(s) for s in names) + " }" for names in game.strategies)
    m, n = game.shape
    numbers = []
    for j in range(n):
        for i in range(m):
            numbers.append(str(game.exact_A[i][j]))
            numbers.append(str(game.exact_B[i][j]))
    return f'NFG 1 R {_quote(title)} {{ {players} }}\n\n{{ {strategies}\n}}\n""\n\n{" ".join(numbers)}\n'
