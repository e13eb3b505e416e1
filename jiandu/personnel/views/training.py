"""Training pages (R-PER-9): compliance per unit and per person during the year, plans,
sessions with their attendance, and the all-or-nothing Excel import (a background job)."""

from __future__ import annotations

import io
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from jiandu.core import jobs
from jiandu.core.errors import NotFound
from jiandu.core.paging import offset_page
from jiandu.personnel import forms, rules, selectors, services
from jiandu.personnel.models import Officer
from jiandu.personnel.services.training import IMPORT_HEADERS
from jiandu.personnel.views._common import action_page, can, managed_units, submit

TRAINING = ("培训", "/personnel/training/")


def _year(request, today: date) -> int:
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


@login_required
def training_overview(request):
    today = timezone.localdate()
    year = _year(request, today)
    on = min(today, date(year, 12, 31))
    target, expected, units = selectors.training_by_unit(request.user, year=year, on=on)
    try:
        unit_id = int(request.GET.get("unit") or 0) or None
    except ValueError:
        unit_id = None
    people = selectors.training_people(request.user, year=year, unit_id=unit_id).filter(hours_year__lt=target)
    page = offset_page(request, people.order_by("hours_year", "unit__sort_order", "name"), per_page=15)
    statuses = [(o, rules.training_status(o.hours_year, target=target, year=year, on=on)) for o in page]
    totals = rules.UnitCompliance(sum(u.compliance.people for u in units), sum(u.compliance.compliant for u in units),
                                  sum(u.compliance.behind_pace for u in units))
    return render(request, "personnel/training.html", {
        "year": year, "years": list(range(today.year, today.year - 4, -1)), "target": target, "expected": expected,
        "units": units, "totals": totals, "page": page, "statuses": statuses, "unit_id": unit_id,
        "plans": selectors.plans_visible(request.user).filter(year=year).annotate(held=Count("sessions"))
        .order_by("unit__sort_order", "unit_id"),
        "sessions": selectors.sessions_visible(request.user).filter(held_on__year=year).order_by("-held_on", "-id")[:12],
        "can_train": managed_units(request.user, "personnel.training").exists(),
        "page_title": "培训学时", "breadcrumbs": [("培训", None)],
    })


@login_required
def plan_edit(request):
    units = managed_units(request.user, "personnel.training")
    if not units.exists():
        raise NotFound()
    today = timezone.localdate()
    initial = {"year": today.year, "unit": request.user.unit_id if units.filter(pk=request.user.unit_id).exists() else None,
               "title": f"{today.year}年度行政执法人员执法能力培训计划"}
    form = forms.TrainingPlanForm(request.POST or None, units=units, initial=initial)
    done = submit(request, form, lambda **d: services.training_plan_save(actor=request.user, **d),
                  success="已保存培训计划。", next_url=lambda p: f"{TRAINING[1]}?year={p.year}")
    return done or action_page(request, title="培训计划", form=form, submit_label="保存计划",
                               breadcrumbs=[TRAINING, ("培训计划", None)], cancel_url=TRAINING[1],
                               intro="每个单位每年一份计划；同一单位同一年度再次保存即为修改。")


@login_required
def session_create(request):
    units = managed_units(request.user, "personnel.training")
    if not units.exists():
        raise NotFound()
    form = forms.SessionForm(request.POST or None, units=units, initial={
        "held_on": timezone.localdate(), "unit": request.user.unit_id if units.filter(pk=request.user.unit_id).exists() else None})

    done = submit(request, form, lambda **d: services.training_session_create(actor=request.user, **d), success="已登记培训场次，请登记参训人员学时。",
                  next_url=lambda s: reverse("personnel:session", args=[s.pk]))
    return done or action_page(request, title="登记培训场次", form=form, submit_label="登记",
                               breadcrumbs=[TRAINING, ("登记培训场次", None)], cancel_url=TRAINING[1])


@login_required
def session_detail(request, session_id: int):
    session = selectors.session_get(request.user, session_id)
    user = request.user
    may_record = can(user, "personnel.training", session.unit)
    attendances = selectors.session_attendances(user, session)
    form = import_form = None
    if may_record:
        already = session.attendances.values("officer_id")
        people = (selectors.officers_visible(user).exclude(status=Officer.Status.LEFT).exclude(pk__in=already)
                  .order_by("unit__sort_order", "unit_id", "name"))
        form = forms.AttendanceForm(request.POST if request.POST.get("action") == "attendance" else None, officers=people)

        def record(officers, hours):
            entries = [services.AttendanceEntry(officer=o, hours=hours) for o in officers]
            return services.training_attendance_record(actor=user, session=session, entries=entries)

        done = submit(request, form, record, success="已登记学时。", next_url=request.path)
        if done:
            return done
        import_form = forms.AttendanceImportForm(request.POST if request.POST.get("action") == "import" else None,
                                                 request.FILES or None)
        if request.POST.get("action") == "import" and import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            job = jobs.start(kind="personnel.attendance_import", label=f"导入学时：{session.title}", actor=user,
                             unit=session.unit, params={"session_id": session.pk},
                             input_file=ContentFile(upload.read(), name="attendance.xlsx"))
            messages.info(request, "已提交导入任务。")
            return redirect("core:job", job_id=job.pk)
    return render(request, "personnel/session_detail.html", {
        "session": session, "attendances": attendances, "form": form, "import_form": import_form,
        "total": sum(a.hours for a in attendances),
        "page_title": session.title, "breadcrumbs": [TRAINING, (session.title, None)],
    })


@login_required
def attendance_template(request):
    """The Excel template for importing attendance."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "学时登记"
    sheet.append(list(IMPORT_HEADERS))
    sheet.append(["420703198507121234", "示例（请删除本行）", 4])
    for column, width in zip("ABC", (24, 14, 8), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E5%AD%A6%E6%97%B6%E7%99%BB%E8%AE%B0%E8%A1%A8.xlsx"
    return response
