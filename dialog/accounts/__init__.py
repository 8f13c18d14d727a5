"""Staff accounts: organisations, users, roles and login."""
