"""``sijill match pairs FILE``: one JSON line per pair, in order; bad input, clear errors.

The command is reached through ``sijill.cli.main`` (its real error path), with a parser that
registers ``match`` the way ``build_parser`` registers the other commands.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sijill import cli
from sijill.cli import match

pytestmark = pytest.mark.unit

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "match_pairs_sample.jsonl"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sijill")
    match.register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    return parser


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Run:
    monkeypatch.setenv("SIJILL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(cli, "build_parser", _parser)

    def call(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = cli.main(["match", "pairs", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return call


def test_scores_the_sample_file_in_order(run: Run) -> None:
    code, out, err = run(str(SAMPLE))
    assert (code, err) == (0, "")
    lines = [json.loads(line) for line in out.splitlines()]
    expected = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines] == [e["id"] for e in expected]
    for result, pair in zip(lines, expected, strict=True):
        assert set(result) == {"id", "score", "decision", "explanation"}
        assert 0.0 <= result["score"] <= 1.0
        alerted = result["decision"] in ("match", "possible")
        assert alerted is pair["same"], result
        assert result["explanation"][0].startswith("name ")


def test_explanations_read_like_the_issue(run: Run) -> None:
    _, out, _ = run(str(SAMPLE))
    by_id = {r["id"]: r for r in map(json.loads, out.splitlines())}
    assert by_id["dev-005"]["explanation"][1] == "date of birth: 1982 within 1982-10-29 [+0.03]"
    assert "same kunya abu-muhammad" in " ".join(by_id["dev-044"]["explanation"])
    assert "sex: M ≠ F [-0.50]" in by_id["dev-051"]["explanation"]


def test_reads_stdin_and_skips_blank_lines(run: Run) -> None:
    text = '{"id": "p1", "a": {"name": "Omar Haddad"}, "b": {"name": "عمر حداد"}}\n\n'
    code, out, _ = run("-", stdin=text)
    assert code == 0
    (line,) = out.splitlines()
    assert json.loads(line)["decision"] == "match"


def test_thresholds_and_algorithm_options(run: Run) -> None:
    text = '{"id": 1, "a": {"name": "Vladimir Kuznetsov"}, "b": {"name": "Vladimir Kuznetsof"}}'
    _, out, _ = run("-", "--match", "0.5", "--possible", "0.4", stdin=text)
    assert json.loads(out)["decision"] == "match"
    code, out, err = run("-", "--match", "0.4", "--possible", "0.5", stdin=text)
    assert (code, out) == (2, "")
    assert err == "error: algorithm: thresholds must satisfy 0 <= possible <= match <= 1\n"
    code, out, err = run("-", "--algorithm", "nope", stdin=text)
    assert (code, out) == (2, "")
    assert "unknown matching algorithm 'nope'" in err


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{not json", "error: line 2: not valid JSON: Expecting property name enclosed in"),
        ('{"a": {"name": "A"}, "b": {"name": "B"}}', "error: line 2: id: missing"),
        ('{"id": "x", "a": {"name": "A"}, "b": {}}', "error: line 2: b.name: missing or empty"),
        ('{"id": "x", "a": {"name": "A", "dob": "1982-ish"}, "b": {"name": "B"}}',
         "error: line 2: a.dob: '1982-ish' is not a date"),
        ('["x"]', "error: line 2: expected an object with id, a and b"),
    ],
)  # fmt: skip
def test_a_bad_line_is_named_and_nothing_is_written(run: Run, bad_line: str, message: str) -> None:
    good = '{"id": "ok", "a": {"name": "Omar"}, "b": {"name": "Umar"}}'
    code, out, err = run("-", stdin=f"{good}\n{bad_line}\n{good}\n")
    assert (code, out) == (2, "")
    assert err.startswith(message), err


def test_a_missing_file_is_an_error(run: Run, tmp_path: Path) -> None:
    code, out, err = run(str(tmp_path / "nowhere.jsonl"))
    assert (code, out) == (2, "")
    assert err.startswith("error: file: cannot read ") and "nowhere.jsonl" in err


def test_a_file_that_is_not_utf8_is_an_error(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"id": "1", "a": {"name": "Zoë"}}'.encode("latin-1"))
    code, out, err = run(str(path))
    assert (code, out) == (2, "")
    assert err == f"error: file: {path} is not UTF-8 text\n"
