"""Cross-script benchmark on real list data: an Arabic-script name against its Latin listing.

    .venv/bin/python benchmarks/crossscript_bench.py [--bench ../shared/bench]
        [--nk-python /tmp/nkvenv/bin/python]

The UN Security Council list copy in ``lists/un_consolidated_2018_latin_only.xml`` keeps, for
some entities and individuals, a name in the original (Arabic) script: the entity's
``NAME_ORIGINAL_SCRIPT`` and Arabic-script aliases. Each such name is a query; the listings
are every individual and entity of the list with their Latin names and aliases only. For
each query, every listing is scored (same schema: people against people, organisations
against organisations):

- found: the query's own listing is decided ``possible`` or ``match`` (Sijill), or scores at
  least 0.70 (nomenklatura logic-v2, its threshold);
- wrong candidates: other listings over the same threshold, per query;
- first: the own listing has the best score;
- blocked: the own listing shares a blocking key (``sijill.matching.blocking``) with the
  query, so the candidate index would retrieve it.

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from defusedxml import ElementTree

from sijill.matching import MatchRecord, PersonMatcher
from sijill.matching.blocking import blocking_keys
from sijill.names.scripts import detect_script

sys.path.insert(0, str(Path(__file__).parent))
from match_bench import DEFAULT_BENCH, PEER_THRESHOLD, peer_scores

NAME_TAGS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def _listing(node: Any, schema: str) -> tuple[list[str], list[str]]:
    """The Latin names and the Arabic-script names of one listing."""
    main = " ".join(t for t in (node.findtext(tag) or "" for tag in NAME_TAGS) if t.strip())
    names = [main.strip(), (node.findtext("NAME_ORIGINAL_SCRIPT") or "").strip()]
    alias_tag = "INDIVIDUAL_ALIAS" if schema == "Person" else "ENTITY_ALIAS"
    names += [(a.findtext("ALIAS_NAME") or "").strip() for a in node.iter(alias_tag)]
    names = [n for n in dict.fromkeys(names) if n]
    latin = [n for n in names if detect_script(n) == "Latin"]
    arabic = [n for n in names if detect_script(n) == "Arabic"]
    return latin, arabic


def read_list(path: Path) -> tuple[list[MatchRecord], list[tuple[int, MatchRecord]]]:
    """Listings (Latin names only) and queries (one Arabic-script name, own listing index)."""
    root = ElementTree.parse(path).getroot()
    listings: list[MatchRecord] = []
    queries: list[tuple[int, MatchRecord]] = []
    for tag, schema in (("INDIVIDUAL", "Person"), ("ENTITY", "Organization")):
        for node in root.iter(tag):
            latin, arabic = _listing(node, schema)
            if not latin:
                continue
            listings.append(MatchRecord(names=tuple(latin), schema=schema))
            for name in arabic:
                queries.append((len(listings) - 1, MatchRecord(names=(name,), schema=schema)))
    return listings, queries


def _figures(
    queries: list[tuple[int, MatchRecord]], scores: list[list[float]], threshold: float
) -> dict[str, Any]:
    found = first = wrong = 0
    for (own, _query), row in zip(queries, scores, strict=True):
        found += row[own] >= threshold
        first += row[own] > 0 and row[own] == max(row)
        wrong += sum(1 for i, s in enumerate(row) if i != own and s >= threshold)
    n = len(queries)
    return {
        "found": round(found / n, 3),
        "own_listing_first": round(first / n, 3),
        "wrong_candidates_per_query": round(wrong / n, 3),
    }


def bench(bench_dir: Path, peer: str | None) -> dict[str, Any]:
    listings, queries = read_list(bench_dir / "lists" / "un_consolidated_2018_latin_only.xml")
    matcher = PersonMatcher()
    sijill = [[matcher.score(q, listing).score for listing in listings] for _, q in queries]
    result: dict[str, Any] = {
        "listings": len(listings),
        "queries": len(queries),
        "queries_people": sum(1 for _, q in queries if q.is_person),
        "sijill": _figures(queries, sijill, matcher.possible),
        "sijill_blocked": round(
            sum(bool(blocking_keys(q) & blocking_keys(listings[own])) for own, q in queries)
            / len(queries),
            3,
        ),
    }
    rows = [
        (q.schema, {"name": list(q.names)}, {"name": list(listing.names[:1]),
                                             "alias": list(listing.names[1:])})
        for _, q in queries
        for listing in listings
    ]  # fmt: skip
    peer_result = peer_scores(peer, rows)
    if peer_result is not None:
        flat, per_second = peer_result
        width = len(listings)
        nk = [flat[i * width : (i + 1) * width] for i in range(len(queries))]
        result["nomenklatura_logic_v2"] = _figures(queries, nk, PEER_THRESHOLD)
        result["nomenklatura_pairs_per_s"] = per_second
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--nk-python", help="python of a venv with nomenklatura installed")
    args = parser.parse_args()
    print(json.dumps(bench(args.bench, args.nk_python), indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
