"""Small ASGI middlewares: security headers, a request size limit, and no NUL characters."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        b"frame-ancestors 'none'; form-action 'self'",
    ),
]


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + _HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


# A person's photograph may be larger than other requests: its own limit, plus a form's
# overhead, applies to its upload paths (the page's form and the API's PUT).
_PHOTO_PATH = re.compile(r"^(/api/v1)?/people/[^/]+/photo$")
_FORM_OVERHEAD = 64 * 1024


class SizeLimit:
    """Refuse request bodies larger than ``max_bytes`` (``photo_bytes`` for a person's
    photograph) with 413, before reading them all."""

    def __init__(self, app: ASGIApp, max_bytes: int, photo_bytes: int = 0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.photo_bytes = max(max_bytes, photo_bytes + _FORM_OVERHEAD)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.photo_bytes if _PHOTO_PATH.match(scope["path"]) else self.max_bytes
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooLarge:
            await _too_large(send)


class _TooLarge(Exception):
    pass


async def _too_large(send: Send) -> None:
    body = (
        b'{"type":"urn:sijill:problem:too_large","title":"Request too large","status":413,'
        b'"detail":"The request body is larger than this server accepts.","code":"too_large"}'
    )
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/problem+json")],
        }
    )
    await send({"type": "http.response.body", "body": body})


# What a NUL character looks like in a URL, a form body and a JSON body. PostgreSQL cannot
# store or even compare text with NUL in it; no field of Sijill has a use for one.
_NUL_IN_URL = (b"\x00", b"%00")
_NUL_IN_BODY = {
    b"application/json": (b"\x00", b"\\u0000"),
    b"application/x-www-form-urlencoded": (b"\x00", b"%00"),
}


class NoNul:
    """Refuse with 422 a request with a NUL character in its path, query, JSON or form
    body, naming the fields that hold one (other bodies, such as a photograph, are binary
    and left alone)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in scope["path"] or any(n in scope.get("raw_path", b"") for n in _NUL_IN_URL):
            await _has_nul(send, ["path"])
            return
        if any(n in scope.get("query_string", b"") for n in _NUL_IN_URL):
            await _has_nul(send, ["query"])
            return
        kind = dict(scope.get("headers", [])).get(b"content-type", b"").split(b";")[0].strip()
        needles = _NUL_IN_BODY.get(kind.lower())
        if needles is None:
            await self.app(scope, receive, send)
            return
        messages = [await receive()]  # bounded by SizeLimit, which runs before this
        while messages[-1].get("more_body", False):
            messages.append(await receive())
        body = b"".join(m.get("body", b"") for m in messages)
        if any(n in body for n in needles):
            await _has_nul(send, _nul_fields(kind.lower(), body))
            return

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)


def _nul_fields(kind: bytes, body: bytes) -> list[str]:
    """The fields of a body that hold a NUL (``names.0.full``), or ``body``."""
    if kind == b"application/json":
        try:
            found = list(_json_nul(json.loads(body), ()))
        except ValueError:
            found = []
    else:
        pairs = parse_qsl(body.decode("latin-1"), keep_blank_values=True)
        found = [name for name, value in pairs if "\x00" in name + value]
    return found or ["body"]


def _json_nul(value: object, at: tuple[str, ...]) -> Iterator[str]:
    if isinstance(value, str) and "\x00" in value:
        yield ".".join(at) or "body"
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _json_nul(item, (*at, str(key).replace("\x00", "")))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_nul(item, (*at, str(index)))


async def _has_nul(send: Send, fields: list[str]) -> None:
    body = json.dumps(
        {
            "type": "urn:sijill:problem:invalid_input",
            "title": "Invalid input",
            "status": 422,
            "detail": "The request contains a NUL character.",
            "code": "invalid_input",
            "errors": dict.fromkeys(fields, "must not contain a NUL character"),
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 422,
            "headers": [(b"content-type", b"application/problem+json")],
        }
    )
    await send({"type": "http.response.body", "body": body})
