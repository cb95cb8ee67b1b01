"""Spelling variants the demo generator needs (pure, table driven).

These are the romanisations officials of different countries produce for the same name:
Russian passports (ICAO Doc 9303), English-language press (BGN/PCGN style), French and
German consular practice, and Uzbek Latin. They serve to make the synthetic data look like
the real spread of spellings; the matching engine has its own transliteration.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

_BASE = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "з": "z",
    "и": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "ы": "y",
    "ь": "",
    "ъ": "",
    "э": "e",
    "ҳ": "kh",
    "қ": "k",
    "ғ": "g",
    "ӯ": "u",
    "ӣ": "i",
    "ҷ": "dzh",
    "ў": "u",
}

ICAO = _BASE | {
    "ё": "e",
    "ж": "zh",
    "й": "i",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ю": "iu",
    "я": "ia",
}
ENGLISH = ICAO | {"ё": "yo", "й": "y", "ю": "yu", "я": "ya", "ҷ": "j", "ҳ": "h", "ғ": "gh"}
FRENCH = ICAO | {
    "ж": "j",
    "ч": "tch",
    "ш": "ch",
    "щ": "chtch",
    "у": "ou",
    "ӯ": "ou",
    "ў": "ou",
    "ю": "iou",
    "ё": "io",
    "ҷ": "dj",
}
GERMAN = ICAO | {
    "в": "w",
    "ж": "sch",
    "з": "s",
    "й": "j",
    "х": "ch",
    "ҳ": "ch",
    "ц": "z",
    "ч": "tsch",
    "ш": "sch",
    "щ": "schtsch",
    "ю": "ju",
    "я": "ja",
    "ё": "jo",
    "ҷ": "dsch",
}
UZBEK = ENGLISH | {
    "ж": "j",
    "х": "x",
    "ҳ": "h",
    "қ": "q",
    "ғ": "gʻ",
    "ў": "oʻ",
    "ц": "s",
    "й": "y",
    "е": "e",
}
TAJIK = ENGLISH | {"ҳ": "h", "қ": "q", "ғ": "gh", "ӯ": "u", "ӣ": "i", "ҷ": "j"}

# Where a vowel letter after a vowel or at the start of a word gets a glide.
_GLIDE = {"е": {"english": "ye", "german": "je", "uzbek": "ye", "tajik": "ye"}}
_VOWELS = frozenset("аеёиоуыэюяӯӣўьъ")
_DIGRAPHS = {"дж": {"french": "dj", "german": "dsch", "uzbek": "j", "tajik": "j"}}

SCHEMES: dict[str, dict[str, str]] = {
    "icao": ICAO,
    "english": ENGLISH,
    "french": FRENCH,
    "german": GERMAN,
    "uzbek": UZBEK,
    "tajik": TAJIK,
}


def cyrillic_to_latin(text: str, scheme: str) -> str:
    """Romanise Cyrillic ``text`` with one of ``SCHEMES``, keeping word capitals."""
    table = SCHEMES[scheme]
    out: list[str] = []
    lower = text.lower()
    i = 0
    while i < len(text):
        ch, low = text[i], lower[i]
        pair = lower[i : i + 2]
        if pair in _DIGRAPHS and scheme in _DIGRAPHS[pair]:
            piece, i = _DIGRAPHS[pair][scheme], i + 2
        else:
            prev = lower[i - 1] if i else " "
            glide = _GLIDE.get(low, {}).get(scheme)
            after_vowel = prev in _VOWELS or not prev.isalpha()
            piece = glide if glide and after_vowel else table.get(low, low)
            i += 1
        out.append(piece.capitalize() if ch != low and piece else piece)
    return "".join(out)


def cyrillic_variants(text: str, schemes: tuple[str, ...]) -> tuple[str, ...]:
    """One romanisation of ``text`` per scheme, in the order of ``schemes``.

    Repeats are kept so that the n-th spelling of every part of a name comes from the same
    scheme, as when one official romanises a whole name.
    """
    return tuple(cyrillic_to_latin(text, s) for s in schemes)


_FOLD_SPECIAL = str.maketrans({"ı": "i", "ß": "ss", "ʻ": "'", "æ": "ae", "œ": "oe", "ø": "o"})
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_TURKISH_EN = str.maketrans({"ş": "sh", "Ş": "Sh", "ç": "ch", "Ç": "Ch"})


def fold_ascii(text: str) -> str:
    """Drop diacritics the way a keyboard without them does: Müller → Muller."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def latin_variants(text: str) -> tuple[str, ...]:
    """A Latin name as written, without diacritics, and transcribed (Müller → Mueller)."""
    return unique(
        (
            text,
            fold_ascii(text),
            fold_ascii(text.translate(_UMLAUTS)),
            fold_ascii(text.translate(_TURKISH_EN)),
        )
    )


_SUN = ("Sh", "Th", "Dh", "T", "D", "R", "Z", "S", "N")


def article_forms(stem: str) -> tuple[str, ...]:
    """Spellings of an Arabic family name with the article: al-Shami, ash-Shami, Al Shami..."""
    forms = [f"al-{stem}", f"Al-{stem}", f"el-{stem}", f"Al {stem}"]
    if " " not in stem:
        forms.append(f"Al{stem.lower()}")
    for sun in _SUN:
        if stem.startswith(sun) and not stem[len(sun) : len(sun) + 1].isupper():
            forms.insert(2, f"a{sun.lower()}-{stem}")
            break
    return tuple(forms)


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """``items`` without repeats, first occurrence kept."""
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return tuple(seen)
