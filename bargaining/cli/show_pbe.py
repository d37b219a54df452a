"""Perfect Bayesian equilibria as text lines and JSON for ``bargaining solve`` on a tree with chance or information sets."""

from __future__ import annotations

from fractions import Fraction

from .common import show_number

__all__ = ["pbe_lines", "pbe_json"]


def _interval(spans) -> str:
    return " ∪ ".join(f"[{show_number(Fraction(str(lo)))}, {show_number(Fraction(str(hi)))}]"
                      if lo != hi else show_number(Fraction(str(lo))) for lo, hi in spans)


def pbe_lines(tree, records) -> list:
    """Text lines: each equilibrium's kind, behaviour, beliefs (point or exact set) and paths."""
    lines = [f"Perfect Bayesian equilibria ({len(records)}; beliefs by Bayes' rule on the path):"]
    for k, record in enumerate(records, 1):
        lines.append(f"  {k}. {record.kind}; payoffs "
                     + ", ".join(f"{p} {show_number(v)}" for p, v in zip(record.players, record.payoffs)))
        varies = {h for piece in record.pieces for h, dist in piece.behaviour.items()
                  if any(getattr(v, "free_symbols", None) for v in dist.values())}
        for label, dist in record.behaviour.items():
            if label in varies:
                shown = ", ".join(f"{a} in {_interval(s)}" for a, s in record.behaviour_set(label).items())
            else:
                shown = ", ".join(a if p == 1 else f"{a} {show_number(p)}" for a, p in dist.items())
            lines.append(f"     {label}: {shown}")
        for label, infoset in tree.infosets.items():
            if len(infoset.nodes) < 2:
                continue
            spans = record.belief_set(label)
            shown = ", ".join(f"{n} {_interval(s)}" for n, s in spans.items())
            where = "on the path" if label in record.on_path else "off the path"
            lines.append(f"     belief at {label} ({where}): {shown}")
        for words, p in record.paths:
            lines.append(f"     {words}, p = {show_number(p)}")
    return lines


def pbe_json(tree, records) -> list:
    """JSON-ready dictionaries, exact numbers as text with a decimal beside."""

    def number(v):
        v = Fraction(str(v))
        return {"exact": str(v), "decimal": float(v)}

    out = []
    for record in records:
        out.append({
            "kind": record.kind,
            "payoffs": {p: number(v) for p, v in zip(record.players, record.payoffs)},
            "behaviour": {h: {a: number(p) for a, p in dist.items()} for h, dist in record.behaviour.items()},
            "beliefs": {h: {n: [[number(lo), number(hi)] for lo, hi in s] for n, s in record.belief_set(h).items()}
                        for h, infoset in tree.infosets.items() if len(infoset.nodes) > 1},
            "paths": [{"path": w, "probability": number(p)} for w, p in record.paths],
            "outcome": {label: number(p) for label, p in record.outcome.items()},
            "set_of_assessments": len(record.pieces) > 1 or any(piece.parameters for piece in record.pieces),
            "method": record.method,
        })
    return out
