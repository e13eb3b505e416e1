"""Social supervisors (R-SUP-7) and joint supervision inputs (R-SUP-8)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from jiandu.core import audit, notifications
from jiandu.core.errors import InvalidInput
from jiandu.core.scope import require
from jiandu.organization.models import Unit, User
from jiandu.organization.roles import Role
from jiandu.oversight.models import JointInput, SocialSupervisor
from jiandu.oversight.rules import workflow
from jiandu.oversight.services._common import link, required_text, step_date, unit_staff


@transaction.atomic
def supervisor_appoint(*, actor, unit: Unit, name: str, category: str, organisation: str, term_start: date,
                       term_end: date, duties: str, phone: str = "", user: User | None = None) -> SocialSupervisor:
    """A unit appoints a social supervisor for a term (plan §二(四)1)."""
    require(actor, "oversight.appoint_supervisor", unit=unit)
    problems = {}
    if category not in SocialSupervisor.Category.values:
        problems["category"] = "请选择身份类别（人大代表、政协委员、法律工作者、新闻工作者）。"
    if term_start is None or term_end is None or term_end <= term_start:
        problems["term_end"] = "聘期结束日期应晚于开始日期。"
    if user is not None and Role.SOCIAL_SUPERVISOR not in user.role_codes:
        problems["user"] = "关联的平台账号须具有“社会监督员”角色。"
    if problems:
        raise InvalidInput(details=problems)
    supervisor = SocialSupervisor.objects.create(
        unit=unit, user=user, name=required_text(name, field="name", label="姓名", max_length=40), category=category,
        organisation=required_text(organisation, field="organisation", label="工作单位及职务", max_length=120),
        phone=(phone or "").strip(), term_start=term_start, term_end=term_end,
        duties=required_text(duties, field="duties", label="监督职责", max_length=2000), appointed_by=actor,
    )
    audit.record(actor=actor, action="supervisor.appoint", obj=supervisor,
                 after=audit.snapshot(supervisor, ("name", "category", "organisation", "term_start", "term_end", "user")))
    return supervisor


@transaction.atomic
def supervisor_dismiss(*, supervisor: SocialSupervisor, actor, reason: str, on: date | None = None) -> SocialSupervisor:
    require(actor, "oversight.appoint_supervisor", unit=supervisor.unit)
    supervisor = SocialSupervisor.objects.select_for_update().get(pk=supervisor.pk)
    if supervisor.status == SocialSupervisor.Status.DISMISSED:
        raise InvalidInput(details={"reason": "该社会监督员已解聘。"})
    reason = required_text(reason, field="reason", label="解聘原因", max_length=200)
    day = step_date(on, not_before=supervisor.term_start, label="解聘日期")
    supervisor.status, supervisor.dismissed_on, supervisor.dismissal_reason = SocialSupervisor.Status.DISMISSED, day, reason
    supervisor.save(update_fields=["status", "dismissed_on", "dismissal_reason"])
    audit.record(actor=actor, action="supervisor.dismiss", obj=supervisor, after={"status": supervisor.status,
                 "dismissed_on": day}, reason=reason)
    return supervisor


@transaction.atomic
def joint_input_record(*, actor, unit: Unit, source: str, source_org: str, document_kind: str, summary: str,
                       received_on: date | None = None, document_number: str = "", subject_type: str = "",
                       subject_id: str = "", subject_label: str = "", reply_due_on: date | None = None) -> JointInput:
    """Record an input from 人大, 检察, 监察 or a court against a unit (and any record, by reference)."""
    require(actor, "oversight.manage", unit=unit)
    if source not in JointInput.Source.values:
        raise InvalidInput(details={"source": "请选择监督类别。"})
    day = step_date(received_on, not_before=None, label="收到日期", field="received_on")
    if reply_due_on is not None and reply_due_on < day:
        raise InvalidInput(details={"reply_due_on": "要求回复日期不能早于收到日期。"})
    if bool(subject_type) != bool(subject_id):
        raise InvalidInput(details={"subject_id": "涉及记录的类型与编号须同时填写。"})
    item = JointInput.objects.create(
        unit=unit, source=source, source_org=required_text(source_org, field="source_org", label="来文机关", max_length=100),
        document_kind=required_text(document_kind, field="document_kind", label="文书形式", max_length=60),
        document_number=(document_number or "").strip()[:60], received_on=day, subject_type=subject_type.strip(),
        subject_id=str(subject_id).strip(), subject_label=(subject_label or "").strip()[:200],
        summary=required_text(summary, field="summary", label="主要内容", max_length=5000), reply_due_on=reply_due_on,
        recorded_by=actor,
    )
    audit.record(actor=actor, action="joint_input.record", obj=item,
                 after=audit.snapshot(item, ("source", "source_org", "document_kind", "document_number", "received_on",
                                             "subject_type", "subject_id", "reply_due_on")))
    notifications.notify(
        unit_staff(unit), title=f"{item.get_source_display()}：{item.document_kind}",
        body=f"{item.source_org} {item.document_number}".strip(), link=link("joint_input", item.pk),
        category="oversight.joint", dedupe_key=f"oversight:joint:{item.pk}:recorded",
    )
    return item


@transaction.atomic
def joint_input_respond(*, joint_input: JointInput, actor, response: str, on: date | None = None) -> JointInput:
    item = JointInput.objects.select_for_update().get(pk=joint_input.pk)
    new_state, _ = workflow.move(workflow.JOINT_INPUT, item.status, "respond",
                                 labels=dict(JointInput.Status.choices), action_label="登记办理情况")
    require(actor, "oversight.manage", unit=item.unit)
    response = required_text(response, field="response", label="办理情况", max_length=5000)
    day = step_date(on, not_before=item.received_on, label="办理日期")
    item.status, item.response, item.responded_on = new_state, response, day
    item.save(update_fields=["status", "response", "responded_on"])
    audit.record(actor=actor, action="joint_input.respond", obj=item, after={"status": new_state, "responded_on": day},
                 reason=response)
    return item
