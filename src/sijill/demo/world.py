"""The invented world of the demo data: offices, facilities, armed groups, affiliations.

Group and place names are generic inventions; none is the name of a real armed group.
"""

from __future__ import annotations

import random

from sijill.demo.people import Weighted
from sijill.registry.vocab import FacilityKind as K

OFFICES: list[tuple[str, str, bool]] = [
    ("HQ", "Headquarters", True),
    ("IDL", "Idlib field office", False),
    ("ALP", "Aleppo field office", False),
    ("DMS", "Damascus field office", False),
    ("LTK", "Latakia field office", False),
]

FACILITIES: list[tuple[str, K, str]] = [
    ("Central Registration Office", K.OFFICE, "HQ"),
    ("Idlib Registration Office", K.OFFICE, "IDL"),
    ("Aleppo Registration Office", K.OFFICE, "ALP"),
    ("Damascus Registration Office", K.OFFICE, "DMS"),
    ("Latakia Registration Office", K.OFFICE, "LTK"),
    ("Camp North 1", K.CAMP, "IDL"),
    ("Camp North 2", K.CAMP, "IDL"),
    ("Olive Grove Camp", K.CAMP, "IDL"),
    ("Border Hills Camp", K.CAMP, "ALP"),
    ("Eastern Transit Camp", K.CAMP, "ALP"),
    ("Southern Plain Camp", K.CAMP, "DMS"),
    ("Coastal Reception Camp", K.CAMP, "LTK"),
    ("Northern Barracks", K.BASE, "IDL"),
    ("Base Sector 4", K.BASE, "ALP"),
    ("Southern Garrison", K.BASE, "DMS"),
    ("Coastal Base 2", K.BASE, "LTK"),
    ("North Holding Centre", K.DETENTION, "IDL"),
    ("Aleppo Transit Detention", K.DETENTION, "ALP"),
    ("Central Holding Facility", K.DETENTION, "DMS"),
    ("Field Hospital West", K.OTHER, "IDL"),
]

GROUPS: list[tuple[str, list[str]]] = [
    ("Northern Brigade", ["Liwa al-Shamal", "لواء الشمال"]),
    ("River Valley Battalions", ["Kataib Wadi al-Nahr", "كتائب وادي النهر"]),
    ("Eastern Plains Legion", ["Faylaq al-Sahl al-Sharqi", "فيلق السهل الشرقي"]),
    ("Coastal Highlands Front", ["Jabhat Murtafaat al-Sahil", "جبهة مرتفعات الساحل"]),
    ("Olive Hills Brigade", ["Liwa Tilal al-Zaytun", "لواء تلال الزيتون"]),
    ("Orchard Defence Brigade", ["Liwa Himayat al-Basatin", "لواء حماية البساتين"]),
    ("Desert Road Battalion", ["Katibat Tariq al-Badiya", "كتيبة طريق البادية"]),
    ("Stone Bridge Battalion", ["Katibat al-Jisr al-Hajari", "كتيبة الجسر الحجري"]),
    ("Mountain Volunteers Battalion", ["Katibat Mutatawwii al-Jabal", "كتيبة متطوعي الجبل"]),
    ("Steppe Company", ["Sariyyat al-Suhub", "سرية السهوب"]),
    ("Far East Muhajirin Company", ["Sariyyat Muhajiri al-Sharq", "سرية مهاجري الشرق"]),
    ("Western Sector Unit", ["Wahdat al-Qita al-Gharbi", "وحدة القطاع الغربي"]),
]

_LOCAL = tuple(name for name, _ in GROUPS[:8])
# Which groups people of an origin join: local brigades, or units of foreigners.
_PREFERRED = {
    "chechen": "Mountain Volunteers Battalion",
    "dagestani": "Mountain Volunteers Battalion",
    "uzbek": "Steppe Company",
    "tajik": "Steppe Company",
    "uyghur": "Far East Muhajirin Company",
    "french": "Western Sector Unit",
    "belgian": "Western Sector Unit",
    "british": "Western Sector Unit",
    "german": "Western Sector Unit",
}
UNITS = (
    "1st Company",
    "2nd Company",
    "3rd Company",
    "Sniper platoon",
    "Artillery battery",
    "Logistics section",
    "Medical point",
    "Media office",
    "Checkpoint detail",
    "Training camp",
    "Security section",
)
ROLES = (
    "fighter",
    "fighter",
    "fighter",
    "driver",
    "guard",
    "medic",
    "cook",
    "mechanic",
    "instructor",
    "section leader",
    "sniper",
    "radio operator",
    "media worker",
)

_KIND = {
    ("male", False): Weighted(
        ((K.BASE, 0.4), (K.OFFICE, 0.25), (K.CAMP, 0.2), (K.DETENTION, 0.15))
    ),
    ("male", True): Weighted(((K.BASE, 0.3), (K.DETENTION, 0.35), (K.CAMP, 0.25), (K.OFFICE, 0.1))),
    ("female", False): Weighted(((K.CAMP, 0.85), (K.OFFICE, 0.15))),
    ("female", True): Weighted(((K.CAMP, 0.9), (K.OFFICE, 0.05), (K.OTHER, 0.05))),
}
_BY_KIND = {kind: [name for name, k, _ in FACILITIES if k is kind] for kind in K}


def facility(rng: random.Random, *, female: bool, foreign: bool) -> str:
    """Where a household head is now (a facility name)."""
    names = _BY_KIND[_KIND[("female" if female else "male", foreign)](rng)]
    return names[int(rng.random() * len(names))]


Affiliation = tuple[str, str | None, str | None, str | None, str | None]


def _when(rng: random.Random, year: int) -> str:
    return f"{year}-{1 + int(rng.random() * 12):02d}" if rng.random() < 0.4 else str(year)


def affiliations(rng: random.Random, origin: str, start: int) -> list[Affiliation]:
    """A fighter's groups over the years, from ``start``: (group, unit, role, from, to)."""
    count = 1 if rng.random() < 0.55 else (2 if rng.random() < 0.78 else 3)
    out: list[Affiliation] = []
    year = start
    for i in range(count):
        preferred = _PREFERRED.get(origin)
        group = preferred if preferred and rng.random() < 0.7 else None
        while group is None or (out and out[-1][0] == group):
            group = _LOCAL[int(rng.random() * len(_LOCAL))]
        unit = UNITS[int(rng.random() * len(UNITS))] if rng.random() < 0.7 else None
        role = ROLES[int(rng.random() * len(ROLES))] if rng.random() < 0.85 else None
        last = i == count - 1
        end = year + 1 + int(rng.random() * 4)
        if last and (end > 2024 or rng.random() < 0.6):
            out.append((group, unit, role, _when(rng, year), None))
        else:
            out.append((group, unit, role, _when(rng, year), str(min(end, 2024))))
        year = min(end, 2024)
    return out
