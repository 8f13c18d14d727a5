"""Concerns services: analysis runs, curation decisions, publishing, stored answer vectors."""
