"""Uncertainty on a local Dask cluster of two workers gives the single-process bytes."""

import numpy as np
import pytest

import bargaining as bg

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with distributed.Client(cluster) as client:
            yield client


@pytest.mark.parametrize("name", ["russia_belarus", "russia_china"])
def test_same_bytes_as_one_process(client, name):
    model = bg.load_model(name)
    grid = np.linspace(0.2, 1.5, 25)
    here = bg.uncertainty(model, samples=1500, seed=7, R=grid)
    there = bg.uncertainty(model, samples=1500, seed=7, R=grid, scheduler=client)
    assert there.probabilities.to_csv() == here.probabilities.to_csv()
    assert there.thresholds.to_csv() == here.thresholds.to_csv()
    assert there.varied == here.varied and there.seed == here.seed == 7


def test_cli_workers_option_writes_the_same_file(tmp_path, capsys):
    from bargaining.cli import main

    args = ["uncertainty", "russia_belarus", "--samples", "500", "--seed", "3", "--points", "8"]
    assert main([*args, "--out", str(tmp_path / "one.csv")]) == 0
    assert main([*args, "--workers", "2", "--out", str(tmp_path / "two.csv")]) == 0
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()
    assert main([*args, "--workers", "0"]) == 2
    assert "--workers must be at least 1" in capsys.readouterr().err
