"""Audit entries, written in the same transaction as the change they record."""
