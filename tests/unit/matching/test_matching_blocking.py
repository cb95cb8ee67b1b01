"""Blocking keys: variants of one name share a key; different names do not."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sijill.matching import MatchRecord
from sijill.matching.blocking import (
    MAX_EDIT_LENGTH,
    birth_year,
    blocking_keys,
    deletions,
    document_key,
    lookup_keys,
    name_blocking_keys,
    name_edit_keys,
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
    edits = name_edit_keys("Omar Diaby") | name_edit_keys("Omar Omsen")
    assert blocking_keys(record) == {"p:db mr", "p:mr msn", "d:FR998877"} | edits
    assert document_key("n 01") is None  # too short to key
    assert birth_year(MatchRecord(names=("x",), dob="~1982")) == 1982
    assert birth_year(MatchRecord(names=("x",))) is None


words = st.sampled_from(["Ahmad", "Muhammad", "Yusuf", "Karimov", "al-Hamwi", "Hussein", "Ali"])


@given(st.lists(words, min_size=2, max_size=5, unique=True))
def test_word_order_does_not_change_the_keys(parts):
    assert name_blocking_keys(" ".join(parts)) & name_blocking_keys(" ".join(reversed(parts)))


def _meet(a: str, b: str) -> bool:
    """Whether looking up either name finds the other in an index of the other's keys."""
    x, y = MatchRecord(names=(a,)), MatchRecord(names=(b,))
    return bool(lookup_keys(x) & blocking_keys(y)) and bool(blocking_keys(x) & lookup_keys(y))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hamza Aslan", "Hamza Arslan"),  # one letter more
        ("Yusuf Haddad", "Yusuf Hammad"),  # one letter other
        ("Bilal Abi", "Bilal Abdi"),  # a skeleton of one letter and one of two
        ("Bilal Tursunov", "Bilal Tursunova"),  # -ov / -ova: one letter more
        ("Karim Ahmad Nasser", "Kazim Nasser"),  # the given name, and a middle name missing
        ("Abou Tursunja at-Turkestani", "أبو تورسون التركستاني"),  # a kunya's name
    ],
)
def test_one_letter_apart_in_the_first_or_last_part_share_a_key(a, b):
    assert not name_blocking_keys(a) & name_blocking_keys(b)
    assert _meet(a, b)


def test_edit_keys_stay_with_the_first_and_last_parts():
    assert name_edit_keys("Hamza Aslan") == {
        "e:hd sln", "e:hm sln", "e:md sln", "e:hmd ln", "e:hmd sn", "e:hmd sl",
    }  # fmt: skip
    assert name_edit_keys("Abu Hafs") == frozenset()  # one part: no pair to keep
    assert deletions("abu:hfs") == {"abu:fs", "abu:hs", "abu:hf"}
    assert deletions("b") == deletions("abcdefgh") == frozenset()  # too short, too long
    assert not _meet("Hamza Aslan", "Hamza Karimov")
    assert not _meet("Hamza Aslan", "Omar Arslan")


given_names = st.sampled_from(["Hamza", "Omar", "Yusuf", "Ahmad", "Bilal", "Tariq"])
family_names = st.sampled_from(["Aslan", "Karimov", "Haddad", "Tursunov", "Hamwi", "Nasser"])


@given(given_names, family_names, st.sampled_from("bflmnr"), st.integers(1, 12))
def test_a_consonant_more_in_the_family_name_shares_a_key(first, family, letter, at):
    """Anywhere but inside a doubled letter ("Haddad", "Hadbdad" unfold the "dd": two apart)."""
    at = 1 + at % len(family)
    assume(family[at - 1 : at + 1] != family[at - 1] * 2)
    assert _meet(f"{first} {family}", f"{first} {family[:at]}{letter}{family[at:]}")


@given(st.text("bdfklmnrst", min_size=1, max_size=12))
def test_deletions_are_one_letter_shorter_and_bounded(key):
    found = deletions(key)
    assert all(len(d) == len(key) - 1 and _subsequence(d, key) for d in found)
    assert len(found) <= MAX_EDIT_LENGTH


def _subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(ch in letters for ch in short)
