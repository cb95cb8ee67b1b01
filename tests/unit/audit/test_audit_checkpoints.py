"""Signed notes and checkpoints against the C2SP examples (read from the specifications) and
Go's sumdb/note example; then what a verifier must refuse."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sijill.audit import checkpoints as cp

pytestmark = pytest.mark.unit

VECTORS = Path(__file__).parents[2] / "data" / "vectors"
NOTES = json.loads((VECTORS / "extracted" / "signed-note-vectors.json").read_text())


def _fenced(spec: str) -> list[str]:
    """The fenced examples of a C2SP specification, each ending in a newline."""
    text = (VECTORS / "c2sp" / spec).read_text(encoding="utf-8")
    return [block for block in re.findall(r"^```\n(.*?)^```$", text, re.S | re.M)]


def _signer(name: str = "registry.example/audit") -> cp.Signer:
    return cp.Signer(name, Ed25519PrivateKey.from_private_bytes(bytes(range(32))))


def test_the_c2sp_signed_note_example_verifies_with_its_key():
    example = NOTES["c2sp_signed_note_example"]
    assert _fenced("signed-note.md")[-1] == example["note"]  # the extracted copy is the spec's
    key = cp.parse_vkey(example["vkey"])
    assert (key.name, key.key_id.hex()) == ("example.com/foo", "530d903a")
    assert key.vkey == example["vkey"]
    note = cp.open_note(example["note"], [key])
    assert note.text == "This is an example message.\n"
    assert str(note) == example["note"]


def test_the_go_sumdb_example_is_reproduced_byte_for_byte():
    example = NOTES["go_sumdb_note_example"]
    signer, key = cp.parse_skey(example["skey"]), cp.parse_vkey(example["vkey"])
    text = cp.open_note(example["note"], [key]).text
    assert cp.sign_note(text, [signer]) == example["note"]  # Ed25519 is deterministic
    assert cp.format_skey(signer) == example["skey"]
    assert signer.verifier == key


def test_a_note_with_blank_lines_in_its_text_splits_at_the_last_one():
    quasimodo = _fenced("signed-note.md")[0]
    note = cp.parse_note(quasimodo)
    assert note.text.endswith("trafitto da un raggio di sole:\n\ned è subito sera.\n")
    assert [s.name for s in note.signatures] == ["quasimodo.example/salvatore"]
    assert str(note) == quasimodo


def test_the_c2sp_checkpoint_example_parses_and_needs_its_own_key():
    example = _fenced("tlog-checkpoint.md")[0]
    body = cp.parse_checkpoint(cp.parse_note(example).text)
    assert (body.origin, body.tree_size) == ("example.com/behind-the-sofa", 20852163)
    assert (
        base64.b64encode(body.root_hash).decode() == "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="
    )
    assert body.text() == cp.parse_note(example).text
    stranger = _signer("example.com/behind-the-sofa").verifier  # same name, another key
    with pytest.raises(cp.NoteError, match="no signature of a known key"):
        cp.open_checkpoint(example, stranger)


def test_the_c2sp_tlog_proof_example_parses_and_formats_back():
    example = _fenced("tlog-proof.md")[0]
    index, proof, note = cp.parse_tlog_proof(example)
    assert index == 73894
    assert len(proof) == 5 and all(len(h) == 32 for h in proof)
    assert note.startswith("example.com/fancylog\n109482\n")
    without_extra = "\n".join(line for line in example.split("\n") if not line.startswith("extra"))
    assert cp.format_tlog_proof(index, proof, note) == without_extra


def test_a_signed_checkpoint_round_trips():
    signer = _signer()
    body = cp.Checkpoint(signer.name, 7, bytes(range(32)), ("ext line",))
    note = cp.sign_checkpoint(body, signer)
    assert note.startswith(f"{signer.name}\n7\n{base64.b64encode(bytes(range(32))).decode()}\n")
    assert cp.open_checkpoint(note, signer.verifier) == body
    assert cp.parse_vkey(signer.verifier.vkey) == signer.verifier


def test_unknown_signatures_are_ignored_and_a_known_bad_one_rejects():
    ours, theirs = _signer(), cp.Signer("witness.example", Ed25519PrivateKey.generate())
    text = cp.Checkpoint(ours.name, 1, bytes(32)).text()
    note = cp.sign_note(text, [theirs, ours])
    assert cp.open_note(note, [ours.verifier]).text == text
    forged = note.replace(text, cp.Checkpoint(ours.name, 2, bytes(32)).text())
    with pytest.raises(cp.NoteError, match="does not verify"):
        cp.open_note(forged, [ours.verifier])
    renamed = cp.Signer("other", ours.private_key)  # a checkpoint of another log's name
    with pytest.raises(cp.NoteError, match="not 'other'"):
        cp.open_checkpoint(cp.sign_note(text, [renamed]), renamed.verifier)


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("text\n\n— a AAAAAAA=", "end in a newline"),
        ("text\n— a AAAAAAA=\n", "no blank line"),
        ("text\n\n", "signature lines"),
        ("te\x07xt\n\n— a AAAAAAA=\n", "control character"),
        ("text\n\n- a AAAAAAA=\n", "malformed signature line"),
        ("text\n\n— a+b AAAAAAA=\n", "holds a space or"),
        ("text\n\n— a !!!!\n", "not valid base64"),
        ("text\n\n— a AAAA\n", "too short"),
    ],
)
def test_malformed_notes_are_refused(note: str, message: str):
    with pytest.raises(cp.NoteError, match=message):
        cp.parse_note(note)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("origin\n7\n", "an origin, a size, a root"),
        ("origin\n07\nAAAA\n", "leading zeros"),
        ("origin\n-1\nAAAA\n", "leading zeros"),
        ("origin\n\n7\nAAAA\n", "an origin, a size, a root"),
        ("origin\n7\n@@@@\n", "not valid base64"),
    ],
)
def test_malformed_checkpoints_are_refused(text: str, message: str):
    with pytest.raises(cp.NoteError, match=message):
        cp.parse_checkpoint(text)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: cp.parse_vkey("name+530d903a"), "malformed verifier key"),
        (
            lambda: cp.parse_vkey(
                "example.com/foo+530d903b+"
                + NOTES["c2sp_signed_note_example"]["vkey"].split("+", 2)[2]
            ),
            "does not match",
        ),
        (
            lambda: cp.parse_vkey("name+530D903A+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"),
            "malformed key ID",
        ),
        (lambda: cp.parse_vkey("name+530d903a+AAAA"), "not an Ed25519 key"),
        (lambda: cp.parse_skey("PUBLIC+KEY+n+530d903a+AAAA"), "starts with PRIVATE"),
        (lambda: cp.sign_note("no newline", [_signer()]), "end in a newline"),
        (lambda: cp.sign_note("text\n", []), "at least one signature"),
        (lambda: cp.Signer("two words", Ed25519PrivateKey.generate()), "holds a space"),
        (lambda: cp.sign_checkpoint(cp.Checkpoint("log", 0, bytes(32)), _signer()), "not the log"),
        (lambda: cp.parse_tlog_proof("c2sp.org/tlog-proof@v1\nindex 01\n\nnote"), "no index"),
        (lambda: cp.parse_tlog_proof("something else\n\nnote"), "not a c2sp.org/tlog-proof"),
    ],
)
def test_malformed_keys_and_uses_are_refused(call, message):
    with pytest.raises(cp.NoteError, match=message):
        call()
