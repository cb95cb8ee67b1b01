"""Transfer pages and API routes end to end, in English and Arabic."""

from __future__ import annotations

import base64
import re

import pytest

from factories.access import make_actor, make_office
from factories.transfers import identified, rate
from sijill.access.permissions import Role
from sijill.credentials import issuer as issuers
from sijill.credentials import trustlist
from sijill.timeutil import utcnow
from sijill.transfers.risk import GroupKind, RiskLevel

pytestmark = pytest.mark.integration


@pytest.fixture
def office(session):
    return make_office(session)


@pytest.fixture
def uyghur(session, office):
    rate(session, "CN", RiskLevel.PROHIBITED, (GroupKind.LANGUAGE, "ug"), "UNHCR 2026")
    registrar = make_actor(session, Role.REGISTRAR, office)
    return identified(session, registrar, "Ablimit Turdi", languages=["ug"])


def test_case_officer_prepares_a_batch_and_sees_the_gate(web_as, office, uyghur):
    web, _user, csrf = web_as(Role.CASE, office)
    form = {"csrf_token": csrf, "state": "CN", "authority": "MPS", "crossing_point": "Khorgos"}
    created = web.post("/transfers", data=form, follow_redirects=False)
    assert created.status_code == 303
    url = created.headers["location"]
    added = web.post(url + "/people", data={"csrf_token": csrf, "regno": uyghur.regno})
    assert added.status_code == 200
    page = web.get(url).text
    assert "non-refoulement: transfer to this state is prohibited" in page
    assert "UNHCR 2026" in page
    web.cookies.set("lang", "ar")
    arabic = web.get(url).text
    assert "عدم الإعادة القسرية: النقل إلى هذه الدولة محظور" in arabic and 'dir="rtl"' in arabic
    assert "(CN, language ug؛ المصدر: UNHCR 2026)" in arabic
    refused = web.post(url + "/manifest", data={"csrf_token": csrf})
    assert refused.status_code == 422


def test_protection_officer_records_factors_and_reads_are_audited(web_as, office, uyghur):
    web, _user, csrf = web_as(Role.PROTECTION, office)
    url = f"/transfers/protection/{uyghur.regno}"
    form = {"csrf_token": csrf, "kind": "fear_of_persecution", "note": "Stated at interview"}
    assert web.post(url, data=form, follow_redirects=False).status_code == 303
    page = web.get(url).text
    assert "Stated at interview" in page
    history = web.get(f"/people/{uyghur.regno}/history").text
    assert "protection factors read" in history
    factor_id = re.search(rf"{url}/([0-9a-f-]+)/withdraw", page).group(1)
    form = {"csrf_token": csrf, "reason": "Recorded for the wrong person"}
    assert web.post(f"{url}/{factor_id}/withdraw", data=form).status_code == 200
    assert "Stated at interview" not in web.get(url).text
    assert web.post(f"{url}/{factor_id}/withdraw", data=form).status_code == 404


def test_administrator_keeps_the_register_versioned(web_as, api_as):
    web, _user, csrf = web_as(Role.ADMINISTRATOR)
    for level in ("high", "low"):
        form = {"csrf_token": csrf, "state": "sy", "level": level, "source": f"Report {level}"}
        assert web.post("/transfers/risks", data=form, follow_redirects=False).status_code == 303
    page = web.get("/transfers/risks?state=SY").text
    assert "Report high" in page and "Report low" in page
    api, _ = api_as(Role.CASE)
    [current] = [r for r in api.get("/api/v1/transfers/risks").json() if r["state"] == "SY"]
    assert (current["version"], current["level"]) == (2, "low")
    assert len(api.get("/api/v1/transfers/risks/SY").json()) == 2


def test_the_api_reports_readiness(api_as, office, uyghur):
    api, _ = api_as(Role.CASE, office)
    body = {"state": "CN", "authority": "MPS", "crossing_point": "Khorgos"}
    batch = api.post("/api/v1/transfers", json=body).json()
    ref = batch["reference"]
    api.post(f"/api/v1/transfers/{ref}/people", json={"regno": uyghur.regno}).raise_for_status()
    [line] = api.get(f"/api/v1/transfers/{ref}/readiness").json()
    assert line["ready"] is False
    assert line["assessment"]["outcome"] == "prohibited"
    problem = api.post(f"/api/v1/transfers/{ref}/manifest")
    assert problem.status_code == 422
    assert problem.headers["content-type"] == "application/problem+json"


def test_a_manifest_signed_here_is_imported_with_the_trust_list(
    web_as, api_as, session, settings, office
):
    rate(session, "IQ", RiskLevel.LOW)
    registrar = make_actor(session, Role.REGISTRAR, office)
    person = identified(session, registrar, "Hasan Jabbar")
    api, _ = api_as(Role.CASE, office)
    body = {"state": "IQ", "authority": "Border Service", "crossing_point": "Al-Qaim"}
    ref = api.post("/api/v1/transfers", json=body).json()["reference"]
    api.post(f"/api/v1/transfers/{ref}/people", json={"regno": person.regno}).raise_for_status()
    signed = api.post(f"/api/v1/transfers/{ref}/manifest")
    assert signed.status_code == 200, signed.text
    now = int(utcnow().timestamp())
    sender = issuers.from_settings(settings, now)
    trust = trustlist.sign(sender.trust_list(now), sender.ring.anchor)
    receiver = make_office(session)
    web, _user, csrf = web_as(Role.SUPERVISOR, receiver)
    form = {"csrf_token": csrf, "state": "IQ", "anchor": "0" * 32}
    files = {"file": ("m.json", signed.content, "application/json"),
             "trust_list": ("trust-list.cbor", trust, "application/cbor")}  # fmt: skip
    refused = web.post("/transfers/incoming", data=form, files=files)
    assert refused.status_code == 422 and "another anchor" in refused.text
    form["anchor"] = sender.trust_list(now).anchor_fingerprint
    imported = web.post("/transfers/incoming", data=form, files=files, follow_redirects=False)
    assert imported.status_code == 303
    other, _ = api_as(Role.SUPERVISOR, make_office(session))
    text = {"state": "IQ", "trust_list": base64.b64encode(trust).decode(),
            "manifest": signed.text}  # fmt: skip
    again = other.post("/api/v1/transfers/incoming", json=text)
    assert again.status_code == 409  # the same manifest, already imported
    text["trust_list"] = "not base64!"
    assert other.post("/api/v1/transfers/incoming", json=text).status_code == 422
