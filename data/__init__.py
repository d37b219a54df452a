"""Public annual series (2005-2020) for measuring Russia's resource index R, installed as bargaining.data."""
