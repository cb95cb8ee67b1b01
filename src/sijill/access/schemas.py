"""Pydantic types for users, offices and tokens."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field

from sijill.access.permissions import Role
from sijill.text import PlainText


class OfficeIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    code: str = Field(min_length=2, max_length=16, pattern=r"^[A-Z0-9_-]+$")
    name: PlainText = Field(min_length=1, max_length=200)
    national: bool = False


class OfficeUpdate(BaseModel):
    """An office's name and reach; its code, which users and records refer to, stays."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: str = Field(min_length=1, max_length=200)
    national: bool = False


class OfficeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    code: str
    name: str
    national: bool


class UserIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    username: str = Field(min_length=2, max_length=64, pattern=r"^[a-z0-9_.-]+$")
    full_name: PlainText = Field(min_length=1, max_length=200)
    role: Role
    office_code: str
    password: str = Field(min_length=12, max_length=200)


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    full_name: PlainText | None = Field(default=None, max_length=200)
    role: Role | None = None
    office_code: str | None = None
    active: bool | None = None
    password: str | None = Field(default=None, min_length=12, max_length=200)


class UserOut(BaseModel):
    id: uuid.UUID
    username: str
    full_name: str
    role: Role
    office_code: str
    active: bool
    totp_enabled: bool
    last_login_at: dt.datetime | None


class TokenOut(BaseModel):
    id: uuid.UUID
    name: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked: bool


class NewToken(BaseModel):
    token: str = Field(description="Shown once; only its hash is stored")
    info: TokenOut
