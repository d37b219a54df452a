"""Test configuration: the Gambit oracle helpers are collected only where pygambit is installed."""

import importlib.util

collect_ignore = [] if importlib.util.find_spec("pygambit") else ["oracle.py"]
