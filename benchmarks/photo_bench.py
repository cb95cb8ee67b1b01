"""A person's photograph: the cost of normalising an upload, and whether a face image
would fit in the identity card's QR code instead of its hash. Prints JSON.

    python benchmarks/photo_bench.py [--uploads 10]

Uploads: a synthetic 4000 x 3000 JPEG (a 12-megapixel phone picture, noise over a drawn
avatar, so it does not compress like a flat drawing) and the same size as PNG, each
normalised by ``sijill.registry.portrait.normalise`` (decode, turn, re-encode at 1,024
pixels, thumbnail); wall-clock seconds per upload.

QR: the realistic identity card of ``credentials_bench`` with a face image put where Claim
169 puts one (field 16 "photo", field 17 "photo format"), signed with ES256, compressed and
base45-encoded as issued; the QR version at error correction M for several image sizes and
qualities (JPEG and WebP). The images are drawn avatars with added noise: real faces
compress somewhere between the flat drawing and the noisy one, so both are given.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import random
import time
from typing import Any

import cbor2
from cryptography.hazmat.primitives.asymmetric import ec
from PIL import Image

from credentials_bench import realistic
from sijill.credentials import cose, payload, qr
from sijill.demo.photos import avatar
from sijill.registry.portrait import normalise

CLAIM_169_PHOTO, CLAIM_169_PHOTO_FORMAT = 16, 17
FORMATS = {"JPEG": 1, "WEBP": 4}  # Claim 169's photo formats


def _picture(size: tuple[int, int], noise: int, seed: int = 1) -> Image.Image:
    image = Image.open(io.BytesIO(avatar("bench", size))).convert("RGB")
    if noise:
        rng = random.Random(seed)
        grain = bytes(rng.randrange(256) for _ in range(size[0] * size[1]))
        mask = Image.frombytes("L", size, grain).point(lambda v: v * noise // 255)
        image = Image.composite(Image.new("RGB", size, (0, 0, 0)), image, mask)
    return image


def _encoded(image: Image.Image, fmt: str, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, quality=quality)
    return out.getvalue()


def _upload_seconds(uploads: int) -> dict[str, float]:
    big = _picture((4000, 3000), noise=60)
    results = {}
    for fmt in ("JPEG", "PNG"):
        out = io.BytesIO()
        big.save(out, format=fmt, **({"quality": 90} if fmt == "JPEG" else {}))
        content = out.getvalue()
        started = time.perf_counter()
        for _ in range(uploads):
            normalise(content, 200_000_000)
        results[f"normalise_12mp_{fmt.lower()}_s"] = round(
            (time.perf_counter() - started) / uploads, 3
        )
        results[f"upload_12mp_{fmt.lower()}_bytes"] = len(content)
    return results


def _qr_with_face(face: bytes, fmt: str) -> tuple[int, int]:
    key = ec.generate_private_key(ec.SECP256R1())
    claims = payload.to_claims(realistic(1, int(time.time())))
    claims[payload.CLAIM_169] |= {CLAIM_169_PHOTO: face, CLAIM_169_PHOTO_FORMAT: FORMATS[fmt]}
    text = qr.to_text(cose.sign1(cbor2.dumps(claims, canonical=True), key, b"kid-1234"))
    try:
        version = qr.version(text)
    except ValueError:  # segno: the data does not fit any version
        version = 41
    return len(text), version


def _faces() -> list[dict[str, Any]]:
    rows = []
    for side in ((32, 40), (48, 60), (64, 80)):
        for noise in (0, 40):
            image = _picture(side, noise)
            for fmt, quality in (("JPEG", 30), ("JPEG", 50), ("WEBP", 30)):
                face = _encoded(image, fmt, quality)
                chars, version = _qr_with_face(face, fmt)
                rows.append({
                    "size": f"{side[0]}x{side[1]}", "noise": noise, "format": fmt,
                    "quality": quality, "image_bytes": len(face), "qr_chars": chars,
                    "qr_version_m": version if version <= 40 else "does not fit",
                })  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--uploads", type=int, default=10)
    args = parser.parse_args()
    key = ec.generate_private_key(ec.SECP256R1())
    signed = cose.sign1(payload.encode(realistic(1, int(time.time()))), key, b"kid-1234")
    hashed = qr.version(qr.to_text(signed))
    report = {
        "qr_version_m_with_photo_hash": hashed,
        **_upload_seconds(args.uploads),
        "faces_in_claim_169": _faces(),
        "python": platform.python_version(),
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
