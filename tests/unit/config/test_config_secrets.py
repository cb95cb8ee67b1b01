"""Secrets from files: only files their owner alone may read are accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from sijill.config import Environment, Settings
from sijill.errors import RuleViolation

pytestmark = pytest.mark.unit

KEY = "k" * 40
URL = "postgresql+psycopg://sijill:s3cret@db.internal:5432/sijill"


def secret_file(tmp_path: Path, name: str, text: str, mode: int) -> Path:
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    path.chmod(mode)
    return path


def test_production_reads_the_key_and_the_database_url_from_private_files(tmp_path):
    settings = Settings(
        environment=Environment.PRODUCTION,
        data_dir=tmp_path,
        secret_key_file=secret_file(tmp_path, "key", KEY, 0o600),
        database_url_file=secret_file(tmp_path, "db", URL, 0o400),
    )
    assert settings.session_secret() == KEY
    assert settings.effective_database_url == URL


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o620, 0o644])
def test_a_file_others_may_read_is_refused(tmp_path, mode):
    with pytest.raises(ValidationError, match="may be read by others: chmod 600 it"):
        Settings(data_dir=tmp_path, secret_key_file=secret_file(tmp_path, "key", KEY, mode))


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"secret_key": KEY}, "not both"),
        ({"secret_key_file": Path("/nonexistent/key")}, "cannot read the secret file"),
    ],
)
def test_refused_combinations(tmp_path, extra, message):
    fields = {"secret_key_file": secret_file(tmp_path, "key", KEY, 0o600)} | extra
    with pytest.raises(ValidationError, match=message):
        Settings(data_dir=tmp_path, **fields)


def test_an_empty_file_is_refused(tmp_path):
    with pytest.raises(ValidationError, match="is empty"):
        Settings(data_dir=tmp_path, database_url_file=secret_file(tmp_path, "db", " ", 0o600))


def test_the_generated_key_is_private_and_checked(tmp_path):
    settings = Settings(data_dir=tmp_path)
    first = settings.session_secret()
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert settings.session_secret() == first
    (tmp_path / "secret_key").chmod(0o644)
    with pytest.raises(RuleViolation, match="chmod 600"):
        settings.session_secret()


def test_no_private_key_is_kept_in_the_repository():
    root = Path(__file__).resolve().parents[3]
    marker = "PRIVATE" + " KEY-----"  # split, so that this file does not match itself
    found = [
        str(path.relative_to(root))
        for folder in ("src", "tests", "docs", "benchmarks", "scripts")
        for path in (root / folder).rglob("*")
        if path.is_file()
        and ".data" not in path.parts  # cached benchmark databases
        and path.suffix not in {".pyc", ".db", ".sqlite", ".parquet", ".gz", ".zip"}
        and marker in path.read_text(encoding="utf-8", errors="ignore")
    ]
    assert found == []
