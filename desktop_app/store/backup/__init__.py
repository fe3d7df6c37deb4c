"""Backups, in one home: the archive format, checking it, automatic backups, the restore swap."""
