"""CBOR, base45 and the QR text framing against the published vectors (RFC 8949 Appendix A,
RFC 9285) and properties over random bytes."""

from __future__ import annotations

import base64
import json
import zlib
from pathlib import Path
from typing import Any

import cbor2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sijill.credentials import base45, qr

pytestmark = pytest.mark.unit

VECTORS = Path(__file__).parents[2] / "data" / "vectors"
APPENDIX_A = json.loads((VECTORS / "cbor-test-vectors" / "appendix_a.json").read_text())
BASE45 = json.loads((VECTORS / "extracted" / "base45-rfc9285.json").read_text())


@pytest.mark.parametrize("case", [c for c in APPENDIX_A if "decoded" in c], ids=lambda c: c["hex"])
def test_cbor_decodes_appendix_a(case: dict[str, Any]) -> None:
    assert base64.b64decode(case["cbor"]).hex() == case["hex"]
    assert cbor2.loads(bytes.fromhex(case["hex"])) == case["decoded"]


def _encodable(case: dict[str, Any]) -> bool:
    """Round-trip cases whose JSON value is the CBOR value (JSON cannot tell 1.0 from 1)."""
    value = case.get("decoded")
    return case["roundtrip"] and "decoded" in case and not isinstance(value, float)


@pytest.mark.parametrize("case", [c for c in APPENDIX_A if _encodable(c)], ids=lambda c: c["hex"])
def test_cbor_encodes_appendix_a_byte_for_byte(case: dict[str, Any]) -> None:
    assert cbor2.dumps(case["decoded"], canonical=True).hex() == case["hex"]


@pytest.mark.parametrize("case", BASE45["encode"], ids=lambda c: c["base45"])
def test_base45_encodes_rfc9285_examples(case: dict[str, str]) -> None:
    assert base45.encode(case["bytes_utf8"].encode()) == case["base45"]
    assert base45.decode(case["base45"]) == case["bytes_utf8"].encode()


@pytest.mark.parametrize("case", BASE45["decode"], ids=lambda c: c["base45"])
def test_base45_decodes_rfc9285_examples(case: dict[str, str]) -> None:
    assert base45.decode(case["base45"]) == case["bytes_utf8"].encode()


@pytest.mark.parametrize("case", BASE45["invalid"], ids=lambda c: c["why"])
def test_base45_refuses_rfc9285_invalid_texts(case: dict[str, str]) -> None:
    with pytest.raises(base45.Base45Error):
        base45.decode(case["base45"])


def test_base45_refuses_a_pair_over_255() -> None:
    with pytest.raises(base45.Base45Error, match="over 255"):
        base45.decode("::")


@given(st.binary(max_size=300))
def test_base45_round_trips_and_stays_in_the_qr_alphabet(data: bytes) -> None:
    text = base45.encode(data)
    assert set(text) <= set(base45.ALPHABET)
    assert len(text) == len(data) // 2 * 3 + len(data) % 2 * 2
    assert base45.decode(text) == data


@given(st.binary(max_size=2000))
def test_qr_text_round_trips(data: bytes) -> None:
    assert qr.from_text(qr.to_text(data)) == data


def test_qr_text_refuses_a_zip_bomb() -> None:
    bomb = base45.encode(zlib.compress(bytes(qr.MAX_INFLATED + 1)))
    with pytest.raises(qr.QrTextError, match="more than"):
        qr.from_text(bomb)


def test_qr_text_refuses_a_truncated_stream() -> None:
    with pytest.raises(qr.QrTextError, match="truncated"):
        qr.from_text(base45.encode(zlib.compress(b"some document bytes")[:-3]))
