"""Administration pages: an office and a facility are edited in place; a closed facility keeps
its people but is no longer offered."""

from __future__ import annotations

import pytest

from factories.access import make_actor, make_office
from factories.registry import make_facility
from sijill.access import service as access_service
from sijill.access.actor import operator_actor
from sijill.access.permissions import Role
from sijill.audit import service as audit
from sijill.registry import reference

pytestmark = pytest.mark.integration


def test_an_office_is_renamed_and_made_national(web_as, session):
    web, _, csrf = web_as(Role.ADMINISTRATOR)
    office = make_office(session)
    session.commit()
    response = web.post(
        f"/admin/offices/{office}",
        data={"csrf_token": csrf, "name": "Idlib field office", "national": "on"},
    )
    assert response.status_code == 200
    [changed] = [
        o for o in access_service.list_offices(session, operator_actor()) if o.code == office
    ]
    assert (changed.name, changed.national) == ("Idlib field office", True)
    assert "Idlib field office" in response.text


def test_a_facility_is_closed_and_no_longer_offered(web_as, session):
    web, _, csrf = web_as(Role.ADMINISTRATOR)
    office = make_office(session)
    facility = make_facility(session, office)
    session.commit()
    data = {"csrf_token": csrf, "name": "Camp renamed", "kind": "camp", "location": "Hasakah"}
    response = web.post(f"/admin/facilities/{facility.id}", data=data)
    assert response.status_code == 200
    registrar = make_actor(session, Role.REGISTRAR, office)
    assert reference.list_facilities(session, registrar) == []
    [closed] = reference.list_facilities(session, registrar, closed=True)
    assert (closed.name, closed.location, closed.active) == ("Camp renamed", "Hasakah", False)
    entries = audit.entries_for(session, [str(facility.id)])
    assert entries[0].tag == "registry:facility:update"


def test_a_facility_cannot_take_the_name_of_another(web_as, session):
    web, _, csrf = web_as(Role.ADMINISTRATOR)
    office = make_office(session)
    first = make_facility(session, office)
    second = make_facility(session, office)
    session.commit()
    data = {"csrf_token": csrf, "name": first.name, "kind": "camp", "active": "on"}
    response = web.post(f"/admin/facilities/{second.id}", data=data)
    assert response.status_code == 409
    assert "exists already" in response.text


def test_the_api_edits_offices_and_facilities(api_as, session):
    api, _ = api_as(Role.ADMINISTRATOR)
    office = make_office(session)
    facility = make_facility(session, office)
    session.commit()
    body = api.patch(f"/api/v1/offices/{office}", json={"name": "Renamed"}).json()
    assert body["name"] == "Renamed"
    assert api.patch("/api/v1/offices/NOPE", json={"name": "x"}).status_code == 404
    body = api.put(
        f"/api/v1/facilities/{facility.id}", json={"name": "Base 2", "kind": "base"}
    ).json()
    assert (body["name"], body["kind"], body["active"]) == ("Base 2", "base", True)
