"""Training plans, sessions and attendance hours (R-PER-9), with the all-or-nothing Excel
import of attendance. Recording hours of a suspended officer may return their certificate."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from jiandu.core import audit
from jiandu.core.errors import Conflict, DomainError, InvalidInput
from jiandu.core.scope import require, visible
from jiandu.organization.models import Unit
from jiandu.personnel import rules
from jiandu.personnel.models import Officer, Suspension, TrainingAttendance, TrainingPlan, TrainingSession
from jiandu.personnel.services._common import decimal_param, raise_if, to_decimal, today
from jiandu.personnel.services.certificates import try_return

PLAN_FIELDS = ("unit", "year", "title", "planned_sessions", "target_hours")
SESSION_FIELDS = ("unit", "plan", "title", "method", "held_on", "hours", "is_centralized", "location", "lecturer")


def training_target(unit: Unit | None, year: int, *, on: date | None = None) -> Decimal:
    """The yearly per-person target of ``year``: the value in force at the end of that year, or
    today while the year runs (so the running year shows the figure that applies now)."""
    on = on or today()
    day = min(date(year, 12, 31), max(on, date(year, 1, 1)))
    return decimal_param("personnel.training.min_hours", on=day, unit=unit)


@transaction.atomic
def training_plan_save(
    *, actor, unit: Unit, year: int, title: str, content: str = "", planned_sessions: int = 0,
    target_hours=None,
) -> TrainingPlan:
    """Create or update the unit's training plan for ``year`` (one per unit and year). The target
    defaults to the yearly minimum of the policy and may not be below it."""
    require(actor, "personnel.training", unit=unit)
    now = today()
    errors: dict[str, str] = {}
    if not isinstance(year, int) or year < 2000 or year > now.year + 1:
        errors["year"] = f"计划年度应在2000年至{now.year + 1}年之间。"
    if not (title or "").strip():
        errors["title"] = "请填写计划名称。"
    if not isinstance(planned_sessions, int) or planned_sessions < 0 or planned_sessions > 500:
        errors["planned_sessions"] = "计划场次应为0至500之间的整数。"
    raise_if(errors)
    minimum = training_target(unit, year)
    target = minimum
    if target_hours not in (None, ""):
        target, more = to_decimal(target_hours, "target_hours", "人均学时目标", minimum=0, maximum=2000)
        raise_if(more)
        if target < minimum:
            raise InvalidInput(details={"target_hours": f"人均学时目标不能低于全区最低要求{rules.format_hours(minimum)}学时。"})
    plan = TrainingPlan.objects.select_for_update().filter(unit=unit, year=year).first()
    before = audit.snapshot(plan, PLAN_FIELDS) if plan else None
    if plan is None:
        plan = TrainingPlan(unit=unit, year=year, created_by=actor)
    plan.title, plan.content, plan.planned_sessions, plan.target_hours = title.strip(), (content or "").strip(), planned_sessions, target
    plan.save()
    audit.record(actor=actor, action="training.plan_save", obj=plan, unit=unit, before=before,
                 after=audit.snapshot(plan, PLAN_FIELDS))
    return plan


@transaction.atomic
def training_session_create(
    *, actor, unit: Unit, title: str, method: str, held_on: date, hours, is_centralized: bool = True,
    location: str = "", lecturer: str = "", plan: TrainingPlan | None = None,
) -> TrainingSession:
    require(actor, "personnel.training", unit=unit)
    errors: dict[str, str] = {}
    if not (title or "").strip():
        errors["title"] = "请填写培训名称。"
    if method not in TrainingSession.Method.values:
        errors["method"] = "请选择培训方式：学法条原文、专家讲座、以案说法、庭审旁听、学法考试或其他。"
    if held_on is None:
        errors["held_on"] = "请填写培训日期。"
    value, more = to_decimal(hours, "hours", "学时", minimum=0, maximum=24)
    errors.update(more)
    if plan is not None and held_on is not None and (plan.unit_id != unit.pk or plan.year != held_on.year):
        errors["plan"] = "所属培训计划须为本单位当年度的计划。"
    raise_if(errors)
    # A session belongs to its unit's plan of that year when there is one (plan vs. held, per unit).
    plan = plan or TrainingPlan.objects.filter(unit=unit, year=held_on.year).first()
    session = TrainingSession.objects.create(
        unit=unit, plan=plan, title=title.strip(), method=method, held_on=held_on, hours=value,
        is_centralized=is_centralized, location=(location or "").strip(), lecturer=(lecturer or "").strip(),
        created_by=actor,
    )
    audit.record(actor=actor, action="training.session_create", obj=session, unit=unit,
                 after=audit.snapshot(session, SESSION_FIELDS))
    return session


@dataclass(frozen=True)
class AttendanceEntry:
    officer: Officer
    hours: Decimal | None = None  # None: the session's hours
    row: int | None = None  # row number when imported


def _entry_errors(session: TrainingSession, entries: list[AttendanceEntry], actor) -> list[dict]:
    errors: list[dict] = []
    seen: set[int] = set()
    existing = set(session.attendances.values_list("officer_id", flat=True))
    for i, entry in enumerate(entries, start=1):
        where = {"row": entry.row or i}
        officer = entry.officer
        try:
            require(actor, "personnel.training", unit=officer.unit)
        except DomainError:  # outside the actor's units: reported like an unknown person
            errors.append({**where, "field": "officer", "message": "未找到该人员（或不在您的管理范围内）。"})
            continue
        if officer.pk in seen:
            errors.append({**where, "field": "officer", "message": f"{officer.name}在本批次中重复出现。"})
        elif officer.pk in existing:
            errors.append({**where, "field": "officer", "message": f"{officer.name}已登记过本场培训的学时。"})
        seen.add(officer.pk)
        if officer.status == Officer.Status.LEFT and officer.left_on and officer.left_on < session.held_on:
            errors.append({**where, "field": "officer", "message": f"{officer.name}已于{officer.left_on:%Y-%m-%d}离职。"})
        if entry.hours is not None:
            value, more = to_decimal(entry.hours, "hours", "学时", minimum=0, maximum=session.hours)
            if more:
                errors.append({**where, "field": "hours", "message": f"学时应大于0且不超过本场培训的{rules.format_hours(session.hours)}学时。"})
    return errors


@transaction.atomic
def training_attendance_record(*, actor, session: TrainingSession, entries: list[AttendanceEntry]) -> list[TrainingAttendance]:
    """Record hours for a batch of people (officers and auxiliary staff alike). All or nothing:
    any bad entry refuses the whole batch with one message per entry. Suspended officers whose
    return conditions become met get their certificate back (R-PER-6)."""
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    require(actor, "personnel.training", unit=session.unit)
    if session.held_on > today():
        raise Conflict("session_not_held", "培训尚未举行，不能登记学时。")
    if not entries:
        raise InvalidInput(details={"officers": "请至少选择一名参训人员。"})
    errors = _entry_errors(session, entries, actor)
    if errors:
        raise InvalidInput(f"共有{len(errors)}处错误，本批学时均未登记，请修改后重新提交。", details=errors)
    rows = TrainingAttendance.objects.bulk_create([
        TrainingAttendance(session=session, officer=e.officer, recorded_by=actor,
                           hours=Decimal(str(e.hours)).quantize(Decimal("0.1")) if e.hours is not None else session.hours)
        for e in entries
    ])
    audit.record(actor=actor, action="training.attendance_record", obj=session, unit=session.unit,
                 after={"attendances": [{"officer": r.officer_id, "hours": r.hours} for r in rows]})
    suspended = Suspension.objects.filter(officer__in=[e.officer for e in entries], status=Suspension.Status.ACTIVE)
    for suspension in suspended.select_related("officer", "officer__unit"):
        try_return(officer=suspension.officer, actor=actor)
    return rows


# --- Excel import -----------------------------------------------------------------------------------

IMPORT_HEADERS = ("身份证号", "姓名", "学时")


def parse_attendance_workbook(content: bytes) -> list[tuple[int, str, str, str]]:
    """Rows ``(row number, ID number, name, hours)`` of the first sheet; the header row names the
    columns 身份证号、姓名、学时 (学时 may be left empty for the session's hours)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # not an xlsx file at all
        raise InvalidInput("文件无法读取：请上传 Excel（.xlsx）文件。", details=[{"row": None, "field": "file",
                                                                      "message": "不是有效的 .xlsx 文件。"}]) from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(rows, ())]
    missing = [h for h in IMPORT_HEADERS[:2] if h not in header]
    if missing:
        raise InvalidInput("表头不符合模板。", details=[{"row": 1, "field": "表头",
                                                      "message": f"缺少列：{'、'.join(missing)}（模板列为 身份证号、姓名、学时）。"}])
    idx = {h: header.index(h) for h in IMPORT_HEADERS if h in header}
    result = []
    for number, row in enumerate(rows, start=2):
        cells = ["" if c is None else str(c).strip() for c in row]
        if not any(cells):
            continue
        get = lambda h: cells[idx[h]] if h in idx and idx[h] < len(cells) else ""  # noqa: E731
        result.append((number, get("身份证号"), get("姓名"), get("学时")))
    workbook.close()
    return result


