"""Demo watch lists: a synthetic list in each published format (UN XML, OFAC CSV, EU XML,
FollowTheMoney, a national CSV) naming a few demo people under other spellings or scripts,
and a demo group as a listed organisation; imported through the screening services, and the
people on them screened, so that the hit queue has work waiting on first start."""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Callable
from xml.etree.ElementTree import Element, SubElement, tostring

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sijill.access.actor import operator_actor
from sijill.db import unit_of_work
from sijill.names.scripts import char_script
from sijill.names.translit import to_latin
from sijill.registry.models import Affiliation, ArmedGroup, Person, PersonName
from sijill.registry.queries import dob_text
from sijill.screening import lists, service
from sijill.screening.entries import LOW, ORGANIZATION, Alias, ListEntry
from sijill.screening.workflow import RunReason

LISTED_PEOPLE = 10
LISTED_GROUP = "Far East Muhajirin Company"
MAX_BYTES = 10_000_000
ISO_DAY = len("1984-03-12")


def _other_spelling(names: list[str]) -> tuple[str, tuple[str, ...]]:
    """A name the registry does not hold as written: another script, or a romanisation."""
    scripts = {n: {char_script(c) for c in n if c.isalpha()} for n in names}
    latin = [n for n in names if scripts[n] <= {"Latin"}]
    other = [n for n in names if n not in latin]
    if other and latin:
        family, _, given = latin[0].rpartition(" ")
        return f"{given.upper()}, {family}" if family else latin[0].upper(), (other[0],)
    return to_latin(names[0]).title(), ()


def _entries(session: Session) -> list[ListEntry]:
    people = session.scalars(select(Person).order_by(Person.regno).limit(LISTED_PEOPLE * 7))
    entries = []
    for number, person in enumerate(list(people)[::7], start=1):
        names = list(session.scalars(select(PersonName.full).where(
            PersonName.person_id == person.id, PersonName.retired_at.is_(None))))  # fmt: skip
        name, original = _other_spelling(names or [person.primary_name])
        dob = dob_text(person)
        entries.append(ListEntry(
            entry_id=f"DEMO.{number:03d}", name=name, original_names=original,
            aliases=(Alias(f"Abu {name.split()[-1].title()}", LOW),),
            dates_of_birth=(dob.lstrip("~"),) if dob else (),
            nationalities=tuple(person.nationalities),
            reason="Synthetic demo listing.", programme="Demo sanctions regime",
        ))  # fmt: skip
    group = session.scalar(select(ArmedGroup).where(ArmedGroup.name == LISTED_GROUP))
    if group is not None:
        entries.append(ListEntry(
            entry_id="DEMO.E01", name=group.aliases[-1] if group.aliases else group.name,
            schema=ORGANIZATION, reason="Synthetic demo listing.", programme="Demo regime",
        ))  # fmt: skip
    return entries


def _un(entries: list[ListEntry]) -> bytes:
    root = Element("CONSOLIDATED_LIST")
    people, groups = SubElement(root, "INDIVIDUALS"), SubElement(root, "ENTITIES")
    for e in entries:
        item = SubElement(
            people if e.is_person else groups, "INDIVIDUAL" if e.is_person else "ENTITY"
        )
        for tag, value in (("FIRST_NAME", e.name), ("REFERENCE_NUMBER", e.entry_id),
                           ("UN_LIST_TYPE", e.programme), ("COMMENTS1", e.reason)):  # fmt: skip
            SubElement(item, tag).text = value
        for name in e.original_names:
            SubElement(item, "NAME_ORIGINAL_SCRIPT").text = name
        for alias in e.aliases:
            holder = SubElement(item, "INDIVIDUAL_ALIAS")
            SubElement(holder, "QUALITY").text = "Low" if alias.quality == LOW else "Good"
            SubElement(holder, "ALIAS_NAME").text = alias.name
        for date in e.dates_of_birth:
            born = SubElement(item, "INDIVIDUAL_DATE_OF_BIRTH")
            SubElement(born, "DATE" if len(date) == ISO_DAY else "YEAR").text = date
        for code in e.nationalities:
            SubElement(SubElement(item, "NATIONALITY"), "VALUE").text = code
    data: bytes = tostring(root, encoding="utf-8", xml_declaration=True)
    return data


