"""People through the JSON API: register, read, correct, move, history; bad input writes
nothing; OpenAPI documents every route."""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute

from factories.db import row_counts
from factories.registry import make_facility, make_group, person_in
from sijill.access.permissions import Role
from sijill.registry import regno as regnos

pytestmark = pytest.mark.integration


def full_body(group_id: str, facility_id: str) -> dict:
    return {
        "names": [
            {"full": "Abdulrahman Tursunov"},
            {"full": "Абдурахман Турсунов", "name_type": "alias"},
            {"full": "عبد الرحمن", "name_type": "alias", "source": "commander's list"},
        ],
        "sex": "M",
        "date_of_birth": {"precision": "exact", "year": 1988, "month": 2, "day": 29},
        "nationalities": ["TJ"],
        "languages": ["tg", "ru"],
        "documents": [
            {
                "doc_type": "passport",
                "issuing_state": "TJ",
                "number": "400123987",
                "status": "confiscated",
                "issue_date": "2012-01-05",
                "expiry_date": "2022-01-04",
            }
        ],
        "family": [
            {"relation": "spouse", "new_person": {"names": [{"full": "Malika"}], "sex": "F"}}
        ],
        "affiliations": [{"group_id": group_id, "role": "driver", "date_from": "2015"}],
        "facility_id": facility_id,
    }


@pytest.fixture
def registrar(api_as, session):
    api, user = api_as(Role.REGISTRAR)
    camp = make_facility(session, user.office.code)
    base = make_facility(session, user.office.code)
    group = make_group(session)
    session.commit()
    return api, camp, base, group


def test_register_then_get(registrar):
    api, camp, _base, group = registrar
    response = api.post("/api/v1/people", json=full_body(str(group.id), str(camp.id)))
    assert response.status_code == 201, response.text
    created = response.json()
    assert regnos.parse(created["regno"])
    assert created["date_of_birth"] == "1988-02-29"
    assert [n["script"] for n in created["names"]] == ["Latin", "Cyrillic", "Arabic"]
    assert created["documents"][0]["status"] == "confiscated"
    assert created["family"][0]["relation"] == "spouse"
    assert created["affiliations"][0]["group_name"] == group.name
    assert created["placements"][0]["facility_id"] == str(camp.id)
    assert created["created_at"].endswith(("Z", "+00:00"))
    got = api.get(f"/api/v1/people/{created['regno'].replace('-', '').lower()}")
    assert got.status_code == 200
    assert got.json() == created
    spouse = api.get(f"/api/v1/people/{created['family'][0]['regno']}").json()
    assert spouse["family"] == [
        {**created["family"][0], "relation": "spouse", "regno": created["regno"],
         "person_id": created["id"], "name": "Abdulrahman Tursunov", "sex": "M",
         "date_of_birth": "1988-02-29"}
    ]  # fmt: skip


def test_list_and_search(registrar):
    api, *_ = registrar
    first = api.post("/api/v1/people", json=person_in("Yusuf Karimov").model_dump(mode="json"))
    second = api.post("/api/v1/people", json=person_in("Rustam Aliev").model_dump(mode="json"))
    listed = api.get("/api/v1/people", params={"limit": 10}).json()
    assert {p["regno"] for p in listed} == {first.json()["regno"], second.json()["regno"]}
    assert set(listed[0]) == {"id", "regno", "name", "sex", "date_of_birth", "nationalities",
                              "office", "sealed"}  # fmt: skip
    found = api.get("/api/v1/people", params={"q": "Юсуф Каримов"}).json()
    assert [p["regno"] for p in found] == [first.json()["regno"]]
    assert api.get("/api/v1/people", params={"limit": 0}).status_code == 422
    assert len(api.get("/api/v1/people", params={"limit": 1}).json()) == 1


def test_put_creates_a_version_and_a_stale_put_is_409(registrar, session):
    api, *_ = registrar
    regno = api.post("/api/v1/people", json=person_in().model_dump(mode="json")).json()["regno"]
    body = {**person_in("Yusuf Qarimov").model_dump(mode="json"), "expected_version": 1}
    updated = api.put(f"/api/v1/people/{regno}", json=body, params={"reason": "typo"})
    assert updated.status_code == 200, updated.text
    assert (updated.json()["version"], updated.json()["name"]) == (2, "Yusuf Qarimov")
    before = row_counts(session)
    stale = {**person_in("Yusuf Kerimov").model_dump(mode="json"), "expected_version": 1}
    response = api.put(f"/api/v1/people/{regno}", json=stale)
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert row_counts(session) == before
    assert api.get(f"/api/v1/people/{regno}").json()["name"] == "Yusuf Qarimov"


def test_move_and_history_and_versions(registrar):
    api, camp, base, _group = registrar
    body = person_in(facility_id=camp.id).model_dump(mode="json")
    regno = api.post("/api/v1/people", json=body).json()["regno"]
    moved = api.post(f"/api/v1/people/{regno}/moves", json={"facility_id": str(base.id)})
    assert moved.status_code == 200, moved.text
    placements = moved.json()["placements"]
    assert [p["facility_id"] for p in placements] == [str(base.id), str(camp.id)]
    assert placements[0]["until"] is None and placements[1]["until"] is not None
    again = api.post(f"/api/v1/people/{regno}/moves", json={"facility_id": str(base.id)})
    assert again.status_code == 409
    history = api.get(f"/api/v1/people/{regno}/history").json()
    assert [(h["tag"], h["version"]) for h in history] == [
        ("registry:person:move", 2),
        ("cases:case:opened", None),  # an adult's case, opened with the registration
        ("registry:person:create", 1),
    ]
    assert set(history[0]) == {"seq", "at", "actor", "tag", "version", "changed", "reason"}
    v1 = api.get(f"/api/v1/people/{regno}/versions/1").json()
    assert [p["facility_id"] for p in v1["placements"]] == [str(camp.id)]
    assert api.get(f"/api/v1/people/{regno}/versions/9").status_code == 404


