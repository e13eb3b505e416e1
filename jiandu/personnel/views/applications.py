"""Certificate application pages (R-PER-2, R-PER-3): list, the application with its steps and
the action of the current user's seat, and each reviewer's queue."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from jiandu.core import scope
from jiandu.core.paging import offset_page
from jiandu.personnel import forms, rules, selectors, services
from jiandu.personnel.models import ApplicationReview, CertificateApplication
from jiandu.personnel.views._common import can, submit

LIST = ("执法证申领与审查", "/personnel/applications/")


@login_required
def application_list(request):
    qs = selectors.applications_visible(request.user).select_related("certificate").order_by("-submitted_on", "-id")
    status = request.GET.get("status", "")
    if status in rules.APPLICATION_STATUS_LABELS:
        qs = qs.filter(status=status)
    elif status == "open":
        qs = qs.filter(status__in=rules.OPEN_APPLICATION_STATUSES)
    page = offset_page(request, qs, per_page=20)
    counts = selectors.application_status_counts(request.user)
    return render(request, "personnel/application_list.html", {
        "page": page, "status": status, "statuses": rules.APPLICATION_STATUS_LABELS,
        "levels": [(s, rules.APPLICATION_STATUS_LABELS[s], counts[s]) for s in rules.OPEN_APPLICATION_STATUSES],
        "queue_count": selectors.review_queue(request.user).count() if _has_seat(request.user) else None,
        "page_title": "执法证申领与审查", "breadcrumbs": [("执法证申领与审查", None)],
    })


def _has_seat(user) -> bool:
    return bool(user.unit_id and user.unit.review_seat) and scope.has_permission(user, "personnel.review")


@login_required
def review_queue(request):
    rows = list(selectors.review_queue(request.user)[:200])
    seat = request.user.unit.review_seat if request.user.unit_id else ""
    return render(request, "personnel/review_queue.html", {
        "rows": rows, "seat_label": rules.SEAT_LABELS.get(seat, ""),
        "page_title": "我的审查待办", "breadcrumbs": [LIST, ("我的审查待办", None)],
    })


def _steps(application: CertificateApplication, reviews: list[ApplicationReview]) -> list[dict]:
    """The ``jd-steps`` bar: submission, then each step done / current / refused / to come."""
    by_step: dict[str, list[ApplicationReview]] = {}
    for r in reviews:
        by_step.setdefault(r.step, []).append(r)
    status = application.status
    current = rules.STATUS_STEP.get(status)
    steps = [{"label": "提交申请", "state": "done", "note": f"{application.submitted_on:%Y-%m-%d}"}]
    ended_at = None
    if status in (rules.REFUSED, rules.EXAM_FAILED):
        negative = [r for r in reviews if r.verdict in (ApplicationReview.Verdict.REFUSE, ApplicationReview.Verdict.FAIL)]
        ended_at = negative[-1].step if negative else None
    for step in rules.STEPS:
        done = by_step.get(step, [])
        if step == ended_at:
            state = "refused"
        elif status == rules.ISSUED or (current and rules.STEPS.index(step) < rules.STEPS.index(current)):
            state = "done"
        elif step == current:
            state = "current"
        elif ended_at and rules.STEPS.index(step) < rules.STEPS.index(ended_at):
            state = "done"
        else:
            state = ""
        note = ""
        if step == rules.STEP_DISTRICT:
            signed = {r.seat for r in done}
            note = f"{len(signed & set(application.required_seats))}/{len(application.required_seats)} 席位已签署"
        elif done:
            note = f"{done[-1].acted_on:%Y-%m-%d}"
        steps.append({"label": rules.STEP_LABELS[step], "state": state, "note": note})
    return steps


@login_required
def application_detail(request, application_id: int):
    application = selectors.application_get(request.user, application_id)
    user = request.user
    reviews = list(application.reviews.select_related("reviewer", "reviewer_unit"))
    seat = user.unit.review_seat if user.unit_id else ""
    today = timezone.localdate()
    url = reverse("personnel:application", args=[application.pk])
    may_review = can(user, "personnel.review", application.unit, area="personnel.review") and bool(seat)
    signed = {r.seat for r in reviews if r.step == rules.STEP_DISTRICT}
    action = ""
    form = None
    status = application.status
    if may_review:
        if status == rules.DISTRICT_REVIEW and seat in application.required_seats and seat not in signed:
            action = "review"
        elif (status, rules.review_step_for_seat(seat)) in rules.REVIEW_TRANSITIONS and status != rules.DISTRICT_REVIEW:
            action = "review"
        elif status == rules.EXAM_PENDING and seat in rules.STEP_SEATS[rules.STEP_EXAM]:
            action = "exam"
        elif status == rules.AWAITING_ISSUE and seat in rules.STEP_SEATS[rules.STEP_ISSUE]:
            action = "issue"
    post = request.POST if request.method == "POST" and request.POST.get("action") == action else None
    if action == "review":
        form = forms.ReviewForm(post)
        done = submit(request, form, lambda verdict, reason: services.application_review(
            actor=user, application=application, approve=verdict == "approve", reason=reason),
            success="已签署审查意见。", next_url=url)
    elif action == "exam":
        form = forms.ExamForm(post, initial={"exam_on": today})
        done = submit(request, form, lambda **d: services.application_record_exam(actor=user, application=application, **d),
                      success="已登记考试成绩。", next_url=url)
    elif action == "issue":
        form = forms.IssueForm(post, initial={"issued_on": today})
        done = submit(request, form, lambda **d: services.application_issue(actor=user, application=application, **d),
                      success="已颁发行政执法证。", next_url=url)
    else:
        done = None
    withdraw_form = None
    if status in rules.WITHDRAWABLE_STATUSES and can(user, "personnel.manage", application.unit):
        withdraw_form = forms.WithdrawForm(request.POST if request.POST.get("action") == "withdraw" else None)
        done = done or submit(request, withdraw_form, lambda **d: services.application_withdraw(
            actor=user, application=application, **d), success="已撤回申请。", next_url=url)
    if done:
        return done
    required = [(s, rules.SEAT_LABELS[s], next((r for r in reviews if r.step == rules.STEP_DISTRICT and r.seat == s), None))
                for s in application.required_seats]
    return render(request, "personnel/application_detail.html", {
        "application": application, "reviews": reviews, "steps": _steps(application, reviews), "required": required,
        "action": action, "form": form, "withdraw_form": withdraw_form, "seat_label": rules.SEAT_LABELS.get(seat, ""),
        "status_label": rules.APPLICATION_STATUS_LABELS[status], "eligibility": application.eligibility,
        "can_open_officer": can(user, "personnel.manage", application.unit) or _sees_officer(user, application),
        "page_title": f"{application.officer.name} · 行政执法证申领", "breadcrumbs": [LIST, (application.officer.name, None)],
    })


def _sees_officer(user, application) -> bool:
    return selectors.officers_visible(user).filter(pk=application.officer_id).exists()
