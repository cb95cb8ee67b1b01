"""A person's photograph: what is accepted, and what is kept of it."""

from __future__ import annotations

import hashlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from sijill.registry import portrait
from sijill.registry.portrait import PhotoRejected, normalise

pytestmark = pytest.mark.unit

LIMIT = 5_000_000
GPS_IFD = 0x8825
ORIENTATION = 0x0112
CAMERA_SERIAL = 0xA431


def _jpeg_with_gps(size: tuple[int, int] = (300, 200)) -> bytes:
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # stored sideways: to be turned 90 degrees
    exif[CAMERA_SERIAL] = "CAM-SERIAL-4471"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (33.0, 30.0, 36.0), 3: "E", 4: (36.0, 17.0, 24.0)})
    out = io.BytesIO()
    Image.new("RGB", size, (120, 90, 60)).save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def _png(mode: str, size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, format="PNG")
    return out.getvalue()


def test_metadata_is_stripped_and_orientation_applied() -> None:
    original = _jpeg_with_gps()
    assert b"CAM-SERIAL-4471" in original
    kept = normalise(original, LIMIT)
    assert b"CAM-SERIAL-4471" not in kept.jpeg
    assert b"Exif" not in kept.jpeg
    with Image.open(io.BytesIO(kept.jpeg)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "icc_profile" not in image.info
        assert image.size == (200, 300)  # turned upright
    assert (kept.width, kept.height) == (200, 300)
    assert kept.sha256 == hashlib.sha256(kept.jpeg).hexdigest()


def test_large_pictures_are_scaled_and_thumbnailed() -> None:
    out = io.BytesIO()
    Image.new("RGB", (3000, 2000), (10, 200, 30)).save(out, format="JPEG")
    kept = normalise(out.getvalue(), LIMIT)
    assert max(kept.width, kept.height) == portrait.MAX_SIDE
    with Image.open(io.BytesIO(kept.thumbnail)) as thumb:
        assert max(thumb.size) == portrait.THUMB_SIDE


def test_transparent_png_becomes_a_jpeg_on_white() -> None:
    kept = normalise(_png("RGBA", (40, 50)), LIMIT)
    with Image.open(io.BytesIO(kept.jpeg)) as image:
        assert image.format == "JPEG"
        assert image.mode == "RGB"
        red, green, blue = image.getpixel((20, 25))  # type: ignore[misc]
        assert min(red, green, blue) > 240


def test_the_same_picture_gives_the_same_hash() -> None:
    original = _jpeg_with_gps()
    assert normalise(original, LIMIT).sha256 == normalise(original, LIMIT).sha256


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"GIF89a" + bytes(100), "not_an_image"),
        (b"%PDF-1.7\n" + bytes(100), "not_an_image"),
        (_jpeg_with_gps()[:400], "unreadable"),
        (_png("1", (8000, 6000)), "too_many_pixels"),
    ],
)
def test_refused(content: bytes, reason: str) -> None:
    with pytest.raises(PhotoRejected) as caught:
        normalise(content, LIMIT)
    assert caught.value.reason == reason


def test_gif_is_refused_even_though_pillow_reads_it() -> None:
    out = io.BytesIO()
    Image.new("RGB", (20, 20)).save(out, format="GIF")
    with pytest.raises(PhotoRejected, match="not_an_image"):
        normalise(out.getvalue(), LIMIT)


def test_size_limit_is_checked_before_decoding() -> None:
    content = _jpeg_with_gps()
    with pytest.raises(PhotoRejected, match="too_large"):
        normalise(content, len(content) - 1)


def _kept_or_refused(content: bytes) -> None:
    try:
        kept = normalise(content, LIMIT)
    except PhotoRejected as exc:
        assert exc.reason in {"empty", "not_an_image", "unreadable", "too_many_pixels"}
        return
    with Image.open(io.BytesIO(kept.jpeg)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()


@settings(max_examples=200)
@given(st.binary(max_size=2000))
def test_any_bytes_are_kept_or_refused(content: bytes) -> None:
    _kept_or_refused(content)


@settings(max_examples=100)
@given(st.integers(min_value=0, max_value=2000), st.binary(min_size=1, max_size=8))
def test_a_damaged_jpeg_is_kept_or_refused(at: int, junk: bytes) -> None:
    original = _jpeg_with_gps((64, 48))
    damaged = original[:at] + junk + original[at + len(junk) :]
    _kept_or_refused(damaged)
