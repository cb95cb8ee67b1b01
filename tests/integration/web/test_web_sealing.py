"""Sealed records through the pages and the API: masked search, the page asking for a
reason, the protection officer's list of who opened what and why."""

from __future__ import annotations

import pytest

from factories.access import make_actor
from factories.registry import register
from sijill.access.permissions import Role
from sijill.registry import sealing
from sijill.registry.schemas import SealIn
from sijill.registry.vocab import SealKind

pytestmark = pytest.mark.integration

NAME = "Khalid Mansour Haddad"


def test_pages_seal_mask_open_and_list(web_as, session):
    protection, officer, p_token = web_as(Role.PROTECTION)
    registrar, clerk, r_token = web_as(Role.REGISTRAR, officer.office.code)
    person = register(session, make_actor(session, Role.REGISTRAR, officer.office.code), NAME)
    session.commit()
    form = {"csrf_token": p_token, "kind": "minor", "reason": "Unaccompanied minor, 15"}
    page = protection.post(f"/people/{person.regno}/seal", data=form)
    assert "The record is sealed." in page.text and "Unaccompanied minor, 15" in page.text
    assert protection.get(f"/people/{person.regno}").status_code == 403  # for its officer too
    results = registrar.get("/people", params={"q": "Khalid Haddad"}).text
    assert "sealed record" in results and person.regno in results and NAME not in results
    page = registrar.get(f"/people/{person.regno}")
    assert page.status_code == 403
    assert 'action="/people/' + person.regno + '/open"' in page.text and NAME not in page.text
    reason = {"csrf_token": r_token, "reason": "Checking the family link for a transfer"}
    page = registrar.post(f"/people/{person.regno}/open", data=reason)
    assert page.status_code == 200 and NAME in page.text
    assert "Sealed record: this reading is recorded." in page.text
    listing = protection.get("/protection/sealed").text
    assert "Checking the family link for a transfer" in listing and clerk.username in listing
    assert "Sealed records" in protection.get("/").text  # the link in the top bar


def test_the_api_masks_refuses_and_opens(api_as, session):
    api, user = api_as(Role.CASE)
    office = user.office.code
    person = register(session, make_actor(session, Role.REGISTRAR, office), NAME)
    why = SealIn(kind=SealKind.FEAR_OF_PERSECUTION, reason="Fears return to home state")
    sealing.seal(session, make_actor(session, Role.PROTECTION, office), person.regno, why)
    session.commit()
    [entry] = api.get("/api/v1/people", params={"q": person.regno}).json()
    assert (entry["name"], entry["sealed"], entry["date_of_birth"]) == ("sealed", True, None)
    problem = api.get(f"/api/v1/people/{person.regno}")
    assert (problem.status_code, problem.json()["code"]) == (403, "sealed")
    short = api.post(f"/api/v1/people/{person.regno}/openings", json={"reason": "x"})
    assert short.status_code == 422
    opened = api.post(f"/api/v1/people/{person.regno}/openings", json={"reason": "Case review"})
    assert opened.status_code == 204
    record = api.get(f"/api/v1/people/{person.regno}").json()
    assert (record["name"], record["sealed"]) == (NAME, True)
    assert api.get("/api/v1/sealed").status_code == 403  # only protection officers
