"""Cases, pathways, tasks, eligibility and the backlog."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, Field

from sijill.api.deps import ApiActor
from sijill.cases import assignment, backlog, eligibility, queries
from sijill.cases import service as cases
from sijill.cases.schemas import (
    CaseOut,
    DetailsIn,
    EligibilityOut,
    ItemIn,
    ItemUpdateIn,
    PathwayOpenIn,
    PathwayOut,
    RulesOut,
    RulesPreview,
    TaskIn,
    TaskOut,
    TransitionIn,
    UsernameIn,
)
from sijill.deps import DbSession, SettingsDep

router = APIRouter(tags=["cases"])


class CaseOpened(BaseModel):
    id: uuid.UUID


class RulesIn(BaseModel):
    source: str = Field(min_length=1, max_length=200_000, description="the YAML rule file")


class WorkListOut(BaseModel):
    tasks: list[TaskOut]
    cases: list[tuple[str, str]]


@router.get("/cases/{regno}", summary="A person's case: pathways, timeline, tasks")
def get_case(session: DbSession, actor: ApiActor, regno: str) -> CaseOut:
    return queries.require_case(session, actor, regno)


@router.post("/cases/{regno}", summary="Open the person's case (an adult's; once)")
def open_case(session: DbSession, actor: ApiActor, regno: str) -> CaseOpened:
    return CaseOpened(id=cases.open_case(session, actor, regno))


@router.post(
    "/cases/{regno}/pathways", status_code=status.HTTP_201_CREATED, summary="Start a pathway"
)
def open_pathway(
    session: DbSession, actor: ApiActor, regno: str, body: PathwayOpenIn
) -> PathwayOut:
    return cases.open_pathway(session, actor, regno, body)


@router.post("/pathways/{pathway_id}/transitions", summary="Move a pathway to another state")
def move(
    session: DbSession, actor: ApiActor, pathway_id: uuid.UUID, body: TransitionIn
) -> PathwayOut:
    return cases.move(session, actor, pathway_id, body)


@router.patch("/pathways/{pathway_id}", summary="Unit, rank, conduct; court, matter")
def details(
    session: DbSession, actor: ApiActor, pathway_id: uuid.UUID, body: DetailsIn
) -> PathwayOut:
    return cases.update_details(session, actor, pathway_id, body)


@router.post("/pathways/{pathway_id}/items", summary="Add a course, programme or hearing")
def add_item(
    session: DbSession, actor: ApiActor, pathway_id: uuid.UUID, body: ItemIn
) -> PathwayOut:
    return cases.add_item(session, actor, pathway_id, body)


@router.patch("/items/{item_id}", summary="Record attendance or completion")
def update_item(
    session: DbSession, actor: ApiActor, item_id: uuid.UUID, body: ItemUpdateIn
) -> PathwayOut:
    return cases.update_item(session, actor, item_id, body)


@router.put(
    "/cases/{regno}/officer",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Assign the case to an officer",
)
def assign(session: DbSession, actor: ApiActor, regno: str, body: UsernameIn) -> None:
    assignment.assign(session, actor, regno, body)


@router.post(
    "/cases/{regno}/observers",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Name an oversight representative (read-only, this case only)",
)
def add_observer(session: DbSession, actor: ApiActor, regno: str, body: UsernameIn) -> None:
    assignment.add_observer(session, actor, regno, body)


@router.delete(
    "/cases/{regno}/observers/{username}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="End an observer's access to the case",
)
def remove_observer(session: DbSession, actor: ApiActor, regno: str, username: str) -> None:
    assignment.remove_observer(session, actor, regno, UsernameIn(username=username))


@router.post("/cases/{regno}/tasks", status_code=status.HTTP_201_CREATED, summary="Add a task")
def add_task(session: DbSession, actor: ApiActor, regno: str, body: TaskIn) -> TaskOut:
    return assignment.add_task(session, actor, regno, body)


@router.post("/tasks/{task_id}/done", summary="Mark a task done")
def complete_task(session: DbSession, actor: ApiActor, task_id: uuid.UUID) -> TaskOut:
    return assignment.complete_task(session, actor, task_id)


@router.get("/me/work", summary="Your open tasks and the cases assigned to you")
def work(session: DbSession, actor: ApiActor) -> WorkListOut:
    found = assignment.work_list(session, actor)
    return WorkListOut(tasks=found.tasks, cases=found.cases)


@router.get("/cases/{regno}/eligibility", summary="Eligibility under the active rules, explained")
def person_eligibility(session: DbSession, actor: ApiActor, regno: str) -> list[EligibilityOut]:
    return eligibility.eligibility_for(session, actor, regno)


@router.get("/backlog", summary="Open pathways by state and office, waiting times, the oldest")
def get_backlog(
    session: DbSession,
    actor: ApiActor,
    settings: SettingsDep,
    office: Annotated[str | None, Query(max_length=16)] = None,
    pathway: Annotated[str | None, Query(max_length=32)] = None,
) -> backlog.Backlog:
    targets = backlog.target_days(settings.case_target_days)
    return backlog.backlog(session, actor, targets, office, pathway)


@router.get("/eligibility/rules", summary="The active rules and every uploaded rule file")
def list_rules(session: DbSession, actor: ApiActor) -> list[RulesOut]:
    active, uploads = eligibility.list_rules(session, actor)
    return [active, *[u for u in uploads if u.id != active.id]]


@router.post(
    "/eligibility/rules",
    status_code=status.HTTP_201_CREATED,
    summary="Upload a rule file (not active until activated)",
)
def upload_rules(session: DbSession, actor: ApiActor, body: RulesIn) -> RulesOut:
    return eligibility.upload(session, actor, body.source)


@router.get(
    "/eligibility/rules/{rules_id}/preview", summary="How many people's eligibility would change"
)
def preview_rules(session: DbSession, actor: ApiActor, rules_id: uuid.UUID) -> RulesPreview:
    return eligibility.preview(session, actor, rules_id)


@router.post("/eligibility/rules/{rules_id}/activate", summary="Make a rule file the active rules")
def activate_rules(session: DbSession, actor: ApiActor, rules_id: uuid.UUID) -> RulesOut:
    return eligibility.activate(session, actor, rules_id)
