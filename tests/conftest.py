"""Test configuration: the Gambit oracle helpers are collected only where pygambit is installed.

The fixture generators ``tests/data/make_*.py`` are scripts (they need pygambit and
rewrite the recorded answers), never collected.
"""

import importlib.util

collect_ignore_glob = ["data/*.py"]
collect_ignore = []
if not importlib.util.find_spec("pygambit"):
    collect_ignore.append("oracle.py")
