"""Clue referral to discipline inspection (R-PER-8): the agency refers, the discipline liaison
records receipt and outcome; a receipt not recorded within the working-day period is flagged."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.urls import reverse

from jiandu.core import audit, documents, holidays, notifications
from jiandu.core.errors import Conflict
from jiandu.core.scope import require
from jiandu.organization.models import User
from jiandu.organization.roles import Role
from jiandu.personnel import rules
from jiandu.personnel.models import Officer, Referral
from jiandu.personnel.services._common import (
    agency_for,
    chinese_date,
    check_date,
    discipline_unit_for,
    notify_agency,
    param,
    raise_if,
    today,
)

FIELDS = ("status", "received_on", "receipt_note", "outcome", "outcome_note", "concluded_on")
BASIS = f"{rules.PLAN_BASIS}二(二)2“对行政执法中违法违纪的，将违法违纪线索移送区纪检监察部门依法依规处理”"


def referral_link(referral: Referral) -> str:
    return reverse("personnel:referral", args=[referral.pk])


def liaisons_for(referral: Referral) -> list[User]:
    return list(User.objects.filter(unit=referral.recipient, roles__role=Role.DISCIPLINE_LIAISON, is_active=True).distinct())


@transaction.atomic
def referral_create(
    *, actor, officer: Officer, facts: str, legal_basis: str = "", referred_on: date | None = None
) -> Referral:
    """Refer a clue about ``officer`` to the jurisdiction's discipline inspection body, with a
    numbered referral letter; receipt is due within a number of working days (a parameter)."""
    officer = Officer.objects.select_related("unit").get(pk=officer.pk)
    require(actor, "personnel.refer", unit=officer.unit)
    referred_on = referred_on or today()
    errors = check_date(referred_on, "referred_on", "移送日期", not_after=today())
    if not (facts or "").strip():
        errors["facts"] = "请写明线索内容：时间、事项、涉及的违法违纪情形及已掌握的材料。"
    elif len(facts.strip()) < 10:
        errors["facts"] = "线索内容过于简单，请写明时间、事项和已掌握的材料。"
    raise_if(errors)
    recipient = discipline_unit_for(officer.unit)
    days = int(param("personnel.referral.receipt_working_days", on=referred_on, unit=officer.unit))
    due_on = holidays.load_calendar().add_working_days(referred_on, days)
    agency = agency_for(officer.unit)
    document = documents.issue(
        kind="clue_referral", kind_label="违法违纪线索移送函", title=f"关于移送{officer.name}同志涉嫌违法违纪问题线索的函",
        # Owned by the agency, not the officer's unit: a referral is confidential to the referring
        # agency and discipline inspection (documents and audit events are scoped by this unit).
        issuer=agency, unit=agency, actor=actor, recipient=recipient.name, recipient_unit=recipient,
        paragraphs=[
            f"本机关在行政执法监督工作中发现，{officer.unit.name}{officer.post}{officer.name}同志涉嫌违法违纪，线索如下：",
            facts.strip(),
            f"根据{BASIS}，现将上述线索移送你委（局），请依法依规处理，并于{chinese_date(due_on)}前反馈接收情况，"
            "办结后反馈处理结果。",
        ],
    )
    referral = Referral.objects.create(
        officer=officer, unit=officer.unit, recipient=recipient, facts=facts.strip(),
        legal_basis=(legal_basis or "").strip() or BASIS[:255], referred_on=referred_on, due_on=due_on,
        referred_by=actor, document=document,
    )
    audit.record(actor=actor, action="referral.create", obj=referral, unit=agency,
                 after=audit.snapshot(referral, ("officer", "recipient", "referred_on", "due_on", "status")),
                 legal_basis=referral.legal_basis)
    notifications.notify(liaisons_for(referral), title=f"待接收：{agency.display_name}移送的违法违纪线索",
                         body=f"涉及人员：{officer.name}（{officer.unit.name}），请于{due_on:%Y-%m-%d}前接收。",
                         link=referral_link(referral), category="personnel.referral",
                         dedupe_key=f"referral:{referral.pk}:sent")
    return referral


def _lock(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().select_related("officer", "unit", "recipient").get(pk=referral.pk)


@transaction.atomic
def referral_receive(*, actor, referral: Referral, received_on: date | None = None, note: str = "") -> Referral:
    """The discipline liaison records receipt of the clue."""
    referral = _lock(referral)
    require(actor, "personnel.referral_receive", unit=referral.unit, area="personnel.referral")
    if actor.unit_id != referral.recipient_id:
        raise Conflict("referral_wrong_recipient", "该线索移送至其他机关，您不能办理接收。")
    if referral.status != Referral.Status.SENT:
        raise Conflict("referral_already_received", f"该线索已于{referral.received_on:%Y-%m-%d}接收。")
    received_on = received_on or today()
    raise_if(check_date(received_on, "received_on", "接收日期", not_after=today(), not_before=referral.referred_on,
                        not_before_label=f"移送日期（{referral.referred_on:%Y-%m-%d}）"))
    before = audit.snapshot(referral, FIELDS)
    referral.status, referral.received_on, referral.received_by = Referral.Status.RECEIVED, received_on, actor
    referral.receipt_note = (note or "").strip()[:200]
    referral.save(update_fields=["status", "received_on", "received_by", "receipt_note"])
    audit.record(actor=actor, action="referral.receive", obj=referral, unit=agency_for(referral.unit), before=before,
                 after=audit.snapshot(referral, FIELDS))
    notify_agency(referral.unit, title=f"{referral.recipient.display_name}已接收{referral.officer.name}的违法违纪线索",
                  link=referral_link(referral))
    return referral


@transaction.atomic
def referral_conclude(
    *, actor, referral: Referral, outcome: str, outcome_note: str, concluded_on: date | None = None
) -> Referral:
    """The discipline liaison records the outcome; the clue is closed."""
    referral = _lock(referral)
    require(actor, "personnel.referral_receive", unit=referral.unit, area="personnel.referral")
    if actor.unit_id != referral.recipient_id:
        raise Conflict("referral_wrong_recipient", "该线索移送至其他机关，您不能反馈处理结果。")
    if referral.status == Referral.Status.SENT:
        raise Conflict("referral_not_received", "请先登记接收，再反馈处理结果。")
    if referral.status == Referral.Status.CONCLUDED:
        raise Conflict("referral_concluded", "该线索已办结。")
    concluded_on = concluded_on or today()
    errors = check_date(concluded_on, "concluded_on", "办结日期", not_after=today(), not_before=referral.received_on,
                        not_before_label=f"接收日期（{referral.received_on:%Y-%m-%d}）")
    if outcome not in Referral.Outcome.values:
        errors["outcome"] = "请选择处理结果。"
    if not (outcome_note or "").strip():
        errors["outcome_note"] = "请填写处理情况（如处分决定文号、结论要点）。"
    raise_if(errors)
    before = audit.snapshot(referral, FIELDS)
    referral.status, referral.outcome, referral.outcome_note = Referral.Status.CONCLUDED, outcome, outcome_note.strip()
    referral.concluded_on, referral.concluded_by = concluded_on, actor
    referral.save(update_fields=["status", "outcome", "outcome_note", "concluded_on", "concluded_by"])
    audit.record(actor=actor, action="referral.conclude", obj=referral, unit=agency_for(referral.unit), before=before,
                 after=audit.snapshot(referral, FIELDS))
    notify_agency(referral.unit, title=f"{referral.officer.name}的违法违纪线索已办结：{referral.get_outcome_display()}",
                  link=referral_link(referral))
    return referral


def referral_flag_overdue(*, on: date) -> int:
    """Sweep: referrals whose receipt is overdue get one alert each (agency and liaison).
    Compare-and-swap on ``overdue_notified_on`` so concurrent sweeps alert once."""
    flagged = 0
    for referral in Referral.objects.filter(status=Referral.Status.SENT, due_on__lt=on, overdue_notified_on__isnull=True).select_related("officer", "unit", "recipient"):
        with transaction.atomic():
            won = Referral.objects.filter(pk=referral.pk, overdue_notified_on__isnull=True).update(overdue_notified_on=on)
            if not won:
                continue
            title = f"逾期未接收：{referral.officer.name}的违法违纪线索（应于{referral.due_on:%Y-%m-%d}前接收）"
            notifications.notify(liaisons_for(referral), title=title, link=referral_link(referral),
                                 category="personnel.referral", dedupe_key=f"referral:{referral.pk}:overdue")
            notify_agency(referral.unit, title=title, link=referral_link(referral),
                          dedupe_key=f"referral:{referral.pk}:overdue")
            flagged += 1
    return flagged


