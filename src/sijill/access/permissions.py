"""Roles and what each may do (pure). Scope by office is applied in the services."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    REGISTRAR = "registrar"
    SCREENING = "screening_officer"
    CASE = "case_officer"
    PROTECTION = "protection_officer"
    ARMS = "arms_officer"
    SUPERVISOR = "supervisor"
    OBSERVER = "observer"
    ADMINISTRATOR = "administrator"


class Permission(StrEnum):
    PERSON_READ = "person:read"
    PERSON_REGISTER = "person:register"
    PERSON_EDIT = "person:edit"
    PERSON_MOVE = "person:move"
    PERSON_HISTORY = "person:history"
    REFERENCE_READ = "reference:read"
    REFERENCE_MANAGE = "reference:manage"
    USERS_MANAGE = "users:manage"
    AUDIT_READ = "audit:read"
    SCREENING_READ = "screening:read"
    SCREENING_DECIDE = "screening:decide"
    SCREENING_LEGAL_REVIEW = "screening:legal_review"
    SCREENING_LISTS = "screening:lists"


_READERS = {Permission.PERSON_READ, Permission.PERSON_HISTORY, Permission.REFERENCE_READ}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.REGISTRAR: frozenset(
        _READERS | {Permission.PERSON_REGISTER, Permission.PERSON_EDIT, Permission.PERSON_MOVE}
    ),
    Role.SCREENING: frozenset(
        _READERS
        | {Permission.SCREENING_READ, Permission.SCREENING_DECIDE, Permission.SCREENING_LISTS}
    ),
    Role.CASE: frozenset(_READERS | {Permission.PERSON_MOVE}),
    Role.PROTECTION: frozenset(
        _READERS | {Permission.SCREENING_READ, Permission.SCREENING_LEGAL_REVIEW}
    ),
    Role.ARMS: frozenset(_READERS),
    Role.SUPERVISOR: frozenset(
        _READERS
        | {
            Permission.PERSON_REGISTER,
            Permission.PERSON_EDIT,
            Permission.PERSON_MOVE,
            Permission.AUDIT_READ,
            Permission.SCREENING_READ,
            Permission.SCREENING_DECIDE,
            Permission.SCREENING_LEGAL_REVIEW,
        }
    ),
    Role.OBSERVER: frozenset(),
    Role.ADMINISTRATOR: frozenset(
        {
            Permission.REFERENCE_READ,
            Permission.REFERENCE_MANAGE,
            Permission.USERS_MANAGE,
            Permission.AUDIT_READ,
            Permission.SCREENING_LISTS,
        }
    ),
}

# Roles that need a second factor before they can do anything.
TOTP_REQUIRED: frozenset[Role] = frozenset({Role.ADMINISTRATOR})


def allows(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]
