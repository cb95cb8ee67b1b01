"""Signed documents for tests: a synthetic holder, keys, a trust list and a status list."""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from factories import arms as arms_factory
from factories.access import make_actor
from factories.cases import approved_papers
from factories.registry import person_in
from sijill.access.actor import Actor
from sijill.access.permissions import Role
from sijill.cases.workflow import PaperType
from sijill.credentials import keys, service, signing, statuslist, trustlist
from sijill.credentials.issuer import Issuer
from sijill.credentials.payload import DocType, Document, Holder, Weapon
from sijill.credentials.schemas import DecisionIn, DocumentRequestIn
from sijill.credentials.statuslist import StatusList, StatusListToken
from sijill.credentials.trustlist import TrustList
from sijill.registry import service as registry_service
from sijill.registry.schemas import (
    DateOfBirthIn,
    FamilyLinkIn,
    NameIn,
    NewRelativeIn,
    PersonOut,
)
from sijill.registry.vocab import DatePrecision, NameType, Relation
from sijill.timeutil import utcnow

PAPERS = {
    DocType.IDENTITY_CARD: PaperType.IDENTITY_CARD,
    DocType.RESIDENCE_PERMIT: PaperType.RESIDENCE_PERMIT,
}
NOW = 1_795_000_000  # 2026-11-19
DAY = 24 * 3600
STATUS_URI = "https://sijill.example/status/1"


def document(**changes: Any) -> Document:
    """A realistic identity card: long Latin and Arabic names, exact birth date."""
    base = Document(
        doc_type=DocType.IDENTITY_CARD,
        serial="SJ-IC-00000042",
        regno="SJL-4821-7730-K",
        holder=Holder(
            full_name="Abdulrahman Mohammed Khaled al-Hassan",
            arabic_name="عبد الرحمن محمد خالد الحسن",
            date_of_birth="19870312",
            gender="M",
            nationality="SY",
        ),
        issuer="sijill.example",
        issued_at=NOW - DAY,
        expires_at=NOW + 5 * 365 * DAY,
        status_index=41,
        status_uri=STATUS_URI,
        country="SY",
        photo_hash=bytes(range(16)),
    )
    return replace(base, **changes)


def weapon_permit() -> Document:
    return document(
        doc_type=DocType.WEAPON_PERMIT,
        serial="SJ-WP-00000007",
        weapon=Weapon("AK47-1984-330172", "rifle", "AKM"),
        expires_at=NOW + 365 * DAY,
    )


def ring(folder: Path, now: int = NOW - 30 * DAY) -> keys.KeyRing:
    return keys.load(folder, create=True, now=now)


def trust(ring_: keys.KeyRing, now: int = NOW) -> tuple[TrustList, bytes]:
    listed = ring_.trust_list("sijill.example", now)
    data = trustlist.sign(listed, ring_.anchor)
    return trustlist.load(data), data


def status_token(
    ring_: keys.KeyRing,
    revoked: tuple[int, ...] = (),
    issued_at: int = NOW - 3600,
    ttl: int = DAY,
) -> bytes:
    values = [1 if i in revoked else 0 for i in range(128)]
    token = StatusListToken(
        STATUS_URI, issued_at, issued_at + ttl, ttl, StatusList.build(values, 2)
    )
    signer = ring_.signer("status-list", issued_at)
    return statuslist.sign_token(token, signer.private_key, signer.trusted.kid)


def sign(ring_: keys.KeyRing, doc: Document) -> str:
    signer = ring_.signer(doc.doc_type.value, doc.issued_at)
    return signing.sign_document(doc, signer.private_key, signer.trusted.kid)


def issuer(folder: Path) -> Issuer:
    return Issuer(
        ring=keys.load(folder, create=True, now=int(utcnow().timestamp()) - DAY),
        name="sijill.test",
        status_uri=STATUS_URI,
        country="SY",
        status_list_seconds=DAY,
    )


def arabic_person(session: Session, office: str, spouse: bool = False) -> PersonOut:
    """A namesake with Latin and Arabic names; ``spouse``: registered with a wife (a family
    tie, which makes a residence permit eligible under the default rules)."""
    actor = make_actor(session, Role.REGISTRAR, office)
    wife = NewRelativeIn(names=[NameIn(full="Layla Omar Haddad", name_type=NameType.PRIMARY)])
    data = person_in("Abdulrahman Khaled al-Hassan").model_copy(
        update={
            "names": [
                NameIn(full="Abdulrahman Khaled al-Hassan", name_type=NameType.PRIMARY),
                NameIn(full="عبد الرحمن خالد الحسن", name_type=NameType.ALIAS),
                NameIn(full="Abu Khaled", name_type=NameType.KUNYA),
            ],
            "date_of_birth": DateOfBirthIn(
                precision=DatePrecision.EXACT, year=1987, month=3, day=12
            ),
            "nationalities": ["SY"],
            "family": [FamilyLinkIn(relation=Relation.SPOUSE, new_person=wife)] if spouse else [],
        }
    )
    return registry_service.register_person(session, actor, data, None, "a test namesake")


def papers_holder(
    session: Session, office: str, doc_type: DocType = DocType.IDENTITY_CARD
) -> PersonOut:
    """A new person whose case has the papers pathway for ``doc_type`` approved."""
    person = arabic_person(session, office, spouse=doc_type == DocType.RESIDENCE_PERMIT)
    approved_papers(session, person.regno, PAPERS[doc_type])
    return person


def approved(
    session: Session,
    office: str,
    doc_type: DocType = DocType.IDENTITY_CARD,
    person: PersonOut | None = None,
    **extra: Any,
) -> tuple[PersonOut, uuid.UUID, Actor]:
    """A person (new, or the one given) with a request approved by a supervisor; returns the
    case officer too. Papers get an approved papers pathway on the person's case; a weapon
    permit gets an active arms permit unless one is named."""
    officer = make_actor(session, Role.CASE, office)
    person = person or arabic_person(session, office, spouse=doc_type == DocType.RESIDENCE_PERMIT)
    if doc_type in PAPERS:
        approved_papers(session, person.regno, PAPERS[doc_type])
    if doc_type == DocType.WEAPON_PERMIT and "permit_ref" not in extra:
        world = arms_factory.make_world(session, office)
        extra["permit_ref"] = arms_factory.active_permit(session, world, regno=person.regno).ref
    data = DocumentRequestIn(doc_type=doc_type, reason="enrolled", **extra)
    request = service.request_document(session, officer, person.regno, data)
    supervisor = make_actor(session, Role.SUPERVISOR, office)
    service.decide_request(session, supervisor, request.id, True, DecisionIn())
    return person, request.id, officer
