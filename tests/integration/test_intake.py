"""Registering through ``sijill.intake``: relatives registered in the same flow get their case
and are screened like the person they came with; relatives screened before are not screened
again; a correction that adds a relative follows them up the same way."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factories.access import make_actor, make_office
from factories.registry import NAMESAKE, person_in, register
from factories.screening import import_sample
from sijill import intake
from sijill.cases.models import CaseFile
from sijill.holds import service as holds
from sijill.holds.rules import Action, HoldKind
from sijill.registry.schemas import (
    DateOfBirthIn,
    FamilyLinkIn,
    NameIn,
    NewRelativeIn,
    PersonUpdate,
)
from sijill.registry.vocab import DatePrecision, NameType, Relation, Sex
from sijill.screening.models import ScreeningRun

pytestmark = pytest.mark.integration

LISTED = "خالد يوسف المرزوقي"  # in the sample list, born 1984


def new_relative(name: str, year: int) -> FamilyLinkIn:
    relative = NewRelativeIn(
        names=[NameIn(full=name, name_type=NameType.PRIMARY)],
        sex=Sex.MALE,
        date_of_birth=DateOfBirthIn(precision=DatePrecision.YEAR, year=year),
    )
    return FamilyLinkIn(relation=Relation.SIBLING, new_person=relative)


def runs(session, person_id) -> int:
    stmt = select(func.count()).select_from(ScreeningRun).where(ScreeningRun.person_id == person_id)
    return session.scalar(stmt)


def has_case(session, person_id) -> bool:
    return session.scalar(select(CaseFile.id).where(CaseFile.person_id == person_id)) is not None


def relative_named(person, name):
    [found] = [r for r in person.family if r.name == name]
    return found.person_id


def test_a_relative_registered_in_the_same_flow_is_screened_and_held(session):
    import_sample(session)
    registrar = make_actor(session, office=make_office(session))
    data = person_in("Omar Haddad", family=[new_relative(LISTED, 1984)])
    person = intake.register(session, registrar, data, duplicate_reason=NAMESAKE)
    relative_id = relative_named(person, LISTED)
    assert (runs(session, person.id), runs(session, relative_id)) == (1, 1)
    assert has_case(session, relative_id)
    kinds = [h.kind for h in holds.blocking(session, relative_id, Action.PAPERS)]
    assert kinds == [HoldKind.SCREENING_UNDECIDED]
    assert holds.blocking(session, person.id, Action.PAPERS) == []


def test_a_relative_screened_before_is_not_screened_again(session):
    import_sample(session)
    registrar = make_actor(session, office=make_office(session))
    known = intake.register(session, registrar, person_in("Omar Haddad"))
    data = person_in("Samir Haddad", family=[FamilyLinkIn(relation="sibling", regno=known.regno)])
    intake.register(session, registrar, data, duplicate_reason=NAMESAKE)
    assert runs(session, known.id) == 1


def test_a_correction_that_adds_a_relative_follows_them_up(session):
    import_sample(session)
    registrar = make_actor(session, office=make_office(session))
    person = register(session, registrar, "Omar Haddad")
    base = person_in("Omar Haddad", family=[new_relative(LISTED, 1984)]).model_dump()
    update = PersonUpdate(**base, expected_version=person.version)
    corrected = intake.correct(session, registrar, person.regno, update, reason="brother")
    relative_id = relative_named(corrected, LISTED)
    assert runs(session, relative_id) == 1
    assert has_case(session, relative_id)
    assert runs(session, person.id) == 1  # the correction's own screening
