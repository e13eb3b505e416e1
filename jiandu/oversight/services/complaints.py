"""Complaints and reports (R-SUP-1) and social supervisors' observations (R-SUP-7).

received → (accept | reject) → assign → handle → reply, each step with a working-day deadline
from a dated parameter. A step done after its deadline is marked late by the step itself, so the
record is right even when the sweep has not run.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from jiandu.core import audit, documents, notifications
from jiandu.core.errors import Conflict, Forbidden, InvalidInput
from jiandu.core.scope import require
from jiandu.core.workdays import CalendarYearMissing
from jiandu.organization.models import LegalBody, Unit
from jiandu.organization.selectors import legal_body_for_duty, users_for_duty
from jiandu.oversight.models import Complaint, ComplaintAttachment, SocialSupervisor
from jiandu.oversight.rules import deadlines, tracking, workflow
from jiandu.oversight.services._common import (
    Anonymous, agency_of, agency_staff, calendar, check_files, ensure_visible, link, require_any,
    required_text, step_date, store_files, today, working_days,
)

STATUS_LABELS = dict(Complaint.Status.choices)
SNAPSHOT = ("status", "unit", "handling_body", "accepted_on", "handle_due_on", "assigned_on", "handled_on",
            "finding", "reply_due_on", "replied_on", "accept_overdue", "handle_overdue", "reply_overdue")
_PHONE = re.compile(r"^[0-9+\-() ]{7,20}$")


def limits(unit: Unit, on: date) -> deadlines.ComplaintLimits:
    return deadlines.ComplaintLimits(
        accept=working_days("oversight.complaint.accept_working_days", on=on, unit=unit),
        handle=working_days("oversight.complaint.handle_working_days", on=on, unit=unit),
        reply=working_days("oversight.complaint.reply_working_days", on=on, unit=unit),
    )


def _validate_filing(*, kind: str, anonymous: bool, filer_name: str, filer_phone: str, title: str, content: str,
                     subject_unit: Unit | None, occurred_on: date | None, phone_required: bool = True) -> dict[str, str]:
    problems: dict[str, str] = {}
    if kind not in Complaint.Kind.values:
        problems["kind"] = "请选择投诉或举报。"
    if anonymous and kind == Complaint.Kind.COMPLAINT:
        problems["anonymous"] = "投诉涉及本人权益，须实名提出；匿名只适用于举报。"
    if not anonymous:
        if not filer_name.strip():
            problems["filer_name"] = "实名投诉举报请填写姓名。"
        if (phone_required or filer_phone.strip()) and not _PHONE.match(filer_phone.strip()):
            problems["filer_phone"] = "请填写有效的联系电话。"
    if not title.strip():
        problems["title"] = "请填写标题。"
    elif len(title.strip()) > 100:
        problems["title"] = "标题不能超过 100 个字。"
    if not content.strip():
        problems["content"] = "请写明反映的问题。"
    elif len(content) > 5000:
        problems["content"] = "反映的问题不能超过 5000 字，可作为附件上传。"
    if subject_unit is None:
        problems["subject_unit"] = "请选择被投诉举报的单位（不清楚的请选择区司法局）。"
    elif not (subject_unit.is_enforcement_unit or subject_unit.kind == Unit.Kind.AGENCY) or not subject_unit.is_active:
        problems["subject_unit"] = "所选单位不是行政执法单位。"
    if occurred_on is not None and occurred_on > today():
        problems["occurred_on"] = "发生日期不能晚于今天。"
    return problems


def _create(*, actor, channel: str, kind: str, anonymous: bool, filer_name: str, filer_phone: str,
            filer_address: str, subject_unit: Unit | None, title: str, content: str, request: str,
            occurred_on: date | None, received_on: date, files, submitted_by=None,
            supervisor: SocialSupervisor | None = None) -> tuple[Complaint, str]:
    problems = _validate_filing(kind=kind, anonymous=anonymous, filer_name=filer_name, filer_phone=filer_phone,
                                title=title, content=content, subject_unit=subject_unit, occurred_on=occurred_on,
                                phone_required=supervisor is None)
    if problems:
        raise InvalidInput(details=problems)
    checked = check_files(files or [])
    agency = agency_of(subject_unit)
    code = tracking.new_code()
    number = documents.allocate_number("投诉举报", received_on.year)
    complaint = Complaint(
        number=number, tracking_digest=tracking.digest(code), kind=kind, channel=channel, anonymous=anonymous,
        filer_name="" if anonymous else filer_name.strip(), filer_phone="" if anonymous else filer_phone.strip(),
        filer_address="" if anonymous else (filer_address or "").strip(), subject_unit=subject_unit, agency=agency,
        unit=agency, title=title.strip(), content=content.strip(), request=(request or "").strip(),
        occurred_on=occurred_on, supervisor=supervisor, submitted_by=submitted_by, received_on=received_on,
        accept_due_on=deadlines.complaint_accept_due(received_on, limits(agency, received_on), calendar()),
    )
    try:
        with transaction.atomic():
            complaint.save()
    except IntegrityError:  # 80 random bits colliding: practically never, but never silently
        raise Conflict("tracking_code_collision", "系统繁忙，请重新提交。") from None
    store_files(checked, ComplaintAttachment, complaint=complaint)
    audit.record(actor=actor, action="complaint.receive", obj=complaint, unit=agency,
                 after=audit.snapshot(complaint, ("number", "kind", "channel", "anonymous", "subject_unit", "title",
                                                  "received_on", "accept_due_on")) | {"attachments": len(checked)})
    notifications.notify(
        agency_staff(agency), title=f"新{complaint.get_kind_display()}待受理：{complaint.title}",
        body=f"{complaint.number}，请于{complaint.accept_due_on:%Y年%m月%d日}前作出是否受理的决定。",
        link=link("complaint", complaint.pk), category="oversight.complaint",
        dedupe_key=f"oversight:complaint:{complaint.pk}:received",
    )
    return complaint, code


@transaction.atomic
def complaint_submit_public(*, kind: str, anonymous: bool, filer_name: str = "", filer_phone: str = "",
                            filer_address: str = "", subject_unit: Unit | None, title: str, content: str,
                            request: str = "", occurred_on: date | None = None, files=()) -> tuple[Complaint, str]:
    """A member of the public files online (no account). Returns the complaint and its tracking
    code, shown to the filer once and never stored in clear."""
    return _create(actor=Anonymous(), channel=Complaint.Channel.ONLINE, kind=kind, anonymous=anonymous,
                   filer_name=filer_name, filer_phone=filer_phone, filer_address=filer_address,
                   subject_unit=subject_unit, title=title, content=content, request=request,
                   occurred_on=occurred_on, received_on=today(), files=files)


@transaction.atomic
def complaint_register(*, actor, channel: str, kind: str, anonymous: bool = False, filer_name: str = "",
                       filer_phone: str = "", filer_address: str = "", subject_unit: Unit | None, title: str,
                       content: str, request: str = "", occurred_on: date | None = None,
                       received_on: date | None = None, files=()) -> tuple[Complaint, str]:
    """Staff register a complaint received by phone, letter, visit or the 12345 hotline. The code
    is read back to the filer (or written on the acknowledgement)."""
    require(actor, "oversight.manage", unit=subject_unit)
    staff_channels = {Complaint.Channel.PHONE, Complaint.Channel.LETTER, Complaint.Channel.VISIT, Complaint.Channel.HOTLINE}
    if channel not in staff_channels:
        raise InvalidInput(details={"channel": "请选择电话、来信、来访或 12345 热线。"})
    day = step_date(received_on, not_before=None, label="收到日期", field="received_on")
    return _create(actor=actor, channel=channel, kind=kind, anonymous=anonymous, filer_name=filer_name,
                   filer_phone=filer_phone, filer_address=filer_address, subject_unit=subject_unit, title=title,
                   content=content, request=request, occurred_on=occurred_on, received_on=day, files=files,
                   submitted_by=actor)


@transaction.atomic
def observation_submit(*, actor, title: str, content: str, unit: Unit | None = None,
                       occurred_on: date | None = None, files=()) -> tuple[Complaint, str]:
    """A social supervisor's observation on a unit they serve: it enters the complaint flow as a
    report from the channel 社会监督员反映 (R-SUP-7)."""
    require(actor, "oversight.observe")
    day = today()
    serving = [s for s in SocialSupervisor.objects.filter(user=actor).select_related("unit") if s.serving_on(day)]
    if not serving:
        raise Forbidden("您当前不在社会监督员聘期内，无法提交监督意见。")
    appointment = next((s for s in serving if unit is None or s.unit_id == unit.pk), None)
    if appointment is None:
        raise InvalidInput(details={"unit": "只能对聘请您担任社会监督员的单位提出监督意见。"})
    return _create(actor=actor, channel=Complaint.Channel.SUPERVISOR, kind=Complaint.Kind.REPORT, anonymous=False,
                   filer_name=appointment.name, filer_phone=appointment.phone or "",
                   filer_address="", subject_unit=appointment.unit, title=title, content=content, request="",
                   occurred_on=occurred_on, received_on=day, files=files, submitted_by=actor,
                   supervisor=appointment)


def due_or_undated(compute, start: date, agency: Unit) -> date | None:
    """A handling or reply deadline counted in working days from ``start``; ``None`` when it runs
    into a year whose holidays are not entered yet (decision 0004). The step is not refused for
    that: the daily sweep dates it once the year is confirmed on the 工作日历 page."""
    try:
        return compute(start, limits(agency, start), calendar())
    except CalendarYearMissing:
        return None


def _move(complaint: Complaint, action: str, actor, label: str) -> str:
    ensure_visible(complaint, actor)
    new_state, permissions = workflow.move(workflow.COMPLAINT, complaint.status, action, labels=STATUS_LABELS,
                                           action_label=label)
    require_any(actor, permissions, unit=complaint.unit)
    return new_state


def _lock(complaint: Complaint) -> Complaint:
    # Re-read under a row lock: two officers acting on the same complaint cannot both succeed.
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


@transaction.atomic
def complaint_accept(*, complaint: Complaint, actor, note: str = "", on: date | None = None) -> Complaint:
    complaint = _lock(complaint)
    new_state = _move(complaint, "accept", actor, "受理")
    before = audit.snapshot(complaint, SNAPSHOT)
    day = step_date(on, not_before=complaint.received_on, label="受理日期")
    complaint.status = new_state
    complaint.accepted_on = day
    complaint.decision_note = (note or "").strip()
    complaint.accept_overdue = complaint.accept_overdue or deadlines.done_late(complaint.accept_due_on, day)
    complaint.handle_due_on = due_or_undated(deadlines.complaint_handle_due, day, complaint.agency)
    complaint.save()
    audit.record(actor=actor, action="complaint.accept", obj=complaint, before=before,
                 after=audit.snapshot(complaint, SNAPSHOT), reason=complaint.decision_note,
                 legal_basis="《市场监督管理投诉举报处理暂行办法》第十四条")
    return complaint


@transaction.atomic
def complaint_reject(*, complaint: Complaint, actor, reason: str, on: date | None = None) -> Complaint:
    """不予受理: the reason is what the filer reads with the code."""
    complaint = _lock(complaint)
    new_state = _move(complaint, "reject", actor, "不予受理")
    reason = required_text(reason, field="reason", label="不予受理的理由", max_length=2000)
    before = audit.snapshot(complaint, SNAPSHOT)
    day = step_date(on, not_before=complaint.received_on, label="决定日期")
    complaint.status = new_state
    complaint.decision_note = reason
    complaint.replied_on = day
    complaint.accept_overdue = complaint.accept_overdue or deadlines.done_late(complaint.accept_due_on, day)
    complaint.save()
    audit.record(actor=actor, action="complaint.reject", obj=complaint, before=before,
                 after=audit.snapshot(complaint, SNAPSHOT), reason=reason,
                 legal_basis="《市场监督管理投诉举报处理暂行办法》第十四条")
    return complaint


@transaction.atomic
def complaint_assign(*, complaint: Complaint, actor, unit: Unit, on: date | None = None) -> Complaint:
    """Assign to a unit: the matter goes to the legal body holding the complaint-handling duty for
    that unit (its own, or the nearest above it, R-ORG-4), whose staff are notified."""
    complaint = _lock(complaint)
    new_state = _move(complaint, "assign", actor, "交办")
    require(actor, "oversight.manage", unit=unit)
    if not (unit.is_enforcement_unit or unit.kind == Unit.Kind.AGENCY):
        raise InvalidInput(details={"unit": "只能交办给行政执法单位或监督机构。"})
    body = legal_body_for_duty(unit, LegalBody.Duty.COMPLAINT_HANDLING)
    if body is None:
        raise Conflict("no_complaint_body",
                       f"{unit.name}及其上级均未设置承担“受理涉行政执法投诉举报”职责的法制机构，请先在机构设置中登记。")
    before = audit.snapshot(complaint, SNAPSHOT)
    day = step_date(on, not_before=complaint.accepted_on, label="交办日期")
    complaint.status = new_state
    complaint.assigned_on = day
    complaint.unit = body.unit
    complaint.handling_body = body
    complaint.save()
    routed = "" if body.unit_id == unit.pk else f"（{unit.name}未承担投诉举报受理职责，由{body.name}办理）"
    audit.record(actor=actor, action="complaint.assign", obj=complaint, unit=body.unit, before=before,
                 after=audit.snapshot(complaint, SNAPSHOT), reason=f"交办{unit.name}{routed}")
    notifications.notify(
        users_for_duty(unit, LegalBody.Duty.COMPLAINT_HANDLING),
        title=f"交办{complaint.get_kind_display()}：{complaint.title}",
        body=f"{complaint.number}，请于{complaint.handle_due_on:%Y年%m月%d日}前办结。{routed}",
        link=link("complaint", complaint.pk), category="oversight.complaint",
        dedupe_key=f"oversight:complaint:{complaint.pk}:assigned:{body.pk}",
    )
    return complaint


@transaction.atomic
def complaint_handle(*, complaint: Complaint, actor, finding: str, result: str, on: date | None = None) -> Complaint:
    """The handling body records its finding and what it did; the reply clock starts."""
    complaint = _lock(complaint)
    new_state = _move(complaint, "handle", actor, "办结")
    if finding not in Complaint.Finding.values:
        raise InvalidInput(details={"finding": "请选择核查结论。"})
    result = required_text(result, field="result", label="办理情况", max_length=5000)
    before = audit.snapshot(complaint, SNAPSHOT)
    day = step_date(on, not_before=complaint.assigned_on, label="办结日期")
    complaint.status = new_state
    complaint.handled_on = day
    complaint.finding = finding
    complaint.handling_result = result
    complaint.handle_overdue = complaint.handle_overdue or deadlines.done_late(complaint.handle_due_on, day)
    complaint.reply_due_on = due_or_undated(deadlines.complaint_reply_due, day, complaint.agency)
    complaint.save()
    audit.record(actor=actor, action="complaint.handle", obj=complaint, before=before,
                 after=audit.snapshot(complaint, SNAPSHOT), reason=result)
    if finding != Complaint.Finding.UNSUBSTANTIATED:
        notifications.notify(
            agency_staff(complaint.agency), title=f"投诉举报反映问题{complaint.get_finding_display()}：{complaint.title}",
            body=f"{complaint.number}，可视情况制发行政执法监督意见书或列入整改台账。",
            link=link("complaint", complaint.pk), category="oversight.complaint",
            dedupe_key=f"oversight:complaint:{complaint.pk}:substantiated",
        )
    return complaint


@transaction.atomic
def complaint_reply(*, complaint: Complaint, actor, reply: str, on: date | None = None) -> Complaint:
    """The reply the filer reads with the tracking code (R-SUP-1)."""
    complaint = _lock(complaint)
    new_state = _move(complaint, "reply", actor, "反馈")
    reply = required_text(reply, field="reply", label="答复意见", max_length=5000)
    before = audit.snapshot(complaint, SNAPSHOT)
    day = step_date(on, not_before=complaint.handled_on, label="反馈日期")
    complaint.status = new_state
    complaint.reply = reply
    complaint.replied_on = day
    complaint.reply_overdue = complaint.reply_overdue or deadlines.done_late(complaint.reply_due_on, day)
    complaint.save()
    audit.record(actor=actor, action="complaint.reply", obj=complaint, before=before,
                 after=audit.snapshot(complaint, SNAPSHOT), reason=reply,
                 legal_basis="《市场监督管理投诉举报处理暂行办法》第三十一条")
    return complaint


def complaint_by_code(code: str) -> Complaint | None:
    """The complaint whose tracking code this is, or ``None`` — the only answer a wrong code gets."""
    digest = tracking.digest(code)
    if digest is None:
        return None
    return Complaint.objects.select_related("subject_unit", "unit", "handling_body").filter(tracking_digest=digest).first()


def public_view(complaint: Complaint) -> dict[str, Any]:
    """What the code holder may read: the progress and the answer, nothing about other people and
    nothing of the internal handling notes."""
    steps = [("收到", complaint.received_on)]
    if complaint.status == Complaint.Status.REJECTED:
        steps.append(("不予受理", complaint.replied_on))
    else:
        steps += [("受理", complaint.accepted_on), ("交办", complaint.assigned_on), ("办结", complaint.handled_on),
                  ("反馈", complaint.replied_on)]
    return {
        "number": complaint.number,
        "kind": complaint.get_kind_display(),
        "channel": complaint.get_channel_display(),
        "title": complaint.title,
        "subject_unit": complaint.subject_unit.name if complaint.subject_unit_id else "",
        "received_on": complaint.received_on,
        "status": complaint.status,
        "status_label": complaint.get_status_display(),
        "steps": steps,
        "due_on": complaint.current_due_on,
        "finding": complaint.get_finding_display() if complaint.status == Complaint.Status.REPLIED else "",
        "reply": complaint.reply if complaint.status == Complaint.Status.REPLIED else "",
        "replied_on": complaint.replied_on,
        "rejection_reason": complaint.decision_note if complaint.status == Complaint.Status.REJECTED else "",
    }
