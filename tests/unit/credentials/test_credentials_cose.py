"""COSE_Sign1 against the cose-wg/Examples vectors: the Sig_structure byte for byte, the
passing messages verify and each tampered one fails."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.credentials import cose

pytestmark = pytest.mark.unit

EXAMPLES = Path(__file__).parents[2] / "data" / "vectors" / "cose-wg-examples"
FILES = sorted(EXAMPLES.glob("*/*.json"))


def _b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _public(jwk: dict[str, str]) -> cose.PublicKey:
    if jwk["kty"] == "OKP":
        return cose.load_public(cose.Alg.EDDSA, bytes.fromhex(jwk["x_hex"]))
    point = b"\x04" + _b64(jwk["x"]) + _b64(jwk["y"])
    return cose.load_public(cose.Alg.ES256, point)


def _case(path: Path) -> Any:
    return pytest.param(json.loads(path.read_text()), id=path.stem)


@pytest.mark.parametrize("case", [_case(f) for f in FILES])
def test_cose_sign1_vectors(case: dict[str, Any]) -> None:
    signer = case["input"]["sign0"]
    key = _public(signer["key"])
    data = bytes.fromhex(case["output"]["cbor"])
    if case.get("fail"):
        try:
            message = cose.decode_sign1(data)
        except cose.CoseError:
            return
        assert not cose.verify(message, key, bytes.fromhex(signer.get("external", "")))
        return
    message = cose.decode_sign1(data)
    aad = bytes.fromhex(signer.get("external", ""))
    expected = case["intermediates"]["ToBeSign_hex"].lower()
    assert cose.sig_structure(message.protected_raw, message.payload, aad).hex() == expected
    assert message.payload == case["input"]["plaintext"].encode()
    assert cose.verify(message, key, aad)


def test_eddsa_signature_is_reproduced_byte_for_byte() -> None:
    """Ed25519 is deterministic: the RFC 8032 test key signs the example exactly."""
    case = json.loads((EXAMPLES / "eddsa-examples" / "eddsa-sig-01.json").read_text())
    key = Ed25519PrivateKey.from_private_bytes(
        bytes.fromhex(case["input"]["sign0"]["key"]["d_hex"])
    )
    expected = cose.decode_sign1(bytes.fromhex(case["output"]["cbor"]))
    tbs = cose.sig_structure(expected.protected_raw, expected.payload)
    assert key.sign(tbs) == expected.signature


@pytest.mark.parametrize(
    "make_key", [Ed25519PrivateKey.generate, lambda: ec.generate_private_key(ec.SECP256R1())]
)
@settings(max_examples=20)
@given(payload=st.binary(max_size=200), flip=st.integers(min_value=0))
def test_sign1_round_trip_and_any_flipped_byte_fails(
    make_key: Any, payload: bytes, flip: int
) -> None:
    key = make_key()
    kid = cose.key_id(key.public_key())
    data = cose.sign1(payload, key, kid)
    message = cose.decode_sign1(data)
    assert message.kid == kid and message.payload == payload
    assert cose.verify(message, key.public_key())
    tampered = bytearray(data)
    tampered[flip % len(data)] ^= 0x01
    try:
        broken = cose.decode_sign1(bytes(tampered))
    except cose.CoseError:
        return
    assert not cose.verify(broken, key.public_key())


def test_a_key_of_the_other_algorithm_is_refused() -> None:
    ed = Ed25519PrivateKey.generate()
    p256 = ec.generate_private_key(ec.SECP256R1())
    message = cose.decode_sign1(cose.sign1(b"x", ed))
    assert not cose.verify(message, p256.public_key())


def test_other_cbor_is_not_a_sign1() -> None:
    with pytest.raises(cose.CoseError, match="tag 98"):
        cose.decode_sign1(bytes.fromhex("d8628440a0f6f6"))
    with pytest.raises(cose.CoseError, match="four items"):
        cose.decode_sign1(bytes.fromhex("83010203"))
