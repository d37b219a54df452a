"""Measured series for the resource index R: the shipped data files, loaded and indexed to a base year.

The package ships five public annual series (``data/``, installed as
``bargaining.data``; their provenance is in ``data/README.md`` and in
:data:`DATA_FILES`). Nothing is fetched at run time. :func:`resource_index`
turns them into candidate resource indices for Russia, each normalised to
its 2013 value (R = 1 at the pre-crisis baseline, as in the models):

==================  ============================================================
``gdp_usd``         GDP in current US$ (World Bank): what Russia's economy buys abroad
``real_gdp``        GDP in constant roubles (World Bank): the real economy
``brent``           Brent crude, US$ per barrel (EIA): the oil revenue behind the budget
``cinc``            COW composite index of national capability: material power (ends 2016)
``real_gdp_brent``  geometric mean of ``real_gdp`` and ``brent``: real output valued
                    partly at oil prices (equal weights, a choice, not an estimate)
==================  ============================================================

Ratios of two values of one series are exact (:class:`fractions.Fraction`
from the decimal strings as the source wrote them); the geometric mean is a
float. For instance, GDP in dollars fell by 40 % from 2013 to 2015:

>>> from bargaining.modelling.series import resource_index
>>> r = resource_index("gdp_usd")
>>> r[2013], round(float(r[2015]), 4), round(float(r[2016]), 4)
(Fraction(1, 1), 0.5948, 0.5569)
"""

from __future__ import annotations

import csv
import hashlib
import math
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from ..errors import BargainingError

__all__ = ["DataFile", "DATA_FILES", "INDICES", "data_path", "load_series", "resource_index", "data_provenance"]

#: The base year of every index (R = 1).
BASE_YEAR = 2013


@dataclass(frozen=True)
class DataFile:
    """One shipped data file and where it came from.

    Attributes
    ----------
    file : str
        File name inside ``data/``.
    publisher : str
        The original publisher and indicator.
    repository : str
        The public repository and commit the values were copied from.
    license : str
        The licence as the source repository states it.
    sha256 : str
        The SHA-256 of the shipped file (checked by :func:`data_provenance`).
    """

    file: str
    publisher: str
    repository: str
    license: str
    sha256: str


#: Every shipped data file, with its provenance (data/README.md has the details).
DATA_FILES = {
    d.file: d
    for d in (
        DataFile("gdp_current_usd_worldbank.csv", "World Bank WDI NY.GDP.MKTP.CD (GDP, current US$)",
                 "github.com/datasets/gdp @ 822019c8, data/gdp.csv", "ODC-PDDL-1.0",
                 "47a1aff351a81fe38312a3ffb361498fb757adc532092eb03b3733f028880b42"),
        DataFile("gdp_constant_lcu_worldbank.csv", "World Bank WDI NY.GDP.MKTP.KN (GDP, constant LCU)",
                 "github.com/relatoscondatos/data_global @ 1473f4e5, raw World Bank API file",
                 "none stated; the repository's Readme gives CC BY-4.0 for the indicator",
                 "219df7d7772ccbc1c753fae4251374dc64b6e69ae29ad456cf813f6cdefdd873"),
        DataFile("brent_usd_per_barrel_eia.csv", "US EIA RBRTE (Europe Brent spot price FOB, annual average)",
                 "github.com/datasets/oil-prices @ 2d75ce3a, data/brent-year.csv",
                 "EIA: public domain; package: ODC-PDDL-1.0",
                 "f5092b475b4cd77be5ec258f100351f05988d7ac32a3c64710f1f3b2a8d2df99"),
        DataFile("cinc_cow_nmc6.csv", "Correlates of War NMC v6.0, CINC (share of the system total)",
                 "github.com/jcook125/Slide-Deck-Rmd @ 71c64df1, NMC-60-abridged.csv (third-party copy)",
                 "repository MIT; COW asks for citation",
                 "f45b9901f99613ca0afdf4e6fa3b78e9d63a5585cda7042e357a9a82722b9b7e"),
        DataFile("milex_sipri_constant2019usd.csv", "SIPRI Military Expenditure Database (constant 2019 US$)",
                 "github.com/owid/owid-datasets @ 48c9992a", "none stated; SIPRI's terms apply",
                 "0085dddc1f805e0ae5e2ea044317d9d875aab5b9163871b0c2060ea75078cf80"),
    )
}

