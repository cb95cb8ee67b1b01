"""Base45 (RFC 9285), the QR alphanumeric-mode encoding of bytes (pure).

Two bytes become three characters (least significant first), a last odd byte two. Both
directions work on whole arrays of 16-bit numbers rather than byte by byte: verifying a
document spends most of its Python time here (see docs/benchmarks.md).
"""

from __future__ import annotations

import struct
import sys
from array import array

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_INVALID = 0xFF
_VALUES = bytes(ALPHABET.index(chr(b)) if chr(b) in ALPHABET else _INVALID for b in range(256))
_TRIPLETS = [a + b + c for c in ALPHABET for b in ALPHABET for a in ALPHABET]


class Base45Error(ValueError):
    """Text that is not base45."""


def encode(data: bytes) -> str:
    even = len(data) // 2 * 2
    numbers = struct.unpack(f">{even // 2}H", data[:even])
    text = "".join([_TRIPLETS[n] for n in numbers])
    if len(data) % 2:
        text += _TRIPLETS[data[-1]][:2]
    return text


def _values(text: str) -> bytes:
    try:
        values = text.encode("ascii").translate(_VALUES)
    except UnicodeEncodeError:
        values = bytes([_INVALID])
    if _INVALID in values:
        bad = next(ch for ch in text if ch not in ALPHABET)
        raise Base45Error(f"{bad!r} is not a base45 character")
    return values


def decode(text: str) -> bytes:
    values = _values(text)
    if len(values) % 3 == 1:
        raise Base45Error("a base45 text cannot have a length of 3n+1")
    full = len(values) // 3 * 3
    firsts, seconds, thirds = values[0:full:3], values[1:full:3], values[2:full:3]
    numbers = [a + b * 45 + c * 2025 for a, b, c in zip(firsts, seconds, thirds, strict=True)]
    if numbers and max(numbers) > 0xFFFF:
        at = next(i for i, n in enumerate(numbers) if n > 0xFFFF) * 3
        raise Base45Error(f"the triplet {text[at : at + 3]!r} is over 65535")
    words = array("H", numbers)
    if sys.byteorder == "little":
        words.byteswap()
    out = words.tobytes()
    if full < len(values):
        last = values[full] + values[full + 1] * 45
        if last > 0xFF:
            raise Base45Error(f"the pair {text[full:]!r} is over 255")
        out += bytes([last])
    return out
