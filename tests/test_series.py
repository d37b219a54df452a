"""Tests of bargaining.modelling.series (shipped data, resource indices) and the index table T1b."""

from __future__ import annotations

import hashlib

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib
from fractions import Fraction
from pathlib import Path

import pytest

from bargaining.errors import BargainingError
from bargaining.modelling.series import (
    DATA_FILES,
    INDICES,
    data_path,
    data_provenance,
    load_series,
    resource_index,
)
from bargaining.paper.indices import index_table

ROOT = Path(__file__).resolve().parent.parent

# The shared data folder's README computed these implied R (value_year / value_2013, RUS rows, 4 decimals)
# with its own code; we check ours against them.
IMPLIED = {
    "gdp_usd": (0.5948, 0.5569),
    "real_gdp": (0.9875, 0.9894),
    "brent": (0.4819, 0.4020),
    "cinc": (0.9418, 0.9346),
}


@pytest.mark.parametrize("name", sorted(IMPLIED))
def test_indices_match_the_data_readme(name):
    r = resource_index(name)
    assert r[2013] == 1
    assert (round(float(r[2015]), 4), round(float(r[2016]), 4)) == IMPLIED[name]


def test_geometric_mean_is_the_mean_of_its_parts():
    both = resource_index("real_gdp_brent")
    for year in (2014, 2015, 2016):
        expected = (float(resource_index("real_gdp")[year]) * float(resource_index("brent")[year])) ** 0.5
        assert both[year] == pytest.approx(expected, rel=1e-12)


def test_values_are_exact_as_written():
    # Brent 2013 = 108.56 in the file, exactly
    assert load_series("brent_usd_per_barrel_eia.csv")[2013] == Fraction("108.56")
    assert load_series("gdp_current_usd_worldbank.csv", "CHN")[2015] > 8 * load_series("gdp_current_usd_worldbank.csv")[2015]


def test_china_contest_weight_is_the_gdp_ratio():
    # models/russia_china.toml: alpha = 1/4 is Russia's GDP over China's in 2013 (0.2395), the low end 1/8 the 2015 ratio
    gdp = "gdp_current_usd_worldbank.csv"
    ratio = {y: load_series(gdp)[y] / load_series(gdp, "CHN")[y] for y in (2013, 2015)}
    assert abs(float(ratio[2013]) - 0.25) < 0.015 and abs(float(ratio[2015]) - 0.125) < 0.005


def test_shipped_files_match_their_recorded_checksums():
    provenance = data_provenance()
    assert set(provenance) == set(DATA_FILES)
    for file, record in DATA_FILES.items():
        assert hashlib.sha256((ROOT / "data" / file).read_bytes()).hexdigest() == record.sha256
        assert record.sha256 in (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for _, files in INDICES.values():
        assert set(files) <= set(DATA_FILES)


def test_data_ship_as_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "bargaining.data" in config["packages"]
    assert config["package-dir"]["bargaining.data"] == "data"
    assert "*.csv" in config["package-data"]["bargaining.data"]
    assert (ROOT / "data" / "__init__.py").is_file()


def test_bad_names_raise():
    with pytest.raises(BargainingError, match="unknown resource index"):
        resource_index("urals")
    with pytest.raises(BargainingError, match="unknown data file"):
        data_path("trade.csv")


def test_index_table_regimes_by_hand():
    t = index_table()
    assert set(t["index"]) == set(INDICES) | {"scenario"}

    def row(index, year):
        (found,) = t[(t["index"] == index) & (t.year == year)].to_dict("records")
        return found

    # Brent 2015: R = 0.4819 < 4/7 (loyalty threshold) and < 3/5 (baseline's lower one); China below 11/16 goes bilateral
    brent = row("brent", 2015)
    assert brent["russia_belarus_loyalty"] == "Cut → Hedge" and brent["russia_belarus"] == "Russia: Cut · Belarus: Hedge"
    assert brent["russia_china"] == "Russia: Conjoin · China: Bilateral"
    # Armenia at 0.4819: credible threat (< 17/20), Russia refuses (< 11/20), Armenia prefers the status quo (> 2/5)
    assert brent["russia_armenia"] == "StatusQuo"
    # real GDP 2015 = 0.9875: every model as in 2013
    real = row("real_gdp", 2015)
    assert {k: real[k] for k in ("russia_belarus", "russia_china")} == {
        "russia_belarus": "Russia: Subsidize · Belarus: Align",
        "russia_china": "Russia: Conjoin · China: Multilateral"}
    # GDP in US$ 2015 = 0.5948: blackmail works (11/20 < R < 17/20); loyalty still bought (> 4/7)
    usd = row("gdp_usd", 2015)
    assert usd["russia_armenia"] == "Demand → Concede" and usd["russia_belarus_loyalty"] == "Support → Align"
    assert row("scenario", 2015)["R"] == 0.75
