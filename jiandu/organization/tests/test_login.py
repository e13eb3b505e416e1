"""R-PLT-8: Chinese login page, lockout after repeated failures, idle session timeout."""

from __future__ import annotations

import time

from django.test import Client, override_settings

from jiandu.core.models import AuditEvent
from jiandu.organization.models import User
from jiandu.testing.world import PASSWORD


def test_login_page_is_chinese(db):
    page = Client().get("/accounts/login/").content.decode()
    assert "用户登录" in page and "用户名" in page and "密码" in page


def test_dashboard_requires_login(db):
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_correct_password_logs_in_and_is_audited(world):
    c = Client()
    response = c.post("/accounts/login/", {"username": "agency", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert c.get("/").status_code == 200
    assert AuditEvent.objects.filter(action="auth.login", actor=world.agency).exists()


def test_five_failures_lock_the_account_even_for_the_right_password(world):
    c = Client()
    for i in range(4):
        page = c.post("/accounts/login/", {"username": "hrz_legal", "password": "wrong"}).content.decode()
        assert f"再失败{4 - i}次" in page
    page = c.post("/accounts/login/", {"username": "hrz_legal", "password": "wrong"}).content.decode()
    assert "账号已锁定30分钟" in page
    page = c.post("/accounts/login/", {"username": "hrz_legal", "password": PASSWORD}).content.decode()
    assert "已被锁定" in page
    assert User.objects.get(username="hrz_legal").locked_until is not None
    assert AuditEvent.objects.filter(action="auth.lock").exists()


def test_unknown_user_gets_the_same_message_as_a_wrong_password(world):
    page = Client().post("/accounts/login/", {"username": "no-such-user", "password": "x"}).content.decode()
    assert "用户名或密码错误" in page


def test_a_successful_login_resets_the_failure_count(world):
    c = Client()
    c.post("/accounts/login/", {"username": "gdz_legal", "password": "wrong"})
    c.post("/accounts/login/", {"username": "gdz_legal", "password": PASSWORD})
    assert User.objects.get(username="gdz_legal").failed_login_count == 0


def test_open_redirect_after_login_is_refused(world):
    response = Client().post("/accounts/login/", {"username": "agency", "password": PASSWORD,
                                                  "next": "https://evil.example/"})
    assert response["Location"] == "/"


@override_settings(SESSION_IDLE_TIMEOUT_SECONDS=1)
def test_an_idle_session_is_logged_out(world):
    c = Client()
    c.force_login(world.agency)
    assert c.get("/").status_code == 200
    session = c.session
    session["last_seen"] = int(time.time()) - 10
    session.save()
    response = c.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert c.get("/").status_code == 302


def test_weak_passwords_are_refused_with_a_chinese_reason(world):
    import pytest

    from jiandu.core.errors import InvalidInput
    from jiandu.organization import services

    with pytest.raises(InvalidInput) as exc:
        services.user_create(actor=world.agency, username="weak", full_name="弱密码", unit=world.unit("hrz"),
                             roles=["unit_legal_officer"], password="abcdefghij")
    assert any("三类" in m for m in exc.value.details["password"])
    assert not User.objects.filter(username="weak").exists()
