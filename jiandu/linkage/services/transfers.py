"""Transfers of suspected crimes to the police (R-LNK-1, R-LNK-2).

The workflow is ``rules.TRANSITIONS``; each step records its instant, closes the deadlines it
meets and opens the next ones (art. 5, 8, 9, 12), writes a timeline step and an audit event, and
tells the side that acts next.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from django.core.files.base import File
from django.db import transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone

from jiandu.cases.models import Case
from jiandu.core import audit, documents, holidays, notifications, scope
from jiandu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from jiandu.core.files import sha256_of
from jiandu.core.workdays import WorkCalendar
from jiandu.linkage import rules
from jiandu.linkage.models import SupervisionRecord, Transfer, TransferDeadline, TransferMaterial, TransferStep
from jiandu.linkage.services import _common as c
from jiandu.organization.models import Unit

AUDIT_FIELDS = (
    "status", "approver_name", "approved_at", "sent_at", "received_at", "police_reference", "decided_at",
    "filed_at", "handed_over_at", "finished_at", "last_reason", "outcome", "is_overdue", "next_due_at",
)


def _link(transfer: Transfer) -> str:
    return reverse("linkage:transfer", args=[transfer.pk])


def _lock(transfer: Transfer) -> Transfer:
    return Transfer.objects.select_for_update().select_related("unit", "police_unit", "case").get(pk=transfer.pk)


def _visible(actor, transfer_id: int) -> bool:
    from jiandu.linkage.selectors import transfers_visible

    return transfers_visible(actor).filter(pk=transfer_id).exists()


def default_police_unit(unit: Unit) -> Unit | None:
    """The police unit of ``unit``'s jurisdiction (同级公安机关, art. 3)."""
    jurisdiction = c.jurisdiction_of(unit)
    return (
        Unit.objects.filter(liaison_kind=Unit.LiaisonKind.POLICE, is_active=True, path__startswith=jurisdiction.path)
        .order_by("depth", "id")
        .first()
    )


# --- deadlines ------------------------------------------------------------------------------------


def _open_deadline(transfer: Transfer, kind: str, start: datetime, calendar: WorkCalendar) -> TransferDeadline:
    on = timezone.localdate(start)
    value, legal_reference = c.reference(rules.DEADLINE_POLICY[kind], transfer.unit, on)
    period = rules.Period.of(value)
    roll = bool(c.figure("linkage.deadline.roll_over_holiday", transfer.unit, on))
    due = rules.due_at(timezone.localtime(start), period, calendar=calendar, roll_over_holiday=roll)
    return TransferDeadline.objects.create(
        transfer=transfer, kind=kind, side=rules.DEADLINE_SIDE[kind], starts_at=start, amount=period.amount,
        counting=period.counting, due_at=due, legal_reference=legal_reference[:255],
    )


def _finish_deadlines(transfer: Transfer, kinds: tuple[str, ...], at: datetime, *, cancel: bool) -> None:
    for deadline in TransferDeadline.objects.filter(transfer=transfer, kind__in=kinds,
                                                    status__in=TransferDeadline.ACTIVE):
        if cancel:
            deadline.status = TransferDeadline.Status.CANCELLED
        else:
            state = rules.deadline_state(deadline.due_at, at, at)
            deadline.status = TransferDeadline.Status.LATE if state == "late" else TransferDeadline.Status.MET
        deadline.done_at = at
        deadline.save(update_fields=["status", "done_at"])


def refresh_summary(transfer: Transfer) -> None:
    """Keep ``next_due_at`` and ``is_overdue`` in step with the active deadlines."""
    active = TransferDeadline.objects.filter(transfer=transfer, status__in=TransferDeadline.ACTIVE)
    transfer.next_due_at = active.aggregate(m=Min("due_at"))["m"]
    transfer.is_overdue = active.filter(status=TransferDeadline.Status.OVERDUE).exists()


def _step(transfer: Transfer, *, action: str, label: str, from_status: str, at: datetime, actor, note: str = "") -> None:
    TransferStep.objects.create(transfer=transfer, action=action, label=label, from_status=from_status,
                                to_status=transfer.status, occurred_at=at, note=note, actor=actor,
                                actor_unit=getattr(actor, "unit", None))


# --- proposing ------------------------------------------------------------------------------------


