"""Signed manifests: canonical form, Ed25519, any changed byte refused."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.transfers import signing
from sijill.transfers.manifest import ManifestError, canonical, open_manifest, parse, seal

pytestmark = pytest.mark.unit

KEY = Ed25519PrivateKey.generate()
PUBLIC = signing.public_bytes(KEY)
MANIFEST = {
    "reference": "TR-0001",
    "people": [{"line": 1, "name": "عبد الله", "regno": "A1"}],
    "equipment": [{"line": 1, "weapon_serial": "AK-1"}],
}
SIGNED = seal(MANIFEST, PUBLIC, KEY.sign)


def test_a_signed_manifest_opens_with_its_key():
    opened = open_manifest(SIGNED, PUBLIC, signing.verify)
    assert opened["people"][0]["name"] == "عبد الله"
    assert opened["format"] == "sijill.transfer-manifest/1"


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
        open_manifest(bytes(tampered), PUBLIC, signing.verify)


def test_base64_with_its_unused_bits_set_is_refused():
    # The last character of a 32- or 64-byte value in base64 carries unused bits: "A" and
    # "B" there decode to the same bytes, so only the canonical spelling is accepted.
    signature = base64.b64encode(parse(SIGNED).signature).decode("ascii")
    last = signature.rstrip("=")[-1]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    other = alphabet[alphabet.index(last) ^ 1]
    respelt = signature.replace(last + "=", other + "=")
    assert base64.b64decode(respelt) == base64.b64decode(signature)
    with pytest.raises(ManifestError, match="not canonical base64"):
        open_manifest(SIGNED.replace(signature.encode(), respelt.encode()), PUBLIC, signing.verify)


def test_another_key_is_refused_even_if_the_file_names_it():
    other = Ed25519PrivateKey.generate()
    forged = seal(MANIFEST, signing.public_bytes(other), other.sign)
    assert parse(forged).manifest["reference"] == "TR-0001"
    with pytest.raises(ManifestError, match="not by the trusted key"):
        open_manifest(forged, PUBLIC, signing.verify)


def test_public_keys_are_read_from_base64():
    assert signing.parse_public(signing.public_text(KEY)) == PUBLIC
