"""The store: where Afterview keeps its data (SQLite through Peewee, and the data folder)."""
