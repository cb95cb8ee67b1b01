"""users list|add|set-password|reset-totp|end-sessions|unlock|token, offices list|add."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from sijill.access import login as access_login
from sijill.access import service as access_service
from sijill.access.permissions import Role
from sijill.access.schemas import OfficeIn, UserIn, UserUpdate
from sijill.cli.context import actor_as, transaction
from sijill.config import Settings
from sijill.errors import InvalidInput


def register(sub: Any) -> None:
    users = sub.add_parser("users", help="manage user accounts").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = users.add_parser("list", help="list users")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(handler=list_users)
    p = users.add_parser("add", help="add a user")
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--office", required=True, help="office code")
    p.add_argument("--name", help="full name (default: the user name)")
    p.add_argument("--password", help="password (asked for when stdin is a terminal)")
    p.set_defaults(handler=add_user)
    p = users.add_parser("set-password", help="set a user's password")
    p.add_argument("username")
    p.add_argument("--password", help="new password (asked for when stdin is a terminal)")
    p.set_defaults(handler=set_password)
    p = users.add_parser(
        "reset-totp", help="remove a user's second factor (they enrol again at next login)"
    )
    p.add_argument("username")
    p.set_defaults(handler=reset_totp)
    p = users.add_parser("end-sessions", help="log a user out of every browser")
    p.add_argument("username")
    p.set_defaults(handler=end_sessions)
    p = users.add_parser("unlock", help="lift a user's lockout after too many failed logins")
    p.add_argument("username")
    p.set_defaults(handler=unlock)
    p = users.add_parser("token", help="create an API token for a user (printed once)")
    p.add_argument("username")
    p.add_argument("--name", default="cli", help="a name to recognise the token by")
    p.set_defaults(handler=token)
    offices = sub.add_parser("offices", help="manage offices").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = offices.add_parser("list", help="list offices")
    p.set_defaults(handler=list_offices)
    p = offices.add_parser("add", help="add an office")
    p.add_argument("code")
    p.add_argument("name")
    p.add_argument("--national", action="store_true", help="its users see every office")
    p.set_defaults(handler=add_office)


def _password(given: str | None) -> str:
    if given:
        return given
    if not sys.stdin.isatty():
        raise InvalidInput({"password": "give --password when stdin is not a terminal"})
    return getpass.getpass("password: ")


def list_users(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        rows = access_service.list_users(session, actor_as(session, None))
    if args.format == "json":
        print(json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        state = "" if r.active else "  (inactive)"
        print(f"{r.username:20} {r.role.value:20} {r.office_code:6} {r.full_name}{state}")
    return 0


def add_user(args: argparse.Namespace, settings: Settings) -> int:
    data = UserIn(
        username=args.username,
        full_name=args.name or args.username,
        role=Role(args.role),
        office_code=args.office,
        password=_password(args.password),
    )
    with transaction(settings) as session:
        user = access_service.create_user(session, actor_as(session, None), data)
    print(f"added {user.username} ({user.role.value}, {user.office_code})")
    return 0


def set_password(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        user = access_service.user_by_username(session, args.username)
        data = UserUpdate(password=_password(args.password))
        access_service.update_user(session, actor_as(session, None), user.id, data)
    print(f"password of {args.username} changed")
    return 0


def reset_totp(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        user = access_service.user_by_username(session, args.username)
        access_service.reset_totp(session, actor_as(session, None), user.id)
    print(f"second factor of {args.username} removed; it is set up again at the next login")
    return 0


def end_sessions(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        user = access_service.user_by_username(session, args.username)
        ended = access_login.end_user_sessions(
            session, actor_as(session, None), user.id, "operator"
        )
    print(f"{ended} sessions of {args.username} ended")
    return 0


def unlock(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        user = access_service.user_by_username(session, args.username)
        access_login.unlock(session, actor_as(session, None), user.id)
    print(f"lockout of {args.username} lifted")
    return 0


def token(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        new = access_service.create_token(session, actor_as(session, args.username), args.name)
    print(new.token)
    return 0


def list_offices(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        for office in access_service.list_offices(session, actor_as(session, None)):
            print(f"{office.code:8} {office.name}{'  (national)' if office.national else ''}")
    return 0


def add_office(args: argparse.Namespace, settings: Settings) -> int:
    data = OfficeIn(code=args.code, name=args.name, national=args.national)
    with transaction(settings) as session:
        access_service.create_office(session, actor_as(session, None), data)
    print(f"added office {args.code}")
    return 0
