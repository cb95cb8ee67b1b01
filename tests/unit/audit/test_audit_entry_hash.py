"""The verifier hashes an entry exactly as the service does, also after an export's JSON."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sijill.audit import service
from sijill.audit.models import AuditEntry
from sijill.audit.verify import body_hash

pytestmark = pytest.mark.unit

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(
    at=st.datetimes(timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=3))])),
    actor=st.text(max_size=64),
    actor_id=st.none() | st.uuids(),
    office=st.none() | st.text(max_size=16),
    object_id=st.text(max_size=64),
    data=st.dictionaries(st.text(), json_values, max_size=5),
)
def test_verification_hashes_an_entry_as_the_service_does(
    at: dt.datetime,
    actor: str,
    actor_id: uuid.UUID | None,
    office: str | None,
    object_id: str,
    data: dict[str, Any],
):
    entry = AuditEntry(
        at=at,
        actor=actor,
        actor_id=actor_id,
        office_code=office,
        tag="registry:person:update",
        object_type="person",
        object_id=object_id,
        data=json.loads(service.canonical_json(data)),  # as ``record`` stores it
    )
    exported = json.loads(json.dumps(service.entry_body(entry), ensure_ascii=False))
    assert body_hash(exported) == body_hash(service.entry_body(entry)) == service.entry_hash(entry)


def test_the_body_is_the_documented_one():
    entry = AuditEntry(
        at=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        actor="amina",
        actor_id=None,
        office_code="RAQ",
        tag="access:office:create",
        object_type="office",
        object_id="1",
        data={"name": "الرقة"},
    )
    assert service.entry_body(entry) == {
        "at": "2026-01-02T03:04:05+00:00",
        "actor": "amina",
        "actor_id": None,
        "office": "RAQ",
        "tag": "access:office:create",
        "object_type": "office",
        "object_id": "1",
        "data": {"name": "الرقة"},
    }
    assert service.entry_hash(entry) == body_hash(service.entry_body(entry))
