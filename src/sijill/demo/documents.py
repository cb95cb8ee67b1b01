"""Identity documents of the demo population: realistic number formats, unique numbers.

Numbers are unique by construction, without remembering them: each (state, type) format has
a counter that goes through a seeded permutation of the format's number space, so the n-th
document of a format always gets a different number and memory stays bounded at any size.
Check digits follow the real schemes where they are public (Turkish identity number,
Belgian eID card, Chinese resident identity number).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from sijill.registry.vocab import DocumentType as D

REFERENCE_DATE = dt.date(2025, 6, 1)  # "today" of the demo data, fixed for determinism

_ALPHABETS = {
    "9": "0123456789",
    "N": "123456789",
    "A": "ABCDEFGHJKLMNPRSTUVWXYZ",
    "C": "CFGHJKLMNPRTVWXYZ0123456789",  # German document serials
}


@dataclass(frozen=True, slots=True)
class NumberFormat:
    """``prefixes`` (one is chosen at random), then ``spec``: 9 digit, N non-zero digit,
    A letter, C German serial character; any other character is written as it is."""

    prefixes: tuple[str, ...]
    spec: str
    validity_years: int | None  # None: the document does not expire
    check: str = ""  # name of a check-digit scheme applied to the result


FORMATS: dict[tuple[str, D], NumberFormat] = {
    ("SY", D.NATIONAL_ID): NumberFormat(("0",), "9999999999", None),
    ("SY", D.PASSPORT): NumberFormat(("N", "N0"), "99999999", 6),
    ("SY", D.FAMILY_BOOK): NumberFormat(("",), "N999999", None),
    ("SY", D.MILITARY_ID): NumberFormat(("M",), "99999999", None),
    ("SY", D.DRIVING_LICENCE): NumberFormat(("",), "N9999999", 10),
    ("SY", D.BIRTH_CERTIFICATE): NumberFormat(("",), "N999/9999", None),
    ("SY", D.OTHER): NumberFormat(("BN-",), "99999999", None),
    ("SA", D.PASSPORT): NumberFormat(("A", "D", "K", "R", "U"), "9999999", 5),
    ("SA", D.NATIONAL_ID): NumberFormat(("1",), "999999999", 10),
    ("TN", D.PASSPORT): NumberFormat(("X", "Y", "Z"), "9999999", 5),
    ("TN", D.NATIONAL_ID): NumberFormat(("0", "1"), "9999999", None),
    ("CN", D.PASSPORT): NumberFormat(("E", "G"), "99999999", 10),
    ("CN", D.NATIONAL_ID): NumberFormat(("",), "", 20, check="cn_resident"),
    ("TR", D.RESIDENCE_PERMIT): NumberFormat(("99",), "999999999", 2),
    ("TR", D.NATIONAL_ID): NumberFormat(tuple("12345678"), "99999999", None, check="tr_identity"),
    ("TR", D.PASSPORT): NumberFormat(("U", "S", "Z"), "99999999", 10),
    ("TR", D.DRIVING_LICENCE): NumberFormat(("",), "N99999", 10),
    ("UZ", D.PASSPORT): NumberFormat(("AA", "AB", "AC", "FA"), "9999999", 10),
    ("UZ", D.NATIONAL_ID): NumberFormat(("AD",), "9999999", 10),
    ("TJ", D.PASSPORT): NumberFormat(("40", "50"), "9999999", 10),
    ("TJ", D.NATIONAL_ID): NumberFormat(("A",), "99999999", 10),
    ("RU", D.PASSPORT): NumberFormat(("71 ", "72 ", "75 ", "76 "), "9999999", 10),
    ("RU", D.NATIONAL_ID): NumberFormat(("",), "999999", None, check="ru_internal"),
    ("RU", D.RESIDENCE_PERMIT): NumberFormat(("82 ", "83 "), "9999999", 5),
    ("FR", D.PASSPORT): NumberFormat(("",), "99AA99999", 10),
    ("FR", D.NATIONAL_ID): NumberFormat(("",), "N99999999999", 15),
    ("BE", D.PASSPORT): NumberFormat(("EH", "EJ", "EK", "EL"), "999999", 7),
    ("BE", D.NATIONAL_ID): NumberFormat(("59",), "99999999", 10, check="be_eid"),
    ("GB", D.PASSPORT): NumberFormat(("",), "N99999999", 10),
    ("DE", D.PASSPORT): NumberFormat(("C",), "CCCCCCCC", 10),
    ("DE", D.NATIONAL_ID): NumberFormat(("L", "M", "N", "T"), "CCCCCCCC", 10),
    ("DZ", D.PASSPORT): NumberFormat(("",), "N99999999", 10),
    ("MA", D.PASSPORT): NumberFormat(("",), "AA9999999", 5),
    ("MA", D.NATIONAL_ID): NumberFormat(("",), "AA999999", 10),
    ("PK", D.PASSPORT): NumberFormat(("",), "AA9999999", 10),
}

# Russian internal passports: the series starts with the region's code (Chechnya, Dagestan).
RU_REGIONS = ("96", "82")
# Chinese resident numbers: Xinjiang prefecture codes (Urumqi, Turpan, Aksu, Kashgar, Hotan, Ili).
CN_REGIONS = ("650102", "650402", "652901", "653101", "653201", "654002")
_CN_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def tr_identity_check(nine: str) -> str:
    """The two check digits of a Turkish identity number (T.C. Kimlik No)."""
    d = [int(c) for c in nine]
    tenth = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    eleventh = (sum(d) + tenth) % 10
    return f"{nine}{tenth}{eleventh}"


def be_eid_check(ten: str) -> str:
    """A Belgian eID card number, 000-0000000-97: the last two digits are the number mod 97."""
    check = int(ten) % 97 or 97
    return f"{ten[:3]}-{ten[3:]}-{check:02d}"


def cn_resident_check(seventeen: str) -> str:
    """A Chinese resident identity number: ISO 7064 MOD 11-2 check character."""
    total = sum(int(c) * w for c, w in zip(seventeen, _CN_WEIGHTS, strict=True))
    return seventeen + "10X98765432"[total % 11]


class _Plan:
    """A seeded permutation of a format's number space: two affine steps around a swap of
    the high and low halves, so consecutive documents get unrelated-looking numbers."""

    def __init__(self, positions: tuple[str, ...], size: int, low: int, rng: random.Random) -> None:
        self.positions, self.size, self.low, self.high = positions, size, low, size // low
        only_digits = all(a == _ALPHABETS["9"] for a in positions)
        self.digits = len(positions) if only_digits else 0  # formatted in one step
        self.steps = (self._unit(rng), rng.randrange(size), self._unit(rng), rng.randrange(size))

    def _unit(self, rng: random.Random) -> int:
        mult = rng.randrange(self.size // 3, self.size) | 1
        while math.gcd(mult, self.size) != 1:
            mult += 2
        return mult

    def permute(self, index: int) -> int:
        m1, s1, m2, s2 = self.steps
        high, low = divmod((index * m1 + s1) % self.size, self.low)
        return ((low * self.high + high) * m2 + s2) % self.size


class DocumentNumbers:
    """Issues document numbers that never repeat within one generated population."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(f"sijill-demo-documents-{seed}")
        self._plans: dict[tuple[str, D], _Plan] = {}
        self._count: dict[tuple[str, D], int] = {}
        self._cn_count: dict[dt.date, int] = {}

    def number(
        self,
        state: str,
        doc_type: D,
        issue: dt.date | None,
        birth: dt.date,
        *,
        male: bool,
        region: str = "",
    ) -> str:
        """The next number of this (state, type), shaped like the real ones.

        Unique per (state, type) by construction, and the formats of one state never
        overlap, so (issuing state, number) identifies a document.
        """
        fmt = FORMATS[(state, doc_type)]
        if fmt.check == "cn_resident":
            return self._cn_resident(birth, male)
        body = self._body((state, doc_type), fmt.spec)
        prefix = fmt.prefixes[self._rng.randrange(len(fmt.prefixes))]
        if fmt.check == "tr_identity":
            return tr_identity_check(prefix + body)
        if fmt.check == "be_eid":
            return be_eid_check(prefix + body)
        if fmt.check == "ru_internal":
            year = (issue or birth).year % 100
            return f"{region or RU_REGIONS[0]}{year:02d} {body}"
        return prefix + body

    def _body(self, key: tuple[str, D], spec: str) -> str:
        plan = self._plans.get(key) or self._plan(key, spec)
        index = self._count.get(key, 0)
        if index >= plan.size:
            raise ValueError(f"population too large for the {key} number format")
        self._count[key] = index + 1
        value = plan.permute(index)
        if plan.digits:
            return f"{value:0{plan.digits}d}"
        out: list[str] = []
        for alphabet in plan.positions:
            if len(alphabet) == 1:
                out.append(alphabet)
            else:
                value, digit = divmod(value, len(alphabet))
                out.append(alphabet[digit])
        return "".join(reversed(out))

    def _plan(self, key: tuple[str, D], spec: str) -> _Plan:
        positions = tuple(_ALPHABETS.get(c, c) for c in reversed(spec))
        radices = [len(a) for a in positions if len(a) > 1]
        low = math.prod(radices[: len(radices) // 2])
        plan = _Plan(positions, math.prod(radices), low, self._rng)
        self._plans[key] = plan
        return plan

    def _cn_resident(self, birth: dt.date, male: bool) -> str:
        n = self._cn_count.get(birth, 0)
        self._cn_count[birth] = n + 1
        region = CN_REGIONS[n % len(CN_REGIONS)]
        sequence = 2 * (n // len(CN_REGIONS)) + (1 if male else 0)
        if sequence > 999:
            raise ValueError("population too large for Chinese resident numbers")
        return cn_resident_check(f"{region}{birth:%Y%m%d}{sequence:03d}")
