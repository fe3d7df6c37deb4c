"""Referees: who vouches for the user, their time zones, and who was told what (briefings)."""
