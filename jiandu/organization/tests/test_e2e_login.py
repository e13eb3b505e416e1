"""Browser: the Chinese login page and the agency's dashboard (issue #2 point 1)."""

from __future__ import annotations

import pytest

from jiandu.testing.browser import login, shot

pytestmark = pytest.mark.browser


def test_agency_logs_in_and_sees_the_dashboard(page, demo):
    page.goto(f"{page.base_url}/")
    assert "/accounts/login/" in page.url
    assert page.locator("h1").inner_text() == "用户登录"
    shot(page, "login")
    page.fill("#id_username", "jd_agency")
    page.fill("#id_password", "wrong-password")
    page.click("button[type=submit]")
    assert "用户名或密码错误" in page.locator("[data-testid=login-error]").inner_text()
    login(page, "jd_agency", demo)
    assert page.locator("[data-testid=dashboard]").is_visible()
    assert "工作台" in page.locator(".jd-page-title").inner_text()
    shot(page, "dashboard-agency")
