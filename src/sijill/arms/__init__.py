"""Weapons: records, chain of custody, serial matching, bulk intake, permits, reports."""
