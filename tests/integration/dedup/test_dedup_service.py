"""The review queue and merges: decisions remembered, approval by another user, an undo that
restores both records exactly, office scoping, and a batch run through the job runner."""

from __future__ import annotations

import pytest

from factories.access import make_actor, make_office
from factories.dedup import make_pair, make_twins, propose, second_registration
from factories.registry import register
from sijill.access.permissions import Role
from sijill.audit.models import AuditEntry
from sijill.dedup import batch
from sijill.dedup import service as dedup_service
from sijill.dedup.schemas import DecideMergeIn, NotSameIn
from sijill.dedup.workflow import PairStatus
from sijill.demo import dedup as demo_dedup
from sijill.errors import InvalidInput, NotFound, NotPermitted, RuleViolation
from sijill.jobs import runner
from sijill.jobs.schemas import JobStatus
from sijill.registry import queries
from sijill.registry import service as registry_service
from sijill.registry.schemas import DateOfBirthIn, FamilyLinkIn, PersonUpdate
from sijill.registry.vocab import DatePrecision, Relation

pytestmark = pytest.mark.integration


@pytest.fixture
def office(session):
    return make_office(session)


@pytest.fixture
def people(session, office):
    registrar = make_actor(session, Role.REGISTRAR, office)
    a, b = make_twins(session, registrar)
    child = FamilyLinkIn(relation=Relation.PARENT, regno=b.regno)
    relative = register(session, registrar, "Amina al-Hamwi", year=2010, family=[child])
    return {"registrar": registrar, "a": a, "b": b, "relative": relative}


def _tags(session):
    return [e.tag for e in session.query(AuditEntry).order_by(AuditEntry.seq)]


def _snapshot(session, actor, *regnos):
    session.expire_all()
    return [queries.get_person(session, actor, r).model_dump() for r in regnos]


def test_the_queue_shows_the_pair_with_its_explanation(session, office, people):
    officer = make_actor(session, Role.SCREENING, office)
    pair_id = make_pair(session, people["a"], people["b"])
    [pair] = dedup_service.queue(session, officer)
    assert pair.id == pair_id and pair.decision == "match"
    assert (pair.algorithm, pair.version) == ("sijill-person", "1")
    assert any("document" in line for line in pair.explanation)
    assert {pair.a.regno, pair.b.regno} == {people["a"].regno, people["b"].regno}


def test_not_same_is_remembered_until_a_record_changes(session, office, people):
    officer = make_actor(session, Role.SCREENING, office)
    pair_id = make_pair(session, people["a"], people["b"])
    dedup_service.not_same(session, officer, pair_id, NotSameIn(reason="Brothers"))
    make_pair(session, people["a"], people["b"])
    assert dedup_service.queue(session, officer) == []
    b = people["b"]
    dob = DateOfBirthIn(precision=DatePrecision.EXACT, year=1982, month=3, day=1)
    fields = second_registration().model_dump() | {"date_of_birth": dob.model_dump()}
    changed = PersonUpdate(**fields, expected_version=1)
    registry_service.update_person(session, people["registrar"], b.regno, changed)
    make_pair(session, people["a"], people["b"])
    [again] = dedup_service.queue(session, officer)
    assert again.status == PairStatus.OPEN
    assert "dedup:pair:not_same" in _tags(session)


def test_merge_needs_another_user_and_undo_restores_both_exactly(session, office, people):
    officer = make_actor(session, Role.SCREENING, office)
    supervisor = make_actor(session, Role.SUPERVISOR, office)
    a, b, relative = people["a"], people["b"], people["relative"]
    before = _snapshot(session, supervisor, a.regno, b.regno, relative.regno)
    pair_id = make_pair(session, a, b)
    proposed = propose(session, officer, pair_id, survivor=a)
    with pytest.raises(NotPermitted):
        dedup_service.decide_merge(session, officer, proposed.id, DecideMergeIn(approve=True))
    done = dedup_service.decide_merge(session, supervisor, proposed.id, DecideMergeIn(approve=True))
    assert done.status == "approved"
    merged = queries.get_person(session, supervisor, a.regno)
    assert {"خالد الحموي", "Abu Omar"} <= {n.full for n in merged.names}
    assert [d.number for d in merged.documents].count("N1234567") == 2
    assert [r.regno for r in merged.family] == [relative.regno]
    assert dedup_service.merged_into(session, supervisor, b.regno) == a.regno
    assert queries.get_person(session, supervisor, b.regno).regno == b.regno  # kept
    dedup_service.undo_merge(session, supervisor, proposed.id)
    assert _snapshot(session, supervisor, a.regno, b.regno, relative.regno) == before
    assert dedup_service.merged_into(session, supervisor, b.regno) is None
    assert [m.status for m in dedup_service.merges_of(session, supervisor, a.regno)] == ["undone"]
    tags = _tags(session)
    for tag in ("dedup:merge:propose", "dedup:merge:approve", "dedup:merge:undo"):
        assert tag in tags


def test_a_rejected_merge_reopens_the_pair(session, office, people):
    officer = make_actor(session, Role.SCREENING, office)
    supervisor = make_actor(session, Role.SUPERVISOR, office)
    pair_id = make_pair(session, people["a"], people["b"])
    proposed = propose(session, officer, pair_id, survivor=people["b"])
    dedup_service.decide_merge(session, supervisor, proposed.id, DecideMergeIn(approve=False))
    assert dedup_service.get_pair(session, officer, pair_id).status == PairStatus.OPEN
    with pytest.raises(RuleViolation):
        dedup_service.undo_merge(session, supervisor, proposed.id)


def test_the_survivor_must_be_one_of_the_pair(session, office, people):
    officer = make_actor(session, Role.SCREENING, office)
    pair_id = make_pair(session, people["a"], people["b"])
    with pytest.raises(InvalidInput):
        propose(session, officer, pair_id, survivor=people["relative"])


def test_another_office_does_not_see_the_pair(session, office, people):
    pair_id = make_pair(session, people["a"], people["b"])
    stranger = make_actor(session, Role.SCREENING, make_office(session))
    assert dedup_service.queue(session, stranger) == []
    with pytest.raises(NotFound):
        dedup_service.get_pair(session, stranger, pair_id)


def test_a_registrar_may_not_review(session, office, people):
    pair_id = make_pair(session, people["a"], people["b"])
    with pytest.raises(NotPermitted):
        dedup_service.not_same(session, people["registrar"], pair_id, NotSameIn())


def test_a_batch_run_queues_the_twins(session, session_factory, office, people):
    officer = make_actor(session, Role.SCREENING, office)
    job = batch.start(session, officer)
    session.commit()
    done = runner.run(session_factory, job.id, batch.work)
    assert done.status == JobStatus.SUCCEEDED, done.message
    assert done.result is not None and done.result["people"] >= 3
    pairs = dedup_service.queue(session, officer)
    ids = {frozenset((p.a.regno, p.b.regno)) for p in pairs}
    assert frozenset((people["a"].regno, people["b"].regno)) in ids


def test_the_demo_queues_its_planted_pairs(session, session_factory, office, people):
    officer = make_actor(session, Role.SCREENING, office)
    session.commit()
    assert demo_dedup.load(session_factory, [(people["a"].regno, people["b"].regno)]) == 1
    [pair] = dedup_service.queue(session, officer)
    assert {pair.a.regno, pair.b.regno} == {people["a"].regno, people["b"].regno}
