"""The installed package's version (``0.0.0+unknown`` in a checkout that was never installed)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("bargaining")
except PackageNotFoundError:  # a source checkout that was never installed
    __version__ = "0.0.0+unknown"
