"""Who signs: the key ring, the signer and the issuer's names, built from the settings by
an adapter. Documents and status lists are signed by the configured ``Signer`` (the key
ring's current document key, or an external program); the trust list by the anchor (the
ring's ``anchor.pem``, or an external program holding the anchor's private key).
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sijill.config import Environment, Settings
from sijill.credentials import cose, keys
from sijill.credentials.signer import CommandSigner, LocalSigner, Signer, load_public_key
from sijill.credentials.trustlist import TrustList
from sijill.errors import RuleViolation


@dataclass(frozen=True)
class Issuer:
    ring: keys.KeyRing
    name: str
    status_uri: str
    country: str | None
    status_list_seconds: int
    external: Signer | None = None
    external_anchor: Signer | None = None

    def signer(self, use: str, now: int) -> Signer:
        """Who signs ``use`` (a document type or the status list) at ``now``."""
        if self.external is None:
            key = self.ring.signer(use, now)
            return LocalSigner(key.private_key, key.trusted.kid)
        listed = self.ring.find(self.external.kid)
        if listed is None or not listed.trusted.may_sign(use, now):
            raise RuleViolation(f"The external signer's key may not sign {use} now.")
        return self.external

    def anchor(self) -> Signer:
        if self.ring.anchor is None:
            if self.external_anchor is None:
                raise RuleViolation("The anchor is external but no anchor signer is configured.")
            return self.external_anchor
        return LocalSigner(self.ring.anchor, cose.key_id(self.ring.anchor_public))

    def trust_list(self, now: int) -> TrustList:
        return self.ring.trust_list(self.name, now)


def from_settings(settings: Settings, now: int) -> Issuer:
    """The issuer; the embedded default makes its keys on first use, production never does."""
    folder = settings.effective_key_dir
    anchor_key = external_anchor_key(settings)
    create = settings.environment != Environment.PRODUCTION
    ring = keys.load(folder, create=create, now=now, external_anchor=anchor_key)
    external = None
    if settings.credentials_signer == "command":
        command, key_file = (
            settings.credentials_signer_command,
            settings.credentials_signer_public_key,
        )
        if command is None or key_file is None:
            raise RuleViolation("The command signer needs its program and its public key.")
        public = load_public_key(key_file)
        ring = keys.register_external(folder, ring, public, now)
        external = CommandSigner(command, public, settings.credentials_signer_timeout)
    return Issuer(
        ring=ring,
        name=settings.credentials_issuer,
        status_uri=settings.credentials_status_uri,
        country=settings.credentials_country,
        status_list_seconds=settings.credentials_status_list_hours * 3600,
        external=external,
        external_anchor=_anchor_signer(settings, anchor_key),
    )


def external_anchor_key(settings: Settings) -> Ed25519PublicKey | None:
    """The external anchor's public key, when the anchor is held by an external signer."""
    if settings.credentials_anchor_public_key is None:
        return None
    public = load_public_key(settings.credentials_anchor_public_key)
    if not isinstance(public, Ed25519PublicKey):
        raise RuleViolation("The anchor's public key must be an Ed25519 key.")
    return public


def _anchor_signer(settings: Settings, public: Ed25519PublicKey | None) -> Signer | None:
    if public is None or settings.credentials_anchor_command is None:
        return None
    command = settings.credentials_anchor_command
    return CommandSigner(command, public, settings.credentials_signer_timeout)
