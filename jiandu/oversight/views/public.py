"""Public pages (no login): filing and tracking complaints (R-SUP-1), published inspection notices
(R-SUP-4), published case-file review results and the open verification of every draw (R-SUP-6).

Abuse protection on filing: a per-address rate limit kept in Django's cache and a one-time
arithmetic challenge kept in the session. (The cache must be shared between web processes in
production — a database or Redis cache — for the limit to hold across them.) Tracking lookups are
rate-limited too, so codes cannot be tried in bulk; a wrong code shows nothing at all.
"""

from __future__ import annotations

import secrets

from django.core.cache import cache
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from jiandu.cases.models import Case
from jiandu.core.errors import DomainError, NotFound
from jiandu.core.workdays import CalendarYearMissing
from jiandu.core.views import form_error
from jiandu.organization.models import Unit
from jiandu.oversight import selectors
from jiandu.oversight.forms import PublicComplaintForm
from jiandu.oversight.models import ReviewCampaign
from jiandu.oversight.rules import draw as draw_rules
from jiandu.oversight.services import complaints as cs
from jiandu.oversight.services import reviews as rv
from jiandu.oversight.views._helpers import client_ip

SUBMIT_LIMIT = (5, 3600)  # filings per address per hour
TRACK_LIMIT = (20, 600)  # lookups per address per ten minutes
CHALLENGE_KEY = "oversight_challenge"
CODE_KEY = "oversight_new_code"


def rate_limited(request, kind: str, limit: tuple[int, int]) -> bool:
    """Count this request against the address's window; True when over the limit."""
    maximum, window = limit
    key = f"oversight:rate:{kind}:{client_ip(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > maximum


def new_challenge(request) -> str:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    if secrets.randbelow(2):
        a, b = max(a, b), min(a, b)
        question, answer = f"{a} - {b}", a - b
    else:
        question, answer = f"{a} + {b}", a + b
    request.session[CHALLENGE_KEY] = {"q": question, "a": answer}
    return question


def _units():
    return selectors.public_units()


@never_cache
def complaint_new(request):
    question = ""
    if request.method == "POST":
        expected = request.session.pop(CHALLENGE_KEY, None)
        question = new_challenge(request)  # one attempt per challenge
        form = PublicComplaintForm(request.POST, request.FILES, units=_units(), question=question)
        if rate_limited(request, "submit", SUBMIT_LIMIT):
            form = PublicComplaintForm(request.POST, units=_units(), question=question)
            form.is_valid()
            form.add_error(None, "提交过于频繁，请一小时后再试；情况紧急的，请拨打 12345 热线。")
            return render(request, "oversight/public/complaint_new.html", {"form": form, "page_title": "投诉举报"},
                          status=429)
        if form.is_valid():
            if expected is None or form.cleaned_data["challenge"] != expected["a"]:
                form.add_error("challenge", "计算结果不正确，请重新计算新的算式。")
            else:
                data = {k: v for k, v in form.cleaned_data.items() if k != "challenge"}
                try:
                    complaint, code = cs.complaint_submit_public(**data)
                except CalendarYearMissing:
                    # The admin has not entered next year's holidays yet (late December): the filer
                    # cannot act on that, so tell them where else to go rather than why.
                    form.add_error(None, "系统暂时无法计算办理期限，暂不能在线提交。请拨打 12345 热线反映，或过几天再试。")
                except DomainError as exc:
                    form_error(form, exc)
                else:
                    request.session[CODE_KEY] = {"code": code, "number": complaint.number,
                                                 "due": complaint.accept_due_on.isoformat(), "kind": complaint.get_kind_display()}
                    return redirect("oversight_public:complaint_submitted")
        form.fields["challenge"].label = f"验证：{question} = ?"
        form.data = form.data.copy()
        form.data["challenge"] = ""
        return render(request, "oversight/public/complaint_new.html", {"form": form, "page_title": "投诉举报"}, status=400)
    question = new_challenge(request)
    form = PublicComplaintForm(units=_units(), question=question)
    return render(request, "oversight/public/complaint_new.html", {"form": form, "page_title": "投诉举报"})


