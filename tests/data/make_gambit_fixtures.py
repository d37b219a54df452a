"""Record Gambit's answers for the oracle tests in ``tests/data/gambit_fixtures.json``.

Run from the repository root, with pygambit installed (``pip install -e ".[oracle]"``)::

    python tests/data/make_gambit_fixtures.py

It asks pygambit (``gbt.nash.enummixed_solve(game, rational=True)``, exact
vertex enumeration, and ``gbt.read_nfg``) about the games of
``tests/gambit_cases.py`` and the .nfg texts of ``tests/test_gambit.py``, and
writes its answers, exact numbers as fraction strings, sorted, so that a second
run is byte-identical. ``tests/test_gambit_fixtures.py`` checks the package
against this file without pygambit. Nothing here is computed by ``bargaining``
except the games themselves (the seed models' payoff matrices at their
thresholds, and the .nfg texts the package writes).
"""

from __future__ import annotations

import hashlib
import json
import sys
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parents[1])]  # tests/ (the case lists) and the package

import gambit_cases as cases  # noqa: E402
import pygambit as gbt  # noqa: E402
from oracle import gambit_extreme, gambit_game  # noqa: E402


def exact_record(case_id, A, B):
    found = sorted(cases.as_strings(p) for p in gambit_extreme(gambit_game(A, B)))
    return {"id": case_id, "A": [[str(Fraction(v)) for v in r] for r in A],
            "B": [[str(Fraction(v)) for v in r] for r in B], "extreme": found}


def batch_records():
    A, B = cases.batch_games()
    out = []
    for g in range(len(A)):
        game = gambit_game(A[g].tolist(), B[g].tolist())
        profiles = sorted(
            [float(v) for side in p for v in side] for p in gambit_extreme(game)
        )
        out.append({"game": g, "digest": cases.digest(A[g].tolist(), B[g].tolist()), "extreme": profiles})
    return out


def nfg_record(case_id, text, title=None):
    path = HERE / "_tmp.nfg"
    path.write_text(text, encoding="utf-8")
    try:
        g = gbt.read_nfg(str(path))
    finally:
        path.unlink()
    A, B = g.to_arrays()
    players = list(g.players)
    return {
        "id": case_id,
        "text": text,
        "title": g.title,
        "players": [p.label for p in players],
        "strategies": [[s.label for s in p.strategies] for p in players],
        "A": [[str(Fraction(v)) for v in row] for row in A.tolist()],
        "B": [[str(Fraction(v)) for v in row] for row in B.tolist()],
    }


def example_file_records():
    if not cases.GAMES_DIR.is_dir():
        return []
    out = []
    for path in sorted(cases.GAMES_DIR.glob("*.nfg")):
        g = gbt.read_nfg(str(path))
        A, B = g.to_arrays()
        players = list(g.players)
        A = [[Fraction(v) for v in row] for row in A.tolist()]
        B = [[Fraction(v) for v in row] for row in B.tolist()]
        record = exact_record(path.name, A, B)
        record.update(
            sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
            players=[p.label for p in players],
            strategies=[[s.label for s in p.strategies] for p in players],
        )
        out.append(record)
    return out


def dumps(fixtures: dict) -> str:
    """JSON with one record a line (readable diffs, a third of the indented size)."""
    lines = ["{"]
    for k, (key, value) in enumerate(fixtures.items()):
        comma = "," if k < len(fixtures) - 1 else ""
        if isinstance(value, list):
            records = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in value]
            inner = ",\n".join(f"  {r}" for r in records)
            lines.append(f" {json.dumps(key)}: [\n{inner}\n ]{comma}" if records else f" {json.dumps(key)}: []{comma}")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    return "\n".join(lines) + "\n}\n"


def main() -> None:
    fixtures = {
        "made_by": "python tests/data/make_gambit_fixtures.py",
        "pygambit": gbt.__version__,
        "solver": "pygambit.nash.enummixed_solve(game, rational=True)",
        "exact": [exact_record(*case) for case in cases.exact_cases()],
        "float": [exact_record(*case) for case in cases.float_cases()],
        "seed_models": [exact_record(*case) for case in cases.seed_model_cases()],
        "batch": batch_records(),
        "nfg": [
            nfg_record("outcome-form", cases.OUTCOME_FORM.replace("1 2 3 0", "1 2 3 1")),
            *(nfg_record(f"round-trip-{k}", game.to_nfg(title="round trip"))
              for k, game in cases.round_trip_games().items()),
        ],
        "example_files": example_file_records(),
    }
    text = dumps(fixtures)
    cases.FIXTURES.write_text(text, encoding="utf-8")
    print(f"wrote {cases.FIXTURES} ({len(text) // 1024} KiB)")


if __name__ == "__main__":
    main()
