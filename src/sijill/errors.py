"""Domain errors. Services raise them; each adapter translates them once at its edge."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Msg(str):
    """A message in English that a page can show in another language.

    It is the formatted English text (so the API, the CLI and logs use it as a plain
    string) and it keeps its ``template`` and ``params``: a page translates the template
    with gettext and formats it with the params.
    """

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Msg:
        text = super().__new__(cls, template.format(**params) if params else template)
        text.template = template
        text.params = params
        return text


class DomainError(Exception):
    """Base of every error a user may see. ``code`` is stable; ``status`` is the HTTP status."""

    code = "error"
    status = 400
    title = "Request failed"

    def __init__(self, message: str, *, field: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details


class NotFound(DomainError):
    code = "not_found"
    status = 404
    title = "Not found"


class Conflict(DomainError):
    code = "conflict"
    status = 409
    title = "Conflict"


class NotPermitted(DomainError):
    code = "not_permitted"
    status = 403
    title = "Not permitted"


class NotAuthenticated(DomainError):
    code = "not_authenticated"
    status = 401
    title = "Not authenticated"


class RuleViolation(DomainError):
    code = "rule_violation"
    status = 422
    title = "Rule violated"


class InvalidInput(DomainError):
    """One or more fields are invalid. ``errors`` maps field path -> message."""

    code = "invalid_input"
    status = 422
    title = "Invalid input"

    def __init__(self, errors: Mapping[str, str]) -> None:
        first = next(iter(errors.items()), ("", "invalid input"))
        super().__init__(f"{first[0]}: {first[1]}" if first[0] else first[1], field=first[0])
        self.errors = dict(errors)


class NeedsConfirmation(DomainError):
    """The input is acceptable only with a stated reason (e.g. a shared document number)."""

    code = "needs_confirmation"
    status = 409
    title = "Confirmation needed"

    def __init__(
        self,
        message: str,
        *,
        field: str,
        warnings: list[str],
        candidates: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message, field=field)
        self.warnings = warnings
        self.candidates = candidates
