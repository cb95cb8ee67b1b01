"""The documentation keeps up with the code: every setting, command and role is documented.

Like Datasette's documentation tests: a new setting, CLI command or role without its
documentation fails here, with the name of what is missing.
"""

from __future__ import annotations

import argparse
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from sijill.access.permissions import ROLE_PERMISSIONS, Permission, Role
from sijill.cli import build_parser
from sijill.config import Settings

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
OPERATOR_GUIDE = DOCS / "operator-guide.md"
ARCHITECTURE = DOCS / "architecture.md"
USER_GUIDE = DOCS / "user-guide"
# Pages for people who use Sijill without being a Role: a checkpoint has no account.
EXTRA_USER_PAGES = ("checkpoint",)


def _section(text: str, heading: str) -> str:
    """The text under the ``## heading`` line, up to the next heading of level 1 or 2."""
    match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^#{{1,2}} |\Z)", text, re.M | re.S)
    assert match, f"no '## {heading}' section"
    return match.group(1)


def _commands(parser: argparse.ArgumentParser, prefix: str = "sijill") -> Iterator[str]:
    """Every command line the parser accepts, as ``sijill users add`` (parents included)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield f"{prefix} {name}"
                yield from _commands(sub, f"{prefix} {name}")


def _page_name(role: Role) -> str:
    return role.value.replace("_", "-")


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_documented(field: str) -> None:
    settings = _section(OPERATOR_GUIDE.read_text(encoding="utf-8"), "Settings")
    variable = f"SIJILL_{field.upper()}"
    assert re.search(rf"`{variable}`", settings), f"{variable} is not in the Settings section"


def test_settings_section_lists_no_unknown_setting() -> None:
    settings = _section(OPERATOR_GUIDE.read_text(encoding="utf-8"), "Settings")
    documented = set(re.findall(r"`SIJILL_([A-Z_]+)`", settings))
    known = {field.upper() for field in Settings.model_fields}
    assert documented <= known, f"documented but not settings: {sorted(documented - known)}"


@pytest.mark.parametrize("command", sorted(set(_commands(build_parser()))))
def test_every_cli_command_is_documented(command: str) -> None:
    guide = OPERATOR_GUIDE.read_text(encoding="utf-8")
    assert re.search(rf"{re.escape(command)}(?![\w-])", guide), f"`{command}` is not documented"


@pytest.mark.parametrize(
    "page_name", [_page_name(role) for role in Role] + list(EXTRA_USER_PAGES), ids=str
)
def test_every_role_has_a_user_guide_page(page_name: str) -> None:
    path = USER_GUIDE / f"{page_name}.md"
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing"
    assert (USER_GUIDE / "README.md").read_text(encoding="utf-8").count(f"({page_name}.md)")


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_role_page_states_the_role_permissions(role: Role) -> None:
    text = (USER_GUIDE / f"{_page_name(role)}.md").read_text(encoding="utf-8")
    match = re.search(r"^Permissions today: (.*)$", text, re.M)
    assert match, "the page needs a 'Permissions today: ...' line"
    stated = set(re.findall(r"`([a-z_]+:[a-z_]+)`", match.group(1)))
    assert stated == {p.value for p in ROLE_PERMISSIONS[role]}


def test_architecture_permission_table_matches_the_code() -> None:
    section = _section(ARCHITECTURE.read_text(encoding="utf-8"), "Roles and permissions")
    # The first table of the section: "| role | `person:read` | ... |", a rule, then one row
    # per role with "yes" where the role holds the permission.
    header, _rule, *rest = section.split("\n| role |", 1)[1].splitlines()
    rows = list(itertools.takewhile(lambda line: line.startswith("|"), rest))
    columns = [cell.strip().strip("`") for cell in header.strip("|").split("|")]
    assert columns == [p.value for p in Permission]
    found: dict[str, set[str]] = {}
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        found[cells[0].strip("`")] = {c for c, mark in zip(columns, cells[1:], strict=True) if mark}
    expected = {role.value: {p.value for p in perms} for role, perms in ROLE_PERMISSIONS.items()}
    assert found == expected
