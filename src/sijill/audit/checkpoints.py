"""Signed notes, Ed25519 note keys and tree checkpoints in the C2SP text formats (pure).

- c2sp.org/signed-note: a text ending in a newline, a blank line, then signature lines
  ``— <key name> base64(key ID || signature)``; the key ID is
  SHA-256(key name || 0x0A || 0x01 || 32-byte Ed25519 public key)[:4].
- Verifier keys ``<name>+<hex key ID>+base64(0x01 || public key)`` and, as in Go's
  golang.org/x/mod/sumdb/note, signer keys ``PRIVATE+KEY+<name>+<hex key ID>+base64(0x01 ||
  seed)``.
- c2sp.org/tlog-checkpoint: the note text ``<origin>\\n<tree size>\\n<base64 root>\\n``
  (and optional extension lines).
- c2sp.org/tlog-proof: an inclusion proof bundled with the checkpoint it leads to.

And the log's key itself: an Ed25519 private key in a PEM file that only its owner may read.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sijill.errors import RuleViolation

ED25519 = 0x01  # the signature type byte of Ed25519 note signatures
MAX_SIGNATURES = 100  # the spec asks verifiers to accept at least 16
DASH = "\u2014"  # em dash, opening every signature line
TLOG_PROOF_HEADER = "c2sp.org/tlog-proof@v1"

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f]")
_DECIMAL = re.compile(r"0|[1-9][0-9]*")
_KEY_ID = re.compile(r"[0-9a-f]{8}")


class NoteError(ValueError):
    """A malformed note, key or checkpoint, or a signature that does not verify."""


def _b64decode(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise NoteError(f"{what} is not valid base64") from exc


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _check_name(name: str) -> str:
    if not name or any(ch.isspace() or ch == "+" for ch in name):
        raise NoteError(f"key name {name!r} is empty or holds a space or '+'")
    return name


def key_id(name: str, public_key: bytes, signature_type: int = ED25519) -> bytes:
    """The 4-byte key ID of c2sp.org/signed-note."""
    return hashlib.sha256(name.encode() + b"\n" + bytes([signature_type]) + public_key).digest()[:4]


@dataclass(frozen=True)
class Signature:
    """One signature line of a note."""

    name: str
    key_id: bytes
    signature: bytes

    def line(self) -> str:
        return f"{DASH} {self.name} {_b64(self.key_id + self.signature)}\n"


@dataclass(frozen=True)
class Verifier:
    """An Ed25519 note verifier key."""

    name: str
    public_key: bytes

    @property
    def key_id(self) -> bytes:
        return key_id(self.name, self.public_key)

    @property
    def vkey(self) -> str:
        return f"{self.name}+{self.key_id.hex()}+{_b64(bytes([ED25519]) + self.public_key)}"

    def verifies(self, text: str, signature: Signature) -> bool:
        key = Ed25519PublicKey.from_public_bytes(self.public_key)
        try:
            key.verify(signature.signature, text.encode("utf-8"))
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True)
class Signer:
    """An Ed25519 note signer: a key name and a private key."""

    name: str
    private_key: Ed25519PrivateKey

    def __post_init__(self) -> None:
        _check_name(self.name)

    @property
    def verifier(self) -> Verifier:
        return Verifier(self.name, self.private_key.public_key().public_bytes_raw())

    def sign(self, text: str) -> Signature:
        raw = self.private_key.sign(text.encode("utf-8"))
        return Signature(self.name, self.verifier.key_id, raw)


def _split_key(text: str, parts: int, what: str) -> list[str]:
    # The base64 key material may itself hold '+': split no more than the format has fields.
    fields = text.strip().split("+", parts - 1)
    if len(fields) != parts:
        raise NoteError(f"malformed {what}")
    return fields


def _key_material(name: str, hex_id: str, material: str, what: str) -> bytes:
    raw = _b64decode(material, what)
    if len(raw) != 33 or raw[0] != ED25519:
        raise NoteError(f"{what} is not an Ed25519 key")
    if not _KEY_ID.fullmatch(hex_id):
        raise NoteError(f"{what} has a malformed key ID")
    return raw[1:]


def parse_vkey(vkey: str) -> Verifier:
    """A verifier from its ``<name>+<hex id>+<base64>`` text; the key ID must match the key."""
    name, hex_id, material = _split_key(vkey, 3, "verifier key")
    verifier = Verifier(_check_name(name), _key_material(name, hex_id, material, "verifier key"))
    if verifier.key_id.hex() != hex_id:
        raise NoteError("the verifier key's ID does not match its key")
    return verifier


def parse_skey(skey: str) -> Signer:
    """A signer from the ``PRIVATE+KEY+<name>+<hex id>+<base64 seed>`` text of sumdb/note."""
    private, key, name, hex_id, material = _split_key(skey, 5, "signer key")
    if (private, key) != ("PRIVATE", "KEY"):
        raise NoteError("a signer key starts with PRIVATE+KEY+")
    seed = _key_material(name, hex_id, material, "signer key")
    signer = Signer(name, Ed25519PrivateKey.from_private_bytes(seed))
    if signer.verifier.key_id.hex() != hex_id:
        raise NoteError("the signer key's ID does not match its key")
    return signer


def format_skey(signer: Signer) -> str:
    material = _b64(bytes([ED25519]) + signer.private_key.private_bytes_raw())
    return f"PRIVATE+KEY+{signer.name}+{signer.verifier.key_id.hex()}+{material}"


@dataclass(frozen=True)
class Note:
    """A note's text (with its final newline) and its signatures, not yet verified."""

    text: str
    signatures: tuple[Signature, ...]

    def __str__(self) -> str:
        return self.text + "\n" + "".join(s.line() for s in self.signatures)


