"""Pages of due-diligence exemptions (R-STD-2): request, list, decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jiandu.core import audit, scope
from jiandu.core.errors import DomainError
from jiandu.core.paging import offset_page
from jiandu.personnel.models import Officer
from jiandu.standards import selectors
from jiandu.standards.forms.exemptions import DecisionForm, ExemptionForm
from jiandu.standards.models import Exemption
from jiandu.standards.services import exemptions as services
from jiandu.standards.views.common import can, filter_text, form_error, run, standards_units

CRUMB = ("尽职免责", "/standards/exemptions/")


@login_required
def exemption_list(request):
    qs = selectors.exemptions_visible(request.user)
    status = request.GET.get("status", "")
    if status in Exemption.Status.values:
        qs = qs.filter(status=status)
    if (ground := request.GET.get("ground", "")) in Exemption.Ground.values:
        qs = qs.filter(ground=ground)
    if q := filter_text(request):
        qs = qs.filter(matter__contains=q)
    page = offset_page(request, qs, per_page=20)
    counts = dict(selectors.exemptions_visible(request.user).order_by().values_list("status").annotate(n=Count("id")))
    return render(request, "standards/exemptions/list.html", {
        "page": page, "status": status, "ground": request.GET.get("ground", ""), "q": filter_text(request),
        "statuses": Exemption.Status.choices, "grounds": Exemption.Ground.choices, "counts": counts,
        "can_request": can(request.user, "standards.manage"), "can_decide": can(request.user, "standards.decide_exemption"),
        "page_title": "尽职免责", "breadcrumbs": [(CRUMB[0], None)],
    })


@login_required
def exemption_new(request):
    units = list(standards_units(request.user))
    officers = list(scope.visible(Officer.objects.filter(status=Officer.Status.ACTIVE), request.user)
                    .filter(unit__in=units).select_related("unit").order_by("unit_id", "name")[:500])
    form = ExemptionForm(request.POST or None, units=units, officers=officers,
                         initial={"unit": request.user.unit_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = next(u for u in units if str(u.pk) == data["unit"])
        officer = next((o for o in officers if str(o.pk) == data["officer"]), None)
        try:
            exemption = services.exemption_request(
                unit=unit, actor=request.user, ground=data["ground"], matter=data["matter"], facts=data["facts"],
                officer=officer, subject_type=data["subject_type"], subject_id=data["subject_id"],
                subject_label=data["subject_label"],
            )
        except DomainError as exc:
            if exc.status == 404:
                raise
            form_error(form, exc)
        else:
            messages.success(request, "已提交免责申请，等待区行政执法监督机构决定。")
            return redirect("standards:exemption", exemption.pk)
    return render(request, "standards/exemptions/form.html", {
        "form": form, "page_title": "申请尽职免责", "breadcrumbs": [CRUMB, ("申请尽职免责", None)],
    })


@login_required
def exemption_detail(request, exemption_id: int):
    exemption = scope.get_visible(
        Exemption.objects.select_related("unit", "officer__unit", "requested_by", "decided_by"), request.user, id=exemption_id)
    form = DecisionForm(request.POST or None)
    can_decide = can(request.user, "standards.decide_exemption") and exemption.status == Exemption.Status.PENDING
    if request.method == "POST" and can_decide and form.is_valid():
        try:
            services.exemption_decide(exemption=exemption, actor=request.user,
                                      approve=form.cleaned_data["decision"] == "approve", reason=form.cleaned_data["reason"])
        except DomainError as exc:
            if exc.status == 404:
                raise
            form_error(form, exc)
        else:
            messages.success(request, "已作出决定，并通知申请单位。")
            return redirect("standards:exemption", exemption.pk)
    return render(request, "standards/exemptions/detail.html", {
        "e": exemption, "form": form, "can_decide": can_decide, "history": audit.history(exemption),
        "can_withdraw": can(request.user, "standards.manage") and exemption.status == Exemption.Status.PENDING
        and exemption.requested_by_id == request.user.pk,
        "page_title": exemption.matter, "breadcrumbs": [CRUMB, (exemption.matter, None)],
    })


@login_required
@require_POST
def exemption_withdraw(request, exemption_id: int):
    exemption = scope.get_visible(Exemption.objects.select_related("unit"), request.user, id=exemption_id)
    back = reverse("standards:exemption", args=[exemption.pk])
    return run(request, lambda: services.exemption_withdraw(exemption=exemption, actor=request.user), success="已撤回申请。", to=back)
