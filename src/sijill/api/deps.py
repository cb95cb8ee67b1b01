"""API authentication: per-user bearer tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sijill.access import service as access_service
from sijill.access.actor import Actor
from sijill.deps import DbSession
from sijill.errors import NotAuthenticated

_bearer = HTTPBearer(auto_error=False, description="A per-user API token (sijill users token)")


def api_actor(
    session: DbSession,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Actor:
    if credentials is None:
        raise NotAuthenticated("Send an API token as 'Authorization: Bearer <token>'.")
    return access_service.actor_for_token(session, credentials.credentials)


ApiActor = Annotated[Actor, Depends(api_actor)]
