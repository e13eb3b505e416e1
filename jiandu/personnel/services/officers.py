"""The officer registry (R-PER-1): create and edit officers, post changes, leaving (注销)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.db import IntegrityError, transaction

from jiandu.core import audit
from jiandu.core.errors import Conflict, InvalidInput
from jiandu.core.scope import require
from jiandu.organization.models import Unit, User
from jiandu.personnel import rules
from jiandu.personnel.models import (
    Certificate,
    CertificateApplication,
    Officer,
    PostHistory,
    TransferTask,
)
from jiandu.personnel.services._common import check_date, raise_if, today

OFFICER_AUDIT_FIELDS = (
    "unit", "name", "gender", "id_number", "phone", "category", "post", "is_enforcement_post", "on_establishment",
    "fiscally_funded", "status", "joined_on", "left_on", "qualification_cancelled_on", "user",
)
EDITABLE_FIELDS = ("name", "id_number", "phone", "category", "on_establishment", "fiscally_funded", "joined_on", "user")
_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
_LANDLINE = re.compile(r"^0[0-9]{2,3}-?[0-9]{7,8}$")
ID_TAKEN_MESSAGE = (
    "该身份证号已登记在册，不能重复登记。如该人员由其他单位调入，请由区行政执法监督机构办理调动（岗位变动）。"
)


def _field_errors(data: dict, *, on: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if "name" in data:
        name = (data["name"] or "").strip()
        if not name:
            errors["name"] = "请填写姓名。"
        elif len(name) > 40:
            errors["name"] = "姓名不能超过40个字。"
    if "id_number" in data:
        problem = rules.id_number_problem(data["id_number"] or "", today=on)
        if problem:
            errors["id_number"] = problem
    if data.get("phone"):
        phone = data["phone"].strip()
        if not (_MOBILE.match(phone) or _LANDLINE.match(phone)):
            errors["phone"] = "电话号码格式不正确：手机号为11位数字，固定电话如 0711-3216789。"
    if "category" in data and data["category"] not in Officer.Category.values:
        errors["category"] = "人员类别无效。"
    if "post" in data:
        post = (data["post"] or "").strip()
        if not post:
            errors["post"] = "请填写岗位名称。"
        elif len(post) > 60:
            errors["post"] = "岗位名称不能超过60个字。"
    if data.get("joined_on") is not None:
        errors.update(check_date(data["joined_on"], "joined_on", "入职日期", not_after=on))
    return errors


def _check_user(user: User | None, unit: Unit, officer: Officer | None = None) -> dict[str, str]:
    if user is None:
        return {}
    if user.unit_id != unit.pk:
        return {"user": "关联的登录账号须属于该人员所在单位。"}
    linked = Officer.objects.filter(user=user).exclude(pk=getattr(officer, "pk", None)).first()
    if linked is not None:
        return {"user": "该登录账号已关联其他执法人员。"}
    return {}


@transaction.atomic
def officer_create(
    *,
    actor,
    unit: Unit,
    name: str,
    id_number: str,
    post: str,
    category: str = Officer.Category.OFFICER,
    is_enforcement_post: bool = True,
    on_establishment: bool = True,
    fiscally_funded: bool = True,
    phone: str = "",
    joined_on: date | None = None,
    user: User | None = None,
    on: date | None = None,
) -> Officer:
    """Register an officer or auxiliary staff member of ``unit`` (R-PER-1). The ID number is
    validated with its check digit; gender is read from it. The first post-history row opens."""
    require(actor, "personnel.manage", unit=unit)
    on = on or today()
    data = {"name": name, "id_number": id_number, "post": post, "category": category, "phone": phone,
            "joined_on": joined_on}
    errors = _field_errors(data, on=on)
    errors.update(_check_user(user, unit))
    raise_if(errors)
    number = rules.normalize_id_number(id_number)
    if Officer.objects.filter(id_number=number).exists():
        raise Conflict("officer_id_number_taken", ID_TAKEN_MESSAGE, details={"id_number": ID_TAKEN_MESSAGE})
    officer = Officer(
        unit=unit, name=name.strip(), id_number=number, gender=rules.id_gender(number), phone=phone.strip(),
        category=category, post=post.strip(), is_enforcement_post=is_enforcement_post,
        on_establishment=on_establishment, fiscally_funded=fiscally_funded, joined_on=joined_on, user=user,
        status=Officer.Status.ACTIVE if is_enforcement_post else Officer.Status.OFF_POST,
    )
    try:
        with transaction.atomic():
            officer.save()
    except IntegrityError:  # a concurrent registration of the same number won the race
        raise Conflict("officer_id_number_taken", ID_TAKEN_MESSAGE, details={"id_number": ID_TAKEN_MESSAGE}) from None
    PostHistory.objects.create(
        officer=officer, unit=unit, post=officer.post, is_enforcement_post=is_enforcement_post,
        started_on=joined_on or on, reason="初次登记",
    )
    audit.record(actor=actor, action="officer.create", obj=officer, unit=unit,
                 after=audit.snapshot(officer, OFFICER_AUDIT_FIELDS))
    return officer


@transaction.atomic
def officer_update(*, actor, officer: Officer, on: date | None = None, **changes) -> Officer:
    """Correct registry facts (name, ID number, phone, category, 在编, 财政供给, joined date, login
    account). Posts change only through ``officer_change_post`` so the history stays whole."""
    officer = Officer.objects.select_for_update().select_related("unit").get(pk=officer.pk)
    require(actor, "personnel.manage", unit=officer.unit)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(details={f: "该项不能在此修改。" for f in sorted(unknown)})
    on = on or today()
    errors = _field_errors(changes, on=on)
    if "user" in changes:
        errors.update(_check_user(changes["user"], officer.unit, officer))
    raise_if(errors)
    before = audit.snapshot(officer, OFFICER_AUDIT_FIELDS)
    if "id_number" in changes:
        number = rules.normalize_id_number(changes["id_number"])
        if Officer.objects.filter(id_number=number).exclude(pk=officer.pk).exists():
            raise Conflict("officer_id_number_taken", ID_TAKEN_MESSAGE, details={"id_number": ID_TAKEN_MESSAGE})
        changes["id_number"] = number
        officer.gender = rules.id_gender(number)
    if changes.get("category") == Officer.Category.AUXILIARY and officer.category != Officer.Category.AUXILIARY:
        if Certificate.objects.filter(officer=officer, status__in=Certificate.LIVE).exists():
            raise Conflict(
                "officer_has_live_certificate",
                "该人员持有有效或暂扣中的行政执法证，不能改为辅助人员；请先依规注销其执法证。",
            )
    for field, value in changes.items():
        setattr(officer, field, value.strip() if isinstance(value, str) else value)
    officer.save()
    after = audit.snapshot(officer, OFFICER_AUDIT_FIELDS)
    if after != before:
        audit.record(actor=actor, action="officer.update", obj=officer, unit=officer.unit, before=before, after=after)
    return officer


@transaction.atomic
def officer_change_post(
    *,
    actor,
    officer: Officer,
    post: str,
    is_enforcement_post: bool,
    started_on: date,
    reason: str,
    unit: Unit | None = None,
) -> PostHistory:
    """Record a post change (R-PER-1), possibly to another unit. The current post-history row
    ends the day before ``started_on``.

    Moving off enforcement posts completes an open transfer task (R-PER-7) and cancels (注销) a
    live certificate: a person not on an enforcement post may not hold one.
    """
    from jiandu.personnel.services.certificates import cancel_live_certificate

    officer = Officer.objects.select_for_update().select_related("unit").get(pk=officer.pk)
    require(actor, "personnel.manage", unit=officer.unit)
    new_unit = unit or officer.unit
    if new_unit.pk != officer.unit_id:
        require(actor, "personnel.manage", unit=new_unit)
    if officer.status == Officer.Status.LEFT:
        raise Conflict("officer_left", "该人员已离职或退休，不能调整岗位。")
    current = officer.post_history.filter(ended_on__isnull=True).order_by("-started_on", "-id").first()
    errors = _field_errors({"post": post}, on=today())
    errors.update(check_date(started_on, "started_on", "任职日期", not_after=today(),
                             not_before=current.started_on + timedelta(days=1) if current else None,
                             not_before_label=f"现任岗位起始日期（{current.started_on:%Y-%m-%d}）的次日" if current else ""))
    if not (reason or "").strip():
        errors["reason"] = "请填写岗位变动原因。"
    raise_if(errors)
    before = audit.snapshot(officer, OFFICER_AUDIT_FIELDS)
    if current is not None:
        current.ended_on = started_on - timedelta(days=1)
        current.save(update_fields=["ended_on"])
    row = PostHistory.objects.create(
        officer=officer, unit=new_unit, post=post.strip(), is_enforcement_post=is_enforcement_post,
        started_on=started_on, reason=reason.strip(),
    )
    officer.unit, officer.post, officer.is_enforcement_post = new_unit, post.strip(), is_enforcement_post
    officer.status = Officer.Status.ACTIVE if is_enforcement_post else Officer.Status.OFF_POST
    officer.save()
    audit.record(actor=actor, action="officer.change_post", obj=officer, unit=new_unit, before=before,
                 after=audit.snapshot(officer, OFFICER_AUDIT_FIELDS), reason=reason.strip())
    if not is_enforcement_post:
        _complete_transfer_tasks(officer, on=started_on, actor=actor, note=f"已调整至非执法岗位：{post.strip()}")
        cancel_live_certificate(officer=officer, effective_on=started_on, actor=actor,
                                reason=f"调离执法岗位（现任{new_unit.display_name}{post.strip()}）")
    return row


@transaction.atomic
def officer_leave(*, actor, officer: Officer, left_on: date, reason: str) -> Officer:
    """An officer leaves or retires: the live certificate is cancelled (注销) with its decision,
    an application in progress is withdrawn, the post history closes."""
    from jiandu.personnel.services.certificates import cancel_live_certificate

    officer = Officer.objects.select_for_update().select_related("unit").get(pk=officer.pk)
    require(actor, "personnel.manage", unit=officer.unit)
    if officer.status == Officer.Status.LEFT:
        raise Conflict("officer_left", "该人员已办理离职或退休。")
    current = officer.post_history.filter(ended_on__isnull=True).order_by("-started_on", "-id").first()
    errors = check_date(left_on, "left_on", "离职日期", not_after=today(),
                        not_before=current.started_on if current else None,
                        not_before_label=f"现任岗位起始日期（{current.started_on:%Y-%m-%d}）" if current else "")
    if not (reason or "").strip():
        errors["reason"] = "请填写离职原因，如“退休”“辞职”“调出本区”。"
    raise_if(errors)
    before = audit.snapshot(officer, OFFICER_AUDIT_FIELDS)
    if current is not None:
        current.ended_on = left_on
        current.save(update_fields=["ended_on"])
    officer.status, officer.left_on = Officer.Status.LEFT, left_on
    officer.save(update_fields=["status", "left_on", "updated_at"])
    audit.record(actor=actor, action="officer.leave", obj=officer, unit=officer.unit, before=before,
                 after=audit.snapshot(officer, OFFICER_AUDIT_FIELDS), reason=reason.strip())
    for application in CertificateApplication.objects.filter(officer=officer, status__in=rules.WITHDRAWABLE_STATUSES):
        from jiandu.personnel.services.applications import close_application

        close_application(application, status=rules.WITHDRAWN, reason=f"申请人离职：{reason.strip()}", actor=actor)
    _complete_transfer_tasks(officer, on=left_on, actor=actor, note=f"已离职：{reason.strip()}")
    cancel_live_certificate(officer=officer, effective_on=left_on, actor=actor, reason=f"离职（{reason.strip()}）")
    return officer


def _complete_transfer_tasks(officer: Officer, *, on: date, actor, note: str) -> None:
    for task in TransferTask.objects.select_for_update().filter(officer=officer, status=TransferTask.Status.OPEN):
        before = audit.snapshot(task, ("status", "done_on", "done_note"))
        task.status, task.done_on, task.done_by, task.done_note = TransferTask.Status.DONE, on, actor, note[:200]
        task.save(update_fields=["status", "done_on", "done_by", "done_note"])
        audit.record(actor=actor, action="transfer_task.done", obj=task, unit=task.unit, before=before,
                     after=audit.snapshot(task, ("status", "done_on", "done_note")))


@transaction.atomic
def transfer_task_complete(*, actor, task: TransferTask, note: str = "") -> TransferTask:
    """The unit reports the transfer done. Accepted only once the registry shows the officer off
    enforcement posts (or gone): the record, not the claim, closes the task."""
    task = TransferTask.objects.select_for_update().select_related("officer", "unit").get(pk=task.pk)
    require(actor, "personnel.manage", unit=task.unit)
    if task.status != TransferTask.Status.OPEN:
        raise Conflict("transfer_task_done", "该调离任务已办结。")
    officer = task.officer
    if officer.status == Officer.Status.ACTIVE and officer.is_enforcement_post:
        raise Conflict(
            "transfer_not_recorded",
            f"{officer.name}仍在执法岗位（{officer.post}）。请先在人员档案中登记调整至非执法岗位，任务将自动办结。",
        )
    _complete_transfer_tasks(officer, on=today(), actor=actor, note=note or "已调离执法岗位")
    task.refresh_from_db()
    return task

