"""``bargaining reproduce``: write every table and figure of the paper, and a manifest."""

from __future__ import annotations

import signal
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "reproduce",
        help="write the paper's tables (CSV, Markdown, LaTeX), figures (PNG, PDF) and manifest.json",
        description="Write every table of the paper as CSV, Markdown and LaTeX, every figure as PNG and "
        "PDF, and manifest.json (versions, parameters, seeds, SHA-256 of every file). Files are "
        "written atomically; a second run writes byte-identical files.",
    )
    parser.add_argument("--out", default="results", metavar="DIR", help="output directory (default: results)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines, only the summary")
    parser.set_defaults(func=run)


def _terminate(signum, frame):
    # Raise instead of dying at once, so a file being written is cleaned up.
    raise SystemExit(128 + signum)


def run(args) -> int:
    from ..paper.reproduce import reproduce

    signal.signal(signal.SIGTERM, _terminate)

    def progress(line: str) -> None:
        if not args.quiet:
            print(line, flush=True)

    report = reproduce(args.out, progress=progress)
    print(report.summary())
    sys.stdout.flush()
    return 0
