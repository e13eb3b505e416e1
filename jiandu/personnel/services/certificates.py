"""Certificate transitions (R-PER-4, R-PER-6, R-PER-7, R-PER-10, R-PER-11).

A certificate changes status only here, and only along ``rules.CERTIFICATE_TRANSITIONS``. Every
change has a reason, a legal basis, an official document and an effective date, recorded as a
``CertificateEvent`` (the replayable history ``officers_certified_on`` reads) and in the audit
chain. Suspension, return and revocation are *consequences* decided by the rules: the services in
``sanctions``, ``training`` and ``exams`` record the facts and call ``apply_consequence`` /
``try_return`` here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Sum

from jiandu.core import audit, holidays
from jiandu.core.errors import Conflict
from jiandu.core.scope import require
from jiandu.personnel import rules
from jiandu.personnel.models import (
    Certificate,
    CertificateEvent,
    ClosedBookResult,
    Officer,
    Suspension,
    TrainingAttendance,
    TransferTask,
)
from jiandu.personnel.services._common import (
    chinese_date,
    check_date,
    decimal_param,
    issue_officer_document,
    notify_agency,
    notify_officer,
    notify_unit,
    officer_link,
    param,
    raise_if,
    today,
)

CERT_FIELDS = ("number", "status", "issued_on", "valid_until", "issuer", "enforcement_domain")


def live_certificate(officer: Officer, *, lock: bool = False) -> Certificate | None:
    qs = Certificate.objects.filter(officer=officer, status__in=Certificate.LIVE)
    if lock:
        qs = qs.select_for_update()
    return qs.first()


def prior_suspensions(officer: Officer) -> int:
    """How many times the officer's certificates have been suspended (all certificates, ever:
    a new certificate does not wipe the count of "暂扣执法证2次以上")."""
    return CertificateEvent.objects.filter(certificate__officer=officer, action=CertificateEvent.Action.SUSPEND).count()


def transition(
    *,
    certificate: Certificate,
    action: str,
    effective_on: date,
    reason: str,
    legal_basis: str,
    actor,
    document=None,
    ground: str = "",
) -> CertificateEvent:
    """Apply one workflow transition and record it. Callers hold the row lock and are inside a
    transaction; ``effective_on`` may not precede the certificate's last change (the history is
    replayed in date order) nor lie in the future (the stored status is today's)."""
    new_status = rules.certificate_transition(certificate.status, action)
    last = certificate.events.aggregate(m=Max("effective_on"))["m"] or certificate.issued_on
    raise_if(check_date(effective_on, "effective_on", "生效日期", not_after=today(), not_before=last,
                        not_before_label=f"该证上一次变动的生效日期（{last:%Y-%m-%d}）"))
    before = audit.snapshot(certificate, CERT_FIELDS)
    event = CertificateEvent.objects.create(
        certificate=certificate, action=action, from_status=certificate.status, to_status=new_status,
        effective_on=effective_on, reason=reason, legal_basis=legal_basis, ground=ground, document=document,
        actor=actor,
    )
    certificate.status = new_status
    certificate.save(update_fields=["status"])
    audit.record(actor=actor, action=f"certificate.{action}", obj=certificate, unit=certificate.officer.unit,
                 before=before, after=audit.snapshot(certificate, CERT_FIELDS), reason=reason, legal_basis=legal_basis)
    return event


# --- suspension ------------------------------------------------------------------------------------


def _conditions_text(grounds: list[str], min_hours: Decimal) -> str:
    parts = []
    if rules.GROUND_INCOMPETENT in grounds:
        parts.append(f"参加培训不少于{rules.format_hours(min_hours)}学时")
    parts.append("参加考试（补考）并合格")
    return "、".join(parts)


def suspend(*, officer: Officer, certificate: Certificate, ground: str, reason: str, effective_on: date, actor) -> Suspension:
    """暂扣: decision document, transition, and the suspension with its return conditions."""
    min_hours = (
        decimal_param("personnel.return.min_training_hours", on=effective_on, unit=officer.unit)
        if ground == rules.GROUND_INCOMPETENT else Decimal(0)
    )
    basis = rules.BASIS_INCOMPETENT if ground == rules.GROUND_INCOMPETENT else rules.BASIS_RETAKE
    document = issue_officer_document(
        officer=officer, kind="certificate_suspension", kind_label="暂扣行政执法证决定书",
        title=f"关于暂扣{officer.name}同志行政执法证的决定", actor=actor,
        paragraphs=[
            f"经查，{officer.unit.name}{officer.post}{officer.name}同志{reason}",
            f"根据{basis}，本机关决定自{chinese_date(effective_on)}起暂扣你的行政执法证（证号：{certificate.number}），"
            "暂停你的行政执法资格。暂扣期间，你不得从事行政执法活动。",
            f"发还条件：暂扣后{_conditions_text([ground], min_hours)}。条件满足后，由本机关依规发还执法证。",
        ],
    )
    event = transition(certificate=certificate, action=rules.SUSPEND, effective_on=effective_on, reason=reason,
                       legal_basis=basis, actor=actor, document=document, ground=ground)
    suspension = Suspension.objects.create(
        certificate=certificate, officer=officer, started_on=effective_on, grounds=[ground],
        min_training_hours=min_hours, suspend_event=event,
    )
    audit.record(actor=actor, action="suspension.start", obj=suspension, unit=officer.unit,
                 after=audit.snapshot(suspension, ("started_on", "grounds", "min_training_hours", "status")),
                 reason=reason, legal_basis=basis)
    link = officer_link(officer)
    notify_officer(officer, title="您的行政执法证已被暂扣", body=reason, link=link)
    notify_unit(officer.unit, title=f"{officer.name}的行政执法证已被暂扣", body=reason, link=link)
    return suspension


def extend_suspension(*, officer: Officer, ground: str, reason: str, on: date, actor) -> Suspension:
    """A further ground while suspended: add its conditions to the running suspension."""
    suspension = Suspension.objects.select_for_update().get(officer=officer, status=Suspension.Status.ACTIVE)
    before = audit.snapshot(suspension, ("grounds", "min_training_hours"))
    if ground not in suspension.grounds:
        suspension.grounds = [*suspension.grounds, ground]
    if ground == rules.GROUND_INCOMPETENT:
        hours = decimal_param("personnel.return.min_training_hours", on=on, unit=officer.unit)
        suspension.min_training_hours = max(suspension.min_training_hours, hours)
    suspension.save(update_fields=["grounds", "min_training_hours"])
    audit.record(actor=actor, action="suspension.extend", obj=suspension, unit=officer.unit, before=before,
                 after=audit.snapshot(suspension, ("grounds", "min_training_hours")), reason=reason)
    notify_officer(officer, title="您的执法证暂扣追加了发还条件", body=reason, link=officer_link(officer))
    return suspension


def _end_suspension(certificate: Certificate, *, on: date, event: CertificateEvent, status: str) -> None:
    for suspension in Suspension.objects.select_for_update().filter(certificate=certificate, status=Suspension.Status.ACTIVE):
        suspension.status, suspension.ended_on, suspension.end_event = status, on, event
        suspension.save(update_fields=["status", "ended_on", "end_event"])


# --- return ----------------------------------------------------------------------------------------


def return_check(officer: Officer) -> tuple[Suspension | None, rules.ReturnDecision | None, date | None]:
    """The running suspension, whether its return is due, and the date the conditions were met."""
    suspension = Suspension.objects.filter(officer=officer, status=Suspension.Status.ACTIVE).first()
    if suspension is None:
        return None, None, None
    attendances = TrainingAttendance.objects.filter(officer=officer, session__held_on__gt=suspension.started_on)
    hours = attendances.aggregate(s=Sum("hours"))["s"] or Decimal(0)
    passed_on = ClosedBookResult.objects.filter(
        officer=officer, passed=True, taken_on__gt=suspension.started_on
    ).aggregate(m=Max("taken_on"))["m"]
    decision = rules.return_decide(
        grounds=suspension.grounds, suspended_on=suspension.started_on, training_hours_since=hours,
        min_training_hours=suspension.min_training_hours, passed_exam_on=passed_on,
    )
    met_on = None
    if decision.due:
        dates = [passed_on]
        if rules.GROUND_INCOMPETENT in suspension.grounds:
            dates.append(_date_hours_reached(attendances, suspension.min_training_hours))
        met_on = max(d for d in dates if d is not None)
    return suspension, decision, met_on


def _date_hours_reached(attendances, minimum: Decimal) -> date | None:
    total = Decimal(0)
    for held_on, hours in attendances.order_by("session__held_on", "id").values_list("session__held_on", "hours"):
        total += hours
        if total >= minimum:
            return held_on
    return None


def try_return(*, officer: Officer, actor) -> CertificateEvent | None:
    """Return the certificate when the rule says the conditions are met (R-PER-6, R-PER-10).
    Called after every training attendance and passed test of a suspended officer, so the return
    happens automatically — effective on the day the last condition was met."""
    suspension, decision, met_on = return_check(officer)
    if suspension is None or not decision.due:
        return None
    certificate = Certificate.objects.select_for_update().get(pk=suspension.certificate_id)
    grounds = "、".join(suspension.ground_labels)
    reason = (
        f"因{grounds}于{chinese_date(suspension.started_on)}被暂扣执法证；暂扣后已"
        f"{_conditions_text(suspension.grounds, suspension.min_training_hours)}，符合发还条件。"
    )
    document = issue_officer_document(
        officer=officer, kind="certificate_return", kind_label="发还行政执法证决定书",
        title=f"关于发还{officer.name}同志行政执法证的决定", actor=actor,
        paragraphs=[
            f"你的行政执法证（证号：{certificate.number}）于{chinese_date(suspension.started_on)}因{grounds}被暂扣。"
            f"经核查，你在暂扣后已{_conditions_text(suspension.grounds, suspension.min_training_hours)}。",
            f"根据{rules.BASIS_RETURN}，本机关决定自{chinese_date(met_on)}起发还你的行政执法证，恢复你的行政执法资格。",
        ],
    )
    event = transition(certificate=certificate, action=rules.RETURN, effective_on=met_on, reason=reason,
                       legal_basis=rules.BASIS_RETURN, actor=actor, document=document)
    _end_suspension(certificate, on=met_on, event=event, status=Suspension.Status.RETURNED)
    link = officer_link(officer)
    notify_officer(officer, title="您的行政执法证已发还", body=reason, link=link)
    notify_unit(officer.unit, title=f"{officer.name}的行政执法证已发还", body=reason, link=link)
    return event


@transaction.atomic
def certificate_return(*, actor, officer: Officer) -> CertificateEvent:
    """The agency asks for a return: done when the rule allows, refused with what is missing."""
    officer = Officer.objects.select_for_update().select_related("unit").get(pk=officer.pk)
    require(actor, "personnel.sanction", unit=officer.unit)
    suspension, decision, _ = return_check(officer)
    if suspension is None:
        raise Conflict("certificate_not_suspended", "该人员的执法证未被暂扣，无需发还。")
    if not decision.due:
        raise Conflict("return_conditions_unmet", "尚不符合发还条件：" + "；".join(decision.missing) + "。",
                       details={"missing": list(decision.missing)})
    return try_return(officer=officer, actor=actor)


# --- revocation and cancellation ------------------------------------------------------------------


def revoke(*, officer: Officer, trigger: str, reason: str, effective_on: date, actor, trigger_label: str = "") -> Certificate | None:
    """收回执法证、取消执法资格、责令调离执法岗位 (R-PER-7), whatever the trigger.

    Without a live certificate the qualification is still cancelled and the transfer ordered.
    """
    certificate = live_certificate(officer, lock=True)
    label = trigger_label or rules.TRIGGER_LABELS.get(trigger, trigger)
    due_on = holidays.load_calendar().add_working_days(
        effective_on, int(param("personnel.transfer.due_working_days", on=effective_on, unit=officer.unit))
    )
    needs_transfer = officer.status == Officer.Status.ACTIVE and officer.is_enforcement_post
    number = f"（证号：{certificate.number}）" if certificate else ""
    decisions = [f"一、自{chinese_date(effective_on)}起收回你的行政执法证{number}；" if certificate else
                 "一、你目前未持有有效的行政执法证，记录在案；",
                 "二、取消你的行政执法资格；"]
    if needs_transfer:
        decisions.append(f"三、责令{officer.unit.name}于{chinese_date(due_on)}前将你调离行政执法岗位。")
    document = issue_officer_document(
        officer=officer, kind="certificate_revocation", kind_label="收回行政执法证决定书",
        title=f"关于收回{officer.name}同志行政执法证并取消其执法资格的决定", actor=actor,
        paragraphs=[
            f"经查，{officer.unit.name}{officer.post}{officer.name}同志存在“{label}”的情形：{reason}",
            f"根据{rules.BASIS_REVOKE}，本机关决定：",
            *decisions,
        ],
    )
    if certificate is not None:
        event = transition(certificate=certificate, action=rules.REVOKE, effective_on=effective_on,
                           reason=f"{label}：{reason}", legal_basis=rules.BASIS_REVOKE, actor=actor,
                           document=document, ground=trigger)
        _end_suspension(certificate, on=effective_on, event=event, status=Suspension.Status.ENDED)
    before = audit.snapshot(officer, ("qualification_cancelled_on",))
    officer.qualification_cancelled_on = effective_on
    officer.save(update_fields=["qualification_cancelled_on", "updated_at"])
    audit.record(actor=actor, action="officer.qualification_cancel", obj=officer, unit=officer.unit, before=before,
                 after=audit.snapshot(officer, ("qualification_cancelled_on",)), reason=f"{label}：{reason}",
                 legal_basis=rules.BASIS_REVOKE)
    link = officer_link(officer)
    if needs_transfer and not TransferTask.objects.filter(officer=officer, status=TransferTask.Status.OPEN).exists():
        task = TransferTask.objects.create(
            officer=officer, unit=officer.unit, trigger=trigger, reason=f"{label}：{reason}", opened_on=effective_on,
            due_on=due_on,
        )
        audit.record(actor=actor, action="transfer_task.open", obj=task, unit=officer.unit,
                     after=audit.snapshot(task, ("trigger", "opened_on", "due_on", "status")),
                     legal_basis=rules.BASIS_REVOKE)
        notify_unit(officer.unit, title=f"请于{due_on:%Y-%m-%d}前将{officer.name}调离执法岗位",
                    body=f"{officer.name}的行政执法证已收回、执法资格已取消（{label}）。", link=link,
                    dedupe_key=f"transfer_task:{task.pk}")
    notify_officer(officer, title="您的行政执法证已被收回", body=f"{label}：{reason}", link=link)
    return certificate


def cancel_live_certificate(*, officer: Officer, effective_on: date, actor, reason: str) -> Certificate | None:
    """注销 the live certificate (leaving, retiring, moving off enforcement posts), if any."""
    certificate = live_certificate(officer, lock=True)
    if certificate is None:
        return None
    document = issue_officer_document(
        officer=officer, kind="certificate_cancellation", kind_label="注销行政执法证决定书",
        title=f"关于注销{officer.name}同志行政执法证的决定", actor=actor,
        paragraphs=[
            f"因{officer.name}同志{reason}，根据{rules.BASIS_CANCEL}，本机关决定自{chinese_date(effective_on)}起"
            f"注销其行政执法证（证号：{certificate.number}）。",
            "请所在单位收回证件原件并交回本机关。",
        ],
    )
    event = transition(certificate=certificate, action=rules.CANCEL, effective_on=effective_on, reason=reason,
                       legal_basis=rules.BASIS_CANCEL, actor=actor, document=document)
    _end_suspension(certificate, on=effective_on, event=event, status=Suspension.Status.ENDED)
    notify_officer(officer, title="您的行政执法证已注销", body=reason, link=officer_link(officer))
    return certificate


def apply_consequence(*, officer: Officer, consequence: rules.Consequence, on: date, actor, facts: str) -> None:
    """Carry out what a rule decided (suspend, extend, revoke or nothing)."""
    if consequence.action == rules.ACT_NONE:
        return
    if consequence.action == rules.ACT_EXTEND:
        extend_suspension(officer=officer, ground=consequence.ground, reason=f"{facts}{consequence.reason}", on=on,
                          actor=actor)
        return
    if consequence.action == rules.ACT_SUSPEND:
        certificate = live_certificate(officer, lock=True)
        suspend(officer=officer, certificate=certificate, ground=consequence.ground,
                reason=f"{facts}{consequence.reason}", effective_on=on, actor=actor)
        return
    if consequence.action == rules.ACT_REVOKE:
        revoke_at = int(param("personnel.suspension.revoke_at", on=on, unit=officer.unit))
        consecutive = int(param("personnel.assessment.consecutive_incompetent_revoke", on=on, unit=officer.unit))
        label = rules.revocation_trigger_label(consequence.trigger, revoke_at=revoke_at, consecutive=consecutive)
        revoke(officer=officer, trigger=consequence.trigger, reason=f"{facts}{consequence.reason}", effective_on=on,
               actor=actor, trigger_label=label)
        notify_agency(officer.unit, title=f"{officer.name}的行政执法证已依规收回", body=consequence.reason,
                      link=officer_link(officer))
        return
    raise ValueError(consequence.action)  # pragma: no cover - the rules return one of the four


# --- certificates issued before the platform -------------------------------------------------------


@transaction.atomic
def certificate_register(
    *, actor, officer: Officer, number: str, issued_on: date, valid_until: date | None = None,
    enforcement_domain: str = "", issuer: str = "",
) -> Certificate:
    """Register a certificate the province issued before this platform was used (历史证件登记).
    Only the supervision agency may do it; new certificates come from ``application_issue``."""
    officer = Officer.objects.select_for_update().select_related("unit").get(pk=officer.pk)
    require(actor, "personnel.sanction", unit=officer.unit)
    number = (number or "").strip()
    errors = check_date(issued_on, "issued_on", "发证日期", not_after=today())
    if not number or len(number) > 40 or any(c.isspace() for c in number):
        errors["number"] = "请填写证件编号（不超过40个字符，不含空格）。"
    if issued_on and valid_until is None:
        years = int(param("personnel.certificate.validity_years", on=issued_on, unit=officer.unit))
        valid_until = add_years(issued_on, years)
    if issued_on and valid_until and valid_until <= issued_on:
        errors["valid_until"] = "有效期至应晚于发证日期。"
    raise_if(errors)
    if officer.category != Officer.Category.OFFICER:
        raise Conflict("officer_ineligible", "行政执法辅助人员不得持有行政执法证。")
    if live_certificate(officer) is not None:
        raise Conflict("officer_ineligible", "该人员已持有有效或暂扣中的行政执法证。")
    if officer.qualification_cancelled_on is not None:
        raise Conflict("officer_ineligible", f"该人员的执法资格已于{officer.qualification_cancelled_on:%Y-%m-%d}取消。")
    if Certificate.objects.filter(number=number).exists():
        raise Conflict("certificate_number_taken", f"证件编号“{number}”已被使用，不能重复登记。",
                       details={"number": "该证件编号已被使用。"})
    certificate = Certificate.objects.create(
        officer=officer, number=number, issued_on=issued_on, valid_until=valid_until,
        issuer=issuer or param("personnel.certificate.issuer", on=issued_on, unit=officer.unit),
        enforcement_domain=enforcement_domain or officer.unit.domain,
    )
    CertificateEvent.objects.create(
        certificate=certificate, action=CertificateEvent.Action.ISSUE, from_status="", to_status=rules.VALID,
        effective_on=issued_on, reason="历史证件登记", legal_basis="", actor=actor,
    )
    audit.record(actor=actor, action="certificate.register", obj=certificate, unit=officer.unit,
                 after=audit.snapshot(certificate, CERT_FIELDS), reason="历史证件登记")
    return certificate


def add_years(d: date, years: int) -> date:
    """The last day of a validity of ``years`` years starting on ``d`` (29 February → 28th)."""
    from datetime import timedelta

    try:
        anniversary = d.replace(year=d.year + years)
    except ValueError:  # 29 February into a non-leap year: the anniversary is 1 March
        anniversary = date(d.year + years, 3, 1)
    return anniversary - timedelta(days=1)