def _ftm(entries: list[ListEntry]) -> bytes:
    lines = [json.dumps({"id": e.entry_id, "schema": e.schema, "properties": {
        "name": [e.name], "alias": list(e.original_names),
        "weakAlias": [a.name for a in e.aliases], "birthDate": list(e.dates_of_birth),
        "nationality": [c.lower() for c in e.nationalities], "notes": [e.reason]}},
        ensure_ascii=False) for e in entries]  # fmt: skip
    return "\n".join(lines).encode()


def _national(entries: list[ListEntry]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["id", "name", "type", "weak_aliases", "original_name", "dob", "nationality", "reason"]
    )
    for e in entries:
        kind = "person" if e.is_person else "organisation"
        weak = ";".join(a.name for a in e.aliases)
        many = [";".join(v) for v in (e.original_names, e.dates_of_birth, e.nationalities)]
        writer.writerow([e.entry_id, e.name, kind, weak, *many, e.reason])
    return out.getvalue().encode()


def _ofac(entries: list[ListEntry]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for number, e in enumerate(entries, start=1):
        remarks = "; ".join(
            [f"DOB {d}" for d in e.dates_of_birth] + [f"nationality {c}" for c in e.nationalities]
        )
        kind = "individual" if e.is_person else "-0- "
        writer.writerow(
            [str(90000 + number), e.name, kind, "DEMO"] + ["-0- "] * 7 + [remarks or "-0- "]
        )
    return out.getvalue().encode("latin-1", errors="replace")


def _eu(entries: list[ListEntry]) -> bytes:
    root = Element("export")
    for e in entries:
        item = SubElement(
            root, "sanctionEntity", euReferenceNumber=f"EU.{e.entry_id}", logicalId=e.entry_id
        )
        SubElement(item, "regulation", programme=e.programme)
        SubElement(item, "subjectType", code="person" if e.is_person else "enterprise")
        for name in (e.name, *e.original_names):
            SubElement(item, "nameAlias", wholeName=name, strong="true")
        for date in e.dates_of_birth:
            key = "birthdate" if len(date) == ISO_DAY else "year"
            SubElement(item, "birthdate", {key: date})
        for code in e.nationalities:
            SubElement(item, "citizenship", countryIso2Code=code)
    data: bytes = tostring(root, encoding="utf-8", xml_declaration=True)
    return data


LISTS: dict[str, tuple[str, Callable[[list[ListEntry]], bytes]]] = {
    "Demo UN Consolidated List": ("un", _un),
    "Demo OFAC SDN": ("ofac", _ofac),
    "Demo EU Financial Sanctions": ("eu", _eu),
    "Demo OpenSanctions (FtM)": ("ftm", _ftm),
    "Demo national list": ("csv", _national),
}


def load(factory: sessionmaker[Session]) -> int:
    """Import the demo lists and screen the people and group members on them; hits raised."""
    actor = operator_actor()
    with unit_of_work(factory) as session:
        entries = _entries(session)
        for number, (name, (fmt, write)) in enumerate(LISTS.items()):
            share = [
                e for i, e in enumerate(entries) if i % len(LISTS) == number or not e.is_person
            ]
            lists.import_list(
                session, actor, name, fmt, lists.ListFile(write(share), f"demo:{fmt}"), MAX_BYTES
            )
        group = select(ArmedGroup.id).where(ArmedGroup.name == LISTED_GROUP)
        members = session.scalars(
            select(Affiliation.person_id).where(Affiliation.group_id.in_(group))
        )
        listed = session.scalars(select(Person.id).order_by(Person.regno).limit(LISTED_PEOPLE * 7))
        ids: list[uuid.UUID] = list(dict.fromkeys([*list(listed)[::7], *members]))
        return sum(
            service.screen_person(session, actor, pid, RunReason.REGISTRATION) for pid in ids
        )
