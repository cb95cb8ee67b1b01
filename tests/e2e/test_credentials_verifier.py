"""The offline verifier page in Debian's Chromium, opened from a file as a checkpoint would:
valid, tampered (one byte changed), revoked, expired, wrong key, and a QR image."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import segno
from playwright.sync_api import Page, expect

from factories import credentials as factory
from sijill.credentials import qr, statuslist, trustlist
from sijill.credentials.payload import photo_digest
from sijill.credentials.statuslist import StatusList, StatusListToken
from sijill.credentials.verifier_page import verifier_html
from sijill.demo.photos import avatar

pytestmark = pytest.mark.e2e

DAY = 24 * 3600


@pytest.fixture
def checkpoint(tmp_path: Path, page: Page):
    """The verifier page with today's lists (document 41 of another person revoked: 7)."""
    now = int(time.time())
    ring = factory.ring(tmp_path / "keys", now=now - 30 * DAY)
    listed = ring.trust_list("sijill.example", now)
    trust = trustlist.sign(listed, ring.anchor)
    values = [1 if i == 7 else 0 for i in range(64)]
    token = StatusListToken(
        factory.STATUS_URI, now - 600, now + DAY, DAY, StatusList.build(values, 2)
    )
    signer = ring.signer("status-list", now)
    status = statuslist.sign_token(token, signer.private_key, signer.trusted.kid)
    html = tmp_path / "verifier.html"
    html.write_text(verifier_html(trust, status), encoding="utf-8")
    page.goto(html.as_uri())
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    return ring, now


def _doc(now: int, **changes):
    return factory.document(issued_at=now - DAY, expires_at=now + 365 * DAY, **changes)


def _check(page: Page, text: str, outcome: str) -> None:
    page.fill("#qr-text", text)
    page.click("#verify-text")
    expect(page.locator("#result")).to_have_attribute("data-outcome", outcome)


def test_a_valid_card_shows_its_holder_in_both_languages(page: Page, checkpoint) -> None:
    ring, now = checkpoint
    _check(page, factory.sign(ring, _doc(now)), "valid")
    expect(page.locator("#outcome-ar")).to_have_text("صالحة")
    expect(page.locator('[data-field="arabicName"]')).to_have_text("عبد الرحمن محمد خالد الحسن")
    expect(page.locator('[data-field="regno"]')).to_have_text("SJL-4821-7730-K")
    expect(page.locator("#status-age")).to_contain_text("0 h 10 min")
    expect(page.locator("#trust-info")).to_contain_text("signature checked")


def test_one_changed_byte_is_invalid(page: Page, checkpoint) -> None:
    ring, now = checkpoint
    raw = bytearray(qr.from_text(factory.sign(ring, _doc(now))))
    raw[raw.index(b"Abdulrahman")] ^= 0x20
    _check(page, qr.to_text(bytes(raw)), "invalid")
    expect(page.locator("#outcome-ar")).to_have_text("غير صالحة")


def test_revoked_expired_and_unknown_key(page: Page, checkpoint, tmp_path: Path) -> None:
    ring, now = checkpoint
    _check(page, factory.sign(ring, _doc(now, status_index=7)), "revoked")
    expired = factory.document(issued_at=now - 20 * DAY, expires_at=now - DAY)
    _check(page, factory.sign(ring, expired), "expired")
    stranger = factory.ring(tmp_path / "stranger", now=now - 30 * DAY)
    _check(page, factory.sign(stranger, _doc(now)), "unknown key")
    _check(page, "NOT A QR TEXT", "invalid")


def test_the_photo_hash_is_shown_and_a_photograph_compared(
    page: Page, checkpoint, tmp_path: Path
) -> None:
    ring, now = checkpoint
    holder, other = avatar("holder"), avatar("someone else")
    _check(page, factory.sign(ring, _doc(now, photo_hash=photo_digest(holder))), "valid")
    expect(page.locator('[data-field="photoHash"]')).to_have_text(photo_digest(holder).hex())
    for name, content, match in (("holder.jpg", holder, "true"), ("other.jpg", other, "false")):
        (tmp_path / name).write_bytes(content)
        page.set_input_files("#photo-file", str(tmp_path / name))
        expect(page.locator("#photo-check")).to_have_attribute("data-match", match)
    _check(page, factory.sign(ring, _doc(now, photo_hash=None)), "valid")
    expect(page.locator('[data-field="photoHash"]')).to_contain_text("none")


def test_a_photo_of_the_qr_code_is_read(page: Page, checkpoint, tmp_path: Path) -> None:
    ring, now = checkpoint
    text = factory.sign(
        ring,
        factory.weapon_permit().__class__(
            **{**vars(factory.weapon_permit()), "issued_at": now - DAY, "expires_at": now + DAY}
        ),
    )
    png = tmp_path / "qr.png"
    segno.make_qr(text, error="m").save(str(png), scale=5, border=4)
    page.set_input_files("#qr-image", str(png))
    expect(page.locator("#result")).to_have_attribute("data-outcome", "valid")
    expect(page.locator('[data-field="weapon"]')).to_contain_text("AK47-1984-330172")


def test_a_stale_status_list_gives_status_unknown_until_a_newer_one_is_loaded(
    page: Page, tmp_path: Path
) -> None:
    now = int(time.time())
    ring = factory.ring(tmp_path / "keys", now=now - 30 * DAY)
    trust = trustlist.sign(ring.trust_list("sijill.example", now), ring.anchor)
    html = tmp_path / "verifier.html"
    html.write_text(verifier_html(trust, factory.status_token(ring, issued_at=now - 3 * DAY)))
    page.goto(html.as_uri())
    expect(page.locator("#status-info")).to_contain_text("OUT OF DATE")
    text = factory.sign(ring, _doc(now))
    _check(page, text, "status unknown")
    expect(page.locator("#outcome-ar")).to_have_text("الحالة غير معروفة")
    fresh = tmp_path / "status-list.cwt"
    fresh.write_bytes(factory.status_token(ring, issued_at=now - 60))
    page.set_input_files("#status-file", str(fresh))
    expect(page.locator("#status-info")).not_to_contain_text("OUT OF DATE")
    _check(page, text, "valid")
