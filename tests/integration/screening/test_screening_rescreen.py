"""Re-screens as jobs: after an import only new and changed entries against the registry;
a full re-screen of everyone on demand."""

from __future__ import annotations

import pytest

from factories.access import make_actor, make_office
from factories.registry import register
from factories.screening import import_sample
from sijill.access.permissions import Role
from sijill.errors import NotPermitted
from sijill.jobs import runner
from sijill.jobs.schemas import JobStatus
from sijill.screening import queries, rescreen, service

pytestmark = pytest.mark.integration


def test_a_new_list_entry_finds_people_already_registered(session, session_factory):
    office = make_office(session)
    registrar = make_actor(session, office=office)
    import_sample(session)
    nadir = register(session, registrar, "نادر سليم القرني", year=1988)
    other = register(session, registrar, "Omar Haddad")
    for person in (nadir, other):
        service.screen_person(session, registrar, person.id)
    officer = make_actor(session, Role.SCREENING, office)
    assert queries.queue(session, officer) == []
    snapshot = import_sample(session, "un_sample_v2.xml")  # adds QDi.904, Nadir Salim al-Qarni
    job = rescreen.start(session, officer, snapshot.id)
    session.commit()
    done = runner.run(session_factory, job.id, rescreen.work)
    assert done.status == JobStatus.SUCCEEDED, done.message
    assert done.result == {"entries": 2, "people": 1, "hits": 1, "raised": 1}
    [hit] = queries.queue(session, officer)
    assert (hit.person_id, hit.entry_id) == (nadir.id, "QDi.904")
    history = queries.person_screening(session, officer, nadir.id)
    assert [r.reason for r in history.runs] == ["list change", "registration"]
    assert history.runs[0].versions == {"UN Consolidated": 2}


def test_a_full_rescreen_screens_everyone_once(session, session_factory):
    office = make_office(session)
    registrar = make_actor(session, office=office)
    register(session, registrar, "Khalid Yusuf al-Marzuqi", year=1984)
    register(session, registrar, "Omar Haddad")
    import_sample(session)
    officer = make_actor(session, Role.SCREENING, office)
    job = rescreen.start(session, officer, None)
    session.commit()
    done = runner.run(session_factory, job.id, rescreen.work)
    assert done.status == JobStatus.SUCCEEDED, done.message
    assert (done.result or {})["raised"] == 1
    again = rescreen.start(session, officer, None)
    session.commit()
    assert (runner.run(session_factory, again.id, rescreen.work).result or {})["raised"] == 0
    assert len(queries.queue(session, officer)) == 1


def test_only_list_managers_start_a_rescreen(session):
    with pytest.raises(NotPermitted):
        rescreen.start(session, make_actor(session, Role.REGISTRAR), None)


def test_a_full_rescreen_in_worker_processes_finds_the_same_hits(
    session, session_factory, monkeypatch
):
    monkeypatch.setattr(rescreen, "PARALLEL_FROM", 0)  # the sample list is small
    office = make_office(session)
    registrar = make_actor(session, office=office)
    listed = register(session, registrar, "Khalid Yusuf al-Marzuqi", year=1984)
    register(session, registrar, "Omar Haddad")
    import_sample(session)
    officer = make_actor(session, Role.SCREENING, office)
    job = rescreen.start(session, officer, None, workers=2)
    session.commit()
    done = runner.run(session_factory, job.id, rescreen.work)
    assert done.status == JobStatus.SUCCEEDED, done.message
    assert done.result == {"entries": 4, "people": 2, "hits": 1, "raised": 1}
    [hit] = queries.queue(session, officer)
    assert hit.person_id == listed.id
