"""QR text of a signed document: base45(zlib(COSE_Sign1)), and the QR symbol (pure)."""

from __future__ import annotations

import zlib

import segno

from sijill.credentials import base45

MAX_INFLATED = 65536  # a document payload is a few hundred bytes; refuse zip bombs
ERROR_CORRECTION = "m"


class QrTextError(ValueError):
    """Text that is not base45 of a zlib stream."""


def to_text(cose: bytes) -> str:
    return base45.encode(zlib.compress(cose, 9))


def from_text(text: str) -> bytes:
    """The COSE bytes inside a QR text (an ``HC1:``-style prefix is not used by Claim 169)."""
    try:
        compressed = base45.decode(text.strip())
    except base45.Base45Error as exc:
        raise QrTextError(f"not base45: {exc}") from exc
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(compressed, MAX_INFLATED)
    except zlib.error as exc:
        raise QrTextError("not a zlib stream") from exc
    if inflater.unconsumed_tail:
        raise QrTextError(f"inflates to more than {MAX_INFLATED} bytes")
    if not inflater.eof:
        raise QrTextError("a truncated zlib stream")
    return data


def symbol(text: str) -> segno.QRCode:
    """The QR code, alphanumeric mode, error correction M (not boosted, so it is stable)."""
    return segno.make_qr(text, error=ERROR_CORRECTION, boost_error=False)


def version(text: str) -> int:
    value = symbol(text).version
    assert isinstance(value, int)
    return value
