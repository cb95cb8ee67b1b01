"""Read the QR code in a photograph or scan (zxing-cpp)."""

from __future__ import annotations

from pathlib import Path

import zxingcpp
from PIL import Image, UnidentifiedImageError

from sijill.errors import InvalidInput, Msg


def read_qr(path: Path) -> str:
    try:
        with Image.open(path) as image:
            found = zxingcpp.read_barcodes(
                image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
            )
    except (OSError, UnidentifiedImageError) as exc:
        raise InvalidInput({"image": Msg("Not an image: {error}", error=str(exc))}) from exc
    if not found:
        raise InvalidInput({"image": Msg("No QR code found in the image.")})
    return str(found[0].text)
