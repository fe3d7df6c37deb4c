"""Use cases over the store, in plain Python: the only way the UI reaches the data."""
