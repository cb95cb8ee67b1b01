"""List imports: versioned snapshots with what was added, changed and removed; a bad file
changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factories.access import make_actor
from factories.db import row_counts
from factories.screening import MAX_BYTES, import_sample, sample
from sijill.access.actor import operator_actor
from sijill.access.permissions import Role
from sijill.audit.models import AuditEntry
from sijill.errors import InvalidInput, NotPermitted
from sijill.screening import lists

pytestmark = pytest.mark.integration


def test_each_import_is_a_snapshot_with_its_changes(session):
    first = import_sample(session)
    assert (first.version, first.entries, first.added, first.changed, first.removed) == (
        1,
        4,
        4,
        0,
        0,
    )
    same = import_sample(session)
    assert (same.version, same.added, same.changed, same.removed) == (2, 0, 0, 0)
    second = import_sample(session, "un_sample_v2.xml")
    assert (second.version, second.added, second.changed, second.removed) == (3, 1, 1, 1)
    detail = lists.snapshot_detail(session, operator_actor(), second.id)
    assert {(c.change, c.entry_id) for c in detail.changes} == {
        ("added", "QDi.904"), ("changed", "QDi.902"), ("removed", "QDi.903"),
    }  # fmt: skip
    back = import_sample(session)
    assert (back.added, back.changed, back.removed) == (1, 1, 1)  # QDi.903 listed again
    assert lists.current_versions(session) == {"UN Consolidated": 4}
    tags = session.scalars(select(AuditEntry.tag).where(AuditEntry.tag.like("screening:%")))
    assert list(tags) == ["screening:list:imported"] * 4


@pytest.mark.parametrize("file", ["billion_laughs.xml", "xxe.xml"])
def test_a_hostile_or_malformed_file_changes_nothing(session, file):
    import_sample(session)
    before = row_counts(session)
    with pytest.raises(InvalidInput, match="unsafe XML refused"):
        import_sample(session, file)
    bad = lists.ListFile(b"<CONSOLIDATED_LIST><INDIVIDUALS>", "bad.xml")
    with pytest.raises(InvalidInput, match="line 1, column 32"):
        lists.import_list(session, operator_actor(), "UN Consolidated", "un", bad, MAX_BYTES)
    with pytest.raises(InvalidInput, match="more than the limit"):
        lists.import_list(
            session, operator_actor(), "UN", "un", lists.ListFile(sample("un_sample.xml"), "x"), 10
        )
    assert row_counts(session) == before


def test_a_list_keeps_its_format_and_ofac_reads_alt(session):
    actor = operator_actor()
    upload = lists.ListFile(sample("ofac_sdn.csv"), "sdn.csv", alt=sample("ofac_alt.csv"))
    snap = lists.import_list(session, actor, "OFAC SDN", "ofac", upload, MAX_BYTES)
    assert snap.entries == 3
    with pytest.raises(InvalidInput, match="is in the ofac format"):
        import_sample(session, "eu_sample.xml", "OFAC SDN", "eu")


def test_only_list_managers_import(session):
    with pytest.raises(NotPermitted):
        import_sample(session, actor=make_actor(session, Role.REGISTRAR))
    assert import_sample(session, actor=make_actor(session, Role.SCREENING)).version == 1
