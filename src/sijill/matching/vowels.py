"""The vowels of a name's word: where they fall (shape) and which they are (slots) (pure).

Two words with one consonant key can still be two names, and the vowels tell them apart:

- the *shape* places consonants (C) and vowel slots (V): "Suleiman" CVCVCVC and "Salman"
  CVCCVC are two names with one key (slmn);
- the *slots* hold the vowel letters between consonants: "Hasan" (a, a) and "Husayn" (u, ay)
  share shape and key, but a diphthong is not a short "a".

Arabic script writes long vowels only (alef, waw, yaa) and no short ones, so a word read
from it (*defective*) fits a Latin word when every vowel it writes is there in the Latin
word, of its kind (yaa: i, e, y; waw: u, o, w), and every long vowel the Latin word writes
(ou, ee, ay, ...) is written in Arabic too: "محمود" (mhmud) is "Mahmoud", not "Muhammad";
"حسين" (hsin) is "Hussein", not "Hasan".
"""

from __future__ import annotations

import re
from typing import Final

from sijill.names.keys import key_symbols  # the key letters, "." for a vowel

_RUNS: Final = re.compile(r"[aeiouyw']+")
_DIPHTHONGS: Final = ("ai", "ay", "ei", "ey")
_SHORT: Final = frozenset("aeou")
# Latin spellings of a long vowel or diphthong: Arabic writes a letter for them. ("aa" is
# not one: it often stands for an ayn, "Sharaa", and parsing drops a final one.)
_LONG: Final = ("ee", "ii", "oo", "uu", "ou", "ai", "ay", "ei", "ey", "au", "aw")
# A vowel Arabic writes, and the Latin letters that can spell it.
_ARABIC_VOWELS: Final = (("iy", "iey"), ("uw", "uow"))


def shape(word: str, defective: bool = False) -> str:
    """Consonants (C) and vowel slots (V) of a Latin word: "suleiman" -> "CVCVCVC". A word
    read from Arabic keeps its first apostrophe (ayn, hamza): "'mr" (عمر) -> "VCC"."""
    symbols = key_symbols(word if defective else word.strip("'"))
    return "".join("V" if ch == "." else "C" for ch in symbols)


def slots(word: str, word_shape: str, defective: bool = False) -> tuple[str, ...]:
    """The vowel letters between consonants, one entry per slot of the shape ("" where there
    is none): "husayn", CVCVC -> ("", "u", "ay"...). Empty when the letters cannot be placed
    (a "w" or "y" read as a consonant in one place and a vowel in another)."""
    text = word if defective else word.strip("'")
    if text.startswith("y"):
        text = "Y" + text[1:]  # a first "y" is a consonant
    runs = _RUNS.findall(text)
    if len(runs) != word_shape.count("V"):
        return ()
    found = iter(runs)
    return tuple(next(found) if slot else "" for slot in word_shape.split("C"))


def _long(run: str) -> bool:
    return any(mark in run for mark in _LONG)


def _fits(written: str, latin: str) -> bool:
    """An Arabic vowel slot and a Latin one: yaa wants i, e or y; waw wants u, o or w."""
    for arabic, spellings in _ARABIC_VOWELS:
        if any(ch in written for ch in arabic) and not any(ch in latin for ch in spellings):
            return False
    return True


def compatible_shapes(
    defective: str, full: str, slots_d: tuple[str, ...] = (), slots_f: tuple[str, ...] = ()
) -> bool:
    """True when a word written without short vowels fits a fully written one: both start
    with a vowel or both with a consonant (Arabic writes a first vowel: "myad" is not "Amid");
    every vowel slot it writes is a vowel slot of the other, of its kind; and every long vowel
    of the other is written."""
    parts_d, parts_f = defective.split("C"), full.split("C")
    if len(parts_d) != len(parts_f):
        return True  # consonant counts differ ("x" = "ks"): the shape cannot tell
    if bool(parts_d[0]) != bool(parts_f[0]):
        return False
    if not all(f or not d for d, f in zip(parts_d, parts_f, strict=True)):
        return False
    if len(slots_d) != len(parts_d) or len(slots_f) != len(parts_f):
        return True  # the letters could not be placed: the shape is all we know
    for d, f in zip(slots_d, slots_f, strict=True):
        if (d and not _fits(d, f)) or (_long(f) and not d):
            return False
    return True


def diphthong_clash(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    """Two fully written words of one shape where one has a diphthong and the other a
    short vowel in its place: "Husayn" and "Hasan", "Ayman" and "Amin". A long "i" fits a
    diphthong ("Shaibani", "Shibani")."""
    if len(x) != len(y):
        return False
    for a, b in zip(x, y, strict=True):
        dip_a = any(d in a for d in _DIPHTHONGS)
        dip_b = any(d in b for d in _DIPHTHONGS)
        if dip_a != dip_b and (b if dip_a else a) in _SHORT:
            return True
    return False
