"""Person input for tests: synthetic names in several scripts."""

from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy.orm import Session

from sijill.access.actor import Actor, operator_actor
from sijill.registry import reference
from sijill.registry import service as registry_service
from sijill.registry.schemas import (
    DateOfBirthIn,
    DocumentIn,
    FacilityIn,
    FacilityOut,
    GroupIn,
    GroupOut,
    NameIn,
    PersonIn,
    PersonOut,
)
from sijill.registry.vocab import DatePrecision, DocumentType, FacilityKind, NameType, Sex

_counter = itertools.count(1)


def person_in(
    name: str = "Yusuf Karimov",
    *aliases: str,
    sex: Sex = Sex.MALE,
    year: int = 1990,
    document: str | None = None,
    **extra: Any,
) -> PersonIn:
    names = [NameIn(full=name, name_type=NameType.PRIMARY)]
    names += [NameIn(full=alias, name_type=NameType.ALIAS) for alias in aliases]
    documents = list(extra.pop("documents", []))
    if document is not None:
        documents.append(
            DocumentIn(doc_type=DocumentType.PASSPORT, issuing_state="UZ", number=document)
        )
    return PersonIn(
        names=names,
        sex=sex,
        date_of_birth=DateOfBirthIn(precision=DatePrecision.YEAR, year=year),
        nationalities=["UZ"],
        documents=documents,
        **extra,
    )


NAMESAKE = "tests: a namesake, not the same person"


def register(
    session: Session,
    actor: Actor,
    *args: Any,
    duplicate_reason: str | None = NAMESAKE,
    **kwargs: Any,
) -> PersonOut:
    """Register ``person_in(...)``. Tests register many people named alike: the duplicate
    check is confirmed with a reason unless ``duplicate_reason=None``."""
    data = person_in(*args, **kwargs)
    return registry_service.register_person(session, actor, data, None, duplicate_reason)


def make_facility(
    session: Session, office: str, kind: FacilityKind = FacilityKind.CAMP
) -> FacilityOut:
    data = FacilityIn(name=f"Facility {next(_counter)}", kind=kind, office_code=office)
    return reference.create_facility(session, operator_actor(), data)


def make_group(session: Session, name: str | None = None, *aliases: str) -> GroupOut:
    data = GroupIn(name=name or f"Group {next(_counter)}", aliases=list(aliases))
    return reference.create_group(session, operator_actor(), data)
