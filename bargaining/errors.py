"""One exception family for the whole package.

Every error the package raises on purpose is a :class:`BargainingError`, so a
caller (and the command line) can catch exactly the package's own complaints
and nothing else. Each subclass is also a :class:`ValueError`, because each
one reports an input that cannot be used.
"""

from __future__ import annotations

__all__ = ["BargainingError", "GameError", "ModelError", "SolverError"]


class BargainingError(ValueError):
    """Base class of every error raised on purpose by :mod:`bargaining`."""


class GameError(BargainingError):
    """A game cannot be built or used as given (shapes, names, payoffs)."""


class ModelError(BargainingError):
    """A model file or model expression is invalid.

    The message names the file, the entry and the problem, e.g.
    ``models/x.toml: payoffs.Cut.Align[0]: name 'os' is not a declared parameter``.
    """


class SolverError(BargainingError):
    """A solver could not produce a verified answer."""
