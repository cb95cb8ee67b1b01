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
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select
from starlette.routing import Route

from factories import credentials as credentials_factory
from factories.access import make_actor, make_office, make_token, make_user
from factories.arms_matrix import arms_bodies, arms_forms, arms_photo, arms_world
from factories.cases import approved_papers
from factories.dedup import dedup_bodies, dedup_forms, dedup_world
from factories.jobs import make_job
from factories.photos import give_photo, person_photo
from factories.registry import make_facility, make_group, person_in, register
from factories.screening import import_sample
from factories.transfers import make_batch
from sijill.access import service as access_service
from sijill.access.permissions import Role
from sijill.credentials import service as credentials_service
from sijill.credentials.payload import DocType
from sijill.credentials.schemas import DocumentRequestIn
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
ARMS_READERS = frozenset({Role.ARMS, Role.SUPERVISOR})
ARMS_RECORDERS = frozenset({Role.ARMS})
PERMIT_REQUESTERS = frozenset({Role.ARMS})
PERMIT_APPROVERS = frozenset({Role.SUPERVISOR})
DOC_READERS = frozenset({Role.CASE, Role.PROTECTION, Role.ARMS, Role.SUPERVISOR})
DOC_ISSUERS = frozenset({Role.CASE, Role.ARMS, Role.SUPERVISOR})
SUPERVISOR = frozenset({Role.SUPERVISOR})
PUBLISHERS = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})
CASEWORKERS = frozenset({Role.CASE, Role.SUPERVISOR})
CASE_ANY = CASEWORKERS | {Role.PROTECTION}
JUDICIAL = frozenset({Role.PROTECTION, Role.SUPERVISOR})
BACKLOG = frozenset({Role.CASE, Role.PROTECTION, Role.SUPERVISOR})
ASSIGNERS = frozenset({Role.SUPERVISOR})
SEALERS = frozenset({Role.PROTECTION})
REFERENCE_READERS = READERS | ADMIN
DEDUP_REVIEWERS = frozenset({Role.SCREENING, Role.SUPERVISOR})
MERGE_APPROVERS = frozenset({Role.SUPERVISOR})
TRANSFER_READERS = frozenset({Role.CASE, Role.PROTECTION, Role.ARMS, Role.SUPERVISOR})
TRANSFER_MANAGERS = frozenset({Role.CASE, Role.SUPERVISOR})
SUPERVISORS = frozenset({Role.SUPERVISOR})
PROTECTION = frozenset({Role.PROTECTION})
RISK_READERS = frozenset({Role.CASE, Role.PROTECTION, Role.SUPERVISOR, Role.ADMINISTRATOR})
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
    ("PUT", "/api/v1/people/{regno}/photo"): WRITERS,
    ("GET", "/api/v1/people/{regno}/photo"): READERS,
    ("GET", "/api/v1/people/{regno}/photo/thumbnail"): READERS,
    ("GET", "/api/v1/people/{regno}/photos"): READERS,
    # API: sealed records (seal, then lift at once: the person stays readable for the rest)
    ("POST", "/api/v1/people/{regno}/openings"): READERS,
    ("POST", "/api/v1/people/{regno}/seal"): SEALERS,
    ("POST", "/api/v1/people/{regno}/unseal"): SEALERS,
    ("GET", "/api/v1/sealed"): SEALERS,
    # API: reference data
    ("GET", "/api/v1/groups"): REFERENCE_READERS,
    ("POST", "/api/v1/groups"): ADMIN,
    ("PUT", "/api/v1/groups/{group_id}"): ADMIN,
    ("GET", "/api/v1/facilities"): REFERENCE_READERS,
    ("POST", "/api/v1/facilities"): ADMIN,
    ("PUT", "/api/v1/facilities/{facility_id}"): ADMIN,
    # API: signed documents
    ("GET", "/api/v1/people/{regno}/documents"): DOC_READERS,
    ("POST", "/api/v1/people/{regno}/documents"): DOC_ISSUERS,
    ("GET", "/api/v1/documents/requests"): DOC_READERS,
    ("POST", "/api/v1/documents/requests/{request_id}/approve"): SUPERVISOR,
    ("POST", "/api/v1/documents/requests/{request_id}/reject"): SUPERVISOR,
    ("POST", "/api/v1/documents/requests/{request_id}/issue"): DOC_ISSUERS,
    ("GET", "/api/v1/documents/published"): PUBLISHERS,
    ("GET", "/api/v1/documents/{serial}"): DOC_READERS,
    ("POST", "/api/v1/documents/{serial}/revoke"): SUPERVISOR,
    # API: access
    ("GET", "/api/v1/offices"): ADMIN,
    ("POST", "/api/v1/offices"): ADMIN,
    ("PATCH", "/api/v1/offices/{office}"): ADMIN,
    ("GET", "/api/v1/users"): ADMIN,
    ("POST", "/api/v1/users"): ADMIN,
    ("PATCH", "/api/v1/users/{user_id}"): ADMIN,
    ("DELETE", "/api/v1/users/{user_id}/sessions"): ADMIN,
    ("DELETE", "/api/v1/users/{user_id}/lockout"): ADMIN,
    ("GET", "/api/v1/me/tokens"): ANY_USER,
    ("POST", "/api/v1/me/tokens"): ANY_USER,
    ("DELETE", "/api/v1/me/tokens/{token_id}"): ANY_USER,
    # API: background jobs (counts and a message; seen by the office that started them)
    ("GET", "/api/v1/jobs"): ANY_USER,
    ("GET", "/api/v1/jobs/{job_id}"): ANY_USER,
    ("POST", "/api/v1/jobs/{job_id}/cancel"): ANY_USER,
    # API: weapons
    ("GET", "/api/v1/weapons"): ARMS_READERS,
    ("GET", "/api/v1/weapons/serial-check"): ARMS_READERS,
    ("GET", "/api/v1/weapons/{ref}"): ARMS_READERS,
    ("GET", "/api/v1/weapons/{ref}/history"): ARMS_READERS,
    ("POST", "/api/v1/weapons/{ref}/events"): ARMS_RECORDERS,
    ("POST", "/api/v1/weapons/{ref}/photos"): ARMS_RECORDERS,
    ("GET", "/api/v1/weapons/{ref}/photos/{sha256}"): ARMS_READERS,
    ("POST", "/api/v1/intakes"): ARMS_RECORDERS,
    ("GET", "/api/v1/intakes/{intake_ref}"): ARMS_READERS,
    ("GET", "/api/v1/permits"): ARMS_READERS,
    ("POST", "/api/v1/permits"): PERMIT_REQUESTERS,
    ("GET", "/api/v1/permits/{permit_ref}"): ARMS_READERS,
    ("POST", "/api/v1/permits/{permit_ref}/issue"): ARMS_RECORDERS,
    ("POST", "/api/v1/permits/{permit_ref}/renew"): PERMIT_REQUESTERS,
    ("POST", "/api/v1/permits/{permit_ref}/suspend"): PERMIT_REQUESTERS,
    ("POST", "/api/v1/permits/{permit_ref}/reinstate"): PERMIT_REQUESTERS,
    ("POST", "/api/v1/permits/{permit_ref}/approve"): PERMIT_APPROVERS,
    ("POST", "/api/v1/permits/{permit_ref}/refuse"): PERMIT_APPROVERS,
    ("POST", "/api/v1/permits/{permit_ref}/revoke"): PERMIT_APPROVERS,
    ("GET", "/api/v1/custody-tasks"): ARMS_READERS,
    ("GET", "/api/v1/declarations"): ARMS_READERS,
    ("POST", "/api/v1/declarations"): ARMS_RECORDERS,
    ("GET", "/api/v1/reports/weapons"): ARMS_READERS,
    # API: cases
    ("GET", "/api/v1/cases/{regno}"): READERS,
    ("POST", "/api/v1/cases/{regno}"): CASEWORKERS,
    ("POST", "/api/v1/cases/{regno}/pathways"): CASEWORKERS,
    ("POST", "/api/v1/pathways/{pathway_id}/transitions"): CASEWORKERS,
    ("PATCH", "/api/v1/pathways/{pathway_id}"): CASEWORKERS,
    ("POST", "/api/v1/pathways/{pathway_id}/items"): CASEWORKERS,
    ("PATCH", "/api/v1/items/{item_id}"): CASE_ANY,
    ("PUT", "/api/v1/cases/{regno}/officer"): ASSIGNERS,
    ("POST", "/api/v1/cases/{regno}/observers"): JUDICIAL,
    ("DELETE", "/api/v1/cases/{regno}/observers/{username}"): JUDICIAL,
    ("POST", "/api/v1/cases/{regno}/tasks"): CASEWORKERS,
    ("POST", "/api/v1/tasks/{task_id}/done"): CASEWORKERS,
    ("GET", "/api/v1/me/work"): CASEWORKERS,
    ("GET", "/api/v1/cases/{regno}/eligibility"): READERS,
    ("GET", "/api/v1/backlog"): BACKLOG,
    ("GET", "/api/v1/eligibility/rules"): ADMIN,
    ("POST", "/api/v1/eligibility/rules"): ADMIN,
    ("GET", "/api/v1/eligibility/rules/{rules_id}/preview"): ADMIN,
    ("POST", "/api/v1/eligibility/rules/{rules_id}/activate"): ADMIN,
    # API: transfers (cancel last: it ends the batch the other routes use)
    ("GET", "/api/v1/transfers/risks"): RISK_READERS,
    ("POST", "/api/v1/transfers/risks"): ADMIN,
    ("GET", "/api/v1/transfers/risks/{state}"): RISK_READERS,
    ("GET", "/api/v1/transfers/protection/{regno}"): PROTECTION,
    ("POST", "/api/v1/transfers/protection/{regno}"): PROTECTION,
    ("POST", "/api/v1/transfers/protection/{regno}/{factor_id}/withdraw"): PROTECTION,
    ("GET", "/api/v1/transfers"): TRANSFER_READERS,
    ("POST", "/api/v1/transfers"): TRANSFER_MANAGERS,
    ("POST", "/api/v1/transfers/incoming"): TRANSFER_MANAGERS,
    ("GET", "/api/v1/transfers/{ref}"): TRANSFER_READERS,
    ("GET", "/api/v1/transfers/{ref}/readiness"): TRANSFER_READERS,
    ("POST", "/api/v1/transfers/{ref}/people"): TRANSFER_MANAGERS,
    ("POST", "/api/v1/transfers/{ref}/items"): TRANSFER_MANAGERS,
    ("POST", "/api/v1/transfers/{ref}/reviews"): PROTECTION,
    ("POST", "/api/v1/transfers/{ref}/approvals"): SUPERVISORS,
    ("POST", "/api/v1/transfers/{ref}/manifest"): TRANSFER_MANAGERS,
    ("POST", "/api/v1/transfers/{ref}/manifest.pdf"): TRANSFER_MANAGERS,
    ("POST", "/api/v1/transfers/{ref}/handover"): TRANSFER_MANAGERS,
    ("POST", "/api/v1/transfers/{ref}/equipment/receive"): ARMS_RECORDERS,
    ("POST", "/api/v1/transfers/{ref}/discrepancies/{discrepancy_id}/resolve"): TRANSFER_MANAGERS,
    ("POST", "/api/v1/transfers/{ref}/close"): TRANSFER_MANAGERS,
    ("GET", "/api/v1/transfers/{ref}/arrivals/{line}/candidates"): TRANSFER_READERS,
    ("POST", "/api/v1/transfers/{ref}/arrivals/{line}/link"): TRANSFER_MANAGERS,
    ("POST", "/api/v1/transfers/{ref}/arrivals/{line}/register"): SUPERVISORS,
    ("POST", "/api/v1/transfers/{ref}/cancel"): TRANSFER_MANAGERS,
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
    ("POST", "/people/{regno}/photo"): WRITERS,
    ("GET", "/people/{regno}/photo"): READERS,
    ("GET", "/people/{regno}/photo/thumbnail"): READERS,
    ("GET", "/people/{regno}/history"): READERS,
    ("GET", "/people/{regno}/versions/{version}"): READERS,
    # pages: weapons
    ("GET", "/weapons"): ARMS_READERS,
    ("GET", "/weapons/{ref}"): ARMS_READERS,
    ("POST", "/weapons/{ref}/events"): ARMS_RECORDERS,
    ("POST", "/weapons/{ref}/photos"): ARMS_RECORDERS,
    ("GET", "/weapons/{ref}/photos/{sha256}"): ARMS_READERS,
    ("GET", "/intakes/new"): ARMS_RECORDERS,
    ("POST", "/intakes"): ARMS_RECORDERS,
    ("GET", "/intakes/{intake_ref}"): ARMS_READERS,
    ("GET", "/permits"): ARMS_READERS,
    ("POST", "/permits"): PERMIT_REQUESTERS,
    ("GET", "/permits/{permit_ref}"): ARMS_READERS,
    ("POST", "/permits/{permit_ref}/issue"): ARMS_RECORDERS,
    ("POST", "/permits/{permit_ref}/renew"): PERMIT_REQUESTERS,
    ("POST", "/permits/{permit_ref}/suspend"): PERMIT_REQUESTERS,
    ("POST", "/permits/{permit_ref}/reinstate"): PERMIT_REQUESTERS,
    ("POST", "/permits/{permit_ref}/approve"): PERMIT_APPROVERS,
    ("POST", "/permits/{permit_ref}/refuse"): PERMIT_APPROVERS,
    ("POST", "/permits/{permit_ref}/revoke"): PERMIT_APPROVERS,
    ("GET", "/custody-tasks"): ARMS_READERS,
    ("GET", "/reports/weapons"): ARMS_READERS,
    ("GET", "/reports/weapons.csv"): ARMS_READERS,
    ("POST", "/declarations"): ARMS_RECORDERS,
    # pages: signed documents
    ("GET", "/documents"): DOC_READERS | PUBLISHERS,
    ("POST", "/people/{regno}/documents"): DOC_ISSUERS,
    ("POST", "/documents/requests/{request_id}/decide"): SUPERVISOR,
    ("POST", "/documents/requests/{request_id}/issue"): DOC_ISSUERS,
    ("GET", "/documents/verifier.html"): PUBLISHERS,
    ("GET", "/documents/{serial}"): DOC_READERS,
    ("GET", "/documents/{serial}/{kind}.pdf"): DOC_READERS,
    ("POST", "/documents/{serial}/revoke"): SUPERVISOR,
    # pages: cases
    ("GET", "/cases/{regno}"): READERS,
    ("POST", "/cases/{regno}"): CASEWORKERS,
    ("POST", "/cases/{regno}/pathways"): CASEWORKERS,
    ("POST", "/pathways/{pathway_id}/move"): CASEWORKERS,
    ("POST", "/pathways/{pathway_id}/details"): CASEWORKERS,
    ("POST", "/pathways/{pathway_id}/items"): CASEWORKERS,
    ("POST", "/items/{item_id}"): CASE_ANY,
    ("POST", "/cases/{regno}/officer"): ASSIGNERS,
    ("POST", "/cases/{regno}/observers"): JUDICIAL,
    ("POST", "/cases/{regno}/tasks"): CASEWORKERS,
    ("POST", "/tasks/{task_id}/done"): CASEWORKERS,
    ("GET", "/work"): CASEWORKERS,
    ("GET", "/backlog"): BACKLOG,
    ("GET", "/backlog.csv"): BACKLOG,
    ("GET", "/backlog.xlsx"): BACKLOG,
    ("GET", "/eligibility/rules"): ADMIN,
    ("POST", "/eligibility/rules"): ADMIN,
    ("GET", "/eligibility/rules/{rules_id}"): ADMIN,
    ("POST", "/eligibility/rules/{rules_id}/activate"): ADMIN,
    # pages: sealed records (seal, then lift at once)
    ("POST", "/people/{regno}/open"): READERS,
    ("POST", "/people/{regno}/seal"): SEALERS,
    ("POST", "/people/{regno}/unseal"): SEALERS,
    ("GET", "/protection/sealed"): SEALERS,
    # pages: administration
    ("GET", "/admin"): ADMIN,
    ("POST", "/admin/users"): ADMIN,
    ("POST", "/admin/users/{user_id}"): ADMIN,
    ("POST", "/admin/offices"): ADMIN,
    ("POST", "/admin/offices/{office}"): ADMIN,
    ("POST", "/admin/groups"): ADMIN,
    ("POST", "/admin/groups/{group_id}"): ADMIN,
    ("POST", "/admin/facilities"): ADMIN,
    ("POST", "/admin/facilities/{facility_id}"): ADMIN,
    # pages: transfers (cancel last, as in the API)
    ("GET", "/transfers"): TRANSFER_READERS,
    ("POST", "/transfers"): TRANSFER_MANAGERS,
    ("GET", "/transfers/risks"): RISK_READERS,
    ("POST", "/transfers/risks"): ADMIN,
    ("GET", "/transfers/protection/{regno}"): PROTECTION,
    ("POST", "/transfers/protection/{regno}"): PROTECTION,
    ("POST", "/transfers/protection/{regno}/{factor_id}/withdraw"): PROTECTION,
    ("POST", "/transfers/incoming"): TRANSFER_MANAGERS,
    ("GET", "/transfers/{ref}"): TRANSFER_READERS,
    ("POST", "/transfers/{ref}/people"): TRANSFER_MANAGERS,
    ("POST", "/transfers/{ref}/items"): TRANSFER_MANAGERS,
    ("POST", "/transfers/{ref}/reviews"): PROTECTION,
    ("POST", "/transfers/{ref}/approvals"): SUPERVISORS,
    ("POST", "/transfers/{ref}/manifest"): TRANSFER_MANAGERS,
    ("POST", "/transfers/{ref}/manifest.pdf"): TRANSFER_MANAGERS,
    ("POST", "/transfers/{ref}/handover"): TRANSFER_MANAGERS,
    ("POST", "/transfers/{ref}/equipment/receive"): ARMS_RECORDERS,
    ("POST", "/transfers/{ref}/discrepancies/{discrepancy_id}/resolve"): TRANSFER_MANAGERS,
    ("POST", "/transfers/{ref}/close"): TRANSFER_MANAGERS,
    ("GET", "/transfers/{ref}/arrivals/{line}"): TRANSFER_READERS,
    ("POST", "/transfers/{ref}/arrivals/{line}/link"): TRANSFER_MANAGERS,
    ("POST", "/transfers/{ref}/arrivals/{line}/register"): SUPERVISORS,
    ("POST", "/transfers/{ref}/cancel"): TRANSFER_MANAGERS,
    # pages: background jobs
    ("GET", "/jobs"): ANY_USER,
    ("GET", "/jobs/{job_id}"): ANY_USER,
    ("POST", "/jobs/{job_id}/cancel"): ANY_USER,
    # API: duplicate review and merges
    ("POST", "/api/v1/dedup/runs"): DEDUP_REVIEWERS,
    ("GET", "/api/v1/dedup/pairs"): DEDUP_REVIEWERS,
    ("GET", "/api/v1/dedup/pairs/{pair_id}"): DEDUP_REVIEWERS,
    ("POST", "/api/v1/dedup/pairs/{pair_id}/not-same"): DEDUP_REVIEWERS,
    ("POST", "/api/v1/dedup/pairs/{pair_id}/merge"): DEDUP_REVIEWERS,
    ("GET", "/api/v1/dedup/merges"): DEDUP_REVIEWERS,
    ("POST", "/api/v1/dedup/merges/{merge_id}/decision"): MERGE_APPROVERS,
    ("POST", "/api/v1/dedup/merges/{merge_id}/undo"): MERGE_APPROVERS,
    # pages: duplicate review and merges
    ("GET", "/dedup"): DEDUP_REVIEWERS,
    ("POST", "/dedup/runs"): DEDUP_REVIEWERS,
    ("GET", "/dedup/pairs/{pair_id}"): DEDUP_REVIEWERS,
    ("POST", "/dedup/pairs/{pair_id}/not-same"): DEDUP_REVIEWERS,
    ("POST", "/dedup/pairs/{pair_id}/merge"): DEDUP_REVIEWERS,
    ("GET", "/dedup/merges/{merge_id}"): DEDUP_REVIEWERS,
    ("POST", "/dedup/merges/{merge_id}/decision"): MERGE_APPROVERS,
    ("POST", "/dedup/merges/{merge_id}/undo"): MERGE_APPROVERS,
    ("POST", "/admin/users/{user_id}/sessions/end"): ADMIN,
    ("POST", "/admin/users/{user_id}/unlock"): ADMIN,
    # pages: screening
    ("GET", "/screening"): SCREEN_READERS,
    ("GET", "/screening/hits/{hit_id}"): SCREEN_READERS,
    ("POST", "/screening/hits/{hit_id}/decision"): DECIDERS,
    ("GET", "/screening/lists"): LIST_READERS,
    ("GET", "/screening/lists/{snapshot_id}"): LIST_READERS,
    ("POST", "/screening/lists"): LIST_MANAGERS,
    ("POST", "/screening/rescreen"): LIST_MANAGERS,
    # last, because it logs the client out of every session
    ("POST", "/account/sessions/end"): ANY_USER,
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
    if "/transfers/" in path:  # a batch's {ref}, where weapons have theirs
        ctx = ctx | {"ref": ctx["batch_ref"]}
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
        ("PATCH", "/api/v1/offices/{office}"): {"name": "Matrix office renamed"},
        ("PUT", "/api/v1/facilities/{facility_id}"): {"name": "Matrix camp renamed",
                                                      "kind": "camp"},
        ("POST", "/api/v1/users"): {"username": "matrix.api", "full_name": "M",
                                    "role": "case_officer", "office_code": office,
                                    "password": "matrix-pass-2026"},
        ("PATCH", "/api/v1/users/{user_id}"): {"full_name": "Renamed"},
        ("POST", "/api/v1/me/tokens"): {"name": "matrix"},
        **arms_bodies(ctx),
        ("POST", "/api/v1/people/{regno}/documents"): {"doc_type": "identity-card"},
        ("POST", "/api/v1/documents/requests/{request_id}/approve"): {},
        ("POST", "/api/v1/documents/requests/{request_id}/reject"): {},
        ("POST", "/api/v1/documents/{serial}/revoke"): {"reason": "matrix"},
        ("POST", "/api/v1/cases/{regno}/pathways"): {"pathway": "papers", "reason": "matrix",
                                                     "document_type": "residence_permit"},
        ("POST", "/api/v1/pathways/{pathway_id}/transitions"): {"target": "under_review",
                                                                "reason": "matrix"},
        ("PATCH", "/api/v1/pathways/{pathway_id}"): {"court": "Matrix court"},
        ("POST", "/api/v1/pathways/{pathway_id}/items"): {"kind": "course", "name": "Matrix"},
        ("PATCH", "/api/v1/items/{item_id}"): {"completed": True},
        ("PUT", "/api/v1/cases/{regno}/officer"): {"username": ctx["officer"]},
        ("POST", "/api/v1/cases/{regno}/observers"): {"username": ctx["username"]},
        ("POST", "/api/v1/cases/{regno}/tasks"): {"title": "Matrix", "due_on": "2030-01-01"},
        ("POST", "/api/v1/eligibility/rules"): {"source": RULES},
        **dedup_bodies(ctx),
        ("POST", "/api/v1/transfers/risks"): {"state": "IQ", "level": "low", "source": "M"},
        ("POST", "/api/v1/transfers/protection/{regno}"): {"kind": "medical"},
        ("POST", "/api/v1/transfers/protection/{regno}/{factor_id}/withdraw"): {"reason": "M"},
        ("POST", "/api/v1/transfers"): {"state": "IQ", "authority": "A", "crossing_point": "C"},
        ("POST", "/api/v1/transfers/incoming"): {"state": "IQ", "trust_list": "AAAA",
                                                 "manifest": "{}"},
        ("POST", "/api/v1/transfers/{ref}/people"): {"regno": ctx["regno"]},
        ("POST", "/api/v1/transfers/{ref}/items"): {"description": "Rifle"},
        ("POST", "/api/v1/transfers/{ref}/equipment/receive"): {
            "facility_id": str(ctx["facility_id"]), "witnesses": ["W"]},
        ("POST", "/api/v1/transfers/{ref}/reviews"): {"regno": ctx["regno"],
                                                      "outcome": "cleared", "note": "M"},
        ("POST", "/api/v1/transfers/{ref}/approvals"): {},
        ("POST", "/api/v1/transfers/{ref}/handover"): {"received_count": 1},
        ("POST", "/api/v1/transfers/{ref}/discrepancies/{discrepancy_id}/resolve"):
            {"resolution": "M"},
        ("POST", "/api/v1/transfers/{ref}/arrivals/{line}/link"): {"regno": ctx["regno"]},
        ("POST", "/api/v1/transfers/{ref}/cancel"): {"reason": "M"},
        ("POST", "/api/v1/people/{regno}/openings"): {"reason": "Matrix reason"},
        ("POST", "/api/v1/people/{regno}/seal"): {"kind": "witness", "reason": "Matrix seal"},
        ("POST", "/api/v1/people/{regno}/unseal"): {"reason": "Matrix lifted"},
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
        ("POST", "/people/{regno}/open"): {"csrf_token": csrf, "reason": "Matrix reason"},
        ("POST", "/people/{regno}/seal"): {"csrf_token": csrf, "kind": "witness",
                                           "reason": "Matrix seal"},
        ("POST", "/people/{regno}/unseal"): {"csrf_token": csrf, "reason": "Matrix lifted"},
        ("POST", "/admin/users"): {"csrf_token": csrf, "username": "matrix.web",
                                   "full_name": "M", "role": "case_officer",
                                   "office_code": office, "password": "matrix-pass-2026"},
        ("POST", "/admin/users/{user_id}"): {"csrf_token": csrf, "full_name": "Renamed",
                                             "active": "on"},
        ("POST", "/admin/offices"): {"csrf_token": csrf, "code": "MXWEB", "name": "Matrix"},
        ("POST", "/admin/offices/{office}"): {"csrf_token": csrf, "name": "Matrix renamed"},
        ("POST", "/admin/facilities/{facility_id}"): {"csrf_token": csrf, "name": "Renamed camp",
                                                      "kind": "camp", "active": "on"},
        ("POST", "/admin/groups"): {"csrf_token": csrf, "name": "Matrix web group"},
        ("POST", "/admin/groups/{group_id}"): {"csrf_token": csrf, "name": "Renamed group"},
        ("POST", "/admin/facilities"): {"csrf_token": csrf, "name": "Matrix web camp",
                                        "kind": "base", "office_code": office},
        **arms_forms(ctx),
        ("POST", "/people/{regno}/documents"): {"csrf_token": csrf, "doc_type": "identity-card"},
        ("POST", "/documents/requests/{request_id}/decide"): {"csrf_token": csrf,
                                                              "decision": "approve"},
        ("POST", "/documents/{serial}/revoke"): {"csrf_token": csrf, "reason": "matrix"},
        ("POST", "/cases/{regno}/pathways"): {"csrf_token": csrf, "pathway": "papers",
                                              "document_type": "citizenship", "reason": "m"},
        ("POST", "/pathways/{pathway_id}/move"): {"csrf_token": csrf, "target": "under_review",
                                                  "reason": "matrix"},
        ("POST", "/pathways/{pathway_id}/details"): {"csrf_token": csrf, "court": "Matrix"},
        ("POST", "/pathways/{pathway_id}/items"): {"csrf_token": csrf, "kind": "course",
                                                   "name": "Matrix"},
        ("POST", "/items/{item_id}"): {"csrf_token": csrf, "completed": "true"},
        ("POST", "/cases/{regno}/officer"): {"csrf_token": csrf, "username": ctx["officer"]},
        ("POST", "/cases/{regno}/observers"): {"csrf_token": csrf, "username": ctx["username"]},
        ("POST", "/cases/{regno}/tasks"): {"csrf_token": csrf, "title": "Matrix",
                                           "due_on": "2030-01-01"},
        ("POST", "/eligibility/rules"): {"csrf_token": csrf, "source": RULES},
        **dedup_forms(ctx),
        ("POST", "/transfers"): {"csrf_token": csrf, "state": "IQ", "authority": "A",
                                 "crossing_point": "C"},
        ("POST", "/transfers/risks"): {"csrf_token": csrf, "state": "IQ", "level": "low",
                                       "source": "M"},
        ("POST", "/transfers/protection/{regno}"): {"csrf_token": csrf, "kind": "medical"},
        ("POST", "/transfers/protection/{regno}/{factor_id}/withdraw"): {"csrf_token": csrf,
                                                                         "reason": "M"},
        ("POST", "/transfers/incoming"): {"csrf_token": csrf, "state": "IQ",
                                          "column_name": "Name"},
        ("POST", "/transfers/{ref}/people"): {"csrf_token": csrf, "regno": ctx["regno"]},
        ("POST", "/transfers/{ref}/items"): {"csrf_token": csrf, "description": "Rifle"},
        ("POST", "/transfers/{ref}/equipment/receive"): {
            "csrf_token": csrf, "facility_id": str(ctx["facility_id"]), "witnesses": "W"},
        ("POST", "/transfers/{ref}/reviews"): {"csrf_token": csrf, "regno": ctx["regno"],
                                               "outcome": "cleared", "note": "M"},
        ("POST", "/transfers/{ref}/handover"): {"csrf_token": csrf, "received_count": "1"},
        ("POST", "/transfers/{ref}/discrepancies/{discrepancy_id}/resolve"):
            {"csrf_token": csrf, "resolution": "M"},
        ("POST", "/transfers/{ref}/arrivals/{line}/link"): {"csrf_token": csrf,
                                                            "regno": ctx["regno"]},
        ("POST", "/transfers/{ref}/cancel"): {"csrf_token": csrf, "reason": "M"},
        ("POST", "/screening/hits/{hit_id}/decision"): {"csrf_token": csrf,
                                                        "decision": "more_information",
                                                        "reason": "matrix"},
    }  # fmt: skip
    if path.endswith("/photos") and method == "POST":
        return url, arms_photo(path, csrf)
    if path.endswith("/photo") and method in ("PUT", "POST"):
        return url, person_photo(path, csrf)
    if path == "/api/v1/weapons/serial-check":
        url += "?serial=TST1"
    if (method, path) in bodies:
        return url, {"json": bodies[(method, path)]}
    if (method, path) == ("POST", "/transfers/incoming"):
        files = {"file": ("list.csv", b"Name\nMatrix Arrival\n", "text/csv")}
        return url, {"data": forms[(method, path)], "files": files}
    if method == "POST":
        return url, {"data": forms.get((method, path), {"csrf_token": csrf})}
    return url, {}


