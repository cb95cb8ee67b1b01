"""Matching benchmark: Sijill's ``sijill-person`` engine on the shared name benchmarks, with
nomenklatura's logic-v2 (the matcher behind yente) beside it in the same run.

    .venv/bin/python benchmarks/match_bench.py [--bench ../shared/bench]
        [--nk-python /tmp/nkvenv/bin/python] [--match 0.85] [--possible 0.60] [--sweep]

- ``names/dev.jsonl``: review recall (same pairs decided match or possible), false alerts
  (different pairs decided match or possible), auto precision (match decisions that are right).
- ``peers/nk_name_bench_cases.csv``: nomenklatura's labelled name pairs, F1 at Sijill's
  possible threshold; the peer's recorded run (``nk_name_bench_logicv2-frozen.csv``) and, with
  ``--nk-python`` (a separate venv holding ``nomenklatura``), logic-v2 live at its 0.70.
- yente's candidate-generation fixtures: each treated UN record (typos, perturbed dates)
  against its clean record (recall), and 10,000 synthetic negatives against the 683 UN
  records (false positives). Negatives are scored against the UN records sharing a name key
  with them (``names.keys.search_keys``), as a screening system retrieves candidates; the
  share of all pairs so scored is printed.

Prints one JSON object: the figures, and pairs scored per second (one process, one core).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from rigour.territories import lookup_territory

from sijill.matching.algorithms import MATCH, POSSIBLE, MatchResult, PersonMatcher
from sijill.matching.records import MatchRecord, normalise_sex, record_from_bench
from sijill.names.keys import search_keys

DEFAULT_BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
PEER_THRESHOLD = 0.70
Pair = tuple[MatchRecord, MatchRecord]

# Run inside the peer's venv: reads [schema, a, b] lines, prints logic-v2 scores, one a line.
PEER_SCRIPT = """
import json, sys, time
from followthemoney import model
from nomenklatura.matching import get_algorithm
from nomenklatura.matching.types import ScoringConfig
algorithm, config = get_algorithm("logic-v2"), ScoringConfig.defaults()
def entity(schema, props, key):
    e = model.make_entity(schema)
    e.id = key
    for prop, values in props.items():
        for value in values:
            if e.schema.get(prop) is not None:
                e.add(prop, value, cleaned=False, quiet=True)
    return e
rows = [json.loads(line) for line in sys.stdin]
warm = entity("Person", {"name": ["Omar Haddad"]}, "w")
algorithm.compare(warm, warm, config)  # loads the peer's name data before the clock starts
start = time.process_time()
scores = [algorithm.compare(entity(s, a, f"a{i}"), entity(s, b, f"b{i}"), config).score
          for i, (s, a, b) in enumerate(rows)]
