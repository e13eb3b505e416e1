"""Opinion letters (R-SUP-2): issued to a unit as a numbered .docx, replied to by a deadline,
followed up until the agency closes them."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from jiandu.core import audit, documents, notifications
from jiandu.core.errors import Conflict, InvalidInput
from jiandu.core.scope import require
from jiandu.organization.models import Unit
from jiandu.oversight.models import Complaint, Inspection, JointInput, OpinionLetter, Rectification
from jiandu.oversight.rules import deadlines, workflow
from jiandu.oversight.services._common import (
    agency_of, agency_staff, calendar, ensure_visible, link, require_any, required_text, step_date,
    unit_staff, working_days,
)

STATUS_LABELS = dict(OpinionLetter.Status.choices)
SNAPSHOT = ("status", "reply_due_on", "replied_on", "follow_up_count", "closed_on", "reply_overdue")


def _source_label(source_type: str, source_id: str, unit: Unit, source_label: str) -> str:
    """Check an internal source and describe it. A letter from a complaint needs the complaint's
    problem verified first (plan §二(五)4: 针对投诉举报中查实的突出问题)."""
    if source_type == OpinionLetter.Source.COMPLAINT:
        complaint = Complaint.objects.filter(pk=_int(source_id)).first()
        if complaint is None:
            raise InvalidInput(details={"source_id": "找不到该投诉举报。"})
        if complaint.finding not in (Complaint.Finding.SUBSTANTIATED, Complaint.Finding.PARTLY):
            raise Conflict("complaint_not_verified", "只有经核查属实（或部分属实）的投诉举报，才能据以制发监督意见书。")
        return source_label or f"投诉举报 {complaint.number}"
    if source_type == OpinionLetter.Source.INSPECTION:
        inspection = Inspection.objects.filter(pk=_int(source_id)).first()
        if inspection is None:
            raise InvalidInput(details={"source_id": "找不到该法治督察。"})
        return source_label or inspection.title
    if source_type == OpinionLetter.Source.JOINT_INPUT:
        item = JointInput.objects.filter(pk=_int(source_id)).first()
        if item is None:
            raise InvalidInput(details={"source_id": "找不到该联合监督事项。"})
        return source_label or str(item)
    if source_type not in OpinionLetter.Source.values:
        raise InvalidInput(details={"source_type": "来源无效。"})
    if not (source_label or "").strip():
        raise InvalidInput(details={"source_label": "请说明意见书的来源（如行政复议案件的案号）。"})
    return source_label.strip()


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@transaction.atomic
def letter_issue(*, actor, unit: Unit, kind: str, source_type: str, source_id: str = "", source_label: str = "",
                 title: str, problems: str, requirements: str, on: date | None = None,
                 open_rectification: bool = False) -> OpinionLetter:
    """Issue a numbered letter to ``unit``; optionally put its problems on the rectification ledger."""
    require(actor, "oversight.manage", unit=unit)
    if kind not in OpinionLetter.Kind.values:
        raise InvalidInput(details={"kind": "请选择文书种类。"})
    title = required_text(title, field="title", label="标题", max_length=200)
    problems = required_text(problems, field="problems", label="发现的问题", max_length=5000)
    requirements = required_text(requirements, field="requirements", label="监督意见（建议）", max_length=5000)
    label = _source_label(source_type, source_id, unit, source_label)
    day = step_date(on, not_before=None, label="制发日期")
    issuer = agency_of(unit)
    due = deadlines.due_after(day, working_days("oversight.letter.reply_working_days", on=day, unit=unit), calendar())
    letter = OpinionLetter.objects.create(
        unit=unit, issuer=issuer, kind=kind, source_type=source_type, source_id=str(source_id or ""),
        source_label=label[:200], title=title, problems=problems, requirements=requirements, issued_on=day,
        reply_due_on=due, created_by=actor,
    )
    kind_label = letter.get_kind_display()
    letter.document = documents.issue(
        kind=f"oversight.{kind}", kind_label=kind_label, title=title,
        paragraphs=[f"来源：{label}。", f"经查，你单位存在以下问题：{problems}", f"现提出如下意见：{requirements}",
                    f"请于{due:%Y年%m月%d日}前将整改落实情况书面回复我局。"],
        issuer=issuer, unit=unit, actor=actor, recipient=unit.name, recipient_unit=unit, subject=letter,
    )
    letter.save(update_fields=["document"])
    audit.record(actor=actor, action="letter.issue", obj=letter,
                 after=audit.snapshot(letter, ("kind", "unit", "source_type", "source_id", "title", "issued_on",
                                               "reply_due_on", "document")))
    notifications.notify(
        unit_staff(unit), title=f"收到{kind_label}：{title}",
        body=f"{letter.document.number}，请于{due:%Y年%m月%d日}前书面回复。", link=link("letter", letter.pk),
        category="oversight.letter", dedupe_key=f"oversight:letter:{letter.pk}:issued",
    )
    if open_rectification:
        from jiandu.oversight.services.rectifications import rectification_open

        rectification_open(source_type=Rectification.Source.LETTER, source_id=letter.pk, unit=unit, problem=problems,
                           deadline=due, actor=actor, source_label=f"{kind_label} {letter.document.number}",
                           found_on=day)
    return letter


def _lock(letter: OpinionLetter) -> OpinionLetter:
    return OpinionLetter.objects.select_for_update().get(pk=letter.pk)


def _move(letter: OpinionLetter, action: str, actor, label: str) -> str:
    ensure_visible(letter, actor)
    new_state, permissions = workflow.move(workflow.LETTER, letter.status, action, labels=STATUS_LABELS,
                                           action_label=label)
    require_any(actor, permissions, unit=letter.unit)
    return new_state


@transaction.atomic
def letter_reply(*, letter: OpinionLetter, actor, reply: str, on: date | None = None) -> OpinionLetter:
    letter = _lock(letter)
    new_state = _move(letter, "reply", actor, "书面回复")
    reply = required_text(reply, field="reply", label="回复内容", max_length=5000)
    before = audit.snapshot(letter, SNAPSHOT)
    day = step_date(on, not_before=letter.issued_on, label="回复日期")
    letter.status = new_state
    letter.reply, letter.replied_on, letter.replied_by = reply, day, actor
    letter.reply_overdue = letter.reply_overdue or deadlines.done_late(letter.reply_due_on, day)
    letter.save()
    audit.record(actor=actor, action="letter.reply", obj=letter, before=before, after=audit.snapshot(letter, SNAPSHOT),
                 reason=reply)
    notifications.notify(
        agency_staff(letter.unit), title=f"{letter.unit.display_name}已回复{letter.get_kind_display()}",
        body=letter.title, link=link("letter", letter.pk), category="oversight.letter",
        dedupe_key=f"oversight:letter:{letter.pk}:replied:{letter.follow_up_count}",
    )
    return letter


@transaction.atomic
def letter_close(*, letter: OpinionLetter, actor, note: str = "", on: date | None = None) -> OpinionLetter:
    letter = _lock(letter)
    new_state = _move(letter, "close", actor, "办结")
    before = audit.snapshot(letter, SNAPSHOT)
    day = step_date(on, not_before=letter.replied_on, label="办结日期")
    letter.status = new_state
    letter.closed_on, letter.closing_note = day, (note or "").strip()
    letter.save()
    audit.record(actor=actor, action="letter.close", obj=letter, before=before, after=audit.snapshot(letter, SNAPSHOT),
                 reason=letter.closing_note)
    return letter


@transaction.atomic
def letter_follow_up(*, letter: OpinionLetter, actor, note: str, on: date | None = None) -> OpinionLetter:
    """The reply does not answer the letter: ask again, with a new (shorter) reply deadline."""
    letter = _lock(letter)
    new_state = _move(letter, "follow_up", actor, "督办")
    note = required_text(note, field="note", label="督办意见", max_length=2000)
    before = audit.snapshot(letter, SNAPSHOT)
    day = step_date(on, not_before=letter.replied_on, label="督办日期")
    letter.status = new_state
    letter.follow_up_count += 1
    letter.follow_up_note = note
    letter.reply_due_on = deadlines.due_after(
        day, working_days("oversight.letter.follow_up_working_days", on=day, unit=letter.unit), calendar()
    )
    letter.reply_overdue = False  # a new deadline; the earlier lateness stays in the audit trail
    letter.save()
    audit.record(actor=actor, action="letter.follow_up", obj=letter, before=before,
                 after=audit.snapshot(letter, SNAPSHOT), reason=note)
    notifications.notify(
        unit_staff(letter.unit), title=f"{letter.get_kind_display()}督办：{letter.title}",
        body=f"{note[:80]}。请于{letter.reply_due_on:%Y年%m月%d日}前重新书面回复。", link=link("letter", letter.pk),
        category="oversight.letter", dedupe_key=f"oversight:letter:{letter.pk}:follow_up:{letter.follow_up_count}",
    )
    return letter
