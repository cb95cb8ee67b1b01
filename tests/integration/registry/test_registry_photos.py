"""A person's photograph: upload through the API, the page and the service; what is kept,
what is served and to whom, and what a refused upload leaves behind (nothing)."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from factories.access import make_actor, make_office
from factories.db import row_counts
from factories.photos import give_photo
from factories.registry import register
from sijill.access.permissions import Role
from sijill.audit import service as audit
from sijill.demo.photos import avatar
from sijill.errors import Conflict, InvalidInput, NotFound
from sijill.registry import photos

pytestmark = pytest.mark.integration

GPS_IFD = 0x8825


def _with_gps() -> bytes:
    exif = Image.Exif()
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (33.0, 30.0, 36.0), 3: "E", 4: (36.0, 17.0, 24.0)})
    exif[0x010F] = "PhoneMaker-7731"
    out = io.BytesIO()
    Image.open(io.BytesIO(avatar("gps"))).save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def person(session):
    office = make_office(session)
    registrar = make_actor(session, Role.REGISTRAR, office)
    return registrar, register(session, registrar, "Yusuf Karimov")


def test_api_upload_strips_metadata_and_serves_privately(api_as, session, person):
    _, someone = person
    api, _ = api_as(Role.REGISTRAR, someone.office)
    original = _with_gps()
    assert b"PhoneMaker-7731" in original
    answer = api.put(f"/api/v1/people/{someone.regno}/photo", content=original)
    assert answer.status_code == 200, answer.text
    assert answer.json()["current"] is True
    served = api.get(f"/api/v1/people/{someone.regno}/photo")
    assert served.status_code == 200
    assert served.headers["content-type"] == "image/jpeg"
    assert served.headers["cache-control"] == "private, no-store"
    assert b"PhoneMaker-7731" not in served.content
    with Image.open(io.BytesIO(served.content)) as image:
        assert not image.getexif()
    assert answer.json()["sha256"] == served.headers["etag"].strip('"')
    thumb = api.get(f"/api/v1/people/{someone.regno}/photo/thumbnail")
    assert thumb.headers["cache-control"] == "private, no-store"
    assert len(thumb.content) < len(served.content)


def test_a_new_photo_keeps_the_earlier_one(session, person):
    registrar, someone = person
    first = give_photo(session, registrar, someone.regno, "first")
    second = give_photo(session, registrar, someone.regno, "second")
    kept = photos.photos_of(session, registrar, someone.regno)
    assert [(p.sha256, p.current) for p in kept] == [(second.sha256, True), (first.sha256, False)]
    assert photos.photo_file(session, registrar, someone.regno).sha256 == second.sha256
    tags = [e.tag for e in audit.entries_for(session, [str(someone.id)])]
    assert tags.count("registry:photo:set") == 2


def test_the_same_photo_again_is_refused(session, person):
    registrar, someone = person
    give_photo(session, registrar, someone.regno, "same")
    with pytest.raises(Conflict):
        give_photo(session, registrar, someone.regno, "same")


@pytest.mark.parametrize(
    ("content", "limit"),
    [(b"GIF89a" + bytes(64), 5_000_000), (avatar("big"), 1_000), (b"", 5_000_000)],
)
def test_refused_uploads_write_nothing(session, person, content, limit):
    registrar, someone = person
    before = row_counts(session)
    with pytest.raises(InvalidInput) as refused:
        photos.set_photo(session, registrar, someone.regno, content, limit)
    assert "photo" in refused.value.errors
    assert row_counts(session) == before


def test_no_photo_is_not_found(session, person):
    registrar, someone = person
    with pytest.raises(NotFound):
        photos.photo_file(session, registrar, someone.regno)


def test_another_office_sees_no_photo(session, person):
    registrar, someone = person
    give_photo(session, registrar, someone.regno)
    stranger = make_actor(session, Role.REGISTRAR, make_office(session))
    with pytest.raises(NotFound):
        photos.photo_file(session, stranger, someone.regno)
    assert photos.current_photo(session, stranger, someone.id) is None


def test_a_case_officer_cannot_upload(api_as, session, person):
    _, someone = person
    api, _ = api_as(Role.CASE, someone.office)
    answer = api.put(f"/api/v1/people/{someone.regno}/photo", content=avatar("x"))
    assert answer.status_code == 403


def test_page_upload_and_display(web_as, session, person):
    _, someone = person
    web, _, csrf = web_as(Role.REGISTRAR, someone.office)
    page = web.get(f"/people/{someone.regno}")
    assert 'id="no-photo"' in page.text
    files = {"photo": ("me.jpg", _with_gps(), "image/jpeg")}
    answer = web.post(f"/people/{someone.regno}/photo", data={"csrf_token": csrf}, files=files)
    assert answer.status_code == 200  # followed to the person page
    assert f'src="/people/{someone.regno}/photo/thumbnail"' in answer.text
    thumb = web.get(f"/people/{someone.regno}/photo/thumbnail")
    assert thumb.headers["cache-control"] == "private, no-store"
    assert "registry:photo:set" in web.get(f"/people/{someone.regno}/history").text


def test_a_photo_larger_than_other_requests_is_accepted(api_as, session, person, settings):
    _, someone = person
    api, _ = api_as(Role.REGISTRAR, someone.office)
    big = _noise_png(settings.max_request_bytes + 100_000)
    assert settings.max_request_bytes < len(big) < settings.max_person_photo_bytes
    answer = api.put(f"/api/v1/people/{someone.regno}/photo", content=big)
    assert answer.status_code == 200, answer.text
    too_big = api.put(f"/api/v1/people/{someone.regno}/photo", content=bytes(10_000_000))
    assert too_big.status_code == 413


def _noise_png(at_least: int) -> bytes:
    side = int((at_least / 3) ** 0.5) + 10
    image = Image.frombytes("RGB", (side, side), _random_bytes(side * side * 3))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=0)
    return out.getvalue()


def _random_bytes(n: int) -> bytes:
    return random.Random(7).randbytes(n)
