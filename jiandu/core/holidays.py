"""The working-day calendar stored in the database, seeded from ``chinese-calendar``.

``chinese-calendar`` covers 2004–2026. Later years are entered by the agency in the calendar
page (and confirmed), never guessed.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from jiandu.core.workdays import WorkCalendar

_cache: dict[str, object] = {}


def bundled_years() -> range:
    import chinese_calendar

    last = max(chinese_calendar.holidays)
    return range(2004, last.year + 1)


@transaction.atomic
def seed_from_chinese_calendar() -> int:
    """Insert the bundled years that are missing. Idempotent; never overwrites edited years."""
    import chinese_calendar

    from jiandu.core.models import CalendarDay, CalendarYear

    known = set(CalendarYear.objects.values_list("year", flat=True))
    missing = [y for y in bundled_years() if y not in known]
    if not missing:
        return 0
    days: dict[date, CalendarDay] = {}
    for d, name in chinese_calendar.holidays.items():
        if d.year in missing:
            days[d] = CalendarDay(date=d, is_workday=False, name=_chinese_name(name))
    for d, name in chinese_calendar.workdays.items():
        if d.year in missing:
            days[d] = CalendarDay(date=d, is_workday=True, name=f"{_chinese_name(name)}调休")
    CalendarDay.objects.bulk_create(days.values(), ignore_conflicts=True)
    CalendarYear.objects.bulk_create([CalendarYear(year=y) for y in missing], ignore_conflicts=True)
    invalidate()
    return len(missing)


_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def _chinese_name(name) -> str:
    text = str(getattr(name, "value", name) or "")
    return _NAMES.get(text, text)


def load_calendar() -> WorkCalendar:
    """The current calendar. Cached per process, keyed on the table's latest change, so an edit
    made in another process is seen on the next call."""
    from django.db.models import Count, Max

    from jiandu.core.models import CalendarDay, CalendarYear

    stamp_row = CalendarYear.objects.aggregate(m=Max("updated_at"), n=Count("year"))
    day_count = CalendarDay.objects.count()
    stamp = f"{stamp_row['m']}|{stamp_row['n']}|{day_count}"
    if _cache.get("stamp") != stamp:
        years = CalendarYear.objects.values_list("year", flat=True)
        exceptions = dict(CalendarDay.objects.values_list("date", "is_workday"))
        _cache["calendar"] = WorkCalendar.build(years, exceptions)
        _cache["stamp"] = stamp
    return _cache["calendar"]  # type: ignore[return-value]


def invalidate() -> None:
    _cache.clear()


def missing_upcoming_year(today: date) -> int | None:
    """The next year when it has no calendar data yet (warned about on the admin dashboard)."""
    from jiandu.core.models import CalendarYear

    for year in (today.year, today.year + 1):
        if not CalendarYear.objects.filter(year=year).exists():
            return year
    return None
