"""R-PLT-8: two-factor login for staff (password + TOTP), enrolment, replay and lockout."""

from __future__ import annotations

import time
from datetime import date

import pytest
from django.test import Client

from jiandu.core import services as core_services
from jiandu.core.errors import InvalidInput
from jiandu.core.models import AuditEvent
from jiandu.organization import services, totp
from jiandu.organization.models import User
from jiandu.testing.world import PASSWORD


def _enrol(user) -> str:
    secret = totp.new_secret()
    # A code from the previous time step, so the login test below can use the current one.
    services.second_factor_enrol(actor=user, secret=secret, code=totp.code_at(secret, time.time() - 30))
    return secret


def test_an_enrolled_user_needs_the_code_after_the_password(world):
    secret = _enrol(world.agency)
    c = Client()
    response = c.post("/accounts/login/", {"username": "agency", "password": PASSWORD})
    assert response["Location"] == "/accounts/login/code/"
    assert c.get("/").status_code == 302  # not logged in yet
    response = c.post("/accounts/login/code/", {"code": totp.code_at(secret, time.time())})
    assert response.status_code == 302 and response["Location"] == "/"
    assert c.get("/").status_code == 200
    assert AuditEvent.objects.filter(action="auth.login", reason="password+totp").exists()


def test_a_used_code_cannot_be_replayed(world):
    secret = _enrol(world.agency)
    code = totp.code_at(secret, time.time())
    c = Client()
    c.post("/accounts/login/", {"username": "agency", "password": PASSWORD})
    c.post("/accounts/login/code/", {"code": code})
    other = Client()
    other.post("/accounts/login/", {"username": "agency", "password": PASSWORD})
    page = other.post("/accounts/login/code/", {"code": code}).content.decode()
    assert "已使用" in page
    assert other.get("/").status_code == 302


def test_wrong_codes_count_towards_the_lockout(world):
    _enrol(world.agency)
    c = Client()
    c.post("/accounts/login/", {"username": "agency", "password": PASSWORD})
    for _ in range(5):
        c.post("/accounts/login/code/", {"code": "000000"})
    assert User.objects.get(username="agency").locked_until is not None


def test_roles_listed_in_the_parameter_must_enrol_before_logging_in(world):
    core_services.policy_set_value(actor=world.agency, key="security.two_factor_roles", value=["unit_legal_officer"],
                                   effective_from=date(2024, 1, 1), legal_reference="等保整改方案")
    c = Client()
    response = c.post("/accounts/login/", {"username": "hrz_legal", "password": PASSWORD})
    assert response["Location"] == "/accounts/second-factor/"
    page = c.get("/accounts/second-factor/").content.decode()
    assert "启用双因素认证" in page
    secret = c.session["totp_secret_pending"]
    response = c.post("/accounts/second-factor/", {"code": totp.code_at(secret, time.time())})
    assert response["Location"] == "/"
    assert User.objects.get(username="hrz_legal").has_second_factor


def test_enrolment_with_a_wrong_code_changes_nothing(world):
    with pytest.raises(InvalidInput):
        services.second_factor_enrol(actor=world.agency, secret=totp.new_secret(), code="123456")
    assert not User.objects.get(username="agency").has_second_factor


def test_an_administrator_resets_a_lost_authenticator_with_a_reason(world):
    _enrol(world.hrz_legal)
    with pytest.raises(InvalidInput):
        services.second_factor_reset(actor=world.admin, user=world.hrz_legal, reason="")
    services.second_factor_reset(actor=world.admin, user=world.hrz_legal, reason="手机丢失")
    assert not User.objects.get(username="hrz_legal").has_second_factor
    assert AuditEvent.objects.filter(action="auth.second_factor_reset", reason="手机丢失").exists()