@transaction.atomic
def transfer_propose(
    *,
    actor,
    case: Case,
    suspected_offence: str,
    grounds: str,
    police_unit: Unit | None = None,
    has_inspection: bool = False,
    items_note: str = "",
    proposed_at: datetime | None = None,
) -> Transfer:
    """The unit's legal officer proposes transferring a penalty case (提请移送); the head must
    decide within 3 days (art. 5)."""
    case = Case.objects.select_for_update().select_related("unit", "item").get(pk=case.pk)
    # Only the case's own unit (or a unit above it) proposes; anyone else is told it does not exist.
    scope.require(actor, rules.UNIT, unit=case.unit, area="linkage")
    if case.kind != Case.Kind.PENALTY:
        raise Conflict("transfer_case_kind", "只有行政处罚案件可以移送涉嫌犯罪案件。")
    errors: dict[str, str] = {}
    if not (suspected_offence or "").strip():
        errors["suspected_offence"] = "请填写涉嫌罪名。"
    if not (grounds or "").strip():
        errors["grounds"] = "请填写涉嫌犯罪的事实及移送理由。"
    police_unit = police_unit or default_police_unit(case.unit)
    jurisdiction = c.jurisdiction_of(case.unit)
    if police_unit is None:
        errors["police_unit"] = "本辖区尚未登记公安机关，请先在“单位与法制机构”中设置。"
    elif police_unit.liaison_kind != Unit.LiaisonKind.POLICE or not c.in_jurisdiction(police_unit, jurisdiction):
        errors["police_unit"] = "接收单位应为本辖区同级公安机关。"
    if errors:
        raise InvalidInput(details=errors)
    if Transfer.objects.filter(case=case).exclude(status__in=rules.FINISHED).exists():
        raise Conflict("transfer_exists", "该案件已有正在办理的移送，不能重复提请。")
    at = c.instant(proposed_at, "proposed_at")
    prefix = f"{case.unit.doc_prefix or case.unit.display_name}移"
    transfer = Transfer.objects.create(
        unit=case.unit, case=case, police_unit=police_unit,
        number=documents.allocate_number(prefix, timezone.localdate(at).year),
        status=rules.START, suspected_offence=suspected_offence.strip()[:100], grounds=grounds.strip(),
        has_inspection=has_inspection, items_note=(items_note or "").strip()[:300], proposed_at=at, proposed_by=actor,
    )
    calendar = holidays.load_calendar()
    for kind in rules.START_OPENS:
        _open_deadline(transfer, kind, at, calendar)
    refresh_summary(transfer)
    transfer.save(update_fields=["next_due_at", "is_overdue"])
    _step(transfer, action="propose", label=rules.ACTIONS["propose"], from_status="", at=at, actor=actor,
          note=transfer.grounds)
    audit.record(actor=actor, action="linkage.transfer.propose", obj=transfer, unit=transfer.unit,
                 after=audit.snapshot(transfer), legal_basis="《行政执法机关移送涉嫌犯罪案件的规定》第五条")
    return transfer


# --- the steps --------------------------------------------------------------------------------------


def _check_step(actor, transfer: Transfer, action: str) -> rules.Transition:
    if not _visible(actor, transfer.pk):
        raise NotFound()
    step = rules.transition(transfer.status, action, c.permissions_of(actor))
    if isinstance(step, rules.Refusal):
        if step.code == "transfer_wrong_side":
            raise Forbidden(step.message, code=step.code)
        raise Conflict(step.code, step.message)
    if step.permission == rules.POLICE:
        scope.require(actor, step.permission, unit=transfer.police_unit, area="linkage.received")
    else:
        scope.require(actor, step.permission, unit=transfer.unit, area="linkage")
    return step


def _package_check(transfer: Transfer) -> None:
    on = timezone.localdate()
    required = c.figure("linkage.package.required", transfer.unit, on)
    present = transfer.materials.values_list("kind", flat=True)
    missing = rules.package_missing(present, required, has_inspection=transfer.has_inspection)
    if missing:
        raise Conflict("transfer_package_incomplete", f"移送材料不全，请先上传：{'、'.join(missing)}。",
                       details={"missing": missing})


