"""Logging in through the pages: CSRF, the second factor, forced enrolment, language."""

from __future__ import annotations

import re

import pyotp
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from factories.access import PASSWORD, give_totp, make_user
from factories.db import row_counts
from sijill.access.models import User
from sijill.access.permissions import Role
from sijill.audit.models import AuditEntry

pytestmark = pytest.mark.integration


@pytest.fixture
def browser(app) -> TestClient:
    return TestClient(app, base_url="http://testserver")


def csrf(browser: TestClient, path: str = "/login") -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', browser.get(path).text)
    assert match
    return match.group(1)


def post_login(browser, user, token, password=PASSWORD, **extra):
    data = {"username": user.username, "password": password, "csrf_token": token, **extra}
    return browser.post("/login", data=data, follow_redirects=False)


def logged_in(browser: TestClient) -> bool:
    response = browser.get("/account", follow_redirects=False)
    return response.status_code == 200


def test_pages_redirect_to_login_with_the_target(browser):
    response = browser.get("/people?q=Ali", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/people%3Fq%3DAli"


def test_login_and_logout(browser, session):
    user = make_user(session)
    session.commit()
    token = csrf(browser)
    response = post_login(browser, user, token, next="/people")
    assert (response.status_code, response.headers["location"]) == (303, "/people")
    assert logged_in(browser)
    new_token = csrf(browser, "/account")
    assert new_token != token  # a new session on login
    assert browser.post("/logout", data={"csrf_token": new_token}).status_code == 200
    assert not logged_in(browser)


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "people"])
def test_next_never_leaves_the_site(browser, session, target):
    user = make_user(session)
    session.commit()
    response = post_login(browser, user, csrf(browser), next=target)
    assert response.headers["location"] == "/"


@pytest.mark.parametrize("forged", [None, "", "not-the-token"])
def test_login_without_the_right_csrf_token_is_refused_and_writes_nothing(browser, session, forged):
    user = make_user(session)
    session.commit()
    csrf(browser)  # the session has a token; the form does not send it
    before = row_counts(session)
    data = {"username": user.username, "password": PASSWORD}
    if forged is not None:
        data["csrf_token"] = forged
    response = browser.post("/login", data=data, follow_redirects=False)
    assert response.status_code == 400
    assert "This form has expired" in response.text
    assert not logged_in(browser)
    assert row_counts(session) == before


def test_a_token_from_another_session_is_refused(browser, app, session):
    user = make_user(session)
    session.commit()
    other = TestClient(app, base_url="http://testserver")
    response = post_login(browser, user, csrf(other))
    assert response.status_code == 400


def test_wrong_password_shows_one_message_and_keeps_the_name(browser, session):
    user = make_user(session)
    session.commit()
    response = post_login(browser, user, csrf(browser), password="wrong-password!")
    assert response.status_code == 401
    assert "Unknown user name or wrong password." in response.text
    assert f'value="{user.username}"' in response.text
    assert not logged_in(browser)


def test_second_factor_login_flow(browser, session):
    user = make_user(session, Role.SUPERVISOR)
    totp = give_totp(session, user)
    session.commit()
    token = csrf(browser)
    response = post_login(browser, user, token, next="/people")
    assert response.headers["location"] == "/login/totp"
    assert not logged_in(browser)  # the password alone is not enough
    wrong = f"{(int(totp.now()) + 1) % 1_000_000:06d}"
    response = browser.post("/login/totp", data={"code": wrong, "csrf_token": token})
    assert response.status_code == 401
    assert "The code is wrong or has expired." in response.text
    assert not logged_in(browser)
    response = browser.post(
        "/login/totp", data={"code": totp.now(), "csrf_token": token}, follow_redirects=False
    )
    assert (response.status_code, response.headers["location"]) == (303, "/people")
    assert logged_in(browser)
    tags = session.scalars(select(AuditEntry.tag).where(AuditEntry.actor_id == user.id)).all()
    assert tags == ["access:session:login"]


def test_totp_page_without_a_pending_login_goes_back_to_login(browser):
    assert browser.get("/login/totp", follow_redirects=False).headers["location"] == "/login"


def test_administrator_must_enrol_a_second_factor(browser, session):
    admin = make_user(session, Role.ADMINISTRATOR)
    session.commit()
    token = csrf(browser)
    response = post_login(browser, admin, token)
    assert response.headers["location"] == "/login/enrol"
    assert not logged_in(browser)
    assert browser.get("/admin", follow_redirects=False).status_code == 303
    page = browser.get("/login/enrol")
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page.text).group(1)
    assert "data:image/svg+xml;base64," in page.text
    response = browser.post("/login/enrol", data={"code": "000000x", "csrf_token": token})
    assert response.status_code == 422
    assert "The code does not match" in response.text
    session.expire_all()
    assert session.get(User, admin.id).totp_secret is None
    code = pyotp.TOTP(secret).now()
    response = browser.post(
        "/login/enrol", data={"code": code, "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([0-9A-F-]{23})</code></li>", response.text)
    assert len(set(codes)) == 10  # the recovery codes, shown once
    assert 'href="/"' in response.text
    assert browser.get("/admin").status_code == 200
    session.expire_all()
    assert session.get(User, admin.id).totp_secret == secret


def test_enrolled_administrator_logs_in_with_the_code(web_as):
    web, _admin, _csrf = web_as(Role.ADMINISTRATOR)
    assert web.get("/admin").status_code == 200


def test_a_deactivated_user_is_logged_out(web_as, session):
    web, user, _ = web_as(Role.REGISTRAR)
    user.active = False
    session.commit()
    response = web.get("/people", follow_redirects=False)
    assert response.headers["location"].startswith("/login")


def test_language_switch_to_arabic_sets_lang_and_direction(browser):
    assert '<html lang="en" dir="ltr">' in browser.get("/login").text
    response = browser.get("/lang/ar?next=/login", follow_redirects=False)
    assert response.headers["location"] == "/login"
    assert "lang=ar" in response.headers["set-cookie"]
    assert '<html lang="ar" dir="rtl">' in browser.get("/login").text
    browser.get("/lang/en")
    assert '<html lang="en" dir="ltr">' in browser.get("/login").text


def test_unknown_language_is_ignored_and_accept_language_is_used(app):
    browser = TestClient(app, base_url="http://testserver")
    browser.get("/lang/xx")
    assert "lang" not in browser.cookies
    page = browser.get("/login", headers={"accept-language": "ar-SY,ar;q=0.9,en;q=0.5"})
    assert '<html lang="ar" dir="rtl">' in page.text


def test_security_headers_on_every_page(browser):
    headers = browser.get("/login").headers
    assert headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
