"""Record Gambit's Nash payoff vectors for the perfect Bayesian tests in ``tests/data/pbe_gambit.json``.

Run from the repository root, with pygambit installed (``pip install -e ".[oracle]"``)::

    python tests/data/make_pbe_gambit.py

For each tree of ``tests/pbe_gambit.py`` it asks pygambit for every extreme
Nash equilibrium of the tree's strategic form
(``gbt.nash.enummixed_solve(game, rational=True)``) and writes the distinct
payoff vectors, exact, sorted, so that a second run is byte-identical.
``tests/test_pbe_gambit.py`` checks the package against this file without
pygambit. Only the trees come from ``bargaining``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parents[1])]

from pbe_gambit import CASES, gambit_payoffs  # noqa: E402

if __name__ == "__main__":
    data = {name: gambit_payoffs(make()) for name, make in CASES.items()}
    (HERE / "pbe_gambit.json").write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
