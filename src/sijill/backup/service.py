"""Dump every table of the database (found by reflection, so no table is forgotten) as
compressed JSON lines through :mod:`sijill.backup.stream`, and restore such a dump into an
empty database migrated to the same revision, in one transaction.

Files the database points to (weapon photographs: a folder of content-addressed files, each
named by its SHA-256) travel in the same encrypted stream after the tables. A restore checks
each file against its name, keeps them aside until the whole backup has been read, and only
then moves them into place.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import json
import re
import shutil
import tempfile
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Connection, MetaData, Table, cast, func, insert, literal, select, text
from sqlalchemy.dialects.postgresql import REGCLASS

from sijill.backup.stream import Encryptor, decrypt
from sijill.errors import Conflict, RuleViolation
from sijill.timeutil import utcnow

FORMAT = 1
BATCH = 1000
_SKIP = {"alembic_version"}
_FILE_NAME = re.compile(r"([0-9a-f]{2})/(\1[0-9a-f]{62})")


@dataclass
class FileStore:
    """A folder of content-addressed files (``ab/abcd…``, the name is the SHA-256 of the
    content) backed up with the database; ``count`` is how many a dump or restore moved."""

    folder: Path
    count: int = 0
    damaged: list[str] = field(default_factory=list)

    def stored(self) -> Iterator[tuple[str, bytes]]:
        """Each file with its content; a file whose content no longer matches its name is
        left out and named in ``damaged`` (it would make the backup unrestorable)."""
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.glob("??/*")):
            name = path.relative_to(self.folder).as_posix()
            if not (_FILE_NAME.fullmatch(name) and path.is_file()):
                continue
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() == path.name:
                yield name, data
            else:
                self.damaged.append(name)


def _encode(value: Any) -> Any:
    """A column value as JSON; types JSON lacks are tagged, JSON columns wrapped."""
    if isinstance(value, dt.datetime):
        return {"$t": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$d": value.isoformat()}
    if isinstance(value, uuid.UUID):
        return {"$u": str(value)}
    if isinstance(value, bytes | memoryview):
        return {"$b": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, decimal.Decimal):
        return {"$n": str(value)}
    if isinstance(value, dict | list):
        return {"$j": value}
    return value


_DECODERS: dict[str, Callable[[Any], Any]] = {
    "$t": dt.datetime.fromisoformat,
    "$d": dt.date.fromisoformat,
    "$u": uuid.UUID,
    "$b": base64.b64decode,
    "$n": decimal.Decimal,
    "$j": lambda v: v,
}


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        ((tag, raw),) = value.items()
        return _DECODERS[tag](raw)
    return value


def _tables(conn: Connection) -> list[Table]:
    meta = MetaData()
    meta.reflect(conn)
    return [t for t in meta.sorted_tables if t.name not in _SKIP]


def _revision(conn: Connection) -> str | None:
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _line(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def dump(
    conn: Connection, out: BinaryIO, key: bytes, files: FileStore | None = None
) -> dict[str, int]:
    """Write the whole database (and the files of ``files``) to ``out``, encrypted; returns
    the rows per table. Rows are streamed (``yield_per``) and files read one at a time, so
    memory stays flat whatever the size."""
    sealed = Encryptor(out, key)
    packer = zlib.compressobj(6)
    counts: dict[str, int] = {}

    def emit(value: Any) -> None:
        sealed.write(packer.compress(_line(value)))

    tables = _tables(conn)
    emit({"sijill_backup": FORMAT, "revision": _revision(conn), "at": utcnow().isoformat()})
    for table in tables:
        columns = [c.name for c in table.columns]
        emit({"table": table.name, "columns": columns})
        order = list(table.primary_key.columns) or list(table.columns)
        rows = conn.execute(select(table).order_by(*order).execution_options(yield_per=BATCH))
        counts[table.name] = 0
        for row in rows:
            emit([_encode(v) for v in row])
            counts[table.name] += 1
    if files is not None:
        for name, data in files.stored():
            emit({"file": name, "data": base64.b64encode(data).decode()})
            files.count += 1
    emit({"end": counts, "files": files.count if files else 0})
    sealed.write(packer.flush())
    sealed.close()
    return counts


def _lines(src: BinaryIO, key: bytes) -> Iterator[Any]:
    unpacker = zlib.decompressobj()
    pending = b""
    for chunk in decrypt(src, key):
        pending += unpacker.decompress(chunk)
        *whole, pending = pending.split(b"\n")
        for line in whole:
            yield json.loads(line)
    pending += unpacker.flush()
    if pending.strip():
        yield json.loads(pending)


def _check_target(conn: Connection, header: Any, tables: dict[str, Table]) -> None:
    if not isinstance(header, dict) or header.get("sijill_backup") != FORMAT:
        raise RuleViolation("This backup was written in a format this Sijill cannot read.")
    if header["revision"] != _revision(conn):
        raise Conflict(
            f"The backup is of schema revision {header['revision']}, the database is at "
            f"{_revision(conn)}: restore into a database migrated to the backup's revision."
        )
    for table in tables.values():
        if conn.execute(select(func.count()).select_from(table)).scalar():
            raise Conflict(f"Restore only into an empty database: {table.name} has rows.")


def _target_table(tables: dict[str, Table], item: Any) -> tuple[Table, list[str]]:
    table = tables.get(str(item.get("table"))) if isinstance(item, dict) else None
    if table is None:
        raise RuleViolation(f"The backup holds a table this database lacks: {item!r:.80}.")
    columns: list[str] = item["columns"]
    if set(columns) != {c.name for c in table.columns}:
        raise RuleViolation(f"The columns of {table.name} differ between backup and database.")
    return table, columns


class _Loader:
    """Rows of one table at a time, inserted in batches."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.counts: dict[str, int] = {}
        self.table: Table | None = None
        self.columns: list[str] = []
        self.batch: list[dict[str, Any]] = []

    def start(self, table: Table, columns: list[str]) -> None:
        self.flush()
        self.table, self.columns = table, columns
        self.counts[table.name] = 0

    def add(self, values: list[Any]) -> None:
        if self.table is None:
            raise RuleViolation("The backup has rows before its first table.")
        self.batch.append(dict(zip(self.columns, map(_decode, values), strict=True)))
        self.counts[self.table.name] += 1
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.table is not None and self.batch:
            self.conn.execute(insert(self.table), self.batch)
        self.batch = []


