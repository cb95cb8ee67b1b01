"""Closed vocabularies of the registry (pure: no database)."""

from __future__ import annotations

from enum import StrEnum


class NameType(StrEnum):
    PRIMARY = "primary"
    ALIAS = "alias"
    KUNYA = "kunya"
    NOM_DE_GUERRE = "nom_de_guerre"
    BIRTH = "birth"
    PREVIOUS = "previous"


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"
    UNKNOWN = "U"


class DatePrecision(StrEnum):
    EXACT = "exact"
    MONTH = "month"
    YEAR = "year"
    APPROXIMATE = "approximate"


class DocumentType(StrEnum):
    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    BIRTH_CERTIFICATE = "birth_certificate"
    FAMILY_BOOK = "family_book"
    RESIDENCE_PERMIT = "residence_permit"
    DRIVING_LICENCE = "driving_licence"
    MILITARY_ID = "military_id"
    OTHER = "other"


class DocumentStatus(StrEnum):
    HELD = "held"
    SURRENDERED = "surrendered_to_commander"
    LOST = "lost"
    CONFISCATED = "confiscated"
    SUSPECTED_FORGED = "suspected_forged"


class Relation(StrEnum):
    """A family link as seen from the person: the relative is my spouse / child / parent ..."""

    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    SIBLING = "sibling"

    @property
    def inverse(self) -> Relation:
        return _INVERSE[self]


_INVERSE = {
    Relation.SPOUSE: Relation.SPOUSE,
    Relation.CHILD: Relation.PARENT,
    Relation.PARENT: Relation.CHILD,
    Relation.SIBLING: Relation.SIBLING,
}


class FacilityKind(StrEnum):
    OFFICE = "office"
    CAMP = "camp"
    BASE = "base"
    DETENTION = "detention_centre"
    OTHER = "other"


class SealKind(StrEnum):
    """Why a person is sealed."""

    FEAR_OF_PERSECUTION = "fear_of_persecution"
    WITNESS = "witness"
    MINOR = "minor"
