"""The account blueprints: signing in and out, passwords, user administration."""
