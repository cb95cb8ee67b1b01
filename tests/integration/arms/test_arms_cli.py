"""``sijill weapons`` and ``sijill report weapons`` against a fresh SQLite file."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest

from sijill.access.actor import operator_actor
from sijill.cli import main
from sijill.config import Settings
from sijill.db import make_engine, make_session_factory, unit_of_work
from sijill.registry import reference
from sijill.registry.schemas import FacilityIn, GroupIn
from sijill.registry.vocab import FacilityKind

pytestmark = pytest.mark.integration


def run(capsys, *argv: str) -> str:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), err
    return out


@pytest.fixture
def ready(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("SIJILL_DATABASE_URL", url)
    monkeypatch.setenv("SIJILL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    run(capsys, "init", "--password", "a-long-cli-password")
    run(capsys, "offices", "add", "RAQ", "Raqqa office")
    run(capsys, "users", "add", "omar", "--role", "arms_officer", "--office", "RAQ",
        "--password", "a-long-cli-password")  # fmt: skip
    engine = make_engine(Settings().effective_database_url)
    with unit_of_work(make_session_factory(engine)) as session:
        op = operator_actor()
        camp = reference.create_facility(
            session, op, FacilityIn(name="Collection point 1", kind=FacilityKind.CAMP,
                                    office_code="RAQ"))  # fmt: skip
        group = reference.create_group(session, op, GroupIn(name="Synthetic Brigade"))
    engine.dispose()
    return tmp_path, camp, group


def test_intake_list_show_history_serial_and_report(ready, capsys):
    tmp_path, camp, group = ready
    intake = {"facility_id": str(camp.id), "group_id": str(group.id), "witnesses": ["W"],
              "items": [{"weapon_type": "assault_rifle", "model": "AK-47",
                         "markings": [{"text": "AK-47 No. 1O2345"}]},
                        {"weapon_type": "battle_tank", "model": "T-55"}]}  # fmt: skip
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(intake), encoding="utf-8")
    out = run(capsys, "weapons", "intake", str(path), "--as", "omar")
    assert out.startswith("I") and out.count("handed_in") == 2
    rows = list(csv.DictReader(io.StringIO(run(capsys, "weapons", "list", "--format", "csv"))))
    assert {r["weapon_type"] for r in rows} == {"assault_rifle", "battle_tank"}
    rifle = next(r["ref"] for r in rows if r["weapon_type"] == "assault_rifle")
    assert "compared as 102345" in run(capsys, "weapons", "show", rifle)
    assert "handed_in" in run(capsys, "weapons", "history", rifle)
    found = json.loads(run(capsys, "weapons", "serial", "1023 45", "--format", "json"))
    assert [w["ref"] for w in found] == [rifle]
    report = json.loads(run(capsys, "report", "weapons", "--format", "json"))
    assert [w["model"] for w in report["heavy_weapons"]] == ["T-55"]
    assert {"group": "Synthetic Brigade", "weapon_class": "small_arm", "count": 1}.items() <= (
        report["by_group"][1].items()
    )
    assert "by_state,handed_in,heavy_weapon,1" in run(
        capsys, "report", "weapons", "--format", "csv"
    )
