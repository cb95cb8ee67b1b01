"""Alembic migrations, shipped inside the package so an installed Sijill can migrate."""
