"""Corrections are new versions; nothing is deleted; a stale edit is refused; a shared
document number needs a reason."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select, update

from factories.access import make_actor
from factories.db import row_counts
from factories.registry import person_in, register
from sijill.errors import Conflict, NeedsConfirmation
from sijill.registry import queries
from sijill.registry import service as registry_service
from sijill.registry.models import Document, Person, PersonName, PersonRevision
from sijill.registry.schemas import DocumentIn, PersonUpdate
from sijill.registry.vocab import DocumentType

pytestmark = pytest.mark.integration


def correction(expected_version: int, *args, **kwargs) -> PersonUpdate:
    return PersonUpdate(
        **person_in(*args, **kwargs).model_dump(), expected_version=expected_version
    )


@pytest.fixture
def corrected(session):
    """A person registered by one registrar and corrected by another of the same office."""
    first = make_actor(session)
    second = make_actor(session, office=first.office_code)
    person = register(session, first, "Yusuf Karimov", "Юсуф Каримов", document="AA1111111")
    data = correction(1, "Yusuf Karimov", "Yusuf Kerimov", document="AA1111111", year=1991)
    out = registry_service.update_person(session, second, person.regno, data, "spelling")
    return first, second, person, out


def test_correction_creates_version_2_with_revision_snapshots(session, corrected):
    first, _second, person, out = corrected
    assert out.version == 2
    assert [n.full for n in out.names] == ["Yusuf Karimov", "Yusuf Kerimov"]
    assert out.date_of_birth == "1991"
    revisions = session.scalars(
        select(PersonRevision)
        .where(PersonRevision.person_id == person.id)
        .order_by(PersonRevision.version)
    ).all()
    assert [(r.version, r.reason) for r in revisions] == [(1, None), (2, "spelling")]
    v1 = queries.revision(session, first, person.regno, 1)
    v2 = queries.revision(session, first, person.regno, 2)
    assert [n["full"] for n in v1["names"]] == ["Yusuf Karimov", "Юсуф Каримов"]
    assert [n["full"] for n in v2["names"]] == ["Yusuf Karimov", "Yusuf Kerimov"]
    assert (v1["date_of_birth"], v2["date_of_birth"]) == ("1990", "1991")


def test_old_name_rows_are_retired_not_deleted(session, corrected):
    _first, _second, person, _out = corrected
    rows = session.scalars(select(PersonName).where(PersonName.person_id == person.id)).all()
    by_name = {r.full: r for r in rows}
    assert set(by_name) == {"Yusuf Karimov", "Юсуф Каримов", "Yusuf Kerimov"}
    assert by_name["Юсуф Каримов"].retired_at is not None
    assert by_name["Yusuf Karimov"].retired_at is None  # unchanged: the same row is kept
    assert by_name["Yusuf Kerimov"].retired_at is None
    docs = session.scalars(select(Document).where(Document.person_id == person.id)).all()
    assert len(docs) == 1 and docs[0].retired_at is None  # unchanged document kept as is


def test_history_lists_who_when_what(session, corrected):
    first, second, person, _out = corrected
    items = queries.history(session, first, person.regno)
    assert [(i.tag, i.actor, i.version, i.reason) for i in items] == [
        ("registry:person:update", second.username, 2, "spelling"),
        ("registry:person:create", first.username, 1, None),
    ]
    assert items[0].changed == ["date_of_birth", "names"]
    assert items[0].seq > items[1].seq
    assert items[0].at >= items[1].at and "T" in items[0].at
    with pytest.raises(Exception, match="No version 3"):
        queries.revision(session, first, person.regno, 3)


def test_a_stale_expected_version_is_a_conflict_and_nothing_is_written(session, corrected):
    first, _second, person, _out = corrected
    before = row_counts(session)
    stale = correction(1, "Yusuf Qarimov")
    with pytest.raises(Conflict) as caught:
        registry_service.update_person(session, first, person.regno, stale)
    assert "version 1" in caught.value.message and "version 2" in caught.value.message
    assert caught.value.details == {"current_version": 2}
    assert row_counts(session) == before
    assert queries.get_person(session, first, person.regno).names[1].full == "Yusuf Kerimov"


def test_a_version_read_earlier_in_the_transaction_is_not_trusted(session):
    """This transaction read version 1; another committed version 2 meanwhile."""
    actor = make_actor(session)
    person = register(session, actor, "Yusuf Karimov")
    row = session.get(Person, person.id)
    session.execute(
        update(Person)
        .where(Person.id == person.id)
        .values(version=2)
        .execution_options(synchronize_session=False)
    )
    assert row.version == 1  # what this session remembers
    with pytest.raises(Conflict) as caught:
        registry_service.update_person(session, actor, person.regno, correction(1, "Yusuf Qarimov"))
    assert caught.value.details == {"current_version": 2}


def test_a_write_racing_past_the_check_is_stopped_by_the_version_column(session):
    """Another transaction commits between the check and the write: the UPDATE matches no row,
    and the service answers with a conflict (nothing is overwritten)."""
    actor = make_actor(session)
    person = register(session, actor, "Yusuf Karimov")

    done: list[bool] = []

    def commit_meanwhile(flushing, _context, _instances):
        row = flushing.identity_map.get(flushing.identity_key(Person, person.id))
        if not done and row is not None and row.version == 2:  # about to write version 2
            done.append(True)
            table = Person.__table__
            flushing.connection().execute(
                table.update().where(table.c.id == person.id).values(version=7)
            )

    event.listen(session, "before_flush", commit_meanwhile)
    try:
        with pytest.raises(Conflict, match="changed by someone else meanwhile"):
            registry_service.update_person(
                session, actor, person.regno, correction(1, "Yusuf Qarimov")
            )
    finally:
        event.remove(session, "before_flush", commit_meanwhile)
    assert done


def test_submitting_the_same_record_is_refused_as_nothing_changed(session):
    actor = make_actor(session)
    person = register(session, actor, "Yusuf Karimov", document="AA1111111")
    before = row_counts(session)
    with pytest.raises(Conflict, match="Nothing changed"):
        savepoint = session.begin_nested()
        try:
            registry_service.update_person(
                session, actor, person.regno, correction(1, "Yusuf Karimov", document="AA1111111")
            )
        finally:
            savepoint.rollback()  # the adapter's transaction: nothing of it is kept
    assert row_counts(session) == before


def test_shared_document_number_needs_a_reason_then_is_allowed(session):
    actor = make_actor(session)
    holder = register(session, actor, "Yusuf Karimov", document="AA1111111")
    before = row_counts(session)
    with pytest.raises(NeedsConfirmation) as caught:
        register(session, actor, "Rustam Karimov", document="aa 111-1111")
    exc = caught.value
    assert exc.field == "documents.0.shared_number_reason"
    assert exc.warnings == ["document_number_shared:0"]
    assert holder.regno in exc.message
    assert row_counts(session) == before
    doc = DocumentIn(
        doc_type=DocumentType.PASSPORT,
        issuing_state="UZ",
        number="AA1111111",
        shared_number_reason="brothers given one family passport",
    )
    second = registry_service.register_person(
        session, actor, person_in("Rustam Karimov", documents=[doc])
    )
    assert second.documents[0].shared_number_reason == "brothers given one family passport"
    found = {p.regno for p in queries.search(session, actor, "AA1111111")}
    assert found == {holder.regno, second.regno}


def test_same_number_from_another_state_is_not_shared(session):
    actor = make_actor(session)
    register(session, actor, "Yusuf Karimov", document="AA1111111")
    doc = DocumentIn(doc_type=DocumentType.PASSPORT, issuing_state="TJ", number="AA1111111")
    registry_service.register_person(session, actor, person_in("Other", documents=[doc]))


def test_a_person_keeping_their_own_document_needs_no_reason(session):
    actor = make_actor(session)
    person = register(session, actor, "Yusuf Karimov", document="AA1111111")
    data = correction(1, "Yusuf Karimov", document="AA1111111", year=1985)
    assert registry_service.update_person(session, actor, person.regno, data).version == 2


def test_a_correction_adding_a_shared_number_needs_a_reason(session):
    actor = make_actor(session)
    register(session, actor, "Yusuf Karimov", document="AA1111111")
    other = register(session, actor, "Rustam Karimov")
    before = row_counts(session)
    with pytest.raises(NeedsConfirmation):
        registry_service.update_person(
            session, actor, other.regno, correction(1, "Rustam Karimov", document="AA1111111")
        )
    assert row_counts(session) == before


def test_a_correction_resending_a_known_relative_adds_no_second_link(session):
    from sijill.registry.schemas import FamilyLinkIn
    from sijill.registry.vocab import Relation

    actor = make_actor(session)
    mother = register(session, actor, "Zainab Karimova")
    link = FamilyLinkIn(relation=Relation.PARENT, regno=mother.regno)
    son = registry_service.register_person(session, actor, person_in(family=[link]))
    data = correction(1, "Yusuf Qarimov", family=[link, link])
    updated = registry_service.update_person(session, actor, son.regno, data)
    assert [(r.relation, r.regno) for r in updated.family] == [(Relation.PARENT, mother.regno)]
    mother_now = queries.get_person(session, actor, mother.regno)
    assert [(r.relation, r.regno) for r in mother_now.family] == [(Relation.CHILD, son.regno)]


def test_a_correction_can_end_a_family_link_both_ways(session):
    from sijill.registry.models import FamilyLink
    from sijill.registry.schemas import FamilyLinkIn
    from sijill.registry.vocab import Relation

    actor = make_actor(session)
    mother = register(session, actor, "Zainab Karimova")
    son = registry_service.register_person(
        session,
        actor,
        person_in(family=[FamilyLinkIn(relation=Relation.PARENT, regno=mother.regno)]),
    )
    data = correction(1, "Yusuf Qarimov")
    data.unlink = [mother.regno]
    updated = registry_service.update_person(session, actor, son.regno, data, "wrong mother")
    assert updated.family == []
    assert queries.get_person(session, actor, mother.regno).family == []
    retired = session.scalars(select(FamilyLink).where(FamilyLink.person_id == son.id)).all()
    assert [link.retired_at is not None for link in retired] == [True]
    assert "family" in queries.history(session, actor, son.regno)[0].changed


def test_unlinking_someone_who_is_not_a_relative_is_refused(session):
    from sijill.errors import InvalidInput

    actor = make_actor(session)
    stranger = register(session, actor, "Zainab Karimova")
    son = register(session, actor, "Yusuf Karimov")
    data = correction(1, "Yusuf Qarimov")
    data.unlink = [stranger.regno]
    session.commit()
    before = row_counts(session)
    with pytest.raises(InvalidInput) as refused:
        registry_service.update_person(session, actor, son.regno, data)
    assert "is not linked to this person" in refused.value.errors["unlink.0"]
    session.rollback()
    assert row_counts(session) == before
