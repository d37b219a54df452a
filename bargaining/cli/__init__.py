"""The ``bargaining`` command.

Each subcommand lives in its own module ``bargaining/cli/cmd_<name>.py`` that
defines ``register(subparsers)``: it adds its parser and sets ``func`` to a
function ``(args) -> int``. Bad input of any kind (a usage error, a number out
of bounds, a model the package refuses, an unreadable file, an input too large
to hold in memory) becomes one line on stderr and exit code 2, never a
traceback. Numbers are checked by :func:`bargaining.cli.common.validate`
before the subcommand runs. An exception the package did not expect is a bug:
one line, exit code 3 (set ``BARGAINING_DEBUG=1`` to see its traceback).
Control characters in anything printed (a strategy named ``"\\x1b[2J"`` in a
model file) are shown escaped, so a file cannot forge a line of output.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from ..errors import BargainingError
from .common import UsageError, validate, warnings_to_stderr

__all__ = ["main", "COMMANDS", "EXIT_BAD_INPUT", "EXIT_INTERNAL", "escape_controls"]

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3

#: Control characters (C0 but tab and newline, DEL, C1) and bidirectional overrides -> a visible escape.
_ESCAPES = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in (*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
    if code not in (0x09, 0x0A)
}
_ESCAPES_ONE_LINE = {**_ESCAPES, 0x0A: "\\n", 0x09: "\\t"}


def escape_controls(text: str, *, one_line: bool = False) -> str:
    """``text`` with control characters shown as escapes (``\\x1b``); newlines too if ``one_line``.

    Examples
    --------
    >>> escape_controls("Cut\\x1b[2J")
    'Cut\\\\x1b[2J'
    >>> escape_controls("a\\nb", one_line=True)
    'a\\\\nb'
    """
    return text.translate(_ESCAPES_ONE_LINE if one_line else _ESCAPES)


class _EscapingStream:
    """A text stream that shows control characters escaped; everything else is the wrapped stream's."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        return self._stream.write(text.translate(_ESCAPES))

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def __getattr__(self, name):
        return getattr(self._stream, name)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, not usage text and a message."""

    def error(self, message):
        raise UsageError(f"{message} (see `{self.prog} --help`)")

#: Subcommand name -> module that registers it (in help order).
COMMANDS = {
    "solve": "cmd_solve",
    "models": "cmd_models",
    "show": "cmd_show",
    "bargain": "cmd_bargain",
    "thresholds": "cmd_thresholds",
    "regimes": "cmd_regimes",
    "sweep": "cmd_sweep",
    "uncertainty": "cmd_uncertainty",
    "plot": "cmd_plot",
    "explore": "cmd_explore",
    "reproduce": "cmd_reproduce",
}


class _Version(argparse.Action):
    """``--version``, reading the installed version only when asked (it costs an import of metadata)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from .._version import __version__

        print(f"bargaining {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand registered."""
    parser = _Parser(
        prog="bargaining",
        description="Game-theoretic models of bilateral negotiation: solve games and models, "
        "find thresholds, compute bargaining solutions, reproduce the paper.",
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMANDS.values():
        try:
            module = importlib.import_module(f".{module_name}", __name__)
        except ModuleNotFoundError as err:
            if err.name and err.name.endswith(module_name):
                continue  # this command is not part of this build yet
            raise
        module.register(subparsers)
    for sub in subparsers.choices.values():
        sub.set_defaults(_subparser=sub)  # a subcommand's unknown options are its own error
    return parser


def main(argv=None) -> int:
    """Run the command line; return the exit code (0 done, 2 bad input, 3 a bug, 130 interrupted)."""
    try:
        parser = build_parser()
        args, extra = parser.parse_known_args(argv)
        if extra:
            getattr(args, "_subparser", parser).error(f"unrecognized arguments: {' '.join(extra)}")
        if not getattr(args, "func", None):
            parser.print_help()
            return EXIT_BAD_INPUT
        validate(args)
    except BargainingError as err:
        return _fail(err)
    stdout = sys.stdout
    sys.stdout = _EscapingStream(stdout)
    try:
        with warnings_to_stderr():  # every warning is one tidy line on stderr
            return int(args.func(args) or 0)
    except BargainingError as err:
        return _fail(err)
    except MemoryError:
        return _fail("the input is too large to hold in memory")
    except RecursionError:
        return _fail("the input is nested too deeply")
    except BrokenPipeError:
        _silence_stdout()
        return 0  # the reader (e.g. `head`) stopped reading: not an error
    except OSError as err:
        name = getattr(err, "filename", None)
        where = f"{name}: " if name else ""
        return _fail(f"{where}{err.strerror or err}")
    except KeyboardInterrupt:
        print("bargaining: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # a bug, not bad input: still one line
        if os.environ.get("BARGAINING_DEBUG"):
            raise
        detail = escape_controls(f"{type(err).__name__}: {err}", one_line=True)[:300]
        print(f"bargaining: internal error: {detail} (a bug; please report it; BARGAINING_DEBUG=1 shows the "
              "traceback)", file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            pass
        sys.stdout = stdout


def _fail(problem) -> int:
    """Print one line ``bargaining: error: ...`` (control characters escaped); return the bad-input code."""
    text = escape_controls(str(problem), one_line=True)
    if len(text) > 2000:
        text = text[:2000] + "..."
    print(f"bargaining: error: {text}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
