"""The daily and monthly counts of open pathways (``backlog_day``, ``backlog_month``), kept in
step with every transition in the same transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from sijill.cases.models import BacklogDay, BacklogMonth, CasePathway


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add(
    session: Session, office_id: uuid.UUID, pathway: str, status: str, at: dt.datetime, delta: int
) -> None:
    """Count one pathway in (or out of, ``delta=-1``) ``status`` entered on ``at``'s day."""
    day = at.date()
    row = session.get(BacklogDay, (office_id, pathway, status, day))
    if row is None:
        row = BacklogDay(office_id=office_id, pathway=pathway, status=status, day=day, n=0)
        session.add(row)
    row.n += delta
    month = session.get(BacklogMonth, (office_id, pathway, status, month_of(day)))
    if month is None:
        month = BacklogMonth(
            office_id=office_id, pathway=pathway, status=status, month=month_of(day), n=0
        )
        session.add(month)
    month.n += delta


def rebuild(session: Session) -> int:
    """Recount every open pathway (after a bulk load); returns the number of day rows."""
    session.execute(delete(BacklogDay))
    session.execute(delete(BacklogMonth))
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
        {"office_id": o, "pathway": p, "status": s, "day": as_date(d), "n": n}
        for o, p, s, d, n in session.execute(stmt)
    ]
    months: Counter[tuple[uuid.UUID, str, str, dt.date]] = Counter()
    for row in rows:
        months[(row["office_id"], row["pathway"], row["status"], month_of(row["day"]))] += row["n"]
    if rows:
        session.execute(insert(BacklogDay), rows)
        session.execute(
            insert(BacklogMonth),
            [
                {"office_id": o, "pathway": p, "status": s, "month": m, "n": n}
                for (o, p, s, m), n in months.items()
            ],
        )
    return len(rows)


def as_date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
