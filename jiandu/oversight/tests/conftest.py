"""Fixtures of the supervision tests: the bundled working-day calendar and a social supervisor."""

from __future__ import annotations

from datetime import date

import chinese_calendar
import pytest

from jiandu.core.workdays import WorkCalendar


def bundled_calendar() -> WorkCalendar:
    exceptions = {d: False for d in chinese_calendar.holidays} | {d: True for d in chinese_calendar.workdays}
    return WorkCalendar.build(range(2004, 2027), exceptions)


@pytest.fixture(scope="session")
def cal() -> WorkCalendar:
    return bundled_calendar()


TEST_TODAY = date(2026, 6, 15)  # a Monday well inside the bundled calendar


@pytest.fixture
def fixed_today(monkeypatch):
    """Freeze ``timezone.localdate()`` for the services (deadline tests need known dates)."""

    def freeze(day: date):
        from django.utils import timezone

        monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)
        return day

    return freeze


@pytest.fixture(autouse=True)
def _known_today(request, fixed_today):
    """Service and page tests run on a fixed day, so deadlines (45 working days ahead) never leave
    the years the bundled calendar knows. Browser tests use the real date with the demo."""
    if request.node.get_closest_marker("browser") is None:
        fixed_today(TEST_TODAY)


@pytest.fixture
def shjd(world):
    """A social supervisor account (区人大代表) appointed by 区市场监管局 for 2025–2027."""
    from jiandu.organization import services as org
    from jiandu.organization.roles import Role
    from jiandu.oversight.services.supervision import supervisor_appoint

    user = org.user_create(actor=None, username="t_shjd", full_name="宋雨涵", unit=world.unit("scjg"),
                           roles=[Role.SOCIAL_SUPERVISOR], password="Test-Pass-2026!")
    supervisor_appoint(actor=world.agency, unit=world.unit("scjg"), name="宋雨涵", category="npc_deputy",
                       organisation="华容区人大代表、某公司职员", term_start=date(2025, 1, 1),
                       term_end=date(2027, 12, 31), duties="对区市场监管局行政执法活动进行社会监督", user=user,
                       phone="13800001111")
    return user
