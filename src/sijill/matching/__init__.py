"""Matching: is this record the same person (or organisation) as that one? (pure engine)

- ``records``: ``MatchRecord`` (names and aliases, date of birth with its precision, sex,
  nationalities, documents, place of birth, schema), ``record_from_bench``, ``pair_from_bench``
- ``words``, ``orgs``: a name made ready for comparison (words, keys, shapes, weights)
- ``align``: two names compared word by word (``compare_names``, ``best_pair``)
- ``features``: pure functions ``(a, b) -> Feature(score | None, detail)``
- ``algorithms``: named, versioned algorithms (``get_algorithm("sijill-person")``), whose
  ``score(a, b)`` gives a ``MatchResult`` (score, decision, explanation, algorithm, version)

No database or web imports: the engine runs on plain records, so the registry, the screening
of watch lists and the ``sijill match`` command share it.
"""

from sijill.matching.algorithms import (
    DEFAULT_ALGORITHM,
    MatchResult,
    PersonMatcher,
    get_algorithm,
    score,
)
from sijill.matching.features import Feature
from sijill.matching.records import MatchRecord, RecordFormatError, record_from_bench

__all__ = [
    "DEFAULT_ALGORITHM",
    "Feature",
    "MatchRecord",
    "MatchResult",
    "PersonMatcher",
    "RecordFormatError",
    "get_algorithm",
    "record_from_bench",
    "score",
]
