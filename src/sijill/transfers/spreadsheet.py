"""An incoming list of people from a spreadsheet (CSV or XLSX) with a column mapping (pure).

Guarded against hostile files: a size limit on the upload, and for XLSX (a zip archive) a
limit on the unpacked size and on the compression ratio of every member (zip bombs), read
with openpyxl in read-only mode; a limit on the number of rows.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping
from typing import Any

from openpyxl import load_workbook

FIELDS = ("name", "aliases", "date_of_birth", "sex", "nationality", "document", "sender_regno",
          "travels_with", "relation")  # fmt: skip
MAX_RATIO = 100  # unpacked / packed size of one member of an XLSX archive
MAX_ROWS = 20_000


class SheetError(ValueError):
    """A file that cannot be read as a list of people, with the reason."""


def _check_zip(data: bytes, max_unpacked: int) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise SheetError("not an XLSX file") from None
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1_000_000:
            raise SheetError(f"{info.filename} unpacks {info.file_size} bytes: refused")
        if total > max_unpacked:
            raise SheetError(f"the file unpacks to more than {max_unpacked} bytes: refused")


def _xlsx_rows(data: bytes, max_bytes: int) -> list[list[str]]:
    _check_zip(data, 20 * max_bytes)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise SheetError(f"not a readable XLSX file ({type(exc).__name__})") from None
    sheet = book.worksheets[0]
    rows: list[list[str]] = []
    for row in sheet.iter_rows(values_only=True):
        if len(rows) > MAX_ROWS:
            raise SheetError(f"more than {MAX_ROWS} rows")
        rows.append(["" if v is None else str(v).strip() for v in row])
    book.close()
    return rows


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError("a CSV file must be UTF-8 text") from None
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    if len(rows) > MAX_ROWS:
        raise SheetError(f"more than {MAX_ROWS} rows")
    return rows


def read_table(data: bytes, filename: str, max_bytes: int) -> list[list[str]]:
    """The rows of the first sheet (or of the CSV), as text; the first is the header."""
    if len(data) > max_bytes:
        raise SheetError(f"the file is larger than {max_bytes} bytes")
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        return _xlsx_rows(data, max_bytes)
    if lower.endswith(".csv"):
        return _csv_rows(data)
    raise SheetError("give a .csv or .xlsx file")


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]


def _record(line: int, cells: Mapping[str, str]) -> dict[str, Any]:
    nationalities = [n.upper() for n in _split(cells.get("nationality", ""))]
    travels = cells.get("travels_with", "")
    if travels and not travels.isdigit():
        raise SheetError(f"row {line}: travels_with must be a row number")
    return {
        "line": line,
        "name": cells["name"],
        "aliases": _split(cells.get("aliases", "")),
        "date_of_birth": cells.get("date_of_birth") or None,
        "sex": (cells.get("sex") or "").upper()[:1] or None,
        "nationalities": nationalities,
        "documents": _split(cells.get("document", "")),
        "sender_regno": cells.get("sender_regno") or None,
        "travels_with": int(travels) if travels else None,
        "relation": cells.get("relation") or None,
    }


def people(rows: list[list[str]], mapping: Mapping[str, str]) -> list[dict[str, Any]]:
    """Declared people from the rows; ``mapping`` names the column (header) of each field.
    Rows are numbered from 1 after the header; rows without a name are skipped."""
    unknown = set(mapping) - set(FIELDS)
    if unknown:
        raise SheetError(f"unknown fields in the mapping: {', '.join(sorted(unknown))}")
    if "name" not in mapping:
        raise SheetError("the mapping must name the column of the name")
    if not rows:
        raise SheetError("the file is empty")
    header = rows[0]
    index: dict[str, int] = {}
    for field, column in mapping.items():
        if column not in header:
            raise SheetError(f"no column {column!r} in the header")
        index[field] = header.index(column)
    found = []
    for number, row in enumerate(rows[1:], start=1):
        cells = {f: (row[i] if i < len(row) else "") for f, i in index.items()}
        if cells["name"]:
            found.append(_record(number, cells))
    if not found:
        raise SheetError("no row has a name")
    return found
