"""The demo: a list in each format names demo people under other spellings or scripts, so
the hit queue has work on first start."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sijill.access.actor import operator_actor
from sijill.demo import loader
from sijill.screening import lists, queries
from sijill.screening.models import WatchList

pytestmark = pytest.mark.integration


def test_the_demo_lists_give_the_queue_hits(session, session_factory):
    loader.prepare(session)
    session.commit()
    loader.load(session_factory, people=60, seed=7)
    formats = set(session.scalars(select(WatchList.format)))
    assert formats == {"un", "ofac", "eu", "ftm", "csv"}
    hits = queries.queue(session, operator_actor())
    assert {h.entry_id for h in hits if not h.subject}  # people listed under another spelling
    assert all(h.score >= 0.85 for h in hits if not h.subject)
    assert len(lists.snapshots(session, operator_actor())) == 5
