"""The issuer's keys in a key directory: an Ed25519 anchor that signs the trust list and
ECDSA P-256 document keys, listed with their validity in ``keyring.json``. An anchor held by
an external signer (an HSM) is given by its public key instead, and ``anchor.pem`` is then
neither read nor made.

The embedded default makes the directory on first use (folder 0700, key files 0600, like
the audit key); in production the directory is provided and must already hold keys. A
private key file that others may read is refused. Rotation makes a new document key that
signs from now on; the old one stops signing but stays in the trust list until what it
signed has expired (overlapping validity).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sijill.credentials import cose
from sijill.credentials.payload import MANIFEST_USE, STATUS_LIST_USE, DocType
from sijill.credentials.trustlist import TrustedKey, TrustList
from sijill.errors import RuleViolation

YEAR = 365 * 24 * 3600
SIGNING_PERIOD = 2 * YEAR  # a document key signs for two years at most
LONGEST_DOCUMENT = 5 * YEAR  # the identity card; its key stays trusted that much longer
ALL_USES = (*(t.value for t in DocType), STATUS_LIST_USE, MANIFEST_USE)
RING = "keyring.json"
ANCHOR = "anchor.pem"


@dataclass(frozen=True)
class SigningKey:
    trusted: TrustedKey
    private_key: cose.PrivateKey | None  # None: held by an external signer


@dataclass(frozen=True)
class LocalKey:
    trusted: TrustedKey
    private_key: cose.PrivateKey


@dataclass(frozen=True)
class KeyRing:
    anchor_public: Ed25519PublicKey
    keys: tuple[SigningKey, ...]
    anchor: Ed25519PrivateKey | None = None  # None: held by an external signer

    def signer(self, use: str, now: int) -> LocalKey:
        usable = [
            LocalKey(k.trusted, k.private_key)
            for k in self.keys
            if k.private_key is not None and k.trusted.may_sign(use, now)
        ]
        if not usable:
            raise RuleViolation(f"No document key may sign {use} now: rotate the keys.")
        return max(usable, key=lambda k: k.trusted.not_before)

    def find(self, kid: bytes) -> SigningKey | None:
        return next((k for k in self.keys if k.trusted.kid == kid), None)

    def trust_list(self, issuer: str, now: int) -> TrustList:
        anchor = cose.public_bytes(self.anchor_public)
        keys = tuple(k.trusted for k in self.keys if k.trusted.not_after > now)
        return TrustList(issuer, now, anchor, keys)


def _pem(key: cose.PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def _read_private(path: Path) -> cose.PrivateKey:
    if path.stat().st_mode & 0o077:
        raise RuleViolation(f"The key {path} may be read by others: chmod 600 it.")
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey | ec.EllipticCurvePrivateKey):
        raise RuleViolation(f"The key {path} is neither Ed25519 nor ECDSA P-256.")
    return key


def _trusted(public: cose.PublicKey, now: int) -> TrustedKey:
    return TrustedKey(
        kid=cose.key_id(public),
        alg=cose.alg_of(public),
        public_key=cose.public_bytes(public),
        not_before=now,
        sign_until=now + SIGNING_PERIOD,
        not_after=now + SIGNING_PERIOD + LONGEST_DOCUMENT,
        doc_types=ALL_USES,
    )


def _new_key(folder: Path, now: int) -> SigningKey:
    private = ec.generate_private_key(ec.SECP256R1())
    trusted = _trusted(private.public_key(), now)
    _write_private(folder / f"key-{trusted.kid.hex()}.pem", _pem(private))
    return SigningKey(trusted, private)


def _save(folder: Path, ring: KeyRing) -> None:
    entries = [
        {
            **{k: v for k, v in key.trusted.to_map().items() if k not in ("kid", "key")},
            "kid": key.trusted.kid.hex(),
            "key": key.trusted.public_key.hex(),
            **({"external": True} if key.private_key is None else {}),
        }
        for key in ring.keys
    ]
    tmp = folder / f"{RING}.tmp"
    tmp.write_text(json.dumps({"keys": entries}, indent=2))
    tmp.replace(folder / RING)


def load(
    folder: Path, create: bool, now: int, external_anchor: Ed25519PublicKey | None = None
) -> KeyRing:
    """The key ring in ``folder``; made there on first use when ``create``. With
    ``external_anchor``, the anchor is that public key (its private key is elsewhere)."""
    if not (folder / RING).exists():
        if not create:
            raise RuleViolation(f"No document keys in {folder}: provide the key directory.")
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        anchor, public = None, external_anchor
        if public is None:
            anchor = Ed25519PrivateKey.generate()
            _write_private(folder / ANCHOR, _pem(anchor))
            public = anchor.public_key()
        ring = KeyRing(public, (_new_key(folder, now),), anchor)
        _save(folder, ring)
        return ring
    anchor, public = _anchor(folder, external_anchor)
    keys = []
    for raw in json.loads((folder / RING).read_text())["keys"]:
        trusted = TrustedKey.from_map(
            {**raw, "kid": bytes.fromhex(raw["kid"]), "key": bytes.fromhex(raw["key"])}
        )
        private = None if raw.get("external") else _read_private(folder / f"key-{raw['kid']}.pem")
        keys.append(SigningKey(trusted, private))
    return KeyRing(public, tuple(keys), anchor)


def _anchor(
    folder: Path, external: Ed25519PublicKey | None
) -> tuple[Ed25519PrivateKey | None, Ed25519PublicKey]:
    """The anchor's private key (None when external) and its public key."""
    if external is not None:
        return None, external
    private = _read_private(folder / ANCHOR)
    if not isinstance(private, Ed25519PrivateKey):
        raise RuleViolation(f"The anchor {folder / ANCHOR} is not an Ed25519 key.")
    return private, private.public_key()


def register_external(folder: Path, ring: KeyRing, public: cose.PublicKey, now: int) -> KeyRing:
    """The ring with an external signer's public key listed (signing from ``now`` the first
    time it is seen), so that the trust list names it; its private key is never here."""
    if ring.find(cose.key_id(public)) is not None:
        return ring
    new = replace(ring, keys=(*ring.keys, SigningKey(_trusted(public, now), None)))
    _save(folder, new)
    return new


def rotate(folder: Path, now: int, external_anchor: Ed25519PublicKey | None = None) -> KeyRing:
    """A new document key signs from ``now``; the keys before it stop signing now."""
    ring = load(folder, create=False, now=now, external_anchor=external_anchor)
    retired = tuple(
        SigningKey(
            replace(
                k.trusted,
                sign_until=min(k.trusted.sign_until, now),
                not_after=min(k.trusted.not_after, now + LONGEST_DOCUMENT),
            ),
            k.private_key,
        )
        for k in ring.keys
    )
    new = replace(ring, keys=(*retired, _new_key(folder, now)))
    _save(folder, new)
    return new