def _notify_after(transfer: Transfer, action: str, step: rules.Transition) -> None:
    title = f"{transfer.number}：{step.label}"
    body = f"{transfer.case.number} {transfer.case.title}（涉嫌{transfer.suspected_offence}）"
    if step.permission == rules.UNIT and action in ("send",):
        recipients = list(c.police_liaisons(transfer.police_unit))
        title = f"收到涉嫌犯罪案件移送：{transfer.number}"
    elif action == "request_supervision":
        recipients = list(c.procuratorate_liaisons(transfer.unit))
        title = f"移送单位建议立案监督：{transfer.number}"
    elif step.permission == rules.POLICE:
        recipients = list(c.unit_legal_officers(transfer.unit)) + [transfer.proposed_by]
    elif step.permission == rules.PROCURATORATE:
        recipients = list(c.unit_legal_officers(transfer.unit)) + list(c.police_liaisons(transfer.police_unit))
    elif action == "request_reconsideration":
        recipients = list(c.police_liaisons(transfer.police_unit))
        title = f"移送单位提请复议：{transfer.number}"
    elif action == "hand_over":
        recipients = list(c.police_liaisons(transfer.police_unit))
    else:
        return
    notifications.notify(recipients, title=title, body=body, link=_link(transfer), category="linkage",
                         dedupe_key=f"linkage.transfer.{transfer.pk}.{action}")


@transaction.atomic
def transfer_act(
    *,
    actor,
    transfer: Transfer,
    action: str,
    reason: str = "",
    occurred_at: datetime | None = None,
    approver_name: str = "",
    police_reference: str = "",
) -> Transfer:
    """One step of the workflow by the side the transition table names; anything else is refused
    with a stable code (``transfer_bad_transition``, ``transfer_wrong_side``, …)."""
    transfer = _lock(transfer)
    step = _check_step(actor, transfer, action)
    errors: dict[str, str] = {}
    reason = (reason or "").strip()
    if step.needs_reason and not reason:
        errors["reason"] = f"请填写{rules.REASON_LABELS.get(action, '书面理由')}。"
    if action in ("approve", "reject") and not (approver_name or "").strip():
        errors["approver_name"] = "请填写作出决定的负责人姓名。"
    if errors:
        raise InvalidInput(details=errors)
    last = transfer.steps.order_by("-occurred_at", "-id").values_list("occurred_at", flat=True).first()
    at = c.instant(occurred_at, "occurred_at", not_before=last)
    if action == "send":
        _package_check(transfer)
    if action == "request_reconsideration":
        window = transfer.deadlines.filter(kind=rules.RECONSIDERATION_REQUEST).order_by("-id").first()
        if window is None or window.status == TransferDeadline.Status.LAPSED or at > window.due_at:
            raise Conflict("reconsideration_window_closed",
                           "提请复议的期间（接到不予立案通知书之日起3日内）已届满，可建议检察院进行立案监督。")
    before = audit.snapshot(transfer, AUDIT_FIELDS)
    from_status = transfer.status
    transfer.status = step.to
    if reason:
        transfer.last_reason = reason
    if action in ("approve", "reject"):
        transfer.approver_name = approver_name.strip()[:40]
        transfer.approved_at = at
    elif action == "send":
        transfer.sent_at = at
    elif action in ("accept", "decline"):
        transfer.received_at = at
        if action == "decline":
            transfer.decided_at = at
    elif action in ("file", "not_file"):
        transfer.decided_at = at
    elif action == "hand_over":
        transfer.handed_over_at = at
    elif action == "conclude":
        transfer.outcome = reason
    if step.to == rules.FILED:
        transfer.filed_at = at
    if police_reference.strip():
        transfer.police_reference = police_reference.strip()[:60]
    if step.to in rules.FINISHED:
        transfer.finished_at = at
    _finish_deadlines(transfer, step.closes, at, cancel=False)
    _finish_deadlines(transfer, step.cancels, at, cancel=True)
    if step.to in rules.FINISHED:
        _finish_deadlines(transfer, tuple(rules.DEADLINE_LABELS), at, cancel=True)
    calendar = holidays.load_calendar() if step.opens else None
    for kind in step.opens:
        _open_deadline(transfer, kind, at, calendar)
    refresh_summary(transfer)
    transfer.save()
    _step(transfer, action=action, label=step.label, from_status=from_status, at=at, actor=actor, note=reason)
    audit.record(actor=actor, action=f"linkage.transfer.{action}", obj=transfer, unit=transfer.unit, before=before,
                 after=audit.snapshot(transfer, AUDIT_FIELDS), reason=reason,
                 legal_basis="《行政执法机关移送涉嫌犯罪案件的规定》")
    _notify_after(transfer, action, step)
    return transfer


