"""Which writing system a name is in, and folding of look-alike letters (pure).

Script detection uses rigour's Unicode script property (``rigour.text.scripts.text_scripts``).
Beyond rigour: the folding of Cyrillic and Greek look-alikes inside a Latin name
("Аhmad" with a Cyrillic "А"), which rigour does not do, and the narrowing of the
answer to the scripts Sijill handles.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final, Literal

from rigour.text.scripts import text_scripts

Script = Literal["Latin", "Arabic", "Cyrillic", "Greek", "Han", "Mixed", "Unknown"]

_KNOWN: Final[frozenset[str]] = frozenset({"Latin", "Arabic", "Cyrillic", "Greek", "Han"})

# Cyrillic and Greek letters that look like a Latin letter, by case: lower-case "н" does not
# look like "h" but upper-case "Н" looks like "H". Whenever a lower-case letter is here, so
# is its capital, so folding before or after case-folding gives the same words.
CONFUSABLES: Final[dict[str, str]] = {
    # Cyrillic lower case
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    # Cyrillic upper case
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "Һ": "H",
    "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I", "Ԁ": "D",
    # Greek
    "α": "a", "ο": "o", "ι": "i", "κ": "k", "ν": "v", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x", "ϲ": "c", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I",
    "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    "Ϲ": "C",
}  # fmt: skip
_CONFUSABLE_TABLE: Final = str.maketrans(CONFUSABLES)
_WORDS = re.compile(r"(\s+)")


def char_script(ch: str) -> str:
    """A cheap script class for one character: Latin, Cyrillic, Greek, Arabic or Other."""
    cp = ord(ch)
    if cp < 0x80:
        return "Latin" if ch.isalpha() else "Other"
    if 0x00C0 <= cp <= 0x024F or 0x1E00 <= cp <= 0x1EFF:
        return "Latin" if ch.isalpha() else "Other"
    if 0x0400 <= cp <= 0x052F or 0x1C80 <= cp <= 0x1C8F or 0xA640 <= cp <= 0xA69F:
        return "Cyrillic"
    if 0x0370 <= cp <= 0x03FF or 0x1F00 <= cp <= 0x1FFF:
        return "Greek"
    if 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0x08A0 <= cp <= 0x08FF:
        return "Arabic"
    if 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
        return "Arabic"
    return "Other"


@lru_cache(maxsize=8192)
def detect_script(text: str) -> Script:
    """The script of the letters in ``text``.

    "Mixed" when letters of two or more scripts occur (a Latin name with a Cyrillic look-alike
    letter is Mixed: detection looks at the text as written); "Unknown" when there are no
    letters or the only script is one Sijill does not handle (Hangul, Devanagari, ...).
    Digits, punctuation and combining marks do not count.
    """
    if text.isascii():
        return "Latin" if any(ch.isalpha() for ch in text) else "Unknown"
    found = text_scripts(text)
    if len(found) > 1:
        return "Mixed"
    if not found:
        return "Unknown"
    (script,) = found
    if script in _KNOWN:
        return script  # type: ignore[return-value]
    return "Unknown"


def _letter_profile(word: str) -> tuple[bool, bool]:
    """(has a Latin letter, every Cyrillic/Greek letter of it is a look-alike)."""
    has_latin = False
    all_confusable = True
    for ch in word:
        script = char_script(ch)
        if script == "Latin":
            has_latin = True
        elif script in ("Cyrillic", "Greek") and ch.isalpha() and ch not in CONFUSABLES:
            all_confusable = False
    return has_latin, all_confusable


@lru_cache(maxsize=8192)
def confusable_fold(text: str) -> str:
    """Replace Cyrillic and Greek look-alike letters with Latin ones inside Latin words.

    A word is folded when it has a Latin letter and all its Cyrillic/Greek letters are
    look-alikes ("Аhmаd" -> "Ahmad"). A word with no Latin letter is folded too when the text
    has Latin words and every Cyrillic/Greek letter of the whole text is a look-alike
    ("Ahmad АВАС"). Genuine Cyrillic or Greek words ("Тархан") are left alone.
    """
    if text.isascii():
        return text
    parts = _WORDS.split(text)
    profiles = [_letter_profile(part) for part in parts]
    text_is_latin = any(latin for latin, _ in profiles) and all(ok for _, ok in profiles)
    out: list[str] = []
    for part, (has_latin, all_confusable) in zip(parts, profiles, strict=True):
        if all_confusable and (has_latin or text_is_latin):
            part = part.translate(_CONFUSABLE_TABLE)
        out.append(part)
    return "".join(out)
