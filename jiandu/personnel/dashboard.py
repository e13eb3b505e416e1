"""Dashboard cards of the personnel app: what each role needs to see on arrival."""

from __future__ import annotations

from datetime import date

from jiandu.core.scope import has_permission
from jiandu.core.ui import Widget
from jiandu.personnel import rules, selectors
from jiandu.personnel.models import Officer, Referral, TransferTask


def widgets(user, today: date) -> list[Widget]:
    result: list[Widget] = []
    manage = has_permission(user, "personnel.manage")
    agency = has_permission(user, "personnel.sanction")
    if manage:
        result.append(_certificates(user, today, title="执法证状态" if agency else "本单位执法证"))
        result.append(_training(user, today))
    if agency:
        result.append(_pending(user, today))
    elif manage:
        result.append(_unit_pending(user, today))
    if has_permission(user, "personnel.review") and getattr(user, "unit_id", None) and user.unit.review_seat:
        result.append(_queue(user))
    if has_permission(user, "personnel.referral_receive"):
        result.append(_referrals(user, today))
    officer = Officer.objects.filter(user=user).select_related("unit").first() if user.is_authenticated else None
    if officer is not None:
        result.append(_own(user, officer, today))
    return result


def _certificates(user, today: date, *, title: str) -> Widget:
    counts = selectors.certificate_status_counts(user, on=today)
    labels = dict(rules.STATUS_LABELS)
    rows = [(s, labels[s], counts[s]) for s in (rules.VALID, rules.SUSPENDED, rules.EXPIRED, rules.REVOKED,
                                                rules.CANCELLED, rules.NONE)]
    apps = selectors.application_status_counts(user)
    levels = [(rules.APPLICATION_STATUS_LABELS[s], apps[s], s) for s in
              (rules.DISTRICT_REVIEW, rules.CITY_REVIEW, rules.PROVINCE_REVIEW, rules.EXAM_PENDING, rules.AWAITING_ISSUE)]
    return Widget(title, "personnel/widgets/certificates.html", {"rows": rows, "total": sum(counts.values()),
                                                               "levels": levels}, order=30, size=6)


def _training(user, today: date) -> Widget:
    target, expected, units = selectors.training_by_unit(user, year=today.year, on=today)
    people = sum(u.compliance.people for u in units)
    compliant = sum(u.compliance.compliant for u in units)
    behind = sum(u.compliance.behind_pace for u in units)
    worst = [u for u in units if u.compliance.short][:5]
    return Widget(f"{today.year}年培训学时", "personnel/widgets/training.html", {
        "target": target, "expected": expected, "people": people, "compliant": compliant, "behind": behind,
        "rate": rules.UnitCompliance(people, compliant, behind).rate, "worst": worst, "year": today.year,
        "units_count": len(units),
    }, order=31, size=6)


def _pending(user, today: date) -> Widget:
    referrals = selectors.referrals_visible(user)
    return Widget("执法队伍管理待办", "personnel/widgets/pending.html", {
        "retakes": selectors.retakes_due(user).count(),
        "suspensions": selectors.suspensions_active(user).count(),
        "transfers": selectors.transfer_tasks_visible(user).filter(status=TransferTask.Status.OPEN).count(),
        "transfers_overdue": selectors.transfer_tasks_visible(user).filter(status=TransferTask.Status.OPEN,
                                                                           due_on__lt=today).count(),
        "referrals_open": referrals.exclude(status=Referral.Status.CONCLUDED).count(),
        "referrals_overdue": referrals.filter(status=Referral.Status.SENT, due_on__lt=today).count(),
    }, order=32, size=6)


def _unit_pending(user, today: date) -> Widget:
    apps = selectors.application_status_counts(user)
    return Widget("本单位待办", "personnel/widgets/unit_pending.html", {
        "in_review": sum(apps[s] for s in rules.OPEN_APPLICATION_STATUSES),
        "retakes": selectors.retakes_due(user).count(),
        "suspensions": selectors.suspensions_active(user).count(),
        "transfers": selectors.transfer_tasks_visible(user).filter(status=TransferTask.Status.OPEN).count(),
    }, order=32, size=6)


def _queue(user) -> Widget:
    queue = selectors.review_queue(user)
    seat = user.unit.review_seat
    return Widget(f"资格审查待办（{rules.SEAT_LABELS.get(seat, '')}）", "personnel/widgets/queue.html",
                  {"rows": list(queue[:6]), "count": queue.count()}, order=25, size=6)


def _referrals(user, today: date) -> Widget:
    qs = selectors.referrals_visible(user).filter(recipient_id=user.unit_id).exclude(status=Referral.Status.CONCLUDED)
    return Widget("移送线索待办", "personnel/widgets/referrals.html",
                  {"rows": list(qs.order_by("due_on")[:6]), "count": qs.count(), "today": today}, order=25, size=6)


def _own(user, officer: Officer, today: date) -> Widget:
    from jiandu.personnel.services.training import training_target

    annotated = selectors.with_hours(selectors.with_certificate(Officer.objects.filter(pk=officer.pk), on=today),
                                     year=today.year).get()
    status = rules.training_status(annotated.hours_year, target=training_target(officer.unit, today.year, on=today),
                                   year=today.year, on=today)
    return Widget("我的执法证与学时", "personnel/widgets/own.html", {
        "officer": annotated, "status_label": dict(rules.STATUS_LABELS).get(annotated.cert_status, ""),
        "training": status, "retakes": selectors.retakes_due(user).filter(officer=officer).count(),
    }, order=5, size=6)
