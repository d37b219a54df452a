"""Exact rational enumeration of equilibria (placeholder: being written)."""

from __future__ import annotations

__all__ = ["extreme_equilibria", "is_degenerate", "nash_subsets"]


def extreme_equilibria(A, B):
    raise NotImplementedError


def is_degenerate(A, B):
    raise NotImplementedError


def nash_subsets(A, B, extreme=None):
    raise NotImplementedError
