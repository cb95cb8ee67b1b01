"""Checks on registry input that need no database (pure). Each returns field path -> message."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from sijill.errors import Msg
from sijill.names.normalise import find_unsafe_characters
from sijill.registry import regno
from sijill.registry.countries import country_codes, language_codes
from sijill.registry.schemas import (
    AffiliationIn,
    DateOfBirthIn,
    DocumentIn,
    FamilyLinkIn,
    NameIn,
    NewRelativeIn,
    PersonIn,
)
from sijill.registry.vocab import DatePrecision, NameType

Errors = dict[str, str]
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
EARLIEST_YEAR = 1900


def check_text(errors: Errors, path: str, value: str | None, max_length: int) -> None:
    if value is None:
        return
    if len(value) > max_length:
        errors[path] = Msg(
            "Too long: {length} characters, at most {limit}.", length=len(value), limit=max_length
        )
        return
    unsafe = find_unsafe_characters(value)
    if unsafe:
        errors[path] = Msg(
            "Contains a hidden character ({character}); retype the text without it.",
            character=unsafe[0],
        )


def _check_names(errors: Errors, prefix: str, names: list[NameIn], max_length: int) -> None:
    primaries = [n for n in names if n.name_type == NameType.PRIMARY]
    if len(primaries) != 1:
        errors[f"{prefix}names.0.name_type"] = Msg("Exactly one name must be the primary name.")
    for i, name in enumerate(names):
        for part in ("full", "given", "father", "grandfather", "family", "source"):
            check_text(errors, f"{prefix}names.{i}.{part}", getattr(name, part), max_length)
        if not any(ch.isalpha() for ch in name.full):
            errors.setdefault(f"{prefix}names.{i}.full", Msg("A name must contain letters."))


def check_date_of_birth(errors: Errors, path: str, dob: DateOfBirthIn, today: dt.date) -> None:
    if not EARLIEST_YEAR <= dob.year <= today.year:
        errors[f"{path}.year"] = Msg(
            "The year must be between {first} and {last}.", first=EARLIEST_YEAR, last=today.year
        )
        return
    needs_month = dob.precision in (DatePrecision.EXACT, DatePrecision.MONTH)
    needs_day = dob.precision == DatePrecision.EXACT
    if needs_month != (dob.month is not None):
        needs = Msg("A date of precision '{precision}' needs a month.", precision=dob.precision)
        extra = Msg("A date of precision '{precision}' has no month.", precision=dob.precision)
        errors[f"{path}.month"] = needs if needs_month else extra
    elif needs_day != (dob.day is not None):
        needs = Msg("A date of precision '{precision}' needs a day.", precision=dob.precision)
        extra = Msg("A date of precision '{precision}' has no day.", precision=dob.precision)
        errors[f"{path}.day"] = needs if needs_day else extra
    elif dob.month is not None and not 1 <= dob.month <= 12:
        errors[f"{path}.month"] = Msg("The month must be between 1 and 12.")
    elif dob.month is not None and (dob.year, dob.month) > (today.year, today.month):
        errors[f"{path}.month"] = Msg("The date of birth is in the future.")
    elif dob.day is not None and dob.month is not None:
        try:
            born = dt.date(dob.year, dob.month, dob.day)
        except ValueError:
            errors[f"{path}.day"] = Msg(
                "{month} has no day {day}.", month=f"{dob.year}-{dob.month:02d}", day=dob.day
            )
            return
        if born > today:
            errors[f"{path}.day"] = Msg("The date of birth is in the future.")


def check_country(errors: Errors, path: str, code: str | None) -> None:
    if code is not None and code not in country_codes():
        errors[path] = Msg(
            "Unknown country code {code}: use ISO 3166-1 alpha-2, e.g. SY, FR, UZ.", code=repr(code)
        )


def _check_codes(errors: Errors, path: str, codes: Iterable[str], languages: bool) -> None:
    for i, code in enumerate(codes):
        if languages and code not in language_codes():
            errors[f"{path}.{i}"] = Msg(
                "Unknown language code {code}: use ISO 639, e.g. ar, ug.", code=repr(code)
            )
        elif not languages:
            check_country(errors, f"{path}.{i}", code)


def normalise_document_number(number: str) -> str:
    return "".join(ch for ch in number.upper() if ch.isalnum())


def _check_documents(
    errors: Errors, documents: list[DocumentIn], max_length: int, today: dt.date
) -> None:
    for i, doc in enumerate(documents):
        path = f"documents.{i}"
        check_country(errors, f"{path}.issuing_state", doc.issuing_state)
        check_text(errors, f"{path}.number", doc.number, 64)
        if not normalise_document_number(doc.number):
            errors[f"{path}.number"] = Msg("A document number needs letters or digits.")
        check_text(errors, f"{path}.shared_number_reason", doc.shared_number_reason, max_length)
        if doc.issue_date and doc.issue_date > today:
            errors[f"{path}.issue_date"] = Msg("The issue date is in the future.")
        if doc.issue_date and doc.expiry_date and doc.expiry_date < doc.issue_date:
            errors[f"{path}.expiry_date"] = Msg("The expiry date is before the issue date.")


def parse_partial_date(value: str) -> tuple[int, int, int] | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a sortable triple, None if malformed."""
    match = _PARTIAL_DATE.match(value)
    if match is None:
        return None
    year, month, day = (int(g) if g else 0 for g in match.groups())
    try:  # a month or day that is written must exist: "2014-00" is malformed
        dt.date(year, month if match.group(2) else 1, day if match.group(3) else 1)
    except ValueError:
        return None
    return year, month, day


