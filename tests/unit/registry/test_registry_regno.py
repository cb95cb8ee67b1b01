"""Registry numbers: the check character catches every single typo and every adjacent swap."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.iso7064 import mod_37_2

from sijill.registry import regno

pytestmark = pytest.mark.unit

bodies = st.text(alphabet=regno.ALPHABET, min_size=regno.BODY_LENGTH, max_size=regno.BODY_LENGTH)
# Valid numbers: a body with its check; bodies whose check would be "*" are never issued.
numbers = bodies.map(lambda b: b + regno.check_character(b)).filter(regno.is_valid)


@given(numbers, st.integers(0, regno.BODY_LENGTH), st.sampled_from(regno.ALPHABET))
def test_every_single_substitution_is_detected(number: str, position: int, char: str) -> None:
    typo = number[:position] + char + number[position + 1 :]
    assert regno.is_valid(typo) == (typo == number)


@given(numbers, st.integers(0, regno.BODY_LENGTH - 1))
def test_every_adjacent_transposition_is_detected(number: str, position: int) -> None:
    a, b = number[position], number[position + 1]
    swapped = number[:position] + b + a + number[position + 2 :]
    assert regno.is_valid(swapped) == (a == b)


def test_exhaustively_no_typo_of_a_sample_of_numbers_is_valid() -> None:
    """Not a sample of typos but all of them (9 x 35 substitutions, 8 swaps) for 200 numbers."""
    for _ in range(200):
        number = regno.generate()
        for i in range(len(number)):
            for char in regno.ALPHABET.replace(number[i], ""):
                assert not regno.is_valid(number[:i] + char + number[i + 1 :])
        for i in range(len(number) - 1):
            if number[i] != number[i + 1]:
                swapped = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
                assert not regno.is_valid(swapped)


@given(bodies)
def test_check_character_agrees_with_python_stdnum(body: str) -> None:
    assert regno.check_character(body) == mod_37_2.calc_check_digit(body)


def test_iso_7064_published_example() -> None:
    assert regno.check_character("G123498654321") == "H"


def test_generate_is_always_valid_and_never_uses_the_star() -> None:
    seen = {regno.generate() for _ in range(2000)}
    assert len(seen) == 2000
    assert all(regno.is_valid(n) and len(n) == 9 and "*" not in n for n in seen)


@given(bodies)
def test_a_body_whose_check_is_star_has_no_valid_number(body: str) -> None:
    check = regno.check_character(body)
    assert (check == "*") == (not any(regno.is_valid(body + c) for c in regno.ALPHABET))


@given(numbers)
def test_display_then_parse_round_trips_with_any_case_and_separators(number: str) -> None:
    shown = regno.display(number)
    assert shown == f"{number[:4]}-{number[4:8]}-{number[8]}"
    assert regno.parse(shown) == number
    assert regno.parse(shown.lower()) == number
    assert regno.parse(" " + shown.replace("-", " ") + " ") == number
    assert regno.parse(number.lower()) == number


@pytest.mark.parametrize(
    "text",
    ["", "ABCD", "ABCD-EFGH", "ABCD-EFGH-IJ", "ÄBCD-EFGH-1", "ABCDEFGH*", "1234-5678-9-0"],
)
def test_parse_refuses_what_is_not_a_number(text: str) -> None:
    assert regno.parse(text) is None


def test_parse_refuses_a_number_with_a_wrong_check() -> None:
    number = regno.generate()
    wrong = next(c for c in regno.ALPHABET if c != number[-1])
    assert regno.parse(number[:-1] + wrong) is None


def test_compact_strips_separators_and_case() -> None:
    assert regno.compact("7k3q-m2pa-x") == "7K3QM2PAX"
    assert regno.compact(" 7K3Q M2PA X ") == "7K3QM2PAX"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("7K3Q-M2PA-X", True), ("7k3qm2pax", True), ("7K3Q M2PA X", False), ("Ahmad", False)],
)
def test_looks_like_regno(text: str, expected: bool) -> None:
    assert regno.looks_like_regno(text) is expected
