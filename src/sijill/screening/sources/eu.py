"""The EU consolidated financial sanctions list, in its XML export (pure).

``export/sanctionEntity``: the entry id is the EU reference number (``EU.27.28``), else the
``logicalId``; names are ``nameAlias`` (``strong="false"`` aliases are weak), with
``nameLanguage`` kept as original script when it is not Latin.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from sijill.matching.records import PERSON
from sijill.names.scripts import char_script
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
from sijill.screening.sources.xmlsafe import child, children, local, parse_xml, where


def _attr(element: Element | None, name: str) -> str:
    return clean(element.get(name)) if element is not None else ""


def _latin(name: str) -> bool:
    return all(char_script(ch) == "Latin" for ch in name if ch.isalpha())


def _names(element: Element) -> tuple[str, list[Alias], list[str]]:
    main, aliases, original = "", [], []
    for alias in children(element, "nameAlias"):
        name = _attr(alias, "wholeName")
        if not name:
            continue
        if not _latin(name):
            original.append(name)
        elif not main:
            main = name
        else:
            weak = _attr(alias, "strong").casefold() == "false"
            aliases.append(Alias(name, LOW if weak else GOOD))
    if not main and original:
        main = original.pop(0)
    return main, aliases, original


def _birth(element: Element) -> tuple[list[str], list[str]]:
    dates, places = [], []
    for birth in children(element, "birthdate"):
        date = _attr(birth, "birthdate") or _attr(birth, "year")
        if date:
            dates.append(("~" if _attr(birth, "circa") == "true" else "") + date)
        place = ", ".join(
            p for p in (_attr(birth, "city"), _attr(birth, "countryDescription")) if p
        )
        if place:
            places.append(place)
    return dates, places


def _entry(element: Element) -> ListEntry:
    entry_id = _attr(element, "euReferenceNumber") or _attr(element, "logicalId")
    name, aliases, original = _names(element)
    if not entry_id or not name:
        raise ValueError("no euReferenceNumber or no nameAlias wholeName")
    subject = _attr(child(element, "subjectType"), "code").casefold()
    dates, places = _birth(element)
    regulation = child(element, "regulation")
    remark = child(element, "remark")
    documents = (_attr(i, "number") for i in children(element, "identification"))
    genders = {_attr(a, "gender")[:1].upper() for a in children(element, "nameAlias")} - {""}
    return ListEntry(
        entry_id=entry_id,
        name=name,
        schema=PERSON if subject == "person" else ORGANIZATION,
        aliases=tuple(dict.fromkeys(aliases)),
        original_names=tuple(dict.fromkeys(original)),
        dates_of_birth=tuple(dict.fromkeys(dates)),
        places_of_birth=tuple(places),
        nationalities=countries(
            _attr(c, "countryIso2Code") for c in children(element, "citizenship")
        ),
        documents=tuple(dict.fromkeys(d for d in documents if d)),
        sex=genders.pop() if len(genders) == 1 else None,
        reason=clean(remark.text) if remark is not None else "",
        programme=_attr(regulation, "programme"),
        listed_on=_attr(regulation, "publicationDate") or None,
    )


def parse(data: bytes) -> list[ListEntry]:
    root = parse_xml(data)
    if local(root.tag) != "export":
        raise ListFormatError(f"root element {local(root.tag)}: expected export")
    entries = []
    for number, element in enumerate(children(root, "sanctionEntity"), start=1):
        try:
            entries.append(_entry(element))
        except ValueError as exc:
            label = where("sanctionEntity", number, _attr(element, "logicalId"))
            raise ListFormatError(f"{label}: {exc}") from None
    return entries
