"""Concerns: residents' free-text answers grouped into candidate focus areas for analysts."""
