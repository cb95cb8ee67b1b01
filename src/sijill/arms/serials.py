"""Serial numbers as read and as compared (pure).

A serial is read off worn metal, often by hand, in several scripts: "AK-47 No. 1O2345",
"1023 45" and "١٠٢٣٤٥" are the same serial. ``normalise`` keeps what identifies it:

- any decimal digit (Arabic-Indic, Persian...) becomes its ASCII digit; letters are upper case;
- a leading model ("AK-47") and serial marker ("No.", "№", "S/N", "Serial") are dropped;
- letters that are misread for digits are folded onto them: O/Q/D->0, I/L->1, Z->2, S->5,
  G->6, B->8;
- spaces, dashes, dots and slashes are dropped.

What was read is stored too: the key is for comparison only.
"""

from __future__ import annotations

import re
import unicodedata

FOLD = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "Z": "2",
                      "S": "5", "G": "6", "B": "8"})  # fmt: skip

# A marker that introduces the serial: what follows it is the serial.
_MARKER = re.compile(
    r"(?:^|(?<=[\s\-/.,:;]))(?:(?:N[O0]|NR|SN|S/N|SER|SERIAL)[\s.:#\-]+|[№#][\s.:\-]*)", re.I
)
_SEPARATORS = re.compile(r"[\W_]+")


def _ascii_digits(text: str) -> str:
    out = []
    for char in text:
        digit = unicodedata.digit(char, None)
        out.append(str(digit) if digit is not None and unicodedata.category(char) == "Nd" else char)
    return "".join(out)


def _strip_model(text: str, model: str | None) -> str:
    if not model:
        return text
    key = _SEPARATORS.sub("", model.upper())
    squeezed = _SEPARATORS.sub("", text)
    if key and squeezed.startswith(key) and len(squeezed) > len(key):
        # drop the characters of the model, whatever separators were read between them
        kept, seen = [], 0
        for char in text:
            if seen < len(key) and _SEPARATORS.fullmatch(char) is None:
                seen += 1
                continue
            if seen >= len(key):
                kept.append(char)
        return "".join(kept)
    return text


def normalise(serial: str, model: str | None = None) -> str:
    """The comparison key of a serial read as ``serial`` on a weapon of ``model``."""
    # NFKC would turn "№" into "No", which could then run into the serial ("№0" -> "NO0")
    text = unicodedata.normalize("NFKC", serial.replace("№", " # "))
    text = _ascii_digits(text).upper().strip()
    markers = list(_MARKER.finditer(text))
    if markers:
        text = text[markers[-1].end() :]
    text = _strip_model(text, model)
    return _SEPARATORS.sub("", text).translate(FOLD)


def same_serial(a: str, b: str, model_a: str | None = None, model_b: str | None = None) -> bool:
    """Whether two readings are the same serial (an empty key matches nothing)."""
    key = normalise(a, model_a)
    return bool(key) and key == normalise(b, model_b)
