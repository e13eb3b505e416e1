"""Pages of social supervisors (R-SUP-7) and joint supervision inputs (R-SUP-8)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from jiandu.core.errors import DomainError, Forbidden
from jiandu.core.paging import offset_page
from jiandu.core.scope import has_permission
from jiandu.core.views import form_error
from jiandu.oversight import forms as f
from jiandu.oversight import selectors
from jiandu.oversight.models import Complaint, JointInput, SocialSupervisor
from jiandu.oversight.services import supervision as ss
from jiandu.oversight.services.rectifications import rectification_open
from jiandu.oversight.views._helpers import Action, dispatch, history


@login_required
def supervisor_list(request):
    today = timezone.localdate()
    can_appoint = has_permission(request.user, "oversight.appoint_supervisor")
    units = selectors.enforcement_units_for(request.user).filter(is_enforcement_unit=True)
    form = f.SupervisorForm(units=units, initial={"unit": request.user.unit_id, "term_start": today})
    if request.method == "POST":
        if not can_appoint:
            raise Forbidden()
        form = f.SupervisorForm(request.POST, units=units)
        if form.is_valid():
            try:
                supervisor = ss.supervisor_appoint(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, f"已聘任 {supervisor.name} 为{supervisor.unit.display_name}社会监督员。")
                return redirect("oversight:supervisors")
    qs = selectors.supervisors_visible(request.user)
    if category := request.GET.get("category"):
        qs = qs.filter(category=category)
    if request.GET.get("serving"):
        qs = qs.filter(status="appointed", term_start__lte=today, term_end__gte=today)
    return render(request, "oversight/supervisor_list.html", {
        "page": offset_page(request, qs.order_by("unit__sort_order", "unit_id", "-term_end", "id")), "form": form,
        "can_appoint": can_appoint, "today": today, "categories": SocialSupervisor.Category.choices,
        "page_title": "社会监督员", "breadcrumbs": [("社会监督员", None)],
    })


@login_required
def supervisor_detail(request, supervisor_id: int):
    supervisor = selectors.supervisor_get(request.user, supervisor_id)
    user = request.user
    actions = {
        "dismiss": Action(lambda *a: f.ReasonForm(*a, prefix="dismiss"),
                          lambda form: ss.supervisor_dismiss(supervisor=supervisor, actor=user, reason=form.cleaned_data["reason"])
                          and "已解聘。", allowed=has_permission(user, "oversight.appoint_supervisor")
                          and supervisor.status == SocialSupervisor.Status.APPOINTED),
    }
    response, forms, open_action = dispatch(request, actions, success_url=reverse("oversight:supervisor", args=[supervisor.pk]))
    if response:
        return response
    observations = selectors.complaints_visible(user).filter(supervisor=supervisor, channel=Complaint.Channel.SUPERVISOR)
    return render(request, "oversight/supervisor_detail.html", {
        "s": supervisor, "forms": forms, "open_action": open_action, "today": timezone.localdate(),
        "observations": observations.order_by("-received_on")[:50], "history": history(supervisor),
        "page_title": f"社会监督员 {supervisor.name}",
        "breadcrumbs": [("社会监督员", reverse("oversight:supervisors")), (supervisor.name, None)],
    })


@login_required
def joint_list(request):
    qs = selectors.joint_inputs_visible(request.user)
    if source := request.GET.get("source"):
        qs = qs.filter(source=source)
    if status := request.GET.get("status"):
        qs = qs.filter(status=status)
    return render(request, "oversight/joint_list.html", {
        "page": offset_page(request, qs.order_by("-received_on", "-id")), "sources": JointInput.Source.choices,
        "statuses": JointInput.Status.choices, "can_record": has_permission(request.user, "oversight.manage"),
        "today": timezone.localdate(), "page_title": "联合监督", "breadcrumbs": [("联合监督", None)],
    })


@login_required
def joint_new(request):
    if not has_permission(request.user, "oversight.manage"):
        raise Forbidden()
    units = selectors.enforcement_units_for(request.user)
    form = f.JointInputForm(units=units, initial={"received_on": timezone.localdate()})
    if request.method == "POST":
        form = f.JointInputForm(request.POST, units=units)
        if form.is_valid():
            try:
                item = ss.joint_input_record(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "已登记。")
                return redirect("oversight:joint_input", joint_input_id=item.pk)
    return render(request, "oversight/joint_new.html", {
        "form": form, "page_title": "登记联合监督事项",
        "breadcrumbs": [("联合监督", reverse("oversight:joint_inputs")), ("登记", None)],
    })


@login_required
def joint_detail(request, joint_input_id: int):
    item = selectors.joint_input_get(request.user, joint_input_id)
    user = request.user
    manage = has_permission(user, "oversight.manage")
    units = selectors.enforcement_units_for(user)
    actions = {
        "respond": Action(lambda *a: f.ResponseForm(*a, prefix="respond"),
                          lambda form: ss.joint_input_respond(joint_input=item, actor=user, response=form.cleaned_data["response"])
                          and "已登记办理情况。", allowed=manage and item.status == JointInput.Status.RECEIVED),
        "rectify": Action(lambda *a: f.FindingForm(*a, prefix="rectify", units=units, initial={"unit": item.unit_id}),
                          lambda form: rectification_open(source_type="joint_input", source_id=item.pk, actor=user,
                                                          unit=form.cleaned_data["unit"], problem=form.cleaned_data["problem"],
                                                          deadline=form.cleaned_data["deadline"], source_label=str(item))
                          and "已列入整改台账。", allowed=manage),
    }
    response, forms, open_action = dispatch(request, actions, success_url=reverse("oversight:joint_input", args=[item.pk]))
    if response:
        return response
    return render(request, "oversight/joint_detail.html", {
        "j": item, "forms": forms, "open_action": open_action, "today": timezone.localdate(), "history": history(item),
        "rectifications": selectors.rectifications_from(user, "joint_input", item.pk),
        "letters": selectors.letters_visible(user).filter(source_type="joint_input", source_id=str(item.pk)),
        "subject_url": _subject_url(item), "can_letter": manage,
        "page_title": str(item), "breadcrumbs": [("联合监督", reverse("oversight:joint_inputs")), (str(item), None)],
    })


def _subject_url(item: JointInput) -> str:
    if item.subject_type == "oversight.complaint" and item.subject_id.isdigit():
        return reverse("oversight:complaint", args=[item.subject_id])
    return ""