# --- the package and supervision ----------------------------------------------------------------------


@transaction.atomic
def transfer_material_add(*, actor, transfer: Transfer, kind: str, title: str, upload) -> TransferMaterial:
    """Attach one document of the art. 6 package; its SHA-256 is taken from the bytes received.
    Materials are never replaced or removed: a correction is a new, supplementary file."""
    transfer = _lock(transfer)
    if not _visible(actor, transfer.pk):
        raise NotFound()
    scope.require(actor, rules.UNIT, unit=transfer.unit, area="linkage")
    if transfer.is_finished:
        raise Conflict("transfer_finished", "移送已终结，不能再添加材料。")
    errors = {}
    if kind not in rules.MATERIAL_LABELS:
        errors["kind"] = "请选择材料类别。"
    if upload is None:
        errors["file"] = "请选择文件。"
    if errors:
        raise InvalidInput(details=errors)
    sha, size = sha256_of(upload)
    if size == 0:
        raise InvalidInput(details={"file": "文件为空。"})
    if size > c.MAX_BYTES:
        raise InvalidInput(details={"file": "文件超过 200MB，请压缩或分册上传。"})
    original = os.path.basename(getattr(upload, "name", "") or "upload.bin")[:255]
    material = TransferMaterial(
        transfer=transfer, kind=kind, title=(title or "").strip()[:200] or rules.MATERIAL_LABELS[kind],
        original_name=original, size=size, sha256=sha, content_type=(getattr(upload, "content_type", "") or "")[:100],
        is_supplement=transfer.status not in (rules.PROPOSED, rules.APPROVED), added_by=actor,
    )
    extension = os.path.splitext(original)[1][:10]
    material.file.save(f"transfer{transfer.pk}-{sha[:16]}{extension}", File(upload), save=False)
    material.save()
    audit.record(actor=actor, action="linkage.transfer.material_add", obj=transfer, unit=transfer.unit,
                 after={"material": material.pk, "kind": kind, "title": material.title, "sha256": sha, "size": size,
                        "supplement": material.is_supplement},
                 legal_basis="《行政执法机关移送涉嫌犯罪案件的规定》第六条")
    if material.is_supplement:
        notifications.notify(c.police_liaisons(transfer.police_unit), title=f"{transfer.number}：移送单位补充材料",
                             body=material.title, link=_link(transfer), category="linkage",
                             dedupe_key=f"linkage.transfer.{transfer.pk}.material.{material.pk}")
    return material


def material_verify(material: TransferMaterial) -> bool:
    """Whether the stored file still has the SHA-256 recorded when it was attached."""
    try:
        with material.file.open("rb") as fh:
            sha, _ = sha256_of(fh)
    except (FileNotFoundError, OSError):
        return False
    return sha == material.sha256


@transaction.atomic
def supervision_record(*, actor, transfer: Transfer, kind: str, content: str, recorded_on=None) -> SupervisionRecord:
    """The procuratorate records a supervision opinion on any transfer of its jurisdiction."""
    transfer = _lock(transfer)
    if not _visible(actor, transfer.pk):
        raise NotFound()
    scope.require(actor, rules.PROCURATORATE, unit=transfer.unit, area="linkage")
    errors = {}
    if kind not in SupervisionRecord.Kind.values:
        errors["kind"] = "请选择监督类别。"
    if not (content or "").strip():
        errors["content"] = "请填写监督内容。"
    today = timezone.localdate()
    recorded_on = recorded_on or today
    if recorded_on > today:
        errors["recorded_on"] = "日期不能晚于今天。"
    if errors:
        raise InvalidInput(details=errors)
    record = SupervisionRecord.objects.create(transfer=transfer, kind=kind, content=content.strip(),
                                              recorded_on=recorded_on, recorded_by=actor)
    audit.record(actor=actor, action="linkage.transfer.supervise", obj=transfer, unit=transfer.unit,
                 after={"record": record.pk, "kind": kind, "content": record.content, "on": recorded_on},
                 legal_basis="《行政执法机关移送涉嫌犯罪案件的规定》第十四条")
    notifications.notify(
        list(c.unit_legal_officers(transfer.unit)) + list(c.police_liaisons(transfer.police_unit)),
        title=f"{transfer.number}：检察院{record.get_kind_display()}", body=record.content[:200], link=_link(transfer),
        category="linkage", dedupe_key=f"linkage.transfer.{transfer.pk}.supervision.{record.pk}",
    )
    return record


