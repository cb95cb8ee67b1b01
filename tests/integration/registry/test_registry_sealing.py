"""Sealed records: masked in search and lists, opened only with a stated reason (kept,
audited, shown to protection officers), family members masked, reads audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factories.access import make_actor, make_office
from factories.db import row_counts
from factories.registry import person_in, register
from sijill.access.actor import operator_actor
from sijill.access.permissions import Role
from sijill.audit.models import AuditEntry
from sijill.errors import Conflict, NotFound, NotPermitted
from sijill.registry import queries, sealing
from sijill.registry import service as registry_service
from sijill.registry.schemas import FamilyLinkIn, LiftSealIn, OpenSealedIn, SealIn
from sijill.registry.vocab import Relation, SealKind, Sex

pytestmark = pytest.mark.integration

WHY = SealIn(kind=SealKind.WITNESS, reason="Witness in the Raqqa trial; threats reported")
NEED = OpenSealedIn(reason="Preparing the transfer hearing of 3 March")


@pytest.fixture
def office(session):
    return make_office(session)


@pytest.fixture
def sealed(session, office):
    """A sealed person, registered in ``office`` by a registrar, sealed by its protection
    officer; returns (person, registrar, protection officer)."""
    registrar = make_actor(session, Role.REGISTRAR, office)
    protection = make_actor(session, Role.PROTECTION, office)
    person = register(session, registrar, "Khalid Mansour Haddad")
    sealing.seal(session, protection, person.regno, WHY)
    return person, registrar, protection


def tags(session, tag):
    return session.scalars(select(AuditEntry).where(AuditEntry.tag == tag)).all()


def test_search_and_lists_show_a_masked_entry(session, sealed):
    person, registrar, _ = sealed
    for found in (
        queries.search(session, registrar, "Khalid Haddad"),
        queries.search(session, registrar, person.regno),
        queries.list_people(session, registrar),
    ):
        entry = next(p for p in found if p.id == person.id)
        assert (entry.regno, entry.name, entry.sealed) == (person.regno, "sealed", True)
        assert (entry.sex, entry.date_of_birth, entry.nationalities) == (Sex.UNKNOWN, None, [])


def test_opening_needs_a_reason_and_is_kept_and_audited(session, sealed):
    person, registrar, protection = sealed
    with pytest.raises(sealing.SealedRecord) as caught:
        queries.get_person(session, registrar, person.regno)
    assert caught.value.status == 403 and "is sealed" in caught.value.message
    sealing.open_record(session, registrar, person.regno, NEED)
    record = queries.get_person(session, registrar, person.regno)
    assert (record.name, record.sealed) == ("Khalid Mansour Haddad", True)
    found = queries.search(session, registrar, "Khalid Haddad")
    assert [p.name for p in found if p.id == person.id] == ["Khalid Mansour Haddad"]
    [opening] = tags(session, "registry:person:open_sealed")
    assert (opening.actor, opening.data) == (registrar.username, {"reason": NEED.reason})
    assert len(tags(session, "registry:person:read_sealed")) == 1
    [listed] = sealing.sealed_people(session, protection)
    assert (listed.kind, listed.sealed_by) == (SealKind.WITNESS, protection.username)
    assert [(o.actor, o.reason) for o in listed.openings] == [(registrar.username, NEED.reason)]


def test_one_persons_opening_does_not_open_it_for_another(session, sealed, office):
    person, registrar, _ = sealed
    sealing.open_record(session, registrar, person.regno, NEED)
    colleague = make_actor(session, Role.CASE, office)
    with pytest.raises(sealing.SealedRecord):
        queries.get_person(session, colleague, person.regno)


def test_a_sealed_record_cannot_be_corrected_or_read_in_history_unopened(session, sealed):
    person, registrar, _ = sealed
    with pytest.raises(sealing.SealedRecord):
        queries.history(session, registrar, person.regno)
    with pytest.raises(sealing.SealedRecord):
        registry_service.get_person_by_id(session, registrar, person.id)


def test_a_sealed_relative_is_masked_on_the_family_list(session, sealed, office):
    person, registrar, _ = sealed
    link = FamilyLinkIn(relation=Relation.PARENT, regno=person.regno)
    sealing.open_record(session, registrar, person.regno, NEED)  # to link, the record is opened
    child = registry_service.register_person(
        session, registrar, person_in("Omar Khalid Haddad", family=[link])
    )
    other = make_actor(session, Role.CASE, office)
    [relative] = queries.get_person(session, other, child.regno).family
    assert (relative.regno, relative.name, relative.sealed) == (person.regno, "sealed", True)


def test_only_a_protection_officer_seals_and_lifts(session, sealed, office):
    person, registrar, protection = sealed
    before = row_counts(session)
    with pytest.raises(NotPermitted):
        sealing.seal(session, registrar, person.regno, WHY)
    with pytest.raises(NotPermitted):
        sealing.lift(session, registrar, person.regno, LiftSealIn(reason="Risk is over now"))
    with pytest.raises(NotPermitted):
        sealing.sealed_people(session, registrar)
    with pytest.raises(Conflict):
        sealing.seal(session, protection, person.regno, WHY)
    assert row_counts(session) == before
    sealing.lift(session, protection, person.regno, LiftSealIn(reason="Risk assessed as over"))
    assert queries.get_person(session, registrar, person.regno).sealed is False
    with pytest.raises(Conflict):
        sealing.open_record(session, registrar, person.regno, NEED)
    assert [e.data["reason"] for e in tags(session, "registry:person:unseal")] == [
        "Risk assessed as over"
    ]


def test_another_offices_person_cannot_be_sealed_or_opened(session, sealed):
    person, _, _ = sealed
    stranger = make_actor(session, Role.PROTECTION)
    with pytest.raises(NotFound):
        sealing.open_record(session, stranger, person.regno, NEED)
    with pytest.raises(NotFound):
        sealing.seal(session, stranger, person.regno, WHY)
    assert sealing.sealed_people(session, stranger) == []


def test_the_operator_is_masked_too_until_opening(session, sealed):
    person, _, _ = sealed
    operator = operator_actor()
    assert [p.name for p in queries.search(session, operator, person.regno)] == ["sealed"]
    sealing.open_record(session, operator, person.regno, NEED)
    assert queries.get_person(session, operator, person.regno).name == "Khalid Mansour Haddad"
