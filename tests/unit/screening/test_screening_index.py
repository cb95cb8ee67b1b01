"""The screening index: listed people and groups found under other spellings, scripts, orders
and hidden characters; ordinary people not; ``sijill screen file`` writes the issue's lines."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sijill import cli
from sijill.cli import screening as screening_cli
from sijill.matching.records import MatchRecord
from sijill.screening.index import ListIndex
from sijill.screening.sources import parse_list

pytestmark = pytest.mark.unit

DATA = Path(__file__).resolve().parents[2] / "data" / "screening"


@pytest.fixture(scope="module")
def index() -> ListIndex:
    return ListIndex.build(parse_list("un", (DATA / "un_sample.xml").read_bytes()))


def found(index: ListIndex, name: str, **fields: object) -> list[str]:
    record = MatchRecord(names=(name,), **fields)  # type: ignore[arg-type]
    return [hit.entry.entry_id for hit in index.screen(record)]


@pytest.mark.parametrize(
    "name",
    [
        "Khalid Yusuf al-Marzuqi",  # as listed
        "AL-MARZUQI, Khalid Yusuf",  # family name first
        "Yusuf Khalid Marzuqi",  # reordered
        "Khaled Youssef el Marzouki",  # another transliteration
        "خالد يوسف المرزوقي",  # Arabic script
        "Халид Юсуф аль-Марзуки",  # Cyrillic
        "Kh\u0430lid Yusuf al-M\u0430rzuqi",  # Cyrillic look-alike letters
        "Khal\u200bid Yu\u200dsuf al-Marzuqi",  # zero-width characters
        "\u202eKhalid Yusuf al-Marzuqi\u202c",  # bidi override
        "Abu Yusuf al-Halabi",  # the low-quality alias
        "Khalid Yusif al-Marzuki",  # typos
    ],
)
def test_evasions_still_hit(index: ListIndex, name: str) -> None:
    assert found(index, name)[:1] == ["QDi.901"]


def test_other_script_original_name_is_used(index: ListIndex) -> None:
    assert found(index, "Timur Bekov")[:1] == ["QDi.903"]
    assert found(index, "Тимур Беков")[:1] == ["QDi.903"]


def test_groups_match_listed_organisations_only(index: ListIndex) -> None:
    org = MatchRecord(names=("لواء الفجر الجديد",), schema="Organization")
    assert [h.entry.entry_id for h in index.screen(org)] == ["QDe.901"]
    assert found(index, "Liwa al-Fajr al-Jadid") == []  # a person is not compared to a group


@pytest.mark.parametrize("name", ["Omar Haddad", "Khalid Hassan", "Yusuf Ahmad", "Samir Qassem"])
def test_ordinary_names_do_not_hit(index: ListIndex, name: str) -> None:
    assert found(index, name, dob="1975") == []


def test_a_conflicting_date_and_sex_lower_the_score(index: ListIndex) -> None:
    close = index.screen(MatchRecord(names=("Samira Hadi Qassab",), dob="1990", sex="F"))
    far = index.screen(MatchRecord(names=("Samira Hadi Qassab",), dob="1950", sex="M"))
    assert close[0].score > (far[0].score if far else 0.0)


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Run:
    monkeypatch.setenv("SIJILL_DATA_DIR", str(tmp_path / "data"))

    def parser() -> argparse.ArgumentParser:
        p = argparse.ArgumentParser(prog="sijill")
        screening_cli.register(p.add_subparsers(dest="command", required=True))
        return p

    monkeypatch.setattr(cli, "build_parser", parser)

    def call(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
        capsys.readouterr()
        code = cli.main(["screen", "file", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return call


PEOPLE = "\n".join(
    json.dumps(p, ensure_ascii=False)
    for p in [
        {"id": "a", "name": "Ordinary Person", "dob": "1990"},
        {"id": 2, "name": "Marzouki, Khaled", "aliases": ["Abu Yusuf"], "nationality": "SY"},
        {"id": "c", "name": "New Dawn Brigade", "schema": "Organization"},
    ]
)


@pytest.mark.parametrize(
    ("fmt", "files"),
    [("un", ["un_sample.xml"]), ("ofac", ["ofac_sdn.csv"]), ("ofac", ["ofac_sdn.xml"]),
     ("eu", ["eu_sample.xml"]), ("ftm", ["ftm_sample.jsonl"])],
)  # fmt: skip
def test_screen_file_writes_one_line_per_person(run: Run, fmt: str, files: list[str]) -> None:
    code, out, err = run(
        "--list", str(DATA / files[0]), "--format", fmt, "--people", "-", stdin=PEOPLE
    )
    assert (code, err) == (0, "")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["a", 2, "c"]
    assert lines[0]["hits"] == []
    assert lines[1]["hits"], fmt
    hit = lines[1]["hits"][0]
    assert set(hit) == {"entry", "name", "score", "decision", "explanation"}
    assert hit["decision"] in {"match", "possible"}
    assert hit["explanation"][0].startswith("name ")
    assert lines[2]["hits"], fmt
    scores = [h["score"] for line in lines for h in line["hits"]]
    assert all(0.0 < s <= 1.0 for s in scores)


def test_screen_file_with_a_column_mapping(run: Run) -> None:
    mapping = json.dumps({"id": "Ref", "name": "Full name", "aliases": "Other names"})
    code, out, _ = run(
        "--list",
        str(DATA / "national.csv"),
        "--format",
        "csv",
        "--mapping",
        mapping,
        "--people",
        "-",
        stdin='{"id": 1, "name": "Nader Saleem al-Qarni"}',
    )
    assert code == 0
    assert json.loads(out)["hits"][0]["entry"] == "NAT-001"


def test_screen_file_refuses_bad_input_naming_it(run: Run) -> None:
    code, out, err = run(
        "--list",
        str(DATA / "xxe.xml"),
        "--format",
        "un",
        "--people",
        "-",
        stdin='{"id": 1, "name": "A B"}',
    )
    assert (code, out) == (2, "")
    assert "list: unsafe XML refused" in err
    people = '{"id": 1, "name": "A B"}\n{"name": "C"}'
    code, out, err = run(
        "--list", str(DATA / "un_sample.xml"), "--format", "un", "--people", "-", stdin=people
    )
    assert (code, out) == (2, "")
    assert "line 2: id: missing" in err
