"""Reading records: dates with their precision, the benchmark's JSON shape, bad input."""

from __future__ import annotations

import pytest

from sijill.matching.records import (
    MatchRecord,
    PartialDate,
    RecordFormatError,
    pair_from_bench,
    parse_date,
    record_from_bench,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1982", PartialDate(1982)),
        ("1982-10", PartialDate(1982, 10)),
        ("1982-10-29", PartialDate(1982, 10, 29)),
        ("1969-7-16", PartialDate(1969, 7, 16)),  # written without leading zeros
        ("1974-01-32", PartialDate(1974, 1)),  # a day that cannot exist is dropped
        ("1974-13-02", PartialDate(1974)),  # so is a month
        ("~1982", PartialDate(1982, approximate=True)),
        ("1982~", PartialDate(1982, approximate=True)),
        ("about 1982", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: PartialDate | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("date", "text", "exact"),
    [
        (PartialDate(1982, 10, 29), "1982-10-29", True),
        (PartialDate(1982, 1, approximate=True), "~1982-01", False),
    ],
)
def test_partial_date_prints_its_precision(date: PartialDate, text: str, exact: bool) -> None:
    assert str(date) == text
    assert date.exact is exact


def test_record_from_bench_reads_every_field() -> None:
    record = record_from_bench(
        {
            "name": " Omar Haddad ",
            "aliases": ["Abu Yusuf", "Omar Haddad"],
            "dob": "1982",
            "nationality": "sy",
            "sex": "male",
            "documents": ["N123"],
            "place_of_birth": "Raqqa",
            "schema": "Person",
        }
    )
    assert record == MatchRecord(
        names=("Omar Haddad", "Abu Yusuf"),
        dob="1982",
        sex="M",
        nationalities=("SY",),
        documents=("N123",),
        place_of_birth="Raqqa",
    )
    assert record.is_person
    assert record.date_of_birth == PartialDate(1982)


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ({}, "name: missing or empty"),
        ({"name": "  "}, "name: missing or empty"),
        ({"name": 3}, "name: expected a string, got int"),
        ({"name": "Omar", "aliases": "Abu Yusuf"}, None),  # one alias as a string is fine
        ({"name": "Omar", "aliases": [1]}, "aliases: expected a string or a list of strings"),
        ({"name": "Omar", "dob": "soon"}, "dob: 'soon' is not a date"),
        ({"name": "Omar", "sex": "X"}, "sex: 'X' is not M or F"),
        ("Omar", "expected an object with a name"),
    ],
)
def test_record_from_bench_errors_name_the_field(obj: object, message: str | None) -> None:
    if message is None:
        assert record_from_bench(obj).names == ("Omar", "Abu Yusuf")
        return
    with pytest.raises(RecordFormatError, match=message):
        record_from_bench(obj)


def test_pair_from_bench() -> None:
    pair = pair_from_bench({"id": "x-1", "a": {"name": "A"}, "b": {"name": "B"}, "same": True})
    assert (pair.id, pair.a.names, pair.b.names) == ("x-1", ("A",), ("B",))
    assert pair_from_bench({"id": 7, "a": {"name": "A"}, "b": {"name": "B"}}).id == 7


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ([], "expected an object with id, a and b"),
        ({"a": {"name": "A"}, "b": {"name": "B"}}, "id: missing"),
        ({"id": True, "a": {"name": "A"}, "b": {"name": "B"}}, "id: missing"),
        ({"id": "1", "a": {"name": "A"}}, "b: expected an object with a name"),
        ({"id": "1", "a": {"name": ""}, "b": {"name": "B"}}, "a.name: missing or empty"),
    ],
)
def test_pair_from_bench_errors(obj: object, message: str) -> None:
    with pytest.raises(RecordFormatError, match=message):
        pair_from_bench(obj)
