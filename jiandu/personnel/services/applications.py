"""Certificate applications and the three-level qualification review (R-PER-2, R-PER-3).

Order and levels are the transition table ``rules.REVIEW_TRANSITIONS``; each reviewer acts from
their own account at the seat of their unit (``Unit.review_seat``). The application row is
locked for every step, so two district seats signing at the same moment are serialized and the
last signature moves the application on exactly once.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from jiandu.core import audit, notifications
from jiandu.core.errors import Conflict, InvalidInput
from jiandu.core.scope import require, unit_visible
from jiandu.organization.models import Unit, User
from jiandu.organization.roles import Role
from jiandu.personnel import rules
from jiandu.personnel.models import (
    ApplicationReview,
    Certificate,
    CertificateApplication,
    CertificateEvent,
    Officer,
)
from jiandu.personnel.services._common import (
    check_date,
    decimal_param,
    notify_officer,
    notify_unit,
    param,
    raise_if,
    to_decimal,
    today,
)
from jiandu.personnel.services.certificates import CERT_FIELDS, add_years, live_certificate

APP_FIELDS = ("status", "exam_on", "exam_score", "certificate", "closing_reason")


def eligibility_facts(officer: Officer, *, ignore_open_application: bool = False) -> rules.EligibilityFacts:
    return rules.EligibilityFacts(
        unit_is_enforcement=officer.unit.is_enforcement_unit,
        is_enforcement_post=officer.is_enforcement_post,
        on_establishment=officer.on_establishment,
        fiscally_funded=officer.fiscally_funded,
        is_auxiliary=officer.category == Officer.Category.AUXILIARY,
        is_active=officer.status != Officer.Status.LEFT,
        has_live_certificate=live_certificate(officer) is not None,
        has_open_application=(
            not ignore_open_application
            and CertificateApplication.objects.filter(officer=officer, status__in=CertificateApplication.OPEN).exists()
        ),
        qualification_cancelled=officer.qualification_cancelled_on is not None,
    )


def _refuse_ineligible(reasons: list[rules.Reason], name: str) -> None:
    if reasons:
        raise Conflict(
            "officer_ineligible",
            f"{name}不符合申领行政执法证的条件：" + "；".join(r.message.rstrip("。") for r in reasons) + "。",
            details={"reasons": [{"code": r.code, "message": r.message} for r in reasons]},
        )


def application_link(application: CertificateApplication) -> str:
    return reverse("personnel:application", args=[application.pk])


def reviewers_for(seat: str, unit: Unit) -> list[User]:
    """Active accounts that sign for ``seat`` and whose review scope reaches ``unit``."""
    candidates = (
        User.objects.filter(unit__review_seat=seat, is_active=True,
                            roles__role__in=[Role.JOINT_REVIEWER, Role.AGENCY_OFFICER])
        .select_related("unit").distinct()
    )
    return [u for u in candidates if unit_visible(u, unit, "personnel.review")]


def _notify_seats(application: CertificateApplication, seats, *, title: str) -> None:
    recipients = [u for seat in seats for u in reviewers_for(seat, application.unit)]
    notifications.notify(recipients, title=title, body=f"申请人：{application.officer.name}（{application.unit.name}）",
                         link=application_link(application), category="personnel.review",
                         dedupe_key=f"application:{application.pk}:{application.status}")


@transaction.atomic
def application_submit(
    *, actor, officer: Officer, enforcement_domain: str = "", note: str = "", on: date | None = None
) -> CertificateApplication:
    """The officer's unit applies for a certificate (R-PER-2). Refused with every failing reason
    when the officer is not eligible; otherwise the district review starts and the reviewers of
    every required seat (a dated parameter, fixed on the application) are told."""
    officer = Officer.objects.select_for_update().select_related("unit").get(pk=officer.pk)
    require(actor, "personnel.manage", unit=officer.unit)
    on = on or today()
    facts = eligibility_facts(officer)
    _refuse_ineligible(rules.eligibility_reasons(facts), officer.name)
    domain = (enforcement_domain or officer.unit.domain or "").strip()
    if not domain:
        raise InvalidInput(details={"enforcement_domain": "请填写申领的执法类别，如“市场监管”。"})
    if len(domain) > 60:
        raise InvalidInput(details={"enforcement_domain": "执法类别不能超过60个字。"})
    seats = list(param("personnel.review.district_seats", on=on, unit=officer.unit))
    if not seats or any(s not in rules.DISTRICT_SEATS for s in seats):
        raise Conflict("policy_invalid", "政策参数“执法证资格初审须签署的单位席位”取值无效，请联系区行政执法监督机构。")
    try:
        with transaction.atomic():
            application = CertificateApplication.objects.create(
                officer=officer, unit=officer.unit, enforcement_domain=domain, note=(note or "").strip(),
                required_seats=seats, eligibility=facts.__dict__, submitted_on=on, submitted_by=actor,
            )
    except IntegrityError:  # a concurrent submission for the same officer
        _refuse_ineligible([rules.Reason("application_open", "已有正在审查中的申领申请。")], officer.name)
        raise
    audit.record(actor=actor, action="application.submit", obj=application, unit=officer.unit,
                 after={**audit.snapshot(application, ("officer", "enforcement_domain", "status", "required_seats")),
                        "eligibility": facts.__dict__})
    _notify_seats(application, seats, title=f"待办：{officer.name}的行政执法证申领待区级初审")
    return application


def _lock(application: CertificateApplication) -> CertificateApplication:
    return CertificateApplication.objects.select_for_update().select_related("officer", "officer__unit", "unit").get(
        pk=application.pk
    )


def _seat_of(actor) -> str:
    return actor.unit.review_seat if getattr(actor, "unit_id", None) else ""


def _signed_seats(application: CertificateApplication) -> set[str]:
    return set(application.reviews.filter(step=rules.STEP_DISTRICT).values_list("seat", flat=True))


def _act_on(value: date | None, application: CertificateApplication, label: str = "办理日期") -> date:
    value = value or today()
    last = application.reviews.order_by("-acted_on").values_list("acted_on", flat=True).first() or application.submitted_on
    raise_if(check_date(value, "acted_on", label, not_after=today(), not_before=last,
                        not_before_label=f"上一环节办理日期（{last:%Y-%m-%d}）"))
    return value


def _record_step(application, *, step, seat, verdict, reason, actor, acted_on, score=None) -> ApplicationReview:
    try:
        with transaction.atomic():
            return ApplicationReview.objects.create(
                application=application, step=step, seat=seat, verdict=verdict, reason=reason, score=score,
                reviewer=actor, reviewer_unit=actor.unit, acted_on=acted_on,
            )
    except IntegrityError:  # the same seat signing in two requests at once
        raise Conflict("review_already_signed", f"“{rules.SEAT_LABELS.get(seat, seat)}”已签署该环节意见，不能重复签署。") from None


def close_application(application: CertificateApplication, *, status: str, reason: str, actor) -> None:
    before = audit.snapshot(application, APP_FIELDS)
    application.status, application.closed_at, application.closing_reason = status, timezone.now(), reason
    application.save(update_fields=["status", "closed_at", "closing_reason"])
    audit.record(actor=actor, action=f"application.{status}", obj=application, unit=application.unit, before=before,
                 after=audit.snapshot(application, APP_FIELDS), reason=reason)
    link = application_link(application)
    notify_unit(application.unit, title=f"{application.officer.name}的执法证申领{rules.APPLICATION_STATUS_LABELS[status]}",
                body=reason, link=link)
    notify_officer(application.officer, title=f"您的执法证申领{rules.APPLICATION_STATUS_LABELS[status]}", body=reason,
                   link=link)


@transaction.atomic
def application_review(
    *, actor, application: CertificateApplication, approve: bool, reason: str = "", step: str | None = None,
    acted_on: date | None = None,
) -> CertificateApplication:
    """Sign a review step at the actor's seat (R-PER-3): district initial review (three seats, any
    order) → city re-review → province re-check. A refusal ends the application with its reason.

    Refusals (stable codes): ``review_wrong_level`` (another level's step), ``review_out_of_order``
    (a step before its turn, or one already passed), ``review_already_signed``,
    ``application_closed``; ``review_no_seat`` when the actor's unit has no review seat.
    """
    application = _lock(application)
    require(actor, "personnel.review", unit=application.unit, area="personnel.review")
    seat = _seat_of(actor)
    if not seat:
        raise Conflict("review_no_seat", "您所在单位不承担执法证资格审查，不能签署审查意见。")
    step = step or rules.review_step_for_seat(seat) or ""
    if step in (rules.STEP_EXAM, rules.STEP_ISSUE):
        raise InvalidInput(details={"step": "考试成绩与发证请分别通过“登记考试成绩”“颁发执法证”办理。"})
    reason = (reason or "").strip()
    decision = rules.review_decide(
        status=application.status, step=step, seat=seat, positive=approve,
        signed_seats=_signed_seats(application), required_seats=application.required_seats,
    )
    if not approve and not reason:
        raise InvalidInput(details={"reason": "不同意的，请写明理由。"})
    acted_on = _act_on(acted_on, application)
    _record_step(application, step=step, seat=seat, verdict=ApplicationReview.Verdict.APPROVE if approve else
                 ApplicationReview.Verdict.REFUSE, reason=reason, actor=actor, acted_on=acted_on)
    audit.record(actor=actor, action=f"application.review.{step}", obj=application, unit=application.unit,
                 after={"step": step, "seat": seat, "approve": approve}, reason=reason)
    label = f"{rules.SEAT_LABELS[seat]}{rules.STEP_LABELS[step]}"
    if not decision.positive:
        close_application(application, status=decision.new_status, reason=f"{label}不同意：{reason}", actor=actor)
        return application
    if decision.new_status != application.status:
        before = audit.snapshot(application, APP_FIELDS)
        application.status = decision.new_status
        application.save(update_fields=["status"])
        audit.record(actor=actor, action="application.advance", obj=application, unit=application.unit,
                     before=before, after=audit.snapshot(application, APP_FIELDS))
        _notify_next(application)
    return application


def _notify_next(application: CertificateApplication) -> None:
    name = application.officer.name
    if application.status == rules.CITY_REVIEW:
        _notify_seats(application, [rules.SEAT_CITY], title=f"待办：{name}的行政执法证申领待市级复审")
    elif application.status == rules.PROVINCE_REVIEW:
        _notify_seats(application, [rules.SEAT_PROVINCE], title=f"待办：{name}的行政执法证申领待省级复核")
    elif application.status == rules.EXAM_PENDING:
        _notify_seats(application, [rules.SEAT_PROVINCE, rules.SEAT_AGENCY],
                      title=f"待办：{name}已取得执法资格考试资格，待登记考试成绩")
        notify_unit(application.unit, title=f"{name}已通过三级资格审查，取得执法资格考试资格",
                    link=application_link(application))
    elif application.status == rules.AWAITING_ISSUE:
        _notify_seats(application, [rules.SEAT_PROVINCE, rules.SEAT_AGENCY], title=f"待办：{name}考试合格，待颁发执法证")


@transaction.atomic
def application_record_exam(
    *, actor, application: CertificateApplication, score, exam_on: date
) -> CertificateApplication:
    """Record the result of the provincial exam (pass mark: a dated parameter). A fail ends the
    application; a pass leads to issuance."""
    application = _lock(application)
    require(actor, "personnel.review", unit=application.unit, area="personnel.review")
    seat = _seat_of(actor)
    value, errors = to_decimal(score, "score", "考试成绩", minimum=0, maximum=100, allow_zero=True)
    raise_if(errors)
    pass_score = decimal_param("personnel.certificate.exam_pass_score", on=exam_on or today(), unit=application.unit)
    passed = rules.score_passes(value, pass_score)
    rules.review_decide(status=application.status, step=rules.STEP_EXAM, seat=seat, positive=passed)
    exam_on = _act_on(exam_on, application, "考试日期")
    _record_step(application, step=rules.STEP_EXAM, seat=seat,
                 verdict=ApplicationReview.Verdict.PASS if passed else ApplicationReview.Verdict.FAIL,
                 reason=f"成绩{rules.format_hours(value)}分（合格线{rules.format_hours(pass_score)}分）", actor=actor,
                 acted_on=exam_on, score=value)
    before = audit.snapshot(application, APP_FIELDS)
    application.exam_on, application.exam_score = exam_on, value
    application.save(update_fields=["exam_on", "exam_score"])
    audit.record(actor=actor, action="application.exam", obj=application, unit=application.unit, before=before,
                 after=audit.snapshot(application, APP_FIELDS))
    if not passed:
        close_application(application, status=rules.EXAM_FAILED,
                          reason=f"执法资格考试成绩{rules.format_hours(value)}分，未达合格线{rules.format_hours(pass_score)}分。",
                          actor=actor)
        return application
    application.status = rules.AWAITING_ISSUE
    application.save(update_fields=["status"])
    audit.record(actor=actor, action="application.advance", obj=application, unit=application.unit, before=before,
                 after=audit.snapshot(application, APP_FIELDS))
    _notify_next(application)
    return application


def _next_certificate_number(unit: Unit, year: int) -> str:
    jurisdiction = unit.jurisdiction() or unit
    prefix = jurisdiction.code if jurisdiction.code.isdigit() else ""
    serial = Certificate.objects.filter(number__startswith=f"{prefix}{year}").count() + 1
    number = rules.certificate_number(prefix, year, serial)
    while Certificate.objects.filter(number=number).exists():
        serial += 1
        number = rules.certificate_number(prefix, year, serial)
    return number


@transaction.atomic
def application_issue(
    *, actor, application: CertificateApplication, issued_on: date | None = None, number: str = "",
) -> Certificate:
    """Issue the certificate after a passed exam (R-PER-3): unique number (generated when the
    province's number is not given), issuer and validity from dated parameters. Eligibility is
    checked again: a person moved off enforcement posts meanwhile does not get a certificate."""
    application = _lock(application)
    require(actor, "personnel.review", unit=application.unit, area="personnel.review")
    seat = _seat_of(actor)
    rules.review_decide(status=application.status, step=rules.STEP_ISSUE, seat=seat, positive=True)
    issued_on = _act_on(issued_on, application, "发证日期")
    number = (number or "").strip()
    if number and (len(number) > 40 or any(c.isspace() for c in number)):
        raise InvalidInput(details={"number": "证件编号不超过40个字符，且不含空格。"})
    officer = Officer.objects.select_for_update().select_related("unit").get(pk=application.officer_id)
    _refuse_ineligible(rules.eligibility_reasons(eligibility_facts(officer, ignore_open_application=True)), officer.name)
    if number and Certificate.objects.filter(number=number).exists():
        raise Conflict("certificate_number_taken", f"证件编号“{number}”已被使用，不能重复。",
                       details={"number": "该证件编号已被使用。"})
    number = number or _next_certificate_number(application.unit, issued_on.year)
    years = int(param("personnel.certificate.validity_years", on=issued_on, unit=application.unit))
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                officer=officer, number=number, issued_on=issued_on, valid_until=add_years(issued_on, years),
                issuer=param("personnel.certificate.issuer", on=issued_on, unit=application.unit),
                enforcement_domain=application.enforcement_domain,
            )
    except IntegrityError:
        raise Conflict("certificate_number_taken", f"证件编号“{number}”已被使用，不能重复。",
                       details={"number": "该证件编号已被使用。"}) from None
    CertificateEvent.objects.create(
        certificate=certificate, action=CertificateEvent.Action.ISSUE, from_status="", to_status=rules.VALID,
        effective_on=issued_on, reason="经三级资格审查、执法资格考试合格，颁发行政执法证",
        legal_basis=f"{rules.PLAN_BASIS}二(二)1", actor=actor,
    )
    audit.record(actor=actor, action="certificate.issue", obj=certificate, unit=officer.unit,
                 after=audit.snapshot(certificate, CERT_FIELDS), legal_basis=f"{rules.PLAN_BASIS}二(二)1")
    _record_step(application, step=rules.STEP_ISSUE, seat=seat, verdict=ApplicationReview.Verdict.ISSUED,
                 reason=f"证号 {number}", actor=actor, acted_on=issued_on)
    before = audit.snapshot(application, APP_FIELDS)
    application.certificate, application.status, application.closed_at = certificate, rules.ISSUED, timezone.now()
    application.save(update_fields=["certificate", "status", "closed_at"])
    audit.record(actor=actor, action="application.issued", obj=application, unit=application.unit, before=before,
                 after=audit.snapshot(application, APP_FIELDS))
    link = application_link(application)
    notify_unit(application.unit, title=f"{officer.name}的行政执法证已颁发（证号 {number}）", link=link)
    notify_officer(officer, title=f"您的行政执法证已颁发（证号 {number}）", link=link)
    return certificate


@transaction.atomic
def application_withdraw(*, actor, application: CertificateApplication, reason: str) -> CertificateApplication:
    """The applying unit withdraws an application still under review."""
    application = _lock(application)
    require(actor, "personnel.manage", unit=application.unit)
    if application.status not in rules.WITHDRAWABLE_STATUSES:
        raise Conflict("application_not_withdrawable",
                       f"该申请当前为“{rules.APPLICATION_STATUS_LABELS[application.status]}”，不能撤回。")
    if not (reason or "").strip():
        raise InvalidInput(details={"reason": "请填写撤回原因。"})
    close_application(application, status=rules.WITHDRAWN, reason=f"申请单位撤回：{reason.strip()}", actor=actor)
    return application

