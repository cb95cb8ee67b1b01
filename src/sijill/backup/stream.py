"""The encrypted backup stream (pure): AES-256-GCM over chunks of at most 64 KiB, in the
STREAM construction, so a backup is written and read without holding it in memory, and any
changed, reordered, removed or truncated chunk is detected.

File: ``MAGIC`` (14 bytes), a random 8-byte nonce prefix, then frames of
``[final: 1 byte][length: 4 bytes, big-endian][ciphertext + 16-byte tag]``. Chunk ``i`` is
sealed with nonce ``prefix || i`` (4 bytes, big-endian) and associated data
``MAGIC || prefix || final``; the last frame has ``final = 1``.
"""

from __future__ import annotations

import base64
import os
import struct
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"SIJILL-BACKUP\x01"
CHUNK = 64 * 1024
KEY_BYTES = 32
_FRAME = struct.Struct(">BI")


class BackupDamaged(ValueError):
    """The backup cannot be read: wrong key, changed, truncated, or not a Sijill backup."""


def new_key() -> str:
    """A new backup key, as the text kept in a key file (base64 of 32 random bytes)."""
    return base64.b64encode(os.urandom(KEY_BYTES)).decode()


def parse_key(text: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise ValueError("a backup key is 32 bytes in base64 (make one with sijill backup keygen)")
    return key


class Encryptor:
    """Write plaintext in; sealed frames go out to ``out``. ``close()`` seals the last frame."""

    def __init__(self, out: BinaryIO, key: bytes) -> None:
        self._out = out
        self._aead = AESGCM(key)
        self._prefix = os.urandom(8)
        self._counter = 0
        self._buffer = bytearray()
        out.write(MAGIC + self._prefix)

    def write(self, data: bytes) -> None:
        self._buffer += data
        while len(self._buffer) > CHUNK:
            self._seal(bytes(self._buffer[:CHUNK]), final=False)
            del self._buffer[:CHUNK]

    def close(self) -> None:
        self._seal(bytes(self._buffer), final=True)
        self._buffer.clear()

    def _seal(self, chunk: bytes, final: bool) -> None:
        nonce = self._prefix + struct.pack(">I", self._counter)
        sealed = self._aead.encrypt(nonce, chunk, MAGIC + self._prefix + bytes([final]))
        self._out.write(_FRAME.pack(int(final), len(sealed)) + sealed)
        self._counter += 1


def _read_exactly(src: BinaryIO, size: int) -> bytes:
    data = src.read(size)
    if len(data) != size:
        raise BackupDamaged("The backup is truncated.")
    return data


def decrypt(src: BinaryIO, key: bytes) -> Iterator[bytes]:
    """The plaintext chunks of a backup, each checked before it is given out."""
    head = src.read(len(MAGIC) + 8)
    if not head.startswith(MAGIC) or len(head) != len(MAGIC) + 8:
        raise BackupDamaged("This is not a Sijill backup.")
    prefix = head[len(MAGIC) :]
    aead = AESGCM(key)
    for counter in range(2**32):
        final, length = _FRAME.unpack(_read_exactly(src, _FRAME.size))
        if final > 1 or length > CHUNK + 16:
            raise BackupDamaged("The backup is damaged.")
        nonce = prefix + struct.pack(">I", counter)
        try:
            chunk = aead.decrypt(nonce, _read_exactly(src, length), MAGIC + prefix + bytes([final]))
        except InvalidTag:
            raise BackupDamaged("The backup is damaged, or the key is not its key.") from None
        yield chunk
        if final:
            if src.read(1):
                raise BackupDamaged("The backup has data after its end.")
            return
    raise BackupDamaged("The backup is too long.")
