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
    PERSON_SEAL = "person:seal"
    REFERENCE_READ = "reference:read"
    REFERENCE_MANAGE = "reference:manage"
    USERS_MANAGE = "users:manage"
    AUDIT_READ = "audit:read"
    DEDUP_REVIEW = "dedup:review"
    DEDUP_RUN = "dedup:run"
    MERGE_APPROVE = "merge:approve"
    WEAPON_READ = "weapon:read"
    WEAPON_RECORD = "weapon:record"
    PERMIT_REQUEST = "permit:request"
    PERMIT_APPROVE = "permit:approve"
    DOCUMENTS_READ = "documents:read"
    DOCUMENTS_REQUEST = "documents:request"
    DOCUMENTS_APPROVE = "documents:approve"
    DOCUMENTS_ISSUE = "documents:issue"
    DOCUMENTS_REVOKE = "documents:revoke"
    DOCUMENTS_PUBLISH = "documents:publish"
    CASE_READ = "case:read"
    CASE_MANAGE = "case:manage"
    CASE_JUDICIAL = "case:judicial"
    CASE_ASSIGN = "case:assign"
    BACKLOG_READ = "backlog:read"
    ELIGIBILITY_MANAGE = "eligibility:manage"
    TRANSFER_READ = "transfer:read"
    TRANSFER_MANAGE = "transfer:manage"
    TRANSFER_APPROVE = "transfer:approve"
    TRANSFER_LEGAL_REVIEW = "transfer:legal_review"
    PROTECTION_FACTORS = "protection:factors"
    COUNTRY_RISK_READ = "country_risk:read"
    COUNTRY_RISK_MANAGE = "country_risk:manage"
    SCREENING_READ = "screening:read"
    SCREENING_DECIDE = "screening:decide"
    SCREENING_LEGAL_REVIEW = "screening:legal_review"
    SCREENING_LISTS = "screening:lists"


_READERS = {
    Permission.PERSON_READ,
    Permission.PERSON_HISTORY,
    Permission.REFERENCE_READ,
    Permission.CASE_READ,
}
# Ask for, read and issue (once a supervisor approved) identity papers and permits.
_DOCUMENTS = {Permission.DOCUMENTS_READ, Permission.DOCUMENTS_REQUEST, Permission.DOCUMENTS_ISSUE}
_CASEWORK = {Permission.CASE_MANAGE, Permission.BACKLOG_READ}
_TRANSFER_READERS = {Permission.TRANSFER_READ, Permission.COUNTRY_RISK_READ}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.REGISTRAR: frozenset(
        _READERS | {Permission.PERSON_REGISTER, Permission.PERSON_EDIT, Permission.PERSON_MOVE}
    ),
    Role.SCREENING: frozenset(
        _READERS
        | {
            Permission.DEDUP_REVIEW,
            Permission.DEDUP_RUN,
            Permission.SCREENING_READ,
            Permission.SCREENING_DECIDE,
            Permission.SCREENING_LISTS,
        }
    ),
    Role.CASE: frozenset(
        _READERS
        | _DOCUMENTS
        | _CASEWORK
        | _TRANSFER_READERS
        | {Permission.PERSON_MOVE, Permission.TRANSFER_MANAGE}
    ),
    Role.PROTECTION: frozenset(
        _READERS
        | _TRANSFER_READERS
        | {
            Permission.DOCUMENTS_READ,
            Permission.CASE_JUDICIAL,
            Permission.BACKLOG_READ,
            Permission.TRANSFER_LEGAL_REVIEW,
            Permission.PROTECTION_FACTORS,
            Permission.PERSON_SEAL,
            Permission.SCREENING_READ,
            Permission.SCREENING_LEGAL_REVIEW,
        }
    ),
    Role.ARMS: frozenset(
        _READERS
        | _DOCUMENTS
        | {
            Permission.WEAPON_READ,
            Permission.WEAPON_RECORD,
            Permission.PERMIT_REQUEST,
            Permission.TRANSFER_READ,
        }
    ),
    Role.SUPERVISOR: frozenset(
        _READERS
        | {
            Permission.PERSON_REGISTER,
            Permission.PERSON_EDIT,
            Permission.PERSON_MOVE,
            Permission.AUDIT_READ,
            Permission.DEDUP_REVIEW,
            Permission.DEDUP_RUN,
            Permission.MERGE_APPROVE,
            Permission.WEAPON_READ,
            Permission.PERMIT_APPROVE,
            Permission.DOCUMENTS_APPROVE,
            Permission.DOCUMENTS_REVOKE,
            Permission.DOCUMENTS_PUBLISH,
            Permission.CASE_JUDICIAL,
            Permission.CASE_ASSIGN,
            Permission.TRANSFER_APPROVE,
            Permission.TRANSFER_MANAGE,
            Permission.SCREENING_READ,
            Permission.SCREENING_DECIDE,
            Permission.SCREENING_LEGAL_REVIEW,
        }
        | _DOCUMENTS
        | _CASEWORK
        | _TRANSFER_READERS
    ),
    Role.OBSERVER: frozenset(),
    Role.ADMINISTRATOR: frozenset(
        {
            Permission.REFERENCE_READ,
            Permission.REFERENCE_MANAGE,
            Permission.USERS_MANAGE,
            Permission.AUDIT_READ,
            Permission.DOCUMENTS_PUBLISH,
            Permission.ELIGIBILITY_MANAGE,
            Permission.COUNTRY_RISK_READ,
            Permission.COUNTRY_RISK_MANAGE,
            Permission.SCREENING_LISTS,
        }
    ),
}

# Roles that need a second factor before they can do anything.
TOTP_REQUIRED: frozenset[Role] = frozenset({Role.ADMINISTRATOR})


def allows(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]
