"""Verify the audit log and its signed checkpoints, and say what fails (pure).

The log comes as records, from the database or from an export (no database needed):
every entry's hash is recomputed from its fields; the RFC 6962 tree over the entry hashes
is recomputed and its root compared with each signed checkpoint's (and consecutive ones
checked with a consistency proof); and the entries each checkpoint covered (its locator:
their seqs and the first bytes of their hashes) are compared with those found, to name an
entry rewritten with its hash, moved, removed or inserted. The signed roots detect such a
change; the locator names it.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sijill.audit import checkpoints as c2sp
from sijill.audit import merkle

FINGERPRINT_SIZE = 4
MAX_PROBLEMS = 1000  # itemised in a report; the rest are counted
MAX_UNEXPLAINED = 100_000  # differences from the locators held in memory to be explained


CANONICAL = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
)  # made once: ``json.dumps`` with these options builds an encoder on every call


def body_hash(body: Mapping[str, Any]) -> str:
    """An entry's hash from its body: SHA-256 of its canonical JSON, as the service does."""
    return hashlib.sha256(CANONICAL.encode(body).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One audit entry as verification reads it: its fields (``body``), or only whether they
    still hash to ``entry_hash`` when that was checked elsewhere (None: not checked at all,
    as in a hashes-only export)."""

    seq: int
    entry_hash: str
    body: Mapping[str, Any] | None
    fields_match: bool | None = None


@dataclass(frozen=True)
class StoredCheckpoint:
    """A checkpoint record: the signed note, and the locator of the entries it added."""

    id: int | None  # None: a checkpoint note the verifier kept, not one of the log's records
    tree_size: int
    root_hash: bytes
    note: str
    seq_ranges: Sequence[Sequence[int]] = ()
    fingerprints: bytes = b""

    @property
    def name(self) -> str:
        which = f"checkpoint #{self.id}" if self.id is not None else "kept checkpoint"
        return f"{which} (tree size {self.tree_size})"


@dataclass(frozen=True)
class Problem:
    """One failure, naming the entry (``seq``) or the checkpoint (id), and why."""

    kind: str
    message: str
    seq: int | None = None
    checkpoint: int | None = None


@dataclass
class Report:
    entries: int = 0
    checkpoints: int = 0
    verified_size: int = 0  # entries covered by the largest checkpoint whose root matched
    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, kind: str, message: str, seq: int | None = None, cp: int | None = None) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(kind, message, seq, cp))
        else:
            self.more_problems += 1

    def as_json(self) -> dict[str, Any]:
        return {"ok": self.ok, **asdict(self)}


@dataclass(frozen=True)
class Signed:
    """A checkpoint whose signature verified: the size and root it vouches for."""

    record: StoredCheckpoint
    size: int
    root: bytes


def signed_checkpoints(
    records: Sequence[StoredCheckpoint], key: c2sp.Verifier | None, report: Report
) -> list[Signed]:
    signed: list[Signed] = []
    last = -1
    for cp in records:
        if cp.id is not None:
            if cp.tree_size <= last:
                report.add("checkpoint-order", f"{cp.name} is not after the one before", cp=cp.id)
            last = max(last, cp.tree_size)
        if key is None:
            report.add("checkpoint-signature", f"{cp.name}: no key to verify it with", cp=cp.id)
            continue
        try:
            body = c2sp.open_checkpoint(cp.note, key)
        except c2sp.NoteError as exc:
            report.add("checkpoint-signature", f"{cp.name}: {exc}", cp=cp.id)
            continue
        if (body.tree_size, body.root_hash) != (cp.tree_size, cp.root_hash):
            message = f"{cp.name}: its stored size or root differs from its signed note"
            report.add("checkpoint-body", message, cp=cp.id)
        signed.append(Signed(cp, body.tree_size, body.root_hash))
    return signed


def valid_locators(records: Sequence[StoredCheckpoint], report: Report) -> list[StoredCheckpoint]:
    """The checkpoints, by size, whose locators fit together (up to the first that does not)."""
    valid: list[StoredCheckpoint] = []
    size, last_seq = 0, -1
    for cp in sorted((r for r in records if r.id is not None), key=lambda r: r.tree_size):
        count, ok = 0, True
        for first, last in cp.seq_ranges:
            ok = ok and last_seq < first <= last
            count, last_seq = count + last - first + 1, last
        fits = count == cp.tree_size - size and len(cp.fingerprints) == FINGERPRINT_SIZE * count
        if not (ok and fits):
            message = f"{cp.name}: its locator does not fit its entries (none named from here)"
            report.add("checkpoint-locator", message, cp=cp.id)
            break
        valid.append(cp)
        size = cp.tree_size
    return valid


Expected = tuple[int, bytes, int | None]  # seq, fingerprint, checkpoint id


def _expected(records: Sequence[StoredCheckpoint]) -> Iterator[Expected]:
    for cp in records:
        fps, at = cp.fingerprints, 0
        for first, last in cp.seq_ranges:
            for seq in range(first, last + 1):
                yield seq, fps[at : at + FINGERPRINT_SIZE], cp.id
                at += FINGERPRINT_SIZE


class _Locator:
    """Compares the entries found with those the checkpoints covered, to name what changed."""

    def __init__(self, records: list[StoredCheckpoint], report: Report, gaps: bool) -> None:
        self.report, self.gaps = report, gaps
        self.expected = _expected(records)
        self.next = next(self.expected, None)
        ends = [cp.seq_ranges[-1][1] for cp in records if cp.seq_ranges]
        self.covered_to: int | None = ends[-1] if ends else None
        self.previous = self.covered_to if self.covered_to is not None or not gaps else 0
        self.lost: dict[bytes, tuple[int, int | None, bool]] = {}  # fp -> seq, cp, replaced
        self.odd: list[tuple[int, bytes, bytes | None]] = []  # seq, fp found, fp expected
        self.dropped = 0

    def see(self, seq: int, fp: bytes) -> None:
        while self.next is not None and self.next[0] < seq:
            self._lose(self.next, replaced=False)
        expected = self.next
        if expected is not None and expected[0] == seq:
            if expected[1] != fp:
                self._lose(expected, replaced=True)
                self._odd(seq, fp, expected[1])
            else:
                self.next = next(self.expected, None)
        elif self.covered_to is not None and seq <= self.covered_to:
            self._odd(seq, fp, None)
        else:
            self._tail(seq, fp)

    def _lose(self, expected: Expected, replaced: bool) -> None:
        seq, fp, cp = expected
        if len(self.lost) < MAX_UNEXPLAINED:
            self.lost[fp] = (seq, cp, replaced)
        else:
            self.dropped += 1
        self.next = next(self.expected, None)

    def _odd(self, seq: int, fp: bytes, expected: bytes | None) -> None:
        if len(self.odd) < MAX_UNEXPLAINED:
            self.odd.append((seq, fp, expected))
        else:
            self.dropped += 1

    def _tail(self, seq: int, fp: bytes) -> None:
        """An entry after the checkpoints: only a gap before it, or a lost entry, is telling."""
        if fp in self.lost:
            self._odd(seq, fp, None)
        previous, self.previous = self.previous, seq
        if previous is None or seq <= previous + 1:
            return
        gap = f"seq {previous + 1}" + (f" to {seq - 1}" if seq - 1 > previous + 1 else "")
        if self.gaps:
            message = f"entry {gap} was removed (after the latest checkpoint)"
            self.report.add("entry-removed", message, seq=previous + 1)
        else:
            self.report.notes.append(f"no entry {gap}: a rolled-back transaction, or removed")

    def finish(self) -> None:
        while self.next is not None:
            self._lose(self.next, replaced=False)
        if self.dropped:
            self.report.notes.append(f"{self.dropped} more differences were not itemised")
        moved = self._explain_moves()
        self._explain_rest(moved)

    def _explain_moves(self) -> dict[bytes, int]:
        moved: dict[bytes, int] = {}
        for seq, fp, _ in self.odd:
            origin = self.lost.get(fp)
            if origin is not None and origin[0] != seq:
                message = (
                    f"entry seq {seq} is the entry checkpointed as seq {origin[0]}: "
                    "entries were reordered or shifted"
                )
                self.report.add("entry-moved", message, seq=seq, cp=origin[1])
                moved[fp] = seq
        return moved

    def _explain_rest(self, moved: dict[bytes, int]) -> None:
        add = self.report.add
        for seq, fp, expected in self.odd:
            if moved.get(fp) == seq:
                continue
            if expected is None:
                add("entry-inserted", f"entry seq {seq} was inserted: no checkpoint had it", seq)
            elif expected in moved:
                where = moved[expected]
                add("entry-inserted", f"entry seq {seq} was inserted before seq {where}", seq)
            else:
                message = f"entry seq {seq} was rewritten: its content and hash both changed"
                add("entry-rewritten", message, seq)
        for fp, (seq, cp, replaced) in self.lost.items():
            if fp not in moved and not replaced:
                add("entry-removed", f"entry seq {seq} was removed", seq, cp)


class _Walk:
    """One pass over the entries in ``seq`` order: entry hashes, roots, locators."""

    def __init__(self, signed: list[Signed], locator: _Locator, report: Report) -> None:
        self.report, self.locator = report, locator
        self.at_size: dict[int, list[Signed]] = {}
        for cp in signed:
            self.at_size.setdefault(cp.size, []).append(cp)
        sizes = sorted(s for s in self.at_size if s > 0)
        self.pairs = list(itertools.pairwise(sizes))
        wanted = (r for m, n in self.pairs for r in merkle.consistency_ranges(m, n))
        self.tree = merkle.TreeBuilder(wanted)
        self.last_seq: int | None = None
        self.matched: dict[int, bool] = {}
        if 0 in self.at_size:
            self._check_root()

    def entry(self, entry: LogEntry) -> None:
        self.report.entries += 1
        seq, stored = entry.seq, entry.entry_hash
        if self.last_seq is not None and seq <= self.last_seq:
            self.report.add("entry-order", f"entry seq {seq} comes after seq {self.last_seq}", seq)
        self.last_seq = seq
        leaf = _leaf_data(stored)
        if leaf is None:
            self.report.add("entry-hash", f"entry seq {seq} has a malformed hash {stored!r}", seq)
            leaf = bytes(merkle.HASH_SIZE)
        elif entry.fields_match is False or (
            entry.body is not None and body_hash(entry.body) != stored
        ):
            message = f"entry seq {seq} was changed: its fields do not hash to its entry hash"
            self.report.add("entry-hash", message, seq)
        self.locator.see(seq, leaf[:FINGERPRINT_SIZE])
        self.tree.append(merkle.leaf_hash(leaf))
        if self.tree.size in self.at_size:
            self._check_root()

    def _check_consistency(self, m: int, n: int) -> None:
        first, second = self.at_size[m][0], self.at_size[n][0]
        proof = [self.tree.captured[r] for r in merkle.consistency_ranges(m, n)]
        try:
            merkle.verify_consistency(m, n, proof, first.root, second.root)
        except merkle.ProofError:
            message = (
                f"{second.record.name} does not extend {first.record.name} in the stored log: "
                f"the change is among entries {m + 1} to {n}"
            )
            self.report.add("checkpoint-consistency", message, cp=second.record.id)

    def _check_root(self) -> None:
        size, root = self.tree.size, self.tree.root()
        self.matched[size] = all(cp.root == root for cp in self.at_size[size])
        for cp in self.at_size[size]:
            if cp.root == root:
                self.report.verified_size = max(self.report.verified_size, size)
                continue
            upto = f" (to seq {self.last_seq})" if self.last_seq is not None else ""
            message = (
                f"{cp.record.name}: the first {size} entries{upto} do not hash to its signed "
                "root: an entry among them was changed, moved, removed or inserted"
            )
            self.report.add("checkpoint-root", message, cp=cp.record.id)

    def finish(self) -> None:
        size = self.tree.size
        for cp in (c for s, cps in sorted(self.at_size.items()) if s > size for c in cps):
            message = f"{cp.record.name} signed {cp.size} entries but the log holds {size}"
            self.report.add("checkpoint-beyond", message, cp=cp.record.id)
        for m, n in self.pairs:
            if n <= size and self.matched[m]:  # after a mismatch, later ones say nothing new
                self._check_consistency(m, n)
        self.locator.finish()


def _leaf_data(entry_hash: str) -> bytes | None:
    try:
        data = bytes.fromhex(entry_hash)
    except ValueError:
        return None
    return data if len(data) == merkle.HASH_SIZE else None


def verify_log(
    entries: Iterable[LogEntry],
    checkpoints: Sequence[StoredCheckpoint],
    key: c2sp.Verifier | None,
    *,
    gaps_are_removals: bool = False,
    kept: Sequence[str] = (),
) -> Report:
    """Verify the log: ``entries`` in ``seq`` order (streamed), ``checkpoints`` in creation
    order, ``key`` the log's verifier key. ``kept``: checkpoint notes an observer kept from
    earlier, each checked against the entries too. ``gaps_are_removals``: a seq missing after
    the latest checkpoint is a removal (SQLite reuses no seq and skips none) rather than a
    rolled-back transaction (a PostgreSQL sequence skips those)."""
    report = Report(checkpoints=len(checkpoints))
    signed = signed_checkpoints(
        [*checkpoints, *(kept_checkpoint(note) for note in kept)], key, report
    )
    located = valid_locators(checkpoints, report)
    walk = _Walk(signed, _Locator(located, report, gaps_are_removals), report)
    for entry in entries:
        walk.entry(entry)
    walk.finish()
    if not checkpoints:
        report.notes.append("the log has no checkpoint yet: only the entry hashes were checked")
    return report


def kept_checkpoint(note: str) -> StoredCheckpoint:
    try:
        body = c2sp.parse_checkpoint(c2sp.parse_note(note).text)
    except c2sp.NoteError:
        return StoredCheckpoint(None, -1, b"", note)  # fails its signature check, named
    return StoredCheckpoint(None, body.tree_size, body.root_hash, note)


# The export: what an observer verifies with no database (`sijill audit verify-export`).

EXPORT_FORMAT = "sijill-audit-export/1"
ENTRIES_FILE, CHECKPOINTS_FILE = "entries.jsonl", "checkpoints.jsonl"
MANIFEST_FILE, KEY_FILE, LATEST_FILE = "manifest.json", "log.vkey", "checkpoint"


def entry_record(entry: LogEntry) -> dict[str, Any]:
    record: dict[str, Any] = {"seq": entry.seq, "entry_hash": entry.entry_hash}
    if entry.body is not None:
        record["entry"] = entry.body
    return record


def checkpoint_record(cp: StoredCheckpoint, created_at: str) -> dict[str, Any]:
    return {
        "id": cp.id,
        "created_at": created_at,
        "tree_size": cp.tree_size,
        "root_hash": cp.root_hash.hex(),
        "note": cp.note,
        "seq_ranges": [list(r) for r in cp.seq_ranges],
        "fingerprints": cp.fingerprints.hex(),
    }


def _records(lines: Iterable[str], what: str) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{what} line {number} is not JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise ValueError(f"{what} line {number} is not a JSON object")
        yield record


def read_entries(lines: Iterable[str]) -> Iterator[LogEntry]:
    for record in _records(lines, ENTRIES_FILE):
        yield LogEntry(int(record["seq"]), str(record["entry_hash"]), record.get("entry"))


def read_checkpoints(lines: Iterable[str]) -> list[StoredCheckpoint]:
    return [
        StoredCheckpoint(
            r["id"],
            int(r["tree_size"]),
            bytes.fromhex(r["root_hash"]),
            str(r["note"]),
            [(int(a), int(b)) for a, b in r["seq_ranges"]],
            bytes.fromhex(r["fingerprints"]),
        )
        for r in _records(lines, CHECKPOINTS_FILE)
    ]


def verify_export(
    read_text: Callable[[str], Iterable[str]], key: c2sp.Verifier | None, kept: Sequence[str] = ()
) -> Report:
    """Verify an export given a reader of its files (name -> lines)."""
    manifest = json.loads("".join(read_text(MANIFEST_FILE)))
    if manifest.get("format") != EXPORT_FORMAT:
        raise ValueError(f"not a {EXPORT_FORMAT} export")
    checkpoints = read_checkpoints(read_text(CHECKPOINTS_FILE))
    entries = read_entries(read_text(ENTRIES_FILE))
    gaps = bool(manifest.get("gaps_are_removals"))
    report = verify_log(entries, checkpoints, key, gaps_are_removals=gaps, kept=kept)
    if manifest.get("hashes_only"):
        report.notes.append("a hashes-only export: the entries' fields were not checked")
    return report
