"""Typed settings, read once from the environment (``SIJILL_*``) and passed in."""

from __future__ import annotations

import secrets
from enum import StrEnum
from pathlib import Path
from typing import Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class Settings(BaseSettings):
    """Every setting Sijill reads. Documented in docs/operator-guide.md (a test checks it)."""

    model_config = SettingsConfigDict(env_prefix="SIJILL_", extra="ignore")

    environment: Environment = Environment.DEVELOPMENT
    data_dir: Path = Path("./sijill-data")
    database_url: str | None = None
    secret_key: SecretStr | None = None
    secure_cookies: bool | None = None
    session_max_age: int = Field(default=8 * 3600, ge=60)
    max_field_length: int = Field(default=200, ge=10, le=200)  # name columns hold 200
    max_request_bytes: int = Field(default=1_000_000, ge=10_000)
    default_language: str = "en"
    screening_max_list_bytes: int = Field(default=200_000_000, ge=1_000)
    host: str = "127.0.0.1"
    port: int = 8000

    @model_validator(mode="after")
    def _refuse_missing_secret_outside_development(self) -> Self:
        if self.environment == Environment.PRODUCTION:
            if self.secret_key is None or len(self.secret_key.get_secret_value()) < 32:
                raise ValueError(
                    "SIJILL_SECRET_KEY must be set to at least 32 random characters in production"
                )
            if self.database_url is None:
                raise ValueError("SIJILL_DATABASE_URL must be set in production")
            if self.secure_cookies is False:
                raise ValueError("SIJILL_SECURE_COOKIES cannot be false in production")
        return self

    @property
    def cookies_https_only(self) -> bool:
        """Cookies only over HTTPS: always in production, off by default in development."""
        if self.secure_cookies is None:
            return self.environment == Environment.PRODUCTION
        return self.secure_cookies

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'sijill.db').resolve()}"

    def session_secret(self) -> str:
        """The cookie-signing secret: from settings, or generated once into the data dir."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        path = self.data_dir / "secret_key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()
