"""R-PLT-4: the calendar table is seeded from chinese-calendar, editable for later years."""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.core import holidays, services
from jiandu.core.errors import Conflict, Forbidden
from jiandu.core.models import AuditEvent, CalendarDay, CalendarYear
from jiandu.core.workdays import CalendarYearMissing


def test_seeded_calendar_knows_the_2026_national_day_make_up_saturday(db):
    cal = holidays.load_calendar()
    assert cal.is_workday(date(2026, 10, 10))
    assert cal.add_working_days(date(2026, 9, 30), 7) == date(2026, 10, 15)


def test_seeding_twice_adds_nothing(db):
    before = CalendarDay.objects.count()
    assert holidays.seed_from_chinese_calendar() == 0
    assert CalendarDay.objects.count() == before


def test_2027_is_refused_until_the_agency_enters_and_confirms_it(world):
    agency = world.agency
    with pytest.raises(CalendarYearMissing):
        holidays.load_calendar().add_working_days(date(2026, 12, 30), 5)
    with pytest.raises(Conflict) as exc:
        services.calendar_year_confirm(actor=agency, year=2027)
    assert exc.value.code == "calendar_year_empty"
    services.calendar_day_set(actor=agency, day=date(2027, 1, 1), is_workday=False, name="元旦")
    services.calendar_year_confirm(actor=agency, year=2027)
    cal = holidays.load_calendar()
    # Dec 31 2026 (Thu), then Jan 1 2027 (Fri, entered as holiday), weekend, Mon Jan 4.
    assert cal.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert AuditEvent.objects.filter(action="calendar.year_confirm").exists()
    assert CalendarYear.objects.get(year=2027).confirmed_by == agency


def test_a_unit_legal_officer_cannot_edit_the_calendar(world):
    with pytest.raises(Forbidden):
        services.calendar_day_set(actor=world.hrz_legal, day=date(2027, 1, 1), is_workday=False, name="元旦")


def test_missing_upcoming_year_warns_about_next_year(db):
    assert holidays.missing_upcoming_year(date(2026, 11, 25)) == 2027
    assert holidays.missing_upcoming_year(date(2025, 11, 25)) is None