BAD_BODIES = {
    "hidden character": {"names": [{"full": "Ali\u200bReza"}]},
    "no primary": {"names": [{"full": "Ali", "name_type": "alias"}]},
    "feb 30": {"names": [{"full": "Ali"}],
               "date_of_birth": {"precision": "exact", "year": 1990, "month": 2, "day": 30}},
    "precision": {"names": [{"full": "Ali"}],
                  "date_of_birth": {"precision": "year", "year": 1990, "month": 2}},
    "future": {"names": [{"full": "Ali"}], "date_of_birth": {"precision": "year", "year": 2999}},
    "country": {"names": [{"full": "Ali"}], "nationalities": ["SY", "XX"]},
    "oversized": {"names": [{"full": "A" * 201}]},
    "document order": {"names": [{"full": "Ali"}], "documents": [
        {"doc_type": "passport", "issuing_state": "SY", "number": "N1",
         "issue_date": "2020-01-01", "expiry_date": "2019-01-01"}]},
    "unknown relative": {"names": [{"full": "Ali"}],
                         "family": [{"relation": "child", "regno": regnos.generate()}]},
    "bad relative": {"names": [{"full": "Ali"}], "family": [
        {"relation": "spouse", "new_person": {"names": [{"full": "Malika\u202e"}]}}]},
    "bad relative in a valid spouse flow": {"names": [{"full": "Ali"}], "family": [
        {"relation": "spouse", "new_person": {"names": [{"full": "Malika"}]}},
        {"relation": "child", "new_person": {"names": [{"full": "Aisha"}],
         "date_of_birth": {"precision": "month", "year": 2018}}}]},
    "unknown group": {"names": [{"full": "Ali"}], "affiliations": [
        {"group_id": "00000000-0000-4000-8000-000000000000"}]},
    "unknown facility": {"names": [{"full": "Ali"}],
                         "facility_id": "00000000-0000-4000-8000-000000000000"},
    "not a schema": {"names": "Ali"},
}  # fmt: skip


@pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_bad_input_writes_nothing(registrar, session, body):
    api, *_ = registrar
    before = row_counts(session)
    response = api.post("/api/v1/people", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["errors"]
    assert row_counts(session) == before


def test_bad_correction_writes_nothing(registrar, session):
    api, *_ = registrar
    regno = api.post("/api/v1/people", json=person_in().model_dump(mode="json")).json()["regno"]
    before = row_counts(session)
    for body in (
        {**person_in("Ali\u202eReza").model_dump(mode="json"), "expected_version": 1},
        {**person_in().model_dump(mode="json"), "expected_version": 0},
        {**person_in().model_dump(mode="json"), "expected_version": 1,
         "family": [{"relation": "sibling", "regno": regno}]},  # oneself
    ):  # fmt: skip
        response = api.put(f"/api/v1/people/{regno}", json=body)
        assert response.status_code == 422, response.text
        assert row_counts(session) == before


def test_openapi_lists_every_api_route(client, app):
    schema = client.get("/api/openapi.json").json()
    documented = {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
    }
    expected = set()
    for route in app.routes:
        contexts = getattr(route, "effective_route_contexts", None)
        candidates = [(c.path, c.original_route) for c in contexts()] if contexts else []
        if isinstance(route, APIRoute):
            candidates.append((route.path, route))
        for path, original in candidates:
            if path.startswith("/api/v1/"):
                expected |= {(m, path) for m in original.methods}
    assert len(expected) >= 20
    assert documented == expected
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert all(not p.startswith(("/people", "/admin", "/login")) for p in schema["paths"])


def test_a_likely_duplicate_is_answered_409_with_the_candidates(registrar, session):
    api, *_ = registrar
    body = person_in("Abu Muhammad al-Jolani", year=1982).model_dump(mode="json")
    first = api.post("/api/v1/people", json=body).json()
    body["names"] = [
        {"full": "أبو محمد الجولاني"},
        {"full": "Ahmad al-Sharaa", "name_type": "alias"},
    ]
    before = row_counts(session)
    refused = api.post("/api/v1/people", json=body)
    assert refused.status_code == 409
    problem = refused.json()
    assert problem["code"] == "needs_confirmation"
    assert list(problem["errors"]) == ["duplicate_reason"]
    assert problem["warnings"] == ["possible_duplicate"]
    [candidate] = problem["candidates"]
    assert candidate["regno"] == first["regno"]
    assert candidate["decision"] == "match" and candidate["algorithm"] == "sijill-person 1"
    assert any("kunya" in line for line in candidate["explanation"])
    assert row_counts(session) == before
    accepted = api.post(
        "/api/v1/people", params={"duplicate_reason": "another man of that kunya"}, json=body
    )
    assert accepted.status_code == 201
