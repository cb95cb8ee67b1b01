"""Flat form fields (``names.0.full``) into the nested input the services take."""

from __future__ import annotations

import pytest

from sijill.errors import InvalidInput
from sijill.registry.schemas import PersonIn
from sijill.web.forms import parse, unflatten

pytestmark = pytest.mark.unit


def test_rows_nest_into_lists_in_numeric_order() -> None:
    items = [("names.10.full", "Karim"), ("names.2.full", "Ali"), ("names.2.name_type", "alias")]
    assert unflatten(items) == {"names": [{"full": "Ali", "name_type": "alias"}, {"full": "Karim"}]}


def test_rows_without_their_significant_field_are_dropped() -> None:
    items = [
        ("names.0.full", "Yusuf Karimov"),
        ("names.0.name_type", "primary"),
        ("names.1.full", "   "),
        ("names.1.name_type", "alias"),  # a blank row of the form: the select has a value
        ("documents.0.doc_type", "passport"),
        ("documents.0.issuing_state", "UZ"),
        ("documents.0.number", ""),
        ("affiliations.0.unit", "Katiba 3"),
        ("family.0.relation", "child"),
    ]
    assert unflatten(items) == {
        "names": [{"full": "Yusuf Karimov", "name_type": "primary"}],
        "documents": [],
        "affiliations": [],
        "family": [],
    }


def test_nested_new_person_of_a_family_link() -> None:
    items = [
        ("family.0.relation", "spouse"),
        ("family.0.new_person.names.0.full", " Malika Tursunova "),
        ("family.0.new_person.names.0.name_type", "primary"),
        ("family.0.new_person.names.1.full", ""),
        ("family.0.new_person.sex", "F"),
        ("family.0.new_person.date_of_birth.precision", "year"),
        ("family.0.new_person.date_of_birth.year", "1992"),
        ("family.0.new_person.date_of_birth.month", ""),
        ("family.1.relation", "child"),
        ("family.1.regno", "7k3q-m2pa-x"),
        ("family.1.new_person.names.0.full", ""),
    ]
    assert unflatten(items) == {
        "family": [
            {
                "relation": "spouse",
                "new_person": {
                    "names": [{"full": "Malika Tursunova", "name_type": "primary"}],
                    "sex": "F",
                    "date_of_birth": {"precision": "year", "year": "1992"},
                },
            },
            {"relation": "child", "regno": "7k3q-m2pa-x"},
        ]
    }


def test_multi_value_fields_become_lists_without_blanks() -> None:
    items = [
        ("nationalities", "SY"),
        ("nationalities", " "),
        ("nationalities", "UZ"),
        ("languages", "ar"),
    ]
    assert unflatten(items) == {"nationalities": ["SY", "UZ"], "languages": ["ar"]}


def test_blank_values_are_absent_and_an_empty_object_disappears() -> None:
    items = [
        ("sex", ""),
        ("place_of_birth", "  Raqqa "),
        ("date_of_birth.precision", ""),
        ("date_of_birth.year", ""),
    ]
    assert unflatten(items) == {"place_of_birth": "Raqqa"}


def test_skipped_fields_are_left_out() -> None:
    items = [("csrf_token", "abc"), ("reason", "typo"), ("notes", "n")]
    assert unflatten(items, skip=("csrf_token", "reason")) == {"notes": "n"}


def test_empty_form() -> None:
    assert unflatten([]) == {}


def test_group_aliases_keep_their_rows() -> None:
    items = [("aliases.0", "HTS"), ("aliases.1", ""), ("aliases.2", "Jabhat al-Nusra")]
    assert unflatten(items) == {"aliases": ["HTS", "Jabhat al-Nusra"]}


def test_parse_builds_the_model() -> None:
    data = unflatten(
        [
            ("names.0.full", "Ali"),
            ("date_of_birth.precision", "year"),
            ("date_of_birth.year", "1990"),
        ]
    )
    person = parse(PersonIn, data)
    assert person.names[0].full == "Ali"
    assert person.date_of_birth is not None and person.date_of_birth.year == 1990


@pytest.mark.parametrize(
    ("items", "path", "message"),
    [
        ([], "names", "This field is required."),
        ([("names.0.full", "Ali"), ("sex", "X")], "sex", "Choose one of the listed values."),
        (
            [
                ("names.0.full", "Ali"),
                ("date_of_birth.precision", "year"),
                ("date_of_birth.year", "nineteen"),
            ],
            "date_of_birth.year",
            "Enter a whole number.",
        ),
        (
            [
                ("names.0.full", "Ali"),
                ("documents.0.number", "1"),
                ("documents.0.doc_type", "passport"),
                ("documents.0.issuing_state", "SY"),
                ("documents.0.issue_date", "yesterday"),
            ],
            "documents.0.issue_date",
            "Enter a date as YYYY-MM-DD.",
        ),
        ([("names.0.full", "Ali"), ("colour", "red")], "colour", "Extra inputs are not permitted"),
    ],
)
def test_parse_errors_are_keyed_by_form_field(
    items: list[tuple[str, str]], path: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse(PersonIn, unflatten(items))
    assert caught.value.errors[path] == message
