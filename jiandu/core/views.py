"""Pages of the shared mechanisms: dashboard, inbox, jobs, policy, calendar and audit."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jiandu.core import audit, holidays, notifications, scope, services, ui
from jiandu.core.errors import DomainError
from jiandu.core.forms import CalendarDayForm, PolicyValueForm
from jiandu.core.models import AuditEvent, BackgroundJob, CalendarDay, CalendarYear, Notification, OfficialDocument, PolicyParameter
from jiandu.core.paging import keyset_page, offset_page


def form_error(form, exc: DomainError) -> None:
    """Put a service refusal onto the form: field messages where the service named fields."""
    shown: list[str] = []
    if isinstance(exc.details, dict):
        for field, message in exc.details.items():
            text = message if isinstance(message, str) else "；".join(map(str, message))
            if field in form.fields:
                form.add_error(field, text)
            elif text not in shown:
                form.add_error(None, text)
                shown.append(text)
    elif isinstance(exc.details, list):
        # A batch refusal: one line per bad entry ({"row": 3, "field": "…", "message": "…"} or text).
        for entry in exc.details:
            if isinstance(entry, dict):
                where = "，".join(str(entry[k]) for k in ("row", "field") if entry.get(k) not in (None, ""))
                text = f"{'第' + str(entry['row']) + '行' if entry.get('row') else where}：{entry.get('message', '')}"
            else:
                text = str(entry)
            form.add_error(None, text)
            shown.append(text)
    if exc.message not in shown:
        form.add_error(None, exc.message)


@login_required
def dashboard(request):
    today = timezone.localdate()
    widgets = ui.dashboard_widgets(request.user, today)
    return render(request, "core/dashboard.html", {"widgets": widgets, "today": today, "page_title": "工作台"})


@login_required
def inbox(request):
    qs = Notification.objects.filter(recipient=request.user)
    if request.GET.get("unread"):
        qs = qs.filter(read_at__isnull=True)
    page = offset_page(request, qs, per_page=20)
    return render(request, "core/inbox.html", {"page": page, "page_title": "站内通知",
                                               "breadcrumbs": [("站内通知", None)]})


@login_required
@require_POST
def inbox_read(request, notification_id: int | None = None):
    notifications.mark_read(request.user, notification_id)
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/") else "core:inbox")


@login_required
def jobs(request):
    page = offset_page(request, BackgroundJob.objects.filter(created_by=request.user), per_page=20)
    return render(request, "core/jobs.html", {"page": page, "page_title": "后台任务",
                                              "breadcrumbs": [("后台任务", None)]})


@login_required
def job_detail(request, job_id: int):
    job = scope.get_visible(BackgroundJob.objects.all(), request.user, id=job_id)
    template = "core/_job_progress.html" if request.headers.get("HX-Request") else "core/job_detail.html"
    return render(request, template, {"job": job, "page_title": job.label,
                                      "breadcrumbs": [("后台任务", "/jobs/"), (job.label, None)]})


@login_required
def document_download(request, document_id: int):
    document = scope.get_visible(OfficialDocument.objects.all(), request.user, id=document_id)
    filename = f"{document.kind_label}-{document.number}.docx"
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=filename)


# --- policy parameters -------------------------------------------------------------------------


@login_required
def policy_list(request):
    today = timezone.localdate()
    rows = PolicyParameter.objects.select_related("jurisdiction").order_by("key", "jurisdiction_id", "-effective_from")
    grouped: dict[str, list[PolicyParameter]] = {}
    for row in rows:
        grouped.setdefault(row.key, []).append(row)
    params = []
    for key, values in grouped.items():
        current = next((v for v in values if v.jurisdiction_id is None and v.effective_from <= today), values[0])
        params.append({"key": key, "current": current, "values": values})
    form = PolicyValueForm(initial={"effective_from": today})
    can_edit = scope.has_permission(request.user, "policy.manage")
    if request.method == "POST" and can_edit:
        form = PolicyValueForm(request.POST)
        if form.is_valid():
            try:
                services.policy_set_value(actor=request.user, jurisdiction=None, **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "已新增参数取值，自生效日期起适用。")
                return redirect("core:policy")
    return render(request, "core/policy.html", {"params": params, "form": form, "can_edit": can_edit,
                                                "page_title": "政策参数", "breadcrumbs": [("政策参数", None)]})


# --- working-day calendar ------------------------------------------------------------------------


@login_required
def calendar_view(request):
    today = timezone.localdate()
    years = CalendarYear.objects.order_by("-year")
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    days = CalendarDay.objects.filter(date__year=year).order_by("date")
    can_edit = scope.has_permission(request.user, "calendar.manage")
    form = CalendarDayForm(initial={"date": date(year, 1, 1)})
    if request.method == "POST" and can_edit:
        action = request.POST.get("action")
        try:
            if action == "confirm":
                services.calendar_year_confirm(actor=request.user, year=int(request.POST["year"]))
                messages.success(request, f"{request.POST['year']}年工作日历已确认，可用于期限计算。")
                return redirect(f"{request.path}?year={request.POST['year']}")
            form = CalendarDayForm(request.POST)
            if form.is_valid():
                services.calendar_day_set(actor=request.user, day=form.cleaned_data["date"],
                                          is_workday=form.cleaned_data["is_workday"], name=form.cleaned_data["name"])
                messages.success(request, "已保存。")
                return redirect(f"{request.path}?year={form.cleaned_data['date'].year}")
        except DomainError as exc:
            messages.error(request, exc.message)
    missing = holidays.missing_upcoming_year(today)
    known_years = set(years.values_list("year", flat=True))
    return render(request, "core/calendar.html", {
        "years": years, "year": year, "days": days, "form": form, "can_edit": can_edit, "missing": missing,
        "year_known": year in known_years, "page_title": "工作日历", "breadcrumbs": [("工作日历", None)],
    })


# --- audit ---------------------------------------------------------------------------------------


@login_required
def audit_list(request):
    qs = scope.visible(AuditEvent.objects.all(), request.user)
    if action := request.GET.get("action"):
        qs = qs.filter(action__startswith=action)
    if actor := request.GET.get("actor"):
        qs = qs.filter(actor_name__contains=actor)
    page = keyset_page(request, qs, order=("-seq",), per_page=30)
    result = None
    if request.method == "POST" and scope.has_permission(request.user, "policy.manage"):
        result = audit.verify()
    head = AuditEvent.objects.aggregate(m=Max("seq"))["m"]
    return render(request, "core/audit.html", {"page": page, "result": result, "head": head,
                                               "page_title": "审计日志", "breadcrumbs": [("审计日志", None)]})


def healthz(request):
    """Liveness for the load balancer: the process answers and the database responds."""
    CalendarYear.objects.exists()
    return HttpResponse("ok", content_type="text/plain")
