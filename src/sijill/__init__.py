"""Sijill: registry and case management for the transition of former combatants."""

__version__ = "0.1.0"
