"""Data in and out: the data file, CSV, vCard, the calendar file and the sample data.

Each import follows the same pattern: read and check the whole input first (a preview
the user can see), then write everything in one transaction or nothing.
"""