#: Candidate resource indices: name -> (meaning, data files it is built from).
INDICES = {
    "gdp_usd": ("GDP in current US$ (World Bank)", ("gdp_current_usd_worldbank.csv",)),
    "real_gdp": ("GDP in constant roubles (World Bank)", ("gdp_constant_lcu_worldbank.csv",)),
    "brent": ("Brent crude price, US$ per barrel (EIA)", ("brent_usd_per_barrel_eia.csv",)),
    "cinc": ("COW composite index of national capability (ends 2016)", ("cinc_cow_nmc6.csv",)),
    "real_gdp_brent": ("geometric mean of real GDP and Brent (equal weights)",
                       ("gdp_constant_lcu_worldbank.csv", "brent_usd_per_barrel_eia.csv")),
}


def data_path(file: str):
    """The shipped data file ``file`` (a :class:`pathlib.Path` or importlib resource).

    Raises
    ------
    BargainingError
        If ``file`` is not one of :data:`DATA_FILES` or the data folder is missing.

    Examples
    --------
    >>> data_path("brent_usd_per_barrel_eia.csv").name
    'brent_usd_per_barrel_eia.csv'
    """
    from .model import _bundled_dir

    if file not in DATA_FILES:
        raise BargainingError(f"unknown data file {file!r}; shipped: {sorted(DATA_FILES)}")
    folder = _bundled_dir("bargaining.data", "data")
    if folder is None or not (folder / file).is_file():
        raise BargainingError(f"data file {file!r} is missing from the installed package")
    return folder / file


@cache
def load_series(file: str, country: str = "RUS") -> dict:
    """One country's annual values from a shipped file: year -> exact value.

    Parameters
    ----------
    file : str
        A file of :data:`DATA_FILES`.
    country : str
        ISO3 code (ignored for the Brent file, which has no country).

    Returns
    -------
    dict of int -> fractions.Fraction
        Years with a value, in order; values exactly as the source wrote them.

    Examples
    --------
    >>> brent = load_series("brent_usd_per_barrel_eia.csv")
    >>> brent[2013], brent[2015]
    (Fraction(2714, 25), Fraction(1308, 25))
    """
    with data_path(file).open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    found = {}
    for row in rows:
        if "country_code" in row and row["country_code"] != country:
            continue
        if row["value"].strip():
            found[int(row["year"])] = Fraction(row["value"])
    if not found:
        raise BargainingError(f"{file}: no values for {country!r}")
    return dict(sorted(found.items()))


def resource_index(name: str, *, base: int = BASE_YEAR) -> dict:
    """A candidate resource index for Russia, normalised to 1 in ``base``.

    Parameters
    ----------
    name : str
        One of :data:`INDICES`.
    base : int
        The base year (2013, the models' R = 1).

    Returns
    -------
    dict of int -> Fraction or float
        Year -> index; exact for a single series, a float for the geometric mean.

    Examples
    --------
    >>> r = resource_index("real_gdp_brent")
    >>> round(r[2015], 4)
    0.6899
    """
    if name not in INDICES:
        raise BargainingError(f"unknown resource index {name!r}; known: {sorted(INDICES)}")
    parts = []
    for file in INDICES[name][1]:
        series = load_series(file)
        if base not in series:
            raise BargainingError(f"{file}: no value for the base year {base}")
        parts.append({year: value / series[base] for year, value in series.items()})
    if len(parts) == 1:
        return parts[0]
    years = sorted(set.intersection(*(set(p) for p in parts)))
    return {year: math.prod(float(p[year]) for p in parts) ** (1 / len(parts)) for year in years}


def data_provenance() -> dict:
    """Provenance of every shipped data file, with its SHA-256 checked against the record.

    Returns
    -------
    dict
        File name -> publisher, repository, licence and SHA-256 (for the
        reproduce manifest).

    Raises
    ------
    BargainingError
        If a shipped file's SHA-256 differs from :data:`DATA_FILES`.

    Examples
    --------
    >>> sorted(data_provenance()["brent_usd_per_barrel_eia.csv"])
    ['license', 'publisher', 'repository', 'sha256']
    """
    found = {}
    for file, record in DATA_FILES.items():
        digest = hashlib.sha256(data_path(file).read_bytes()).hexdigest()
        if digest != record.sha256:
            raise BargainingError(f"data file {file}: SHA-256 {digest} differs from the recorded {record.sha256}")
        found[file] = {"publisher": record.publisher, "repository": record.repository,
                       "license": record.license, "sha256": digest}
    return found
