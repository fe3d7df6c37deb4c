"""The Today list: what is due, gathered from an explicit tuple of providers (``due.PROVIDERS``)."""
