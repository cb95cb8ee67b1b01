"""The backlog: open pathways by state and office, how long they have waited, the oldest.

Counts and ages come from the counts of open pathways per office, pathway, state and the month
or day they entered it (:mod:`sijill.cases.ages`), so the report reads a few hundred rows, not
every open pathway.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Mapping

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.models import Office
from sijill.access.permissions import Permission
from sijill.cases import ages
from sijill.cases.models import CasePathway
from sijill.cases.workflow import MACHINES, Pathway
from sijill.errors import InvalidInput, Msg
from sijill.registry import regno as regnos
from sijill.registry.models import Person
from sijill.timeutil import utcnow

# Target days in each open state, unless SIJILL_CASE_TARGET_DAYS says otherwise.
DEFAULT_TARGET_DAYS: dict[str, int] = {
    "army_integration.referred": 30,
    "army_integration.vetting": 60,
    "army_integration.training": 180,
    "civilian_reintegration.referred": 30,
    "civilian_reintegration.enrolled": 30,
    "civilian_reintegration.attending": 270,
    "judicial_referral.referred": 30,
    "judicial_referral.investigation": 120,
    "judicial_referral.trial": 180,
    "papers.requested": 30,
    "papers.under_review": 90,
    "papers.approved": 30,
    "transfer.proposed": 30,
    "transfer.legal_review": 60,
    "transfer.approved": 30,
}
AGE_BUCKETS: tuple[tuple[str, int], ...] = (
    (Msg("< 30 days"), 30),
    (Msg("30–90 days"), 90),
    (Msg("90–180 days"), 180),
    (Msg("180–365 days"), 365),
    (Msg("1–2 years"), 730),
    (Msg("> 2 years"), 10**9),
)


def target_days(overrides: Mapping[str, int]) -> dict[str, int]:
    return DEFAULT_TARGET_DAYS | dict(overrides)


class StateRow(BaseModel):
    pathway: str
    status: str
    open: int
    median_days: int | None
    p90_days: int | None
    target_days: int | None
    past_target: int


class OfficeRow(BaseModel):
    office: str
    open: int
    past_target: int


class OldestCase(BaseModel):
    regno: str
    name: str
    office: str
    pathway: str
    document_type: str | None
    status: str
    days: int


class Backlog(BaseModel):
    generated_at: dt.datetime
    office: str | None
    pathway: str | None
    open: int
    median_days: int | None
    p90_days: int | None
    past_target: int
    states: list[StateRow]
    ages: list[tuple[str, int]]
    offices: list[OfficeRow]
    oldest: list[OldestCase]


def percentile(counts: Mapping[int, int], share: float) -> int | None:
    """The nearest-rank percentile of ages given as {age in days: how many}."""
    total = sum(counts.values())
    if total == 0:
        return None
    rank = max(1, math.ceil(share * total))
    seen = 0
    for age in sorted(counts):
        seen += counts[age]
        if seen >= rank:
            return age
    raise AssertionError("rank within total")


def _filters(
    session: Session, actor: Actor, office: str | None, pathway: str | None
) -> tuple[uuid.UUID | None, dict[uuid.UUID, str]]:
    offices = {o.id: o.code for o in session.scalars(select(Office))}
    if pathway is not None and pathway not in set(Pathway):
        raise InvalidInput({"pathway": Msg("Unknown pathway {p}.", p=pathway)})
    office_id = None
    if office:
        office_id = next((i for i, c in offices.items() if c == office), None)
        if office_id is None or not actor.sees_office(office_id):
            raise InvalidInput({"office": Msg("Unknown office {o}.", o=office)})
    elif not actor.national:
        office_id = actor.office_id
    return office_id, offices


def _oldest(
    session: Session,
    office_id: uuid.UUID | None,
    pathway: str | None,
    offices: dict[uuid.UUID, str],
    now: dt.datetime,
    limit: int,
) -> list[OldestCase]:
    stmt = (
        select(CasePathway, Person.regno, Person.primary_name)
        .join(Person, Person.id == CasePathway.person_id)
        .where(CasePathway.is_open.is_(True))
        .order_by(CasePathway.entered_at)
        .limit(limit)
    )
    if office_id is not None:
        stmt = stmt.where(CasePathway.office_id == office_id)
    if pathway is not None:
        stmt = stmt.where(CasePathway.pathway == pathway)
    return [
        OldestCase(
            regno=regnos.display(r),
            name=n,
            office=offices.get(p.office_id, "?"),
            pathway=p.pathway,
            document_type=p.document_type,
            status=p.status,
            days=(now - p.entered_at).days,
        )
        for p, r, n in session.execute(stmt)
    ]


def backlog(
    session: Session,
    actor: Actor,
    targets: Mapping[str, int],
    office: str | None = None,
    pathway: str | None = None,
    oldest: int = 20,
) -> Backlog:
    """The backlog of the actor's offices (or one office), optionally of one pathway."""
    actor.require(Permission.BACKLOG_READ)
    office_id, offices = _filters(session, actor, office, pathway)
    scope = ages.Scope(office_id, pathway)
    now = utcnow()
    today = now.date()
    lows = [0] + [high for _, high in AGE_BUCKETS[:-1]]
    by_target = {_state(key): days for key, days in targets.items() if "." in key}
    by_state, overall = ages.histograms(
        session,
        scope,
        today,
        cuts={state: [days] for state, days in by_target.items()},
        overall_cuts=lows,
        rank=lambda counts: [percentile(counts, 0.5), percentile(counts, 0.9)],
    )
    states = [s for s in _state_rows(by_state, targets) if pathway in (None, s.pathway)]
    buckets = [
        (label, sum(n for a, n in overall.items() if low <= a < high))
        for (label, high), low in zip(AGE_BUCKETS, lows, strict=True)
    ]
    before = {state: today - dt.timedelta(days=days) for state, days in by_target.items()}
    opened, late = ages.by_office(session, scope, before)
    return Backlog(
        generated_at=now,
        office=office or None,
        pathway=pathway,
        open=sum(overall.values()),
        median_days=percentile(overall, 0.5),
        p90_days=percentile(overall, 0.9),
        past_target=sum(s.past_target for s in states),
        states=states,
        ages=buckets,
        offices=sorted(
            (
                OfficeRow(office=offices.get(i, "?"), open=n, past_target=late.get(i, 0))
                for i, n in opened.items()
            ),
            key=lambda row: row.office,
        ),
        oldest=_oldest(session, office_id, pathway, offices, now, oldest),
    )


def _state(key: str) -> tuple[str, str]:
    pathway, status = key.split(".", 1)
    return pathway, status


def _state_rows(
    by_state: Mapping[tuple[str, str], Mapping[int, int]], targets: Mapping[str, int]
) -> list[StateRow]:
    rows = []
    for pathway, machine in MACHINES.items():
        for status in machine.open_states():
            ages = by_state.get((pathway.value, status), {})
            target = targets.get(f"{pathway.value}.{status}")
            rows.append(
                StateRow(
                    pathway=pathway.value,
                    status=status,
                    open=sum(ages.values()),
                    median_days=percentile(ages, 0.5),
                    p90_days=percentile(ages, 0.9),
                    target_days=target,
                    past_target=sum(
                        n for a, n in ages.items() if target is not None and a > target
                    ),
                )
            )
    return rows
