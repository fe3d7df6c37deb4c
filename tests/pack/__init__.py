"""Tests for desktop_app.pack: the reference pack PDF."""
