"""Vowel shapes and slots: what tells two names with one consonant key apart."""

from __future__ import annotations

import pytest

from sijill.matching.vowels import compatible_shapes, diphthong_clash, shape, slots

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("word", "defective", "expected"),
    [
        ("husayn", False, ("", "u", "ay", "")),
        ("hasan", False, ("", "a", "a", "")),
        ("yusuf", False, ("", "u", "u", "")),  # a first "y" is a consonant
        ("tawhid", False, ("", "aw", "i", "")),
        ("mhmud", True, ("", "", "", "u", "")),
        ("'mr", True, ("'", "", "")),
    ],
)
def test_slots(word: str, defective: bool, expected: tuple[str, ...]) -> None:
    assert slots(word, shape(word, defective), defective) == expected


def test_slots_unknown_when_letters_cannot_be_placed() -> None:
    assert slots("hasan", "CVC") == ()  # two vowel runs, one slot


@pytest.mark.parametrize(
    ("arabic", "latin", "fits"),
    [
        ("hsin", "hussein", True),
        ("hsin", "husayn", True),
        ("hsin", "hasan", False),  # yaa where Latin has a short "a"
        ("mhmud", "mahmoud", True),
        ("mhmud", "muhammad", False),  # waw where Latin has a short "a"
        ("mhmd", "mahmoud", False),  # "ou" is a long vowel Arabic would write
        ("mhmd", "muhammad", True),
        ("tuhid", "tawhid", True),
    ],
)
def test_compatible_vowels(arabic: str, latin: str, fits: bool) -> None:
    d, f = shape(arabic, True), shape(latin)
    assert compatible_shapes(d, f, slots(arabic, d, True), slots(latin, f)) is fits


@pytest.mark.parametrize(
    ("x", "y", "clash"),
    [
        ("husayn", "hasan", True),
        ("ayman", "amin", True),
        ("husayn", "hussein", False),
        ("shaibani", "shibani", False),  # a long "i" fits a diphthong
        ("zaidan", "zeidan", False),
    ],
)
def test_diphthong_clash(x: str, y: str, clash: bool) -> None:
    assert diphthong_clash(slots(x, shape(x)), slots(y, shape(y))) is clash
