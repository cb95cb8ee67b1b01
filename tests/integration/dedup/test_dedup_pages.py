"""Duplicate review through the pages and the API: queue, pair, proposal, approval by a
supervisor, the merged record's number redirecting to the survivor, and undo."""

from __future__ import annotations

import pytest

from factories.access import make_actor, make_office
from factories.dedup import make_pair, make_twins
from sijill.access.permissions import Role

pytestmark = pytest.mark.integration


def test_review_propose_approve_redirect_undo(session, web_as, api_as):
    office = make_office(session)
    a, b = make_twins(session, make_actor(session, Role.REGISTRAR, office))
    pair_id = make_pair(session, a, b)
    officer, _, csrf = web_as(Role.SCREENING, office)
    queue = officer.get("/dedup")
    assert queue.status_code == 200 and str(pair_id) in queue.text
    page = officer.get(f"/dedup/pairs/{pair_id}")
    assert 'id="explanation"' in page.text and "خالد الحموي" in page.text
    proposed = officer.post(f"/dedup/pairs/{pair_id}/merge", follow_redirects=False,
                            data={"csrf_token": csrf, "survivor_regno": a.regno,
                                  "reason": "Same passport"})  # fmt: skip
    assert proposed.status_code == 303
    merge_url = proposed.headers["location"]
    api, _ = api_as(Role.SUPERVISOR, office)
    [waiting] = api.get("/api/v1/dedup/merges?state=proposed").json()
    approved = api.post(f"/api/v1/dedup/merges/{waiting['id']}/decision", json={"approve": True})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    moved = officer.get(f"/people/{b.regno}", follow_redirects=False)
    assert (moved.status_code, moved.headers["location"]) == (303, f"/people/{a.regno}")
    assert "Undo the merge" not in officer.get(merge_url).text  # not a supervisor
    undone = api.post(f"/api/v1/dedup/merges/{waiting['id']}/undo")
    assert undone.json()["status"] == "undone"
    assert officer.get(f"/people/{b.regno}").status_code == 200
    assert api.get(f"/api/v1/dedup/pairs/{pair_id}").json()["status"] == "open"


def test_a_proposer_cannot_approve_through_the_api(session, api_as):
    office = make_office(session)
    a, b = make_twins(session, make_actor(session, Role.REGISTRAR, office))
    pair_id = make_pair(session, a, b)
    api, _ = api_as(Role.SUPERVISOR, office)
    merge = api.post(f"/api/v1/dedup/pairs/{pair_id}/merge",
                     json={"survivor_regno": b.regno, "reason": "Same man"}).json()  # fmt: skip
    refused = api.post(f"/api/v1/dedup/merges/{merge['id']}/decision", json={"approve": True})
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
