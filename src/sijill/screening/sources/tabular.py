"""A national list as a CSV or XLSX sheet, its columns named by a mapping (pure).

The mapping says which column holds which field (``{"name": "Full name", "id": "Ref"}``);
a field not mapped is read from a column of its own name. Several values in one cell
(aliases, dates, nationalities, documents) are separated by ";". An XLSX file is a zip:
its entries' declared sizes and compression ratio are checked before anything is unpacked.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator, Mapping
from typing import Final

from openpyxl import load_workbook

from sijill.matching.records import PERSON
from sijill.screening.entries import (
    LOW,
    ORGANIZATION,
    Alias,
    ListEntry,
    ListFormatError,
    clean,
    countries,
)

FIELDS: Final = ("id", "name", "type", "aliases", "weak_aliases", "original_name", "dob",
                 "place_of_birth", "nationality", "documents", "sex", "reason", "programme",
                 "listed_on")  # fmt: skip
REQUIRED: Final = ("id", "name")
MAX_UNPACKED: Final = 200_000_000
MAX_RATIO: Final = 100
_ORG_TYPES: Final = frozenset({"organization", "organisation", "entity", "group", "company"})


def _many(value: str) -> list[str]:
    return [v for v in (clean(p) for p in value.split(";")) if v]


def check_zip(data: bytes, max_unpacked: int = MAX_UNPACKED) -> None:
    """Refuse a zip (XLSX) that would unpack to more than ``max_unpacked`` bytes or whose
    members are compressed more than ``MAX_RATIO`` times (a zip bomb)."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        raise ListFormatError("not a readable XLSX (zip) file") from None
    total = sum(m.file_size for m in members)
    if total > max_unpacked:
        raise ListFormatError(f"XLSX unpacks to {total} bytes, more than {max_unpacked}")
    for member in members:
        if member.compress_size and member.file_size / member.compress_size > MAX_RATIO:
            raise ListFormatError(f"XLSX member {member.filename} is compressed suspiciously")


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ListFormatError(f"byte {exc.start}: not UTF-8 text") from None
    yield from csv.reader(io.StringIO(text))


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    check_zip(data)
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except (KeyError, IndexError, OSError, ValueError, zipfile.BadZipFile) as exc:
        raise ListFormatError(f"not a readable XLSX workbook: {exc}") from None
    for row in sheet.iter_rows(values_only=True):
        yield ["" if v is None else str(v) for v in row]


def _columns(header: list[str], mapping: Mapping[str, str]) -> dict[str, int]:
    unknown = set(mapping) - set(FIELDS)
    if unknown:
        raise ListFormatError(f"mapping: unknown fields {', '.join(sorted(unknown))}")
    positions = {clean(h).casefold(): i for i, h in enumerate(header)}
    found = {}
    for field in FIELDS:
        column = clean(mapping.get(field, field)).casefold()
        if column in positions:
            found[field] = positions[column]
        elif field in REQUIRED:
            raise ListFormatError(f"line 1: no column {mapping.get(field, field)!r} for {field}")
    return found


def _entry(row: list[str], columns: dict[str, int], number: int) -> ListEntry:
    cell = {f: clean(row[i]) if i < len(row) else "" for f, i in columns.items()}
    if not cell["id"] or not cell["name"]:
        raise ListFormatError(f"line {number}: no id or no name")
    aliases = [Alias(a) for a in _many(cell.get("aliases", ""))]
    aliases += [Alias(a, LOW) for a in _many(cell.get("weak_aliases", ""))]
    sex = cell.get("sex", "")[:1].upper()
    return ListEntry(
        entry_id=cell["id"],
        name=cell["name"],
        schema=ORGANIZATION if cell.get("type", "").casefold() in _ORG_TYPES else PERSON,
        aliases=tuple(aliases),
        original_names=tuple(_many(cell.get("original_name", ""))),
        dates_of_birth=tuple(d[:10] for d in _many(cell.get("dob", ""))),
        places_of_birth=tuple(_many(cell.get("place_of_birth", ""))),
        nationalities=countries(_many(cell.get("nationality", ""))),
        documents=tuple(_many(cell.get("documents", ""))),
        sex=sex if sex in {"M", "F"} else None,
        reason=cell.get("reason", ""),
        programme=cell.get("programme", ""),
        listed_on=cell.get("listed_on", "")[:10] or None,
    )


def parse(data: bytes, mapping: Mapping[str, str] | None = None) -> list[ListEntry]:
    """Entries of a CSV (UTF-8) or XLSX sheet; the first row names the columns."""
    rows = _xlsx_rows(data) if data[:2] == b"PK" else _csv_rows(data)
    header = next(rows, None)
    if header is None:
        raise ListFormatError("line 1: the file is empty")
    columns = _columns(header, mapping or {})
    entries: dict[str, ListEntry] = {}
    for number, row in enumerate(rows, start=2):
        if not any(c.strip() for c in row):
            continue
        entry = _entry(row, columns, number)
        if entry.entry_id in entries:
            raise ListFormatError(f"line {number}: id {entry.entry_id} appears twice")
        entries[entry.entry_id] = entry
    return list(entries.values())
