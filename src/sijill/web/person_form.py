"""Values and choices for the person form (registration and correction)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from sijill.access.actor import Actor
from sijill.registry import reference
from sijill.registry.countries import country_names, language_names
from sijill.registry.schemas import PersonOut
from sijill.registry.vocab import (
    DatePrecision,
    DocumentStatus,
    DocumentType,
    NameType,
    Relation,
    Sex,
)

MULTI = ("nationalities", "languages", "unlink")


def flat_values(form: FormData) -> dict[str, Any]:
    """The submitted form, to show it again next to its errors."""
    values: dict[str, Any] = {k: v for k, v in form.items() if k not in MULTI}
    for key in MULTI:
        values[key] = [str(v) for v in form.getlist(key)]
    return values


def values_from_person(person: PersonOut) -> dict[str, Any]:
    """The current record as form field values, for a correction."""
    values: dict[str, Any] = {
        "sex": person.sex.value,
        "place_of_birth": person.place_of_birth or "",
        "birth_country": person.birth_country or "",
        "nationalities": list(person.nationalities),
        "languages": list(person.languages),
        "notes": person.notes or "",
        "expected_version": person.version,
        "facility_id": str(person.placements[0].facility_id)
        if person.placements and person.placements[0].until is None
        else "",
    }
    for i, name in enumerate(person.names):
        for key, value in name.model_dump(exclude={"script"}).items():
            values[f"names.{i}.{key}"] = value or ""
    for i, doc in enumerate(person.documents):
        for key, value in doc.model_dump(exclude={"id"}).items():
            values[f"documents.{i}.{key}"] = "" if value is None else str(value)
    for i, aff in enumerate(person.affiliations):
        for key, value in aff.model_dump(exclude={"group_name"}).items():
            values[f"affiliations.{i}.{key}"] = "" if value is None else str(value)
    if person.date_of_birth:
        values |= _dob_values(person.date_of_birth)
    return values


def _dob_values(text: str) -> dict[str, str]:
    approximate = text.startswith("~")
    parts = text.lstrip("~").split("-")
    precision = ["year", "month", "exact"][len(parts) - 1]
    values = {"date_of_birth.precision": "approximate" if approximate else precision}
    for key, part in zip(("year", "month", "day"), parts, strict=False):
        values[f"date_of_birth.{key}"] = str(int(part))
    return values


def row_counts(values: dict[str, Any], extra: int = 1) -> dict[str, int]:
    def count(prefix: str, minimum: int) -> int:
        indexes = {int(k.split(".")[1]) for k in values if k.startswith(prefix + ".")}
        return max(minimum, (max(indexes) + 1 + extra) if indexes else minimum)

    return {
        "names": count("names", 3),
        "documents": count("documents", 2),
        "family": count("family", 2),
        "affiliations": count("affiliations", 1),
        "family_names": 2,
    }


def choices(session: Session, actor: Actor, lang: str) -> dict[str, Any]:
    return {
        "name_types": list(NameType),
        "sexes": list(Sex),
        "precisions": list(DatePrecision),
        "doc_types": list(DocumentType),
        "doc_statuses": list(DocumentStatus),
        "relations": list(Relation),
        "countries": country_names(lang),
        "language_names": language_names(lang),
        "facilities": reference.list_facilities(session, actor),
        "groups": reference.list_groups(session, actor),
    }
