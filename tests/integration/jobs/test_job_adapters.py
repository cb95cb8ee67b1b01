"""The job pages, the API and ``sijill jobs``: progress as users and scripts see it."""

from __future__ import annotations

import pytest

from factories.access import make_actor
from factories.jobs import count_in_batches, make_job
from sijill.access import service as access_service
from sijill.access.permissions import Role
from sijill.jobs import runner

pytestmark = pytest.mark.integration


def test_the_job_page_refreshes_until_the_job_ends(web_as, session, session_factory):
    web, user, _ = web_as(Role.SCREENING)
    job = make_job(session, access_service.actor_for(user), n=30)
    session.commit()
    page = web.get(f"/jobs/{job.id}")
    assert page.status_code == 200
    assert 'http-equiv="refresh"' in page.text and 'data-status="queued"' in page.text
    assert "Stop this job" in page.text

    runner.run(session_factory, job.id, count_in_batches)
    page = web.get(f"/jobs/{job.id}")
    assert 'http-equiv="refresh"' not in page.text
    assert "30 of 30 (100%)" in page.text and 'id="job-result"' in page.text
    listing = web.get("/jobs")
    assert f"/jobs/{job.id}" in listing.text


def test_the_job_page_in_arabic(web_as, session):
    web, user, _ = web_as(Role.SCREENING)
    job = make_job(session, access_service.actor_for(user), n=30)
    session.commit()
    web.get("/lang/ar")
    page = web.get(f"/jobs/{job.id}")
    assert 'dir="rtl"' in page.text and "Stop this job" not in page.text


def test_stopping_a_job_from_its_page(web_as, session):
    web, user, csrf = web_as(Role.SUPERVISOR)
    job = make_job(session, access_service.actor_for(user), n=30)
    session.commit()
    response = web.post(f"/jobs/{job.id}/cancel", data={"csrf_token": csrf})
    assert response.status_code == 200 and 'data-status="cancelled"' in response.text


def test_polling_a_job_through_the_api(api_as, session, session_factory):
    api, user = api_as(Role.SCREENING)
    job = make_job(session, access_service.actor_for(user), n=12)
    session.commit()
    runner.run(session_factory, job.id, count_in_batches)
    body = api.get(f"/api/v1/jobs/{job.id}").json()
    assert (body["status"], body["done"], body["total"], body["percent"]) == (
        "succeeded", 12, 12, 100)  # fmt: skip
    assert [j["id"] for j in api.get("/api/v1/jobs").json()] == [str(job.id)]
    other = make_job(session, make_actor(session), n=1)
    session.commit()
    assert api.get(f"/api/v1/jobs/{other.id}").status_code == 404
    assert api.post(f"/api/v1/jobs/{job.id}/cancel").status_code in (409, 422)
