"""Account services: users, login, staff sessions."""
