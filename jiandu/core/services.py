"""State changes of the shared mechanisms: policy values and the working-day calendar."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from jiandu.core import audit, holidays
from jiandu.core.errors import Conflict, InvalidInput
from jiandu.core.models import CalendarDay, CalendarYear, PolicyParameter
from jiandu.core.scope import require


def _same_kind(new: Any, old: Any) -> bool:
    if isinstance(old, bool) or isinstance(new, bool):
        return isinstance(old, bool) and isinstance(new, bool)
    if isinstance(old, (int, float)):
        return isinstance(new, (int, float))
    return type(new) is type(old)


@transaction.atomic
def policy_set_value(
    *, actor, key: str, value: Any, effective_from: date, legal_reference: str, jurisdiction=None, note: str = ""
) -> PolicyParameter:
    """Add a dated value of an existing parameter (R-PLT-3). Values are never edited in place:
    the old value stays in force for the dates before ``effective_from``."""
    require(actor, "policy.manage", unit=jurisdiction, area="organization")
    current = PolicyParameter.objects.filter(key=key).order_by("-effective_from").first()
    if current is None:
        raise InvalidInput(details={"key": f"没有名为“{key}”的政策参数。"})
    if not _same_kind(value, current.value):
        raise InvalidInput(details={"value": f"取值类型应与现行取值一致（现行取值：{current.value}）。"})
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
        raise InvalidInput(details={"value": "取值不能为负数。"})
    if not legal_reference.strip():
        raise InvalidInput(details={"legal_reference": "请填写该取值的依据（文件名称及条款）。"})
    if PolicyParameter.objects.filter(key=key, jurisdiction=jurisdiction, effective_from=effective_from).exists():
        raise Conflict("policy_date_taken", "该参数在同一辖区同一生效日期已有取值，请选择其他生效日期。")
    param = PolicyParameter.objects.create(
        key=key, jurisdiction=jurisdiction, effective_from=effective_from, value=value, label=current.label,
        legal_reference=legal_reference.strip(), note=note, created_by=actor,
    )
    audit.record(actor=actor, action="policy.set", obj=param, unit=jurisdiction,
                 after=audit.snapshot(param, ("key", "jurisdiction", "effective_from", "value", "legal_reference")),
                 legal_basis=param.legal_reference)
    return param


@transaction.atomic
def calendar_day_set(*, actor, day: date, is_workday: bool, name: str) -> CalendarDay:
    """Record a holiday or make-up workday, typically for a year ``chinese-calendar`` lacks."""
    require(actor, "calendar.manage")
    if not name.strip():
        raise InvalidInput(details={"name": "请填写节日或调休名称，如“春节”“国庆节调休”。"})
    before = CalendarDay.objects.filter(date=day).first()
    snapshot_before = audit.snapshot(before) if before else None
    obj, _ = CalendarDay.objects.update_or_create(date=day, defaults={"is_workday": is_workday, "name": name.strip()})
    if CalendarYear.objects.filter(year=day.year).exists():
        # updated_at is part of the cache stamp of holidays.load_calendar().
        CalendarYear.objects.filter(year=day.year).update(source="manual", updated_at=timezone.now())
    holidays.invalidate()
    audit.record(actor=actor, action="calendar.day_set", obj=obj, object_id=day.isoformat(),
                 before=snapshot_before, after=audit.snapshot(obj))
    return obj


@transaction.atomic
def calendar_year_confirm(*, actor, year: int) -> CalendarYear:
    """Declare a year's holidays complete, after which deadlines in that year can be computed.

    Refused when no holiday of the year has been entered: an empty year would silently treat
    every weekday as a working day.
    """
    require(actor, "calendar.manage")
    if CalendarYear.objects.filter(year=year).exists():
        raise Conflict("calendar_year_exists", f"{year}年的工作日历已确认。")
    if not CalendarDay.objects.filter(date__year=year, is_workday=False).exists():
        raise Conflict("calendar_year_empty", f"尚未录入{year}年的任何法定节假日，请先按国务院办公厅通知录入后再确认。")
    obj = CalendarYear.objects.create(year=year, source="manual", confirmed_by=actor)
    holidays.invalidate()
    audit.record(actor=actor, action="calendar.year_confirm", obj=obj, object_id=year, after={"year": year})
    return obj
