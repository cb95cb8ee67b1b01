"""The documents pages and API: request on the person page, approve, issue, print, revoke,
download the verifier; in English and Arabic."""

from __future__ import annotations

import base64
import re

import pytest

from factories import arms as arms_factory
from factories import credentials as factory
from factories.access import make_actor, make_office
from sijill.access.permissions import Role
from sijill.credentials import qr, signing, trustlist
from sijill.holds import service as holds
from sijill.holds.rules import HoldKind
from sijill.timeutil import utcnow

pytestmark = pytest.mark.integration


def test_the_whole_flow_in_pages(web_as, session):
    office = make_office(session)
    person = factory.papers_holder(session, office)
    officer, _, csrf = web_as(Role.CASE, office)
    page = officer.get(f"/people/{person.regno}")
    assert "Documents issued by Sijill" in page.text and "None issued." in page.text
    form = {"csrf_token": csrf, "doc_type": "identity-card", "reason": "enrolled"}
    done = officer.post(f"/people/{person.regno}/documents", data=form)
    assert "a supervisor must approve it" in done.text

    supervisor, _, csrf_s = web_as(Role.SUPERVISOR, office)
    waiting = supervisor.get("/documents")
    request_id = re.search(r"/documents/requests/([0-9a-f-]+)/decide", waiting.text).group(1)
    supervisor.post(f"/documents/requests/{request_id}/decide",
                    data={"csrf_token": csrf_s, "decision": "approve"})  # fmt: skip
    issued = officer.post(f"/documents/requests/{request_id}/issue", data={"csrf_token": csrf})
    serial = re.search(r"SJ-IC-\d{8}", issued.text).group(0)
    assert "<svg" in issued.text and f"Issued {serial}." in issued.text
    card = officer.get(f"/documents/{serial}/card.pdf")
    assert card.headers["content-type"] == "application/pdf" and card.content.startswith(b"%PDF")
    assert officer.get(f"/documents/{serial}/other.pdf").status_code == 404

    revoked = supervisor.post(f"/documents/{serial}/revoke",
                              data={"csrf_token": csrf_s, "reason": "stolen"})  # fmt: skip
    assert "Revoked" in revoked.text and "stolen" in revoked.text
    verifier = supervisor.get("/documents/verifier.html")
    assert verifier.headers["content-disposition"].startswith("attachment")
    assert "SijillVerifier" in verifier.text
    supervisor.get("/lang/ar")
    arabic = supervisor.get(f"/documents/{serial}").text
    assert "صالح حتى" in arabic and "البطاقة (PDF)" in arabic


def test_the_person_page_offers_the_active_permits(web_as, session):
    office = make_office(session)
    person = factory.papers_holder(session, office)
    permit = arms_factory.active_permit(
        session, arms_factory.make_world(session, office), regno=person.regno
    )
    officer, _, csrf = web_as(Role.CASE, office)
    page = officer.get(f"/people/{person.regno}").text
    assert f'<option value="{permit.ref}">' in page
    form = {"csrf_token": csrf, "doc_type": "weapon-permit", "permit_ref": permit.ref}
    made = officer.post(f"/people/{person.regno}/documents", data=form)
    assert made.status_code == 200 and permit.ref in made.text
    missing = {"csrf_token": csrf, "doc_type": "weapon-permit", "permit_ref": ""}
    refused = officer.post(f"/people/{person.regno}/documents", data=missing)
    assert refused.status_code == 422 and "names an arms permit" in refused.text


def test_a_hold_is_shown_as_the_reason(web_as, session):
    office = make_office(session)
    person = factory.papers_holder(session, office)
    permit = arms_factory.active_permit(
        session, arms_factory.make_world(session, office), regno=person.regno
    )
    officer, _, csrf = web_as(Role.ARMS, office)
    holds.place(session, make_actor(session, Role.SUPERVISOR, office), person.id,
                HoldKind.MANUAL, "manual:1", "under review")  # fmt: skip
    session.commit()
    form = {"csrf_token": csrf, "doc_type": "weapon-permit", "permit_ref": permit.ref}
    refused = officer.post(f"/people/{person.regno}/documents", data=form)
    assert refused.status_code == 422 and "a supervisor placed a hold" in refused.text


def test_the_api_flow(api_as, session, tmp_path):
    office = make_office(session)
    person = factory.papers_holder(session, office)
    officer, _ = api_as(Role.CASE, office)
    supervisor, _ = api_as(Role.SUPERVISOR, office)
    body = {"doc_type": "identity-card"}
    made = officer.post(f"/api/v1/people/{person.regno}/documents", json=body)
    assert made.status_code == 201
    request_id = made.json()["id"]
    own = officer.post(f"/api/v1/documents/requests/{request_id}/approve", json={})
    assert own.status_code == 403
    assert (
        supervisor.post(f"/api/v1/documents/requests/{request_id}/approve", json={}).json()[
            "status"
        ]
        == "approved"
    )
    issued = officer.post(f"/api/v1/documents/requests/{request_id}/issue")
    assert issued.status_code == 201
    body = issued.json()
    assert body["serial"].startswith("SJ-IC-") and qr.version(body["qr_text"]) <= 15
    listing = officer.get(f"/api/v1/people/{person.regno}/documents").json()
    assert [d["serial"] for d in listing["documents"]] == [body["serial"]]
    bad = supervisor.post(f"/api/v1/documents/{body['serial']}/revoke", json={"reason": ""})
    assert bad.status_code == 422


def test_an_administrator_publishes_from_the_page_and_the_api(web_as, api_as, session):
    office = make_office(session)
    admin, _, _csrf = web_as(Role.ADMINISTRATOR, office)
    page = admin.get("/documents")
    assert page.status_code == 200 and 'href="/documents/verifier.html"' in page.text
    assert 'id="requests"' not in page.text and 'href="/documents"' in page.text
    assert admin.get("/documents/verifier.html").status_code == 200
    client, _ = api_as(Role.ADMINISTRATOR, office)
    published = client.get("/api/v1/documents/published").json()
    trust = trustlist.load(
        base64.b64decode(published["trust_list"]), published["anchor_fingerprint"]
    )
    now = int(utcnow().timestamp())
    token, why = signing.read_status_list(base64.b64decode(published["status_list"]), trust, now)
    assert token is not None, why
