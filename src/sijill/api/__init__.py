"""The JSON API (OpenAPI at /api/openapi.json)."""
