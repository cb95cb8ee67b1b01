"""Transfers benchmark: a batch of 1,000 people with 1,000 weapons. Prints JSON.

    python benchmarks/transfers_bench.py [--people 1000] [--items 1000] [--pg URL]

Builds a fresh database (a temporary SQLite file, or the given PostgreSQL database whose
public schema is dropped first) by running the migrations, registers ``people`` synthetic
people with passports through ``sijill.intake`` (so each is screened and gets a case), opens
a transfer pathway in each case, rates the receiving state, and puts them all in one
outgoing batch with ``items`` weapons (setup, not timed). Manifests are signed by the
credentials key ring's document key (ES256), made in the temporary folder. Then times, each
in its own transaction, three runs of each:

- ``readiness``: the readiness check of every person (``checks.readiness``);
- ``sign_service``: ``handover.sign_manifest``, which re-checks readiness, builds the
  manifest from the database, signs it and audits it;
- ``seal_and_verify``: signing the manifest's content alone (canonical JSON + ES256) and
  verifying the file against the trust list (form, canonical bytes, key, signature);
- ``verify``: verifying the signed file alone.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine

from sijill import intake
from sijill.access import service as access_service
from sijill.access.actor import Actor, operator_actor
from sijill.access.permissions import Role
from sijill.access.schemas import OfficeIn, UserIn
from sijill.cases import service as cases_service
from sijill.cases.schemas import PathwayOpenIn
from sijill.cases.workflow import Pathway
from sijill.credentials import keys
from sijill.credentials.issuer import Issuer
from sijill.credentials.payload import MANIFEST_USE
from sijill.db import make_engine, make_session_factory, unit_of_work
from sijill.migrations import runner
from sijill.registry.schemas import DateOfBirthIn, DocumentIn, NameIn, PersonIn
from sijill.registry.vocab import DatePrecision, DocumentType, NameType, Sex
from sijill.timeutil import utcnow
from sijill.transfers import checks, handover, register, service
from sijill.transfers.manifest import open_manifest, seal
from sijill.transfers.risk import RiskLevel
from sijill.transfers.schemas import BatchIn, EntryIn, ItemIn, RatingIn

GIVEN = ["Karim", "Omar", "Yusuf", "Hasan", "Bilal", "Tariq", "Samir", "Nabil", "Rami", "Fadi"]
FAMILY = ["Haddad", "Khalil", "Saleh", "Nasser", "Darwish", "Mansour", "Aziz", "Hamdan"]
MAX_AGE = 90
NAMESAKES = "benchmark: synthetic people named alike"


def _engine(pg: str | None, folder: Path) -> Engine:
    if pg is None:
        return make_engine(f"sqlite:///{folder / 'transfers.db'}")
    engine = make_engine(pg)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    return engine


def _person(i: int) -> PersonIn:
    name = f"{GIVEN[i % 10]} {FAMILY[(i // 10) % 8]} Bench{i:05d}"
    return PersonIn(
        names=[NameIn(full=name, name_type=NameType.PRIMARY)],
        sex=Sex.MALE,
        date_of_birth=DateOfBirthIn(precision=DatePrecision.YEAR, year=1970 + i % 30),
        nationalities=["IQ"],
        documents=[DocumentIn(doc_type=DocumentType.PASSPORT, issuing_state="IQ",
                              number=f"BX{i:07d}")],
    )  # fmt: skip


def _setup(engine: Engine, people: int, items: int) -> tuple[Actor, str, float]:
    started = time.perf_counter()
    factory = make_session_factory(engine)
    with unit_of_work(factory) as session:
        op = operator_actor()
        access_service.create_office(session, op, OfficeIn(code="BEN", name="Bench office"))
        for username, role in (("bench.case", Role.CASE), ("bench.reg", Role.REGISTRAR)):
            access_service.create_user(session, op, UserIn(
                username=username, full_name=username, role=role, office_code="BEN",
                password="bench-password-1"))  # fmt: skip
        register.record_rating(session, op, RatingIn(state="IQ", level=RiskLevel.LOW, source="B"))
    with unit_of_work(factory) as session:
        reg = access_service.actor_for(access_service.user_by_username(session, "bench.reg"))
        regnos = [intake.register(session, reg, _person(i), None, NAMESAKES).regno
                  for i in range(people)]  # fmt: skip
    proposal = PathwayOpenIn(pathway=Pathway.TRANSFER, reason="return agreed")
    with unit_of_work(factory) as session:
        for regno in regnos:
            cases_service.open_pathway(session, op, regno, proposal)
    with unit_of_work(factory) as session:
        case = access_service.actor_for(access_service.user_by_username(session, "bench.case"))
        head = BatchIn(state="IQ", authority="Bench authority", crossing_point="Bench post")
        ref = service.create_batch(session, case, head).reference
        service.add_people(session, case, ref, [EntryIn(regno=r) for r in regnos])
        weapons = [ItemIn(description="Rifle", weapon_serial=f"SN-{i:06d}",
                          weapon_category="rifle") for i in range(items)]  # fmt: skip
        service.add_items(session, case, ref, weapons)
    return case, ref, time.perf_counter() - started


def _best(runs: int, work: Callable[[], Any]) -> tuple[Any, list[float]]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(round(time.perf_counter() - started, 4))
    return result, times


def bench(people: int, items: int, pg: str | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        engine = _engine(pg, Path(folder))
        runner.upgrade(engine)
        case, ref, setup = _setup(engine, people, items)
        factory = make_session_factory(engine)
        now = int(utcnow().timestamp())
        ring = keys.load(Path(folder) / "credentials", create=True, now=now - 60)
        issuer = Issuer(ring, "bench", "urn:bench:status", None, 3600)
        signer, trust = issuer.signer(MANIFEST_USE, now), issuer.trust_list(now)

        def readiness() -> list[Any]:
            with unit_of_work(factory) as session:
                return checks.readiness(session, case, ref, MAX_AGE)

        def sign() -> bytes:
            with unit_of_work(factory) as session:
                return handover.sign_manifest(session, case, ref, issuer, MAX_AGE)

        lines, ready_times = _best(3, readiness)
        assert len(lines) == people and all(line.ready for line in lines)
        data, sign_times = _best(3, sign)
        with unit_of_work(factory) as session:
            content = handover.manifest_of(session, handover.queries.load_batch(session, case, ref))
        _, seal_times = _best(3, lambda: open_manifest(seal(content, signer), trust, now))
        opened, verify_times = _best(3, lambda: open_manifest(data, trust, now))
        assert len(opened["people"]) == people and len(opened["equipment"]) == items
        engine.dispose()
    return {
        "backend": "postgresql" if pg else "sqlite",
        "people": people,
        "items": items,
        "manifest_bytes": len(data),
        "setup_s": round(setup, 1),
        "readiness_s": ready_times,
        "sign_service_s": sign_times,
        "seal_and_verify_s": seal_times,
        "verify_s": verify_times,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--people", type=int, default=1000)
    p.add_argument("--items", type=int, default=1000)
    p.add_argument("--pg", help="PostgreSQL URL (its public schema is dropped)")
    args = p.parse_args()
    print(json.dumps(bench(args.people, args.items, args.pg), indent=2))


if __name__ == "__main__":
    main()
