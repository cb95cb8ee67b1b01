"""Typed settings, read once from the environment (``SIJILL_*``) and passed in."""

from __future__ import annotations

import os
import secrets
from enum import StrEnum
from pathlib import Path
from typing import Literal, Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from sijill.errors import RuleViolation


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
    database_url_file: Path | None = None
    secret_key: SecretStr | None = None
    secret_key_file: Path | None = None
    backup_key_file: Path | None = None
    secure_cookies: bool | None = None
    session_max_age: int = Field(default=8 * 3600, ge=60)
    max_field_length: int = Field(default=200, ge=10, le=200)  # name columns hold 200
    max_request_bytes: int = Field(default=1_000_000, ge=10_000)
    max_photo_bytes: int = Field(default=900_000, ge=10_000)
    max_person_photo_bytes: int = Field(default=5_000_000, ge=10_000, le=50_000_000)
    login_max_failures: int = Field(default=5, ge=1)
    login_max_failures_per_address: int = Field(default=20, ge=1)
    login_window_seconds: int = Field(default=900, ge=1)
    login_lockout_seconds: int = Field(default=900, ge=1)
    default_language: str = "en"
    credentials_key_dir: Path | None = None  # default: <data_dir>/credentials, made on first use
    credentials_issuer: str = Field(default="sijill", min_length=1, max_length=100)
    credentials_country: str | None = Field(default=None, min_length=2, max_length=3)
    credentials_status_uri: str = "urn:sijill:status-list:1"
    credentials_status_list_hours: int = Field(default=48, ge=1, le=24 * 31)
    # Who signs documents and status lists: the key ring ("local") or an external program
    credentials_signer: Literal["local", "command"] = "local"
    credentials_signer_command: Path | None = None
    credentials_signer_public_key: Path | None = None  # the external key's PEM public key
    credentials_signer_timeout: float = Field(default=10.0, gt=0.0, le=300.0)
    # The trust list's anchor held by an external signer (both or neither)
    credentials_anchor_command: Path | None = None
    credentials_anchor_public_key: Path | None = None  # its Ed25519 public key (PEM)
    # Decision thresholds of the matching engine (sijill-person): a score at or above
    # match_threshold is a match, at or above possible_threshold a possible match.
    match_threshold: float = Field(default=0.85, gt=0.0, le=1.0)
    possible_threshold: float = Field(default=0.60, gt=0.0, le=1.0)
    transfer_screening_max_age_days: int = Field(default=90, ge=1)
    transfer_max_upload_bytes: int = Field(default=1_000_000, ge=10_000)
    screening_max_list_bytes: int = Field(default=200_000_000, ge=1_000)
    # Processes scoring a re-screen started from the CLI (the web's jobs use one).
    screening_workers: int = Field(default=2, ge=1, le=64)
    host: str = "127.0.0.1"
    port: int = 8000
    # Target days per pathway state ("papers.under_review": 60), over the built-in defaults
    case_target_days: dict[str, int] = Field(default_factory=dict)
    # The army integration states (sijill.cases.workflow.ArmyStatus) in which a person's case
    # lets them hold a weapon permit
    permit_army_states: tuple[Literal["vetting", "training", "integrated"], ...] = Field(
        default=("integrated",), min_length=1
    )

    @model_validator(mode="after")
    def _command_signer_complete(self) -> Self:
        if self.credentials_signer == "command" and not (
            self.credentials_signer_command and self.credentials_signer_public_key
        ):
            raise ValueError(
                "SIJILL_CREDENTIALS_SIGNER=command needs SIJILL_CREDENTIALS_SIGNER_COMMAND"
                " and SIJILL_CREDENTIALS_SIGNER_PUBLIC_KEY"
            )
        return self

    @model_validator(mode="after")
    def _external_anchor_complete(self) -> Self:
        if (self.credentials_anchor_command is None) != (
            self.credentials_anchor_public_key is None
        ):
            raise ValueError(
                "An external anchor needs both SIJILL_CREDENTIALS_ANCHOR_COMMAND"
                " and SIJILL_CREDENTIALS_ANCHOR_PUBLIC_KEY"
            )
        return self

    @model_validator(mode="after")
    def _thresholds_in_order(self) -> Self:
        if self.possible_threshold > self.match_threshold:
            raise ValueError("SIJILL_POSSIBLE_THRESHOLD cannot exceed SIJILL_MATCH_THRESHOLD")
        return self

    @model_validator(mode="after")
    def _read_secret_files(self) -> Self:
        """``*_FILE`` settings: the value read from a file only its owner may read."""
        if self.secret_key_file is not None:
            if self.secret_key is not None:
                raise ValueError("set SIJILL_SECRET_KEY or SIJILL_SECRET_KEY_FILE, not both")
            self.secret_key = SecretStr(read_secret_file(self.secret_key_file))
        if self.database_url_file is not None:
            if self.database_url is not None:
                raise ValueError("set SIJILL_DATABASE_URL or SIJILL_DATABASE_URL_FILE, not both")
            self.database_url = read_secret_file(self.database_url_file)
        return self

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

    @property
    def photo_dir(self) -> Path:
        """Where weapon photographs are kept, one file per SHA-256."""
        return self.data_dir / "weapon-photos"

    @property
    def effective_key_dir(self) -> Path:
        return self.credentials_key_dir or self.data_dir / "credentials"

    def session_secret(self) -> str:
        """The cookie-signing secret: from settings, or generated once into the data dir."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        path = self.data_dir / "secret_key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(48))
        try:
            return read_secret_file(path)
        except ValueError as exc:
            raise RuleViolation(str(exc)) from None


def read_secret_file(path: Path) -> str:
    """The stripped content of a secret file, refused when its group or others may read or
    write it (``chmod 600``), or when it is empty."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise ValueError(f"cannot read the secret file {path}: {exc.strerror}") from None
    if mode & 0o077:
        raise ValueError(f"the secret file {path} may be read by others: chmod 600 it")
    value = path.read_text(encoding="utf-8").strip()
    if not value:
        raise ValueError(f"the secret file {path} is empty")
    return value
