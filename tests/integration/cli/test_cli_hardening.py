"""The commands of login hardening and sealed records, against a fresh SQLite file."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from factories.registry import person_in
from sijill.cli import main

pytestmark = pytest.mark.integration

PASSWORD = "a-long-cli-password"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.setenv("SIJILL_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("SIJILL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    def call(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    for argv in (
        ("init", "--password", PASSWORD),
        ("offices", "add", "RAQ", "Raqqa office"),
        ("users", "add", "amina", "--role", "registrar", "--office", "RAQ", "--password",
         PASSWORD),
        ("users", "add", "salma", "--role", "protection_officer", "--office", "RAQ",
         "--password", PASSWORD),
    ):  # fmt: skip
        assert call(*argv)[0] == 0
    return call


def test_a_common_password_is_refused(run):
    code, _, err = run("users", "add", "omar", "--role", "registrar", "--office", "RAQ",
                       "--password", "Password2026!")  # fmt: skip
    assert code != 0 and "too common" in err


def test_end_sessions_and_unlock(run):
    assert run("users", "end-sessions", "amina")[1] == "0 sessions of amina ended\n"
    assert run("users", "unlock", "amina")[1] == "lockout of amina lifted\n"
    code, _, err = run("users", "unlock", "nobody")
    assert code != 0 and "No user named" in err


def test_seal_search_open_and_the_list_of_openings(run, tmp_path):
    path = tmp_path / "p.json"
    path.write_text(person_in("Khalid Mansour Haddad").model_dump_json(), encoding="utf-8")
    regno = run("person", "register", str(path), "--as", "amina")[1].strip()
    code, _, err = run("person", "seal", regno, "--kind", "witness", "--reason", "x",
                       "--as", "salma")  # fmt: skip
    assert code != 0 and "reason" in err  # too short a reason
    assert run("person", "seal", regno, "--kind", "witness", "--reason", "Witness at trial",
               "--as", "salma")[0] == 0  # fmt: skip
    out = run("person", "search", "Khalid Haddad", "--as", "amina", "--format", "json")[1]
    assert [(p["regno"], p["name"], p["sealed"]) for p in json.loads(out)] == [
        (regno, "sealed", True)
    ]
    code, _, err = run("person", "show", regno, "--as", "amina")
    assert code != 0 and "is sealed" in err
    out = run("person", "open", regno, "--reason", "Transfer hearing file", "--as", "amina")[1]
    assert "Khalid Mansour Haddad" in out
    [listed] = json.loads(run("person", "sealed", "--as", "salma")[1])
    assert [(o["actor"], o["reason"]) for o in listed["openings"]] == [
        ("amina", "Transfer hearing file")
    ]
    assert run("person", "unseal", regno, "--reason", "Trial is over", "--as", "salma")[0] == 0
    assert "Khalid Mansour Haddad" in run("person", "show", regno, "--as", "amina")[1]
