"""Every route x every role, generated from the app's route table.

``EXPECTED`` says who may use each route. A route added to the app without an entry here
fails ``test_the_table_covers_every_route``; every entry is then tried for every role:
allowed roles never get 401/403, the others get 403 (a problem from the API, a page from
the web), nobody logged in gets 401 (API) or a redirect to /login (pages), and a person of
another office is 404 for everyone allowed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select
from starlette.routing import Route

from factories.access import make_actor, make_office, make_token, make_user
from factories.jobs import make_job
from factories.registry import make_facility, make_group, person_in, register
from factories.screening import import_sample
from sijill.access import service as access_service
from sijill.access.permissions import Role
from sijill.screening import service as screening_service
from sijill.screening.models import ScreeningHit

pytestmark = pytest.mark.integration

PUBLIC = "public"
ANY_USER = frozenset(Role)
READERS = frozenset(
    {Role.REGISTRAR, Role.SCREENING, Role.CASE, Role.PROTECTION, Role.ARMS, Role.SUPERVISOR}
)
WRITERS = frozenset({Role.REGISTRAR, Role.SUPERVISOR})
MOVERS = frozenset({Role.REGISTRAR, Role.CASE, Role.SUPERVISOR})
ADMIN = frozenset({Role.ADMINISTRATOR})
REFERENCE_READERS = READERS | ADMIN
SCREEN_READERS = frozenset({Role.SCREENING, Role.PROTECTION, Role.SUPERVISOR})
DECIDERS = frozenset({Role.SCREENING, Role.SUPERVISOR})
LIST_MANAGERS = frozenset({Role.SCREENING, Role.ADMINISTRATOR})
LIST_READERS = SCREEN_READERS | ADMIN

FTM_LINE = '{"id": "matrix-1", "schema": "Person", "properties": {"name": ["Matrix Listed"]}}'

EXPECTED: dict[tuple[str, str], Any] = {
    # documentation
    ("GET", "/api/openapi.json"): PUBLIC,
    ("GET", "/api/docs"): PUBLIC,
    ("GET", "/docs/oauth2-redirect"): PUBLIC,
    # API: people
    ("GET", "/api/v1/people"): READERS,
    ("POST", "/api/v1/people"): WRITERS,
    ("GET", "/api/v1/people/{regno}"): READERS,
    ("PUT", "/api/v1/people/{regno}"): WRITERS,
    ("POST", "/api/v1/people/{regno}/moves"): MOVERS,
    ("GET", "/api/v1/people/{regno}/history"): READERS,
    ("GET", "/api/v1/people/{regno}/versions/{version}"): READERS,
    # API: reference data
    ("GET", "/api/v1/groups"): REFERENCE_READERS,
    ("POST", "/api/v1/groups"): ADMIN,
    ("PUT", "/api/v1/groups/{group_id}"): ADMIN,
    ("GET", "/api/v1/facilities"): REFERENCE_READERS,
    ("POST", "/api/v1/facilities"): ADMIN,
    # API: access
    ("GET", "/api/v1/offices"): ADMIN,
    ("POST", "/api/v1/offices"): ADMIN,
    ("GET", "/api/v1/users"): ADMIN,
    ("POST", "/api/v1/users"): ADMIN,
    ("PATCH", "/api/v1/users/{user_id}"): ADMIN,
    ("GET", "/api/v1/me/tokens"): ANY_USER,
    ("POST", "/api/v1/me/tokens"): ANY_USER,
    ("DELETE", "/api/v1/me/tokens/{token_id}"): ANY_USER,
    # API: background jobs (counts and a message; seen by the office that started them)
    ("GET", "/api/v1/jobs"): ANY_USER,
    ("GET", "/api/v1/jobs/{job_id}"): ANY_USER,
    ("POST", "/api/v1/jobs/{job_id}/cancel"): ANY_USER,
    # API: screening
    ("GET", "/api/v1/screening/hits"): SCREEN_READERS,
    ("GET", "/api/v1/screening/hits/{hit_id}"): SCREEN_READERS,
    ("POST", "/api/v1/screening/hits/{hit_id}/decision"): DECIDERS,
    ("GET", "/api/v1/screening/people/{person_id}"): SCREEN_READERS,
    ("GET", "/api/v1/screening/lists"): LIST_READERS,
    ("GET", "/api/v1/screening/lists/{snapshot_id}"): LIST_READERS,
    ("POST", "/api/v1/screening/lists"): LIST_MANAGERS,
    ("POST", "/api/v1/screening/rescreen"): LIST_MANAGERS,
    # pages: logging in
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,
    ("GET", "/login/totp"): PUBLIC,
    ("POST", "/login/totp"): PUBLIC,
    ("GET", "/login/enrol"): PUBLIC,
    ("POST", "/login/enrol"): PUBLIC,
    ("POST", "/logout"): PUBLIC,
    ("GET", "/lang/{code}"): PUBLIC,
    ("GET", "/account"): ANY_USER,
    ("POST", "/account/tokens"): ANY_USER,
    ("POST", "/account/tokens/{token_id}/revoke"): ANY_USER,
    # pages: people
    ("GET", "/"): ANY_USER,
    ("GET", "/people"): READERS,
    ("GET", "/people/new"): WRITERS,
    ("POST", "/people"): WRITERS,
    ("GET", "/people/{regno}"): READERS,
    ("GET", "/people/{regno}/edit"): WRITERS,
    ("POST", "/people/{regno}"): WRITERS,
    ("POST", "/people/{regno}/move"): MOVERS,
    ("GET", "/people/{regno}/history"): READERS,
    ("GET", "/people/{regno}/versions/{version}"): READERS,
    # pages: administration
    ("GET", "/admin"): ADMIN,
    ("POST", "/admin/users"): ADMIN,
    ("POST", "/admin/users/{user_id}"): ADMIN,
    ("POST", "/admin/offices"): ADMIN,
    ("POST", "/admin/groups"): ADMIN,
    ("POST", "/admin/groups/{group_id}"): ADMIN,
    ("POST", "/admin/facilities"): ADMIN,
    # pages: background jobs
    ("GET", "/jobs"): ANY_USER,
    ("GET", "/jobs/{job_id}"): ANY_USER,
    ("POST", "/jobs/{job_id}/cancel"): ANY_USER,
    # pages: screening
    ("GET", "/screening"): SCREEN_READERS,
    ("GET", "/screening/hits/{hit_id}"): SCREEN_READERS,
    ("POST", "/screening/hits/{hit_id}/decision"): DECIDERS,
    ("GET", "/screening/lists"): LIST_READERS,
    ("GET", "/screening/lists/{snapshot_id}"): LIST_READERS,
    ("POST", "/screening/lists"): LIST_MANAGERS,
    ("POST", "/screening/rescreen"): LIST_MANAGERS,
}


def app_routes(app: FastAPI) -> Iterator[tuple[str, str]]:
    """(method, path) of every route, through routers included with a prefix."""
    for route in app.routes:
        contexts = getattr(route, "effective_route_contexts", None)  # FastAPI >= 0.16x
        pairs = [(c.path, c.original_route) for c in contexts()] if contexts else []
        if isinstance(route, APIRoute | Route):
            pairs.append((route.path, route))
        for path, original in pairs:
            for method in getattr(original, "methods", None) or ():
                if method != "HEAD":
                    yield method, path


def test_the_table_covers_every_route(app):
    routes = set(app_routes(app))
    assert len(routes) >= 50
    assert sorted(routes - EXPECTED.keys()) == [], "new routes need an entry in EXPECTED"
    assert sorted(EXPECTED.keys() - routes) == [], "EXPECTED lists routes that are gone"


def person_form(csrf: str, name: str, **extra: str) -> dict[str, str]:
    return {"csrf_token": csrf, "names.0.full": name, "names.0.name_type": "primary", **extra}


def request_for(method: str, path: str, ctx: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A well-formed request: only the role, the office or the state can refuse it."""
    url = re.sub(r"\{(\w+)\}", lambda m: str(ctx[m.group(1)]), path)
    csrf, office = ctx["csrf"], ctx["office"]
    if path == "/people" and method == "GET":
        url += "?q=Matrix"
    if path == "/api/v1/screening/lists":
        url += "?name=Matrix+list&format=ftm"
    if (method, path) == ("POST", "/screening/lists"):
        form = {"csrf_token": csrf, "name": "Matrix list", "format": "ftm"}
        return url, {"data": form, "files": {"file": ("list.jsonl", FTM_LINE)}}
    bodies: dict[tuple[str, str], dict[str, Any]] = {
        ("POST", "/api/v1/people"): person_in("Matrix Person").model_dump(mode="json"),
        ("PUT", "/api/v1/people/{regno}"): {
            **person_in("Matrix Corrected").model_dump(mode="json"), "expected_version": 1},
        ("POST", "/api/v1/people/{regno}/moves"): {"facility_id": str(ctx["facility_id"])},
        ("POST", "/api/v1/groups"): {"name": "Matrix group"},
        ("PUT", "/api/v1/groups/{group_id}"): {"name": "Matrix group renamed"},
        ("POST", "/api/v1/facilities"): {"name": "Matrix camp", "kind": "camp",
                                         "office_code": office},
        ("POST", "/api/v1/offices"): {"code": "MXAPI", "name": "Matrix office"},
        ("POST", "/api/v1/users"): {"username": "matrix.api", "full_name": "M",
                                    "role": "case_officer", "office_code": office,
                                    "password": "p" * 12},
        ("PATCH", "/api/v1/users/{user_id}"): {"full_name": "Renamed"},
        ("POST", "/api/v1/me/tokens"): {"name": "matrix"},
        ("POST", "/api/v1/screening/hits/{hit_id}/decision"): {
            "decision": "more_information", "reason": "matrix"},
        ("POST", "/api/v1/screening/lists"): json.loads(FTM_LINE),
        ("POST", "/api/v1/screening/rescreen"): {"snapshot_id": None},
    }  # fmt: skip
    forms: dict[tuple[str, str], dict[str, str]] = {
        ("POST", "/people"): person_form(csrf, "Matrix Person"),
        ("POST", "/people/{regno}"): person_form(csrf, "Matrix Corrected", expected_version="1"),
        ("POST", "/people/{regno}/move"): {"csrf_token": csrf,
                                           "facility_id": str(ctx["facility_id"])},
        ("POST", "/account/tokens"): {"csrf_token": csrf, "name": "matrix"},
        ("POST", "/admin/users"): {"csrf_token": csrf, "username": "matrix.web",
                                   "full_name": "M", "role": "case_officer",
                                   "office_code": office, "password": "p" * 12},
        ("POST", "/admin/users/{user_id}"): {"csrf_token": csrf, "full_name": "Renamed",
                                             "active": "on"},
        ("POST", "/admin/offices"): {"csrf_token": csrf, "code": "MXWEB", "name": "Matrix"},
        ("POST", "/admin/groups"): {"csrf_token": csrf, "name": "Matrix web group"},
        ("POST", "/admin/groups/{group_id}"): {"csrf_token": csrf, "name": "Renamed group"},
        ("POST", "/admin/facilities"): {"csrf_token": csrf, "name": "Matrix web camp",
                                        "kind": "base", "office_code": office},
        ("POST", "/screening/hits/{hit_id}/decision"): {"csrf_token": csrf,
                                                        "decision": "more_information",
                                                        "reason": "matrix"},
    }  # fmt: skip
    if (method, path) in bodies:
        return url, {"json": bodies[(method, path)]}
    if method == "POST":
        return url, {"data": forms.get((method, path), {"csrf_token": csrf})}
    return url, {}


