"""Logit QRE of two-player games: fixed points, known answers, and Gambit's logit_solve on its example games.

The fixture ``tests/data/gambit_logit.json`` holds pygambit's answers, made by
``PYTHONPATH=. python tests/test_qre.py`` (pygambit 16.7) from the files in
``/work/shared/gambit-games/``; the games themselves are not copied.
"""

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargaining as bg
from bargaining.errors import SolverError

GAMES = Path("/work/shared/gambit-games")
FIXTURE = Path(__file__).parent / "data" / "gambit_logit.json"
LAMBDAS = [0.5, 1.0, 2.0, 4.0]


def _is_qre(game, lam, x, y, tol=1e-9):
    A, B = (np.asarray(M, float) for M in game.payoff_matrices())
    fx = np.exp(lam * (A @ y - (A @ y).max()))
    fy = np.exp(lam * (B.T @ x - (B.T @ x).max()))
    return np.abs(fx / fx.sum() - x).max() < tol and np.abs(fy / fy.sum() - y).max() < tol


def test_two_by_two_matches_the_one_dimensional_fixed_point():
    # Row mixes 1 / (1 + exp(-lam (2y - (1 - y)))); column mixes 1 / (1 + exp(-lam (1 - 2x))).
    from scipy.optimize import brentq

    game = bg.Game([[2, 0], [0, 1]], [[0, 1], [1, 0]])
    for lam in (0.3, 1.0, 3.0):
        def gap(y, lam=lam):
            x = 1 / (1 + np.exp(-lam * (3 * y - 1)))
            return 1 / (1 + np.exp(-lam * (1 - 2 * x))) - y

        y = brentq(gap, 0, 1)
        row = bg.logit_qre(game, lam).iloc[0]
        assert row["Player 2:s1"] == pytest.approx(y, abs=1e-10)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=12, max_size=12), st.floats(0.1, 5.0))
def test_every_traced_point_is_a_fixed_point(payoffs, lam):
    game = bg.Game(np.reshape(payoffs[:6], (2, 3)).tolist(), np.reshape(payoffs[6:], (2, 3)).tolist())
    row = bg.logit_qre(game, lam).iloc[0].to_numpy(float)
    assert _is_qre(game, lam, row[1:3], row[3:6])


def test_the_limit_is_an_exact_equilibrium_selected_by_risk_dominance_in_a_coordination_game():
    stag = bg.Game([[4, 0], [3, 3]], [[4, 3], [0, 3]])  # (stag, stag) payoff dominant, (hare, hare) risk dominant
    branch = bg.logit_branch(stag)
    assert branch.limit.exact and branch.limit.regret == 0
    assert branch.limit.describe() == "Player 1: s2 · Player 2: s2"
    lams = branch.points["lambda"].to_numpy()
    assert lams[0] == 0 and np.all(np.diff(lams) > 0) and lams[-1] > 1


def test_negative_precision_is_refused():
    with pytest.raises(SolverError):
        bg.logit_qre(bg.Game([[1, 0], [0, 1]], [[1, 0], [0, 1]]), -1.0)


def _load(name):
    return bg.Game.from_nfg((GAMES / name).read_text())


def _fixture():
    return json.loads(FIXTURE.read_text())


def _compare(name, answers):
    game = _load(name)
    ours = bg.logit_qre(game, LAMBDAS)
    first_branch = min(ours.attrs["branch_points"], default=np.inf)
    for k, lam in enumerate(LAMBDAS):
        x, y = (np.asarray(p) for p in answers["profiles"][k])
        row = ours.iloc[k].to_numpy(float)
        m = game.shape[0]
        assert _is_qre(game, lam, row[1:m + 1], row[m + 1:])
        if lam < first_branch:
            np.testing.assert_allclose(row[1:], np.concatenate([x, y]), atol=1e-7, err_msg=f"{name} at {lam}")
    branch = bg.logit_branch(game)
    assert branch.limit.regret == 0
    if not branch.branch_points:
        limit = np.concatenate([np.asarray(v, float) for v in branch.limit.profile])
        np.testing.assert_allclose(limit, np.concatenate(answers["limit"]), atol=1e-5, err_msg=name)
    return branch


@pytest.mark.skipif(not GAMES.exists() or not FIXTURE.exists(), reason="Gambit's example games absent")
def test_gambit_example_games_against_the_recorded_answers():
    answers = _fixture()["games"]
    assert len(answers) == 15
    crossed = {name: _compare(name, a).branch_points for name, a in answers.items()}
    # Shapley's example (sh3) is symmetric: its branch has a bifurcation where Gambit leaves the symmetric path.
    assert crossed["sh3.nfg"] and not crossed["e07.nfg"]


@pytest.mark.skipif(not GAMES.exists(), reason="Gambit's example games absent")
def test_gambit_example_games_against_pygambit_live():
    pytest.importorskip("pygambit")
    live = _gambit_answers()
    for name, a in live["games"].items():
        _compare(name, a)


def _gambit_answers():
    import pygambit as gbt

    out = {"command": "PYTHONPATH=. python tests/test_qre.py", "pygambit": gbt.__version__,
           "lambdas": LAMBDAS, "games": {}}
    for path in sorted(GAMES.glob("*.nfg")):
        g = gbt.read_nfg(str(path))
        limit = gbt.nash.logit_solve(g).equilibria[0]
        profiles = [[[float(p.profile[pl][s]) for s in pl.strategies] for pl in g.players]
                    for p in gbt.qre.logit_solve_lambda(g, lam=LAMBDAS)]
        out["games"][path.name] = {
            "limit": [[float(limit[pl][s]) for s in pl.strategies] for pl in g.players],
            "profiles": profiles}
    return out


if __name__ == "__main__":
    FIXTURE.parent.mkdir(exist_ok=True)
    FIXTURE.write_text(json.dumps(_gambit_answers(), indent=1, sort_keys=True) + "\n")
