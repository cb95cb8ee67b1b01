"""Input no model can hold is refused with 422, never a server error: a NUL character
anywhere (PostgreSQL cannot even compare text with one), and a value a route's own model
refuses after FastAPI accepted the path."""

from __future__ import annotations

import pytest

from factories.access import make_office
from sijill.access.permissions import Role

pytestmark = pytest.mark.integration


def test_a_nul_character_is_refused_wherever_it_is(api_as, web_as, session):
    office = make_office(session, national=True)
    admin, _ = api_as(Role.ADMINISTRATOR, office)
    body = {"name": "Camp", "kind": "camp", "office_code": "\x00"}
    refused = admin.post("/api/v1/facilities", json=body)
    assert refused.status_code == 422 and "NUL" in refused.json()["detail"]
    assert list(refused.json()["errors"]) == ["office_code"]
    assert admin.get("/api/v1/people?q=a%00b").status_code == 422
    assert admin.get("/api/v1/people/SJ%00X").status_code == 422
    web, _, csrf = web_as(Role.REGISTRAR, office)
    form = web.post("/people/new", data={"csrf_token": csrf, "names-0-full": "A\x00B"})
    assert form.status_code == 422


def test_a_value_a_route_model_refuses_is_a_422(api_as, session):
    supervisor, _ = api_as(Role.SUPERVISOR, make_office(session, national=True))
    answer = supervisor.delete("/api/v1/cases/X1/observers/" + "u" * 65)
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
