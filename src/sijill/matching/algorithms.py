"""Named, versioned matching algorithms: features weighed into a score and a decision (pure).

Every stored match or judgement records the algorithm's ``NAME`` and ``VERSION`` with its
score and explanation; a change of features, weights or thresholds is a new version.

``sijill-person`` version 1 (``PersonMatcher``):

- the name score (``features.names``: the closest pair of names and aliases) is the base;
- each other feature adds its evidence times a weight, one weight for evidence for and one
  against (a conflicting sex weighs far more than an agreeing one proves):

  ===============  ======  =======  ==================================================
  feature          for     against  note
  ===============  ======  =======  ==================================================
  date_of_birth    0.05    0.45     against: scaled down when 3 or more name words
                                    agree (a recording error is likelier than a
                                    namesake of the whole name); 17 years apart
                                    takes "Ali Hassan" from 1.00 to 0.55
  sex              0.00    0.50
  nationality      0.03    0.15     people add and change nationalities
  documents        0.60    0.00     the same number alone asks for review; with a
                                    half-similar name it is a match
  place_of_birth   0.03    0.10
  kunya_nisba      0.00    0.30     same kunya, another nisba
  father_son       0.00    0.45     one family name, other given names; a given
                                    name that is the other's nasab; half of it for
                                    a given name that is the other's middle name
  ===============  ======  =======  ==================================================

- the sum is clipped to [0, 1]; ``match`` at 0.85 or more, ``possible`` at 0.60 or more.
  The thresholds were chosen by measurement (``benchmarks/match_bench.py``): on
  nomenklatura's name benchmark F1 is flat between 0.55 and 0.65 and falls off outside it.
- Organisations ("Organization", "Company", "LegalEntity", "Vessel", ...) are compared by
  their names and aliases only; a person and an organisation are not compared (score 0).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Final, Literal

from sijill.matching import features as f
from sijill.matching.records import MatchRecord

Decision = Literal["match", "possible", "no_match"]
MATCH: Final = 0.85
POSSIBLE: Final = 0.60


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The outcome of comparing two records, with the lines that explain it."""

    score: float
    decision: Decision
    explanation: list[str] = field(default_factory=list)
    algorithm: str = ""
    version: str = ""


class PersonMatcher:
    """People by names, date of birth, sex, nationality, documents and place of birth;
    organisations by names. Thresholds are parameters (the defaults are measured)."""

    NAME: ClassVar[str] = "sijill-person"
    VERSION: ClassVar[str] = "1"
    # feature -> (weight of evidence for, weight of evidence against)
    WEIGHTS: ClassVar[dict[str, tuple[float, float]]] = {
        "date_of_birth": (0.05, 0.45),
        "sex": (0.0, 0.5),
        "nationality": (0.03, 0.15),
        "documents": (0.6, 0.0),
        "place_of_birth": (0.03, 0.10),
        "kunya_nisba": (0.0, 0.30),
        "father_son": (0.0, 0.45),
    }
    # With this many name words agreeing or more, a conflicting date weighs less.
    SPECIFIC_NAME_WORDS: ClassVar[float] = 2.5

    def __init__(self, match: float = MATCH, possible: float = POSSIBLE) -> None:
        if not 0.0 <= possible <= match <= 1.0:
            raise ValueError("thresholds must satisfy 0 <= possible <= match <= 1")
        self.match = match
        self.possible = possible

    def decide(self, score: float) -> Decision:
        if score >= self.match:
            return "match"
        return "possible" if score >= self.possible else "no_match"

    def _result(self, score: float, explanation: list[str]) -> MatchResult:
        score = round(min(1.0, max(0.0, score)), 4)
        return MatchResult(score, self.decide(score), explanation, self.NAME, self.VERSION)

    def _weight(self, key: str, evidence: float, a: MatchRecord, b: MatchRecord) -> float:
        for_, against = self.WEIGHTS[key]
        if evidence >= 0:
            return for_
        if key == "date_of_birth":
            agreeing = f.name_comparison(a, b).agreeing
            return against * min(1.0, self.SPECIFIC_NAME_WORDS / max(agreeing, 1))
        return against

    def score(self, a: MatchRecord, b: MatchRecord) -> MatchResult:
        """Compare two records: a score in [0, 1], a decision and an explanation."""
        if a.is_person != b.is_person:
            return self._result(0.0, ["a person and an organisation are not compared"])
        name = f.names(a, b)
        if name.score is None:
            return self._result(0.0, [name.detail])
        total = name.score
        explanation = [name.detail]
        if a.is_person:
            for key, function in f.PERSON_FEATURES.items():
                if key in self.WEIGHTS:
                    evidence = function(a, b)
                    if evidence.score is not None:
                        contribution = evidence.score * self._weight(key, evidence.score, a, b)
                        total += contribution
                        explanation.append(f"{evidence.detail} [{contribution:+.2f}]")
        return self._result(total, explanation)


ALGORITHMS: Final[dict[str, type[PersonMatcher]]] = {PersonMatcher.NAME: PersonMatcher}
DEFAULT_ALGORITHM: Final = PersonMatcher.NAME


def get_algorithm(name: str = DEFAULT_ALGORITHM) -> type[PersonMatcher]:
    """The algorithm class registered under ``name``; raises ``KeyError`` naming the known."""
    try:
        return ALGORITHMS[name]
    except KeyError:
        known = ", ".join(sorted(ALGORITHMS))
        raise KeyError(f"unknown matching algorithm {name!r} (known: {known})") from None


def score(
    a: MatchRecord, b: MatchRecord, *, match: float = MATCH, possible: float = POSSIBLE
) -> MatchResult:
    """Compare two records with the default algorithm."""
    return PersonMatcher(match=match, possible=possible).score(a, b)
