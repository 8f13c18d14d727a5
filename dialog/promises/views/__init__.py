"""The promise blueprints: public promise pages and feeds, staff editing."""
