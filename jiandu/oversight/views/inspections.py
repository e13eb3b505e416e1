"""Pages of inspections (R-SUP-4) and special campaigns (R-SUP-5)."""

from __future__ import annotations

from django import forms as django_forms
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
from jiandu.oversight.models import Campaign, Inspection, InspectionStep, Rectification
from jiandu.oversight.services import inspections as ins
from jiandu.oversight.views._helpers import Action, dispatch, history


class ConfirmForm(django_forms.Form):
    """An action without input (complete an inspection)."""


def _manage(request) -> None:
    if not has_permission(request.user, "oversight.manage"):
        raise Forbidden()


@login_required
def inspection_list(request):
    today = timezone.localdate()
    year = int(request.GET["year"]) if str(request.GET.get("year", "")).isdigit() else today.year
    page = offset_page(request, selectors.inspections_visible(request.user).order_by("-year", "-starts_on", "-id"))
    return render(request, "oversight/inspection_list.html", {
        "page": page, "count": selectors.inspection_year_count(request.user, year, request.user.unit),
        "can_plan": has_permission(request.user, "oversight.manage"),
        "page_title": "法治督察", "breadcrumbs": [("法治督察", None)],
    })


@login_required
def inspection_new(request):
    _manage(request)
    units = selectors.enforcement_units_for(request.user).filter(is_enforcement_unit=True)
    today = timezone.localdate()
    form = f.InspectionForm(units=units, initial={"year": today.year, "title": f"{today.year}年第一次法治督察"})
    if request.method == "POST":
        form = f.InspectionForm(request.POST, units=units)
        if form.is_valid():
            try:
                inspection = ins.inspection_plan(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "督察方案已登记。")
                return redirect("oversight:inspection", inspection_id=inspection.pk)
    return render(request, "oversight/inspection_new.html", {
        "form": form, "page_title": "制定法治督察方案",
        "breadcrumbs": [("法治督察", reverse("oversight:inspections")), ("新建", None)],
    })


@login_required
def inspection_detail(request, inspection_id: int):
    inspection = selectors.inspection_get(request.user, inspection_id)
    user, status = request.user, inspection.status
    manage = has_permission(user, "oversight.manage")
    targets = list(inspection.targets.select_related("unit").prefetch_related("steps"))
    target_units = selectors.enforcement_units_for(user).filter(pk__in=[t.unit_id for t in targets])
    running = status in ("planned", "in_progress")
    actions = {
        "step": Action(lambda *a: f.StepForm(*a, prefix="step", units=target_units, initial={"done_on": timezone.localdate()}),
                       lambda form: ins.inspection_record_step(
                           inspection=inspection, actor=user, target_unit=form.cleaned_data["unit"],
                           kind=form.cleaned_data["kind"], summary=form.cleaned_data["summary"],
                           done_on=form.cleaned_data["done_on"], participants=form.cleaned_data["participants"])
                       and "已记录。", allowed=manage and running),
        "finding": Action(lambda *a: f.FindingForm(*a, prefix="finding", units=target_units),
                          lambda form: ins.inspection_add_finding(
                              inspection=inspection, actor=user, target_unit=form.cleaned_data["unit"],
                              problem=form.cleaned_data["problem"], deadline=form.cleaned_data["deadline"])
                          and "已列入整改台账。", allowed=manage and status in ("in_progress", "concluded")),
        "conclude": Action(lambda *a: ConfirmForm(*a, prefix="conclude"),
                           lambda form: ins.inspection_conclude(inspection=inspection, actor=user) and "督察已完成，可发布通报。",
                           allowed=manage and status == "in_progress"),
        "publish": Action(lambda *a: f.NoticeForm(*a, prefix="publish", initial=_notice_initial(inspection)),
                          lambda form: ins.inspection_publish(inspection=inspection, actor=user, **form.cleaned_data)
                          and "通报已发布，公众可在公众服务平台查看。", allowed=manage and status == "concluded"),
    }
    response, forms, open_action = dispatch(request, actions, success_url=reverse("oversight:inspection", args=[inspection.pk]))
    if response:
        return response
    kinds = InspectionStep.Kind.choices
    grid = [{"unit": t.unit, "cells": [next((s for s in t.steps.all() if s.kind == k), None) for k, _ in kinds]} for t in targets]
    return render(request, "oversight/inspection_detail.html", {
        "i": inspection, "forms": forms, "open_action": open_action, "grid": grid, "kinds": kinds,
        "missing": ins.missing_steps(inspection) if status == "in_progress" else [],
        "rectifications": selectors.rectifications_from(user, "inspection", inspection.pk).select_related("unit"),
        "today": timezone.localdate(), "history": history(inspection), "can_letter": manage,
        "page_title": inspection.title, "breadcrumbs": [("法治督察", reverse("oversight:inspections")), (inspection.title, None)],
    })