@transaction.atomic
def training_attendance_import(*, actor, session: TrainingSession, content: bytes, progress=None) -> dict:
    """Import attendance from an Excel file: validated as a whole, imported only when every row is
    right, otherwise refused with a row-level report (R-PER-9, R-CAS-10 style)."""
    session = TrainingSession.objects.select_related("unit").get(pk=session.pk)
    require(actor, "personnel.training", unit=session.unit)
    rows = parse_attendance_workbook(content)
    if not rows:
        raise InvalidInput("文件中没有数据行。", details=[{"row": None, "field": "file", "message": "没有数据行。"}])
    if progress:
        progress.update(0, len(rows), stage="校验")
    numbers = [rules.normalize_id_number(r[1]) for r in rows]
    officers = {o.id_number: o for o in visible(Officer.objects.select_related("unit"), actor).filter(id_number__in=numbers)}
    errors: list[dict] = []
    entries: list[AttendanceEntry] = []
    for (row, raw_id, name, hours), number in zip(rows, numbers, strict=True):
        officer = officers.get(number)
        if not number:
            errors.append({"row": row, "field": "身份证号", "message": "身份证号为空。"})
        elif officer is None:
            errors.append({"row": row, "field": "身份证号", "message": f"未找到身份证号为 {raw_id} 的人员（或不在您的管理范围内）。"})
        elif name and name != officer.name:
            errors.append({"row": row, "field": "姓名", "message": f"姓名“{name}”与登记的“{officer.name}”不一致。"})
        else:
            entries.append(AttendanceEntry(officer=officer, hours=hours or None, row=row))
    if entries:
        errors.extend({**e, "field": {"officer": "身份证号", "hours": "学时"}.get(e["field"], e["field"])}
                      for e in _entry_errors(session, entries, actor))
    if errors:
        raise InvalidInput(f"导入失败：共{len(errors)}处错误，整批未导入。请按错误报告修改后重新上传。",
                           details=sorted(errors, key=lambda e: (e["row"] or 0)))
    if progress:
        progress.update(len(rows), len(rows), stage="导入")
    created = training_attendance_record(actor=actor, session=session, entries=entries)
    return {"created": len(created), "summary": f"已导入{len(created)}人的培训学时。"}