def sign_note(text: str, signers: Iterable[Signer]) -> str:
    """The signed note of ``text`` (which must end in a newline)."""
    _check_text(text)
    note = Note(text, tuple(signer.sign(text) for signer in signers))
    if not note.signatures:
        raise NoteError("a note needs at least one signature")
    return str(note)


def _check_text(text: str) -> None:
    if not text.endswith("\n"):
        raise NoteError("the note text must end in a newline")
    if _CONTROL.search(text):
        raise NoteError("the note holds a control character")


def parse_note(note: str) -> Note:
    """Split a signed note into its text and signatures (checks the form, not the signatures)."""
    _check_text(note)
    cut = note.rfind("\n\n")
    if cut < 0:
        raise NoteError("the note has no blank line before its signatures")
    text, lines = note[: cut + 1], note[cut + 2 :].splitlines()
    if not lines or len(lines) > MAX_SIGNATURES:
        raise NoteError(f"a note needs 1 to {MAX_SIGNATURES} signature lines")
    return Note(text, tuple(_parse_signature(line) for line in lines))


def _parse_signature(line: str) -> Signature:
    fields = line.split(" ")
    if len(fields) != 3 or fields[0] != DASH:
        raise NoteError(f"malformed signature line {line!r}")
    raw = _b64decode(fields[2], "a signature")
    if len(raw) < 5:
        raise NoteError("a signature is too short")
    return Signature(_check_name(fields[1]), raw[:4], raw[4:])


def open_note(note: str, verifiers: Sequence[Verifier]) -> Note:
    """Parse and verify a note: signatures of unknown keys are ignored, a known key's bad
    signature rejects the note, and at least one known key must have signed it."""
    parsed = parse_note(note)
    known = {(v.name, v.key_id): v for v in verifiers}
    verified = 0
    for signature in parsed.signatures:
        verifier = known.get((signature.name, signature.key_id))
        if verifier is None:
            continue
        if not verifier.verifies(parsed.text, signature):
            raise NoteError(f"the signature of {signature.name} does not verify")
        verified += 1
    if not verified:
        raise NoteError("no signature of a known key")
    return parsed


