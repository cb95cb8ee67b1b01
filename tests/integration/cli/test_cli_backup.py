"""sijill backup keygen|create|restore against SQLite files, as an operator runs them."""

from __future__ import annotations

import hashlib
import io
import sys
from pathlib import Path

import pytest
from sqlalchemy import MetaData, select

from sijill.cli import main
from sijill.db import make_engine

pytestmark = pytest.mark.integration


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.setenv("SIJILL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    def call(db: str, *argv: str) -> tuple[int, str, str]:
        monkeypatch.setenv("SIJILL_DATABASE_URL", f"sqlite:///{tmp_path / db}")
        capsys.readouterr()
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return call


def tables(path: Path) -> dict[str, list[tuple]]:
    engine = make_engine(f"sqlite:///{path}")
    meta = MetaData()
    with engine.connect() as conn:
        meta.reflect(conn)
        rows = {
            t.name: [tuple(r) for r in conn.execute(select(t).order_by(*t.primary_key))]
            for t in meta.sorted_tables
        }
    engine.dispose()
    return rows


def test_back_up_and_restore_into_a_new_database(run, tmp_path):
    assert run("a.db", "init", "--password", "a-long-cli-password")[0] == 0
    assert run("a.db", "offices", "add", "RAQ", "Raqqa")[0] == 0
    key = tmp_path / "backup.key"
    assert run("a.db", "backup", "keygen", "--out", str(key))[0] == 0
    assert key.stat().st_mode & 0o777 == 0o600
    out = tmp_path / "a.sjbk"
    code, printed, err = run("a.db", "backup", "create", "--out", str(out), "--key", str(key))
    assert (code, err) == (0, ""), err
    assert "backed up" in printed and out.stat().st_mode & 0o777 == 0o600
    assert b"Raqqa" not in out.read_bytes()  # encrypted
    code, _, err = run("a.db", "backup", "create", "--out", str(out), "--key", str(key))
    assert code != 0 and "exists already" in err
    assert run("b.db", "migrate")[0] == 0
    code, printed, err = run("b.db", "backup", "restore", str(out), "--key", str(key))
    assert (code, err) == (0, ""), err
    assert "restored" in printed
    assert tables(tmp_path / "b.db") == tables(tmp_path / "a.db")
    code, _, err = run("b.db", "backup", "restore", str(out), "--key", str(key))
    assert code != 0 and "Restore only into an empty database" in err


def test_a_readable_key_a_wrong_key_and_a_damaged_file_are_refused(run, tmp_path):
    assert run("a.db", "init", "--password", "a-long-cli-password")[0] == 0
    key, other = tmp_path / "k1", tmp_path / "k2"
    run("a.db", "backup", "keygen", "--out", str(key))
    run("a.db", "backup", "keygen", "--out", str(other))
    out = tmp_path / "a.sjbk"
    run("a.db", "backup", "create", "--out", str(out), "--key", str(key))
    assert run("b.db", "migrate")[0] == 0
    code, _, err = run("b.db", "backup", "restore", str(out), "--key", str(other))
    assert code != 0 and "the key is not its key" in err
    damaged = bytearray(out.read_bytes())
    damaged[-5] ^= 1
    out.write_bytes(bytes(damaged))
    code, _, err = run("b.db", "backup", "restore", str(out), "--key", str(key))
    assert code != 0 and "damaged" in err
    key.chmod(0o644)
    code, _, err = run("a.db", "backup", "create", "--out", str(tmp_path / "x"), "--key", str(key))
    assert code != 0 and "chmod 600" in err
    code, _, err = run("a.db", "backup", "create", "--out", str(tmp_path / "x"))
    assert code != 0 and "SIJILL_BACKUP_KEY_FILE" in err


def store(folder: Path, *contents: bytes) -> dict[str, bytes]:
    """Content-addressed files as the weapon photographs are kept: ab/abcd… by SHA-256."""
    files = {}
    for content in contents:
        digest = hashlib.sha256(content).hexdigest()
        (folder / digest[:2]).mkdir(parents=True, exist_ok=True)
        (folder / digest[:2] / digest).write_bytes(content)
        files[f"{digest[:2]}/{digest}"] = content
    return files


def stored(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_photographs_travel_with_the_backup(run, tmp_path, monkeypatch):
    assert run("a.db", "init", "--password", "a-long-cli-password")[0] == 0
    photos = store(tmp_path / "data" / "weapon-photos", b"\xff\xd8\xff photo one", b"two")
    damaged = tmp_path / "data" / "weapon-photos" / "00" / ("0" * 64)
    damaged.parent.mkdir()
    damaged.write_bytes(b"not what the name says")
    key, out = tmp_path / "k", tmp_path / "a.sjbk"
    run("a.db", "backup", "keygen", "--out", str(key))
    code, printed, err = run("a.db", "backup", "create", "--out", str(out), "--key", str(key))
    assert code == 1 and "and 2 files" in printed and f"left out {damaged}" in err
    assert b"photo one" not in out.read_bytes()
    monkeypatch.setenv("SIJILL_DATA_DIR", str(tmp_path / "elsewhere"))
    assert run("b.db", "migrate")[0] == 0
    code, printed, err = run("b.db", "backup", "restore", str(out), "--key", str(key))
    assert (code, err) == (0, "") and "and 2 files" in printed
    assert stored(tmp_path / "elsewhere" / "weapon-photos") == photos


def test_a_failed_restore_leaves_no_file_behind(run, tmp_path, monkeypatch):
    assert run("a.db", "init", "--password", "a-long-cli-password")[0] == 0
    store(tmp_path / "data" / "weapon-photos", b"one")
    key, out = tmp_path / "k", tmp_path / "a.sjbk"
    run("a.db", "backup", "keygen", "--out", str(key))
    run("a.db", "backup", "create", "--out", str(out), "--key", str(key))
    monkeypatch.setenv("SIJILL_DATA_DIR", str(tmp_path / "elsewhere"))
    code, _, err = run("a.db", "backup", "restore", str(out), "--key", str(key))
    assert code != 0 and "Restore only into an empty database" in err
    assert run("b.db", "migrate")[0] == 0
    truncated = tmp_path / "cut.sjbk"
    truncated.write_bytes(out.read_bytes()[:-40])
    code, _, err = run("b.db", "backup", "restore", str(truncated), "--key", str(key))
    assert code != 0
    folder = tmp_path / "elsewhere" / "weapon-photos"
    assert not folder.exists() or stored(folder) == {}
