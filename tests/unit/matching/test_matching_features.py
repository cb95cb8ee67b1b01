"""Golden cases for each feature and for the negative-evidence rules (synthetic records)."""

from __future__ import annotations

import pytest

from sijill.matching import features as f
from sijill.matching.records import MatchRecord, PartialDate, parse_date

pytestmark = pytest.mark.unit


def person(name: str, *aliases: str, **fields: object) -> MatchRecord:
    return MatchRecord(names=(name, *aliases), **fields)  # type: ignore[arg-type]


def date(text: str) -> PartialDate:
    found = parse_date(text)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("x", "y", "score", "how"),
    [
        ("1982-10-29", "1982-10-29", 1.0, "same day"),
        ("1982", "1982", 1.0, "same year"),
        ("1982", "1982-10-29", 0.5, "within the same year"),
        ("1982-10", "1982-10-29", 0.5, "within the same month"),
        ("1982-10-29", "1982-10-30", -0.25, "other day"),
        ("1982-10-29", "1982-11-29", -0.3, "other month"),
        ("1982-10-11", "1982-11-10", -0.1, "day and month swapped?"),
        ("1982", "1983-01-01", -0.4, "1 year apart"),
        ("1982", "1985", -0.7, "3 years apart"),
        ("1971-02-11", "1988-07-30", -1.0, "17 years apart"),
        ("~1982", "1984", 0.3, "about the same year"),
        ("~1982", "1990", -0.6, "8 years apart"),
    ],
)
def test_compare_dates(x: str, y: str, score: float, how: str) -> None:
    assert f.compare_dates(date(x), date(y)) == (score, how)
    assert f.compare_dates(date(y), date(x)) == (score, how)


def test_date_of_birth_explains_precision() -> None:
    found = f.date_of_birth(person("A", dob="1982"), person("B", dob="1982-10-29"))
    assert found == (0.5, "date of birth: 1982 within 1982-10-29")
    assert f.date_of_birth(person("A", dob="1982"), person("B")) == (None, "")


@pytest.mark.parametrize(
    ("a", "b", "score"),
    [("M", "M", 1.0), ("M", "F", -1.0), ("male", "F", -1.0), (None, "F", None), ("x", "M", None)],
)
def test_sex(a: str | None, b: str | None, score: float | None) -> None:
    assert f.sex(person("A", sex=a), person("B", sex=b)).score == score


@pytest.mark.parametrize(
    ("a", "b", "score"),
    [
        (("SY",), ("SY", "TR"), 1.0),
        (("sy",), ("SY",), 1.0),
        (("SY",), ("EG",), -1.0),
        ((), ("EG",), None),
    ],
)
def test_nationality(a: tuple[str, ...], b: tuple[str, ...], score: float | None) -> None:
    assert f.nationality(person("A", nationalities=a), person("B", nationalities=b)).score == score


@pytest.mark.parametrize(
    ("a", "b", "score"),
    [
        (("N 123 456",), ("n123456",), 1.0),
        (("N123456",), ("N123457",), 0.0),
        (("N123456",), (), None),
        (("12",), ("12",), None),  # too short to tell anything
    ],
)
def test_documents(a: tuple[str, ...], b: tuple[str, ...], score: float | None) -> None:
    assert f.documents(person("A", documents=a), person("B", documents=b)).score == score


@pytest.mark.parametrize(
    ("a", "b", "score"),
    [
        ("Raqqa", "الرقة", 1.0),
        ("Deir ez-Zor city, Syria", "Deir al-Zour", 1.0),
        ("Grozny", "Грозный", 1.0),
        ("Raqqa", "Homs", -0.5),
        ("Raqqa", None, None),
        ("village", "Raqqa", None),  # names no place
    ],
)
def test_place_of_birth(a: str, b: str | None, score: float | None) -> None:
    assert (
        f.place_of_birth(person("A", place_of_birth=a), person("B", place_of_birth=b)).score
        == score
    )


def test_names_takes_the_closest_alias() -> None:
    a = person("Ahmad Khalil", "Abu Yusuf al-Halabi")
    found = f.names(a, person("أبو يوسف الحلبي"))
    assert found.score == 1.0
    assert "Abu Yusuf al-Halabi ~ أبو يوسف الحلبي" in found.detail


@pytest.mark.parametrize(
    ("a", "b", "negative"),
    [
        ("Abu Yusuf al-Halabi", "Abu Yusuf al-Homsi", True),
        ("Abu Yusuf al-Halabi", "Abu Yousef al-Halabi", False),
        ("Abu Yusuf al-Halabi", "Abu Khalid al-Homsi", False),  # no kunya in common
        ("Abu Yusuf", "Abu Yusuf al-Homsi", False),  # one side has no nisba
    ],
)
def test_same_kunya_other_nisba(a: str, b: str, negative: bool) -> None:
    found = f.kunya_nisba(person(a), person(b))
    assert (found.score == -1.0) is negative, found
    if negative:
        assert "same kunya abu-yusuf, other nisba" in found.detail


@pytest.mark.parametrize(
    ("a", "b", "score"),
    [
        ("Hassan bin Khalid al-Masri", "Omar bin Khalid al-Masri", -1.0),  # brothers
        ("Ziyad al-Haddad", "Tariq al-Haddad", -1.0),  # one family name, other given names
        ("Bilal bin Tariq al-Haddad", "Tariq al-Haddad", -1.0),  # son "bin" father
        ("Salim bin Hamad", "Hamad bin Salim", -1.0),  # father and son reversed
        ("Ahmad Hamid", "Hamid Ahmad Hamid", -0.5),  # triple name: middle is the father
        ("Ziyad al-Haddad", "Ziad al-Hadad", None),  # one man
        ("Ziyad al-Haddad", "Ziyad Tariq al-Haddad", None),  # the father's name added
    ],
)
def test_father_and_son(a: str, b: str, score: float | None) -> None:
    assert f.father_son(person(a), person(b)).score == score


def test_negative_rules_skip_organisations() -> None:
    a = MatchRecord(("Liwa Abu Yusuf al-Halabi",), schema="Organization")
    b = MatchRecord(("Liwa Abu Yusuf al-Homsi",), schema="Organization")
    assert f.kunya_nisba(a, b) == f.NOTHING
    assert f.father_son(a, b) == f.NOTHING


def test_names_missing_on_a_side() -> None:
    assert f.names(MatchRecord(()), person("Omar")).score is None
