"""What the matching engine compares: a person or organisation as a few plain fields (pure).

``MatchRecord`` is the engine's input, built by the registry from a stored person, by a list
importer from a listed entity, or by ``record_from_bench`` from one side of a benchmark pair
(``../shared/bench/names/dev.jsonl``). A date of birth keeps its precision: "1982",
"1982-10", "1982-10-29", or "~1982" (approximate).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

PERSON: Final = "Person"
ORGANIZATION: Final = "Organization"
_DATE: Final = re.compile(r"^(~)?\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*(~)?$")
_DAYS_IN_MONTH: Final = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_SEX: Final[dict[str, str]] = {"m": "M", "male": "M", "f": "F", "female": "F"}


class RecordFormatError(ValueError):
    """A record that cannot be read: the message names the field."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day; ``approximate`` for "~1982"."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return f"~{text}" if self.approximate else text

    @property
    def exact(self) -> bool:
        return self.day is not None and not self.approximate


@lru_cache(maxsize=16384)
def parse_date(text: str) -> PartialDate | None:
    """A date of birth as written on a record, read leniently: "1969-7-16" is 1969-07-16; a
    month or day that cannot exist is dropped ("1974-01-32" is known to the month); None
    when there is no year."""
    match = _DATE.match(text.strip())
    if match is None:
        return None
    approx, year_text, month_text, day_text, approx_after = match.groups()
    year = int(year_text)
    month = int(month_text) if month_text else None
    day = int(day_text) if day_text else None
    if month is not None and not 1 <= month <= 12:
        month, day = None, None
    if month is not None and day is not None and not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
        day = None
    return PartialDate(year, month, day, approximate=bool(approx or approx_after))


@dataclass(frozen=True, slots=True)
class MatchRecord:
    """One side of a comparison. ``names`` holds the main name first, then the aliases (any
    script); ``nationalities`` are ISO 3166-1 alpha-2 codes; ``documents`` are document
    numbers as written; ``schema`` is "Person" or an organisation schema ("Organization",
    "Company", "LegalEntity", "Vessel", ...), which are compared by name only."""

    names: tuple[str, ...]
    dob: str | None = None
    sex: str | None = None
    nationalities: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    place_of_birth: str | None = None
    schema: str = PERSON

    @property
    def is_person(self) -> bool:
        return self.schema == PERSON

    @property
    def date_of_birth(self) -> PartialDate | None:
        return parse_date(self.dob) if self.dob else None


def normalise_sex(value: str | None) -> str | None:
    """ "M" or "F"; None for anything else (unknown, not stated)."""
    return _SEX.get(value.strip().casefold()) if value else None


def _text(obj: Mapping[str, object], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordFormatError(f"{key}: expected a string, got {type(value).__name__}")
    return value.strip() or None


def _texts(obj: Mapping[str, object], key: str) -> tuple[str, ...]:
    value = obj.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecordFormatError(f"{key}: expected a string or a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def record_from_bench(obj: object) -> MatchRecord:
    """A ``MatchRecord`` from one side of a benchmark pair: ``name``, ``aliases``, ``dob``,
    ``nationality`` (a code or a list), ``sex``, ``schema``, and, beyond the benchmark's
    fields, ``documents`` and ``place_of_birth``. Raises ``RecordFormatError``."""
    if not isinstance(obj, Mapping):
        raise RecordFormatError("expected an object with a name")
    name = _text(obj, "name")
    if name is None:
        raise RecordFormatError("name: missing or empty")
    dob = _text(obj, "dob")
    if dob is not None and parse_date(dob) is None:
        raise RecordFormatError(f"dob: {dob!r} is not a date (1982, 1982-10 or 1982-10-29)")
    sex = _text(obj, "sex")
    if sex is not None and normalise_sex(sex) is None:
        raise RecordFormatError(f"sex: {sex!r} is not M or F")
    return MatchRecord(
        names=(name, *(a for a in _texts(obj, "aliases") if a != name)),
        dob=dob,
        sex=normalise_sex(sex),
        nationalities=tuple(code.upper() for code in _texts(obj, "nationality")),
        documents=_texts(obj, "documents"),
        place_of_birth=_text(obj, "place_of_birth"),
        schema=_text(obj, "schema") or PERSON,
    )


@dataclass(frozen=True, slots=True)
class RecordPair:
    """One line of a pairs file: ``{"id": ..., "a": {...}, "b": {...}}`` (other keys, such as
    a benchmark's ``same`` and ``kind``, are ignored)."""

    id: str | int
    a: MatchRecord
    b: MatchRecord


def pair_from_bench(obj: object) -> RecordPair:
    """A ``RecordPair`` from one parsed line; raises ``RecordFormatError`` naming the field."""
    if not isinstance(obj, Mapping):
        raise RecordFormatError("expected an object with id, a and b")
    pair_id = obj.get("id")
    if not isinstance(pair_id, str | int) or isinstance(pair_id, bool) or pair_id == "":
        raise RecordFormatError("id: missing, or not a string or a number")
    sides = []
    for side in ("a", "b"):
        try:
            sides.append(record_from_bench(obj.get(side)))
        except RecordFormatError as exc:
            joint = ": " if str(exc).startswith("expected") else "."
            raise RecordFormatError(f"{side}{joint}{exc}") from None
    return RecordPair(pair_id, sides[0], sides[1])
