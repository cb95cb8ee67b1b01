"""The ages of the open pathways, read from the backlog's counts (:mod:`sijill.cases.summary`).

``backlog_month`` holds how many open pathways of (office, pathway, state) entered that state in
each month, ``backlog_day`` the same by day. The backlog needs a day's precision only where one
of its answers falls: a percentile's rank, a target's cut-off, an age bucket's edge. So the
months are read first (a few hundred rows), then the days of just the months where such a point
lies. The result is an ages histogram that is exact at each of those points: a month whose days
were not read stands at the age of its first day, which keeps it on the right side of every
age outside it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Executable,
    String,
    Uuid,
    bindparam,
    func,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from sijill.cases.models import BacklogDay, BacklogMonth
from sijill.cases.summary import as_date, month_of

State = tuple[str, str]  # (pathway, status)
Ages = dict[int, int]  # age in days: how many


@dataclass(frozen=True)
class Scope:
    """One office or all (``None``), one pathway or all."""

    office_id: uuid.UUID | None
    pathway: str | None

    @property
    def params(self) -> dict[str, object]:
        return {"office": self.office_id, "pathway": self.pathway}

    @property
    def shape(self) -> tuple[bool, bool]:
        return self.office_id is not None, self.pathway is not None


def _where(
    table: type[BacklogDay] | type[BacklogMonth], shape: tuple[bool, bool]
) -> list[ColumnElement[bool]]:
    """The scope's conditions, its values bound by name (so each statement is built once)."""
    where = [table.n > 0]
    if shape[0]:
        where.append(table.office_id == bindparam("office", type_=Uuid))
    if shape[1]:
        where.append(table.pathway == bindparam("pathway"))
    return where


def _next_month(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1)


def _counts(
    session: Session, stmt: Any, params: Mapping[str, object]
) -> dict[tuple[Any, ...], int]:
    """Rows of (key..., date as text, n); each distinct date parsed once."""
    out: dict[tuple[Any, ...], int] = {}
    dates: dict[object, dt.date] = {}
    for *key, raw, n in session.connection().execute(stmt, params):
        day = dates.get(raw)
        if day is None:
            day = dates[raw] = as_date(raw)
        out[(*key, day)] = int(n)
    return out


@cache
def _months_stmt(shape: tuple[bool, bool]) -> Executable:
    m = BacklogMonth
    return (
        select(m.pathway, m.status, type_coerce(m.month, String), func.sum(m.n))
        .where(*_where(m, shape))
        .group_by(m.pathway, m.status, m.month)
    )


def _months(session: Session, scope: Scope) -> dict[State, dict[dt.date, int]]:
    out: dict[State, dict[dt.date, int]] = defaultdict(dict)
    for (pathway, status, month), n in _counts(
        session, _months_stmt(scope.shape), scope.params
    ).items():
        out[(pathway, status)][month] = n
    return out


RANGES = 4  # months of one state read by one statement (all states: one month, on its own
# index, which SQLite searches by range only when the range is alone)


@cache
def _days_stmt(shape: tuple[bool, bool], of_state: bool, ranges: int) -> Executable:
    d = BacklogDay
    where = _where(d, shape)
    if of_state:
        where += [d.pathway == bindparam("p"), d.status == bindparam("s")]
    within = [
        (d.day >= bindparam(f"start{i}", type_=Date)) & (d.day < bindparam(f"end{i}", type_=Date))
        for i in range(ranges)
    ]
    return (
        select(type_coerce(d.day, String), func.sum(d.n))
        .where(*where, or_(*within))
        .group_by(d.day)
    )


def _days(
    session: Session, scope: Scope, months: list[dt.date], state: State | None
) -> dict[dt.date, int]:
    """The days of some months, of one state or of all, ``RANGES`` months per statement."""
    out: dict[dt.date, int] = {}
    ranges = RANGES if state is not None else 1
    stmt = _days_stmt(scope.shape, state is not None, ranges)
    for first in range(0, len(months), ranges):
        chunk = months[first : first + ranges]
        chunk += [chunk[-1]] * (ranges - len(chunk))  # the same month again adds nothing
        params = scope.params | {"p": state and state[0], "s": state and state[1]}
        for i, month in enumerate(chunk):
            params |= {f"start{i}": month, f"end{i}": _next_month(month)}
        out |= {day: n for (day,), n in _counts(session, stmt, params).items()}
    return out


