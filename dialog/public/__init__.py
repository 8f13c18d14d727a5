"""Public pages that need no login."""
