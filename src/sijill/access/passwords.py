"""Password policy (pure): long enough, not the user name, not a well-known password."""

from __future__ import annotations

from functools import cache
from importlib import resources

from sijill.errors import Msg

MIN_LENGTH = 12
MAX_LENGTH = 200
_TRAILING = "0123456789!@#$%^&*()-_=+.,;:?~ "


@cache
def common_passwords() -> frozenset[str]:
    """The bundled list (``data/common_passwords.txt``), lower case."""
    text = resources.files("sijill.access").joinpath("data/common_passwords.txt").read_text()
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _is_common(password: str) -> bool:
    lowered = password.lower()
    stem = lowered.rstrip(_TRAILING)
    common = common_passwords()
    return lowered in common or stem in common or lowered.lstrip(_TRAILING) in common


def _repeats_username(password: str, username: str) -> bool:
    name = username.strip().lower()
    return len(name) >= 3 and (name in password.lower() or password.lower() in name)


def problem(password: str, username: str) -> Msg | None:
    """Why ``password`` is refused for ``username``, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return Msg("Use at least {n} characters.", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return Msg("Use at most {n} characters.", n=MAX_LENGTH)
    if _repeats_username(password, username):
        return Msg("The password must not contain the user name.")
    if _is_common(password) or len(set(password)) < 4:
        return Msg("This password is too common or too easy to guess. Choose another.")
    return None