class _Staged:
    """Files of a backup kept aside in a folder beside their destination until the whole
    backup has been read."""

    def __init__(self, files: FileStore | None) -> None:
        self.files = files
        self.names: list[str] = []
        self.folder: Path | None = None

    def add(self, item: dict[str, Any]) -> None:
        name, data = str(item["file"]), base64.b64decode(item["data"])
        found = _FILE_NAME.fullmatch(name)
        if found is None or hashlib.sha256(data).hexdigest() != found[2]:
            raise RuleViolation(f"The backup's file {name:.80} does not match its name.")
        if self.files is None:
            raise RuleViolation("The backup holds files: give the folder to restore them to.")
        if self.folder is None:
            self.files.folder.mkdir(parents=True, exist_ok=True)
            self.folder = Path(tempfile.mkdtemp(".restoring", dir=self.files.folder))
        (self.folder / found[2]).write_bytes(data)
        self.names.append(name)

    def commit(self, expected: int) -> None:
        if len(self.names) != expected:
            raise RuleViolation("The backup's file count does not match its files.")
        if self.files is None or self.folder is None:
            return
        for name in self.names:
            target = self.files.folder / name
            target.parent.mkdir(exist_ok=True)
            (self.folder / target.name).replace(target)
        self.files.count = len(self.names)
        self.discard()

    def discard(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def restore(
    conn: Connection, src: BinaryIO, key: bytes, files: FileStore | None = None
) -> dict[str, int]:
    """Load a backup into the (empty, migrated) database of ``conn`` and its files into
    ``files``; the caller commits. Returns the rows per table; a damaged backup raises before
    anything is committed and leaves no file behind."""
    tables = {t.name: t for t in _tables(conn)}
    lines = _lines(src, key)
    _check_target(conn, next(lines, None), tables)
    loader, staged = _Loader(conn), _Staged(files)
    try:
        for item in lines:
            if isinstance(item, list):
                loader.add(item)
            elif isinstance(item, dict) and "file" in item:
                loader.flush()
                staged.add(item)
            elif isinstance(item, dict) and "end" in item:
                loader.flush()
                if item["end"] != loader.counts:
                    raise RuleViolation("The backup's row counts do not match its rows.")
                _reset_sequences(conn, [tables[name] for name in loader.counts])
                staged.commit(item.get("files", 0))
                return loader.counts
            else:
                loader.start(*_target_table(tables, item))
        raise RuleViolation("The backup ends before its last table.")
    finally:
        staged.discard()


def _reset_sequences(conn: Connection, tables: list[Table]) -> None:
    """PostgreSQL: move each serial primary key's sequence past the restored rows."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        for column in table.primary_key.columns:
            seq = conn.execute(
                text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name}
            ).scalar()
            if seq:
                after = func.coalesce(func.max(column), 0) + 1
                conn.execute(select(func.setval(cast(literal(seq), REGCLASS), after, False)))
