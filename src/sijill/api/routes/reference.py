"""Groups and facilities."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from sijill.api.deps import ApiActor
from sijill.deps import DbSession
from sijill.registry import reference
from sijill.registry.schemas import FacilityIn, FacilityOut, FacilityUpdate, GroupIn, GroupOut

router = APIRouter(tags=["reference"])


@router.get("/groups", summary="Armed groups and factions, with aliases")
def list_groups(session: DbSession, actor: ApiActor) -> list[GroupOut]:
    return reference.list_groups(session, actor)


@router.post("/groups", status_code=status.HTTP_201_CREATED, summary="Add a group")
def create_group(session: DbSession, actor: ApiActor, body: GroupIn) -> GroupOut:
    return reference.create_group(session, actor, body)


@router.put("/groups/{group_id}", summary="Rename a group or change its aliases")
def update_group(
    session: DbSession, actor: ApiActor, group_id: uuid.UUID, body: GroupIn
) -> GroupOut:
    return reference.update_group(session, actor, group_id, body)


@router.get("/facilities", summary="Facilities you may place people in")
def list_facilities(session: DbSession, actor: ApiActor) -> list[FacilityOut]:
    return reference.list_facilities(session, actor)


@router.post("/facilities", status_code=status.HTTP_201_CREATED, summary="Add a facility")
def create_facility(session: DbSession, actor: ApiActor, body: FacilityIn) -> FacilityOut:
    return reference.create_facility(session, actor, body)


@router.put("/facilities/{facility_id}", summary="Rename, close or reopen a facility")
def update_facility(
    session: DbSession, actor: ApiActor, facility_id: uuid.UUID, body: FacilityUpdate
) -> FacilityOut:
    return reference.update_facility(session, actor, facility_id, body)
