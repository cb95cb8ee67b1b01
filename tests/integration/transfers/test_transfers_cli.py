"""sijill transfers: list and check as JSON for scripts, export, verify and import manifests."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from factories.transfers import identified, make_batch, rate
from sijill.access import service as access_service
from sijill.access.actor import operator_actor
from sijill.access.permissions import Role
from sijill.access.schemas import OfficeIn, UserIn
from sijill.cli import main
from sijill.db import make_engine, make_session_factory, unit_of_work
from sijill.transfers.risk import GroupKind, RiskLevel

pytestmark = pytest.mark.integration


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> dict[str, str]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("SIJILL_DATABASE_URL", url)
    monkeypatch.setenv("SIJILL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert run(capsys, "migrate")[0] == 0
    engine = make_engine(url)
    with unit_of_work(make_session_factory(engine)) as session:
        op = operator_actor()
        access_service.create_office(session, op, OfficeIn(code="ERB", name="Erbil"))
        for name, role in (("case1", Role.CASE), ("reg1", Role.REGISTRAR)):
            user = UserIn(
                username=name,
                full_name=name,
                role=role,
                office_code="ERB",
                password="a-long-transfer-test-password",
            )
            access_service.create_user(session, op, user)
        case = access_service.actor_for(access_service.user_by_username(session, "case1"))
        reg = access_service.actor_for(access_service.user_by_username(session, "reg1"))
        rate(session, "CN", RiskLevel.PROHIBITED, (GroupKind.LANGUAGE, "ug"))
        rate(session, "CN", RiskLevel.LOW)
        ok = identified(session, reg, "Chen Ming")
        blocked = identified(session, reg, "Memet Abla", languages=["ug"])
        one = make_batch(session, case, "CN", ok.regno, blocked.regno).reference
        two = make_batch(session, case, "CN", ok.regno).reference
    engine.dispose()
    return {"blocked": one, "ready": two, "dir": str(tmp_path)}


def test_list_and_check_as_json(world, capsys):
    code, out, _ = run(capsys, "transfers", "list", "--format", "json")
    assert code == 0
    assert {b["reference"] for b in json.loads(out)} == {world["blocked"], world["ready"]}
    code, out, _ = run(capsys, "transfers", "check", world["blocked"], "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["ready"] is False
    ok, blocked = report["people"]
    assert ok["ready"] and not blocked["ready"]
    assert blocked["blocking"] == ["non-refoulement: transfer to this state is prohibited"]


def test_export_verify_tamper_and_import(world, capsys):
    path = Path(world["dir"]) / "manifest.json"
    code, _, err = run(
        capsys, "transfers", "export-manifest", world["blocked"], "--output", str(path)
    )
    assert code == 1 and "not ready" in err and not path.exists()
    pdf = Path(world["dir"]) / "manifest.pdf"
    code, out, err = run(capsys, "transfers", "export-manifest", world["ready"],
                         "--output", str(path), "--pdf", str(pdf))  # fmt: skip
    assert code == 0, err
    [(_, [attached])] = PdfReader(pdf).attachments.items()
    assert (
        attached == path.read_bytes() and world["ready"] in PdfReader(pdf).pages[0].extract_text()
    )
    published = Path(world["dir"]) / "published"
    code, out, err = run(capsys, "documents", "publish", "--out", str(published))
    assert code == 0, err
    anchor = out.split("anchor fingerprint ")[1].strip()
    trust = ["--trust-list", str(published / "trust-list.cbor"), "--anchor", anchor]
    code, out, _ = run(capsys, "transfers", "verify-manifest", str(path), *trust)
    assert code == 0 and "1 people" in out
    code, _, err = run(capsys, "transfers", "verify-manifest", str(path), *trust[:3], "0" * 32)
    assert code == 2 and "another anchor" in err
    data = bytearray(path.read_bytes())
    data[data.index(b"Chen")] = ord("K")
    path.write_bytes(bytes(data))
    code, _, err = run(capsys, "transfers", "verify-manifest", str(path), *trust)
    assert code == 2 and "signature does not verify" in err
    code, _, err = run(capsys, "transfers", "import-manifest", str(path), *trust,
                       "--state", "IQ", "--as", "case1")  # fmt: skip
    assert code == 2
