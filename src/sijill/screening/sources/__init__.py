"""Parsers of the formats watch lists are published in (pure).

``parse_list(format, data, alt=..., mapping=...)`` returns the list's entries or raises
``ListFormatError`` naming the line or element; nothing is half-read. Formats: ``un`` (UN
Security Council Consolidated List XML), ``ofac`` (SDN XML, or sdn.csv with alt.csv), ``eu``
(EU consolidated financial sanctions XML), ``ftm`` (FollowTheMoney JSON lines), ``csv``
(a national list as CSV or XLSX, with a column mapping).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sijill.screening.entries import ListEntry, ListFormatError

FORMATS: Final = ("un", "ofac", "eu", "ftm", "csv")
MAX_LIST_BYTES: Final = 200_000_000


def parse_list(
    fmt: str,
    data: bytes,
    *,
    alt: bytes | None = None,
    mapping: Mapping[str, str] | None = None,
    max_bytes: int = MAX_LIST_BYTES,
) -> list[ListEntry]:
    """The entries of one list file; ``ListFormatError`` for a bad, unsafe or too big file."""
    if fmt not in FORMATS:
        raise ListFormatError(f"unknown list format {fmt!r} (known: {', '.join(FORMATS)})")
    size = len(data) + len(alt or b"")
    if size > max_bytes:
        raise ListFormatError(f"the list is {size} bytes, more than the limit of {max_bytes}")
    entries = _parse(fmt, data, alt, mapping)
    _check_unique(entries)
    return entries


def _parse(
    fmt: str, data: bytes, alt: bytes | None, mapping: Mapping[str, str] | None
) -> list[ListEntry]:
    """Each parser is imported when its format is read: followthemoney and openpyxl take
    seconds to import, which every start of the server would otherwise pay."""
    if fmt == "un":
        from sijill.screening.sources import un

        return un.parse(data)
    if fmt == "ofac":
        from sijill.screening.sources import ofac

        return ofac.parse(data, alt)
    if fmt == "eu":
        from sijill.screening.sources import eu

        return eu.parse(data)
    if fmt == "ftm":
        from sijill.screening.sources import ftm

        return ftm.parse(data)
    from sijill.screening.sources import tabular

    return tabular.parse(data, mapping)


def _check_unique(entries: list[ListEntry]) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.entry_id in seen:
            raise ListFormatError(f"entry {entry.entry_id} appears twice")
        seen.add(entry.entry_id)


__all__ = ["FORMATS", "ListEntry", "ListFormatError", "parse_list"]