RULES = "version: 9\nname: Matrix\ndocuments:\n  citizenship: {fact: age, at_least: 18}\n"


@pytest.fixture
def world(session, settings):
    """Two offices with a person each, a facility, a group, a user to manage, an issued
    document and an open document request; a case with a papers pathway, an observer and a
    case officer; weapons and permits."""
    office = make_office(session)
    registrar = make_actor(session, Role.REGISTRAR, office)
    mine = register(session, registrar, "Yusuf Karimov")
    theirs = register(session, make_actor(session), "Rustam Aliev")
    give_photo(session, registrar, mine.regno)
    _, approved_id, officer = credentials_factory.approved(session, office)
    issuer = credentials_factory.issuer(settings.effective_key_dir)
    issued = credentials_service.issue_document(session, officer, approved_id, issuer)
    papers = approved_papers(session, mine.regno)
    data = DocumentRequestIn(doc_type=DocType.IDENTITY_CARD)
    pending = credentials_service.request_document(session, officer, mine.regno, data)
    snapshot = import_sample(session)
    listed = register(session, registrar, "Khalid Yusuf al-Marzuqi", year=1984)
    screening_service.screen_person(session, registrar, listed.id)
    return {
        "serial": issued.serial,
        "request_id": pending.id,
        "kind": "card",
        "pathway_id": papers.id,
        "item_id": uuid.uuid4(),
        "task_id": uuid.uuid4(),
        "rules_id": uuid.uuid4(),
        "username": make_user(session, Role.OBSERVER, office).username,
        "officer": make_user(session, Role.CASE, office).username,
        "office": office,
        "regno": mine.regno,
        "other_regno": theirs.regno,
        "version": 1,
        "facility_id": make_facility(session, office).id,
        "group_id": make_group(session).id,
        "user_id": make_user(session, Role.CASE, office).id,
        "job_id": make_job(session, registrar, n=1).id,
        "code": "ar",
        **arms_world(session, office),
        **dedup_world(session, office),
        "batch_ref": make_batch(
            session, make_actor(session, Role.CASE, office), "IQ", mine.regno
        ).reference,
        "state": "IQ",
        "line": 1,
        "discrepancy_id": uuid.uuid4(),
        "factor_id": uuid.uuid4(),
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
