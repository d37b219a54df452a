"""The ``bargaining`` command.

Each subcommand lives in its own module ``bargaining/cli/cmd_<name>.py`` that
defines ``register(subparsers)``: it adds its parser and sets ``func`` to a
function ``(args) -> int``. Errors the package raises on purpose, and
unreadable files, become one line on stderr and exit code 2, never a
traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from ..errors import BargainingError

__all__ = ["main", "COMMANDS", "EXIT_BAD_INPUT"]

EXIT_BAD_INPUT = 2

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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand registered."""
    from .._version import __version__

    parser = argparse.ArgumentParser(
        prog="bargaining",
        description="Game-theoretic models of bilateral negotiation: solve games and models, "
        "find thresholds, compute bargaining solutions, reproduce the paper.",
    )
    parser.add_argument("--version", action="version", version=f"bargaining {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMANDS.values():
        try:
            module = importlib.import_module(f".{module_name}", __name__)
        except ModuleNotFoundError as err:
            if err.name and err.name.endswith(module_name):
                continue  # this command is not part of this build yet
            raise
        module.register(subparsers)
    return parser


def main(argv=None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return int(args.func(args) or 0)
    except BargainingError as err:
        print(f"bargaining: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as err:
        name = getattr(err, "filename", None)
        where = f"{name}: " if name else ""
        print(f"bargaining: error: {where}{err.strerror or err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("bargaining: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
