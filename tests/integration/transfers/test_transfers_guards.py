"""Readiness asks screening (the last completed run) and cases (an active transfer
pathway), for a whole batch at once."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from factories.access import make_actor, make_office
from factories.cases import move
from factories.transfers import MAX_AGE, identified, make_batch, rate
from sijill.access.actor import operator_actor
from sijill.access.permissions import Role
from sijill.cases.models import CasePathway
from sijill.cases.queries import pathway_out
from sijill.screening import service as screening_service
from sijill.screening.models import ScreeningRun
from sijill.screening.workflow import RunReason
from sijill.timeutil import utcnow
from sijill.transfers import checks, guards, queries
from sijill.transfers.risk import RiskLevel

pytestmark = pytest.mark.integration


@pytest.fixture
def office(session):
    return make_office(session)


@pytest.fixture
def case(session, office):
    return make_actor(session, Role.CASE, office)


@pytest.fixture
def registrar(session, office):
    return make_actor(session, Role.REGISTRAR, office)


def _age_runs(session, person_id, days):
    when = utcnow() - dt.timedelta(days=days)
    session.execute(update(ScreeningRun).where(ScreeningRun.person_id == person_id).values(at=when))


def test_a_screening_older_than_the_limit_blocks_until_screened_again(session, case, registrar):
    rate(session, "UZ", RiskLevel.LOW)
    person = identified(session, registrar, "Stale Person")
    batch = make_batch(session, case, "UZ", person.regno)
    _age_runs(session, person.id, MAX_AGE + 10)
    [line] = checks.readiness(session, case, batch.reference, MAX_AGE)
    assert line.blocking == [f"screening is {MAX_AGE + 10} days old (at most {MAX_AGE})"]
    screening_service.screen_person(session, registrar, person.id, RunReason.CORRECTION)
    [line] = checks.readiness(session, case, batch.reference, MAX_AGE)
    assert line.ready, line.blocking


def test_the_last_of_several_runs_counts(session, registrar):
    person = identified(session, registrar, "Twice Screened")
    _age_runs(session, person.id, 200)
    screening_service.screen_person(session, registrar, person.id, RunReason.CORRECTION)
    runs = session.scalars(select(ScreeningRun.at).where(ScreeningRun.person_id == person.id))
    assert len(runs.all()) == 2
    dates = guards.screening_dates(session, guards.People([person.id]))
    assert dates == {person.id: utcnow().date()}


def test_a_closed_transfer_pathway_blocks(session, case, registrar):
    rate(session, "UZ", RiskLevel.LOW)
    person = identified(session, registrar, "Cancelled Person")
    batch = make_batch(session, case, "UZ", person.regno)
    row = session.scalar(select(CasePathway).where(CasePathway.person_id == person.id))
    move(session, operator_actor(), pathway_out(session, row), "cancelled")
    [line] = checks.readiness(session, case, batch.reference, MAX_AGE)
    assert line.blocking == ["no open case in the transfer pathway"]


def test_a_batch_is_asked_in_one_query_as_by_ids(session, case, registrar):
    rate(session, "UZ", RiskLevel.LOW)
    ready = identified(session, registrar, "Ready One")
    other = identified(session, registrar, "Closed One")
    row = session.scalar(select(CasePathway).where(CasePathway.person_id == other.id))
    move(session, operator_actor(), pathway_out(session, row), "cancelled")
    batch = make_batch(session, case, "UZ", ready.regno, other.regno)
    loaded = queries.load_batch(session, case, batch.reference)
    by_query = checks.members(loaded, queries.entries(session, loaded.id))
    by_ids = guards.People([ready.id, other.id])
    for people in (by_query, by_ids):
        assert guards.transfer_case_open(session, people) == {ready.id: True, other.id: False}
        assert set(guards.screening_dates(session, people).values()) == {utcnow().date()}
