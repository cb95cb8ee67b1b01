"""Dates of birth with their precision, document dates and partial affiliation dates."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from sijill.registry.schemas import (
    AffiliationIn,
    DateOfBirthIn,
    DocumentIn,
    NameIn,
    PersonIn,
)
from sijill.registry.validation import (
    format_dob,
    parse_partial_date,
    validate_person,
)
from sijill.registry.vocab import DatePrecision, DocumentType

pytestmark = pytest.mark.unit

TODAY = dt.date(2026, 3, 15)
MAX = 200
E, M, Y, A = (
    DatePrecision.EXACT,
    DatePrecision.MONTH,
    DatePrecision.YEAR,
    DatePrecision.APPROXIMATE,
)


def errors_for(**fields: object) -> dict[str, str]:
    data = PersonIn(names=[NameIn(full="Yusuf Karimov")], **fields)  # type: ignore[arg-type]
    return validate_person(data, MAX, TODAY)


def dob_errors(precision: DatePrecision, year: int, month: int | None, day: int | None) -> set[str]:
    dob = DateOfBirthIn(precision=precision, year=year, month=month, day=day)
    return set(errors_for(date_of_birth=dob))


# Every precision x (month given?) x (day given?): the one valid shape, or the field blamed.
@pytest.mark.parametrize(
    ("precision", "month", "day", "blamed"),
    [
        (E, 10, 29, None),
        (E, 10, None, "day"),
        (E, None, 29, "month"),
        (E, None, None, "month"),
        (M, 10, None, None),
        (M, 10, 29, "day"),
        (M, None, None, "month"),
        (M, None, 29, "month"),
        (Y, None, None, None),
        (Y, 10, None, "month"),
        (Y, 10, 29, "month"),
        (Y, None, 29, "day"),
        (A, None, None, None),
        (A, 10, None, "month"),
        (A, 10, 29, "month"),
        (A, None, 29, "day"),
    ],
)
def test_each_precision_combination(
    precision: DatePrecision, month: int | None, day: int | None, blamed: str | None
) -> None:
    expected = set() if blamed is None else {f"date_of_birth.{blamed}"}
    assert dob_errors(precision, 1982, month, day) == expected


def test_the_message_names_the_precision() -> None:
    dob = DateOfBirthIn(precision=Y, year=1982, month=10)
    assert "'year'" in errors_for(date_of_birth=dob)["date_of_birth.month"]


@pytest.mark.parametrize(
    ("year", "month", "day", "ok"),
    [
        (1982, 2, 28, True),
        (1982, 2, 29, False),
        (1982, 2, 30, False),
        (2000, 2, 29, True),
        (1900, 2, 29, False),
        (1982, 4, 31, False),
        (1982, 12, 31, True),
        (1982, 0, 1, False),
        (1982, 13, 1, False),
        (1982, 1, 0, False),
        (1982, 1, 32, False),
    ],
)
def test_calendar_days(year: int, month: int, day: int, ok: bool) -> None:
    assert (dob_errors(E, year, month, day) == set()) is ok


def test_feb_30_is_blamed_on_the_day_with_a_message() -> None:
    errors = errors_for(date_of_birth=DateOfBirthIn(precision=E, year=1990, month=2, day=30))
    assert errors == {"date_of_birth.day": "1990-02 has no day 30."}


@pytest.mark.parametrize(
    ("precision", "year", "month", "day", "ok"),
    [
        (E, 2026, 3, 15, True),  # born today
        (E, 2026, 3, 16, False),  # tomorrow
        (E, 2026, 4, 1, False),
        (M, 2026, 3, None, True),
        (M, 2026, 4, None, False),  # a month still to come this year
        (Y, 2026, None, None, True),
        (Y, 2027, None, None, False),
        (A, 2027, None, None, False),
    ],
)
def test_future_dates_are_refused(
    precision: DatePrecision, year: int, month: int | None, day: int | None, ok: bool
) -> None:
    assert (dob_errors(precision, year, month, day) == set()) is ok


@pytest.mark.parametrize(("year", "ok"), [(1899, False), (1900, True), (2026, True), (2027, False)])
def test_year_bounds(year: int, ok: bool) -> None:
    assert (dob_errors(Y, year, None, None) == set()) is ok
    if not ok:
        assert dob_errors(Y, year, None, None) == {"date_of_birth.year"}


@pytest.mark.parametrize(
    ("dob", "text"),
    [
        (DateOfBirthIn(precision=E, year=1982, month=10, day=9), "1982-10-09"),
        (DateOfBirthIn(precision=M, year=1982, month=10), "1982-10"),
        (DateOfBirthIn(precision=Y, year=1982), "1982"),
        (DateOfBirthIn(precision=A, year=1982), "~1982"),
        (None, None),
    ],
)
def test_format_dob(dob: DateOfBirthIn | None, text: str | None) -> None:
    assert format_dob(dob) == text


def _document(issue: dt.date | None, expiry: dt.date | None) -> DocumentIn:
    return DocumentIn(
        doc_type=DocumentType.PASSPORT,
        issuing_state="SY",
        number="N0123456",
        issue_date=issue,
        expiry_date=expiry,
    )


@pytest.mark.parametrize(
    ("issue", "expiry", "blamed"),
    [
        (dt.date(2015, 1, 1), dt.date(2025, 1, 1), None),
        (dt.date(2015, 1, 1), dt.date(2015, 1, 1), None),
        (dt.date(2015, 1, 1), dt.date(2014, 12, 31), "expiry_date"),
        (None, dt.date(2014, 12, 31), None),
        (dt.date(2026, 3, 15), None, None),
        (dt.date(2026, 3, 16), None, "issue_date"),
        (dt.date(2026, 3, 16), dt.date(2036, 3, 16), "issue_date"),
    ],
)
def test_document_dates(issue: dt.date | None, expiry: dt.date | None, blamed: str | None) -> None:
    errors = errors_for(documents=[_document(issue, expiry)])
    assert set(errors) == (set() if blamed is None else {f"documents.0.{blamed}"})


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("2014", (2014, 0, 0)),
        ("2014-06", (2014, 6, 0)),
        ("2014-06-30", (2014, 6, 30)),
        ("2016-02-29", (2016, 2, 29)),
        ("2015-02-29", None),
        ("2014-13", None),
        ("2014-00", None),
        ("2014-06-00", None),
        ("2014-06-31", None),
        ("0000", None),
        ("14", None),
        ("2014/06", None),
        ("2014-6", None),
        ("June 2014", None),
        ("2014-06-30T00:00", None),
    ],
)
def test_parse_partial_date(text: str, parsed: tuple[int, int, int] | None) -> None:
    assert parse_partial_date(text) == parsed


def _affiliation(start: str | None, end: str | None) -> AffiliationIn:
    return AffiliationIn(group_id=uuid.uuid4(), date_from=start, date_to=end)


@pytest.mark.parametrize(
    ("start", "end", "blamed"),
    [
        ("2013", "2017", None),
        ("2013-04", "2013-04", None),
        ("2014-06", "2014", None),  # ended some time in 2014: not before June 2014
        ("2014", "2014-02", None),
        ("2014-06-30", "2014-06", None),
        ("2015", "2014", "date_to"),
        ("2014-06", "2014-05-31", "date_to"),
        ("2014-06-02", "2014-06-01", "date_to"),
        ("2015-01", "2014", "date_to"),
        (None, "2014", None),
        ("2014", None, None),
        ("2014-13", "2015", "date_from"),
        ("2014", "2015-02-30", "date_to"),
    ],
)
def test_affiliation_partial_dates(start: str | None, end: str | None, blamed: str | None) -> None:
    errors = errors_for(affiliations=[_affiliation(start, end)])
    assert set(errors) == (set() if blamed is None else {f"affiliations.0.{blamed}"})
