"""Signed manifests: canonical form, signed by the credentials' signer, checked against the
sender's trust list, any changed byte refused."""

from __future__ import annotations

import base64
from dataclasses import replace

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.credentials import cose
from sijill.credentials.payload import MANIFEST_USE, STATUS_LIST_USE
from sijill.credentials.signer import LocalSigner
from sijill.credentials.trustlist import TrustedKey, TrustList
from sijill.transfers.manifest import ManifestError, canonical, open_manifest, parse, seal

pytestmark = pytest.mark.unit

NOW = 1_795_000_000  # 2026-11-19
DAY = 24 * 3600
SIGNED_AT = "2026-11-19T10:00:00+00:00"


def _signer(key: cose.PrivateKey) -> LocalSigner:
    return LocalSigner(key, cose.key_id(key.public_key()))


def _listed(signer: LocalSigner, **changes: object) -> TrustedKey:
    base = TrustedKey(
        kid=signer.kid, alg=signer.algorithm, public_key=cose.public_bytes(signer.public_key),
        not_before=NOW - 30 * DAY, sign_until=NOW + 300 * DAY, not_after=NOW + 900 * DAY,
        doc_types=(STATUS_LIST_USE, MANIFEST_USE),
    )  # fmt: skip
    return replace(base, **changes)


def _trust(*keys: TrustedKey) -> TrustList:
    anchor = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    return TrustList("sender.example", NOW, anchor, keys)


SIGNER = _signer(ec.generate_private_key(ec.SECP256R1()))
TRUST = _trust(_listed(SIGNER))
MANIFEST = {
    "reference": "TR-0001",
    "signed_at": SIGNED_AT,
    "people": [{"line": 1, "name": "عبد الله", "regno": "A1"}],
    "equipment": [{"line": 1, "weapon_serial": "AK-1"}],
}
SIGNED = seal(MANIFEST, SIGNER)


def test_a_manifest_signed_by_a_listed_key_opens():
    opened = open_manifest(SIGNED, TRUST, NOW)
    assert opened["people"][0]["name"] == "عبد الله"
    assert opened["format"] == "sijill.transfer-manifest/2"
    assert parse(SIGNED).key_id == SIGNER.kid.hex()


def test_an_ed25519_key_signs_as_well():
    signer = _signer(Ed25519PrivateKey.generate())
    assert open_manifest(seal(MANIFEST, signer), _trust(_listed(signer)), NOW)["reference"]


def test_canonical_form_sorts_keys_and_refuses_floats():
    assert canonical({"b": 1, "a": [True, None]}) == b'{"a":[true,null],"b":1}'
    with pytest.raises(ManifestError):
        canonical({"a": 1.5})


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=len(SIGNED) - 1), st.integers(min_value=1, max_value=255))
def test_any_changed_byte_is_refused(position, delta):
    tampered = bytearray(SIGNED)
    tampered[position] = (tampered[position] + delta) % 256
    with pytest.raises(ManifestError):
        open_manifest(bytes(tampered), TRUST, NOW)


def test_base64_with_its_unused_bits_set_is_refused():
    # The last character of a 64-byte value in base64 carries unused bits: "A" and "B"
    # there decode to the same bytes, so only the canonical spelling is accepted.
    signature = base64.b64encode(parse(SIGNED).signature).decode("ascii")
    last = signature.rstrip("=")[-1]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    other = alphabet[alphabet.index(last) ^ 1]
    respelt = signature.replace(last + "=", other + "=")
    assert base64.b64decode(respelt) == base64.b64decode(signature)
    with pytest.raises(ManifestError, match="not canonical base64"):
        open_manifest(SIGNED.replace(signature.encode(), respelt.encode()), TRUST, NOW)


def test_a_key_the_trust_list_does_not_hold_is_refused():
    other = _signer(ec.generate_private_key(ec.SECP256R1()))
    forged = seal(MANIFEST, other)
    assert parse(forged).manifest["reference"] == "TR-0001"
    with pytest.raises(ManifestError, match="does not hold"):
        open_manifest(forged, TRUST, NOW)


def test_another_key_under_a_listed_key_id_is_refused():
    impostor = LocalSigner(ec.generate_private_key(ec.SECP256R1()), SIGNER.kid)
    with pytest.raises(ManifestError, match="signature does not verify"):
        open_manifest(seal(MANIFEST, impostor), TRUST, NOW)


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"doc_types": (STATUS_LIST_USE,)}, "may not sign transfer manifests"),
        ({"not_before": NOW + DAY}, "may not sign transfer manifests"),
        ({"sign_until": NOW - DAY}, "may not sign transfer manifests"),
        ({"not_after": NOW - 1}, "has expired"),
    ],
)
def test_a_listed_key_signs_manifests_only_when_allowed(changes, why):
    with pytest.raises(ManifestError, match=why):
        open_manifest(SIGNED, _trust(_listed(SIGNER, **changes)), NOW)


def test_a_manifest_without_its_signing_time_is_refused():
    undated = seal({k: v for k, v in MANIFEST.items() if k != "signed_at"}, SIGNER)
    with pytest.raises(ManifestError, match="when it was signed"):
        open_manifest(undated, TRUST, NOW)
