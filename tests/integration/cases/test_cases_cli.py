"""sijill cases open-all|eligibility|rebuild-backlog and sijill backlog, on a SQLite file."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from factories.registry import person_in
from sijill.cli import main

pytestmark = pytest.mark.integration

PASSWORD = "a-long-cli-password"


def run(capsys, *argv: str) -> str:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), err
    return out


def test_open_all_eligibility_and_backlog(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("SIJILL_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("SIJILL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    run(capsys, "init", "--password", PASSWORD)
    run(capsys, "offices", "add", "RAQ", "Raqqa office")
    run(
        capsys,
        "users",
        "add",
        "amina",
        "--role",
        "registrar",
        "--office",
        "RAQ",
        "--password",
        PASSWORD,
    )
    for name, year in (("Adult One", 1980), ("Adult Two", 1975), ("Child One", 2019)):
        path = tmp_path / f"{year}.json"
        path.write_text(person_in(name, year=year).model_dump_json(), encoding="utf-8")
        run(capsys, "person", "register", str(path), "--as", "amina")
    # registering opened the two adults' cases already (sijill.intake): none is missing
    assert run(capsys, "cases", "open-all") == "opened 0 cases\n"
    counts = dict(
        line.split("\t") for line in run(capsys, "cases", "eligibility").split("\n") if line
    )
    assert counts["people"] == "3"
    assert "0 day rows" in run(capsys, "cases", "rebuild-backlog")
    report = json.loads(run(capsys, "backlog", "--format", "json"))
    assert report["open"] == 0 and len(report["states"]) == 15
    rows = list(csv.reader(io.StringIO(run(capsys, "backlog", "--format", "csv"))))
    assert rows[0] == [
        "pathway",
        "status",
        "open",
        "median_days",
        "p90_days",
        "target_days",
        "past_target",
    ]
    assert rows[1][:3] == ["army_integration", "referred", "0"]
    code = main(["backlog", "--pathway", "flying"])
    assert code == 2
