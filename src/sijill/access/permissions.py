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
    TRANSFER_READ = "transfer:read"
    TRANSFER_MANAGE = "transfer:manage"
    TRANSFER_APPROVE = "transfer:approve"
    TRANSFER_LEGAL_REVIEW = "transfer:legal_review"
    PROTECTION_FACTORS = "protection:factors"
    COUNTRY_RISK_READ = "country_risk:read"
    COUNTRY_RISK_MANAGE = "country_risk:manage"


_READERS = {Permission.PERSON_READ, Permission.PERSON_HISTORY, Permission.REFERENCE_READ}
_TRANSFER_READERS = {Permission.TRANSFER_READ, Permission.COUNTRY_RISK_READ}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.REGISTRAR: frozenset(
        _READERS | {Permission.PERSON_REGISTER, Permission.PERSON_EDIT, Permission.PERSON_MOVE}
    ),
    Role.SCREENING: frozenset(_READERS),
    Role.CASE: frozenset(
        _READERS | _TRANSFER_READERS | {Permission.PERSON_MOVE, Permission.TRANSFER_MANAGE}
    ),
    Role.PROTECTION: frozenset(
        _READERS
        | _TRANSFER_READERS
        | {Permission.TRANSFER_LEGAL_REVIEW, Permission.PROTECTION_FACTORS}
    ),
    Role.ARMS: frozenset(_READERS | {Permission.TRANSFER_READ}),
    Role.SUPERVISOR: frozenset(
        _READERS
        | {
            Permission.PERSON_REGISTER,
            Permission.PERSON_EDIT,
            Permission.PERSON_MOVE,
            Permission.AUDIT_READ,
            Permission.TRANSFER_APPROVE,
            Permission.TRANSFER_MANAGE,
        }
        | _TRANSFER_READERS
    ),
    Role.OBSERVER: frozenset(),
    Role.ADMINISTRATOR: frozenset(
        {
            Permission.REFERENCE_READ,
            Permission.REFERENCE_MANAGE,
            Permission.USERS_MANAGE,
            Permission.AUDIT_READ,
            Permission.COUNTRY_RISK_READ,
            Permission.COUNTRY_RISK_MANAGE,
        }
    ),
}

# Roles that need a second factor before they can do anything.
TOTP_REQUIRED: frozenset[Role] = frozenset({Role.ADMINISTRATOR})


def allows(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]