@dataclass(frozen=True)
class Checkpoint:
    """The body of a c2sp.org/tlog-checkpoint."""

    origin: str
    tree_size: int
    root_hash: bytes
    extensions: tuple[str, ...] = ()

    def text(self) -> str:
        lines = [self.origin, str(self.tree_size), _b64(self.root_hash), *self.extensions]
        return "".join(line + "\n" for line in lines)


def parse_checkpoint(text: str) -> Checkpoint:
    """A checkpoint from a note text (``Note.text``)."""
    _check_text(text)
    lines = text[:-1].split("\n")
    if len(lines) < 3 or not all(lines):
        raise NoteError("a checkpoint has an origin, a size, a root and no empty line")
    origin, size, root, *extensions = lines
    if not _DECIMAL.fullmatch(size):
        raise NoteError(f"the tree size {size!r} is not a decimal without leading zeros")
    return Checkpoint(origin, int(size), _b64decode(root, "the root hash"), tuple(extensions))


def sign_checkpoint(checkpoint: Checkpoint, signer: Signer) -> str:
    """The signed checkpoint note; the log's key name is its origin."""
    if signer.name != checkpoint.origin:
        raise NoteError(f"the key {signer.name!r} is not the log {checkpoint.origin!r}")
    return sign_note(checkpoint.text(), [signer])


def open_checkpoint(note: str, verifier: Verifier) -> Checkpoint:
    """Verify a signed checkpoint note with the log's key and read its body."""
    checkpoint = parse_checkpoint(open_note(note, [verifier]).text)
    if checkpoint.origin != verifier.name:
        raise NoteError(f"the checkpoint is of {checkpoint.origin!r}, not {verifier.name!r}")
    return checkpoint


def format_tlog_proof(index: int, proof: Sequence[bytes], note: str) -> str:
    """A c2sp.org/tlog-proof: the entry's index, its inclusion proof and the checkpoint."""
    lines = [TLOG_PROOF_HEADER, f"index {index}", *(_b64(h) for h in proof)]
    return "\n".join(lines) + "\n\n" + note


def parse_tlog_proof(text: str) -> tuple[int, list[bytes], str]:
    """The index, the proof hashes and the checkpoint note of a c2sp.org/tlog-proof (the
    ``extra`` line, opaque and unauthenticated, is skipped)."""
    head, sep, note = text.partition("\n\n")
    lines = head.split("\n")
    if not sep or lines[0] != TLOG_PROOF_HEADER:
        raise NoteError("not a c2sp.org/tlog-proof")
    rest = lines[2:] if len(lines) > 1 and lines[1].startswith("extra ") else lines[1:]
    if not rest or not rest[0].startswith("index ") or not _DECIMAL.fullmatch(rest[0][6:]):
        raise NoteError("the proof has no index line")
    return int(rest[0][6:]), [_b64decode(h, "a proof hash") for h in rest[1:]], note


def signing_key(path: Path) -> Ed25519PrivateKey:
    """The Ed25519 key in a PEM file, made on first use (mode 0600, in a 0700 folder).
    A key file that others may read is refused."""
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # made meanwhile by another process: use that one
            return signing_key(path)
        with os.fdopen(fd, "wb") as out:
            out.write(pem)
        return key
    if path.stat().st_mode & 0o077:
        raise RuleViolation(f"The key {path} may be read by others: chmod 600 it.")
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise RuleViolation(f"The key {path} is not an Ed25519 key.")
    return loaded


def default_origin(key: Ed25519PrivateKey) -> str:
    """A log name (checkpoint origin and key name) for when none is chosen: unique per key."""
    public = key.public_key().public_bytes_raw()
    return f"sijill.audit/{hashlib.sha256(public).hexdigest()[:16]}"
