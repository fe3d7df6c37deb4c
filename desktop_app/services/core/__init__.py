"""What every capability shares: record shapes, validation, settings, the profile, templates."""
