"""Afterview: everything that happens after a job interview, kept on the user's own machine."""

__version__ = "0.1.0"

APP_NAME = "Afterview"
APP_ID = "io.github.afterview.Afterview"
