"""Message extraction for the interface catalogs: babel's Python extractor, with Sijill's keywords.

Used by ``babel.cfg`` (``pybabel extract -F babel.cfg``) and by ``tests/unit/web/test_i18n.py``.
Besides the gettext functions it extracts the fixed English sentences that code hands to a page,
where the template translates them with ``_()``:

- ``flash(request, "...")``: one-time messages shown on the next page;
- ``NotAuthenticated("...")``, ``NotFound("...")``, ``Conflict("...")`` and the other domain
  errors: shown on the error page, or by a form (the login error, a conflict);
- ``_error_page(request, status, "...")``: the fixed messages of the error handlers;
- ``render(request, "page.html", {"error": "..."})``: a page context's ``error``, which the
  templates show as ``_(error)`` (the log-in pages);
- the vocabularies the pages show with ``_(value)``: the members of the enums in
  :data:`SHOWN_ENUMS` (by value, or by lower-case name for ``Sex``, whose values are letters),
  the values of the ``Literal`` types in :data:`SHOWN_LITERALS` (the script of a name) and the
  audit tags of the history page (:data:`SHOWN_AUDIT_TAGS`), found where they are defined.

A message built with an f-string cannot be looked up, so it is not extracted. Babel would keep
the plain parts of an f-string concatenated with plain strings (a garbled msgid); such calls are
skipped here.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator
from typing import IO, Any, cast

from babel.messages.extract import extract_python as _babel_extract_python

KEYWORDS: dict[str, Any] = {
    "flash": (2,),
    "_error_page": (3,),
    "NotAuthenticated": None,
    "NotFound": None,
    "NotPermitted": None,
    "Conflict": None,
    "RuleViolation": None,
    "CsrfFailed": None,
    "Msg": (1,),
    "phrase": None,
}

# Enum classes whose members the pages translate, by the file that defines them, and how:
# by "value", or by lower-case "name".
SHOWN_ENUMS = {
    "sijill/access/permissions.py": {"Role": "value"},
    "sijill/registry/vocab.py": {
        "NameType": "value",
        "Sex": "name",
        "DatePrecision": "value",
        "DocumentType": "value",
        "DocumentStatus": "value",
        "Relation": "value",
        "FacilityKind": "value",
    },
    "sijill/jobs/schemas.py": {"JobStatus": "value"},
    "sijill/arms/vocab.py": {
        "WeaponClass": "value",
        "WeaponType": "value",
        "Condition": "value",
        "MarkingKind": "value",
        "EventKind": "value",
        "CustodyStatus": "value",
        "PermitStatus": "value",
    },
    "sijill/credentials/payload.py": {"DocType": "value"},
    "sijill/credentials/workflow.py": {"RequestStatus": "value", "DocumentStatus": "value"},
    "sijill/transfers/schemas.py": {
        "Direction": "value",
        "BatchStatus": "value",
        "DiscrepancyKind": "value",
    },
    "sijill/transfers/risk.py": {
        "RiskLevel": "value",
        "GroupKind": "value",
        "FactorKind": "value",
        "Outcome": "value",
    },
    "sijill/transfers/readiness.py": {"ReviewOutcome": "value"},
    "sijill/screening/workflow.py": {
        "HitStatus": "value",
        "Decision": "value",
        "RunReason": "value",
        "Change": "value",
    },
}
# Literal types whose values the pages translate (the script of a name), by defining file.
SHOWN_LITERALS = {
    "sijill/names/scripts.py": ("Script",),
    "sijill/matching/algorithms.py": ("Decision",),  # a candidate's decision
}
# Audit tags listed on a person's history page (built as f"registry:person:{action}").
# Credentials and cases tags on the same page (built as f"credentials:request:{action}",
# f"cases:pathway:{action}" and so on).
SHOWN_ENUMS["sijill/cases/workflow.py"] = dict.fromkeys(
    ("Pathway", "PaperType", "ArmyStatus", "CivilianStatus", "JudicialStatus", "PapersStatus",
     "TransferStatus"), "value",
)  # fmt: skip
SHOWN_ENUMS["sijill/cases/schemas.py"] = {"ItemKind": "value"}
SHOWN_AUDIT_TAGS = (
    "registry:person:create", "registry:person:update", "registry:person:move",
    "registry:photo:set",
    "credentials:request:made", "credentials:request:approved", "credentials:request:rejected",
    "credentials:document:issued", "credentials:document:superseded",
    "credentials:document:revoked",
    "cases:case:opened", "cases:case:assigned", "cases:pathway:moved", "cases:pathway:details",
    "cases:item:added", "cases:item:updated", "cases:observer:added", "cases:observer:removed",
    "cases:task:added", "cases:task:done",
    # the protection-factor tags are about a person too, so the same page lists them
    "transfers:factor:recorded", "transfers:factor:withdrawn", "transfers:factor:read",
)  # fmt: skip


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _dynamic_lines(nodes: list[ast.AST], names: Collection[str]) -> set[int]:
    """Lines of calls to ``names`` whose arguments include an f-string."""
    lines: set[int] = set()
    for node in nodes:
        if not isinstance(node, ast.Call) or _call_name(node) not in names:
            continue
        if any(isinstance(sub, ast.JoinedStr) for arg in node.args for sub in ast.walk(arg)):
            lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return lines


def _context_errors(nodes: list[ast.AST]) -> Iterator[tuple[int, str]]:
    """Fixed strings under the key ``"error"`` of a context passed to ``render(...)``."""
    for call in nodes:
        if not isinstance(call, ast.Call) or _call_name(call) != "render":
            continue
        for context in (a for a in call.args if isinstance(a, ast.Dict)):
            for key, value in zip(context.keys, context.values, strict=True):
                is_error = isinstance(key, ast.Constant) and key.value == "error"
                if is_error and isinstance(value, ast.Constant) and isinstance(value.value, str):
                    yield value.lineno, value.value


def _vocabulary(nodes: list[ast.AST], source: bytes, path: str) -> Iterator[tuple[int, str]]:
    """Members of :data:`SHOWN_ENUMS` defined in ``path``, and audit tags built there."""
    shown = next((v for k, v in SHOWN_ENUMS.items() if path.endswith(k)), {})
    for node in nodes:
        if not isinstance(node, ast.ClassDef) or node.name not in shown:
            continue
        for item in node.body:
            if not (isinstance(item, ast.Assign) and isinstance(item.value, ast.Constant)):
                continue
            target = item.targets[0]
            if isinstance(target, ast.Name) and isinstance(item.value.value, str):
                by_name = shown[node.name] == "name"
                yield item.lineno, target.id.lower() if by_name else item.value.value
    yield from _literals(nodes, path)
    text = source.decode("utf-8")
    for tag in SHOWN_AUDIT_TAGS:
        prefix = tag.rsplit(":", 1)[0] + ":"
        for written in (f'"{prefix}{{', f'"{tag}"'):  # built with an f-string, or as written
            if written in text:
                yield text[: text.index(written)].count("\n") + 1, tag
                break


def _literals(nodes: list[ast.AST], path: str) -> Iterator[tuple[int, str]]:
    """Values of the ``Literal[...]`` aliases of :data:`SHOWN_LITERALS` defined in ``path``."""
    names = next((v for k, v in SHOWN_LITERALS.items() if path.endswith(k)), ())
    for node in nodes:
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Subscript)):
            continue
        target = node.targets[0]
        if not (isinstance(target, ast.Name) and target.id in names):
            continue
        values = node.value.slice
        for item in values.elts if isinstance(values, ast.Tuple) else [values]:
            if isinstance(item, ast.Constant) and isinstance(item.value, str):
                yield item.lineno, item.value


def _pick(messages: Any, spec: Any) -> Any:
    """The message argument of a call to one of :data:`KEYWORDS` (``spec``: its position)."""
    index = spec[0] - 1 if spec else 0
    if not isinstance(messages, tuple):
        messages = (messages,)
    return messages[index] if index < len(messages) else None


def extract_python(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: dict[str, Any],
) -> Iterator[tuple[int, str | None, Any, list[str]]]:
    """Babel's Python extractor with :data:`KEYWORDS` added, minus f-string messages.

    Babel applies the argument positions of the keywords it was given after the extractor
    runs; for Sijill's own keywords the message is picked here, and reported without a
    function name (babel then takes it as it is).
    """
    source = fileobj.read()
    fileobj.seek(0)
    nodes = list(ast.walk(ast.parse(source)))
    skip = _dynamic_lines(nodes, KEYWORDS)
    every = {name: None for name in keywords} | KEYWORDS
    # babel annotates its extractors' results as extract()'s; they are (line, function,
    # messages, comments)
    found: Iterator[Any] = _babel_extract_python(fileobj, every, comment_tags, cast(Any, options))
    for lineno, funcname, messages, comments in found:
        if funcname not in KEYWORDS or funcname in keywords:
            yield lineno, funcname, messages, comments
        elif lineno not in skip:
            message = _pick(messages, KEYWORDS[funcname])
            if isinstance(message, str):
                yield lineno, None, message, comments
    path = str(getattr(fileobj, "name", "")).replace("\\", "/")
    for lineno, message in (*_context_errors(nodes), *_vocabulary(nodes, source, path)):
        yield lineno, None, message, []
