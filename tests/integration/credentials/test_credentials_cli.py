"""sijill documents request|approve|issue|revoke|publish|rotate-key and sijill verify, against
a fresh SQLite file, with the keys made on first use in the data directory."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
import segno

from factories.cases import approved_papers
from sijill.access.actor import operator_actor
from sijill.cli import main
from sijill.credentials.payload import photo_digest
from sijill.db import make_engine, make_session_factory, unit_of_work
from sijill.demo.photos import avatar
from sijill.registry import photos

pytestmark = pytest.mark.integration

PASSWORD = "a-long-cli-password"
PERSON = {
    "names": [
        {"full": "Abdulrahman Khaled al-Hassan", "name_type": "primary"},
        {"full": "عبد الرحمن خالد الحسن", "name_type": "alias"},
    ],
    "sex": "M",
    "date_of_birth": {"precision": "exact", "year": 1987, "month": 3, "day": 12},
    "nationalities": ["SY"],
}


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.setenv("SIJILL_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("SIJILL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    def call(*argv: str, code: int = 0) -> str:
        capsys.readouterr()
        got = main(list(argv))
        out, err = capsys.readouterr()
        assert got == code, (out, err)
        return out + err

    call("init", "--password", PASSWORD)
    call("offices", "add", "RAQ", "Raqqa office")
    for user, role in (("reg", "registrar"), ("amina", "case_officer"), ("sami", "supervisor")):
        call("users", "add", user, "--role", role, "--office", "RAQ", "--password", PASSWORD)
    return call


def test_issue_verify_revoke_from_the_command_line(run, tmp_path: Path) -> None:
    (tmp_path / "p.json").write_text(json.dumps(PERSON), encoding="utf-8")
    regno = run("person", "register", str(tmp_path / "p.json"), "--as", "reg").strip()
    out = tmp_path / "out"
    refused = run("documents", "issue", regno, "--type", "identity-card", "--out", str(out), code=1)
    assert "awaits a supervisor's approval" in refused and not out.exists()
    assert "No approved identity_card in the papers pathway" in refused
    engine = make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    with unit_of_work(make_session_factory(engine)) as session:  # the case officer's page
        approved_papers(session, regno)
    engine.dispose()

    request_id = run(
        "documents", "request", regno, "--type", "identity-card", "--as", "amina"
    ).split()[0]
    assert "may not do this" in run("documents", "approve", request_id, "--as", "amina", code=1)
    run("documents", "approve", request_id, "--as", "sami")
    issued = run("documents", "issue", regno, "--type", "identity-card", "--out", str(out))
    serial = issued.split()[0]
    assert sorted(p.name for p in out.iterdir()) == [
        f"{serial}-card.pdf",
        f"{serial}-certificate.pdf",
        f"{serial}.qr.txt",
    ]
    keys = tmp_path / "data" / "credentials"
    assert (keys / "anchor.pem").stat().st_mode & 0o777 == 0o600

    pub = tmp_path / "pub"
    run("documents", "publish", "--out", str(pub))
    lists = [
        "--trust-list",
        str(pub / "trust-list.cbor"),
        "--status-list",
        str(pub / "status-list.cwt"),
    ]
    text_file = out / f"{serial}.qr.txt"
    verified = run("verify", str(text_file), *lists)
    assert verified.startswith("VALID") and "عبد الرحمن خالد الحسن" in verified
    png = tmp_path / "qr.png"
    segno.make_qr(text_file.read_text(), error="m").save(str(png), scale=4)
    result = json.loads(run("verify", str(png), *lists, "--format", "json"))
    assert result["outcome"] == "valid" and result["document"]["regno"] == regno
    assert (pub / "verifier.html").read_text(encoding="utf-8").count("<script") == 5

    run("documents", "revoke", serial, "--reason", "reported stolen", "--as", "sami")
    assert run("verify", str(text_file), *lists).startswith("VALID")  # the old list
    run("documents", "publish", "--out", str(pub))
    assert run("verify", str(text_file), *lists, code=1).startswith("REVOKED")
    assert run("verify", str(text_file), "--trust-list", str(pub / "trust-list.cbor"),
               code=1).startswith("STATUS UNKNOWN")  # fmt: skip
    pinned = run("verify", str(text_file), *lists, "--anchor", "0" * 32, code=2)
    assert "pinned" in pinned
    missing = run("verify", str(text_file), "--trust-list", str(pub / "nope.cbor"), code=2)
    assert "cannot read" in missing and "Traceback" not in missing

    run("documents", "rotate-key")
    run("documents", "publish", "--out", str(pub))
    assert run("verify", str(text_file), *lists, code=1).startswith("REVOKED")
    listing = run("documents", "list", regno, "--as", "amina")
    assert f"document {serial}" in listing and "revoked" in listing


def test_a_weapon_permit_names_an_arms_permit(run, tmp_path: Path) -> None:
    (tmp_path / "p.json").write_text(json.dumps(PERSON), encoding="utf-8")
    regno = run("person", "register", str(tmp_path / "p.json"), "--as", "reg").strip()
    missing = run("documents", "request", regno, "--type", "weapon-permit", "--as", "amina",
                  code=2)  # fmt: skip
    assert "names an arms permit" in missing
    unknown = run("documents", "request", regno, "--type", "weapon-permit", "--permit",
                  "P-NOSUCH", "--as", "amina", code=1)  # fmt: skip
    assert "No arms permit P-NOSUCH." in unknown


def test_verify_compares_the_holders_photograph(run, tmp_path: Path) -> None:
    (tmp_path / "p.json").write_text(json.dumps(PERSON), encoding="utf-8")
    regno = run("person", "register", str(tmp_path / "p.json"), "--as", "reg").strip()
    (tmp_path / "upload.jpg").write_bytes(avatar("holder"))
    run("person", "photo", regno, str(tmp_path / "upload.jpg"), "--as", "reg")
    engine = make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    with unit_of_work(make_session_factory(engine)) as session:
        approved_papers(session, regno)
        stored = photos.photo_file(session, operator_actor(), regno).content
    engine.dispose()
    (tmp_path / "stored.jpg").write_bytes(stored)
    request_id = run("documents", "request", regno, "--type", "identity-card", "--as", "amina")
    run("documents", "approve", request_id.split()[0], "--as", "sami")
    out, pub = tmp_path / "out", tmp_path / "pub"
    serial = run("documents", "issue", regno, "--type", "identity-card", "--out", str(out))
    assert b"/Subtype /Image" in (out / f"{serial.split()[0]}-card.pdf").read_bytes()
    run("documents", "publish", "--out", str(pub))
    qr_text = str(out / f"{serial.split()[0]}.qr.txt")
    lists = ["--trust-list", str(pub / "trust-list.cbor"), "--status-list",
             str(pub / "status-list.cwt")]  # fmt: skip
    same = run("verify", qr_text, *lists, "--photo", str(tmp_path / "stored.jpg"))
    assert f"photo hash {photo_digest(stored).hex()}" in same and ": matches" in same
    other = run("verify", qr_text, *lists, "--photo", str(tmp_path / "upload.jpg"), code=1)
    assert other.startswith("VALID") and ": differs" in other
    result = json.loads(run("verify", qr_text, *lists, "--format", "json"))
    assert result["document"]["photo_hash"] == photo_digest(stored).hex()
