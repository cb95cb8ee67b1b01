"""Properties of the names package over generated text (hypothesis)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.names import keys, parse, translit
from sijill.names.keys import name_keys, search_keys
from sijill.names.normalise import find_unsafe_characters, normalise, tokens
from sijill.names.scripts import detect_script
from sijill.names.translit import to_latin

pytestmark = pytest.mark.unit

SETTINGS = settings(database=None, deadline=None, max_examples=300)

# Letters from the scripts names come in, look-alikes, marks, controls and punctuation.
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZİıüşçğəé"
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويأإآةىئؤءـپچژگکیۇۆۈۋېەھڭ"
    "абвгдежзийклмнопрстуфхцчшщъыьэюяАВЕКМНОРСТХЙқғҳҷӣӯўӏ"
    "αβγδεΑΒΕΗΙΚΜΝΟΡΤΧ"
    "\u064e\u0650\u0651\u0301\u0307\u200b\u200c\u200d\u202e\u2067\u061c\ufeff\t\n"
    " -'’,.()0123456789٠١٢"
)
names = st.text(alphabet=ALPHABET, max_size=40)
# Without Cyrillic and Greek, whose look-alikes depend on case ("В" looks like "B", "в" not).
latin_arabic = st.text(alphabet=re.sub("[\u0370-\u052f]", "", ALPHABET), max_size=40)
any_text = st.text(max_size=40)


@SETTINGS
@given(st.one_of(names, any_text))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@SETTINGS
@given(st.one_of(names, any_text))
def test_no_unsafe_character_survives_normalise(text: str) -> None:
    assert find_unsafe_characters(normalise(text)) == []


@SETTINGS
@given(st.one_of(names, any_text))
def test_tokens_are_words_of_the_normal_form(text: str) -> None:
    found = tokens(text)
    assert set(found) <= set(normalise(text).split())
    assert len(found) == len(set(found))


@SETTINGS
@given(st.from_regex(r"[b-df-z]{1,4}a[a-z]{0,6}", fullmatch=True), st.data())
def test_cyrillic_a_in_a_latin_word_folds(word: str, data: st.DataObject) -> None:
    positions = [i for i, ch in enumerate(word) if ch == "a"]
    chosen = data.draw(st.sets(st.sampled_from(positions), min_size=1))
    spoofed = "".join("а" if i in chosen else ch for i, ch in enumerate(word))
    assert normalise(spoofed) == normalise(word)
    assert normalise(spoofed.capitalize()) == normalise(word)


@SETTINGS
@given(st.one_of(names, any_text))
def test_search_keys_are_deterministic(text: str) -> None:
    first = search_keys(text)
    caches = (keys._search_keys, keys._search_key_groups, keys.word_keys, keys.part_keys)
    for cache in (*caches, parse.parse_arabic_name):
        cache.cache_clear()
    translit.to_latin.cache_clear()
    assert search_keys(text) == first
    assert len(first) == len(set(first))
    assert set(first) <= name_keys(text)


@SETTINGS
@given(st.one_of(names, any_text))
def test_to_latin_is_plain_lower_case_latin(text: str) -> None:
    assert re.fullmatch(r"[a-z0-9'\- ]*", to_latin(text))


@SETTINGS
@given(st.one_of(names, any_text))
def test_detect_script_answers_a_known_script(text: str) -> None:
    assert detect_script(text) in {
        "Latin", "Arabic", "Cyrillic", "Greek", "Han", "Mixed", "Unknown"
    }  # fmt: skip


@SETTINGS
@given(latin_arabic)
def test_keys_do_not_depend_on_case_or_spacing(text: str) -> None:
    def words(text: str) -> list[str]:  # acronym keys depend on capitals on purpose
        return [key for key in search_keys(text) if not key.startswith("#")]

    assert words(text.upper()) == words(f"  {text.lower()} ")