def _ends_before(end: tuple[int, int, int], start: tuple[int, int, int]) -> bool:
    """Compared at the precision both have: "2014-06" to "2014" is fine, "2015" to "2014" not."""
    shared = min(sum(1 for v in end if v), sum(1 for v in start if v))
    return end[:shared] < start[:shared]


def _check_affiliations(errors: Errors, items: list[AffiliationIn], max_length: int) -> None:
    for i, aff in enumerate(items):
        path = f"affiliations.{i}"
        check_text(errors, f"{path}.unit", aff.unit, max_length)
        check_text(errors, f"{path}.role", aff.role, max_length)
        parsed = {}
        for part in ("date_from", "date_to"):
            value = getattr(aff, part)
            if value:
                parsed[part] = parse_partial_date(value)
                if parsed[part] is None:
                    errors[f"{path}.{part}"] = Msg("Write the date as YYYY, YYYY-MM or YYYY-MM-DD.")
        start, end = parsed.get("date_from"), parsed.get("date_to")
        if start and end and _ends_before(end, start):
            errors[f"{path}.date_to"] = Msg("The end is before the start.")


def _check_relative(
    errors: Errors, prefix: str, person: NewRelativeIn, max_length: int, today: dt.date
) -> None:
    _check_names(errors, prefix, person.names, max_length)
    if person.date_of_birth is not None:
        check_date_of_birth(errors, f"{prefix}date_of_birth", person.date_of_birth, today)
    _check_codes(errors, f"{prefix}nationalities", person.nationalities, languages=False)


def _check_family(
    errors: Errors, links: list[FamilyLinkIn], max_length: int, today: dt.date
) -> None:
    for i, link in enumerate(links):
        path = f"family.{i}"
        if (link.regno is None) == (link.new_person is None):
            errors[f"{path}.regno"] = Msg(
                "Give either an existing registry number or a new person."
            )
        elif link.regno is not None and regno.parse(link.regno) is None:
            errors[f"{path}.regno"] = Msg(
                "{regno} is not a valid registry number (check character wrong: mistyped?).",
                regno=repr(link.regno),
            )
        elif link.new_person is not None:
            _check_relative(errors, f"{path}.new_person.", link.new_person, max_length, today)


def validate_person(data: PersonIn, max_length: int, today: dt.date) -> Errors:
    """Every problem with ``data`` that can be found without the database."""
    errors: Errors = {}
    _check_names(errors, "", data.names, max_length)
    if data.date_of_birth is not None:
        check_date_of_birth(errors, "date_of_birth", data.date_of_birth, today)
    check_text(errors, "place_of_birth", data.place_of_birth, max_length)
    check_country(errors, "birth_country", data.birth_country)
    _check_codes(errors, "nationalities", data.nationalities, languages=False)
    _check_codes(errors, "languages", data.languages, languages=True)
    _check_documents(errors, data.documents, max_length, today)
    _check_affiliations(errors, data.affiliations, max_length)
    _check_family(errors, data.family, max_length, today)
    check_text(errors, "notes", data.notes, 10 * max_length)
    return errors


def format_dob(dob: DateOfBirthIn | None) -> str | None:
    """ISO 8601 with its precision: ``1982``, ``1982-10``, ``1982-10-29``, ``~1982``."""
    if dob is None:
        return None
    if dob.precision == DatePrecision.APPROXIMATE:
        return f"~{dob.year}"
    text = f"{dob.year:04d}"
    if dob.month is not None:
        text += f"-{dob.month:02d}"
    if dob.day is not None:
        text += f"-{dob.day:02d}"
    return text
