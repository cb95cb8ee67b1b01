"""The ``sijill`` command against a fresh SQLite file: it opens its own engine, as in use."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from factories.registry import person_in
from sijill.access import service as access_service
from sijill.cli import main
from sijill.db import make_engine, make_session_factory, unit_of_work
from sijill.demo.photos import avatar
from sijill.registry import regno as regnos

pytestmark = pytest.mark.integration

PASSWORD = "a-long-cli-password"


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str], url: str) -> None:
        self.capsys = capsys
        self.url = url

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(list(argv))
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *argv: str) -> str:
        code, out, err = self(*argv)
        assert (code, err) == (0, ""), err
        return out


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Cli:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("SIJILL_DATABASE_URL", url)
    monkeypatch.setenv("SIJILL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal: nothing may prompt
    return Cli(capsys, url)


@pytest.fixture
def ready(cli: Cli) -> Cli:
    """Initialised, with an office and a registrar."""
    cli.ok("init", "--password", PASSWORD)
    cli.ok("offices", "add", "RAQ", "Raqqa office")
    cli.ok("users", "add", "amina", "--role", "registrar", "--office", "RAQ", "--password",
           PASSWORD)  # fmt: skip
    return cli


def register_file(tmp_path: Path, name: str, *aliases: str, **extra) -> Path:
    path = tmp_path / f"{len(list(tmp_path.iterdir()))}.json"
    path.write_text(person_in(name, *aliases, **extra).model_dump_json(), encoding="utf-8")
    return path


def test_init_prompts_for_nothing_and_prints_a_generated_password(cli):
    out = cli.ok("init")
    assert "administrator: admin" in out
    password = re.search(r"password:\s+(\S+)", out).group(1)
    assert len(password) >= 12
    engine = make_engine(cli.url)
    with unit_of_work(make_session_factory(engine)) as session:
        admin = access_service.authenticate(session, "admin", password)
        assert (admin.role, admin.office.code, admin.office.national) == (
            "administrator",
            "HQ",
            True,
        )
    engine.dispose()
    again = cli.ok("init")
    assert "exists already" in again and "password" not in again


def test_init_with_a_given_password_does_not_print_it(cli):
    out = cli.ok("init", "--admin", "root", "--password", PASSWORD)
    assert "administrator: root" in out and PASSWORD not in out


def test_an_unmigrated_database_is_refused_naming_the_command_to_run(cli):
    for argv in (("person", "list"), ("users", "list"), ("person", "show", regnos.generate())):
        code, out, err = cli(*argv)
        assert code == 3
        assert out == ""
        assert err.startswith("error: The database is empty")
        assert "sijill migrate" in err
    assert "database at revision" in cli.ok("migrate")
    assert cli.ok("person", "list") == ""


def test_users_add_list_and_token(ready, tmp_path):
    out = ready.ok("users", "list", "--format", "json")
    users = {u["username"]: u for u in json.loads(out)}
    assert set(users) == {"admin", "amina"}
    assert (users["amina"]["role"], users["amina"]["office_code"]) == ("registrar", "RAQ")
    text = ready.ok("users", "list")
    assert re.search(r"^amina\s+registrar\s+RAQ", text, re.M)
    token = ready.ok("users", "token", "amina", "--name", "laptop").strip()
    assert token.startswith("sj_")
    engine = make_engine(ready.url)
    with unit_of_work(make_session_factory(engine)) as session:
        actor = access_service.actor_for_token(session, token)
        assert (actor.username, actor.office_code) == ("amina", "RAQ")
    engine.dispose()


def test_person_register_show_and_list(ready, tmp_path):
    regno = ready.ok(
        "person", "register", str(register_file(tmp_path, "Ahmad al-Sharaa", "أحمد الشرع",
                                                document="AB1234567")),
        "--as", "amina",
    ).strip()  # fmt: skip
    assert regnos.parse(regno)
    shown = ready.ok("person", "show", regno.replace("-", "").lower())
    assert shown.startswith(f"{regno}  Ahmad al-Sharaa  (version 1, office RAQ)")
    assert "أحمد الشرع  [Arabic]" in shown
    assert "UZ AB1234567  held" in shown
    record = json.loads(ready.ok("person", "show", regno, "--format", "json"))
    assert (record["regno"], record["version"]) == (regno, 1)
    for i in range(3):
        ready.ok("person", "register", str(register_file(tmp_path, f"Person {i}")), "--as",
                 "amina")  # fmt: skip
    rows = json.loads(ready.ok("person", "list", "--format", "json", "--limit", "2"))
    assert len(rows) == 2
    assert set(rows[0]) == {"id", "regno", "name", "sex", "date_of_birth", "nationalities",
                            "office", "sealed"}  # fmt: skip
    everyone = json.loads(ready.ok("person", "list", "--format", "json"))
    assert len(everyone) == 4 and regno in {r["regno"] for r in everyone}
    found = json.loads(ready.ok("person", "search", "احمد الشرع", "--format", "json"))
    assert [r["regno"] for r in found] == [regno]


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (("users", "add", "Bad Name", "--role", "registrar", "--office", "RAQ", "--password",
          PASSWORD), 2, "error: username: String should match pattern"),
        (("users", "add", "short", "--role", "registrar", "--office", "RAQ", "--password",
          "short"), 2, "error: password: String should have at least 12 characters"),
        (("users", "add", "nobody", "--role", "registrar", "--office", "NOPE", "--password",
          PASSWORD), 2, "error: office_code: There is no office with code 'NOPE'."),
        (("users", "add", "amina", "--role", "registrar", "--office", "RAQ", "--password",
          PASSWORD), 1, "error: username: The user name 'amina' is taken."),
        (("users", "add", "nopass", "--role", "registrar", "--office", "RAQ"), 2,
         "error: password: give --password when stdin is not a terminal"),
        (("users", "token", "ghost"), 1, "error: No user named 'ghost'."),
        (("person", "show", "ABCD-EFGH-1"), 1, "error: No person with registry number"),
        (("offices", "add", "raq lower", "Bad"), 2, "error: code: String should match pattern"),
    ],
)  # fmt: skip
def test_bad_input_gives_an_error_line_and_a_non_zero_exit(ready, argv, code, message):
    before = ready.ok("users", "list", "--format", "json")
    status, out, err = ready(*argv)
    assert status == code
    assert out == ""
    assert err.startswith(message)
    assert "Traceback" not in err
    assert ready.ok("users", "list", "--format", "json") == before


def test_a_bad_person_file_writes_nothing(ready, tmp_path):
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{not json", encoding="utf-8")
    hidden = register_file(tmp_path, "Ali\u202eReza")
    wrong_shape = tmp_path / "shape.json"
    wrong_shape.write_text(json.dumps({"names": "Ali"}), encoding="utf-8")
    for path, field in ((bad_json, "file"), (hidden, "names.0.full"), (wrong_shape, "names")):
        status, _out, err = ready("person", "register", str(path), "--as", "amina")
        assert status == 2
        assert err.startswith(f"error: {field}: "), err
    assert ready.ok("person", "list") == ""


def test_roles_apply_when_acting_as_a_user(ready, tmp_path):
    ready.ok("users", "add", "olga", "--role", "observer", "--office", "RAQ", "--password",
             PASSWORD)  # fmt: skip
    status, _out, err = ready("person", "register", str(register_file(tmp_path, "Ali")), "--as",
                              "olga")  # fmt: skip
    assert status == 1
    assert err == "error: Your role (observer) may not do this (person:register).\n"
    status, _out, err = ready("person", "list", "--as", "olga")
    assert status == 1


def test_person_register_shows_likely_duplicates_and_takes_a_reason(ready, tmp_path):
    first = ready.ok(
        "person", "register", str(register_file(tmp_path, "Tarkhan Batirashvili", year=1986)),
        "--as", "amina",
    ).strip()  # fmt: skip
    again = str(register_file(tmp_path, "Тархан Батирашвили", year=1986))
    status, out, err = ready("person", "register", again, "--as", "amina")
    assert (status, out) == (1, "")
    assert f"match 1.00  {first}  Tarkhan Batirashvili" in err
    assert "given name: tarkhan = tarkhan (same)" in err  # the explanation
    assert err.endswith("give a reason to register a new person.\n")
    assert len(json.loads(ready.ok("person", "list", "--format", "json"))) == 1
    second = ready.ok(
        "person", "register", again, "--as", "amina", "--duplicate-reason", "his cousin"
    ).strip()
    assert second != first


def test_person_photo_sets_the_photograph_and_refuses_other_files(ready, tmp_path):
    regno = ready.ok(
        "person", "register", str(register_file(tmp_path, "Yusuf Karimov")), "--as", "amina"
    ).strip()
    picture = tmp_path / "photo.jpg"
    picture.write_bytes(avatar("cli"))
    out = ready.ok("person", "photo", regno, str(picture), "--as", "amina")
    assert re.match(rf"{regno} photograph [0-9a-f]{{64}} \(240x300, \d+ bytes\)$", out.strip())
    text = tmp_path / "notes.txt"
    text.write_text("not a picture", encoding="utf-8")
    status, _out, err = ready("person", "photo", regno, str(text), "--as", "amina")
    assert status == 2
    assert err == "error: photo: Send a JPEG or PNG picture.\n"
