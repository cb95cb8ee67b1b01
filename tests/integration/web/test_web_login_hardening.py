"""Login hardening through the pages: lockout survives the refused request, server-side
sessions (logout, logout everywhere, an administrator), no session fixation, cookie flags,
recovery codes, the password policy on the admin page and the API."""

from __future__ import annotations

import re

import pyotp
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from factories.access import PASSWORD, make_user
from sijill.access import service as access_service
from sijill.access.models import LoginThrottle, Office
from sijill.access.permissions import Role
from sijill.main import create_app

pytestmark = pytest.mark.integration


def csrf(client: TestClient, path: str = "/login") -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert match
    return match.group(1)


def post_login(client, username, password, token=None):
    data = {"username": username, "password": password, "csrf_token": token or csrf(client)}
    return client.post("/login", data=data, follow_redirects=False)


def logged_in(client: TestClient) -> bool:
    return client.get("/account", follow_redirects=False).status_code == 200


def test_five_failures_lock_the_account_and_the_count_is_kept(app, session):
    user = make_user(session)
    session.commit()
    browser = TestClient(app, base_url="http://testserver")
    for _ in range(5):
        assert post_login(browser, user.username, "not-the-password").status_code == 401
    session.expire_all()
    row = session.get(LoginThrottle, f"user:{user.username}")
    assert (row.failures, row.locked_until is not None) == (5, True)
    response = post_login(browser, user.username, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed logins. Try again in 15 minutes" in response.text


def test_logout_ends_the_session_on_the_server(app, session):
    user = make_user(session)
    session.commit()
    browser = TestClient(app, base_url="http://testserver")
    assert post_login(browser, user.username, PASSWORD).status_code == 303
    stolen = dict(browser.cookies)
    token = csrf(browser, "/account")
    browser.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    thief = TestClient(app, base_url="http://testserver", cookies=stolen)
    assert not logged_in(thief)  # a copy of the cookie is worthless after logout


def test_a_cookie_from_before_the_login_does_not_log_in(app, session):
    user = make_user(session)
    session.commit()
    browser = TestClient(app, base_url="http://testserver")
    token = csrf(browser)
    planted = dict(browser.cookies)
    assert post_login(browser, user.username, PASSWORD, token).status_code == 303
    assert dict(browser.cookies) != planted
    assert not logged_in(TestClient(app, base_url="http://testserver", cookies=planted))


def test_logout_everywhere_ends_every_browser(app, web_as, session):
    web, user, token = web_as(Role.REGISTRAR)
    other = TestClient(app, base_url="http://testserver")
    post_login(other, user.username, PASSWORD)
    assert logged_in(other)
    page = web.get("/account").text
    assert "Where you are logged in" in page and page.count('<td dir="ltr">') == 2
    response = web.post("/account/sessions/end", data={"csrf_token": token})
    assert "You are logged out everywhere." in response.text
    assert not logged_in(web) and not logged_in(other)


def test_an_administrator_ends_a_users_sessions(web_as, session):
    web, user, _ = web_as(Role.CASE)
    admin, _, admin_token = web_as(Role.ADMINISTRATOR)
    response = admin.post(f"/admin/users/{user.id}/sessions/end", data={"csrf_token": admin_token})
    assert "Sessions ended: 1." in response.text
    assert not logged_in(web)


def test_the_api_ends_sessions_and_lifts_a_lockout(app, api_as, web_as, session):
    web, user, _ = web_as(Role.CASE)
    api, _ = api_as(Role.ADMINISTRATOR)
    assert api.delete(f"/api/v1/users/{user.id}/sessions").status_code == 204
    assert not logged_in(web)
    for _ in range(5):
        post_login(web, user.username, "not-the-password")
    assert post_login(web, user.username, PASSWORD).status_code == 429
    assert api.delete(f"/api/v1/users/{user.id}/lockout").status_code == 204
    assert post_login(web, user.username, PASSWORD).status_code == 303


def test_session_cookie_flags_when_cookies_are_secure(engine, session_factory, settings, session):
    url = engine.url.render_as_string(hide_password=False)
    app = create_app(settings.model_copy(update={"database_url": url, "secure_cookies": True}))
    app.state.engine.dispose()
    app.state.session_factory = session_factory
    user = make_user(session)
    session.commit()
    browser = TestClient(app, base_url="https://testserver")
    response = post_login(browser, user.username, PASSWORD)
    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith("sijill_session=")
    assert all(flag in cookie for flag in ("; secure", "; httponly", "; samesite=strict"))
    lang = browser.get("/lang/ar", follow_redirects=False).headers["set-cookie"].lower()
    assert all(flag in lang for flag in ("; secure", "; httponly"))


def test_a_recovery_code_logs_in_once(app, session):
    user = make_user(session, Role.ADMINISTRATOR)
    secret = access_service.new_totp_secret()
    codes = access_service.enrol_totp(session, user.id, secret, pyotp.TOTP(secret).now())
    session.commit()
    browsers = []
    for expected in (303, 401):
        browser = TestClient(app, base_url="http://testserver")
        token = csrf(browser)
        assert post_login(browser, user.username, PASSWORD, token).status_code == 303
        response = browser.post(
            "/login/totp", data={"code": codes[0], "csrf_token": token}, follow_redirects=False
        )
        assert response.status_code == expected
        browsers.append(browser)
    assert "Unused recovery codes: <strong>9</strong>" in browsers[0].get("/account").text


def test_the_admin_page_and_the_api_refuse_a_common_password(web_as, api_as, session):
    admin, _, token = web_as(Role.ADMINISTRATOR)
    office = session.scalar(select(Office.code))
    form = {"csrf_token": token, "username": "new.user", "full_name": "New", "role": "observer",
            "office_code": office, "password": "Password1234"}  # fmt: skip
    response = admin.post("/admin/users", data=form)
    assert response.status_code == 422
    assert "too common" in response.text
    api, _ = api_as(Role.ADMINISTRATOR)
    body = {k: v for k, v in form.items() if k != "csrf_token"} | {"password": "new.user-pass-1"}
    problem = api.post("/api/v1/users", json=body)
    assert problem.status_code == 422
    assert "must not contain the user name" in problem.text
