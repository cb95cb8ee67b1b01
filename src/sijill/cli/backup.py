"""backup keygen|create|restore: encrypted logical backups of the whole database."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from sijill.backup import service as backup_service
from sijill.backup.stream import BackupDamaged, new_key, parse_key
from sijill.config import Settings, read_secret_file
from sijill.db import check_migrated, make_engine
from sijill.errors import Conflict, InvalidInput, RuleViolation


def register(sub: Any) -> None:
    backup = sub.add_parser(
        "backup", help="encrypted backups of the whole database"
    ).add_subparsers(dest="action", required=True, metavar="ACTION")
    p = backup.add_parser("keygen", help="write a new backup key to FILE (mode 0600)")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(handler=keygen)
    p = backup.add_parser("create", help="back the database up, encrypted, into FILE")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--key", type=Path, help="the key file (default: SIJILL_BACKUP_KEY_FILE)")
    p.set_defaults(handler=create)
    p = backup.add_parser("restore", help="load a backup into an empty, migrated database")
    p.add_argument("file", type=Path)
    p.add_argument("--key", type=Path, help="the key file (default: SIJILL_BACKUP_KEY_FILE)")
    p.set_defaults(handler=restore)


def _private_file(path: Path) -> int:
    """A new file only its owner may read; an existing one is never overwritten."""
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise Conflict(f"{path} exists already: choose another name.") from None


def _key(args: argparse.Namespace, settings: Settings) -> bytes:
    path = args.key or settings.backup_key_file
    if path is None:
        raise InvalidInput({"key": "give --key FILE or set SIJILL_BACKUP_KEY_FILE"})
    try:
        return parse_key(read_secret_file(path))
    except ValueError as exc:
        raise RuleViolation(str(exc)) from None


def keygen(args: argparse.Namespace, settings: Settings) -> int:
    with os.fdopen(_private_file(args.out), "w") as out:
        out.write(new_key() + "\n")
    print(f"backup key written to {args.out}: keep a copy away from the backups")
    return 0


def create(args: argparse.Namespace, settings: Settings) -> int:
    key = _key(args, settings)
    if args.out.exists():
        raise Conflict(f"{args.out} exists already: choose another name.")
    engine = make_engine(settings.effective_database_url)
    files = backup_service.FileStore(settings.photo_dir)
    partial = args.out.with_name(args.out.name + ".partial")
    snapshot = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name != "sqlite" else {}
    try:
        check_migrated(engine)
        with (
            engine.connect().execution_options(**snapshot) as conn,
            conn.begin(),
            os.fdopen(_private_file(partial), "wb") as out,
        ):
            counts = backup_service.dump(conn, out, key, files)
        os.replace(partial, args.out)  # a backup file is whole or absent
    finally:
        partial.unlink(missing_ok=True)
        engine.dispose()
    rows = f"{sum(counts.values())} rows of {len(counts)} tables"
    print(f"backed up {rows} and {files.count} files to {args.out}")
    for name in files.damaged:
        print(
            f"left out {files.folder / name}: its content does not match its name", file=sys.stderr
        )
    return 1 if files.damaged else 0


def restore(args: argparse.Namespace, settings: Settings) -> int:
    key = _key(args, settings)
    engine = make_engine(settings.effective_database_url)
    files = backup_service.FileStore(settings.photo_dir)
    try:
        check_migrated(engine)
        with engine.begin() as conn, args.file.open("rb") as src:
            counts = backup_service.restore(conn, src, key, files)
    except BackupDamaged as exc:
        raise RuleViolation(str(exc)) from None
    finally:
        engine.dispose()
    for table, rows in counts.items():
        print(f"{table:24} {rows}")
    print(f"restored {sum(counts.values())} rows of {len(counts)} tables and {files.count} files")
    return 0
