"""Test configuration: the Gambit oracle helpers are collected only where pygambit is installed.

The fixture generator ``tests/data/make_gambit_fixtures.py`` is a script, never collected.
"""

import importlib.util

collect_ignore = ["data/make_gambit_fixtures.py"]
if not importlib.util.find_spec("pygambit"):
    collect_ignore.append("oracle.py")