# --- the sweep ------------------------------------------------------------------------------------------


def sweep_deadlines(now: datetime, remind_hours: int) -> dict[str, int]:
    """Overdue deadlines → ``overdue`` (rights → ``lapsed``) and an alert; deadlines due within
    ``remind_hours`` → one reminder. Compare-and-swap updates and dedupe keys make it idempotent."""
    counts = {"transfer_overdue": 0, "transfer_lapsed": 0, "transfer_reminded": 0}
    due = TransferDeadline.objects.filter(status=TransferDeadline.Status.OPEN, due_at__lt=now).select_related(
        "transfer", "transfer__unit", "transfer__police_unit", "transfer__case")
    for deadline in due.iterator(chunk_size=500):
        transfer = deadline.transfer
        if deadline.kind in rules.RIGHTS:
            with transaction.atomic():
                if TransferDeadline.objects.filter(pk=deadline.pk, status=TransferDeadline.Status.OPEN).update(
                        status=TransferDeadline.Status.LAPSED):
                    counts["transfer_lapsed"] += 1
                    _sync_summary(transfer)
            continue
        with transaction.atomic():
            if not TransferDeadline.objects.filter(pk=deadline.pk, status=TransferDeadline.Status.OPEN).update(
                    status=TransferDeadline.Status.OVERDUE):
                continue  # another worker got there first
            counts["transfer_overdue"] += 1
            _sync_summary(transfer)
            audit.record(actor=None, action="linkage.transfer.deadline_overdue", obj=transfer, unit=transfer.unit,
                         before={"deadline": deadline.kind, "status": "open"},
                         after={"deadline": deadline.kind, "status": "overdue", "due_at": deadline.due_at},
                         legal_basis=deadline.legal_reference)
            side = rules.DEADLINE_SIDE[deadline.kind]
            owners = c.police_liaisons(transfer.police_unit) if side == rules.POLICE else c.unit_legal_officers(transfer.unit)
            recipients = list(owners) + list(c.procuratorate_liaisons(transfer.unit))
            notifications.notify(
                recipients, title=f"移送期限已超期：{transfer.number} {rules.DEADLINE_LABELS[deadline.kind]}",
                body=f"应于{timezone.localtime(deadline.due_at):%Y年%m月%d日 %H:%M}前完成（{deadline.legal_reference}）",
                link=_link(transfer), category="linkage", dedupe_key=f"linkage.deadline.{deadline.pk}.overdue",
            )
    soon = TransferDeadline.objects.filter(
        status=TransferDeadline.Status.OPEN, reminded_at__isnull=True, due_at__gte=now,
        due_at__lt=now + timedelta(hours=remind_hours),
    ).exclude(kind__in=rules.RIGHTS).select_related("transfer", "transfer__unit", "transfer__police_unit")
    for deadline in soon.iterator(chunk_size=500):
        if not TransferDeadline.objects.filter(pk=deadline.pk, reminded_at__isnull=True).update(reminded_at=now):
            continue
        counts["transfer_reminded"] += 1
        transfer = deadline.transfer
        side = rules.DEADLINE_SIDE[deadline.kind]
        owners = c.police_liaisons(transfer.police_unit) if side == rules.POLICE else c.unit_legal_officers(transfer.unit)
        notifications.notify(
            owners, title=f"移送期限临近：{transfer.number} {rules.DEADLINE_LABELS[deadline.kind]}",
            body=f"将于{timezone.localtime(deadline.due_at):%Y年%m月%d日 %H:%M}届满",
            link=_link(transfer), category="linkage", dedupe_key=f"linkage.deadline.{deadline.pk}.remind",
        )
    return counts


def _sync_summary(transfer: Transfer) -> None:
    fresh = Transfer.objects.get(pk=transfer.pk)
    refresh_summary(fresh)
    Transfer.objects.filter(pk=transfer.pk).update(next_due_at=fresh.next_due_at, is_overdue=fresh.is_overdue)
