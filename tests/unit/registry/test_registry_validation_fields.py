"""Names, codes, hidden characters, sizes and family links: each error keyed by its field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sijill.registry import regno
from sijill.registry.schemas import (
    DateOfBirthIn,
    DocumentIn,
    FamilyLinkIn,
    NameIn,
    NewRelativeIn,
    PersonIn,
)
from sijill.registry.validation import validate_person
from sijill.registry.vocab import DatePrecision, DocumentType, NameType, Relation

pytestmark = pytest.mark.unit

TODAY = dt.date(2026, 3, 15)
MAX = 200
NAME_PARTS = ("full", "given", "father", "grandfather", "family", "source")
HIDDEN = {
    "right-to-left override": "\u202e",
    "left-to-right embedding": "\u202a",
    "first strong isolate": "\u2068",
    "right-to-left mark": "\u200f",
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "byte order mark": "\ufeff",
    "bell": "\u0007",
    "escape": "\u001b",
    "newline": "\n",
    "delete": "\u007f",
    "private use": "\ue000",
}


def errors_for(names: list[NameIn] | None = None, **fields: Any) -> dict[str, str]:
    data = PersonIn(names=names or [NameIn(full="Yusuf Karimov")], **fields)
    return validate_person(data, MAX, TODAY)


def test_a_plain_record_in_several_scripts_is_valid() -> None:
    names = [
        NameIn(full="أبو محمد الجولاني", given="محمد", family="الجولاني"),
        NameIn(full="Abu Muhammad al-Jolani", name_type=NameType.KUNYA),
        NameIn(full="Абу Мухаммад аль-Джулани", name_type=NameType.ALIAS),
        NameIn(full="ئابدۇرېھىم", name_type=NameType.NOM_DE_GUERRE),
    ]
    assert errors_for(names, nationalities=["SY", "UZ"], languages=["ar", "ug", "ru"]) == {}


@pytest.mark.parametrize("part", NAME_PARTS)
@pytest.mark.parametrize("char", HIDDEN.values(), ids=HIDDEN.keys())
def test_hidden_characters_in_any_name_part_are_refused(part: str, char: str) -> None:
    fields = {"full": "Ali Reza", part: f"Ali{char}Reza"}
    names = [NameIn(full="Yusuf Karimov"), NameIn(name_type=NameType.ALIAS, **fields)]
    errors = errors_for(names)
    assert set(errors) == {f"names.1.{part}"}
    assert f"U+{ord(char):04X}" in errors[f"names.1.{part}"]


@pytest.mark.parametrize("char", ["\u202e", "\u200b", "\u0000"])
def test_hidden_characters_in_a_new_relatives_name_carry_the_nested_path(char: str) -> None:
    relative = NewRelativeIn(names=[NameIn(full=f"Malika{char}Tursunova")])
    errors = errors_for(family=[FamilyLinkIn(relation=Relation.SPOUSE, new_person=relative)])
    assert set(errors) == {"family.0.new_person.names.0.full"}


@pytest.mark.parametrize(
    ("field", "value", "path"),
    [
        ("place_of_birth", "Raqqa\u202e", "place_of_birth"),
        ("notes", "seen at\u200b the camp", "notes"),
    ],
)
def test_hidden_characters_in_other_text_fields(field: str, value: str, path: str) -> None:
    assert set(errors_for(**{field: value})) == {path}


def test_hidden_character_in_a_document_number() -> None:
    doc = DocumentIn(doc_type=DocumentType.PASSPORT, issuing_state="SY", number="N01\u200b23")
    assert set(errors_for(documents=[doc])) == {"documents.0.number"}


def test_tabs_and_ordinary_punctuation_are_not_hidden_characters() -> None:
    assert errors_for([NameIn(full="Ahmad al-Shar\u2019a (Abu\tMuhammad)")]) == {}


@pytest.mark.parametrize("part", NAME_PARTS)
def test_oversized_name_parts(part: str) -> None:
    fields = {"full": "Ali Reza", part: "A" * (MAX + 1)}
    errors = errors_for([NameIn(**fields)])
    assert set(errors) == {f"names.0.{part}"}
    assert "201 characters, at most 200" in errors[f"names.0.{part}"]


def test_a_name_of_exactly_the_limit_is_accepted() -> None:
    assert errors_for([NameIn(full="A" * MAX)]) == {}


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"place_of_birth": "x" * (MAX + 1)}, "place_of_birth"),
        ({"notes": "x" * (10 * MAX + 1)}, "notes"),
    ],
)
def test_oversized_other_fields(fields: dict[str, str], path: str) -> None:
    assert set(errors_for(**fields)) == {path}
    assert errors_for(notes="x" * (10 * MAX)) == {}


def test_oversized_document_number_and_reason() -> None:
    doc = DocumentIn(
        doc_type=DocumentType.PASSPORT,
        issuing_state="SY",
        number="1" * 65,
        shared_number_reason="r" * (MAX + 1),
    )
    assert set(errors_for(documents=[doc])) == {
        "documents.0.number",
        "documents.0.shared_number_reason",
    }


def test_a_document_number_needs_letters_or_digits() -> None:
    doc = DocumentIn(doc_type=DocumentType.PASSPORT, issuing_state="SY", number="-- / --")
    assert set(errors_for(documents=[doc])) == {"documents.0.number"}


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"birth_country": "XX"}, "birth_country"),
        ({"birth_country": "sy"}, "birth_country"),
        ({"birth_country": "SYR"}, "birth_country"),
        ({"birth_country": "EU"}, "birth_country"),
        ({"nationalities": ["SY", "ZZ"]}, "nationalities.1"),
        ({"nationalities": ["UN"]}, "nationalities.0"),
        ({"languages": ["ar", "xx"]}, "languages.1"),
        ({"languages": ["arabic"]}, "languages.0"),
    ],
)
def test_unknown_country_and_language_codes(fields: dict[str, Any], path: str) -> None:
    errors = errors_for(**fields)
    assert set(errors) == {path}
    assert "Unknown" in errors[path]


def test_unknown_issuing_state() -> None:
    doc = DocumentIn(doc_type=DocumentType.PASSPORT, issuing_state="XK1", number="123456")
    assert set(errors_for(documents=[doc])) == {"documents.0.issuing_state"}


def test_unknown_nationality_of_a_new_relative() -> None:
    relative = NewRelativeIn(names=[NameIn(full="Malika")], nationalities=["QQ"])
    errors = errors_for(family=[FamilyLinkIn(relation=Relation.SPOUSE, new_person=relative)])
    assert set(errors) == {"family.0.new_person.nationalities.0"}


@pytest.mark.parametrize(
    "types",
    [
        [NameType.ALIAS],
        [NameType.PRIMARY, NameType.PRIMARY],
        [NameType.KUNYA, NameType.ALIAS],
    ],
)
def test_exactly_one_primary_name(types: list[NameType]) -> None:
    names = [NameIn(full=f"Name {chr(65 + i)}", name_type=t) for i, t in enumerate(types)]
    assert set(errors_for(names)) == {"names.0.name_type"}


@pytest.mark.parametrize("full", ["123", "--", "٣٤"])
def test_a_name_must_contain_letters(full: str) -> None:
    assert set(errors_for([NameIn(full=full)])) == {"names.0.full"}


def _link(**fields: Any) -> FamilyLinkIn:
    return FamilyLinkIn(relation=Relation.CHILD, **fields)


def test_family_link_with_an_existing_number_is_valid() -> None:
    assert errors_for(family=[_link(regno=regno.display(regno.generate()).lower())]) == {}


def test_family_link_with_a_new_person_is_valid() -> None:
    child = NewRelativeIn(
        names=[NameIn(full="Aisha")],
        date_of_birth=DateOfBirthIn(precision=DatePrecision.YEAR, year=2018),
    )
    assert errors_for(family=[_link(new_person=child)]) == {}


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"regno": "REGNO", "new_person": NewRelativeIn(names=[NameIn(full="Aisha")])},
    ],
    ids=["neither", "both"],
)
def test_family_link_needs_exactly_one_of_regno_and_new_person(fields: dict[str, Any]) -> None:
    if "regno" in fields:
        fields["regno"] = regno.generate()
    errors = errors_for(family=[_link(**fields)])
    assert set(errors) == {"family.0.regno"}
    assert "either" in errors["family.0.regno"]


def test_family_link_with_a_mistyped_number_names_the_check_character() -> None:
    number = regno.generate()
    typo = next(c for c in regno.ALPHABET if c != number[0]) + number[1:]
    errors = errors_for(family=[_link(regno=typo)])
    assert set(errors) == {"family.0.regno"}
    assert "check character" in errors["family.0.regno"]


def test_new_relatives_date_of_birth_is_checked_under_its_path() -> None:
    child = NewRelativeIn(
        names=[NameIn(full="Aisha")],
        date_of_birth=DateOfBirthIn(precision=DatePrecision.EXACT, year=2018, month=2, day=30),
    )
    errors = errors_for(family=[_link(new_person=child)])
    assert set(errors) == {"family.0.new_person.date_of_birth.day"}


def test_new_relative_needs_one_primary_name() -> None:
    child = NewRelativeIn(names=[NameIn(full="Aisha", name_type=NameType.ALIAS)])
    errors = errors_for(family=[_link(new_person=child)])
    assert set(errors) == {"family.0.new_person.names.0.name_type"}


def test_every_problem_is_reported_at_once() -> None:
    errors = errors_for(
        [NameIn(full="Ali\u202eReza")],
        birth_country="XX",
        languages=["xx"],
        place_of_birth="p" * 201,
    )
    assert set(errors) == {"names.0.full", "birth_country", "languages.0", "place_of_birth"}


def test_the_limit_comes_from_the_caller() -> None:
    data = PersonIn(names=[NameIn(full="A" * 50)])
    assert validate_person(data, 50, TODAY) == {}
    assert set(validate_person(data, 49, TODAY)) == {"names.0.full"}
