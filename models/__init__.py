"""The calibrated seed models (TOML data files), installed as bargaining.models."""
