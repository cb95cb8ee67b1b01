"""A person's photograph: decode, check and normalise an uploaded picture (pure, Pillow).

Only JPEG and PNG are accepted, and only what Pillow can decode completely. The picture's
declared size is checked before its pixels are decoded, so a small file that would expand
to an enormous image (a "decompression bomb") is refused without allocating it. What is
kept is re-encoded: a JPEG of at most ``MAX_SIDE`` pixels a side, turned upright by its
EXIF orientation, with no metadata at all (no EXIF, no GPS position, no camera serial, no
ICC profile, no comments), and a small thumbnail. The SHA-256 of the normalised JPEG is
the photograph's identity: the one a signed document carries.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = ("JPEG", "PNG")
MAX_PIXELS = 40_000_000  # a 40-megapixel camera's picture; more is refused undecoded
MAX_SIDE = 1024  # the stored photograph's longest side, in pixels
THUMB_SIDE = 160
QUALITY = 85
THUMB_QUALITY = 80
MEDIA_TYPE = "image/jpeg"


class PhotoRejected(ValueError):
    """The upload is not a photograph Sijill keeps; ``reason`` says why (a stable code)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Portrait:
    jpeg: bytes
    thumbnail: bytes
    width: int
    height: int
    sha256: str


def _open(content: bytes, max_bytes: int) -> Image.Image:
    if not content:
        raise PhotoRejected("empty")
    if len(content) > max_bytes:
        raise PhotoRejected("too_large")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # damaged metadata: the pixels decide
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(content), formats=FORMATS)
            if image.width * image.height > MAX_PIXELS:
                raise PhotoRejected("too_many_pixels")
            image.draft("RGB", (2 * MAX_SIDE, 2 * MAX_SIDE))  # JPEG: decode at a reduced scale
            image.load()
            image.thumbnail((2 * MAX_SIDE, 2 * MAX_SIDE))  # the copies below stay small
    except PhotoRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoRejected("too_many_pixels") from None
    except UnidentifiedImageError:
        raise PhotoRejected("not_an_image") from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise PhotoRejected("unreadable") from None
    return image


def _upright(image: Image.Image) -> Image.Image:
    """Turned by its EXIF orientation; damaged EXIF (Pillow raises several kinds of error
    on it) leaves the picture as stored, since the metadata is dropped anyway."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ImageOps.exif_transpose(image)
    except Exception:  # any failure to parse untrusted metadata
        return image


def _flat_rgb(image: Image.Image) -> Image.Image:
    """Upright RGB pixels only: transparency on white; a fresh image, so no metadata."""
    upright = _upright(image)
    rgba = upright.convert("RGBA")
    flat = Image.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return flat


def _jpeg(image: Image.Image, side: int, quality: int) -> bytes:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    copy.save(out, format="JPEG", quality=quality, optimize=True)
    return out.getvalue()


def normalise(content: bytes, max_bytes: int) -> Portrait:
    """The stored form of an uploaded picture, or ``PhotoRejected``."""
    flat = _flat_rgb(_open(content, max_bytes))
    jpeg = _jpeg(flat, MAX_SIDE, QUALITY)
    with Image.open(io.BytesIO(jpeg)) as stored:
        width, height = stored.size
    return Portrait(
        jpeg=jpeg,
        thumbnail=_jpeg(flat, THUMB_SIDE, THUMB_QUALITY),
        width=width,
        height=height,
        sha256=hashlib.sha256(jpeg).hexdigest(),
    )
