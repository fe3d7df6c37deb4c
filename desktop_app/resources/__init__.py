"""Bundled resources (sample data, icons, fonts), read with importlib.resources."""