@pytest.fixture
def world(session):
    """Two offices with a person each, a facility, a group, a user to manage."""
    office = make_office(session)
    registrar = make_actor(session, Role.REGISTRAR, office)
    mine = register(session, registrar, "Yusuf Karimov")
    theirs = register(session, make_actor(session), "Rustam Aliev")
    snapshot = import_sample(session)
    listed = register(session, registrar, "Khalid Yusuf al-Marzuqi", year=1984)
    screening_service.screen_person(session, registrar, listed.id)
    return {
        "office": office,
        "regno": mine.regno,
        "other_regno": theirs.regno,
        "version": 1,
        "facility_id": make_facility(session, office).id,
        "group_id": make_group(session).id,
        "user_id": make_user(session, Role.CASE, office).id,
        "job_id": make_job(session, registrar, n=1).id,
        "code": "ar",
        "snapshot_id": snapshot.id,
        "person_id": listed.id,
        "hit_id": session.scalar(
            select(ScreeningHit.id).where(ScreeningHit.person_id == listed.id)
        ),
    }


def clients(app, web_as, session, role, ctx) -> tuple[TestClient, TestClient, dict[str, Any]]:
    web, user, csrf = web_as(role, ctx["office"])
    web.follow_redirects = False
    api = TestClient(app, base_url="http://testserver")
    api.headers["Authorization"] = f"Bearer {make_token(session, user)}"
    spare = access_service.create_token(session, access_service.actor_for(user), "spare")
    session.commit()
    return web, api, ctx | {"csrf": csrf, "token_id": spare.info.id}


