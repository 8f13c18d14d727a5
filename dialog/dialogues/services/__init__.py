"""Dialogue services: every read and change, with its rules, authorisation and audit."""
