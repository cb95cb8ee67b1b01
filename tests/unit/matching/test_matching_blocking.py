"""Blocking keys: variants of one name share a key; different names do not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sijill.matching import MatchRecord
from sijill.matching.blocking import (
    birth_year,
    blocking_keys,
    document_key,
    name_blocking_keys,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ahmad al-Sharaa", "أحمد الشرع"),
        ("Ahmad al-Sharaa", "SHARAA, Ahmad"),
        ("Ahmad al-Sharaa", "Ahmed Al-Shar'"),
        ("Abu Muhammad al-Jolani", "Abu Mohammad al-Golani"),
        ("Abu Muhammad al-Jolani", "أبو محمد الجولاني"),
        ("Tarkhan Batirashvili", "Тархан Батирашвили"),
        ("Abdulrahman Tursunov", "Абдурахман Турсунов"),
        ("Abd al-Rahman Yusuf Tursunov", "Abdurrahman Tursunov"),  # a part of a longer name
    ],
)
def test_variants_of_one_name_share_a_key(a, b):
    assert name_blocking_keys(a) & name_blocking_keys(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Abu Muhammad al-Adnani", "Abu Muhammad al-Maqdisi"),  # the kunya alone is no key
        ("Ahmad al-Sharaa", "Ahmad Ali"),
        ("Osama bin Laden", "Hamza bin Laden"),
    ],
)
def test_names_sharing_one_part_share_no_key(a, b):
    assert not name_blocking_keys(a) & name_blocking_keys(b)


def test_keys_of_a_name_are_its_part_pairs():
    assert name_blocking_keys("Ahmad Hussein al-Sharaa") == {"p:hmd hsn", "p:hmd xr", "p:hsn xr"}
    assert name_blocking_keys("Abu Hafs") == {"s:abu:hfs"}
    assert name_blocking_keys("") == frozenset()


def test_a_record_adds_its_documents_and_aliases():
    record = MatchRecord(names=("Omar Diaby", "Omar Omsen"), documents=("fr-9988 77", "12"))
    assert blocking_keys(record) == {"p:db mr", "p:mr msn", "d:FR998877"}
    assert document_key("n 01") is None  # too short to key
    assert birth_year(MatchRecord(names=("x",), dob="~1982")) == 1982
    assert birth_year(MatchRecord(names=("x",))) is None


words = st.sampled_from(["Ahmad", "Muhammad", "Yusuf", "Karimov", "al-Hamwi", "Hussein", "Ali"])


@given(st.lists(words, min_size=2, max_size=5, unique=True))
def test_word_order_does_not_change_the_keys(parts):
    assert name_blocking_keys(" ".join(parts)) & name_blocking_keys(" ".join(reversed(parts)))
