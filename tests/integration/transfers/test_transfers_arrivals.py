"""Arrivals of an incoming batch are screened: a registered arrival through intake (with a
case), a linked one by the screening service; a watch-list hit holds them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factories.access import make_actor, make_office
from factories.registry import register as register_plain
from factories.screening import import_sample
from sijill.access.permissions import Role
from sijill.cases.models import CaseFile
from sijill.holds import service as holds
from sijill.holds.rules import HoldKind
from sijill.registry.service import Limits
from sijill.registry.vocab import Sex
from sijill.screening.models import ScreeningRun
from sijill.screening.workflow import RunReason
from sijill.transfers import incoming
from sijill.transfers.schemas import BatchIn

pytestmark = pytest.mark.integration

HEAD = BatchIn(state="SY", authority="Syrian Border Authority", crossing_point="Al-Qaim")
MAPPING = {"name": "Name", "date_of_birth": "Born", "sex": "Sex", "nationality": "Nat"}
SHEET = (
    b"Name,Born,Sex,Nat\n"
    b"Khalid Yusuf al-Marzuqi,1984-03-12,M,SY\n"
    b"Samira Hadi Qassab,1990,F,IQ\n"
    b"Omar Haddad Arrival,1991,M,SY\n"
)


@pytest.fixture
def world(session):
    office = make_office(session)
    supervisor = make_actor(session, Role.SUPERVISOR, office)
    case = make_actor(session, Role.CASE, office)
    registrar = make_actor(session, Role.REGISTRAR, office)
    known = register_plain(session, registrar, "Samira Hadi Qassab", sex=Sex.FEMALE, year=1990)
    import_sample(session)
    batch = incoming.import_spreadsheet(
        session, case, SHEET, "arrivals.csv", MAPPING, HEAD, 100_000
    )
    return {"supervisor": supervisor, "case": case, "known": known, "ref": batch.reference}


def _runs(session, person_id):
    stmt = select(ScreeningRun.reason).where(ScreeningRun.person_id == person_id)
    return session.scalars(stmt).all()


def _kinds(session, person_id):
    return [h.kind for h in holds.active(session, [person_id]).get(person_id, [])]


def test_a_registered_arrival_is_screened_and_gets_a_case(session, world):
    batch = incoming.register_arrival(session, world["supervisor"], world["ref"], 1, Limits())
    person_id = batch.entries[0].person_id
    assert _runs(session, person_id) == [RunReason.REGISTRATION.value]
    assert _kinds(session, person_id) == [HoldKind.SCREENING_UNDECIDED]
    assert session.scalar(select(CaseFile).where(CaseFile.person_id == person_id)) is not None


def test_an_unlisted_registered_arrival_is_screened_without_a_hold(session, world):
    batch = incoming.register_arrival(session, world["supervisor"], world["ref"], 3, Limits())
    person_id = batch.entries[2].person_id
    assert _runs(session, person_id) == [RunReason.REGISTRATION.value]
    assert _kinds(session, person_id) == []


def test_a_linked_arrival_is_screened_by_the_transfer_manager(session, world):
    known = world["known"]
    assert _runs(session, known.id) == []  # registered before the list, never screened
    incoming.link(session, world["case"], world["ref"], 2, known.regno)
    assert _runs(session, known.id) == [RunReason.ARRIVAL.value]
    assert _kinds(session, known.id) == [HoldKind.SCREENING_UNDECIDED]
