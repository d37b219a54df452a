"""The package against Gambit's recorded answers: the oracle tests, without pygambit.

``tests/data/gambit_fixtures.json`` holds what pygambit 16 answered for the
games of ``tests/gambit_cases.py`` (exact extreme equilibria as fraction
strings, and how it reads .nfg texts), written by
``python tests/data/make_gambit_fixtures.py``. The live comparisons are in
``test_oracle_gambit.py``, ``test_oracle_seed_models.py``, ``test_gambit.py``
and ``test_batch.py``; these run everywhere.
"""

from __future__ import annotations

import hashlib
from fractions import Fraction

import numpy as np
import pytest
from gambit_cases import (
    GAMES_DIR,
    batch_games,
    digest,
    exact_cases,
    float_cases,
    from_strings,
    load_fixtures,
    round_trip_games,
)

import bargaining as bg
from bargaining.games.exact import extreme_equilibria

FIXTURES = load_fixtures()


def _matrix(rows):
    return [[Fraction(v) for v in row] for row in rows]


def _assert_matches(record):
    A, B = _matrix(record["A"]), _matrix(record["B"])
    ours = extreme_equilibria(A, B)
    assert len(ours) == len(set(ours)), "duplicates in our answer"
    assert set(ours) == {from_strings(p) for p in record["extreme"]}, record["id"]


def test_the_fixtures_say_how_they_were_made():
    assert FIXTURES["made_by"] == "python tests/data/make_gambit_fixtures.py"
    assert FIXTURES["pygambit"].startswith("16.")


def test_the_recorded_games_are_the_generated_games():
    # the generators of gambit_cases.py still make the games Gambit was asked about
    for family in ("exact", "float"):
        generated = list(exact_cases() if family == "exact" else float_cases())
        recorded = FIXTURES[family]
        assert [c[0] for c in generated] == [r["id"] for r in recorded]
        for (_, A, B), record in zip(generated, recorded):
            assert (_matrix(A), _matrix(B)) == (_matrix(record["A"]), _matrix(record["B"])), record["id"]


@pytest.mark.parametrize("family", ["small", "wide", "rational", "classic"])
def test_extreme_equilibria_match_gambit(family):
    records = [r for r in FIXTURES["exact"] if r["id"].startswith(family)]
    assert records
    for record in records:
        _assert_matches(record)


def test_the_random_games_are_mostly_degenerate_so_the_oracle_bites():
    small = [r for r in FIXTURES["exact"] if r["id"].startswith("small-0-")]
    assert sum(bg.is_degenerate(bg.Game(_matrix(r["A"]), _matrix(r["B"]))) for r in small) > 30


def test_seed_model_games_at_their_thresholds_match_gambit():
    records = FIXTURES["seed_models"]
    for name in ("russia_belarus", "russia_armenia", "russia_china"):
        assert sum(r["id"].startswith(name) for r in records) >= 6, name
    for record in records:
        _assert_matches(record)


def _close(p, q):
    return len(p) == len(q) and np.allclose(p, q, atol=1e-9, rtol=0)


def test_the_float_path_finds_exactly_gambits_equilibria():
    # nashpy's own acceptance test compares floats with == and drops genuine
    # equilibria; the float path verifies by regret instead (test_oracle_gambit.py)
    for record in FIXTURES["float"]:
        found = bg.equilibria(bg.Game(_matrix(record["A"]), _matrix(record["B"])), method="support_enumeration")
        got = [np.concatenate(eq.as_float()) for eq in found]
        expected = [np.array([float(v) for side in from_strings(p) for v in side]) for p in record["extreme"]]
        assert len(got) == len(expected), record["id"]
        for e in expected:
            assert any(_close(g, e) for g in got), record["id"]


def test_the_batch_solver_matches_gambit_on_unflagged_games():
    A, B = batch_games()
    out = bg.batch_equilibria(A, B, exact_fallback=False)
    recorded = FIXTURES["batch"]
    assert len(recorded) == len(A)
    checked = 0
    for g in np.flatnonzero(~out.degenerate_games):
        record = recorded[g]
        assert record["digest"] == digest(A[g].tolist(), B[g].tolist())
        rows = out.rows_of(g)
        got = sorted(tuple(np.concatenate([x, y])) for x, y in zip(out.x[rows], out.y[rows]))
        assert len(got) == len(record["extreme"]), g
        np.testing.assert_allclose(got, sorted(record["extreme"]), atol=1e-9)
        checked += 1
    assert checked >= 300  # at least every random float game


def _nfg(case_id):
    (record,) = [r for r in FIXTURES["nfg"] if r["id"] == case_id]
    return record


@pytest.mark.parametrize("case_id", ["outcome-form", "round-trip-pd", "round-trip-rational", "round-trip-labels"])
def test_nfg_texts_read_like_gambit(case_id):
    record = _nfg(case_id)
    game = bg.Game.from_nfg(record["text"])
    assert [list(r) for r in game.exact_A] == _matrix(record["A"])
    assert [list(r) for r in game.exact_B] == _matrix(record["B"])
    assert list(game.players) == record["players"]
    assert [list(s) for s in game.strategies] == record["strategies"]


@pytest.mark.parametrize("name", ["pd", "rational", "labels"])
def test_the_writer_still_writes_what_gambit_read(name):
    game = round_trip_games()[name]
    record = _nfg(f"round-trip-{name}")
    assert game.to_nfg(title="round trip") == record["text"]
    assert record["title"] == "round trip"
    assert _matrix(record["A"]) == [list(r) for r in game.exact_A]


@pytest.mark.parametrize("name", [r["id"] for r in FIXTURES["example_files"]])
def test_gambits_example_games_match_gambit(name):
    # the games' payoffs as Gambit read them are recorded, so this needs no file
    (record,) = [r for r in FIXTURES["example_files"] if r["id"] == name]
    _assert_matches(record)


@pytest.mark.skipif(not GAMES_DIR.is_dir(), reason="the shared gambit-games folder is absent")
@pytest.mark.parametrize("name", [r["id"] for r in FIXTURES["example_files"]])
def test_gambits_example_files_read_like_gambit(name):
    (record,) = [r for r in FIXTURES["example_files"] if r["id"] == name]
    path = GAMES_DIR / name
    assert hashlib.sha256(path.read_bytes()).hexdigest() == record["sha256"]
    game = bg.Game.from_nfg(path)
    assert [list(r) for r in game.exact_A] == _matrix(record["A"])
    assert [list(r) for r in game.exact_B] == _matrix(record["B"])
    assert [list(s) for s in game.strategies] == record["strategies"]
