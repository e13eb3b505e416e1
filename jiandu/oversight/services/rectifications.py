"""The rectification ledger (R-SUP-3): one item per problem, from any source.

open → submitted → closed (销号, the agency only) or → returned → submitted again. A unit may
raise an item about itself (a problem found in its own self-review); the agency raises items for
any unit of its jurisdiction. Other apps raise items through ``rectification_open``.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from jiandu.core import audit, documents, notifications
from jiandu.core.errors import InvalidInput, NotFound
from jiandu.organization.models import Unit
from jiandu.oversight.models import Rectification, RectificationEvidence
from jiandu.oversight.rules import deadlines, workflow
from jiandu.oversight.services._common import (
    agency_staff, calendar, check_files, ensure_visible, link, require_any, required_text, step_date,
    store_files, today, unit_staff, working_days,
)

STATUS_LABELS = dict(Rectification.Status.choices)
SNAPSHOT = ("status", "deadline", "measures", "evidence", "submitted_on", "return_reason", "returned_count",
            "closed_on", "close_note", "is_overdue")


def _source_object(source_type: str, source_id):
    """The record a rectification comes from, for the internal sources (None for others)."""
    from jiandu.oversight import models as m

    model = {
        Rectification.Source.INSPECTION: m.Inspection,
        Rectification.Source.CAMPAIGN: m.Campaign,
        Rectification.Source.COMPLAINT: m.Complaint,
        Rectification.Source.OBSERVATION: m.Complaint,
        Rectification.Source.LETTER: m.OpinionLetter,
        Rectification.Source.JOINT_INPUT: m.JointInput,
        Rectification.Source.CASE_REVIEW: m.ReviewCampaign,
    }.get(source_type)
    if model is None:
        return None
    try:
        return model.objects.get(pk=int(source_id))
    except (model.DoesNotExist, TypeError, ValueError):
        raise InvalidInput(details={"source_id": "找不到问题来源记录。"}) from None


@transaction.atomic
def rectification_open(*, source_type: str, source_id, unit: Unit, problem: str, deadline: date | None, actor,
                       source_label: str = "", found_on: date | None = None) -> Rectification:
    """Raise one rectification item for ``unit`` (the contract other apps use, R-SUP-3).

    ``deadline`` None takes the default number of working days after ``found_on`` (a dated
    parameter). The agency may raise items for any unit of its jurisdiction; a unit's legal
    officer for their own unit.
    """
    require_any(actor, ("oversight.manage", "oversight.respond"), unit=unit)
    if source_type not in Rectification.Source.values:
        raise InvalidInput(details={"source_type": "问题来源无效。"})
    source = _source_object(source_type, source_id)
    problem = required_text(problem, field="problem", label="问题描述", max_length=5000)
    day = step_date(found_on, not_before=None, label="发现日期", field="found_on")
    if deadline is None:
        deadline = deadlines.due_after(
            day, working_days("oversight.rectification.default_working_days", on=day, unit=unit), calendar()
        )
    if deadline < day:
        raise InvalidInput(details={"deadline": "整改期限不能早于发现问题的日期。"})
    item = Rectification.objects.create(
        number=documents.allocate_number("整改", day.year), unit=unit, source_type=source_type,
        source_id=str(source_id or ""), source_label=(source_label or (str(source) if source else ""))[:200],
        problem=problem, found_on=day, deadline=deadline, raised_by=actor,
        is_overdue=deadlines.is_overdue(deadline, today()),
    )
    audit.record(actor=actor, action="rectification.open", obj=item,
                 after=audit.snapshot(item, ("number", "unit", "source_type", "source_id", "problem", "found_on",
                                             "deadline")))
    notifications.notify(
        unit_staff(unit), title=f"新的整改事项：{item.problem[:40]}",
        body=f"{item.number}（来源：{item.get_source_type_display()}），请于{deadline:%Y年%m月%d日}前整改并报送佐证材料。",
        link=link("rectification", item.pk), category="oversight.rectification",
        dedupe_key=f"oversight:rectification:{item.pk}:opened",
    )
    return item


def _lock(item: Rectification) -> Rectification:
    return Rectification.objects.select_for_update().get(pk=item.pk)


def _move(item: Rectification, action: str, actor, label: str) -> str:
    ensure_visible(item, actor)
    new_state, permissions = workflow.move(workflow.RECTIFICATION, item.status, action, labels=STATUS_LABELS,
                                           action_label=label)
    require_any(actor, permissions, unit=item.unit)
    return new_state


@transaction.atomic
def rectification_submit(*, rectification: Rectification, actor, measures: str, evidence: str, files=(),
                         on: date | None = None) -> Rectification:
    """The unit reports its measures and evidence (text and/or files) for close-out."""
    item = _lock(rectification)
    new_state = _move(item, "submit", actor, "报送整改情况")
    measures = required_text(measures, field="measures", label="整改措施", max_length=5000)
    evidence = (evidence or "").strip()
    checked = check_files(files)
    if not evidence and not checked and not item.files.exists():
        raise InvalidInput("请说明整改佐证材料或上传佐证文件。", details={"evidence": "请说明整改佐证材料或上传佐证文件。"})
    before = audit.snapshot(item, SNAPSHOT)
    day = step_date(on, not_before=item.found_on, label="报送日期")
    item.status = new_state
    item.measures, item.evidence = measures, evidence
    item.submitted_on, item.submitted_by = day, actor
    # Late or not is decided by the submission date: an item recorded after the fact (its deadline
    # already past when it was entered, so flagged then) but submitted in time was never late.
    item.is_overdue = deadlines.done_late(item.deadline, day)
    item.save()
    stored = store_files(checked, RectificationEvidence, rectification=item)
    audit.record(actor=actor, action="rectification.submit", obj=item, before=before,
                 after=audit.snapshot(item, SNAPSHOT) | {"files": [f.sha256 for f in stored]})
    notifications.notify(
        agency_staff(item.unit), title=f"整改情况待销号：{item.unit.display_name}",
        body=f"{item.number}：{item.problem[:60]}", link=link("rectification", item.pk),
        category="oversight.rectification", dedupe_key=f"oversight:rectification:{item.pk}:submitted:{day}:{item.returned_count}",
    )
    return item


@transaction.atomic
def rectification_close_out(*, rectification: Rectification, actor, note: str = "", on: date | None = None) -> Rectification:
    """销号: only the supervision agency closes an item out (``oversight.close_out``)."""
    item = _lock(rectification)
    new_state = _move(item, "close_out", actor, "销号")
    before = audit.snapshot(item, SNAPSHOT)
    day = step_date(on, not_before=item.submitted_on, label="销号日期")
    item.status = new_state
    item.closed_on, item.closed_by, item.close_note = day, actor, (note or "").strip()
    item.save()
    audit.record(actor=actor, action="rectification.close_out", obj=item, before=before,
                 after=audit.snapshot(item, SNAPSHOT), reason=item.close_note,
                 legal_basis="华容区实施方案 §二(五)3（限时整改销号）")
    notifications.notify(
        unit_staff(item.unit), title=f"整改事项已销号：{item.problem[:40]}", body=item.number,
        link=link("rectification", item.pk), category="oversight.rectification",
        dedupe_key=f"oversight:rectification:{item.pk}:closed",
    )
    return item


@transaction.atomic
def rectification_send_back(*, rectification: Rectification, actor, reason: str, new_deadline: date | None = None,
                            on: date | None = None) -> Rectification:
    """The agency finds the rectification insufficient: back to the unit, with the reason and
    optionally a new deadline (otherwise the original one still applies)."""
    item = _lock(rectification)
    new_state = _move(item, "send_back", actor, "退回")
    reason = required_text(reason, field="reason", label="退回理由", max_length=2000)
    day = step_date(on, not_before=item.submitted_on, label="退回日期")
    if new_deadline is not None and new_deadline <= day:
        raise InvalidInput(details={"new_deadline": "新的整改期限应晚于今天。"})
    before = audit.snapshot(item, SNAPSHOT)
    item.status = new_state
    item.return_reason = reason
    item.returned_count += 1
    if new_deadline is not None:
        item.deadline = new_deadline
        item.is_overdue = False  # a new deadline opens a new clock; the late history stays in the audit trail
    item.save()
    audit.record(actor=actor, action="rectification.send_back", obj=item, before=before,
                 after=audit.snapshot(item, SNAPSHOT), reason=reason)
    notifications.notify(
        unit_staff(item.unit), title=f"整改事项被退回：{item.problem[:40]}",
        body=f"{item.number}：{reason[:80]}。整改期限：{item.deadline:%Y年%m月%d日}。",
        link=link("rectification", item.pk), category="oversight.rectification",
        dedupe_key=f"oversight:rectification:{item.pk}:returned:{item.returned_count}",
    )
    return item


def evidence_get(rectification: Rectification, file_id: int) -> RectificationEvidence:
    try:
        return rectification.files.get(pk=file_id)
    except RectificationEvidence.DoesNotExist:
        raise NotFound() from None
