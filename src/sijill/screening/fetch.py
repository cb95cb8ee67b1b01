"""Fetching a list file from a URL, where a deployment has network.

The command line accepts a URL wherever it accepts a list file (``sijill screen import --list
https://...``). Only http and https are fetched; the body is read up to the list size limit
and a longer one is refused, so a wrong URL cannot fill the memory. The web pages take
uploads only: the server never fetches an address a user typed.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Final
from urllib.parse import urlsplit

from sijill import __version__
from sijill.screening.entries import ListFormatError

TIMEOUT_SECONDS: Final = 120


def is_url(text: str) -> bool:
    return urlsplit(text).scheme.lower() in ("http", "https")


def fetch(url: str, max_bytes: int, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The body at ``url``; ``ListFormatError`` saying why when it cannot be had."""
    if not is_url(url):
        raise ListFormatError(f"only http and https addresses are fetched, not {url!r}")
    agent = {"User-Agent": f"sijill/{__version__}"}
    request = urllib.request.Request(url, headers=agent)  # noqa: S310 (scheme checked above)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data: bytes = response.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        raise ListFormatError(f"{url} answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ListFormatError(f"cannot fetch {url}: {reason}") from None
    if len(data) > max_bytes:
        raise ListFormatError(f"{url} is larger than the limit of {max_bytes} bytes")
    return data
