"""The daily counts of open pathways (``backlog_day``), kept in step with every transition."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from sijill.cases.models import BacklogDay, CasePathway


def add(
    session: Session, office_id: uuid.UUID, pathway: str, status: str, at: dt.datetime, delta: int
) -> None:
    """Count one pathway in (or out of, ``delta=-1``) ``status`` entered on ``at``'s day."""
    key = (office_id, pathway, status, at.date())
    row = session.get(BacklogDay, key)
    if row is None:
        session.add(
            BacklogDay(office_id=office_id, pathway=pathway, status=status, day=at.date(), n=delta)
        )
    else:
        row.n += delta


def rebuild(session: Session) -> int:
    """Recount every open pathway (after a bulk load); returns the number of day rows."""
    session.execute(delete(BacklogDay))
    entered = CasePathway.entered_at
    if session.get_bind().dialect.name == "postgresql":  # the day in UTC, whatever the server's
        day = func.date(func.timezone("UTC", entered))
    else:
        day = func.date(entered)
    stmt = (
        select(CasePathway.office_id, CasePathway.pathway, CasePathway.status, day, func.count())
        .where(CasePathway.is_open.is_(True))
        .group_by(CasePathway.office_id, CasePathway.pathway, CasePathway.status, day)
    )
    rows = [
        {"office_id": o, "pathway": p, "status": s, "day": _as_date(d), "n": n}
        for o, p, s, d, n in session.execute(stmt)
    ]
    if rows:
        session.execute(insert(BacklogDay), rows)
    return len(rows)


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
