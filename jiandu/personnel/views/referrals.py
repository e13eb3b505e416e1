"""Clue referral pages (R-PER-8) and transfer tasks (R-PER-7)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from jiandu.core.paging import offset_page
from jiandu.personnel import forms, selectors, services
from jiandu.personnel.models import Referral, TransferTask
from jiandu.personnel.views._common import can, submit

REFERRALS = ("线索移送", "/personnel/referrals/")


@login_required
def referral_list(request):
    today = timezone.localdate()
    pending_first = Case(When(status=Referral.Status.SENT, then=Value(0)), When(status=Referral.Status.RECEIVED, then=Value(1)),
                         default=Value(2), output_field=IntegerField())
    qs = selectors.referrals_visible(request.user).order_by(pending_first, "-referred_on", "-id")
    status = request.GET.get("status", "")
    if status in Referral.Status.values:
        qs = qs.filter(status=status)
    elif status == "overdue":
        qs = qs.filter(status=Referral.Status.SENT, due_on__lt=today)
    page = offset_page(request, qs, per_page=20)
    return render(request, "personnel/referral_list.html", {
        "page": page, "status": status, "statuses": Referral.Status.choices, "today": today,
        "page_title": "违法违纪线索移送", "breadcrumbs": [("线索移送", None)],
    })


@login_required
def referral_detail(request, referral_id: int):
    referral = selectors.referral_get(request.user, referral_id)
    user, today = request.user, timezone.localdate()
    url = reverse("personnel:referral", args=[referral.pk])
    is_recipient = user.unit_id == referral.recipient_id and can(user, "personnel.referral_receive", referral.unit,
                                                                 area="personnel.referral")
    form = None
    if is_recipient and referral.status == Referral.Status.SENT:
        form = forms.ReceiveForm(request.POST or None, initial={"received_on": today})
        done = submit(request, form, lambda **d: services.referral_receive(actor=user, referral=referral, **d),
                      success="已登记接收。", next_url=url)
    elif is_recipient and referral.status == Referral.Status.RECEIVED:
        form = forms.ConcludeForm(request.POST or None, initial={"concluded_on": today})
        done = submit(request, form, lambda **d: services.referral_conclude(actor=user, referral=referral, **d),
                      success="已反馈处理结果。", next_url=url)
    else:
        done = None
    return done or render(request, "personnel/referral_detail.html", {
        "referral": referral, "form": form, "overdue": referral.is_overdue(today),
        "sees_officer": selectors.officers_visible(user).filter(pk=referral.officer_id).exists(),
        "page_title": f"线索移送 · {referral.officer.name}", "breadcrumbs": [REFERRALS, (referral.officer.name, None)],
    })


@login_required
def referral_document(request, referral_id: int):
    referral = selectors.referral_get(request.user, referral_id)
    document = referral.document
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=f"{document.kind_label}-{document.number}.docx")


@login_required
def transfer_list(request):
    qs = selectors.transfer_tasks_visible(request.user).order_by("-status", "due_on", "id")  # "open" before "done"
    page = offset_page(request, qs, per_page=20)
    return render(request, "personnel/transfer_list.html", {
        "page": page, "today": timezone.localdate(),
        "page_title": "调离执法岗位任务", "breadcrumbs": [("执法人员", "/personnel/"), ("调离执法岗位任务", None)],
    })


@login_required
def transfer_complete(request, task_id: int):
    task = selectors.transfer_task_get(request.user, task_id)
    form = forms.TransferCompleteForm(request.POST or None)
    done = submit(request, form, lambda **d: services.transfer_task_complete(actor=request.user, task=task, **d),
                  success="已办结调离任务。", next_url=reverse("personnel:transfers"))
    from jiandu.personnel.views._common import action_page

    return done or action_page(request, title="办结调离任务", form=form, submit_label="办结", officer=task.officer,
                               breadcrumbs=[("调离执法岗位任务", reverse("personnel:transfers")), (task.officer.name, None)],
                               cancel_url=reverse("personnel:transfers"),
                               intro="须先在人员档案中登记调整至非执法岗位（登记后任务自动办结）。",
                               extra={"task": task, "TransferTask": TransferTask})