@pytest.mark.parametrize("role", list(Role))
def test_every_route_for_every_role(app, web_as, session, world, role):
    web, api, ctx = clients(app, web_as, session, role, world)
    wrong = []
    for (method, path), allowed in EXPECTED.items():
        if allowed == PUBLIC:
            continue
        is_api = path.startswith("/api/")
        url, kwargs = request_for(method, path, ctx)
        response = (api if is_api else web).request(method, url, **kwargs)
        status = response.status_code
        if role in allowed:
            if status in (401, 403) or (status == 303 and "/login" in response.headers["location"]):
                wrong.append(f"{method} {path}: {status}, expected access")
        elif status != 403:
            wrong.append(f"{method} {path}: {status}, expected 403")
        elif is_api and response.headers["content-type"] != "application/problem+json":
            wrong.append(f"{method} {path}: 403 not as a problem")
        elif not is_api and "text/html" not in response.headers["content-type"]:
            wrong.append(f"{method} {path}: 403 not as a page")
    assert wrong == []


@pytest.mark.parametrize("role", sorted(READERS))
def test_a_person_of_another_office_is_not_found(app, web_as, session, world, role):
    web, api, ctx = clients(app, web_as, session, role, world)
    ctx = ctx | {"regno": ctx["other_regno"]}
    wrong = []
    for (method, path), allowed in EXPECTED.items():
        if "{regno}" not in path or role not in allowed:
            continue
        url, kwargs = request_for(method, path, ctx)
        response = (api if path.startswith("/api/") else web).request(method, url, **kwargs)
        if response.status_code != 404:
            wrong.append(f"{method} {path}: {response.status_code}")
    assert wrong == []


def test_nobody_logged_in(app, session, world):
    anonymous = TestClient(app, base_url="http://testserver", follow_redirects=False)
    wrong = []
    for (method, path), allowed in EXPECTED.items():
        # a session with a CSRF token but no user (a token, so that CSRF does not answer first)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', anonymous.get("/login").text)
        ctx = world | {"csrf": csrf.group(1), "token_id": world["user_id"]}
        url, kwargs = request_for(method, path, ctx)
        response = anonymous.request(method, url, **kwargs)
        status, location = response.status_code, response.headers.get("location", "")
        if allowed == PUBLIC:
            refused = status in (401, 403) and path != "/login"  # a wrong password is 401
            if refused or location.startswith("/login?next"):
                wrong.append(f"{method} {path}: {status} {location}, expected public")
        elif path.startswith("/api/"):
            if status != 401 or response.json()["code"] != "not_authenticated":
                wrong.append(f"{method} {path}: {status}, expected 401")
        elif status != 303 or not location.startswith("/login?next="):
            wrong.append(f"{method} {path}: {status} {location}, expected the login page")
    assert wrong == []
