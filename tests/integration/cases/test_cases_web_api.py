"""Case pages and API: timeline, refusals shown with their rule, observers, backlog, rules."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from factories.access import make_office, make_user
from factories.cases import case_world, move, open_pathway
from sijill.access.permissions import Role
from sijill.cases import assignment
from sijill.cases.schemas import UsernameIn
from sijill.cases.workflow import PaperType, Pathway
from sijill.holds import service as holds
from sijill.holds.rules import HoldKind

pytestmark = pytest.mark.integration

GOOD_RULES = """version: 2
name: Decree 9/2026
documents:
  residence_permit:
    all:
      - {fact: screening_cleared, is: true}
  citizenship:
    all:
      - {fact: years_present, at_least: 30}
"""


def test_case_page_moves_a_pathway_and_shows_its_timeline(web_as, session):
    office = make_office(session)
    world = case_world(session, office, "Omar Haddad")
    papers = open_pathway(session, world, Pathway.PAPERS, PaperType.IDENTITY_CARD)
    session.commit()
    web, _, csrf = web_as(Role.CASE, office)
    page = web.get(f"/cases/{world.regno}")
    assert page.status_code == 200 and "Omar Haddad" in page.text
    assert f'action="/pathways/{papers.id}/move' in page.text
    moved = web.post(
        f"/pathways/{papers.id}/move?regno={world.regno}",
        data={"csrf_token": csrf, "target": "under_review", "reason": "file complete"},
    )
    assert moved.status_code == 200 and "Pathway moved." in moved.text
    assert "file complete" in moved.text
    person = web.get(f"/people/{world.regno}")
    assert 'id="case-timeline"' in person.text and "under review" in person.text.replace("_", " ")


def test_a_refused_move_shows_the_rule_and_writes_nothing(web_as, api_as, session):
    office = make_office(session)
    world = case_world(session, office)
    papers = open_pathway(session, world, Pathway.PAPERS, PaperType.IDENTITY_CARD)
    move(session, world.officer, papers, "under_review")
    holds.place(session, world.officer, world.person_id, HoldKind.MANUAL, "manual:7", "check")
    session.commit()
    web, _, csrf = web_as(Role.SUPERVISOR, office)
    refused = web.post(
        f"/pathways/{papers.id}/move?regno={world.regno}",
        data={
            "csrf_token": csrf,
            "target": "approved",
            "reason": "ok",
            "legal_basis": "ID law art. 2",
        },
    )
    assert refused.status_code == 422
    assert "Stopped by a hold: a supervisor placed a hold." in refused.text
    api, _ = api_as(Role.SUPERVISOR, office)
    problem = api.post(
        f"/api/v1/pathways/{papers.id}/transitions",
        json={"target": "approved", "reason": "ok", "legal_basis": "x"},
    )
    assert problem.status_code == 422
    assert problem.json()["code"] == "rule_violation"
    assert problem.json()["rule"] == "no_blocking_hold"
    case = api.get(f"/api/v1/cases/{world.regno}").json()
    assert case["pathways"][0]["status"] == "under_review"


def test_observers_read_their_one_case_only(web_as, api_as, session):
    office = make_office(session)
    watched = case_world(session, office, "Watched Person")
    other = case_world(session, office, "Other Person")
    observer = make_user(session, Role.OBSERVER, office)
    assignment.add_observer(
        session, watched.officer, watched.regno, UsernameIn(username=observer.username)
    )
    session.commit()
    web, web_user, _ = web_as(Role.OBSERVER, office)
    assert web.get(f"/cases/{watched.regno}").status_code == 403  # another observer
    assert "Cases you observe" not in web.get("/").text
    assignment.add_observer(
        session, watched.officer, watched.regno, UsernameIn(username=web_user.username)
    )
    session.commit()
    home = web.get("/").text
    assert f'href="/cases/{watched.regno}"' in home and other.regno not in home
    api, user = api_as(Role.OBSERVER, office)
    assignment.add_observer(
        session, watched.officer, watched.regno, UsernameIn(username=user.username)
    )
    session.commit()
    assert api.get(f"/api/v1/cases/{watched.regno}").status_code == 200
    assert api.get(f"/api/v1/cases/{other.regno}").status_code == 403
    assert api.get(f"/api/v1/people/{watched.regno}").status_code == 403
    refused = api.post(
        f"/api/v1/cases/{watched.regno}/tasks", json={"title": "x", "due_on": "2030-01-01"}
    )
    assert refused.status_code == 403


def test_backlog_page_exports_and_api(web_as, api_as, session):
    office = make_office(session)
    world = case_world(session, office)
    open_pathway(session, world, Pathway.PAPERS, PaperType.RESIDENCE_PERMIT)
    open_pathway(session, world, Pathway.CIVILIAN)
    session.commit()
    web, _, _ = web_as(Role.SUPERVISOR, office)
    page = web.get("/backlog")
    assert page.status_code == 200 and 'id="chart-states"' in page.text
    assert "<script" not in page.text.split("<main>")[1]
    csv_text = web.get(f"/backlog.csv?office={office}").text
    assert "papers,requested,1," in csv_text and "civilian_reintegration,referred,1," in csv_text
    xlsx = web.get("/backlog.xlsx?pathway=papers")
    book = load_workbook(io.BytesIO(xlsx.content))
    rows = list(book["By state"].values)
    assert rows[0][0] == "pathway" and {r[0] for r in rows[1:]} == {"papers"}
    api, _ = api_as(Role.CASE, office)
    report = api.get("/api/v1/backlog").json()
    assert report["open"] == 2 and report["oldest"][0]["regno"] == world.regno
    assert api.get("/api/v1/backlog?pathway=nonsense").status_code == 422


def test_rule_upload_refuses_a_bad_file_then_previews_and_activates(web_as, api_as, session):
    office = make_office(session)
    world = case_world(session, office)
    session.commit()
    web, _, csrf = web_as(Role.ADMINISTRATOR, office)
    bad = web.post(
        "/eligibility/rules",
        data={"csrf_token": csrf, "source": GOOD_RULES.replace("years_present", "wealth")},
    )
    assert bad.status_code == 422
    assert "Line 9: unknown fact &#39;wealth&#39;" in bad.text
    assert (
        'id="uploads"' in bad.text
        and "/eligibility/rules/" not in bad.text.split('id="uploads"')[1].split("</table>")[0]
    )
    uploaded = web.post(
        "/eligibility/rules",
        data={"csrf_token": csrf, "source": GOOD_RULES},
        follow_redirects=False,
    )
    assert uploaded.status_code == 303
    preview = web.get(uploaded.headers["location"])
    assert 'id="preview"' in preview.text
    api, _ = api_as(Role.ADMINISTRATOR, office)
    rules = api.get("/api/v1/eligibility/rules").json()
    assert rules[0]["version"] == 1 and rules[1]["version"] == 2
    changes = api.get(f"/api/v1/eligibility/rules/{rules[1]['id']}/preview").json()
    assert changes["people"] >= 1 and changes["active_version"] == 1
    assert api.post(f"/api/v1/eligibility/rules/{rules[1]['id']}/activate").status_code == 200
    officer, _ = api_as(Role.CASE, office)
    explained = officer.get(f"/api/v1/cases/{world.regno}/eligibility").json()
    assert {e["rule_version"] for e in explained} == {2}
    assert explained[0]["document"] == "residence_permit" and explained[0]["eligible"] is True


def test_work_list_tasks_and_assignment(web_as, api_as, session):
    office = make_office(session)
    world = case_world(session, office)
    session.commit()
    supervisor, _ = api_as(Role.SUPERVISOR, office)
    officer_api, officer = api_as(Role.CASE, office)
    assert (
        supervisor.put(
            f"/api/v1/cases/{world.regno}/officer", json={"username": officer.username}
        ).status_code
        == 204
    )
    task = supervisor.post(
        f"/api/v1/cases/{world.regno}/tasks",
        json={"title": "Fetch the birth certificate", "due_on": "2020-01-01"},
    )
    assert task.status_code == 201 and task.json()["overdue"] is True
    work = officer_api.get("/api/v1/me/work").json()
    assert [t["title"] for t in work["tasks"]] == ["Fetch the birth certificate"]
    assert work["cases"][0][0] == world.regno
    done = officer_api.post(f"/api/v1/tasks/{task.json()['id']}/done")
    assert done.status_code == 200 and officer_api.get("/api/v1/me/work").json()["tasks"] == []
    bad = supervisor.put(f"/api/v1/cases/{world.regno}/officer", json={"username": "nobody"})
    assert bad.status_code == 422
