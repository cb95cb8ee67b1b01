"""The US OFAC SDN list: the XML file (``sdn.xml``) and the classic ``sdn.csv`` + ``alt.csv``
(Latin-1, "-0-" for an empty field) (pure).

The entry id is the ``ent_num`` (``uid`` in the XML). In the CSV, dates and places of birth,
nationalities, documents and weak aliases ("a.k.a. 'ABU X'") are read from the remarks.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from typing import Final
from xml.etree.ElementTree import Element

from sijill.matching.records import PERSON
from sijill.screening.entries import (
    GOOD,
    LOW,
    ORGANIZATION,
    Alias,
    ListEntry,
    ListFormatError,
    clean,
    countries,
)
from sijill.screening.sources.xmlsafe import child, children, local, parse_xml, text, where

_MONTHS: Final = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_DATE: Final = re.compile(r"^(circa\s+)?(?:(\d{1,2})\s+)?(?:([A-Za-z]{3})[a-z]*\s+)?(\d{4})")
_RANGE: Final = re.compile(r"^(\d{4})\s+to\s+(\d{4})$")
_WEAK: Final = re.compile(r"a\.k\.a\.\s+'([^']+)'")
_DOCUMENT: Final = re.compile(r"^(?:alt\.\s+)?(?:Passport|National ID No\.|Identification Number"
                              r"|Cedula No\.|Tax ID No\.)\s+([\w\-/.]+)")  # fmt: skip
_EMPTY: Final = "-0-"
_POB: Final = "placeOfBirth"
SDN_COLUMNS: Final = 12
ALT_COLUMNS: Final = 5


def ofac_date(value: str) -> list[str]:
    """ISO dates of an OFAC date: "10 Dec 1948" -> 1948-12-10, "circa 1955" -> ~1955,
    "1938 to 1940" -> each year."""
    value = clean(value)
    span = _RANGE.match(value)
    if span:
        return [str(y) for y in range(int(span.group(1)), int(span.group(2)) + 1)]
    found = _DATE.match(value)
    if found is None:
        return []
    circa, day, month, year = found.groups()
    text_ = year
    if month and month.lower()[:3] in _MONTHS:
        text_ += f"-{_MONTHS[month.lower()[:3]]:02d}"
        if day:
            text_ += f"-{int(day):02d}"
    return [("~" if circa else "") + text_]


def _from_remarks(remarks: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"dob": [], "pob": [], "nat": [], "doc": [], "weak": []}
    found["weak"] = _WEAK.findall(remarks)
    for part in (clean(p) for p in remarks.split(";")):
        bare = part.removeprefix("alt. ")
        if bare.startswith("DOB "):
            found["dob"].extend(ofac_date(bare[4:]))
        elif bare.startswith("POB "):
            found["pob"].append(bare[4:].rstrip("."))
        elif bare.startswith(("nationality ", "citizen ")):
            found["nat"].append(bare.partition(" ")[2].rstrip("."))
        elif (document := _DOCUMENT.match(part)) is not None:
            found["doc"].append(document.group(1).rstrip("."))
    return found


def _field(value: str) -> str:
    value = clean(value)
    return "" if value == _EMPTY else value


def _csv_rows(data: bytes, columns: int, name: str) -> list[list[str]]:
    text_ = data.decode("latin-1").replace("\x1a", "")
    rows = []
    for number, row in enumerate(csv.reader(io.StringIO(text_)), start=1):
        if not row or not any(c.strip() for c in row):
            continue
        if len(row) != columns:
            raise ListFormatError(f"{name} line {number}: {len(row)} columns, expected {columns}")
        rows.append([_field(c) for c in row])
    return rows


def _csv_entry(row: list[str], number: int) -> ListEntry:
    ent_num, name, kind, programme, title = row[:5]
    if not ent_num.isdigit() or not name:
        raise ListFormatError(f"sdn.csv line {number}: no ent_num or no name")
    remarks = _from_remarks(row[11])
    person = kind.casefold() == "individual"
    return ListEntry(
        entry_id=ent_num,
        name=name,
        schema=PERSON if person else ORGANIZATION,
        aliases=tuple(Alias(w, LOW) for w in remarks["weak"]),
        dates_of_birth=tuple(dict.fromkeys(remarks["dob"])),
        places_of_birth=tuple(remarks["pob"]),
        nationalities=countries(remarks["nat"]),
        documents=tuple(dict.fromkeys(remarks["doc"])),
        reason=clean(f"{title} {row[11]}"),
        programme=programme,
    )


def parse_csv(sdn: bytes, alt: bytes | None = None) -> list[ListEntry]:
    """Entries of ``sdn.csv``, with the aliases of ``alt.csv`` when given."""
    entries = {}
    for number, row in enumerate(_csv_rows(sdn, SDN_COLUMNS, "sdn.csv"), start=1):
        entry = _csv_entry(row, number)
        entries[entry.entry_id] = entry
    for number, row in enumerate(_csv_rows(alt, ALT_COLUMNS, "alt.csv") if alt else [], 1):
        ent_num, _alt_num, _kind, name = row[:4]
        if ent_num not in entries:
            raise ListFormatError(f"alt.csv line {number}: ent_num {ent_num} is not in sdn.csv")
        if name:
            entry = entries[ent_num]
            entries[ent_num] = replace(entry, aliases=(*entry.aliases, Alias(name, GOOD)))
    return list(entries.values())


def _xml_name(element: Element) -> str:
    first, last = text(element, "firstName"), text(element, "lastName")
    return f"{last}, {first}" if first and last else (last or first)


def _items(element: Element, list_tag: str, item_tag: str, field: str | None) -> list[str]:
    """Texts of ``list_tag/item_tag[/field]``, non-empty, in order."""
    holder = child(element, list_tag)
    found = children(holder, item_tag) if holder is not None else []
    values = (text(item, field) if field else text(item) for item in found)
    return [v for v in values if v]


def _xml_entry(element: Element) -> ListEntry:
    uid, name = text(element, "uid"), _xml_name(element)
    if not uid or not name:
        raise ValueError("no uid or no lastName")
    akas = children(child(element, "akaList") or element, "aka")
    aliases = tuple(
        Alias(_xml_name(a), LOW if text(a, "category").casefold() == "weak" else GOOD)
        for a in akas if _xml_name(a)
    )  # fmt: skip
    dobs = [d for value in _items(element, "dateOfBirthList", "dateOfBirthItem", "dateOfBirth")
            for d in ofac_date(value)]  # fmt: skip
    person = text(element, "sdnType").casefold() == "individual"
    return ListEntry(
        entry_id=uid,
        name=name,
        schema=PERSON if person else ORGANIZATION,
        aliases=aliases,
        dates_of_birth=tuple(dict.fromkeys(dobs)),
        places_of_birth=tuple(
            _items(element, "placeOfBirthList", "placeOfBirthItem", "placeOfBirth")
        ),
        nationalities=countries(
            _items(element, "nationalityList", "nationality", "country")
            + _items(element, "citizenshipList", "citizenship", "country")
        ),
        documents=tuple(dict.fromkeys(_items(element, "idList", "id", "idNumber"))),
        reason=clean(f"{text(element, 'title')} {text(element, 'remarks')}"),
        programme=", ".join(_items(element, "programList", "program", None)),
    )


def parse_xml_list(data: bytes) -> list[ListEntry]:
    root = parse_xml(data)
    if local(root.tag) != "sdnList":
        raise ListFormatError(f"root element {local(root.tag)}: expected sdnList")
    entries = []
    for number, element in enumerate(children(root, "sdnEntry"), start=1):
        try:
            entries.append(_xml_entry(element))
        except ValueError as exc:
            raise ListFormatError(
                f"{where('sdnEntry', number, text(element, 'uid'))}: {exc}"
            ) from None
    return entries


def parse(data: bytes, alt: bytes | None = None) -> list[ListEntry]:
    """The XML file or the classic CSV files, told apart by their first character."""
    if data.lstrip()[:1] == b"<":
        return parse_xml_list(data)
    return parse_csv(data, alt)