def _histogram(
    session: Session,
    scope: Scope,
    today: dt.date,
    months: Mapping[dt.date, int],
    points: Iterable[int],
    state: State | None,
) -> Ages:
    """Ages from month counts, with the days read of the months where one of ``points`` lies
    (every other month stands at the age of its first day)."""
    refined = {month_of(today - dt.timedelta(days=age)) for age in points} & months.keys()
    ages: Ages = defaultdict(int)
    for month, n in months.items():
        if month not in refined:
            ages[(today - month).days] += n
    for day, n in _days(session, scope, sorted(refined), state).items():
        ages[(today - day).days] += n
    return ages


def histograms(
    session: Session,
    scope: Scope,
    today: dt.date,
    cuts: Mapping[State, Iterable[int]],
    overall_cuts: Iterable[int],
    rank: Callable[[Ages], Sequence[int | None]],
) -> tuple[dict[State, Ages], Ages]:
    """The ages of each state and of all together, exact at: a state's ``cuts``, the
    ``overall_cuts`` of all together, and the ages ``rank`` picks (percentiles) of either."""
    months = _months(session, scope)
    states: dict[State, Ages] = {}
    everything: dict[dt.date, int] = defaultdict(int)
    for state, counts in months.items():
        for month, n in counts.items():
            everything[month] += n
        points = [*rank(_coarse(counts, today)), *cuts.get(state, ())]
        states[state] = _histogram(
            session, scope, today, counts, [p for p in points if p is not None], state
        )
    points = [*rank(_coarse(everything, today)), *overall_cuts]
    overall = _histogram(
        session, scope, today, everything, [p for p in points if p is not None], None
    )
    return states, overall


def _coarse(months: Mapping[dt.date, int], today: dt.date) -> Ages:
    return {(today - month).days: n for month, n in months.items()}


def by_office(
    session: Session, scope: Scope, before: Mapping[State, dt.date]
) -> tuple[dict[uuid.UUID, int], dict[uuid.UUID, int]]:
    """Per office: the open pathways, and those that entered their state before the state's
    day in ``before`` (whole months from ``backlog_month``, the rest from ``backlog_day``)."""
    opened = {
        office: int(n) for office, n in session.execute(_opened_stmt(scope.shape), scope.params)
    }
    late: dict[uuid.UUID, int] = defaultdict(int)
    for (pathway, status), day in sorted(before.items()):
        params = scope.params | {"p": pathway, "s": status, "start": month_of(day), "end": day}
        for office, n in session.execute(_late_stmt(scope.shape), params):
            late[office] += int(n)
    return opened, late


@cache
def _opened_stmt(shape: tuple[bool, bool]) -> Executable:
    m = BacklogMonth
    return select(m.office_id, func.sum(m.n)).where(*_where(m, shape)).group_by(m.office_id)


@cache
def _late_stmt(shape: tuple[bool, bool]) -> Executable:
    """Of one state, per office: whole months before ``start``, then days up to ``end``."""
    m, d = BacklogMonth, BacklogDay
    months = select(m.office_id.label("office_id"), m.n.label("n")).where(
        *_where(m, shape),
        m.pathway == bindparam("p"),
        m.status == bindparam("s"),
        m.month < bindparam("start", type_=Date),
    )
    days = select(d.office_id, d.n).where(
        *_where(d, shape),
        d.pathway == bindparam("p"),
        d.status == bindparam("s"),
        d.day >= bindparam("start", type_=Date),
        d.day < bindparam("end", type_=Date),
    )
    both = union_all(months, days).subquery()
    return select(both.c.office_id, func.sum(both.c.n)).group_by(both.c.office_id)
