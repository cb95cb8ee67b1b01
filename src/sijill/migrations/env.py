"""Alembic environment: the engine comes from the caller (see runner.py)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

import sijill.access.models
import sijill.arms.models
import sijill.audit.models
import sijill.cases.models
import sijill.credentials.models
import sijill.dedup.models
import sijill.holds.models
import sijill.jobs.models
import sijill.registry.models
import sijill.screening.models
import sijill.transfers.models  # noqa: F401 - registers the tables on the metadata
from sijill.db import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
