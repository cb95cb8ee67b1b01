"""Screening people: hits at registration and correction, holds, decisions, false positives
not raised again unless something that matters changed, the flag, groups against listed
organisations."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factories.access import make_actor, make_office
from factories.registry import make_group, person_in, register
from factories.screening import import_sample
from sijill.access.permissions import Role
from sijill.errors import NotPermitted, RuleViolation
from sijill.holds import service as holds
from sijill.holds.rules import Action, HoldKind
from sijill.registry import service as registry_service
from sijill.registry.schemas import AffiliationIn, PersonUpdate
from sijill.screening import queries, service
from sijill.screening.models import ScreeningRun
from sijill.screening.schemas import DecisionIn
from sijill.screening.workflow import HitStatus, RunReason

pytestmark = pytest.mark.integration


@pytest.fixture
def office(session):
    return make_office(session)


def kinds(session, person_id):
    return sorted(h.kind for h in holds.blocking(session, person_id, Action.PAPERS))


def listed_person(session, actor, name="خالد يوسف المرزوقي", year=1984, **extra):
    person = register(session, actor, name, year=year, **extra)
    service.screen_person(session, actor, person.id)
    return person


def test_registration_raises_a_hit_that_holds_the_person(session, office):
    import_sample(session)
    registrar = make_actor(session, office=office)
    person = listed_person(session, registrar)
    clean = register(session, registrar, "Omar Haddad")
    assert service.screen_person(session, registrar, clean.id) == 0
    officer = make_actor(session, Role.SCREENING, office)
    [hit] = queries.queue(session, officer)
    assert (hit.person_id, hit.entry_id, hit.status) == (person.id, "QDi.901", "open")
    assert kinds(session, person.id) == [HoldKind.SCREENING_UNDECIDED]
    assert kinds(session, clean.id) == []
    detail = queries.hit_detail(session, officer, hit.id)
    assert detail.entry.original_names == ["خالد يوسف المرزوقي"]
    assert ("Abu Yusuf al-Halabi", "low") in detail.entry.aliases
    assert detail.explanation[0].startswith("name ")
    assert (detail.algorithm, detail.algorithm_version) == ("sijill-person", "1")
    runs = session.scalars(select(ScreeningRun).where(ScreeningRun.person_id == person.id)).all()
    assert [(r.versions, r.hits, r.new_hits) for r in runs] == [({"UN Consolidated": 1}, 1, 1)]


def test_confirmed_match_holds_until_legal_review(session, office):
    import_sample(session)
    person = listed_person(session, make_actor(session, office=office))
    officer = make_actor(session, Role.SCREENING, office)
    [hit] = queries.queue(session, officer)
    service.decide(session, officer, hit.id, DecisionIn(decision="more_information", reason="ask"))
    assert kinds(session, person.id) == [HoldKind.SCREENING_UNDECIDED]
    service.decide(session, officer, hit.id, DecisionIn(decision="confirm", reason="same DOB"))
    assert kinds(session, person.id) == [HoldKind.SCREENING_CONFIRMED]
    flag = queries.flag(session, person.id)
    assert (flag.listed, flag.awaiting_legal_review, flag.undecided) == (True, True, 0)
    with pytest.raises(NotPermitted):
        service.decide(session, officer, hit.id, DecisionIn(decision="legal_review", reason="ok"))
    legal = make_actor(session, Role.PROTECTION, office)
    detail = service.decide(
        session, legal, hit.id, DecisionIn(decision="legal_review", reason="ok")
    )
    assert [d.to_status for d in detail.decisions] == ["needs_information", "confirmed", "reviewed"]
    assert kinds(session, person.id) == []
    assert queries.flag(session, person.id).listed
    with pytest.raises(RuleViolation, match="a reviewed hit cannot take the decision confirm"):
        service.decide(session, officer, hit.id, DecisionIn(decision="confirm", reason="again"))


def test_false_positive_is_not_raised_again_unless_something_that_matters_changes(session, office):
    import_sample(session)
    registrar = make_actor(session, office=office)
    person = listed_person(session, registrar)
    officer = make_actor(session, Role.SCREENING, office)
    [hit] = queries.queue(session, officer)
    service.decide(
        session, officer, hit.id, DecisionIn(decision="false_positive", reason="other man")
    )
    assert kinds(session, person.id) == []
    assert service.screen_person(session, registrar, person.id, RunReason.CORRECTION) == 0
    import_sample(session, "un_sample_v2.xml")  # QDi.901 unchanged there
    assert service.screen_person(session, registrar, person.id) == 0
    assert queries.queue(session, officer) == []
    current = registry_service.get_person_by_id(session, registrar, person.id)
    update = PersonUpdate(**person_in("خالد يوسف المرزوقي", year=1985).model_dump(),
                          expected_version=current.version)  # fmt: skip
    registry_service.update_person(session, registrar, current.regno, update, "new DOB")
    assert service.screen_person(session, registrar, person.id, RunReason.CORRECTION) == 1
    [again] = queries.queue(session, officer)
    assert again.id == hit.id
    assert kinds(session, person.id) == [HoldKind.SCREENING_UNDECIDED]
    decisions = queries.hit_detail(session, officer, hit.id).decisions
    assert [d.decision for d in decisions] == ["false_positive", "reopen"]


def test_groups_are_screened_against_listed_organisations(session, office):
    import_sample(session)
    registrar = make_actor(session, office=office)
    group = make_group(session, "Liwa al-Fajr al-Jadeed")
    person = register(session, registrar, "Omar Haddad",
                      affiliations=[AffiliationIn(group_id=group.id)])  # fmt: skip
    assert service.screen_person(session, registrar, person.id) == 1
    [hit] = queries.queue(session, make_actor(session, Role.SCREENING, office))
    assert (hit.entry_id, hit.subject) == ("QDe.901", "Liwa al-Fajr al-Jadeed")


def test_the_queue_is_scoped_and_ordered_most_serious_first(session, office):
    import_sample(session)
    registrar = make_actor(session, office=office)
    listed_person(session, registrar, "Samira Hadi Qassab", year=1990, sex="F")
    listed_person(session, registrar)
    officer = make_actor(session, Role.SCREENING, office)
    scores = [h.score for h in queries.queue(session, officer)]
    assert scores == sorted(scores, reverse=True)
    assert len(scores) == 2
    other = make_actor(session, Role.SCREENING)
    assert queries.queue(session, other) == []
    with pytest.raises(NotPermitted):
        queries.queue(session, registrar)
    assert queries.queue(session, officer, frozenset({HitStatus.CONFIRMED})) == []
