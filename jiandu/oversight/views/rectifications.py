"""The rectification ledger (R-SUP-3): one view across every source, counted per unit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from jiandu.core.errors import DomainError, Forbidden
from jiandu.core.paging import offset_page
from jiandu.core.scope import has_permission
from jiandu.core.views import form_error
from jiandu.oversight import forms as f
from jiandu.oversight import selectors
from jiandu.oversight.models import Rectification
from jiandu.oversight.services import rectifications as rs
from jiandu.oversight.views._helpers import Action, dispatch, history

SOURCE_URLS = {"complaint": "oversight:complaint", "observation": "oversight:complaint", "letter": "oversight:letter",
               "inspection": "oversight:inspection", "campaign": "oversight:campaign", "case_review": "oversight:review",
               "joint_input": "oversight:joint_input"}


@login_required
def ledger(request):
    today = timezone.localdate()
    visible = selectors.rectifications_visible(request.user)
    qs = selectors.filter_rectifications(visible, request.GET, today)
    page = offset_page(request, qs.order_by("status", "deadline", "id"), per_page=25)
    return render(request, "oversight/rectification_list.html", {
        "page": page, "today": today, "by_unit": selectors.ledger_by_unit(request.user, today),
        "totals": selectors.ledger_totals(request.user, today), "sources": Rectification.Source.choices,
        "statuses": Rectification.Status.choices, "units": selectors.enforcement_units_for(request.user),
        "can_open": has_permission(request.user, "oversight.manage") or has_permission(request.user, "oversight.respond"),
        "page_title": "整改台账", "breadcrumbs": [("整改台账", None)],
    })


@login_required
def rectification_new(request):
    if not (has_permission(request.user, "oversight.manage") or has_permission(request.user, "oversight.respond")):
        raise Forbidden()
    units = selectors.enforcement_units_for(request.user)
    form = f.RectificationForm(units=units, initial={"unit": request.user.unit_id})
    if request.method == "POST":
        form = f.RectificationForm(request.POST, units=units)
        if form.is_valid():
            try:
                item = rs.rectification_open(actor=request.user, source_id="", **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, f"已列入整改台账：{item.number}，整改期限 {item.deadline:%Y年%m月%d日}。")
                return redirect("oversight:rectification", rectification_id=item.pk)
    return render(request, "oversight/rectification_new.html", {
        "form": form, "page_title": "登记整改事项",
        "breadcrumbs": [("整改台账", reverse("oversight:rectifications")), ("登记", None)],
    })


@login_required
def rectification_detail(request, rectification_id: int):
    item = selectors.rectification_get(request.user, rectification_id)
    user, status = request.user, item.status
    respond = has_permission(user, "oversight.respond") or has_permission(user, "oversight.manage")
    close = has_permission(user, "oversight.close_out")
    actions = {
        "submit": Action(lambda *a: f.SubmitForm(*a, prefix="submit", initial={"measures": item.measures, "evidence": item.evidence}),
                         lambda form: rs.rectification_submit(rectification=item, actor=user, **form.cleaned_data)
                         and "已报送整改情况，等待监督机构销号。", allowed=respond and status in Rectification.WORKING),
        "close_out": Action(lambda *a: f.NoteForm(*a, prefix="close"),
                            lambda form: rs.rectification_close_out(rectification=item, actor=user, note=form.cleaned_data["note"])
                            and "已销号。", allowed=close and status == "submitted"),
        "send_back": Action(lambda *a: f.SendBackForm(*a, prefix="back"),
                            lambda form: rs.rectification_send_back(rectification=item, actor=user, **form.cleaned_data)
                            and "已退回重新整改。", allowed=close and status == "submitted"),
    }
    response, forms, open_action = dispatch(request, actions,
                                            success_url=reverse("oversight:rectification", args=[item.pk]))
    if response:
        return response
    source_url = ""
    if item.source_id and item.source_type in SOURCE_URLS:
        source_url = reverse(SOURCE_URLS[item.source_type], args=[item.source_id])
    today = timezone.localdate()
    return render(request, "oversight/rectification_detail.html", {
        "r": item, "forms": forms, "open_action": open_action, "today": today, "history": history(item),
        "files": item.files.all(), "source_url": source_url, "working": item.status in Rectification.WORKING,
        "page_title": f"整改事项 {item.number}",
        "breadcrumbs": [("整改台账", reverse("oversight:rectifications")), (item.number, None)],
    })


@login_required
def rectification_file(request, rectification_id: int, file_id: int):
    item = selectors.rectification_get(request.user, rectification_id)
    evidence = rs.evidence_get(item, file_id)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)
