"""The printable manifest: same gate as the signed JSON, every person on it, the signed file
attached and identified by its SHA-256; page, API and CLI."""

from __future__ import annotations

import hashlib
import io

import pytest
from pypdf import PdfReader

from factories.access import make_actor, make_office
from factories.credentials import issuer
from factories.transfers import MAX_AGE, identified, make_batch, rate
from sijill.access.permissions import Role
from sijill.errors import RuleViolation
from sijill.timeutil import utcnow
from sijill.transfers import handover, queries, service
from sijill.transfers.manifest import parse
from sijill.transfers.risk import GroupKind, RiskLevel
from sijill.transfers.schemas import EntryIn, ItemIn

pytestmark = pytest.mark.integration


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def ready(session, tmp_path):
    office = make_office(session)
    case = make_actor(session, Role.CASE, office)
    registrar = make_actor(session, Role.REGISTRAR, office)
    rate(session, "IQ", RiskLevel.LOW)
    father = identified(session, registrar, "Hasan Jabbar", "حسن جبار", passport="P-PDF-1")
    son = identified(session, registrar, "Karim Dawood")
    batch = make_batch(session, case, "IQ", father.regno)
    entry = EntryIn(regno=son.regno, travels_with=father.regno, relation="son")
    service.add_person(session, case, batch.reference, entry)
    item = ItemIn(description="Rifle", weapon_serial="AK-0042", weapon_category="rifle")
    service.add_item(session, case, batch.reference, item)
    return {"case": case, "office": office, "registrar": registrar, "batch": batch,
            "people": [father, son], "issuer": issuer(tmp_path)}  # fmt: skip


def test_the_pdf_lists_everyone_and_carries_the_signed_file(session, ready):
    ref = ready["batch"].reference
    pdf = handover.manifest_pdf(session, ready["case"], ref, ready["issuer"], MAX_AGE)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert ref in text and "Border Service" in text and "AK-0042" in text
    for person in ready["people"]:
        assert person.regno in text
    assert "Hasan Jabbar" in text and "#1 (son)" in text
    [(name, [signed])] = PdfReader(io.BytesIO(pdf)).attachments.items()
    assert name == f"manifest-{ref}.json"
    sha256 = hashlib.sha256(signed).hexdigest()
    batch = queries.load_batch(session, ready["case"], ref)
    assert batch.manifest_sha256 == sha256 and sha256 in text
    assert parse(signed).key_id in text
    listed = ready["issuer"].trust_list(int(utcnow().timestamp()))
    assert handover.verify_manifest(signed, listed)["reference"] == ref


def test_no_pdf_while_someone_is_blocked(session, ready):
    rate(session, "IQ", RiskLevel.PROHIBITED, (GroupKind.NATIONALITY, "UZ"))
    late = identified(session, ready["registrar"], "Blocked Person")
    ref = ready["batch"].reference
    service.add_person(session, ready["case"], ref, EntryIn(regno=late.regno))
    with pytest.raises(RuleViolation, match="not ready"):
        handover.manifest_pdf(session, ready["case"], ref, ready["issuer"], MAX_AGE)


def test_page_and_api_download_the_pdf(web_as, api_as, session, ready):
    ref = ready["batch"].reference
    web, _user, csrf = web_as(Role.CASE, ready["office"])
    page = web.get(f"/transfers/{ref}").text
    assert f"/transfers/{ref}/manifest.pdf" in page
    answer = web.post(f"/transfers/{ref}/manifest.pdf", data={"csrf_token": csrf})
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")
    assert answer.headers["content-type"] == "application/pdf"
    assert f"manifest-{ref}.pdf" in answer.headers["content-disposition"]
    api, _ = api_as(Role.CASE, ready["office"])
    answer = api.post(f"/api/v1/transfers/{ref}/manifest.pdf")
    assert answer.status_code == 200 and ready["people"][0].regno in _text(answer.content)
    rate(session, "IQ", RiskLevel.PROHIBITED)
    refused = api.post(f"/api/v1/transfers/{ref}/manifest.pdf")
    assert refused.status_code == 422 and "not ready" in refused.text
