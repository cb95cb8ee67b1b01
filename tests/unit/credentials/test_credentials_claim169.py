"""MOSIP Claim 169: every layer against idpass/claim-169's vectors, and the independent
`claim169` package reading Sijill's identity QR codes to the same fields."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import cbor2
import claim169
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import credentials as factory
from sijill.credentials import cose, keys, payload, qr
from sijill.credentials.payload import CLAIM_169, CLAIM_169_FIELDS, DocType

pytestmark = pytest.mark.unit

VECTORS = Path(__file__).parents[2] / "data" / "vectors" / "claim169" / "test-vectors"
ENCRYPTED = frozenset({"encrypted-aes256", "encrypted-signed"})


def _cases(kind: str, skip: frozenset[str] = frozenset()) -> list[Any]:
    files = sorted((VECTORS / kind).glob("*.json"))
    return [pytest.param(json.loads(f.read_text()), id=f.stem) for f in files if f.stem not in skip]


def _claims(text: str) -> tuple[cose.Sign1, dict[Any, Any]]:
    message = cose.decode_sign1(qr.from_text(text))
    return message, cbor2.loads(message.payload)


@pytest.mark.parametrize("case", _cases("valid", ENCRYPTED) + _cases("edge"))
def test_vectors_decode_layer_by_layer(case: dict[str, Any]) -> None:
    _, claims = _claims(case["qr_data"])
    c169 = claims[CLAIM_169]
    for name, value in case["expected_claim169"].items():
        key = CLAIM_169_FIELDS[name]
        actual = c169[key]
        if key in payload.BIOMETRIC_FIELDS:  # the vectors give each sample's format only
            formats = [(b.get(1), b.get(2)) for b in actual]
            assert formats == [(b.get("format"), b.get("subFormat")) for b in value], name
        elif name == "bestQualityFingers":
            assert list(actual) == value
        else:
            assert actual == value, name
    meta = case["expected_cwt_meta"]
    assert claims[payload.ISS] == meta["issuer"]
    assert claims[payload.IAT] == meta["issuedAt"]
    assert claims[payload.EXP] == meta["expiresAt"]
    assert claims.get(payload.NBF) == meta.get("notBefore")


SIGNED = [c for c in _cases("valid", ENCRYPTED) if "signing_key" in c.values[0]]


@pytest.mark.parametrize("case", SIGNED)
def test_signed_vectors_verify(case: dict[str, Any]) -> None:
    key_info = case["signing_key"]
    alg = cose.Alg.ES256 if key_info["algorithm"] == "ES256" else cose.Alg.EDDSA
    key = cose.load_public(alg, bytes.fromhex(key_info["public_key_hex"]))
    message = cose.decode_sign1(qr.from_text(case["qr_data"]))
    assert cose.verify(message, key)
    tampered = cose.Sign1(
        message.protected_raw,
        message.unprotected,
        message.payload + b"\x00",
        message.signature,
        message.protected,
    )
    assert not cose.verify(tampered, key)


@pytest.mark.parametrize("case", _cases("valid"), ids=str)
def test_encrypted_vectors_are_not_taken_for_signed_ones(case: dict[str, Any]) -> None:
    if case["name"] not in ENCRYPTED:
        return
    with pytest.raises(cose.CoseError):
        cose.decode_sign1(qr.from_text(case["qr_data"]))


ERRORS = {
    "Base45Decode": qr.QrTextError,
    "Decompress": qr.QrTextError,
    "CoseParse": cose.CoseError,
    "Claim169NotFound": payload.PayloadError,
}


@pytest.mark.parametrize("case", _cases("invalid"))
def test_invalid_vectors_fail_at_their_layer(case: dict[str, Any]) -> None:
    with pytest.raises(ERRORS[case["expected_error"]]):
        payload.decode(cose.decode_sign1(qr.from_text(case["qr_data"])).payload)


@pytest.mark.parametrize(
    "doc",
    [
        factory.document(),
        factory.document(doc_type=DocType.RESIDENCE_PERMIT, programme_status="reintegration"),
        factory.document(holder=factory.document().holder.__class__("Dilnoza Yusupova")),
        factory.weapon_permit(),
    ],
    ids=["identity-card", "residence-permit", "latin-only", "weapon-permit"],
)
def test_the_independent_claim169_package_reads_sijill_documents(
    doc: payload.Document, tmp_path: Path
) -> None:
    ring = factory.ring(tmp_path / "keys")
    text = factory.sign(ring, doc)
    key = ring.signer(doc.doc_type.value, doc.issued_at).trusted.public_key
    result = claim169.decode_with_ecdsa_p256(text, key, validate_timestamps=False)
    assert result.is_verified()
    c, h = result.claim169, doc.holder
    assert (c.id, c.full_name, c.secondary_full_name) == (doc.serial, h.full_name, h.arabic_name)
    assert c.date_of_birth == h.date_of_birth and c.nationality == h.nationality
    assert c.gender == payload.GENDER.get(h.gender or "")
    assert c.country_of_issuance == doc.country
    assert c.legal_status == payload.LEGAL_STATUS.get(doc.doc_type)
    meta = result.cwt_meta
    assert (meta.issuer, meta.issued_at, meta.expires_at) == (
        doc.issuer,
        doc.issued_at,
        doc.expires_at,
    )
    other = factory.ring(tmp_path / "other").signer("identity-card", doc.issued_at)
    with pytest.raises(claim169.SignatureError):
        claim169.decode_with_ecdsa_p256(text, other.trusted.public_key, validate_timestamps=False)


def test_payload_round_trip_and_what_it_leaves_out() -> None:
    doc = factory.weapon_permit()
    assert payload.decode(payload.encode(doc)) == doc
    claims = payload.to_claims(factory.document())
    flat = repr(claims).lower()
    for word in ("combatant", "group", "faction", "affiliation", "programme"):
        assert word not in flat


_NAMES = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz -'ABCDEFGHIJKLMNOPQRSTUVWXYZüşçéı"),
    min_size=1,
    max_size=60,
).filter(str.strip)
_ARABIC = st.text(alphabet=st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءأإآةى"), max_size=60)


@pytest.fixture(scope="module")
def ring(tmp_path_factory: pytest.TempPathFactory) -> keys.KeyRing:
    """One key ring for the property below (read only)."""
    return factory.ring(tmp_path_factory.mktemp("keys") / "ring")


@settings(max_examples=40, deadline=None)
@given(
    name=_NAMES,
    arabic=_ARABIC,
    dob=st.sampled_from([None, "1970", "198503", "19991231"]),
    gender=st.sampled_from([None, "M", "F"]),
    doc_type=st.sampled_from([DocType.IDENTITY_CARD, DocType.RESIDENCE_PERMIT]),
)
def test_claim169_reads_any_identity_document_to_the_same_fields(
    ring: keys.KeyRing,
    name: str,
    arabic: str,
    dob: str | None,
    gender: str | None,
    doc_type: DocType,
) -> None:
    holder = payload.Holder(name, arabic.strip() or None, dob, gender, "SY")
    doc = factory.document(doc_type=doc_type, holder=holder)
    text = factory.sign(ring, doc)
    key = ring.signer(doc.doc_type.value, doc.issued_at).trusted.public_key
    c = claim169.decode_with_ecdsa_p256(text, key, validate_timestamps=False).claim169
    assert (c.full_name, c.secondary_full_name) == (holder.full_name, holder.arabic_name)
    assert (c.date_of_birth, c.gender) == (dob, payload.GENDER.get(gender or ""))
    assert (c.id, c.legal_status) == (doc.serial, payload.LEGAL_STATUS.get(doc_type))
