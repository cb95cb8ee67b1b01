"""Verification of a log held in memory: every kind of tampering is detected and named."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sijill.audit import merkle, verify
from sijill.audit.checkpoints import Checkpoint, Signer, sign_checkpoint
from sijill.audit.verify import LogEntry, StoredCheckpoint

pytestmark = pytest.mark.unit

SIGNER = Signer("test.example/audit", Ed25519PrivateKey.from_private_bytes(bytes(32)))
KEY = SIGNER.verifier


def entry(seq: int, what: str = "") -> LogEntry:
    body = {
        "at": f"2026-01-01T00:00:{seq % 60:02d}+00:00",
        "actor": "amina",
        "actor_id": None,
        "office": "RAQ",
        "tag": "registry:person:update",
        "object_type": "person",
        "object_id": f"p{seq}{what}",
        "data": {"fields": ["names"], "n": seq},
    }
    return LogEntry(seq, verify.body_hash(body), body)


def checkpoints(entries: list[LogEntry], sizes: Iterable[int]) -> list[StoredCheckpoint]:
    """Checkpoints at ``sizes`` as the service makes them: signed note, then the locator."""
    made: list[StoredCheckpoint] = []
    tree, done = merkle.TreeBuilder(), 0
    for number, size in enumerate(sizes, 1):
        added = entries[done:size]
        tree.extend(merkle.leaf_hash(bytes.fromhex(e.entry_hash)) for e in added)
        ranges: list[list[int]] = []
        for e in added:
            if ranges and ranges[-1][1] == e.seq - 1:
                ranges[-1][1] = e.seq
            else:
                ranges.append([e.seq, e.seq])
        fps = b"".join(bytes.fromhex(e.entry_hash)[:4] for e in added)
        note = sign_checkpoint(Checkpoint(SIGNER.name, size, tree.root()), SIGNER)
        made.append(StoredCheckpoint(number, size, tree.root(), note, ranges, fps))
        done = size
    return made


LOG = [entry(seq) for seq in range(1, 21)]
CHECKPOINTS = checkpoints(LOG, [0, 5, 12, 18])


def kinds(report: verify.Report) -> set[tuple[str, int | None, int | None]]:
    return {(p.kind, p.seq, p.checkpoint) for p in report.problems}


def check(
    entries: list[LogEntry], cps: list[StoredCheckpoint] = CHECKPOINTS, **kw
) -> verify.Report:
    return verify.verify_log(iter(entries), cps, KEY, **kw)


def without(seq: int) -> list[LogEntry]:
    return [e for e in LOG if e.seq != seq]


def test_an_intact_log_verifies():
    report = check(LOG, gaps_are_removals=True)
    assert report.ok, report.problems
    assert (report.entries, report.checkpoints, report.verified_size) == (20, 4, 18)


def test_a_changed_entry_is_named():
    changed = [
        dataclasses.replace(e, body={**e.body, "actor": "x"}) if e.seq == 3 else e for e in LOG
    ]  # type: ignore[dict-item]
    assert kinds(check(changed)) == {("entry-hash", 3, None)}


def test_a_rewritten_entry_is_named_and_the_checkpoints_it_breaks():
    rewritten = [entry(7, "forged") if e.seq == 7 else e for e in LOG]
    assert kinds(check(rewritten)) == {
        ("entry-rewritten", 7, None),
        ("checkpoint-root", None, 3),
        ("checkpoint-root", None, 4),
        ("checkpoint-consistency", None, 3),  # the change is between checkpoints 2 and 3
    }


def test_a_removed_entry_is_named():
    found = kinds(check(without(9)))
    assert ("entry-removed", 9, 3) in found
    assert {k for k, _, _ in found} == {
        "entry-removed",
        "checkpoint-root",
        "checkpoint-consistency",
    }


def test_removing_the_last_checkpointed_entries_is_named():
    found = kinds(check(LOG[:16]))
    assert {
        ("entry-removed", 17, 4),
        ("entry-removed", 18, 4),
        ("checkpoint-beyond", None, 4),
    } <= found


def test_reordered_entries_are_named():
    swapped = [
        *LOG[:9],
        dataclasses.replace(LOG[10], seq=10),
        dataclasses.replace(LOG[9], seq=11),
        *LOG[11:],
    ]
    found = kinds(check(swapped))
    assert {("entry-moved", 10, 3), ("entry-moved", 11, 3)} <= found
    assert not any(k in {"entry-removed", "entry-inserted", "entry-rewritten"} for k, _, _ in found)


def test_an_entry_inserted_with_the_later_ones_shifted_is_named():
    forged = entry(6, "forged")
    shifted = [*LOG[:5], forged, *(dataclasses.replace(e, seq=e.seq + 1) for e in LOG[5:])]
    found = kinds(check(shifted))
    assert ("entry-inserted", 6, None) in found
    assert ("entry-moved", 7, 2) not in found  # seq 6 was checkpoint 3's
    assert {("entry-moved", 7, 3), ("entry-moved", 19, 4)} <= found  # 19: now after the last
    assert not [p for p in found if p[1] == 20]  # it holds seq 19, which no checkpoint had


def test_an_entry_inserted_into_a_gap_is_named():
    gapped = [e for e in LOG if e.seq != 8]  # as PostgreSQL leaves one after a rollback
    cps = checkpoints(gapped, [5, 12])
    assert check(gapped, cps).ok
    assert kinds(check(LOG, cps)) >= {("entry-inserted", 8, None), ("checkpoint-root", None, 2)}


def test_a_gap_after_the_checkpoints_is_a_removal_only_where_seqs_skip_nothing():
    assert kinds(check(without(19), gaps_are_removals=True)) == {("entry-removed", 19, None)}
    lenient = check(without(19))
    assert lenient.ok
    assert lenient.notes == ["no entry seq 19: a rolled-back transaction, or removed"]
    no_checkpoint = check(LOG[2:], [], gaps_are_removals=True)
    assert kinds(no_checkpoint) == {("entry-removed", 1, None)}
    assert "seq 1 to 2" in no_checkpoint.problems[0].message


def test_out_of_order_entries_are_named():
    assert ("entry-order", 4, None) in kinds(check([*LOG[:4], LOG[3], *LOG[4:]]))


def test_a_malformed_entry_hash_is_named():
    broken = [dataclasses.replace(e, entry_hash="zz") if e.seq == 2 else e for e in LOG]
    assert ("entry-hash", 2, None) in kinds(check(broken))


def test_checkpoints_signed_by_another_key_or_altered_are_named():
    other = Signer(SIGNER.name, Ed25519PrivateKey.generate())
    resigned = dataclasses.replace(
        CHECKPOINTS[1],
        note=sign_checkpoint(Checkpoint(SIGNER.name, 5, CHECKPOINTS[1].root_hash), other),
    )
    altered = dataclasses.replace(CHECKPOINTS[2], root_hash=bytes(32))
    found = kinds(check(LOG, [CHECKPOINTS[0], resigned, altered, CHECKPOINTS[3]]))
    assert found == {("checkpoint-signature", None, 2), ("checkpoint-body", None, 3)}
    assert kinds(verify.verify_log(iter(LOG), CHECKPOINTS[:2], None)) == {
        ("checkpoint-signature", None, 1),
        ("checkpoint-signature", None, 2),
    }


def test_checkpoints_out_of_order_or_with_a_broken_locator_are_named():
    found = kinds(check(LOG, [CHECKPOINTS[0], CHECKPOINTS[2], CHECKPOINTS[1], CHECKPOINTS[3]]))
    assert found == {("checkpoint-order", None, 2)}
    short = dataclasses.replace(CHECKPOINTS[2], fingerprints=CHECKPOINTS[2].fingerprints[:-4])
    assert kinds(check(LOG, [*CHECKPOINTS[:2], short, CHECKPOINTS[3]])) == {
        ("checkpoint-locator", None, 3)
    }


def test_a_checkpoint_kept_by_an_observer_catches_a_history_rewritten_and_re_signed():
    kept = CHECKPOINTS[2].note
    history = [entry(7, "rewritten") if e.seq == 7 else e for e in LOG]
    resigned = checkpoints(history, [5, 12, 18])  # the operator re-signed everything
    assert check(history, resigned).ok
    report = check(history, resigned, kept=[kept])
    assert [(p.kind, p.message.split(":")[0]) for p in report.problems] == [
        ("checkpoint-root", "kept checkpoint (tree size 12)")
    ]
    assert kinds(check(LOG, CHECKPOINTS, kept=["not a note"])) == {
        ("checkpoint-signature", None, None)
    }


def test_problems_past_the_limit_are_counted(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(verify, "MAX_PROBLEMS", 2)
    report = check([dataclasses.replace(e, entry_hash="00" * 32) for e in LOG])
    assert len(report.problems) == 2 and report.more_problems > 0
    assert report.as_json()["ok"] is False


def _export(entries: list[LogEntry], cps: list[StoredCheckpoint], **manifest) -> dict[str, str]:
    lines = lambda records: "".join(json.dumps(r) + "\n" for r in records)  # noqa: E731
    return {
        verify.MANIFEST_FILE: json.dumps({"format": verify.EXPORT_FORMAT, **manifest}),
        verify.ENTRIES_FILE: lines(verify.entry_record(e) for e in entries),
        verify.CHECKPOINTS_FILE: lines(verify.checkpoint_record(c, "2026-01-01") for c in cps),
    }


def test_an_export_verifies_with_no_database():
    files = _export(LOG, CHECKPOINTS, gaps_are_removals=True)
    report = verify.verify_export(lambda name: files[name].splitlines(True), KEY)
    assert report.ok and report.verified_size == 18
    tampered = _export(without(14), CHECKPOINTS, gaps_are_removals=True)
    report = verify.verify_export(lambda name: tampered[name].splitlines(True), KEY)
    assert ("entry-removed", 14, 4) in kinds(report)


def test_a_hashes_only_export_still_checks_the_tree():
    hashes = [dataclasses.replace(e, body=None) for e in LOG]
    files = _export(hashes, CHECKPOINTS, hashes_only=True)
    report = verify.verify_export(lambda name: files[name].splitlines(True), KEY)
    assert report.ok
    assert "the entries' fields were not checked" in report.notes[-1]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (verify.MANIFEST_FILE, '{"format": "other"}', "not a sijill-audit-export/1 export"),
        (verify.ENTRIES_FILE, "{not json\n", "entries.jsonl line 1 is not JSON"),
        (verify.CHECKPOINTS_FILE, "[1]\n", "checkpoints.jsonl line 1 is not a JSON object"),
    ],
)
def test_a_malformed_export_is_refused(name: str, content: str, message: str):
    files = {**_export(LOG, CHECKPOINTS), name: content}
    with pytest.raises(ValueError, match=message):
        verify.verify_export(lambda n: files[n].splitlines(True), KEY)
