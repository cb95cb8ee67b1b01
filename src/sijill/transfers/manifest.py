"""Canonical JSON and the signed manifest file (pure).

The file is one JSON object ``{"manifest": ..., "signature": {"alg", "kid", "value"}}``
written in canonical form: keys sorted, no insignificant whitespace, UTF-8, no floats. The
signature is made over the canonical bytes of ``manifest`` by the credentials' ``Signer``
(the key ring's document key, or the external signer): ES256 (r then s) or Ed25519, by the
key ``kid`` (hex, the credentials' 8-byte key id). The receiving side checks it against the
sender's trust list: the key must be listed, allowed to sign transfer manifests when the
manifest was signed, and not expired. A reader refuses a file that is not exactly in
canonical form, so that any changed byte either changes the signed content (the signature
fails) or the form (refused before the signature is checked).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sijill.credentials import cose
from sijill.credentials.payload import MANIFEST_USE
from sijill.credentials.signer import Signer
from sijill.credentials.trustlist import TrustList

FORMAT = "sijill.transfer-manifest/2"
ALGORITHMS = {cose.Alg.ES256: "ES256", cose.Alg.EDDSA: "EdDSA"}
_BY_NAME = {name: alg for alg, name in ALGORITHMS.items()}


class ManifestError(ValueError):
    """A manifest file that is malformed, not canonical, or whose signature fails."""


def _no_floats(value: Any) -> None:
    if isinstance(value, float):
        raise ManifestError("a manifest holds no floating-point numbers")
    if isinstance(value, dict):
        for item in value.values():
            _no_floats(item)
    elif isinstance(value, list):
        for item in value:
            _no_floats(item)


def canonical(value: Any) -> bytes:
    """The canonical bytes of a JSON value (sorted keys, compact, UTF-8)."""
    _no_floats(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True)
class SignedManifest:
    manifest: dict[str, Any]
    kid: bytes
    alg: cose.Alg
    signature: bytes

    @property
    def key_id(self) -> str:
        return self.kid.hex()

    def to_bytes(self) -> bytes:
        return canonical(
            {
                "manifest": self.manifest,
                "signature": {
                    "alg": ALGORITHMS[self.alg],
                    "kid": self.key_id,
                    "value": base64.b64encode(self.signature).decode(),
                },
            }
        )


def seal(manifest: dict[str, Any], signer: Signer) -> bytes:
    """The signed file of ``manifest``, signed by ``signer``."""
    body = {"format": FORMAT, **manifest}
    return SignedManifest(
        body, signer.kid, signer.algorithm, signer.sign(canonical(body))
    ).to_bytes()


def _b64(text: Any, what: str) -> bytes:
    if not isinstance(text, str):
        raise ManifestError(f"{what} is missing")
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):  # ValueError: characters outside ASCII
        raise ManifestError(f"{what} is not base64") from None
    if base64.b64encode(raw).decode("ascii") != text:  # unused bits set: another spelling
        raise ManifestError(f"{what} is not canonical base64")
    return raw


def _kid(text: Any) -> bytes:
    if not isinstance(text, str) or len(text) != 16:
        raise ManifestError("the key id is not 16 hexadecimal digits")
    try:
        raw = bytes.fromhex(text)
    except ValueError:
        raise ManifestError("the key id is not 16 hexadecimal digits") from None
    if raw.hex() != text:  # upper case: another spelling
        raise ManifestError("the key id is not in lower case")
    return raw


def parse(data: bytes) -> SignedManifest:
    """Read a signed file (form only: ``open_manifest`` checks the signature)."""
    try:
        obj = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ManifestError("the file is not UTF-8 JSON") from None
    if not isinstance(obj, dict) or set(obj) != {"manifest", "signature"}:
        raise ManifestError("the file is not a signed manifest")
    if canonical(obj) != data:
        raise ManifestError("the file is not in canonical form: it was changed after signing")
    manifest, signature = obj["manifest"], obj["signature"]
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ManifestError(f"the manifest is not of format {FORMAT}")
    if not isinstance(signature, dict) or signature.get("alg") not in _BY_NAME:
        raise ManifestError("the signature is neither ES256 nor EdDSA")
    alg = _BY_NAME[signature["alg"]]
    return SignedManifest(
        manifest, _kid(signature.get("kid")), alg, _b64(signature.get("value"), "the signature")
    )


def signed_at(manifest: dict[str, Any]) -> int:
    """When the manifest says it was signed, in seconds since the epoch (UTC)."""
    text = manifest.get("signed_at")
    try:
        when = dt.datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        when = None
    if when is None:
        raise ManifestError("the manifest does not say when it was signed")
    return int((when if when.tzinfo else when.replace(tzinfo=dt.UTC)).timestamp())


def open_manifest(data: bytes, trust: TrustList, now: int) -> dict[str, Any]:
    """The manifest of a signed file whose signature verifies with a key of the sender's
    ``trust`` list that may sign transfer manifests. Raises ``ManifestError``."""
    signed = parse(data)
    key = trust.find(signed.kid)
    if key is None:
        raise ManifestError(
            f"signed by key {signed.key_id}, which the trust list of {trust.issuer} does not hold"
        )
    if key.alg != signed.alg:
        raise ManifestError(f"key {signed.key_id} does not sign with {ALGORITHMS[signed.alg]}")
    if not cose.verify_raw(key.key(), signed.signature, canonical(signed.manifest)):
        raise ManifestError("the signature does not verify: the manifest was changed")
    if not key.may_sign(MANIFEST_USE, signed_at(signed.manifest)):
        raise ManifestError(
            f"key {signed.key_id} may not sign transfer manifests at the time this one was signed"
        )
    if now > key.not_after:
        raise ManifestError(f"key {signed.key_id} has expired")
    return signed.manifest
