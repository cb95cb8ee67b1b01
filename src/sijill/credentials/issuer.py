"""Who signs: the key ring and the issuer's names, built from the settings by an adapter."""

from __future__ import annotations

from dataclasses import dataclass

from sijill.config import Environment, Settings
from sijill.credentials import keys


@dataclass(frozen=True)
class Issuer:
    ring: keys.KeyRing
    name: str
    status_uri: str
    country: str | None
    status_list_seconds: int


def from_settings(settings: Settings, now: int) -> Issuer:
    """The issuer; the embedded default makes its keys on first use, production never does."""
    ring = keys.load(
        settings.effective_key_dir,
        create=settings.environment != Environment.PRODUCTION,
        now=now,
    )
    return Issuer(
        ring=ring,
        name=settings.credentials_issuer,
        status_uri=settings.credentials_status_uri,
        country=settings.credentials_country,
        status_list_seconds=settings.credentials_status_list_hours * 3600,
    )
