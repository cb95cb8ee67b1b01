"""Synthetic demo population: deterministic, seeded, no real person's record."""
