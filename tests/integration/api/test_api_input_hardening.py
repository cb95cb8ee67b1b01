"""Hostile input: SQL injection in every search field and query parameter, malformed
Unicode, oversized bodies. Each is refused or harmless, never a server error, and nothing is
written."""

from __future__ import annotations

import json

import pytest

from factories.access import make_actor
from factories.db import row_counts
from factories.registry import register
from sijill.access import service as access_service
from sijill.access.permissions import Role
from sijill.registry import queries

pytestmark = pytest.mark.integration

INJECTIONS = [
    "' OR '1'='1",
    "'; DROP TABLE person; --",
    '" OR 1=1 --',
    "1' UNION SELECT username, password_hash, NULL, NULL FROM app_user --",
    "%' OR name LIKE '%",
    "Yusuf'); DELETE FROM audit_entry; --",
    "\\'; SELECT pg_sleep(10); --",
    "*/ OR /**/ 1=1",
]


@pytest.fixture
def people(session, api_as):
    api, user = api_as(Role.SUPERVISOR)
    register(session, make_actor(session, Role.REGISTRAR, user.office.code), "Yusuf Karimov")
    session.commit()
    return api, user


@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_injection_in_the_api_finds_nothing_and_changes_nothing(session, people, payload):
    api, _ = people
    before = row_counts(session)
    for params in ({"q": payload}, {"q": payload, "limit": "5", "offset": "0"}):
        response = api.get("/api/v1/people", params=params)
        assert response.status_code == 200
        assert all(p["name"] != "Yusuf Karimov" or "Yusuf" in payload for p in response.json())
    for path in (f"/api/v1/people/{payload}", f"/api/v1/people/{payload}/history"):
        assert api.get(path).status_code in (404, 422)
    for params in ({"limit": payload}, {"offset": payload}):
        assert api.get("/api/v1/people", params=params).status_code == 422
    session.expire_all()
    assert row_counts(session) == before


@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_injection_in_the_pages_and_the_login_form(session, web_as, payload):
    web, _, _ = web_as(Role.REGISTRAR)
    before = row_counts(session)
    assert web.get("/people", params={"q": payload}).status_code == 200
    assert web.get(f"/people/{payload}").status_code in (404, 422)
    anonymous = web.__class__(web.app, base_url="http://testserver")
    login_page = anonymous.get("/login").text
    csrf = login_page.split('name="csrf_token" value="')[1].split('"')[0]
    data = {"username": payload[:64], "password": payload, "csrf_token": csrf}
    assert anonymous.post("/login", data=data).status_code == 401
    session.expire_all()
    after = row_counts(session)
    assert after.pop("login_throttle") >= before.pop("login_throttle")  # the failure counts
    assert after == before


def test_sql_injection_through_the_query_layer_is_a_plain_search(session, people):
    _, user = people
    actor = access_service.actor_for(user)
    for payload in INJECTIONS:
        assert [p.name for p in queries.search(session, actor, payload)] == []


@pytest.mark.parametrize(
    "raw",
    [
        b'{"names": [{"full": "Yusuf \\ud800 Karimov"}]}',  # a lone surrogate, escaped
        b'{"names": [{"full": "Yusuf \xed\xa0\x80 Karimov"}]}',  # a surrogate, UTF-8 encoded
        b'{"names": [{"full": "Yusuf \xc0\xaf Karimov"}]}',  # an overlong "/"
        b'{"names": [{"full": "\xff\xfe"}]}',  # not UTF-8 at all
    ],
)
def test_malformed_unicode_in_a_body_is_refused(session, api_as, raw):
    api, _ = api_as(Role.REGISTRAR)
    before = row_counts(session)
    response = api.post("/api/v1/people", content=raw, headers={"content-type": "application/json"})
    assert response.status_code in (400, 422), response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert row_counts(session) == before


@pytest.mark.parametrize(
    "name",
    [
        "Yusuf\u202eKarimov",  # right-to-left override
        "Yusuf\u200bKarimov",  # zero-width space
        "Yusuf\u2066Karimov\u2069",  # isolates
        "Yusuf\u0000Karimov",  # NUL
    ],
)
def test_bidi_controls_zero_width_and_nul_in_names_are_refused(session, api_as, name):
    api, _ = api_as(Role.REGISTRAR)
    before = row_counts(session)
    response = api.post("/api/v1/people", json={"names": [{"full": name}]})
    assert response.status_code == 422, response.text
    assert "names.0.full" in response.json()["errors"]
    assert row_counts(session) == before


@pytest.mark.parametrize("query", ["%ED%A0%80", "%C0%AF", "%FF%FE", "\u202e\u200b"])
def test_malformed_unicode_in_a_query_is_harmless(people, query):
    api, _ = people
    response = api.get(f"/api/v1/people?q={query}")
    assert response.status_code in (200, 400, 422)


def test_oversized_bodies_are_refused_before_they_are_read(session, api_as, web_as, settings):
    api, _ = api_as(Role.REGISTRAR)
    web, _, token = web_as(Role.REGISTRAR)
    before = row_counts(session)
    huge = json.dumps({"names": [{"full": "Y" * settings.max_request_bytes}]})
    headers = {"content-type": "application/json"}
    response = api.post("/api/v1/people", content=huge, headers=headers)
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    form = {"csrf_token": token, "names.0.full": "Y" * settings.max_request_bytes}
    assert web.post("/people", data=form).status_code == 413
    assert row_counts(session) == before


@pytest.mark.parametrize(
    ("role", "path", "body"),
    [
        (Role.REGISTRAR, "/api/v1/me/tokens", {"name": "laptop\x00"}),
        (Role.ADMINISTRATOR, "/api/v1/offices", {"code": "NUL", "name": "Raqqa\x00"}),
        (Role.ADMINISTRATOR, "/api/v1/groups", {"name": "Group\x1b[2J"}),
    ],
)
def test_control_characters_in_free_text_are_refused(session, api_as, role, path, body):
    api, _ = api_as(role)
    before = row_counts(session)
    response = api.post(path, json=body)
    assert response.status_code == 422, response.text
    assert row_counts(session) == before
