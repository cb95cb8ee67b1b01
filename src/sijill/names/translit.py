"""Transliteration of names to a comparable lower-case Latin form (pure).

The output is not a pretty romanisation: it is the form that ``keys`` reduces to keys, so it
keeps what helps comparison ("'" for ayn and hamza, "al-" for the article, "kh", "sh", "gh")
and invents nothing (Arabic short vowels are not written, so "أحمد" gives "ahmd").

Beyond rigour and normality: rigour's ``ascii_text`` turns Arabic into "ahmd alshr?" (ayn
lost, article glued, Persian and Uyghur letters unknown) and reads Cyrillic with Russian
values only. Here Arabic (with Persian, Urdu, Kurdish and Uyghur letters) is read letter by
letter with the article, "Abd al-" compounds and the consonant or vowel value of waw and yaa
decided from context; Cyrillic is read with Russian, Tajik, Uzbek, Kazakh and Chechen letters
(palochka and its Latin stand-ins "I", "l", "1"); Latin letters that stand for two sounds
(Turkish ş, ç; Azerbaijani ə, x) are expanded. Other scripts go through rigour's
``ascii_text``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

from rigour.text.translit import ascii_text

from sijill.names.normalise import APOSTROPHES
from sijill.names.scripts import char_script, confusable_fold

_ARABIC: Final[dict[str, str]] = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ٲ": "a", "ٳ": "i", "ء": "'",
    "ؤ": "'", "ئ": "'", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh",
    "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d",
    "ط": "t", "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l",
    "م": "m", "ن": "n", "ه": "h", "ى": "a", "ة": "a",
    # Persian, Urdu, Kurdish, Uyghur, Maghrebi
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k", "ڪ": "k", "ڤ": "v", "ڨ": "g",
    "ڧ": "q", "ڭ": "ng", "ۇ": "u", "ۆ": "o", "ۈ": "u", "ۉ": "u", "ۋ": "w", "ې": "e",
    "ە": "e", "ۀ": "e", "ھ": "h", "ہ": "h", "ۃ": "a", "ٹ": "t", "ڈ": "d", "ڑ": "r",
    "ں": "n", "ے": "e", "ۓ": "e", "ڵ": "l", "ڕ": "r", "ێ": "e",
}  # fmt: skip
_WAW: Final = frozenset("و")
_YAA: Final = frozenset("يی")
_LONG_A: Final = frozenset("اىآة")
# Letters that read otherwise inside a word: taa marbuta (t), alef maqsura (Uyghur i).
_FINAL_ONLY: Final[dict[str, str]] = {"ة": "t", "ى": "i"}
# Harakat, Quranic marks, superscript alef and tatweel: not letters of a name.
_ARABIC_MARKS: Final = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Words that start with "ال" where it is not the article.
_NOT_ARTICLE: Final[dict[str, str]] = {
    "الله": "allah", "الياس": "ilyas", "إلياس": "ilyas", "الهام": "ilham", "إلهام": "ilham",
    "اليسع": "alyasa'", "الفت": "ulfat",
}  # fmt: skip

_CYRILLIC_PAIRS: Final[dict[str, str]] = {
    "кх": "q", "къ": "q", "гӏ": "gh", "хь": "h", "хӏ": "h", "кӏ": "k", "пӏ": "p",
    "тӏ": "t", "цӏ": "ts", "чӏ": "ch", "аь": "a", "оь": "o", "уь": "u", "юь": "yu",
    "яь": "ya",
}  # fmt: skip
_CYRILLIC: Final[dict[str, str]] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ӏ": "",
    # Tajik, Uzbek, Kazakh, Kyrgyz, Tatar, Bashkir, Ukrainian, Serbian, Macedonian
    "ғ": "gh", "ӣ": "i", "қ": "q", "ӯ": "u", "ҳ": "h", "ҷ": "j", "ў": "o", "ә": "a",
    "ө": "o", "ү": "u", "ұ": "u", "ң": "ng", "і": "i", "һ": "h", "җ": "j", "ҡ": "q",
    "ҙ": "z", "ҫ": "s", "ӊ": "ng", "є": "ye", "ї": "yi", "ґ": "g", "ђ": "dj", "ј": "j",
    "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dzh", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}  # fmt: skip
# Chechen writes the palochka with look-alikes when the letter is not on the keyboard.
_PALOCHKA_STAND_INS: Final = str.maketrans({"i": "ӏ", "l": "ӏ", "1": "ӏ"})

_LATIN_EXPAND: Final[dict[str, str]] = {
    "ş": "sh", "ș": "sh", "ç": "ch", "ğ": "g", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe",
    "ø": "o", "þ": "th", "ð": "dh", "đ": "dj", "ł": "l", "ħ": "h", "ŋ": "ng", "ə": "a",
}  # fmt: skip
_LATIN_TABLE: Final = str.maketrans(_LATIN_EXPAND)
_FALSE_DIGRAPHS: Final = frozenset({"th", "dh", "sh", "kh", "gh", "zh", "ch", "ph", "dj", "ou"})
_NOT_OUTPUT: Final = re.compile(r"[^a-z0-9'\- ]+")
_UNSAFE_CATEGORIES: Final = frozenset({"Cc", "Cf", "Co", "Cs"})


def _waw(nxt: str, first: bool) -> str:
    """Waw is a consonant at the start of a word or before a long vowel, else a vowel."""
    return "w" if first or nxt in _LONG_A or nxt in _YAA else "u"


def _yaa(nxt: str, first: bool) -> str:
    """Yaa is a consonant at the start of a word or before a long vowel, else a vowel."""
    return "y" if first or nxt in _LONG_A or nxt in _WAW else "i"


def _needs_break(before: str, after: str) -> bool:
    """True when two letters' Latin forms would read as one digraph ("t" + "h": "th")."""
    if not before or not after:
        return False
    joint = before[-1] + after[:2]
    return joint[:2] in _FALSE_DIGRAPHS or joint in ("sch", "tch", "dzh")


