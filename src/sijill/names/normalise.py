"""Unicode-safe normalisation of names for comparison and search (pure).

``normalise`` keeps the script of the text (no transliteration: see ``translit``). It goes
beyond rigour's ``normalize_name`` (case-fold and tokenise) in: Arabic letter-variant folding
(alef forms, taa marbuta, alef maqsura, hamza carriers, tatweel), Persian/Uyghur/Urdu letter
variants, Arabic-Indic digits, Turkish dotless i, apostrophes (ayn and hamza marks: "As'ad"
stays one word), Cyrillic letters that are letters in their own right (й, ў) kept, and
look-alike Cyrillic/Greek letters in a Latin word folded (``scripts.confusable_fold``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

from sijill.names.scripts import confusable_fold

# Characters that can hide or reorder text: bidi controls, zero-width characters.
_BIDI_CONTROLS: Final = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_ZERO_WIDTH: Final = frozenset("\u200b\u200c\u200d\u2060\ufeff\u180e")

# Marks written for ayn, hamza or elision: removed without splitting the word.
APOSTROPHES: Final = frozenset("'`´‘’‛ʹʻʼʽʾʿˈˊˋ′")

# Letter variants folded to one letter. Hamza carriers and madda decompose (NFKD) to their
# base letter plus a combining mark, which is then stripped.
_LETTER_FOLD: Final[dict[str, str]] = {
    "ة": "ه", "ى": "ي", "ـ": "", "ء": "", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    # Persian, Urdu, Uyghur, Kurdish, Sindhi
    "ک": "ك", "ڪ": "ك", "ی": "ي", "ې": "ي", "ێ": "ي", "ۍ": "ي", "ے": "ي",
    "ە": "ه", "ہ": "ه", "ھ": "ه", "ۀ": "ه", "ۂ": "ه", "ۃ": "ه",
    "ۇ": "و", "ۆ": "و", "ۈ": "و", "ۋ": "و", "ۉ": "و", "ۏ": "و",
    # Turkish dotless i (dotted capital İ case-folds to i + combining dot, then stripped)
    "ı": "i",
}  # fmt: skip

_MARKS: Final = frozenset({"Mn", "Mc", "Me"})

# Letters kept whole although they decompose: distinct letters of Cyrillic alphabets.
_KEEP: Final = frozenset("йўӣӯЙЎӢӮ")


_ZWNJ: Final = "\u200c"


def _arabic_letter(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" and unicodedata.category(ch) == "Lo"


def _persian_zwnj(text: str, i: int) -> bool:
    """A zero-width non-joiner between two Arabic-script letters: Persian spelling needs it
    ("محمد\u200cحسین"); anywhere else it only hides a break."""
    return 0 < i < len(text) - 1 and _arabic_letter(text[i - 1]) and _arabic_letter(text[i + 1])


def find_unsafe_characters(text: str) -> list[str]:
    """Describe each control, bidi or zero-width character in ``text`` (empty if none).
    A zero-width non-joiner between two Arabic-script letters is Persian spelling, not unsafe."""
    found: list[str] = []
    for i, ch in enumerate(text):
        if ch in _BIDI_CONTROLS:
            found.append(f"bidi control U+{ord(ch):04X}")
        elif ch == _ZWNJ and _persian_zwnj(text, i):
            continue
        elif ch in _ZERO_WIDTH:
            found.append(f"zero-width character U+{ord(ch):04X}")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") and ch not in "\t":
            found.append(f"control character U+{ord(ch):04X}")
    return found


def _fold_char(ch: str) -> str:
    """The normalised form of one character (letters, digits or a space), case kept."""
    if ch in _KEEP:
        return ch
    if ch in APOSTROPHES:
        return ""
    if ch in _LETTER_FOLD:
        return _LETTER_FOLD[ch]
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf", "Co", "Cs", "Cn"):
        return " " if ch.isspace() else ""
    out: list[str] = []
    for part in unicodedata.normalize("NFKD", ch):
        if unicodedata.category(part) in _MARKS:
            continue
        if part.isdecimal():
            out.append(str(unicodedata.decimal(part)))
        elif part.isalnum():
            out.append(_LETTER_FOLD.get(part, part))
        else:
            out.append(" ")
    return "".join(out)


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table filled on first sight of each character."""

    def __missing__(self, key: int) -> str:
        value = _fold_char(chr(key))
        self[key] = value
        return value


_TABLE: Final = _FoldTable()
_INITIAL_HAMZA_SEAT: Final = re.compile(r"(?<![^\W\d_])ئ")


@lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """A comparable form: NFKC, case-folded, no diacritics, Arabic letter variants folded.

    Look-alike Cyrillic/Greek letters in Latin words become Latin, control, bidi and
    zero-width characters are dropped, apostrophes are removed, other punctuation separates
    words, and words are joined by single spaces. The script is otherwise kept.
    """
    text = unicodedata.normalize("NFKC", text)
    if "ئ" in text:  # Uyghur writes a word-initial vowel on a hamza seat: drop the seat
        text = _INITIAL_HAMZA_SEAT.sub("", text)
    text = text.translate(_TABLE)  # case kept: look-alikes are told apart by case ("Н")
    if text.isascii():
        return " ".join(text.casefold().split())
    text = confusable_fold(" ".join(text.split())).casefold()
    return " ".join(text.translate(_TABLE).split())  # case-folding adds marks: "İ" -> "i̇"


def tokens(text: str) -> list[str]:
    """Search tokens of a name: its normalised words, in order, without repeats."""
    return list(dict.fromkeys(normalise(text).split()))
