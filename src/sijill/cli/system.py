"""init, migrate, db-check, serve, demo."""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sijill.access import service as access_service
from sijill.access.actor import operator_actor
from sijill.access.models import Office
from sijill.access.permissions import Role
from sijill.access.schemas import OfficeIn, UserIn
from sijill.cli.context import transaction
from sijill.config import Settings
from sijill.db import check_migrated, make_engine, make_session_factory, unit_of_work
from sijill.migrations import runner
from sijill.registry import candidates, index
from sijill.timeutil import utcnow


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="migrate the database and create the first administrator")
    p.add_argument("--admin", default="admin", help="user name of the administrator")
    p.add_argument("--password", help="administrator password (generated when not given)")
    p.add_argument("--office", default="HQ", help="code of the national office")
    p.set_defaults(handler=init)
    p = sub.add_parser("migrate", help="bring the database schema to the latest version")
    p.set_defaults(handler=migrate)
    p = sub.add_parser("db-check", help="fail if the models and the migrations disagree")
    p.set_defaults(handler=db_check)
    p = sub.add_parser(
        "reindex", help="rebuild the name search and candidate indexes (after an upgrade)"
    )
    p.add_argument(
        "--only",
        choices=("names", "candidates"),
        help="rebuild one index: names (name search keys) or candidates (blocking keys)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes computing the candidate keys of a large registry (default 1)",
    )
    p.set_defaults(handler=reindex)
    p = sub.add_parser("serve", help="run the web server")
    p.add_argument("--host", help="address to listen on (default from SIJILL_HOST)")
    p.add_argument("--port", type=int, help="port (default from SIJILL_PORT)")
    p.set_defaults(handler=serve)
    p = sub.add_parser("demo", help="fill the registry with a synthetic demo population")
    p.add_argument("--people", type=int, default=500, help="about how many people")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--truth", type=Path, help="write the true duplicate pairs here (CSV)")
    p.add_argument(
        "--bulk",
        action="store_true",
        help="insert in bulk for large sizes (no revision snapshots, no --truth)",
    )
    p.set_defaults(handler=demo)


def migrate(args: argparse.Namespace, settings: Settings) -> int:
    engine = make_engine(settings.effective_database_url)
    runner.upgrade(engine)
    print(f"database at revision {runner.current_revision(engine)}")
    engine.dispose()
    return 0


def db_check(args: argparse.Namespace, settings: Settings) -> int:
    engine = make_engine(settings.effective_database_url)
    runner.check(engine)
    print("models and migrations agree")
    engine.dispose()
    return 0


def init(args: argparse.Namespace, settings: Settings) -> int:
    """Migrate, then create the national office and an administrator if there is none."""
    migrate(args, settings)
    with transaction(settings) as session:
        actor = operator_actor()
        if session.scalar(select(Office).where(Office.code == args.office)) is None:
            office = OfficeIn(code=args.office, name="Headquarters", national=True)
            access_service.create_office(session, actor, office)
        existing = {u.username for u in access_service.list_users(session, actor)}
        if args.admin in existing:
            print(f"administrator {args.admin!r} exists already; nothing else to do")
            return 0
        password = args.password or secrets.token_urlsafe(12)
        user = UserIn(
            username=args.admin,
            full_name="Administrator",
            role=Role.ADMINISTRATOR,
            office_code=args.office,
            password=password,
        )
        access_service.create_user(session, actor, user)
    print(f"administrator: {args.admin}")
    if not args.password:
        print(f"password:      {password}   (shown once; a second factor is set up at first login)")
    return 0


def reindex(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        if args.only != "candidates":
            written = index.rebuild_name_index(session, operator_actor())
            print(f"name index rebuilt: {written} keys")
        if args.only != "names":
            written = candidates.rebuild(session, operator_actor(), args.workers)
            print(f"candidate index rebuilt: {written} keys")
    return 0


def serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from sijill.main import create_app

    app = create_app(settings)
    host, port = args.host or settings.host, args.port or settings.port
    print(f"Sijill is at http://{host}:{port}/", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True)
    return 0


def demo(args: argparse.Namespace, settings: Settings) -> int:
    from sijill.credentials import issuer as issuers
    from sijill.demo import bulk, loader

    engine = make_engine(settings.effective_database_url)
    check_migrated(engine)
    factory = make_session_factory(engine)
    with unit_of_work(factory) as session:
        logins = loader.prepare(session)
    if args.bulk:
        result = bulk.bulk_load(factory, args.people, args.seed)
    else:
        issuer = issuers.from_settings(settings, int(utcnow().timestamp()))
        result = loader.load(
            factory, args.people, args.seed, args.truth, progress=sys.stderr, issuer=issuer
        )
    print(
        f"{result.people} people in {result.households} households "
        f"({result.duplicates} registered twice) in {result.seconds:.1f} s"
    )
    path = settings.data_dir / "demo-logins.txt"
    if logins:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"{u} {p}\n" for u, p in logins.items()))
        path.chmod(0o600)
        print(f"demo logins written to {path}")
    engine.dispose()
    return 0
