"""API fuzzing with schemathesis against /api/openapi.json: for every operation, a bounded
number of generated requests (valid and invalid) as a supervisor of a national office; no
answer may be a server error or break the documented schema."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from factories.access import make_actor, make_office, make_token, make_user
from factories.registry import register
from sijill.access.permissions import Role

pytestmark = pytest.mark.integration


@pytest.fixture(params=[Role.SUPERVISOR, Role.ADMINISTRATOR])
def api_schema(request, app, session):
    """The schema of an app whose token (``app.state.fuzz_token``) is of a national office's
    supervisor (people) or administrator (users, offices, reference data)."""
    user = make_user(session, request.param, make_office(session, national=True))
    register(session, make_actor(session, Role.REGISTRAR), "Yusuf Karimov")
    app.state.fuzz_token = make_token(session, user)
    session.commit()
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


def _fuzz(operation, token: str) -> str | None:
    """None when every generated request of ``operation`` passes the checks, else why not."""

    @given(case=operation.as_strategy())
    @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(
            headers={"Authorization": f"Bearer {token}"},
            # the services refuse more than the JSON schema can say ("a name must contain
            # letters", an unknown office code): such a 422 is right, not a schema fault
            excluded_checks=[positive_data_acceptance],
        )

    try:
        run()
    except Exception as exc:
        return f"{operation.label}: {exc}"
    return None


def test_no_server_error_and_no_schema_violation(api_schema, app):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 25
    failures = [_fuzz(op, app.state.fuzz_token) for op in operations]
    assert "\n\n".join(f for f in failures if f) == ""
