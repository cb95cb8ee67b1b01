"""The facts of the whole registry, read kind by kind and counted in batches, are each
person's own facts: the same as when read for one person at a time (both back ends)."""

from __future__ import annotations

from collections import Counter

import pytest

from factories.access import make_actor, make_office
from factories.cases import case_world, move, open_pathway
from factories.registry import make_group, register
from sijill.access.actor import operator_actor
from sijill.access.permissions import Role
from sijill.cases import eligibility, rules
from sijill.cases.workflow import Pathway
from sijill.holds import service as holds
from sijill.holds.rules import HoldKind
from sijill.registry.schemas import AffiliationIn, FamilyLinkIn
from sijill.registry.vocab import Relation

pytestmark = pytest.mark.integration


def _key(facts: eligibility.Facts) -> tuple[tuple[str, object], ...]:
    return tuple(sorted(facts.items()))


def test_registry_facts_are_each_persons_facts(session, monkeypatch):
    monkeypatch.setattr(eligibility, "BATCH", 2)  # several batches even with a few people
    office = make_office(session)
    registrar = make_actor(session, Role.REGISTRAR, office)
    group = make_group(session)
    child = register(session, registrar, "Amina Haddad", year=2015)
    parent = register(
        session,
        registrar,
        "Layla Haddad",
        year=1985,
        family=[FamilyLinkIn(relation=Relation.CHILD, regno=child.regno)],
        affiliations=[AffiliationIn(group_id=group.id, date_from="2013-04")],
    )
    held = case_world(session, office, "Omar Haddad")
    holds.place(session, held.officer, held.person_id, HoldKind.MANUAL, "manual:3", "check")
    judged = case_world(session, office, "Yusuf Haddad")
    open_pathway(session, judged, Pathway.JUDICIAL)
    integrated = case_world(session, office, "Karim Haddad")
    army = open_pathway(session, integrated, Pathway.ARMY)
    move(session, integrated.officer, army, "vetting")
    people = [child.id, parent.id, held.person_id, judged.person_id, integrated.person_id]

    each = {p: next(eligibility.fact_groups(session, p)) for p in people}
    assert all(n == 1 for _, n in each.values())
    facts = {p: f for p, (f, _) in each.items()}
    assert facts[parent.id]["family_ties"] == 1 and facts[child.id]["family_ties"] == 0
    assert facts[parent.id]["years_present"] > 12  # since the affiliation began in 2013
    assert facts[held.person_id]["screening_cleared"] is False
    assert facts[judged.person_id]["open_judicial_matter"] is True
    assert facts[integrated.person_id]["army_integrated"] is False  # vetting, not integrated

    whole: Counter[tuple[tuple[str, object], ...]] = Counter()
    for found, n in eligibility.fact_groups(session):
        whole[_key(found)] += n
    ours = Counter(_key(f) for f in facts.values())
    assert all(whole[k] >= n for k, n in ours.items())  # each person's facts, among all
    counts = eligibility.count_eligible(session, operator_actor())
    assert counts["people"] == sum(whole.values())
    active = eligibility.active_rules(session)
    for doc in rules.DOCUMENTS:
        expected = sum(n for key, n in whole.items() if rules.decide(active, doc, dict(key)))
        assert counts[doc] == expected
