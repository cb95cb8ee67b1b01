"""The backlog's day and month counts after random transitions: equal to a recount, and the
backlog read from them equal to one computed from every open pathway (both back ends)."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from factories.access import make_actor, make_office
from factories.registry import register
from sijill.access.actor import operator_actor
from sijill.access.models import Office
from sijill.access.permissions import Role
from sijill.cases import backlog, summary
from sijill.cases import service as cases
from sijill.cases.models import BacklogDay, BacklogMonth, CasePathway
from sijill.cases.schemas import PathwayOpenIn, TransitionIn
from sijill.cases.workflow import PaperType, Pathway, allowed_targets
from sijill.errors import RuleViolation
from sijill.timeutil import utcnow

pytestmark = pytest.mark.integration

KINDS = [
    (Pathway.PAPERS, PaperType.IDENTITY_CARD),
    (Pathway.PAPERS, PaperType.RESIDENCE_PERMIT),
    (Pathway.CIVILIAN, None),
    (Pathway.JUDICIAL, None),
    (Pathway.TRANSFER, None),
]
# near the edges that matter: a target's cut-off, an age bucket's edge, a month's first day
TARGETS = {"papers.requested": 30, "papers.under_review": 45, "civilian_reintegration.referred": 1}


def _random_moves(session: Session, rng: random.Random, offices: list[str]) -> None:
    now = utcnow()
    for i in range(8):
        office = rng.choice(offices)
        person = register(session, make_actor(session, Role.REGISTRAR, office), f"Sami Haddad {i}")
        officer = make_actor(session, Role.SUPERVISOR, office)
        cases.open_case(session, officer, person.regno)
        for kind, document in rng.sample(KINDS, rng.randint(1, 3)):
            at = now - dt.timedelta(days=rng.choice([0, 1, 29, 30, 31, 45, 90, 200, 400]))
            data = PathwayOpenIn(pathway=kind, document_type=document, reason="intake")
            pathway = cases.open_pathway(session, officer, person.regno, data, at=at)
            for _ in range(rng.randint(0, 3)):
                targets = allowed_targets(kind, pathway.status)
                if not targets:
                    break
                at = min(now, at + dt.timedelta(days=rng.choice([0, 1, 15, 40])))
                move = TransitionIn(target=rng.choice(targets), reason="random", legal_basis="x")
                try:
                    pathway = cases.move(session, officer, pathway.id, move, at=at)
                except RuleViolation:  # a guard refused: the pathway stays where it was
                    continue


def _counts(session: Session) -> tuple[dict[tuple[object, ...], int], ...]:
    session.flush()
    day = {
        (r.office_id, r.pathway, r.status, r.day): r.n for r in session.scalars(select(BacklogDay))
    }
    month = {
        (r.office_id, r.pathway, r.status, r.month): r.n
        for r in session.scalars(select(BacklogMonth))
    }
    return {k: n for k, n in day.items() if n}, {k: n for k, n in month.items() if n}


def _expected(session: Session, office_id: object, pathway: str | None) -> dict[str, object]:
    """The backlog's figures computed from every open pathway, without the counts."""
    today = utcnow().date()
    codes = {o.id: o.code for o in session.scalars(select(Office))}
    per_state: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    overall: dict[int, int] = defaultdict(int)
    offices: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in session.scalars(select(CasePathway).where(CasePathway.is_open.is_(True))):
        if office_id not in (None, row.office_id) or pathway not in (None, row.pathway):
            continue
        age = (today - row.entered_at.date()).days
        per_state[(row.pathway, row.status)][age] += 1
        overall[age] += 1
        target = backlog.target_days(TARGETS).get(f"{row.pathway}.{row.status}")
        offices[codes[row.office_id]][0] += 1
        offices[codes[row.office_id]][1] += target is not None and age > target
    lows = [0] + [high for _, high in backlog.AGE_BUCKETS[:-1]]
    highs = [high for _, high in backlog.AGE_BUCKETS]
    targets = backlog.target_days(TARGETS)
    return {
        "open": sum(overall.values()),
        "ages": [
            sum(n for a, n in overall.items() if lo <= a < hi)
            for lo, hi in zip(lows, highs, strict=True)
        ],
        "median_days": backlog.percentile(overall, 0.5),
        "p90_days": backlog.percentile(overall, 0.9),
        "states": {
            (p, s): (
                sum(a.values()),
                backlog.percentile(a, 0.5),
                backlog.percentile(a, 0.9),
                sum(n for age, n in a.items() if age > targets.get(f"{p}.{s}", 10**9)),
            )
            for (p, s), a in per_state.items()
        },
        "offices": {code: tuple(v) for code, v in offices.items()},
    }


def _actual(report: backlog.Backlog) -> dict[str, object]:
    return {
        "open": report.open,
        "ages": [n for _, n in report.ages],
        "median_days": report.median_days,
        "p90_days": report.p90_days,
        "states": {
            (s.pathway, s.status): (s.open, s.median_days, s.p90_days, s.past_target)
            for s in report.states
            if s.open
        },
        "offices": {o.office: (o.open, o.past_target) for o in report.offices},
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counts_equal_a_recount_and_the_backlog_equals_one_from_every_pathway(session, seed):
    rng = random.Random(seed)
    offices = [make_office(session), make_office(session)]
    _random_moves(session, rng, offices)
    kept = _counts(session)
    summary.rebuild(session)
    assert _counts(session) == kept
    targets = backlog.target_days(TARGETS)
    operator = operator_actor()
    office_ids = {o.code: o.id for o in session.scalars(select(Office))}
    for office, pathway in [(None, None), (offices[0], None), (None, Pathway.PAPERS.value)]:
        report = backlog.backlog(session, operator, targets, office, pathway)
        office_id = office_ids[office] if office else None
        assert _actual(report) == _expected(session, office_id, pathway)
