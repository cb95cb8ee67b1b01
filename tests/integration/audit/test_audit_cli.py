"""``sijill audit`` against a fresh SQLite file, as an operator and an observer use it."""

from __future__ import annotations

import argparse
import base64
import io
import json
import sqlite3
import sys
from pathlib import Path

import pytest

import sijill.cli
from sijill.audit import merkle
from sijill.cli import audit as audit_cli

pytestmark = pytest.mark.integration

_build_parser = sijill.cli.build_parser


def _parser_with_audit() -> argparse.ArgumentParser:
    """The ``sijill`` parser, with ``audit`` added unless ``sijill.cli`` registers it already."""
    parser = _build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if "audit" not in commands.choices:
        audit_cli.register(commands)
    return parser


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str], data: Path) -> None:
        self.capsys, self.data = capsys, data

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = sijill.cli.main(list(argv))
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *argv: str) -> str:
        code, out, err = self(*argv)
        assert (code, err) == (0, ""), err
        return out

    def sql(self, statement: str, *params: object) -> None:
        with sqlite3.connect(self.data / "sijill.db") as db:
            db.execute(statement, params)


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Cli:
    monkeypatch.setenv("SIJILL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SIJILL_DATABASE_URL", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    monkeypatch.setattr(sijill.cli, "build_parser", _parser_with_audit)
    cli = Cli(capsys, tmp_path / "data")
    cli.ok("init", "--password", "a-long-cli-password")
    for code in ("RAQ", "HAS", "DEZ"):
        cli.ok("offices", "add", code, f"Office {code}")
    return cli


def test_checkpoint_verify_and_prove(cli: Cli):
    out = cli.ok("audit", "checkpoint")
    assert out.startswith("checkpoint #1\nsijill.audit/")
    key = cli.data / "keys" / "audit-ed25519.pem"
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    cli.ok("offices", "add", "AFR", "Office AFR")
    assert "checkpoint #2" in cli.ok("audit", "checkpoint")
    assert "ok: 8 entries, 2 checkpoints; 7 entries are covered" in cli.ok("audit", "verify")
    proof = json.loads(cli.ok("audit", "prove", "3"))
    leaf = merkle.leaf_hash(bytes.fromhex(proof["entry_hash"]))
    hashes = [base64.b64decode(h) for h in proof["inclusion_proof"]]
    root = base64.b64decode(proof["root_hash"])
    merkle.verify_inclusion(leaf, proof["leaf_index"], proof["tree_size"], hashes, root)
    assert proof["tlog_proof"].startswith("c2sp.org/tlog-proof@v1\nindex 2\n")


def test_tampering_makes_verify_fail_and_name_the_entry(cli: Cli):
    cli.ok("audit", "checkpoint")
    cli.sql('UPDATE audit_entry SET data = \'{"code": "XXX"}\' WHERE seq = 3')
    code, out, _ = cli("audit", "verify")
    assert code == 1
    assert "FAIL entry-hash: entry seq 3 was changed" in out
    assert out.rstrip().endswith("entries are covered by a verified checkpoint")
    cli.sql("DELETE FROM audit_entry WHERE seq = 2")
    code, out, _ = cli("audit", "verify", "--format", "json")
    report = json.loads(out)
    assert code == 1 and not report["ok"]
    assert {"kind": "entry-removed", "seq": 2} in [
        {"kind": p["kind"], "seq": p["seq"]} for p in report["problems"]
    ]


def test_export_and_an_observers_verification(cli: Cli, tmp_path: Path):
    cli.ok("audit", "checkpoint")
    kept = tmp_path / "kept-checkpoint"
    out = cli.ok("audit", "export", str(tmp_path / "first"))
    assert "6 entries and 1 checkpoints written" in out
    kept.write_text((tmp_path / "first" / "checkpoint").read_text())
    vkey = (tmp_path / "first" / "log.vkey").read_text().strip()
    out = cli.ok("audit", "verify-export", str(tmp_path / "first"))
    assert "note: checked with the key in the export" in out and out.endswith(
        "covered by a verified checkpoint\n"
    )

    cli.ok("offices", "add", "AFR", "Office AFR")
    cli.ok("audit", "checkpoint")
    cli.ok("audit", "export", str(tmp_path / "second"), "--hashes-only")
    out = cli.ok(
        "audit",
        "verify-export",
        str(tmp_path / "second"),
        "--vkey",
        vkey,
        "--checkpoint",
        str(kept),
    )
    assert "the entries' fields were not checked" in out and "note: checked with the key" not in out
    line = json.loads((tmp_path / "second" / "entries.jsonl").read_text().splitlines()[0])
    assert set(line) == {"seq", "entry_hash"}


def test_an_observer_with_an_earlier_checkpoint_sees_a_rewritten_history(cli: Cli, tmp_path: Path):
    cli.ok("audit", "checkpoint")
    cli.ok("audit", "export", str(tmp_path / "before"))
    # The operator reorders two entries, drops the checkpoints and signs the log anew.
    for seq, to in ((2, 1000), (3, 2), (1000, 3)):
        cli.sql("UPDATE audit_entry SET seq = ? WHERE seq = ?", to, seq)
    cli.sql("DELETE FROM audit_checkpoint")
    cli.ok("audit", "checkpoint")
    assert "ok: 7 entries" in cli.ok("audit", "verify")  # consistent with itself
    cli.ok("audit", "export", str(tmp_path / "after"))
    vkey = str(tmp_path / "before" / "log.vkey")
    kept = str(tmp_path / "before" / "checkpoint")
    code, out, _ = cli(
        "audit", "verify-export", str(tmp_path / "after"), "--vkey", vkey, "--checkpoint", kept
    )
    assert code == 1
    assert "FAIL checkpoint-root: kept checkpoint (tree size 5)" in out


def test_refusals_are_messages_not_tracebacks(cli: Cli, tmp_path: Path):
    code, _, err = cli("audit", "prove", "1")
    assert (code, err) == (
        1,
        "error: The audit log has no checkpoint yet: run `sijill audit checkpoint`.\n",
    )
    code, _, err = cli("audit", "verify-export", str(tmp_path / "missing"))
    assert code == 2 and err.startswith("error: ")
    code, _, err = cli("audit", "verify", "--vkey", "not-a-key")
    assert (code, err) == (2, "error: malformed verifier key\n")
    (cli.data / "keys").mkdir(mode=0o700)
    (cli.data / "keys" / "audit-ed25519.pem").write_text("x")
    (cli.data / "keys" / "audit-ed25519.pem").chmod(0o644)
    code, _, err = cli("audit", "checkpoint")
    assert code == 1 and "may be read by others: chmod 600 it" in err


def test_worker_processes_verify_as_one_does(cli: Cli, monkeypatch: pytest.MonkeyPatch):
    from sijill.audit import service as audit_service

    monkeypatch.setattr(audit_service, "PARALLEL_MIN", 0)
    monkeypatch.setattr(audit_service, "CHUNK", 2)  # several ranges, in order
    cli.ok("audit", "checkpoint")
    cli.ok("offices", "add", "AFR", "Office AFR")
    cli.sql("UPDATE audit_entry SET actor = 'someone' WHERE seq = 4")
    for seq, to in ((2, 1000), (3, 2), (1000, 3)):
        cli.sql("UPDATE audit_entry SET seq = ? WHERE seq = ?", to, seq)
    code, out, _ = cli("audit", "verify", "--workers", "2")
    assert code == 1 and out == cli("audit", "verify", "--workers", "1")[1]
    assert "FAIL entry-hash: entry seq 4 was changed" in out
    assert "FAIL entry-moved: entry seq 2 is the entry checkpointed as seq 3" in out


def test_worker_processes_confirm_an_intact_log_as_one_does(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
):
    from sijill.audit import service as audit_service

    monkeypatch.setattr(audit_service, "PARALLEL_MIN", 0)
    cli.ok("audit", "checkpoint")
    cli.ok("offices", "add", "AFR", "Office AFR")
    out = cli.ok("audit", "verify", "--workers", "2")
    assert out == cli.ok("audit", "verify", "--workers", "1")
    cli.sql("UPDATE audit_entry SET actor = 'someone' WHERE seq = 2")
    code, out, _ = cli("audit", "verify", "--workers", "2")
    assert code == 1 and "FAIL entry-hash: entry seq 2 was changed" in out
