"""Deduplication of the registry: the batch engine, the review queue and merges.

Pure modules (no database): ``blocking`` (keys to candidate pairs, clusters), ``fellegi``
(weights learned by EM), ``engine`` (block, compare, score), ``febrl`` (an adapter for
FEBRL-style records, used by the benchmarks) and ``people`` (an adapter for registry people,
scored by ``sijill-person``).
"""
