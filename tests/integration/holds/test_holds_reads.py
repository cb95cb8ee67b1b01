"""Reads of a flagged person's family are audited (service, page and API), on SQLite and
PostgreSQL; an unflagged person's, or a flagged person with no family, are not."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from factories.access import make_actor, make_office
from factories.registry import person_in, register
from sijill.access.actor import Actor
from sijill.access.permissions import Role
from sijill.audit.models import AuditEntry
from sijill.holds import reads
from sijill.holds import service as holds
from sijill.holds.rules import HoldKind
from sijill.registry import sealing
from sijill.registry import service as registry_service
from sijill.registry.schemas import FamilyLinkIn, OpenSealedIn, SealIn
from sijill.registry.vocab import Relation, SealKind

pytestmark = pytest.mark.integration


def family(session: Session, actor: Actor) -> tuple[uuid.UUID, str, str]:
    """A person with a parent; returns (person id, their regno, the parent's id)."""
    parent = register(session, actor, "Khalid Mansour Haddad")
    link = FamilyLinkIn(relation=Relation.PARENT, regno=parent.regno)
    child = registry_service.register_person(
        session, actor, person_in("Omar Khalid Haddad", family=[link])
    )
    return child.id, child.regno, str(parent.id)


def family_reads(session: Session) -> list[AuditEntry]:
    stmt = select(AuditEntry).where(AuditEntry.tag == reads.FAMILY_READ).order_by(AuditEntry.seq)
    return list(session.scalars(stmt))


def flag(session: Session, actor: Actor, person_id: uuid.UUID, kind: HoldKind) -> None:
    holds.place(session, actor, person_id, kind, f"screening:hit:{kind}", "a hit")


@pytest.mark.parametrize("kind", [HoldKind.SCREENING_UNDECIDED, HoldKind.SCREENING_CONFIRMED])
def test_the_family_of_a_screening_flagged_person_is_a_logged_read(session, kind):
    actor = make_actor(session, Role.REGISTRAR)
    person_id, regno, parent_id = family(session, actor)
    flag(session, actor, person_id, kind)
    reads.get_person(session, actor, regno)
    [entry] = family_reads(session)
    assert (entry.object_id, entry.actor) == (str(person_id), actor.username)
    assert entry.data == {"flags": [kind.value], "relatives": [parent_id]}


def test_unflagged_or_familyless_reads_are_not_logged(session):
    actor = make_actor(session, Role.REGISTRAR)
    person_id, regno, _ = family(session, actor)
    holds.place(session, actor, person_id, HoldKind.MANUAL, "supervisor", "papers checked")
    reads.get_person(session, actor, regno)
    alone = register(session, actor, "Yusuf Karimov")
    holds.place(session, actor, alone.id, HoldKind.SCREENING_CONFIRMED, "screening:hit:x", "hit")
    reads.get_person(session, actor, alone.regno)
    assert family_reads(session) == []


def test_the_family_of_a_sealed_person_is_a_logged_read(session):
    office = make_office(session)
    registrar = make_actor(session, Role.REGISTRAR, office)
    protection = make_actor(session, Role.PROTECTION, office)
    _, regno, parent_id = family(session, registrar)
    sealing.seal(session, protection, regno, SealIn(kind=SealKind.WITNESS, reason="Threats"))
    sealing.open_record(session, registrar, regno, OpenSealedIn(reason="The hearing"))
    reads.get_person(session, registrar, regno)
    [entry] = family_reads(session)
    assert entry.data == {"flags": ["sealed"], "relatives": [parent_id]}


def test_the_page_and_the_api_log_the_read(session, web_as, api_as):
    office = make_office(session)
    actor = make_actor(session, Role.REGISTRAR, office)
    person_id, regno, parent_id = family(session, actor)
    flag(session, actor, person_id, HoldKind.SCREENING_UNDECIDED)
    web, _, _ = web_as(Role.REGISTRAR, office)
    api, _ = api_as(Role.REGISTRAR, office)
    assert web.get(f"/people/{regno}").status_code == 200
    assert api.get(f"/api/v1/people/{regno}").status_code == 200
    session.expire_all()
    assert [e.data["relatives"] for e in family_reads(session)] == [[parent_id], [parent_id]]
