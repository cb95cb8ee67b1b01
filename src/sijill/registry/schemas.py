"""Pydantic types crossing the registry's boundary (input from forms, API, CLI, demo)."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field

from sijill.registry.vocab import (
    DatePrecision,
    DocumentStatus,
    DocumentType,
    FacilityKind,
    NameType,
    Relation,
    SealKind,
    Sex,
)
from sijill.text import PlainText


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class NameIn(_In):
    """A name as written, in any script, with its parts when known."""

    full: str = Field(min_length=1, description="The name exactly as written or said")
    name_type: NameType = NameType.PRIMARY
    given: str | None = None
    father: str | None = Field(default=None, description="Father's name (nasab / patronymic)")
    grandfather: str | None = None
    family: str | None = None
    source: str | None = Field(default=None, description="Where this spelling comes from")


class DateOfBirthIn(_In):
    """A date of birth keeps its precision: many people only know a year."""

    precision: DatePrecision
    year: int
    month: int | None = None
    day: int | None = None


class DocumentIn(_In):
    doc_type: DocumentType
    issuing_state: str = Field(description="ISO 3166-1 alpha-2 code")
    number: str = Field(min_length=1)
    status: DocumentStatus = DocumentStatus.HELD
    issue_date: dt.date | None = None
    expiry_date: dt.date | None = None
    shared_number_reason: str | None = Field(
        default=None, description="Required when another person holds the same number"
    )


class AffiliationIn(_In):
    group_id: uuid.UUID
    unit: str | None = None
    role: str | None = None
    date_from: str | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    date_to: str | None = None


class NewRelativeIn(_In):
    """A family member registered in the same flow, as a person of their own."""

    names: list[NameIn] = Field(min_length=1)
    sex: Sex = Sex.UNKNOWN
    date_of_birth: DateOfBirthIn | None = None
    nationalities: list[str] = Field(default_factory=list)


class FamilyLinkIn(_In):
    """``relation`` is what the relative is to this person (my spouse, my child...)."""

    relation: Relation
    regno: str | None = Field(default=None, description="An existing person's registry number")
    new_person: NewRelativeIn | None = None


class PersonIn(_In):
    names: list[NameIn] = Field(min_length=1)
    sex: Sex = Sex.UNKNOWN
    date_of_birth: DateOfBirthIn | None = None
    place_of_birth: str | None = None
    birth_country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code")
    nationalities: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list, description="ISO 639 codes")
    documents: list[DocumentIn] = Field(default_factory=list)
    family: list[FamilyLinkIn] = Field(default_factory=list)
    affiliations: list[AffiliationIn] = Field(default_factory=list)
    facility_id: uuid.UUID | None = Field(default=None, description="Where the person is now")
    notes: str | None = None


class PersonUpdate(PersonIn):
    """A correction: the full new state, and the version it was based on. ``family`` adds
    links; ``unlink`` names the relatives (by registry number) whose links end."""

    expected_version: int = Field(ge=1)
    unlink: list[str] = Field(
        default_factory=list, description="Registry numbers of relatives to unlink"
    )


class MoveIn(_In):
    facility_id: uuid.UUID
    reason: str | None = None


# ---- output ---------------------------------------------------------------------------


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class NameOut(_Out):
    full: str
    name_type: NameType
    script: str
    given: str | None
    father: str | None
    grandfather: str | None
    family: str | None
    source: str | None


class DocumentOut(_Out):
    id: uuid.UUID
    doc_type: DocumentType
    issuing_state: str
    number: str
    status: DocumentStatus
    issue_date: dt.date | None
    expiry_date: dt.date | None
    shared_number_reason: str | None


class RelativeOut(BaseModel):
    relation: Relation
    regno: str
    person_id: uuid.UUID
    name: str
    sex: Sex
    date_of_birth: str | None
    sealed: bool = False


class AffiliationOut(BaseModel):
    group_id: uuid.UUID
    group_name: str
    unit: str | None
    role: str | None
    date_from: str | None
    date_to: str | None


class PlacementOut(BaseModel):
    facility_id: uuid.UUID
    facility_name: str
    facility_kind: FacilityKind
    since: dt.datetime
    until: dt.datetime | None
    reason: str | None


class PersonSummary(BaseModel):
    id: uuid.UUID
    regno: str
    name: str
    sex: Sex
    date_of_birth: str | None
    nationalities: list[str]
    office: str
    sealed: bool = Field(default=False, description="A sealed record: shown masked until opened")


class DuplicateCandidate(BaseModel):
    """A registered person the matching engine finds like a new record. A person of an office
    the reader cannot see is shown by office, score and decision only."""

    regno: str | None
    name: str | None
    date_of_birth: str | None
    office: str
    score: float
    decision: str
    explanation: list[str]
    algorithm: str


class PersonOut(PersonSummary):
    version: int
    names: list[NameOut]
    place_of_birth: str | None
    birth_country: str | None
    languages: list[str]
    documents: list[DocumentOut]
    family: list[RelativeOut]
    affiliations: list[AffiliationOut]
    placements: list[PlacementOut]
    notes: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


class GroupIn(_In):
    name: PlainText = Field(min_length=1)
    aliases: list[PlainText] = Field(default_factory=list)


class GroupOut(_Out):
    id: uuid.UUID
    name: str
    aliases: list[str]


class FacilityIn(_In):
    name: PlainText = Field(min_length=1)
    kind: FacilityKind
    office_code: str
    location: PlainText | None = None


class FacilityUpdate(_In):
    """A facility's name, kind, location, and whether it takes people (a closed facility
    keeps its history but is no longer offered). Its office stays."""

    name: str = Field(min_length=1)
    kind: FacilityKind
    location: str | None = None
    active: bool = True


class FacilityOut(BaseModel):
    id: uuid.UUID
    name: str
    kind: FacilityKind
    office_code: str
    location: str | None
    active: bool = True


class SealIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    kind: SealKind
    reason: PlainText = Field(min_length=5, max_length=2000)


class OpenSealedIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    reason: PlainText = Field(min_length=5, max_length=2000, description="Why you need the record")


class LiftSealIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    reason: PlainText = Field(min_length=5, max_length=2000)


class SealOpeningOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    actor: str
    office_code: str | None
    reason: str
    opened_at: dt.datetime


class SealedOut(BaseModel):
    regno: str
    person_id: uuid.UUID
    name: str
    kind: SealKind
    reason: str
    sealed_by: str
    sealed_at: dt.datetime
    openings: list[SealOpeningOut]


class PhotoOut(BaseModel):
    """One of a person's photographs (the picture itself is served on its own)."""

    sha256: str
    width: int
    height: int
    size: int
    created_by: str
    created_at: dt.datetime
    current: bool
