"""Weapons through the pages and the API: bulk intake and its receipt, errors kept beside
their row, photographs, the permit flow with two people, the report and its CSV."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from factories.arms import hand_in, holder, make_world, stored_weapon, weapon_in
from factories.arms_matrix import PNG
from factories.db import row_counts
from sijill.access.permissions import Role

pytestmark = pytest.mark.integration


def intake_form(csrf, world, rows):
    data = {"csrf_token": csrf, "facility_id": str(world.collection.id),
            "group_id": str(world.group.id), "witnesses.0": "Commander Witness",
            "rows": str(len(rows) + 1)}  # fmt: skip
    for i, serial in enumerate(rows):
        data |= {f"items.{i}.weapon_type": "assault_rifle", f"items.{i}.model": "AK-47",
                 f"items.{i}.serial": serial, f"items.{i}.condition": "serviceable"}  # fmt: skip
    return data


def test_bulk_intake_through_the_page_prints_a_receipt(web_as, session):
    world = make_world(session)
    web, _, csrf = web_as(Role.ARMS, world.office)
    assert 'name="items.39.serial"' in web.get("/intakes/new?rows=40").text
    rows = [f"RX-{i:03d}" for i in range(40)]
    response = web.post("/intakes", data=intake_form(csrf, world, rows), follow_redirects=False)
    assert response.status_code == 303, response.text
    receipt = web.get(response.headers["location"])
    assert receipt.status_code == 200
    assert receipt.text.count('href="/weapons/W') == 40
    assert "RX-039" in receipt.text and "Commander Witness" in receipt.text


def test_a_known_serial_in_row_three_is_asked_there_and_nothing_is_written(web_as, session):
    world = make_world(session)
    hand_in(session, world, weapon_in("AK-47 No. 1O2345"))
    web, _, csrf = web_as(Role.ARMS, world.office)
    before = row_counts(session)
    response = web.post("/intakes", data=intake_form(csrf, world, ["A1", "A2", "1023 45"]))
    assert response.status_code == 409
    assert 'id="err-items.2.duplicate_reason"' in response.text
    assert 'value="1023 45"' in response.text  # what was typed is kept
    assert row_counts(session) == before


def test_weapon_page_event_and_photograph(web_as, session, settings):
    world = make_world(session)
    ref = stored_weapon(session, world)
    web, _, csrf = web_as(Role.ARMS, world.office)
    page = web.get(f"/weapons/{ref}")
    assert page.status_code == 200 and "Chain of custody" in page.text
    moved = web.post(f"/weapons/{ref}/events", data={
        "csrf_token": csrf, "kind": "moved", "facility_id": str(world.collection.id),
        "witness_1": "Driver"}, follow_redirects=False)  # fmt: skip
    assert moved.status_code == 303
    files = {"photo": ("p.png", PNG, "image/png")}
    uploaded = web.post(
        f"/weapons/{ref}/photos", data={"csrf_token": csrf}, files=files, follow_redirects=False
    )
    assert uploaded.status_code == 303
    sha = hashlib.sha256(PNG).hexdigest()
    assert (settings.photo_dir / sha[:2] / sha).read_bytes() == PNG
    image = web.get(f"/weapons/{ref}/photos/{sha}")
    assert image.content == PNG and image.headers["content-type"] == "image/png"
    not_a_picture = web.post(f"/weapons/{ref}/photos", data={"csrf_token": csrf},
                             files={"photo": ("p.txt", b"hello", "text/plain")})  # fmt: skip
    assert not_a_picture.status_code == 422


def test_permit_flow_over_the_api_with_two_people(api_as, session):
    world = make_world(session)
    arms, _ = api_as(Role.ARMS, world.office)
    supervisor, _ = api_as(Role.SUPERVISOR, world.office)
    today = dt.date.today()
    body = {"holder": holder(session, world), "weapon_ref": stored_weapon(session, world),
            "valid_from": today.isoformat(),
            "valid_until": (today + dt.timedelta(days=30)).isoformat()}  # fmt: skip
    session.commit()
    created = arms.post("/api/v1/permits", json=body)
    assert created.status_code == 201, created.text
    ref = created.json()["ref"]
    assert arms.post(f"/api/v1/permits/{ref}/approve", json={}).status_code == 403
    approved = supervisor.post(f"/api/v1/permits/{ref}/approve", json={})
    assert approved.json()["status"] == "active"
    issued = arms.post(f"/api/v1/permits/{ref}/issue", json={"witnesses": ["Q"]})
    assert issued.json()["weapon"]["status"] == "issued"
    revoke = supervisor.post(f"/api/v1/permits/{ref}/revoke", json={})
    assert revoke.status_code == 422 and "reason" in revoke.json()["errors"]
    supervisor.post(f"/api/v1/permits/{ref}/revoke", json={"reason": "left service"})
    [task] = arms.get("/api/v1/custody-tasks").json()
    assert task["permit_ref"] == ref
    history = arms.get(f"/api/v1/weapons/{body['weapon_ref']}/history").json()
    assert [e["kind"] for e in history] == ["handed_in", "received", "issued"]


def test_destroying_an_issued_weapon_is_a_problem_naming_the_rule(api_as, session):
    world = make_world(session)
    ref = stored_weapon(session, world)
    session.commit()
    arms, _ = api_as(Role.ARMS, world.office)
    gone = arms.post(f"/api/v1/weapons/{ref}/events",
                     json={"kind": "destroyed", "witnesses": ["A", "B"]})  # fmt: skip
    assert gone.status_code == 200
    again = arms.post(f"/api/v1/weapons/{ref}/events",
                      json={"kind": "moved", "facility_id": str(world.store.id),
                            "witnesses": ["A"]})  # fmt: skip
    assert again.status_code == 422
    assert again.json()["code"] == "rule_violation"
    assert "destroyed cannot be moved" in again.json()["detail"]


def test_report_page_csv_and_api(web_as, api_as, session):
    world = make_world(session)
    hand_in(session, world, weapon_in(), weapon_in(weapon_type="battle_tank", model="T-55"))
    session.commit()
    web, _, csrf = web_as(Role.ARMS, world.office)
    declared = web.post("/declarations", data={
        "csrf_token": csrf, "group_id": str(world.group.id), "weapon_type": "battle_tank",
        "quantity": "4", "declared_on": "2026-10-01"}, follow_redirects=False)  # fmt: skip
    assert declared.status_code == 303
    page = web.get("/reports/weapons")
    assert page.status_code == 200 and "T-55" in page.text
    csv_text = web.get("/reports/weapons.csv").text
    assert f"declared,{world.group.name},battle_tank,4" in csv_text
    assert f"handed_in,{world.group.name},battle_tank,1" in csv_text
    api, _ = api_as(Role.SUPERVISOR, world.office)
    data = api.get("/api/v1/reports/weapons").json()
    assert {"status": "handed_in", "weapon_class": "heavy_weapon"}.items() <= (
        next(r for r in data["by_state"] if r["weapon_class"] == "heavy_weapon").items()
    )
    assert [w["model"] for w in data["heavy_weapons"]] == ["T-55"]
