"""The holder's photograph in signed documents: the QR carries its hash, the card prints it,
an earlier document still prints the photograph it was signed with, and the demo's people
with papers have (drawn) photographs."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from factories import credentials as factory
from factories.access import make_actor, make_office
from factories.db import row_counts
from factories.photos import give_photo
from sijill.access.permissions import Role
from sijill.credentials import card, service, signing
from sijill.credentials.models import IssuedDocument
from sijill.credentials.payload import DocType, photo_digest
from sijill.credentials.schemas import DecisionIn, DocumentRequestIn
from sijill.demo import arms as demo_arms
from sijill.demo import credentials as demo_credentials
from sijill.demo import loader
from sijill.demo import photos as demo_photos
from sijill.registry import photos

pytestmark = pytest.mark.integration


def _reissue(session, officer, office, regno, issuer):
    supervisor = make_actor(session, Role.SUPERVISOR, office)
    data = DocumentRequestIn(doc_type=DocType.IDENTITY_CARD)
    again = service.request_document(session, officer, regno, data)
    service.decide_request(session, supervisor, again.id, True, DecisionIn())
    return service.issue_document(session, officer, again.id, issuer)


def test_the_document_carries_the_photographs_hash_and_prints_it(session, tmp_path):
    office = make_office(session)
    registrar = make_actor(session, Role.REGISTRAR, office)
    issuer = factory.issuer(tmp_path / "keys")
    person = factory.arabic_person(session, office)
    give_photo(session, registrar, person.regno, "first")
    _, request_id, officer = factory.approved(session, office, person=person)
    first = service.issue_document(session, officer, request_id, issuer)
    stored = photos.photo_file(session, registrar, person.regno).content
    assert signing.read_own(first.qr_text).photo_hash == photo_digest(stored)
    assert service.print_photo(session, officer, first.serial) == stored
    assert b"/Subtype /Image" in card.card_pdf(first.qr_text, stored)

    give_photo(session, registrar, person.regno, "second")
    newer = photos.photo_file(session, registrar, person.regno).content
    assert service.print_photo(session, officer, first.serial) == stored  # signed with it
    second = _reissue(session, officer, office, person.regno, issuer)
    assert signing.read_own(second.qr_text).photo_hash == photo_digest(newer)
    assert service.print_photo(session, officer, second.serial) == newer


def test_without_a_photograph_the_document_carries_no_hash(session, tmp_path):
    office = make_office(session)
    _, request_id, officer = factory.approved(session, office)
    issued = service.issue_document(session, officer, request_id, factory.issuer(tmp_path))
    assert signing.read_own(issued.qr_text).photo_hash is None
    assert service.print_photo(session, officer, issued.serial) is None


def test_the_demos_documents_carry_photograph_hashes(session, tmp_path):
    loader.prepare(session)
    factory_ = sessionmaker(bind=session.connection(), join_transaction_mode="create_savepoint")
    office = make_office(session)
    for _ in range(18):
        factory.arabic_person(session, office, spouse=True)
    session.commit()
    demo_arms.load(factory_, seed=7)
    assert demo_photos.load(factory_) == row_counts(session)["person"]  # 36: all of them
    assert demo_credentials.load(factory_, factory.issuer(tmp_path / "keys")) == 6
    texts = session.scalars(select(IssuedDocument.qr_text)).all()
    assert len(texts) == 6
    assert all(signing.read_own(text).photo_hash for text in texts)
