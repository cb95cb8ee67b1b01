"""The encrypted backup stream: it gives back exactly what was written, and refuses a
wrong key and any changed, truncated, reordered or extended file."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sijill.backup.stream import CHUNK, BackupDamaged, Encryptor, decrypt, new_key, parse_key

pytestmark = pytest.mark.unit

KEY = parse_key(new_key())


def sealed(parts: list[bytes], key: bytes = KEY) -> bytes:
    out = io.BytesIO()
    writer = Encryptor(out, key)
    for part in parts:
        writer.write(part)
    writer.close()
    return out.getvalue()


def opened(data: bytes, key: bytes = KEY) -> bytes:
    return b"".join(decrypt(io.BytesIO(data), key))


@given(st.lists(st.binary(max_size=3 * CHUNK // 2), max_size=5))
def test_round_trip(parts):
    assert opened(sealed(parts)) == b"".join(parts)


def test_large_input_is_cut_into_chunks():
    data = bytes(range(256)) * (5 * CHUNK // 256 + 7)
    blob = sealed([data])
    assert opened(blob) == data
    assert len(blob) < len(data) + 8 * 64  # a few bytes of framing per chunk


def test_a_wrong_key_is_refused():
    with pytest.raises(BackupDamaged, match="key is not its key"):
        opened(sealed([b"registry"]), parse_key(new_key()))


@pytest.mark.parametrize("position", [0, 14, 22, 23, 30, -1])
def test_any_changed_byte_is_detected(position):
    blob = bytearray(sealed([b"x" * (2 * CHUNK + 10)]))
    blob[position] ^= 0x01
    with pytest.raises(BackupDamaged):
        opened(bytes(blob))


def test_truncation_reordering_and_trailing_data_are_detected():
    blob = sealed([b"y" * (2 * CHUNK + 10)])
    frame = 5 + CHUNK + 16
    head = 22
    with pytest.raises(BackupDamaged, match="truncated"):
        opened(blob[: head + frame])  # the final frame is missing
    swapped = blob[:head] + blob[head + frame : head + 2 * frame] + blob[head : head + frame]
    with pytest.raises(BackupDamaged):
        opened(swapped + blob[head + 2 * frame :])
    with pytest.raises(BackupDamaged, match="after its end"):
        opened(blob + b"\x00")
    with pytest.raises(BackupDamaged, match="not a Sijill backup"):
        opened(b"PK\x03\x04" + blob)


@pytest.mark.parametrize("text", ["", "c2hvcnQ=", "not base64!", "A" * 100])
def test_a_malformed_key_is_refused(text):
    with pytest.raises(ValueError, match="32 bytes in base64"):
        parse_key(text)
