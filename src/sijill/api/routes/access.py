"""Offices, users and your own API tokens."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from sijill.access import login as access_login
from sijill.access import service as access_service
from sijill.access.schemas import (
    NewToken,
    OfficeIn,
    OfficeOut,
    OfficeUpdate,
    TokenOut,
    UserIn,
    UserOut,
    UserUpdate,
)
from sijill.api.deps import ApiActor
from sijill.deps import DbSession
from sijill.text import PlainText

router = APIRouter(tags=["access"])


class TokenIn(BaseModel):
    name: PlainText = Field(min_length=1, max_length=100)


@router.get("/offices", summary="Offices (jurisdictions)")
def list_offices(session: DbSession, actor: ApiActor) -> list[OfficeOut]:
    return access_service.list_offices(session, actor)


@router.post("/offices", status_code=status.HTTP_201_CREATED, summary="Add an office")
def create_office(session: DbSession, actor: ApiActor, body: OfficeIn) -> OfficeOut:
    return access_service.create_office(session, actor, body)


@router.patch("/offices/{office}", summary="Rename an office or change its reach")
def update_office(
    session: DbSession, actor: ApiActor, office: str, body: OfficeUpdate
) -> OfficeOut:
    return access_service.update_office(session, actor, office, body)


@router.get("/users", summary="All users")
def list_users(session: DbSession, actor: ApiActor) -> list[UserOut]:
    return access_service.list_users(session, actor)


@router.post("/users", status_code=status.HTTP_201_CREATED, summary="Add a user")
def create_user(session: DbSession, actor: ApiActor, body: UserIn) -> UserOut:
    return access_service.create_user(session, actor, body)


@router.patch("/users/{user_id}", summary="Change a user's role, office, name, password or state")
def update_user(
    session: DbSession, actor: ApiActor, user_id: uuid.UUID, body: UserUpdate
) -> UserOut:
    return access_service.update_user(session, actor, user_id, body)


@router.delete(
    "/users/{user_id}/sessions",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="End every web session of a user (they must log in again)",
)
def end_sessions(session: DbSession, actor: ApiActor, user_id: uuid.UUID) -> None:
    access_login.end_user_sessions(session, actor, user_id, "administrator")


@router.delete(
    "/users/{user_id}/lockout",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Lift a user's lockout after too many failed logins",
)
def unlock(session: DbSession, actor: ApiActor, user_id: uuid.UUID) -> None:
    access_login.unlock(session, actor, user_id)


@router.get("/me/tokens", summary="Your API tokens")
def list_tokens(session: DbSession, actor: ApiActor) -> list[TokenOut]:
    return access_service.list_tokens(session, actor)


@router.post("/me/tokens", status_code=status.HTTP_201_CREATED, summary="Create an API token")
def create_token(session: DbSession, actor: ApiActor, body: TokenIn) -> NewToken:
    return access_service.create_token(session, actor, body.name)


@router.delete(
    "/me/tokens/{token_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Revoke one of your API tokens",
)
def revoke_token(session: DbSession, actor: ApiActor, token_id: uuid.UUID) -> None:
    access_service.revoke_token(session, actor, token_id)
