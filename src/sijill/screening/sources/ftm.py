"""FollowTheMoney entities, one JSON object a line, as OpenSanctions publishes them (pure).

Read with the ``followthemoney`` library: an unknown schema or property is an error naming the
line. People and legal entities (organisations, companies) become entries; the entry id is the
entity id. ``Sanction`` entities give their target's programme and reason; a sanction nested
in a target's ``sanctions`` property (the "targets.nested" export) is read too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, Final

from followthemoney import model
from followthemoney.exc import FollowTheMoneyException
from followthemoney.proxy import EntityProxy

from sijill.matching.records import PERSON
from sijill.screening.entries import (
    GOOD,
    LOW,
    ORGANIZATION,
    Alias,
    ListEntry,
    ListFormatError,
    clean,
    countries,
)

_DOCUMENT_PROPS: Final = ("idNumber", "passportNumber", "taxNumber", "registrationNumber")


def _proxies(data: bytes) -> Iterator[tuple[int, EntityProxy]]:
    for number, line in enumerate(data.decode("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            if not isinstance(raw, dict):
                raise ListFormatError(f"line {number}: expected an entity object")
            yield number, model.get_proxy(raw)
            for nested in raw.get("properties", {}).get("sanctions", []):
                if isinstance(nested, dict):
                    yield number, model.get_proxy(_with_entity(nested, raw.get("id")))
        except json.JSONDecodeError as exc:
            raise ListFormatError(f"line {number}: not valid JSON: {exc.msg}") from None
        except (FollowTheMoneyException, TypeError, ValueError) as exc:
            if isinstance(exc, ListFormatError):
                raise
            raise ListFormatError(f"line {number}: {exc}") from None


def _with_entity(sanction: Mapping[str, Any], target: object) -> dict[str, Any]:
    properties = dict(sanction.get("properties", {}))
    properties["entity"] = [target]
    return {**sanction, "properties": properties}


def _sanctions(proxies: list[tuple[int, EntityProxy]]) -> dict[str, tuple[str, str]]:
    """Target id -> (programme, reason) from the ``Sanction`` entities."""
    found: dict[str, tuple[str, str]] = {}
    for _number, proxy in proxies:
        if proxy.schema.name != "Sanction":
            continue
        programme = ", ".join(proxy.get("program") or proxy.get("programId"))
        reason = clean(" ".join(proxy.get("reason") + proxy.get("summary")))
        for target in proxy.get("entity"):
            old = found.get(target, ("", ""))
            found[target] = (old[0] or programme, clean(f"{old[1]} {reason}"))
    return found


def _entry(proxy: EntityProxy, sanction: tuple[str, str]) -> ListEntry:
    names = proxy.get("name")
    if not proxy.id or not names:
        raise ListFormatError("no id or no name")
    aliases = [Alias(n, GOOD) for n in proxy.get("alias") + proxy.get("previousName")]
    aliases += [Alias(n, LOW) for n in proxy.get("weakAlias")]
    person = proxy.schema.is_a("Person")
    documents = [n for prop in _DOCUMENT_PROPS if prop in proxy.schema.properties
                 for n in proxy.get(prop)]  # fmt: skip

    def get(prop: str) -> list[str]:
        return proxy.get(prop) if person else []

    return ListEntry(
        entry_id=proxy.id,
        name=names[0],
        schema=PERSON if person else ORGANIZATION,
        aliases=tuple(dict.fromkeys(a for a in [*(Alias(n) for n in names[1:]), *aliases])),
        dates_of_birth=tuple(get("birthDate")),
        places_of_birth=tuple(get("birthPlace")),
        nationalities=countries(get("nationality") + get("citizenship")),
        documents=tuple(dict.fromkeys(documents)),
        sex=({"male": "M", "female": "F"}.get(get("gender")[0]) if get("gender") else None),
        reason=sanction[1] or clean(" ".join(proxy.get("notes"))),
        programme=sanction[0] or ", ".join(proxy.get("programId")),
        listed_on=next(iter(proxy.get("createdAt")), None),
    )


def parse(data: bytes) -> list[ListEntry]:
    proxies = list(_proxies(data))
    sanctions = _sanctions(proxies)
    entries = []
    for number, proxy in proxies:
        if not proxy.schema.is_a("LegalEntity") and not proxy.schema.is_a("Organization"):
            continue
        try:
            entries.append(_entry(proxy, sanctions.get(proxy.id or "", ("", ""))))
        except ListFormatError as exc:
            raise ListFormatError(f"line {number}: {exc}") from None
    return entries
