"""Whole-database views for tests: how many rows each table holds."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sijill.access import models as _access_models  # noqa: F401 - tables of the metadata
from sijill.audit import models as _audit_models  # noqa: F401
from sijill.db import Base
from sijill.registry import models as _registry_models  # noqa: F401


def row_counts(session: Session) -> dict[str, int]:
    """Rows per table, for every table of the models (to prove nothing was written)."""
    session.flush()
    return {
        name: session.scalar(select(func.count()).select_from(table)) or 0
        for name, table in sorted(Base.metadata.tables.items())
    }
