"""Who is acting: passed from the adapter into every service call (pure)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sijill.access.permissions import Permission, Role, allows
from sijill.errors import NotPermitted


@dataclass(frozen=True)
class Actor:
    user_id: uuid.UUID | None
    username: str
    role: Role
    office_id: uuid.UUID | None
    office_code: str | None
    national: bool = False
    operator: bool = False  # the shell operator of the CLI, who holds the database anyway

    def can(self, permission: Permission) -> bool:
        return self.operator or allows(self.role, permission)

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise NotPermitted(
                f"Your role ({self.role.value}) may not do this ({permission.value})."
            )

    def sees_office(self, office_id: uuid.UUID | None) -> bool:
        return self.national or (office_id is not None and office_id == self.office_id)


def operator_actor(office_id: uuid.UUID | None = None, office_code: str | None = None) -> Actor:
    """The CLI operator: every permission, all offices; audited as ``operator``."""
    return Actor(
        user_id=None,
        username="operator",
        role=Role.ADMINISTRATOR,
        office_id=office_id,
        office_code=office_code,
        national=True,
        operator=True,
    )