def _join_letters(letters: list[str]) -> str:
    """Concatenate, with "'" where adjacent letters would form a digraph ("Is'haq")."""
    out: list[str] = []
    before = ""
    for letter in letters:
        if _needs_break(before, letter):
            out.append("'")
        out.append(letter)
        before = letter or before
    return "".join(out)


def _arabic_letters(word: str) -> str:
    out: list[str] = []
    last = len(word) - 1
    for i, ch in enumerate(word):
        nxt = word[i + 1] if i < last else ""
        if ch in _WAW:
            out.append(_waw(nxt, i == 0))
        elif ch in _YAA:
            out.append(_yaa(nxt, i == 0))
        elif ch == "ئ" and i == 0:
            continue  # Uyghur: a hamza seat carrying a word-initial vowel
        elif ch in _FINAL_ONLY and i < last:
            out.append(_FINAL_ONLY[ch])
        elif ch in _ARABIC:
            out.append(_ARABIC[ch])
        elif ch.isdecimal():
            out.append(str(unicodedata.decimal(ch)))
        else:
            out.append(ascii_text(ch).lower())
    return _join_letters(out)


def _arabic_word(word: str) -> str:
    word = _ARABIC_MARKS.sub("", word)
    if word in _NOT_ARTICLE:
        return _NOT_ARTICLE[word]
    if word.startswith("عبدال") and len(word) > 5:
        rest = word[5:]
        return "'bd allah" if rest == "له" else "'bd al-" + _arabic_letters(rest)
    if word.startswith("ال") and len(word) > 3:
        return "al-" + _arabic_letters(word[2:])
    return _arabic_letters(word)


def _cyrillic_word(word: str) -> str:
    word = word.translate(_PALOCHKA_STAND_INS)
    out: list[str] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _CYRILLIC_PAIRS:
            out.append(_CYRILLIC_PAIRS[pair])
            i += 2
            continue
        ch = word[i]
        if ch in _CYRILLIC:
            out.append(_CYRILLIC[ch])
        else:
            out.append(_latin_word(ch))
        i += 1
    return "".join(out)


def _latin_word(word: str) -> str:
    if "ə" in word:  # Azerbaijani: x is kh, as in "Xəlil" = Khalil
        word = word.replace("x", "kh")
    word = word.translate(_LATIN_TABLE)
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    word = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return word if word.isascii() else ascii_text(word).lower()


@lru_cache(maxsize=65536)
def _word_to_latin(word: str) -> str:
    if word.isascii():
        return word
    scripts = {char_script(ch) for ch in word if ch.isalpha()}
    if "Arabic" in scripts:
        return _arabic_word(word)
    if "Cyrillic" in scripts:
        return _cyrillic_word(word)
    return _latin_word(word)


def _prepare(text: str) -> str:
    """NFKC, unsafe characters dropped, look-alikes folded, case-folded, apostrophes unified."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = "".join(
            " " if ch.isspace() else ch
            for ch in text
            if unicodedata.category(ch) not in _UNSAFE_CATEGORIES or ch.isspace()
        )
        text = "".join("'" if ch in APOSTROPHES else ch for ch in confusable_fold(text))
    return text.casefold()


@lru_cache(maxsize=16384)
def to_latin(text: str) -> str:
    """A lower-case Latin form of a name in Arabic, Cyrillic, Latin or another script.

    "أحمد الشرع" -> "ahmd al-shr'", "Тархан Батирашвили" -> "tarkhan batirashvili",
    "Hüseyin" -> "huseyin", "Şahin" -> "shahin". The result holds only a-z, 0-9, "'", "-"
    and single spaces.
    """
    words = [_word_to_latin(word) for word in _prepare(text).split()]
    cleaned = _NOT_OUTPUT.sub(" ", " ".join(words))
    return " ".join(word.strip("-") for word in cleaned.split() if word.strip("-'"))
