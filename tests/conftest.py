"""Test configuration: repeatable property tests; the Gambit oracle helpers only where pygambit is installed.

The fixture generators ``tests/data/make_*.py`` are scripts (they need pygambit and
rewrite the recorded answers), never collected.
"""

import importlib.util

from hypothesis import settings

# Property tests draw the same examples on every run (CI must not pass or fail by chance); a bug a
# random run once found is kept as an explicit case (e.g. tests/test_pbe_properties.py).
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.load_profile("repeatable")

collect_ignore_glob = ["data/*.py"]
collect_ignore = []
if not importlib.util.find_spec("pygambit"):
    collect_ignore.append("oracle.py")
