"""Screening benchmark: Sijill's watch-list screening beside nomenklatura's logic-v2.

    .venv/bin/python benchmarks/screening_bench.py quality [--nk-python /tmp/nkvenv/bin/python]
    .venv/bin/python benchmarks/screening_bench.py rescreen --people 100000 --entries 50000
    .venv/bin/python benchmarks/screening_bench.py registry --db COPY.db --entries 50000

- ``quality``: recall on yente's treated UN fixture (683 records with typos and perturbed
  dates, screened against an index of the 683 clean records: found when the right entry is
  among the hits); false alerts of yente's 10,000 synthetic multi-script negatives and of
  1,500 generated common Arab names (Syrian given names and family names of the demo name
  bank, random dates of birth) against the real UN list of 2018 plus the 683 clean records;
  throughput of the engine on the same pairs as logic-v2, and of the whole screening (pairs
  of query x list decided per second, the index rejecting most without scoring).
- ``rescreen``: a full re-screen in memory, ``--workers`` processes forked with one index
  (as ``sijill.screening.rescreen`` forks them):
  people generated as the demo registers them; the list is the real UN and OFAC lists, the
  10,000 yente negatives, and demo-style people of another seed up to ``--entries``.
- ``registry``: on a migrated copy of a registry database, import that list, then time
  ``screen_person`` (registration-time screening, index cached) and a delta re-screen job
  after 100 entries changed.

Prints one JSON object per section.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import multiprocessing
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from match_bench import DEFAULT_BENCH, PEER_THRESHOLD, ftm_props, peer_scores, yente_record
from sijill.demo.namebank import SYRIAN_FAMILY, SYRIAN_MALE
from sijill.demo.population import generate
from sijill.matching.records import MatchRecord
from sijill.screening.entries import Alias, ListEntry
from sijill.screening.index import ListIndex
from sijill.screening.sources import parse_list


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def entry_of(entry_id: str, record: MatchRecord) -> ListEntry:
    return ListEntry(
        entry_id=entry_id,
        name=record.names[0],
        aliases=tuple(Alias(n) for n in record.names[1:]),
        dates_of_birth=(record.dob,) if record.dob else (),
        nationalities=record.nationalities,
        places_of_birth=(record.place_of_birth,) if record.place_of_birth else (),
        sex=record.sex,
    )


def common_arab_names(n: int, seed: int = 11) -> list[MatchRecord]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        given, father, family = (
            rng.choice(SYRIAN_MALE),
            rng.choice(SYRIAN_MALE),
            rng.choice(SYRIAN_FAMILY),
        )
        name = f"{rng.choice(given.latin)} {rng.choice(father.latin)} {rng.choice(family.latin)}"
        out.append(
            MatchRecord((name,), dob=str(rng.randint(1960, 2000)), sex="M", nationalities=("SY",))
        )
    return out


def alerts(index: ListIndex, records: list[MatchRecord]) -> tuple[int, float]:
    start = time.process_time()
    found = sum(1 for r in records if index.screen(r))
    return found, time.process_time() - start


def peer_alerts(peer: str, index: ListIndex, records: list[MatchRecord]) -> dict[str, Any]:
    """logic-v2 on every (query, entry) pair sharing any name key (its own retrieval would be
    looser still), at its 0.70."""
    rows, owners = [], []
    for q, record in enumerate(records):
        for position in index.candidates_loose(record):
            listed = index.records[position][0]
            rows.append((listed.schema, ftm_props(record), ftm_props(listed)))
            owners.append(q)
    found = peer_scores(peer, rows)
    assert found is not None
    alerted = {owners[i] for i, s in enumerate(found[0]) if s >= PEER_THRESHOLD}
    return {
        "alerted": len(alerted),
        "share": round(len(alerted) / len(records), 4),
        "pairs_scored": len(rows),
        "pairs_per_second": found[1],
    }


def same_pairs_speed(
    fixture: ListIndex, treated: list[MatchRecord], clean: list[MatchRecord], peer: str | None
) -> dict[str, Any]:
    """The engine and logic-v2 on the same 683 (treated, clean) pairs, caches cold."""
    out: dict[str, Any] = {}
    same_pairs = list(zip(treated, clean, strict=True))
    start = time.process_time()
    for a, b in same_pairs:
        fixture.matcher.score(a, b)
    out["engine_pairs_per_second_treated_vs_clean"] = round(
        len(same_pairs) / (time.process_time() - start)
    )
    if peer:
        found_peer = peer_scores(
            peer, ((a.schema, ftm_props(a), ftm_props(b)) for a, b in same_pairs)
        )
        assert found_peer is not None
        out["peer_treated_vs_clean"] = {
            "found_at_0.70": sum(1 for s in found_peer[0] if s >= PEER_THRESHOLD),
            "pairs_per_second": found_peer[1],
        }
    return out


def quality(bench: Path, peer: str | None) -> dict[str, Any]:
    peers = bench / "peers"
    clean = [yente_record(r) for r in read_csv(peers / "yente_cgb_positives_un_untreated.csv")]
    treated = [yente_record(r) for r in read_csv(peers / "yente_cgb_positives_un_treated.csv")]
    fixture = ListIndex.build(entry_of(str(i), r) for i, r in enumerate(clean))
    out = same_pairs_speed(fixture, treated, clean, peer)
    start = time.process_time()
    found = sum(
        1
        for i, r in enumerate(treated)
        if any(h.entry.entry_id == str(i) for h in fixture.screen(r))
    )
    out["recall_treated_un"] = {
        "found": found,
        "of": len(treated),
        "seconds": round(time.process_time() - start, 2),
    }
    un = parse_list("un", (bench / "lists" / "un_consolidated_2018_latin_only.xml").read_bytes())
    index = ListIndex.build([*un, *(entry_of(f"clean-{i}", r) for i, r in enumerate(clean))])
    negatives = [
        yente_record(r) for r in read_csv(peers / "yente_cgb_negatives_global_sample10k.csv")
    ]
    arab = common_arab_names(1500)
    for label, records in (("negatives_10k", negatives), ("common_arab_names_1500", arab)):
        n, seconds = alerts(index, records)
        pairs = len(records) * len(index)
        out[label] = {
            "alerted": n,
            "share": round(n / len(records), 4),
            "list_entries": len(index),
            "screening_pairs_per_second": round(pairs / seconds),
        }
        if peer and label.startswith("common"):  # the peer's own 10k figure: match_bench.py
            out[label]["peer_logic_v2"] = peer_alerts(peer, index, records)
    return out


def demo_records(n: int, seed: int) -> Iterator[MatchRecord]:
    for household in generate(n, seed):
        for person in [household.head, *(r for _, r in household.relatives)]:
            born = person.date_of_birth
            dob = None
            if born is not None and born.year:
                dob = f"{born.year:04d}" + (f"-{born.month:02d}" if born.month else "")
                dob += f"-{born.day:02d}" if born.month and born.day else ""
            sex = person.sex.value if person.sex.value in ("M", "F") else None
            yield MatchRecord(
                tuple(n.full for n in person.names),
                dob=dob,
                sex=sex,
                nationalities=tuple(person.nationalities),
            )


def big_list(bench: Path, size: int) -> list[ListEntry]:
    """The real UN (2018) and OFAC (2021) lists, yente's 10,000 synthetic multi-script
    negatives, then recombinations of those negatives' first and last names with random
    dates and nationalities of theirs, up to ``size`` (a global mix, as a consolidated list
    of many sanctions programmes is)."""
    lists = bench / "lists"
    entries = parse_list("un", (lists / "un_consolidated_2018_latin_only.xml").read_bytes())
    entries += parse_list(
        "ofac",
        (lists / "ofac_sdn_2021-04.csv").read_bytes(),
        alt=(lists / "ofac_alt_2021-04.csv").read_bytes(),
    )
    negatives = read_csv(bench / "peers" / "yente_cgb_negatives_global_sample10k.csv")
    entries += [entry_of(f"neg-{i}", yente_record(r)) for i, r in enumerate(negatives)]
    rng = random.Random(17)
    firsts = [r["first_name"] for r in negatives if r["first_name"]]
    lasts = [r["last_name"] for r in negatives if r["last_name"]]
    for i in range(max(0, size - len(entries))):
        template = yente_record(rng.choice(negatives))
        name = f"{rng.choice(firsts)} {rng.choice(lasts)}"
        entries.append(entry_of(f"mix-{i}", replace(template, names=(name,))))
    return entries[:size]


_INDEX: ListIndex | None = None
_PEOPLE: list[MatchRecord] = []


def _screen_range(bounds: tuple[int, int]) -> tuple[int, float]:
    """People with hits in the range, and the CPU seconds it took."""
    assert _INDEX is not None
    start = time.process_time()
    hit = sum(1 for r in _PEOPLE[bounds[0] : bounds[1]] if _INDEX.screen(r))
    return hit, time.process_time() - start


def rescreen(bench: Path, people: int, entries: int, workers: int) -> dict[str, Any]:
    global _INDEX, _PEOPLE
    start = time.perf_counter()
    listed = big_list(bench, entries)
    print(f"list of {len(listed)} in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    _INDEX = ListIndex.build(listed)
    gc.freeze()  # as sijill.screening.cache does with the index it builds
    built = time.perf_counter() - start
    print(f"index built at {built:.0f} s", file=sys.stderr)
    _PEOPLE = list(demo_records(people, 5))[:people]
    chunks = [(i, min(i + 500, len(_PEOPLE))) for i in range(0, len(_PEOPLE), 500)]
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.map(_screen_range, chunks)
    seconds = time.perf_counter() - start
    cpu = sum(c for _, c in results)
    return {
        "people": len(_PEOPLE),
        "entries": len(listed),
        "workers": workers,
        "index_build_seconds": round(built, 1),
        "screen_wall_seconds": round(seconds, 1),
        "screen_cpu_seconds": round(cpu, 1),
        "cpu_ms_per_person": round(1000 * cpu / len(_PEOPLE), 2),
        "people_with_hits": sum(h for h, _ in results),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("section", choices=("quality", "rescreen", "registry"))
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--nk-python")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    if args.section == "quality":
        print(json.dumps(quality(args.bench, args.nk_python), indent=1))
    elif args.section == "rescreen":
        print(json.dumps(rescreen(args.bench, args.people, args.entries, args.workers), indent=1))
    else:
        from registry_screening import registry_bench

        print(json.dumps(registry_bench(args.bench, args.db, args.entries), indent=1))


if __name__ == "__main__":
    main()
