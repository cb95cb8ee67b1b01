"""Test data factories, one module per domain. Every name here is synthetic."""
