"""Due-diligence exemptions (R-STD-2): the unit requests citing one of the plan's five grounds;
the supervision agency approves or rejects with reasons. An approved exemption means fault
liability is not pursued for that matter (``selectors.exemption_applies``) and shows on the
officer's file and on the subject's page (``standards.panels``)."""

from __future__ import annotations

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from jiandu.core import audit, notifications
from jiandu.core.errors import InvalidInput
from jiandu.core.scope import require
from jiandu.organization.models import Unit
from jiandu.organization.roles import Role
from jiandu.organization.selectors import users_with_role
from jiandu.standards.models import Exemption
from jiandu.standards.rules.workflow import EXEMPTION_TRANSITIONS, transition

FIELDS = ("unit", "officer", "subject_type", "subject_id", "subject_label", "ground", "matter", "facts", "status",
          "decided_by", "decided_at", "decision_reason")
LEGAL_BASIS = "华容区开展行政执法协调监督体系工作的实施方案 §二(三)2"


def link(exemption: Exemption) -> str:
    return reverse("standards:exemption", args=[exemption.pk])


@transaction.atomic
def exemption_request(
    *, unit: Unit, actor, ground: str, matter: str, facts: str, officer=None, subject: models.Model | None = None,
    subject_type: str = "", subject_id: str = "", subject_label: str = "",
) -> Exemption:
    require(actor, "standards.manage", unit=unit, area="standards")
    errors = {}
    if ground not in Exemption.Ground.values:
        errors["ground"] = "请选择实施方案规定的五种免责情形之一。"
    if not (matter or "").strip():
        errors["matter"] = "请填写申请免责的事项。"
    if not (facts or "").strip():
        errors["facts"] = "请写明事实与理由（问题如何发生、为何属于该免责情形）。"
    if officer is not None and not officer.unit.path.startswith(unit.path):
        errors["officer"] = "涉及的执法人员须属于申请单位。"
    if subject is not None:
        subject_type, subject_id = subject._meta.label_lower, str(subject.pk)
        subject_label = subject_label or str(subject)
    if bool(subject_type) != bool(subject_id):
        errors["subject_id"] = "关联对象的类型和编号须同时填写。"
    if errors:
        raise InvalidInput(details=errors)
    exemption = Exemption.objects.create(
        unit=unit, officer=officer, subject_type=subject_type, subject_id=str(subject_id), subject_label=subject_label.strip(),
        ground=ground, matter=matter.strip(), facts=facts.strip(), requested_by=actor, requested_at=timezone.now(),
    )
    audit.record(actor=actor, action="exemption.request", obj=exemption, unit=unit, after=audit.snapshot(exemption, FIELDS),
                 legal_basis=LEGAL_BASIS)
    jurisdiction = unit.jurisdiction()
    notifications.notify(
        users_with_role(Role.AGENCY_OFFICER, within=jurisdiction) if jurisdiction else [],
        title=f"{unit.display_name}申请尽职免责：{exemption.matter}", body=exemption.get_ground_display(),
        link=link(exemption), category="standards", dedupe_key=f"standards.exemption.request.{exemption.pk}",
    )
    return exemption


@transaction.atomic
def exemption_decide(*, exemption: Exemption, actor, approve: bool, reason: str) -> Exemption:
    """The agency's decision, with its reasons (R-STD-2)."""
    exemption = Exemption.objects.select_for_update().select_related("unit").get(pk=exemption.pk)
    new_status, permission = transition(EXEMPTION_TRANSITIONS, exemption.status, "approve" if approve else "reject",
                                        what="该免责申请")
    require(actor, permission, unit=exemption.unit, area="standards")
    if not (reason or "").strip():
        raise InvalidInput(details={"reason": "请写明决定理由。"})
    before = audit.snapshot(exemption, FIELDS)
    exemption.status, exemption.decided_by, exemption.decided_at = new_status, actor, timezone.now()
    exemption.decision_reason = reason.strip()
    exemption.save()
    audit.record(actor=actor, action=f"exemption.{'approve' if approve else 'reject'}", obj=exemption,
                 unit=exemption.unit, before=before, after=audit.snapshot(exemption, FIELDS), reason=exemption.decision_reason,
                 legal_basis=LEGAL_BASIS)
    notifications.notify(
        [exemption.requested_by], title=f"尽职免责申请已决定：{exemption.get_status_display()}",
        body=f"{exemption.matter}。理由：{exemption.decision_reason}", link=link(exemption), category="standards",
        dedupe_key=f"standards.exemption.decided.{exemption.pk}",
    )
    return exemption


@transaction.atomic
def exemption_withdraw(*, exemption: Exemption, actor, reason: str = "") -> Exemption:
    exemption = Exemption.objects.select_for_update().select_related("unit").get(pk=exemption.pk)
    new_status, permission = transition(EXEMPTION_TRANSITIONS, exemption.status, "withdraw", what="该免责申请")
    require(actor, permission, unit=exemption.unit, area="standards")
    before = audit.snapshot(exemption, FIELDS)
    exemption.status = new_status
    exemption.save(update_fields=["status"])
    audit.record(actor=actor, action="exemption.withdraw", obj=exemption, unit=exemption.unit, before=before,
                 after=audit.snapshot(exemption, FIELDS), reason=reason)
    return exemption
