"""The offline verifier: one static HTML file with its scripts (no network), the trust list
and the status list embedded, for a checkpoint to save once (pure).

``verifier/verifier.js`` is Sijill's own base45, zlib (DecompressionStream), CBOR, COSE_Sign1
and status list code over WebCrypto; ``verifier/vendor/jsQR.js`` is jsQR 1.4.0 (Apache-2.0,
licence beside it) for reading a QR image or the camera where the browser has no
BarcodeDetector.
"""

from __future__ import annotations

import base64
from importlib import resources

_FOLDER = resources.files("sijill.credentials") / "verifier"


def _read(name: str) -> str:
    return (_FOLDER / name).read_text(encoding="utf-8")


def verifier_html(trust_list: bytes, status_list: bytes | None) -> str:
    page = _read("verifier.html")
    parts = {
        "@@TRUST_LIST@@": base64.b64encode(trust_list).decode("ascii"),
        "@@STATUS_LIST@@": base64.b64encode(status_list or b"").decode("ascii"),
        "@@JSQR@@": _read("vendor/jsQR.js"),
        "@@VERIFIER@@": _read("verifier.js"),
    }
    for marker, value in parts.items():
        page = page.replace(marker, value, 1)
    return page
