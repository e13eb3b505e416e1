"""Staff pages of complaints and reports (R-SUP-1) and social supervisors' observations (R-SUP-7)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from jiandu.core.errors import DomainError, Forbidden, NotFound
from jiandu.core.paging import offset_page
from jiandu.core.scope import has_permission
from jiandu.core.views import form_error
from jiandu.oversight import forms as f
from jiandu.oversight import selectors
from jiandu.oversight.models import Complaint, Rectification, SocialSupervisor
from jiandu.oversight.services import complaints as cs
from jiandu.oversight.services.rectifications import rectification_open
from jiandu.oversight.views._helpers import Action, dispatch, history

STEPS = [("received", "收到"), ("accepted", "受理"), ("assigned", "交办"), ("handled", "办结"), ("replied", "反馈")]


@login_required
def complaint_list(request):
    today = timezone.localdate()
    qs = selectors.filter_complaints(selectors.complaints_visible(request.user), request.GET, today)
    page = offset_page(request, qs.order_by("-received_on", "-id"), per_page=20)
    return render(request, "oversight/complaint_list.html", {
        "page": page, "today": today, "summary": selectors.complaint_summary(request.user, today),
        "statuses": Complaint.Status.choices, "kinds": Complaint.Kind.choices, "channels": Complaint.Channel.choices,
        "units": selectors.enforcement_units_for(request.user), "can_register": has_permission(request.user, "oversight.manage"),
        "page_title": "投诉举报", "breadcrumbs": [("投诉举报", None)],
    })


@login_required
def complaint_new(request):
    if not has_permission(request.user, "oversight.manage"):
        raise Forbidden()
    units = selectors.enforcement_units_for(request.user)
    form = f.StaffComplaintForm(initial={"received_on": timezone.localdate(), "channel": "phone"}, units=units)
    if request.method == "POST":
        form = f.StaffComplaintForm(request.POST, request.FILES, units=units)
        if form.is_valid():
            try:
                complaint, code = cs.complaint_register(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, f"已登记 {complaint.number}。查询码：{code}（仅显示这一次，请告知投诉举报人）")
                return redirect("oversight:complaint", complaint_id=complaint.pk)
    return render(request, "oversight/complaint_new.html", {
        "form": form, "page_title": "登记投诉举报",
        "breadcrumbs": [("投诉举报", reverse("oversight:complaints")), ("登记", None)],
    })


def _actions(request, complaint: Complaint) -> dict[str, Action]:
    user, status = request.user, complaint.status
    manage = has_permission(user, "oversight.manage")
    respond = manage or has_permission(user, "oversight.respond")
    units = selectors.enforcement_units_for(user)
    verified = complaint.finding in (Complaint.Finding.SUBSTANTIATED, Complaint.Finding.PARTLY)
    return {
        "accept": Action(lambda *a: f.NoteForm(*a, prefix="accept"),
                         lambda form: (cs.complaint_accept(complaint=complaint, actor=user, note=form.cleaned_data["note"])
                                       and "已受理。"), allowed=manage and status == "received"),
        "reject": Action(lambda *a: f.ReasonForm(*a, prefix="reject"),
                         lambda form: (cs.complaint_reject(complaint=complaint, actor=user, reason=form.cleaned_data["reason"])
                                       and "已决定不予受理，投诉举报人可凭查询码查看理由。"), allowed=manage and status == "received"),
        "assign": Action(lambda *a: f.AssignForm(*a, prefix="assign", units=units,
                                                 initial={"unit": complaint.subject_unit_id}),
                         lambda form: (cs.complaint_assign(complaint=complaint, actor=user, unit=form.cleaned_data["unit"])
                                       and "已交办。"), allowed=manage and status == "accepted"),
        "handle": Action(lambda *a: f.HandleForm(*a, prefix="handle"),
                         lambda form: (cs.complaint_handle(complaint=complaint, actor=user, **form.cleaned_data)
                                       and "已办结，请在反馈期限内答复投诉举报人。"), allowed=respond and status == "assigned"),
        "reply": Action(lambda *a: f.ReplyForm(*a, prefix="reply"),
                        lambda form: (cs.complaint_reply(complaint=complaint, actor=user, reply=form.cleaned_data["reply"])
                                      and "已反馈，投诉举报人可凭查询码查看答复。"), allowed=respond and status == "handled"),
        "rectify": Action(lambda *a: f.FindingForm(*a, prefix="rectify", units=units,
                                                   initial={"unit": complaint.subject_unit_id}),
                          lambda form: _rectify(complaint, user, form),
                          allowed=manage and verified and status in ("handled", "replied")),
    }


def _rectify(complaint: Complaint, user, form) -> str:
    source = Rectification.Source.OBSERVATION if complaint.channel == Complaint.Channel.SUPERVISOR else Rectification.Source.COMPLAINT
    item = rectification_open(source_type=source, source_id=complaint.pk, unit=form.cleaned_data["unit"],
                              problem=form.cleaned_data["problem"], deadline=form.cleaned_data["deadline"], actor=user,
                              source_label=f"投诉举报 {complaint.number}")
    return f"已列入整改台账：{item.number}。"


@login_required
def complaint_detail(request, complaint_id: int):
    complaint = selectors.complaint_get(request.user, complaint_id)
    response, forms, open_action = dispatch(request, _actions(request, complaint),
                                            success_url=reverse("oversight:complaint", args=[complaint.pk]))
    if response:
        return response
    today = timezone.localdate()
    return render(request, "oversight/complaint_detail.html", {
        "c": complaint, "forms": forms, "open_action": open_action, "today": today,
        "steps": _steps(complaint), "history": history(complaint), "attachments": complaint.attachments.all(),
        "letters": selectors.letters_visible(request.user).filter(source_type="complaint", source_id=str(complaint.pk)),
        "rectifications": selectors.rectifications_visible(request.user).filter(
            source_type__in=("complaint", "observation"), source_id=str(complaint.pk)),
        "stage_open": {"accept": complaint.status == "received", "handle": complaint.status in ("accepted", "assigned"),
                       "reply": complaint.status == "handled"},
        "page_title": complaint.title,
        "breadcrumbs": [("投诉举报", reverse("oversight:complaints")), (complaint.number, None)],
    })


def _steps(complaint: Complaint) -> list[dict]:
    """The progress bar: done / current / refused for each step."""
    order = [s for s, _ in STEPS]
    if complaint.status == Complaint.Status.REJECTED:
        return [{"label": "收到", "state": "done", "date": complaint.received_on},
                {"label": "不予受理", "state": "refused", "date": complaint.replied_on}]
    position = order.index(complaint.status)
    dates = [complaint.received_on, complaint.accepted_on, complaint.assigned_on, complaint.handled_on, complaint.replied_on]
    result = []
    for i, (_, label) in enumerate(STEPS):
        state = "done" if i <= position else ("current" if i == position + 1 else "")
        result.append({"label": label, "state": state, "date": dates[i]})
    return result


@login_required
def complaint_file(request, complaint_id: int, file_id: int):
    complaint = selectors.complaint_get(request.user, complaint_id)
    attachment = complaint.attachments.filter(pk=file_id).first()
    if attachment is None:
        raise NotFound()
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


# --- social supervisors' own pages -------------------------------------------------------------------


@login_required
def observation_list(request):
    if not has_permission(request.user, "oversight.observe"):
        raise Forbidden()
    today = timezone.localdate()
    appointments = SocialSupervisor.objects.filter(user=request.user).select_related("unit")
    serving = [a for a in appointments if a.serving_on(today)]
    units = selectors.public_units().filter(pk__in=[a.unit_id for a in serving])
    form = f.ObservationForm(units=units)
    if request.method == "POST":
        form = f.ObservationForm(request.POST, request.FILES, units=units)
        if form.is_valid():
            try:
                complaint, _ = cs.observation_submit(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, f"监督意见已提交（{complaint.number}），监督机构将在受理期限内处理。")
                return redirect("oversight:observations")
    page = offset_page(request, selectors.observations_of(request.user).order_by("-received_on", "-id"), per_page=20)
    return render(request, "oversight/observation_list.html", {
        "page": page, "form": form, "appointments": appointments, "serving": serving, "today": today,
        "page_title": "我的监督意见", "breadcrumbs": [("我的监督意见", None)],
    })


@login_required
def observation_detail(request, complaint_id: int):
    complaint = selectors.observation_get(request.user, complaint_id)
    return render(request, "oversight/observation_detail.html", {
        "c": complaint, "view": cs.public_view(complaint), "page_title": complaint.title,
        "breadcrumbs": [("我的监督意见", reverse("oversight:observations")), (complaint.number, None)],
    })
