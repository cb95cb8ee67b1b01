"""Lists fetched from an http(s) address: the body up to the size limit, clear errors for a
wrong scheme, a missing file, a refused connection and a body over the limit; ``sijill screen
file`` reads a list from a URL as from a file."""

from __future__ import annotations

import http.server
import io
import json
import socket
import sys
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from sijill import cli
from sijill.screening.entries import ListFormatError
from sijill.screening.fetch import fetch, is_url

DATA = Path(__file__).resolve().parents[2] / "data" / "screening"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request lines on the test's standard error."""


@pytest.fixture
def server() -> Iterator[str]:
    """An HTTP server on a free local port serving tests/data/screening."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(DATA)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_is_url_knows_http_and_https_only() -> None:
    assert is_url("https://example.org/list.xml") and is_url("HTTP://example.org/x")
    assert not is_url("list.xml") and not is_url("file:///etc/passwd") and not is_url("-")


def test_fetch_returns_the_body(server: str) -> None:
    assert fetch(f"{server}/un_sample.xml", 10_000_000) == (DATA / "un_sample.xml").read_bytes()


@pytest.mark.parametrize(
    ("path", "limit", "message"),
    [
        ("/missing.xml", 10_000_000, "answered 404"),
        ("/un_sample.xml", 100, "larger than the limit of 100 bytes"),
    ],
)
def test_fetch_refuses_with_the_reason(server: str, path: str, limit: int, message: str) -> None:
    with pytest.raises(ListFormatError, match=message):
        fetch(server + path, limit)


def test_fetch_refuses_other_schemes_and_unreachable_servers() -> None:
    with pytest.raises(ListFormatError, match="only http and https"):
        fetch("file:///etc/passwd", 1000)
    with pytest.raises(ListFormatError, match="cannot fetch"):
        fetch(f"http://127.0.0.1:{free_port()}/list.xml", 1000, timeout=5)


def call(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"id": 1, "name": "x"}')))
    capsys.readouterr()
    code = cli.main(["screen", "file", *argv, "--people", "-"])
    return code, *capsys.readouterr()


def test_screen_file_reads_a_list_from_a_url(
    server: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path
) -> None:
    monkeypatch.setenv("SIJILL_DATA_DIR", str(tmp_path))
    by_url = call(monkeypatch, capsys, "--list", f"{server}/un_sample.xml", "--format", "un")
    by_file = call(monkeypatch, capsys, "--list", str(DATA / "un_sample.xml"), "--format", "un")
    assert by_url == by_file
    assert json.loads(by_url[1]) == {"id": 1, "hits": []}
    code, out, err = call(monkeypatch, capsys, "--list", f"{server}/gone.xml", "--format", "un")
    assert (code, out) == (2, "") and "answered 404" in err
