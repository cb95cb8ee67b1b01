"""What every command needs: an engine checked for migrations, one transaction, an actor."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from sijill.access import service as access_service
from sijill.access.actor import Actor, operator_actor
from sijill.config import Settings
from sijill.db import check_migrated, make_engine, make_session_factory, unit_of_work


@contextmanager
def transaction(settings: Settings) -> Iterator[Session]:
    engine = make_engine(settings.effective_database_url)
    try:
        check_migrated(engine)
        with unit_of_work(make_session_factory(engine)) as session:
            yield session
    finally:
        engine.dispose()


def actor_as(session: Session, username: str | None) -> Actor:
    """Act as a named user (their rights apply) or as the shell operator."""
    if username is None:
        return operator_actor()
    return access_service.actor_for(access_service.user_by_username(session, username))