def _notice_initial(inspection: Inspection) -> dict:
    count = Rectification.objects.filter(source_type="inspection", source_id=str(inspection.pk)).count()
    return {"notice_title": f"关于{inspection.title}情况的通报",
            "notice_summary": f"按照法治督察工作安排，督察组采取一听二查三问四反的方式开展督察。\n督察共发现问题 {count} 个，"
                              "已全部列入整改台账，请相关单位按期整改到位。"}


# --- campaigns --------------------------------------------------------------------------------------------


@login_required
def campaign_list(request):
    today = timezone.localdate()
    page = offset_page(request, selectors.campaigns_visible(request.user).order_by("-year", "-starts_on", "-id"))
    return render(request, "oversight/campaign_list.html", {
        "page": page, "count": selectors.campaign_year_count(request.user, today.year, request.user.unit),
        "can_launch": has_permission(request.user, "oversight.manage"),
        "page_title": "专项整治", "breadcrumbs": [("专项整治", None)],
    })


@login_required
def campaign_new(request):
    _manage(request)
    today = timezone.localdate()
    form = f.CampaignForm(initial={"year": today.year})
    if request.method == "POST":
        form = f.CampaignForm(request.POST)
        if form.is_valid():
            try:
                campaign = ins.campaign_launch(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "专项整治已启动。")
                return redirect("oversight:campaign", campaign_id=campaign.pk)
    return render(request, "oversight/campaign_new.html", {
        "form": form, "page_title": "启动专项整治",
        "breadcrumbs": [("专项整治", reverse("oversight:campaigns")), ("新建", None)],
    })


@login_required
def campaign_detail(request, campaign_id: int):
    campaign = selectors.campaign_get(request.user, campaign_id)
    user = request.user
    manage = has_permission(user, "oversight.manage")
    units = selectors.enforcement_units_for(user).filter(is_enforcement_unit=True)
    ongoing = campaign.status == Campaign.Status.ONGOING
    actions = {
        "problem": Action(lambda *a: f.FindingForm(*a, prefix="problem", units=units),
                          lambda form: ins.campaign_add_problem(campaign=campaign, actor=user, unit=form.cleaned_data["unit"],
                                                                problem=form.cleaned_data["problem"],
                                                                deadline=form.cleaned_data["deadline"])
                          and "已列入整改台账。", allowed=manage and ongoing),
        "conclude": Action(lambda *a: f.SummaryForm(*a, prefix="conclude"),
                           lambda form: ins.campaign_conclude(campaign=campaign, actor=user, summary=form.cleaned_data["summary"])
                           and "专项整治已结束。", allowed=manage and ongoing),
    }
    response, forms, open_action = dispatch(request, actions, success_url=reverse("oversight:campaign", args=[campaign.pk]))
    if response:
        return response
    return render(request, "oversight/campaign_detail.html", {
        "c": campaign, "forms": forms, "open_action": open_action, "today": timezone.localdate(),
        "rectifications": selectors.rectifications_from(user, "campaign", campaign.pk).select_related("unit"),
        "history": history(campaign), "page_title": campaign.title,
        "breadcrumbs": [("专项整治", reverse("oversight:campaigns")), (campaign.title, None)],
    })
