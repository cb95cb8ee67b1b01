"""Dump every table of the database (found by reflection, so no table is forgotten) as
compressed JSON lines through :mod:`sijill.backup.stream`, and restore such a dump into an
empty database migrated to the same revision, in one transaction."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import uuid
import zlib
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from sqlalchemy import Connection, MetaData, Table, cast, func, insert, literal, select, text
from sqlalchemy.dialects.postgresql import REGCLASS

from sijill.backup.stream import Encryptor, decrypt
from sijill.errors import Conflict, RuleViolation
from sijill.timeutil import utcnow

FORMAT = 1
BATCH = 1000
_SKIP = {"alembic_version"}


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


def dump(conn: Connection, out: BinaryIO, key: bytes) -> dict[str, int]:
    """Write the whole database to ``out``, encrypted; returns the rows per table. Rows are
    streamed (``yield_per``), so memory stays flat whatever the size."""
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
    emit({"end": counts})
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


def restore(conn: Connection, src: BinaryIO, key: bytes) -> dict[str, int]:
    """Load a backup into the (empty, migrated) database of ``conn``; the caller commits.
    Returns the rows per table; a damaged backup raises before anything is committed."""
    tables = {t.name: t for t in _tables(conn)}
    lines = _lines(src, key)
    _check_target(conn, next(lines, None), tables)
    loader = _Loader(conn)
    for item in lines:
        if isinstance(item, list):
            loader.add(item)
        elif isinstance(item, dict) and "end" in item:
            loader.flush()
            if item["end"] != loader.counts:
                raise RuleViolation("The backup's row counts do not match its rows.")
            _reset_sequences(conn, [tables[name] for name in loader.counts])
            return loader.counts
        else:
            loader.start(*_target_table(tables, item))
    raise RuleViolation("The backup ends before its last table.")


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
