"""Every API error is one application/problem+json shape (RFC 9457), pinned here."""

from __future__ import annotations

import pytest

from factories.registry import person_in, register
from sijill.access import service as access_service
from sijill.access.permissions import Role

pytestmark = pytest.mark.integration

PROBLEM = "application/problem+json"
BASE_KEYS = {"type", "title", "status", "detail", "code"}


def problem_of(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["type"] == f"urn:sijill:problem:{body['code']}"
    assert body["detail"]
    return body


def test_401_without_a_token(client):
    response = client.get("/api/v1/people")
    body = problem_of(response, 401)
    assert body == {
        "type": "urn:sijill:problem:not_authenticated",
        "title": "Not authenticated",
        "status": 401,
        "detail": "Send an API token as 'Authorization: Bearer <token>'.",
        "code": "not_authenticated",
    }
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("header", ["Bearer sj_not-a-token", "Bearer ", "Basic YWRtaW46YWRtaW4="])
def test_401_with_a_bad_token(client, header):
    body = problem_of(client.get("/api/v1/people", headers={"Authorization": header}), 401)
    assert set(body) == BASE_KEYS
    assert body["code"] == "not_authenticated"


def test_401_with_a_revoked_token_or_an_inactive_user(client, session, api_as):
    api, user = api_as(Role.REGISTRAR)
    assert api.get("/api/v1/people").status_code == 200
    user.active = False
    session.commit()
    body = problem_of(api.get("/api/v1/people"), 401)
    assert body["detail"] == "The API token is unknown or revoked."
    user.active = True
    (token,) = access_service.list_tokens(session, access_service.actor_for(user))
    access_service.revoke_token(session, access_service.actor_for(user), token.id)
    session.commit()
    assert api.get("/api/v1/people").status_code == 401


def test_403_for_a_role_that_may_not(api_as):
    api, _ = api_as(Role.OBSERVER)
    body = problem_of(api.get("/api/v1/people"), 403)
    assert body == {
        "type": "urn:sijill:problem:not_permitted",
        "title": "Not permitted",
        "status": 403,
        "detail": "Your role (observer) may not do this (person:read).",
        "code": "not_permitted",
    }


def test_404_for_an_unknown_or_invisible_person(api_as, session):
    api, _ = api_as(Role.REGISTRAR)
    other, _ = api_as(Role.REGISTRAR)
    regno = other.post("/api/v1/people", json=person_in().model_dump(mode="json")).json()["regno"]
    body = problem_of(api.get(f"/api/v1/people/{regno}"), 404)
    assert body == {
        "type": "urn:sijill:problem:not_found",
        "title": "Not found",
        "status": 404,
        "detail": f"No person with registry number {regno!r} in your offices.",
        "code": "not_found",
    }


def test_404_for_an_unknown_route_is_a_problem_too(api_as):
    api, _ = api_as(Role.REGISTRAR)
    body = problem_of(api.get("/api/v1/nothing-here"), 404)
    assert set(body) == BASE_KEYS
    assert body["code"] == "http_error"


def test_409_for_a_stale_version(api_as, session):
    api, user = api_as(Role.REGISTRAR)
    person = register(session, access_service.actor_for(user), "Yusuf Karimov")
    session.commit()
    body = {**person_in("Yusuf Qarimov").model_dump(mode="json"), "expected_version": 1}
    assert api.put(f"/api/v1/people/{person.regno}", json=body).status_code == 200
    problem = problem_of(api.put(f"/api/v1/people/{person.regno}", json=body), 409)
    assert set(problem) == BASE_KEYS | {"current_version"}
    assert problem["code"] == "conflict"
    assert problem["title"] == "Conflict"
    assert problem["current_version"] == 2
    assert "version 1" in problem["detail"] and "version 2" in problem["detail"]


def test_409_needs_confirmation_names_the_field(api_as, session):
    api, user = api_as(Role.REGISTRAR)
    register(session, access_service.actor_for(user), "Yusuf Karimov", document="AA1111111")
    session.commit()
    body = person_in("Rustam Karimov", document="AA1111111").model_dump(mode="json")
    problem = problem_of(api.post("/api/v1/people", json=body), 409)
    assert set(problem) == BASE_KEYS | {"errors", "warnings"}
    assert problem["code"] == "needs_confirmation"
    assert problem["errors"] == {"documents.0.shared_number_reason": problem["detail"]}
    assert problem["warnings"] == ["document_number_shared:0"]


def test_422_from_the_services_keys_each_field(api_as):
    api, _ = api_as(Role.REGISTRAR)
    body = person_in("Ali\u202eReza", birth_country="XX").model_dump(mode="json")
    problem = problem_of(api.post("/api/v1/people", json=body), 422)
    assert set(problem) == BASE_KEYS | {"errors"}
    assert problem["code"] == "invalid_input"
    assert problem["title"] == "Invalid input"
    assert set(problem["errors"]) == {"names.0.full", "birth_country"}
    assert "U+202E" in problem["errors"]["names.0.full"]


def test_422_from_request_validation_keys_each_field(api_as):
    api, _ = api_as(Role.REGISTRAR)
    body = {"names": [{"full": "Ali", "name_type": "nickname"}], "sex": "X", "colour": "red"}
    problem = problem_of(api.post("/api/v1/people", json=body), 422)
    assert set(problem) == BASE_KEYS | {"errors"}
    assert problem["code"] == "invalid_input"
    assert set(problem["errors"]) == {"names.0.name_type", "sex", "colour"}


def test_422_for_a_malformed_json_body(api_as):
    api, _ = api_as(Role.REGISTRAR)
    response = api.post(
        "/api/v1/people", content=b"{not json", headers={"content-type": "application/json"}
    )
    problem = problem_of(response, 422)
    assert problem["code"] == "invalid_input"


def test_413_for_a_body_too_large(api_as):
    api, _ = api_as(Role.REGISTRAR)
    body = {"names": [{"full": "A" * 1_100_000}]}
    problem = problem_of(api.post("/api/v1/people", json=body), 413)
    assert set(problem) == BASE_KEYS
    assert problem["code"] == "too_large"
