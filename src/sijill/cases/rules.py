"""Eligibility for citizenship and residence: a versioned, declarative rule file (pure).

A rule file is YAML::

    version: 1
    name: Default rules
    documents:
      residence_permit:
        all:
          - {fact: screening_cleared, is: true}
          - any:
              - {fact: years_present, at_least: 2}
              - {fact: family_ties, at_least: 1}

A group is ``all:`` or ``any:`` with a list of conditions or groups; a condition names a
known fact and one test (``is``, ``at_least``, ``at_most``). :func:`parse` refuses a file
that does not parse or names an unknown fact, with the line and the reason.
:func:`evaluate` explains every condition.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Union

import yaml

DEFAULT_RULES = Path(__file__).with_name("default_rules.yaml")


class FactType(StrEnum):
    NUMBER = "number"
    BOOL = "bool"


FACTS: dict[str, tuple[FactType, str]] = {
    "years_present": (FactType.NUMBER, "years since the person's earliest recorded presence"),
    "age": (FactType.NUMBER, "age in years, from the date of birth"),
    "screening_cleared": (FactType.BOOL, "no active hold on the person"),
    "open_judicial_matter": (FactType.BOOL, "a judicial referral is open"),
    "family_ties": (FactType.NUMBER, "spouses and children linked in the registry"),
    "army_integrated": (FactType.BOOL, "integrated into the army"),
    "reintegration_completed": (FactType.BOOL, "completed a civilian reintegration pathway"),
}
DOCUMENTS = ("residence_permit", "citizenship")
TESTS = {"is": FactType.BOOL, "at_least": FactType.NUMBER, "at_most": FactType.NUMBER}

FactValue = float | bool | None


@dataclass(frozen=True)
class Condition:
    fact: str
    test: str
    value: float | bool
    line: int

    def describe(self) -> str:
        words = {"is": "is", "at_least": "at least", "at_most": "at most"}[self.test]
        value = str(self.value).lower() if isinstance(self.value, bool) else f"{self.value:g}"
        return f"{self.fact} {words} {value}"


@dataclass(frozen=True)
class Group:
    mode: str  # "all" or "any"
    items: tuple[Node, ...]
    line: int


Node = Union[Condition, Group]  # noqa: UP007 - a forward reference, so no | here


@dataclass(frozen=True)
class RuleSet:
    version: int
    name: str
    documents: Mapping[str, Group]


class RuleFileError(ValueError):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class Explanation:
    condition: str
    actual: FactValue
    passed: bool
    depth: int


@dataclass(frozen=True)
class Outcome:
    document: str
    eligible: bool
    version: int
    explanations: tuple[Explanation, ...]


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(node: yaml.Node, what: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise RuleFileError(_line(node), f"{what} must be a mapping")
    out: dict[str, yaml.Node] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise RuleFileError(_line(key), "keys must be plain words")
        if key.value in out:
            raise RuleFileError(_line(key), f"{key.value!r} appears twice")
        out[key.value] = value
    return out


def _scalar(node: yaml.Node, what: str) -> object:
    if not isinstance(node, yaml.ScalarNode):
        raise RuleFileError(_line(node), f"{what} must be a single value")
    return yaml.safe_load(yaml.serialize(node))


def _condition(node: yaml.Node, fields: dict[str, yaml.Node]) -> Condition:
    if "fact" not in fields:
        raise RuleFileError(_line(node), "a condition needs 'fact' (or a group: 'all'/'any')")
    fact = str(_scalar(fields["fact"], "fact"))
    if fact not in FACTS:
        known = ", ".join(sorted(FACTS))
        raise RuleFileError(_line(fields["fact"]), f"unknown fact {fact!r} (known: {known})")
    tests = [k for k in fields if k != "fact"]
    if len(tests) != 1 or tests[0] not in TESTS:
        raise RuleFileError(_line(node), "a condition needs exactly one of: is, at_least, at_most")
    test = tests[0]
    value = _scalar(fields[test], test)
    if TESTS[test] != FACTS[fact][0]:
        raise RuleFileError(_line(fields[test]), f"{test!r} does not apply to {fact!r}")
    if test == "is" and not isinstance(value, bool):
        raise RuleFileError(_line(fields[test]), "'is' takes true or false")
    if test != "is" and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise RuleFileError(_line(fields[test]), f"{test!r} takes a number")
    assert isinstance(value, bool | int | float)  # checked just above
    return Condition(fact, test, value, _line(node))


def _node(node: yaml.Node) -> Node:
    fields = _mapping(node, "a condition")
    groups = [k for k in ("all", "any") if k in fields]
    if not groups:
        return _condition(node, fields)
    if len(fields) != 1:
        raise RuleFileError(_line(node), "a group has exactly one key: 'all' or 'any'")
    items = fields[groups[0]]
    if not isinstance(items, yaml.SequenceNode) or not items.value:
        raise RuleFileError(_line(items), f"'{groups[0]}' needs a list of conditions")
    return Group(groups[0], tuple(_node(item) for item in items.value), _line(node))


def parse(text: str) -> RuleSet:
    """The rule set in ``text``, or :class:`RuleFileError` with the line and the reason."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise RuleFileError(mark.line + 1 if mark else 1, str(exc.problem)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line = text.count("\n", 0, exc.position) + 1
        raise RuleFileError(line, f"character #x{exc.character:04x} is not allowed") from None
    if root is None:
        raise RuleFileError(1, "the file is empty")
    top = _mapping(root, "the file")
    for key in top:
        if key not in ("version", "name", "documents"):
            raise RuleFileError(_line(root), f"unknown key {key!r}")
    for key in ("version", "name", "documents"):
        if key not in top:
            raise RuleFileError(_line(root), f"missing {key!r}")
    version = _scalar(top["version"], "version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise RuleFileError(_line(top["version"]), "version must be a whole number from 1")
    documents: dict[str, Group] = {}
    for doc, body in _mapping(top["documents"], "documents").items():
        if doc not in DOCUMENTS:
            raise RuleFileError(_line(body), f"unknown document {doc!r}")
        group = _node(body)
        documents[doc] = group if isinstance(group, Group) else Group("all", (group,), group.line)
    return RuleSet(version, str(_scalar(top["name"], "name")), documents)


def _test(condition: Condition, actual: FactValue) -> bool:
    if actual is None:
        return False
    if condition.test == "is":
        return actual is condition.value
    if condition.test == "at_least":
        return float(actual) >= float(condition.value)
    return float(actual) <= float(condition.value)


def _walk(node: Node, facts: Mapping[str, FactValue], depth: int, out: list[Explanation]) -> bool:
    if isinstance(node, Condition):
        actual = facts.get(node.fact)
        passed = _test(node, actual)
        out.append(Explanation(node.describe(), actual, passed, depth))
        return passed
    results = [_walk(item, facts, depth + 1, out) for item in node.items]
    return all(results) if node.mode == "all" else any(results)


def evaluate(rules: RuleSet, document: str, facts: Mapping[str, FactValue]) -> Outcome:
    """Whether the facts meet ``document``'s rules, with every condition explained."""
    group = rules.documents.get(document)
    if group is None:
        return Outcome(document, False, rules.version, ())
    explanations: list[Explanation] = []
    eligible = _walk(group, facts, 0, explanations)
    return Outcome(document, eligible, rules.version, tuple(explanations))


def decide(rules: RuleSet, document: str, facts: Mapping[str, FactValue]) -> bool:
    """Only the answer, for the whole registry (no explanations kept)."""
    group = rules.documents.get(document)
    return group is not None and _decide(group, facts)


def _decide(node: Node, facts: Mapping[str, FactValue]) -> bool:
    if isinstance(node, Condition):
        return _test(node, facts.get(node.fact))
    if node.mode == "all":
        return all(_decide(item, facts) for item in node.items)
    return any(_decide(item, facts) for item in node.items)


def default_rules() -> RuleSet:
    return parse(DEFAULT_RULES.read_text(encoding="utf-8"))