print(json.dumps({"scores": scores, "seconds": time.process_time() - start}))
"""


def f1(labels: Sequence[bool], predicted: Sequence[bool]) -> dict[str, float]:
    tp = sum(1 for y, p in zip(labels, predicted, strict=True) if y and p)
    fp = sum(1 for y, p in zip(labels, predicted, strict=True) if p and not y)
    fn = sum(1 for y, p in zip(labels, predicted, strict=True) if y and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f, 4)}


def timed(matcher: PersonMatcher, pairs: Sequence[Pair]) -> tuple[list[MatchResult], float]:
    """Results and pairs per second of process time (one core; other load on the machine
    counts less than in wall time)."""
    start = time.process_time()
    results = [matcher.score(a, b) for a, b in pairs]
    elapsed = time.process_time() - start
    return results, round(len(pairs) / elapsed) if elapsed else 0.0


PeerRow = tuple[str, dict[str, list[str]], dict[str, list[str]]]


def peer_scores(python: str | None, rows: Iterable[PeerRow]) -> tuple[list[float], float] | None:
    """logic-v2's scores for [schema, a, b] rows (FtM properties) and its pairs per second of
    process time (its data loaded first), or None without a peer."""
    if not python:
        return None
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    out = subprocess.run(  # noqa: S603 - the peer's interpreter, given on the command line
        [python, "-c", PEER_SCRIPT], input=lines, capture_output=True, text=True, check=True
    ).stdout
    found = json.loads(out)
    scores = [float(s) for s in found["scores"]]
    seconds = float(found["seconds"])
    return scores, round(len(scores) / seconds) if seconds else 0.0


def ftm_props(record: MatchRecord) -> dict[str, list[str]]:
    props = {"name": list(record.names[:1]), "alias": list(record.names[1:])}
    if record.dob:
        props["birthDate"] = [record.dob]
    if record.sex:
        props["gender"] = ["male" if record.sex == "M" else "female"]
    props["nationality"] = [n.lower() for n in record.nationalities]
    if record.place_of_birth:
        props["birthPlace"] = [record.place_of_birth]
    return props


def bench_dev(path: Path, matcher: PersonMatcher, peer: str | None) -> dict[str, Any]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    pairs = [(record_from_bench(r["a"]), record_from_bench(r["b"])) for r in rows]
    results, speed = timed(matcher, pairs)
    same = [bool(r["same"]) for r in rows]
    out: dict[str, Any] = {"pairs": len(rows), "pairs_per_second": speed}
    out.update(review_figures(same, [r.decision for r in results]))
    out["missed"] = [r["id"] for r, y, m in zip(rows, same, results, strict=True)
                     if y and m.decision == "no_match"]  # fmt: skip
    out["false_alerts_ids"] = [r["id"] for r, y, m in zip(rows, same, results, strict=True)
                               if not y and m.decision != "no_match"]  # fmt: skip
    found = peer_scores(peer, ((a.schema, ftm_props(a), ftm_props(b)) for a, b in pairs))
    if found:
        decisions = ["possible" if s >= PEER_THRESHOLD else "no_match" for s in found[0]]
        out["peer_logic_v2_at_0.70"] = review_figures(same, decisions)
    return out


def review_figures(same: Sequence[bool], decisions: Sequence[str]) -> dict[str, float | None]:
    pairs = list(zip(same, decisions, strict=True))
    alerted_same = sum(1 for y, d in pairs if y and d != "no_match")
    alerted_other = sum(1 for y, d in pairs if not y and d != "no_match")
    matched = [y for y, d in pairs if d == "match"]
    return {
        "review_recall": round(alerted_same / (sum(same) or 1), 4),
        "false_alerts": round(alerted_other / ((len(same) - sum(same)) or 1), 4),
        "auto_precision": round(sum(matched) / len(matched), 4) if matched else None,
    }


def bench_nk(peers: Path, matcher: PersonMatcher, peer: str | None, sweep: bool) -> dict[str, Any]:
    with (peers / "nk_name_bench_cases.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    pairs = [(MatchRecord((r["name1"],), schema=r["schema"]),
              MatchRecord((r["name2"],), schema=r["schema"])) for r in rows]  # fmt: skip
    labels = [r["is_match"] == "true" for r in rows]
    results, speed = timed(matcher, pairs)
    scores = [r.score for r in results]
    out: dict[str, Any] = {"pairs": len(rows), "pairs_per_second": speed}
    out["sijill_at_possible"] = {"threshold": matcher.possible,
                                 **f1(labels, [s >= matcher.possible for s in scores])}  # fmt: skip
    out["sijill_non_latin"] = non_latin_f1(rows, labels, scores, matcher.possible)
    with (peers / "nk_name_bench_logicv2-frozen.csv").open(encoding="utf-8") as fh:
        frozen = list(csv.DictReader(fh))
    out["peer_recorded_logic_v2"] = {
        "threshold": PEER_THRESHOLD,
        **f1(
            [r["is_match"] == "true" for r in frozen],
            [r["predicted_match"] == "true" for r in frozen],
        ),
    }
    found = peer_scores(peer, ((r["schema"], {"name": [r["name1"]]}, {"name": [r["name2"]]})
                               for r in rows))  # fmt: skip
    if found:
        out["peer_live_logic_v2"] = {
            "threshold": PEER_THRESHOLD,
            "pairs_per_second": found[1],
            **f1(labels, [s >= PEER_THRESHOLD for s in found[0]]),
        }
    if sweep:
        out["sijill_sweep"] = {
            f"{t:.2f}": f1(labels, [s >= t for s in scores])["f1"]
            for t in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85)
        }
    return out


def non_latin_f1(
    rows: list[dict[str, str]], labels: list[bool], scores: list[float], t: float
) -> dict[str, float]:
    picked = [i for i, r in enumerate(rows) if not (r["name1"] + r["name2"]).isascii()]
    return {"pairs": len(picked),
            **f1([labels[i] for i in picked], [scores[i] >= t for i in picked])}  # fmt: skip


def yente_record(row: dict[str, str]) -> MatchRecord:
    nationality = lookup_territory(row["nationality"]) if row["nationality"] else None
    return MatchRecord(
        names=(row["full_name"],),
        dob=row["date_of_birth"] or None,
        sex=normalise_sex(row["gender"]),
        nationalities=(nationality.code.upper(),) if nationality else (),
        place_of_birth=row["place_of_birth"] or None,
    )


def read_yente(path: Path) -> list[MatchRecord]:
    with path.open(encoding="utf-8") as fh:
        return [yente_record(row) for row in csv.DictReader(fh)]


def bench_yente(peers: Path, matcher: PersonMatcher, peer: str | None) -> dict[str, Any]:
    listed = read_yente(peers / "yente_cgb_positives_un_untreated.csv")
    treated = read_yente(peers / "yente_cgb_positives_un_treated.csv")
    positives = list(zip(treated, listed, strict=True))
    results, speed = timed(matcher, positives)
    out: dict[str, Any] = {"un_positives": len(listed), "pairs_per_second": speed}
    for level, threshold in (("possible", matcher.possible), ("match", matcher.match)):
        out[f"recall_at_{level}"] = share(r.score >= threshold for r in results)
    by_name = [(MatchRecord(t.names), MatchRecord(u.names)) for t, u in positives]
    out["recall_at_possible_names_only"] = share(
        matcher.score(t, u).score >= matcher.possible for t, u in by_name
    )
    for key, rows in (("peer_live_recall_at_0.70", positives), ("peer_live_names_only", by_name)):
        found = peer_scores(peer, (("Person", ftm_props(t), ftm_props(u)) for t, u in rows))
        if found:
            out[key] = share(s >= PEER_THRESHOLD for s in found[0])
    negatives = read_yente(peers / "yente_cgb_negatives_global_sample10k.csv")
    out.update(bench_negatives(negatives, listed, matcher, peer))
    return out


def share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return round(sum(values) / len(values), 4) if values else 0.0


def candidates(queries: Sequence[MatchRecord], listed: Sequence[MatchRecord]) -> list[set[int]]:
    index: dict[str, set[int]] = defaultdict(set)
    for i, record in enumerate(listed):
        for key in search_keys(record.names[0]):
            index[key].add(i)
    return [set().union(*(index.get(k, set()) for k in search_keys(q.names[0])))
            for q in queries]  # fmt: skip


def alerted_queries(blocks: list[set[int]], scores: Sequence[float], threshold: float) -> int:
    """Queries with a candidate scored at the threshold or above."""
    alerted = 0
    k = 0
    for block in blocks:
        alerted += any(s >= threshold for s in scores[k : k + len(block)])
        k += len(block)
    return alerted


def bench_negatives(
    negatives: Sequence[MatchRecord],
    listed: Sequence[MatchRecord],
    matcher: PersonMatcher,
    peer: str | None,
) -> dict[str, Any]:
    start = time.perf_counter()
    blocks = candidates(negatives, listed)
    pairs = [(q, listed[i]) for q, block in zip(negatives, blocks, strict=True) for i in block]
    blocking = time.perf_counter() - start
    results, speed = timed(matcher, pairs)
    scores = [r.score for r in results]
    out: dict[str, Any] = {
        "negatives": len(negatives),
        "negative_pairs_scored": len(pairs),
        "share_of_all_pairs_scored": round(len(pairs) / (len(negatives) * len(listed)), 4),
        "blocking_seconds": round(blocking, 2),
        "negatives_alerted_at_possible": alerted_queries(blocks, scores, matcher.possible),
        "negatives_alerted_at_match": alerted_queries(blocks, scores, matcher.match),
        "negative_pairs_per_second": speed,
    }
    found = peer_scores(peer, (("Person", ftm_props(a), ftm_props(b)) for a, b in pairs))
    if found:
        out["peer_negatives_alerted_at_0.70"] = alerted_queries(blocks, found[0], PEER_THRESHOLD)
        out["peer_negative_pairs_per_second"] = found[1]
    return out


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--nk-python", help="python of a venv with nomenklatura installed")
    parser.add_argument("--match", type=float, default=MATCH)
    parser.add_argument("--possible", type=float, default=POSSIBLE)
    parser.add_argument("--sweep", action="store_true", help="nk F1 at other thresholds")
    parser.add_argument("--only", choices=("dev", "nk", "yente"), action="append")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    matcher = PersonMatcher(match=args.match, possible=args.possible)
    only = set(args.only or ("dev", "nk", "yente"))
    report: dict[str, Any] = {"algorithm": matcher.NAME, "version": matcher.VERSION,
                              "match": matcher.match, "possible": matcher.possible}  # fmt: skip
    runs: dict[str, Callable[[], dict[str, Any]]] = {
        "dev": lambda: bench_dev(args.bench / "names" / "dev.jsonl", matcher, args.nk_python),
        "nk": lambda: bench_nk(args.bench / "peers", matcher, args.nk_python, args.sweep),
        "yente": lambda: bench_yente(args.bench / "peers", matcher, args.nk_python),
    }
    for name, run in runs.items():
        if name in only:
            report[name] = run()
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
