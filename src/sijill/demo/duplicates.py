"""Second registrations: a household head registered again, elsewhere, under another name.

The differences are the ones that keep duplicates apart in real registries: another script
or transliteration, the name given in another order or as a kunya, a typing error, a date of
birth known less precisely or with day and month swapped, another document or none.
"""

from __future__ import annotations

import random
from typing import Any

from sijill.demo.households import Builder, DemoHousehold, Original
from sijill.demo.naming import Aliases, NameDict, kunya, latin, native, render
from sijill.demo.people import person
from sijill.demo.world import Affiliation, facility
from sijill.registry.schemas import PersonIn
from sijill.registry.vocab import DocumentStatus, NameType

# Arabic letters clerks confuse: final ta marbuta and ha, final alif maqsura and ya, hamzas.
_ARABIC_SWAPS = {"ة": "ه", "ى": "ي", "أ": "ا", "إ": "ا", "آ": "ا"}
_FINAL_SWAPS = {"ه": "ة", "ي": "ى"}
SHARED_NUMBER_REASON = "Presented again at registration; possible earlier registration"


def typo(rng: random.Random, text: str) -> str:
    """One realistic slip: a letter dropped, doubled or swapped, an Arabic letter variant."""
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 3:
        return text + text[-1]
    i = letters[1 + int(rng.random() * (len(letters) - 1))]
    ch = text[i]
    final = i + 1 == len(text) or not text[i + 1].isalpha()
    swap = _ARABIC_SWAPS.get(ch) or (_FINAL_SWAPS.get(ch) if final else None)
    if swap and rng.random() < 0.7:
        return text[:i] + swap + text[i + 1 :]
    roll = rng.random()
    j = i + 1 if i + 1 < len(text) and text[i + 1].isalpha() else i - 1
    low, high = min(i, j), max(i, j)
    if roll < 0.35:
        return text[:i] + text[i + 1 :]
    if roll < 0.65 or text[low] == text[high]:
        return text[:i] + ch + text[i:]
    return text[:low] + text[high] + text[low] + text[high + 1 :]


def _with_typo(rng: random.Random, name: NameDict) -> NameDict:
    for part in ("family", "given"):
        value = name.get(part)
        if value and value in name["full"] and len(value) > 2:
            changed = typo(rng, value)
            return name | {part: changed, "full": name["full"].replace(value, changed, 1)}
    return name | {"full": typo(rng, name["full"])}


def _names(rng: random.Random, original: Original) -> list[NameDict]:
    head = original.head
    n, extra = head.naming, head.extra or Aliases(None, None)
    recalled = Aliases(
        extra.kunya if rng.random() < 0.8 else None, extra.war if rng.random() < 0.5 else None
    )
    names = render(n, rng, role="head", passport=False, extra=recalled)
    aliases = [d for d in names[1:] if d["name_type"] == NameType.ALIAS]
    roll = rng.random()
    if roll < 0.3 and aliases:  # written from a Latin or Arabic list, not the person's script
        primary = aliases[int(rng.random() * len(aliases))]
    elif roll < 0.45 and extra.kunya is not None:  # gave only his kunya
        primary = kunya(n, rng, extra.kunya)
    elif roll < 0.65:  # surname first
        primary = native(n, family_first=True) if n.family else latin(n, 0, caps=True)
    else:
        primary = native(n)
    primary = {k: v for k, v in primary.items() if k != "source"} | {"name_type": NameType.PRIMARY}
    if primary["full"] == head.data["names"][0]["full"] or rng.random() < 0.3:
        primary = _with_typo(rng, primary)
    rest = [d for d in names if d["full"] != primary["full"] and d["name_type"] != "primary"]
    return [primary, *(d for d in rest if rng.random() < 0.6)]


def _dob(rng: random.Random, dob: dict[str, Any] | None) -> dict[str, Any] | None:
    if dob is None or rng.random() < 0.1:
        return None
    roll, year = rng.random(), dob["year"]
    if dob["precision"] == "exact":
        if roll < 0.35:
            return {"precision": "year", "year": year}
        if roll < 0.55 and dob["day"] <= 12 and dob["day"] != dob["month"]:
            return dob | {"month": dob["day"], "day": dob["month"]}
        if roll < 0.7:
            return {"precision": "approximate", "year": year + (1 if rng.random() < 0.5 else -1)}
        return dict(dob)
    if dob["precision"] == "month" and roll < 0.6:
        return {"precision": "year", "year": year}
    if roll < 0.3:
        return {"precision": "approximate", "year": year + int(rng.random() * 3) - 1}
    return dict(dob)


def _documents(builder: Builder, original: Original) -> list[dict[str, Any]]:
    rng = builder.rng
    head = original.head
    docs: list[dict[str, Any]] = head.data["documents"]
    roll = rng.random()
    if docs and roll < 0.4:  # the same document shown again, perhaps since taken away
        doc = docs[int(rng.random() * len(docs))] | {"shared_number_reason": SHARED_NUMBER_REASON}
        if doc["status"] != DocumentStatus.SUSPECTED_FORGED and rng.random() < 0.3:
            doc["status"] = (
                DocumentStatus.CONFISCATED if rng.random() < 0.5 else DocumentStatus.LOST
            )
        return [doc]
    if roll < 0.65:  # another kind of document, or one obtained since
        origin = head.naming.origin
        nats = head.data["nationalities"]
        fresh = builder.docs.adult(rng, origin, nats, head.born, male=not head.naming.female)
        held = {(d["doc_type"], d["issuing_state"]) for d in docs}
        return [d for d in fresh if (d["doc_type"], d["issuing_state"]) not in held][:1]
    return []


def _affiliations(rng: random.Random, original: Original) -> list[Affiliation]:
    affs = original.affiliations
    roll = rng.random()
    if roll < 0.5:
        return list(affs)
    if roll < 0.8 and affs:
        group, _, role, start, end = affs[0]
        return [(group, None, role, start, end)]
    return []


def reregister(builder: Builder, original: Original, key: str) -> DemoHousehold:
    """The same head, registered again as a new household (without the family)."""
    rng = builder.rng
    head = original.head
    data = head.data
    nats = data["nationalities"] if rng.random() < 0.6 else data["nationalities"][:1]
    langs = data["languages"][: 1 + int(rng.random() * len(data["languages"]))]
    place = None
    if "place_of_birth" in data and rng.random() < 0.6:
        place = (data["place_of_birth"], data["birth_country"])
    docs = _documents(builder, original)
    names = _names(rng, original)
    dob = _dob(rng, data.get("date_of_birth"))
    again = person(head.naming, names, dob, place, nats, langs, docs)
    female, foreign = head.naming.female, head.naming.origin.foreign
    return DemoHousehold(
        key=key,
        head=PersonIn.model_validate(again),
        head_facility=facility(rng, female=female, foreign=foreign),
        head_group_affiliations=_affiliations(rng, original),
        relatives=[],
        duplicate_of=original.key,
        origin=head.naming.origin.key,
    )
