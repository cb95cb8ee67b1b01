"""The UN Security Council Consolidated List, in its published XML format (pure).

``CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL`` and ``ENTITIES/ENTITY``; the entry id is the
reference number (``QDi.430``). Aliases keep their quality ("Good", "Low").
"""

from __future__ import annotations

from dataclasses import replace
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
from sijill.screening.sources.xmlsafe import child, children, local, parse_xml, text, texts, where

_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def _aliases(element: Element, tag: str) -> tuple[Alias, ...]:
    found: list[Alias] = []
    for alias in children(element, tag):
        name = text(alias, "ALIAS_NAME")
        if name:
            quality = LOW if text(alias, "QUALITY").casefold() in {"low", "weak"} else GOOD
            found.append(Alias(name, quality))
    return tuple(dict.fromkeys(found))


def _dates(element: Element) -> tuple[str, ...]:
    dates: list[str] = []
    for item in children(element, "INDIVIDUAL_DATE_OF_BIRTH"):
        kind = text(item, "TYPE_OF_DATE").upper()
        prefix = "~" if kind == "APPROXIMATELY" else ""
        if text(item, "DATE"):
            dates.append(prefix + text(item, "DATE")[:10])
        elif text(item, "YEAR"):
            dates.append(prefix + text(item, "YEAR"))
        elif text(item, "FROM_YEAR") and text(item, "TO_YEAR"):
            first, last = int(text(item, "FROM_YEAR")), int(text(item, "TO_YEAR"))
            dates.extend(str(year) for year in range(first, last + 1))
    return tuple(dict.fromkeys(dates))


def _places(element: Element) -> tuple[str, ...]:
    places = []
    for item in children(element, "INDIVIDUAL_PLACE_OF_BIRTH"):
        parts = [text(item, p) for p in ("CITY", "STATE_PROVINCE", "COUNTRY")]
        place = ", ".join(p for p in parts if p)
        if place:
            places.append(place)
    return tuple(places)


def _documents(element: Element) -> tuple[str, ...]:
    numbers = (text(d, "NUMBER") for d in children(element, "INDIVIDUAL_DOCUMENT"))
    return tuple(dict.fromkeys(n for n in numbers if n))


def _base(element: Element, name: str, schema: str = PERSON) -> ListEntry:
    """The fields every UN entry has: reference number, name, reason, programme."""
    reference = text(element, "REFERENCE_NUMBER")
    if not reference:
        raise ValueError("no REFERENCE_NUMBER")
    if not name:
        raise ValueError("no FIRST_NAME")
    return ListEntry(
        entry_id=reference,
        name=name,
        schema=schema,
        original_names=tuple(texts(element, "NAME_ORIGINAL_SCRIPT")),
        reason=clean(" ".join(texts(element, "COMMENTS1"))),
        programme=text(element, "UN_LIST_TYPE"),
        listed_on=text(element, "LISTED_ON")[:10] or None,
    )


def _individual(element: Element) -> ListEntry:
    name = " ".join(p for p in (text(element, part) for part in _NAME_PARTS) if p)
    gender = text(element, "GENDER")[:1].upper()
    return replace(
        _base(element, name),
        aliases=_aliases(element, "INDIVIDUAL_ALIAS"),
        dates_of_birth=_dates(element),
        places_of_birth=_places(element),
        nationalities=countries(texts(element, "NATIONALITY/VALUE")),
        documents=_documents(element),
        sex=gender if gender in {"M", "F"} else None,
    )


def _entity(element: Element) -> ListEntry:
    base = _base(element, text(element, "FIRST_NAME"), ORGANIZATION)
    return replace(base, aliases=_aliases(element, "ENTITY_ALIAS"))


def parse(data: bytes) -> list[ListEntry]:
    root = parse_xml(data)
    if local(root.tag) != "CONSOLIDATED_LIST":
        raise ListFormatError(f"root element {local(root.tag)}: expected CONSOLIDATED_LIST")
    entries: list[ListEntry] = []
    for group, kind, build in (("INDIVIDUALS", "INDIVIDUAL", _individual),
                               ("ENTITIES", "ENTITY", _entity)):  # fmt: skip
        container = child(root, group)
        items = children(container, kind) if container is not None else []
        for number, element in enumerate(items, start=1):
            label = where(kind, number, text(element, "DATAID"))
            try:
                entries.append(build(element))
            except ValueError as exc:
                raise ListFormatError(f"{label}: {exc}") from None
    return entries