@never_cache
def complaint_submitted(request):
    """Shows the code once: it is not stored in clear anywhere, so a reload shows nothing."""
    receipt = request.session.pop(CODE_KEY, None)
    if receipt is None:
        return redirect("oversight_public:complaint_track")
    return render(request, "oversight/public/complaint_submitted.html", {"receipt": receipt, "page_title": "提交成功"})


@never_cache
def complaint_track(request):
    context = {"page_title": "投诉举报办理查询", "searched": False}
    if request.method == "POST":
        if rate_limited(request, "track", TRACK_LIMIT):
            context["error"] = "查询过于频繁，请十分钟后再试。"
            return render(request, "oversight/public/complaint_track.html", context, status=429)
        complaint = cs.complaint_by_code(request.POST.get("code", ""))
        context["searched"] = True
        if complaint is None:
            context["error"] = "未找到与该查询码对应的投诉举报，请核对后重新输入。"
            return render(request, "oversight/public/complaint_track.html", context, status=404)
        context["view"] = cs.public_view(complaint)
    return render(request, "oversight/public/complaint_track.html", context)


# --- published inspection notices ----------------------------------------------------------------------


def inspection_list(request):
    return render(request, "oversight/public/inspection_list.html", {
        "inspections": selectors.published_inspections()[:100], "page_title": "法治督察通报"})


def inspection_detail(request, inspection_id: int):
    inspection = selectors.published_inspection_get(inspection_id)
    return render(request, "oversight/public/inspection_detail.html", {
        "i": inspection, "targets": [t.unit for t in inspection.targets.select_related("unit")],
        "paragraphs": [p for p in inspection.notice_summary.splitlines() if p.strip()], "page_title": inspection.notice_title})


# --- case-file review results and draws ------------------------------------------------------------------


def review_list(request):
    return render(request, "oversight/public/review_list.html", {
        "published": selectors.published_reviews()[:50], "drawn": selectors.drawn_reviews()[:50],
        "page_title": "案卷评查结果"})


def review_detail(request, review_id: int):
    campaign = selectors.published_reviews().filter(pk=review_id).first()
    if campaign is None:
        raise NotFound()
    return render(request, "oversight/public/review_detail.html", {
        "r": campaign, "results": rv.results_by_unit(campaign),
        "paragraphs": [p for p in campaign.notice_summary.splitlines() if p.strip()], "page_title": campaign.notice_title})


def review_draw(request, review_id: int):
    """Anyone re-runs the recorded draw: the page recomputes it from the recorded seed and
    population, compares it with the record and with today's population of files."""
    campaign = selectors.drawn_reviews().filter(pk=review_id).first()
    if campaign is None:
        raise NotFound()
    result = rv.review_verify(campaign)
    population = draw_rules.from_json(campaign.population)
    recorded = draw_rules.from_json(campaign.draw_result)
    ids = {i for v in population.values() for i in v} | {i for c in result.changes for i in c.added}
    numbers = dict(Case.objects.filter(pk__in=ids).values_list("pk", "number"))
    units = {u.pk: u.display_name for u in Unit.objects.filter(pk__in={u for u, _ in population})}
    changes = {c.stratum: c for c in result.changes}
    strata = []
    units.update({u.pk: u.display_name for u in Unit.objects.filter(pk__in={u for u, _ in changes})})
    for stratum in sorted(set(population) | set(changes), key=lambda s: (units.get(s[0], ""), s[1])):
        drawn = recorded.get(stratum, [])
        strata.append({
            "unit": units.get(stratum[0], stratum[0]), "unit_id": stratum[0],
            "category": rv.CATEGORY_LABELS.get(stratum[1], stratum[1]), "category_code": stratum[1],
            "population": [(i, numbers.get(i, "")) for i in population.get(stratum, [])],
            "drawn": [(i, numbers.get(i, "")) for i in drawn], "matches": result.recomputed.get(stratum, []) == drawn,
            "change": changes.get(stratum),
        })
    return render(request, "oversight/public/review_draw.html", {
        "r": campaign, "result": result, "strata": strata, "numbers": numbers,
        "page_title": f"{campaign.title} · 抽取核验", "example": strata[0] if strata else None,
    })
