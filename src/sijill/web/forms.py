"""Turn flat form fields (``names.0.full``) into the nested input the services take."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sijill.errors import InvalidInput, Msg

# A list row is kept only if one of these keys (relative to the row) has a value.
SIGNIFICANT = {
    "names": ("full",),
    "documents": ("number",),
    "family": ("regno", "new_person.names.0.full"),
    "affiliations": ("group_id",),
    "aliases": ("",),
}
# An object is kept only if one of these keys (relative to it) has a value: a family row
# linking a registry number also sends the new-person fields' defaults (type, sex, precision),
# and a date of birth left empty still sends its precision (the select has a default).
SIGNIFICANT_OBJECTS = {
    "new_person": ("names.0.full",),
    "date_of_birth": ("year", "month", "day"),
}
LIST_FIELDS = ("nationalities", "languages", "unlink")


def _insert(tree: dict[str, Any], parts: list[str], value: str) -> None:
    node: dict[str, Any] = tree
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def _listify(node: Any, name: str = "") -> Any:
    if not isinstance(node, dict):
        return node
    if node and all(k.isdigit() for k in node):
        rows = [_listify(node[k], name) for k in sorted(node, key=int)]
        keys = SIGNIFICANT.get(name)
        return [r for r in rows if keys is None or _significant(r, keys)]
    children = {k: _listify(v, k) for k, v in node.items()}
    return {
        k: v
        for k, v in children.items()
        if k not in SIGNIFICANT_OBJECTS or _significant(v, SIGNIFICANT_OBJECTS[k])
    }


def _significant(node: Any, keys: tuple[str, ...]) -> bool:
    """Whether one of ``keys`` has a value that is not blank."""
    return any(_prune(_lookup(node, k)) is not None for k in keys)


def _lookup(node: Any, dotted: str) -> Any:
    if not dotted:
        return node
    for part in dotted.split("."):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def _prune(node: Any) -> Any:
    """Blank strings become absent, and an object with nothing left becomes None."""
    if isinstance(node, dict):
        pruned = {k: _prune(v) for k, v in node.items()}
        pruned = {k: v for k, v in pruned.items() if v is not None}
        return pruned or None
    if isinstance(node, list):
        return [item for item in (_prune(v) for v in node) if item is not None]
    return node.strip() or None if isinstance(node, str) else node


def unflatten(items: Iterable[tuple[str, str]], skip: Iterable[str] = ()) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    lists: dict[str, list[str]] = {}
    skipped = set(skip)
    for key, value in items:
        if key in skipped:
            continue
        if key in LIST_FIELDS:
            if value.strip():
                lists.setdefault(key, []).append(value.strip())
            continue
        _insert(tree, key.split("."), value)
    data = _prune(_listify(tree)) or {}
    data.update(lists)
    return dict(data)


M = TypeVar("M", bound=BaseModel)


def parse(model: type[M], data: dict[str, Any]) -> M:
    """Validate ``data`` as ``model``; errors come back keyed by form field name."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for error in exc.errors():
            path = ".".join(str(p) for p in error["loc"])
            errors.setdefault(path or "form", _message(error))
        raise InvalidInput(errors) from None


def _message(error: Any) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return Msg("This field is required.")
    if kind == "enum":
        return Msg("Choose one of the listed values.")
    if kind in ("int_parsing", "int_type"):
        return Msg("Enter a whole number.")
    if kind.startswith("date"):
        return Msg("Enter a date as YYYY-MM-DD.")
    if kind == "too_short":
        return Msg("At least one is required.")
    return str(error.get("msg", "Invalid value."))
