"""Working-day arithmetic for Chinese statutory deadlines (R-PLT-4, 行政处罚法 art. 85).

Pure: a ``WorkCalendar`` holds the years it knows and the days that differ from the Monday–Friday
default (holidays on weekdays, make-up workdays 调休 on weekends). ``jiandu.core.holidays`` builds
one from the database.

Legal reading used throughout: "within N working days of D" ends on the N-th working day *after*
D; D itself is never counted, whether or not it is a working day. (``chinese_calendar.find_workday``
counts D as step 0 when D is a workday, which is not this.)

Edge cases, all tested in ``core/tests/test_workdays.py``:
- D on a holiday or weekend: counting starts with the first working day after D.
- A make-up Saturday (e.g. 2026-10-10) counts as a working day.
- N = 0 answers D itself (a deadline "on the day").
- A date in a year the calendar does not know raises ``CalendarYearMissing`` naming the year,
  rather than guessing: a deadline must never be silently wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from jiandu.core.errors import DomainError

ONE_DAY = timedelta(days=1)


class CalendarYearMissing(DomainError):
    status = 409

    def __init__(self, year: int):
        super().__init__(
            "calendar_year_missing",
            f"工作日历缺少{year}年的节假日与调休安排，无法按工作日计算期限。"
            f"请系统管理员在“工作日历”中录入{year}年的安排后再试。",
            details={"year": year},
        )
        self.year = year


@dataclass(frozen=True)
class WorkCalendar:
    years: frozenset[int]
    exceptions: Mapping[date, bool] = field(default_factory=dict)

    @classmethod
    def build(cls, years: Iterable[int], exceptions: Mapping[date, bool]) -> WorkCalendar:
        return cls(years=frozenset(years), exceptions=dict(exceptions))

    def _check(self, d: date) -> None:
        if d.year not in self.years:
            raise CalendarYearMissing(d.year)

    def is_workday(self, d: date) -> bool:
        self._check(d)
        return self.exceptions.get(d, d.weekday() < 5)

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after ``d`` (``d`` not counted). n must be ≥ 0."""
        if n < 0:
            raise ValueError("n must be >= 0")
        current = d
        remaining = n
        while remaining:
            current += ONE_DAY
            if self.is_workday(current):
                remaining -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: the inverse of ``add_working_days`` on working days.

        Negative when ``end`` is before ``start`` (days overdue, counted the same way).
        """
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        current = start
        while current < end:
            current += ONE_DAY
            if self.is_workday(current):
                count += 1
        return count

    def next_workday(self, d: date) -> date:
        """``d`` when it is a working day, else the first working day after it."""
        while not self.is_workday(d):
            d += ONE_DAY
        return d


def add_calendar_days(d: date, n: int) -> date:
    """Periods the law counts in calendar days (e.g. 90 days of art. 60): no calendar needed.

    Kept beside the working-day functions so callers choose explicitly which reading applies.
    """
    return d + timedelta(days=n)
