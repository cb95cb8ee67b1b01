"""Canonical JSON and the signed manifest file (pure).

The file is one JSON object ``{"manifest": ..., "signature": {...}}`` written in canonical
form: keys sorted, no insignificant whitespace, UTF-8, no floats. The signature is Ed25519
over the canonical bytes of ``manifest``. A reader refuses a file that is not exactly in
canonical form, so that any changed byte either changes the signed content (the signature
fails) or the form (refused before the signature is checked).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

FORMAT = "sijill.transfer-manifest/1"
ALGORITHM = "Ed25519"


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


def key_id(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()[:16]


@dataclass(frozen=True)
class SignedManifest:
    manifest: dict[str, Any]
    public_key: bytes
    signature: bytes

    @property
    def key_id(self) -> str:
        return key_id(self.public_key)

    def to_bytes(self) -> bytes:
        return canonical(
            {
                "manifest": self.manifest,
                "signature": {
                    "algorithm": ALGORITHM,
                    "key_id": self.key_id,
                    "public_key": base64.b64encode(self.public_key).decode(),
                    "value": base64.b64encode(self.signature).decode(),
                },
            }
        )


def seal(manifest: dict[str, Any], public_key: bytes, sign: Callable[[bytes], bytes]) -> bytes:
    """The signed file of ``manifest``; ``sign`` signs bytes with the key of ``public_key``."""
    body = {"format": FORMAT, **manifest}
    return SignedManifest(body, public_key, sign(canonical(body))).to_bytes()


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


def parse(data: bytes) -> SignedManifest:
    """Read a signed file (form only: the caller checks the signature with ``open``)."""
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
    if not isinstance(signature, dict) or signature.get("algorithm") != ALGORITHM:
        raise ManifestError(f"the signature is not {ALGORITHM}")
    public = _b64(signature.get("public_key"), "the public key")
    if signature.get("key_id") != key_id(public):
        raise ManifestError("the key id does not match the public key")
    return SignedManifest(manifest, public, _b64(signature.get("value"), "the signature"))


def open_manifest(
    data: bytes, trusted: bytes, verify: Callable[[bytes, bytes, bytes], bool]
) -> dict[str, Any]:
    """The manifest of a signed file whose signature verifies with the ``trusted`` public
    key; ``verify(public_key, signature, message)``. Raises ``ManifestError``."""
    signed = parse(data)
    if signed.public_key != trusted:
        raise ManifestError(
            f"signed by key {signed.key_id}, not by the trusted key {key_id(trusted)}"
        )
    if not verify(signed.public_key, signed.signature, canonical(signed.manifest)):
        raise ManifestError("the signature does not verify: the manifest was changed")
    return signed.manifest
