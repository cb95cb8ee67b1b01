"""Batch deduplication of demo people: Sijill beside Splink 5 (DuckDB) on the same records.

The demo generator (``sijill.demo.population``) plants second registrations of about 3% of
household heads (another script, spelling, name order, kunya, typing error, a less precise
date of birth, another document or none) and says which: that is the ground truth. Each
person becomes the fields the registry stores, with each name's search keys as registration
computes them (their cost is registration's, reported apart). Each system then runs in its
own process on the same records, so its time and peak memory are its own:

- Sijill: ``dedup.people.find`` (blocking on the stored keys, a Fellegi-Sunter screen,
  ``sijill-person`` v1 on the pairs that pass), pairs decided ``match`` or ``possible``;
- Splink 5 (DuckDB): the primary name's Latin form split into first and last word, date of
  birth, sex, first nationality, first document number; blocking on names, date of birth
  and document; u by random sampling, m by EM; pairs at match probability 0.5 or more.

Precision is against the planted pairs only, so a namesake pair found (two different people
with one name and birth year, which an officer should see) counts as a false positive.

    .venv/bin/python benchmarks/dedup_registry_bench.py --people 100000
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sijill.dedup import people
from sijill.dedup.people import PersonRow
from sijill.demo.population import generate
from sijill.matching import PersonMatcher
from sijill.names.keys import search_keys
from sijill.names.translit import to_latin
from sijill.registry.schemas import PersonIn
from sijill.registry.validation import normalise_document_number

DATA = Path(__file__).parent / ".data"
Pair = tuple[int, int]


def _row(key: str, person: PersonIn) -> PersonRow:
    dob = person.date_of_birth
    return PersonRow(
        key=key,
        names=tuple(n.full for n in person.names),
        keys=tuple(frozenset(search_keys(n.full)) for n in person.names),
        sex=person.sex.value,
        dob_precision=dob.precision.value if dob else None,
        dob_year=dob.year if dob else None,
        dob_month=dob.month if dob else None,
        dob_day=dob.day if dob else None,
        nationalities=frozenset(person.nationalities),
        documents=frozenset(normalise_document_number(d.number) for d in person.documents),
        place_of_birth=person.place_of_birth,
    )


def population(n: int, seed: int) -> Path:
    """The records and the true pairs, generated once and cached."""
    path = DATA / f"dedup-people-{n}-{seed}.pkl"
    if path.exists():
        return path
    started = time.perf_counter()
    rows: list[PersonRow] = []
    head: dict[str, int] = {}
    planted = []
    for household in generate(n, seed):
        head[household.key] = len(rows)
        rows.append(_row(household.key, household.head))
        rows.extend(_row(f"{household.key}.{i}", r) for i, (_, r) in enumerate(household.relatives))
        if household.duplicate_of is not None:
            planted.append((household.duplicate_of, household.key))
    truth = {tuple(sorted((head[a], head[b]))) for a, b in planted}
    DATA.mkdir(exist_ok=True)
    path.write_bytes(pickle.dumps((rows, truth)))
    print(
        f"generated {len(rows):,} people with their keys in {time.perf_counter() - started:.0f} s"
    )
    return path


def run_sijill(rows: list[PersonRow]) -> set[Pair]:
    return {(i, j) for i, j, _ in people.find(rows, PersonMatcher())}


def _latin_words(row: PersonRow) -> list[str]:
    return to_latin(row.names[0]).lower().replace("-", " ").split() if row.names else []


def run_splink(rows: list[PersonRow]) -> set[Pair]:
    import logging

    import pandas as pd
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    records = []
    for i, row in enumerate(rows):
        words = _latin_words(row)
        records.append({
            "unique_id": i, "first_name": words[0] if words else None,
            "surname": words[-1] if len(words) > 1 else None,
            "dob": f"{row.dob_year}" if row.dob_year else None,
            "sex": row.sex, "nationality": min(row.nationalities, default=None),
            "document": min(row.documents, default=None),
        })  # fmt: skip
    frame = pd.DataFrame.from_records(records)
    db = DuckDBAPI()
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("surname", "dob"),
            block_on("first_name", "dob"),
            block_on("document"),
        ],
        comparisons=[
            cl.NameComparison("first_name"),
            cl.NameComparison("surname"),
            cl.ExactMatch("dob"),
            cl.ExactMatch("sex"),
            cl.ExactMatch("nationality"),
            cl.ExactMatch("document"),
        ],
    )
    linker = Linker(db.register(frame), settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob"), block_on("document")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=1)
    for rule in (block_on("dob"), block_on("surname")):
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    found = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    return {
        (min(a, b), max(a, b)) for a, b in zip(found.unique_id_l, found.unique_id_r, strict=True)
    }


def child(system: str, path: Path) -> None:
    rows, truth = pickle.loads(path.read_bytes())  # noqa: S301 - written by this script
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    found = run_sijill(rows) if system == "sijill" else run_splink(rows)
    seconds = time.perf_counter() - started
    tp = len(found & truth)
    precision, recall = tp / max(len(found), 1), tp / len(truth)
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"people": len(rows), "truth": len(truth), "pairs": len(found),
                      "precision": precision, "recall": recall, "f1": f1, "seconds": seconds,
                      "peak_mb": peak // 1024, "loaded_mb": loaded // 1024}))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--systems", default="sijill,splink")
    parser.add_argument("--child", choices=("sijill", "splink"))
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data)
        return
    path = population(args.people, args.seed)
    print("| system | people | planted pairs | pairs found | precision | recall | F1 | seconds "
          "| peak MB (data loaded) |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|")
    for system in args.systems.split(","):
        out = subprocess.run(  # noqa: S603 - this script, with its own arguments
            [sys.executable, __file__, "--child", system, "--data", str(path)],
                             check=True, capture_output=True, text=True).stdout  # fmt: skip
        r: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
        print(f"| {system} | {r['people']:,} | {r['truth']:,} | {r['pairs']:,} | "
              f"{r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['seconds']:.1f} | "
              f"{r['peak_mb']:,} ({r['loaded_mb']:,}) |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
