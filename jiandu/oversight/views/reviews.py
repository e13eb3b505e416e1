"""Pages of the case-file review (R-SUP-6): the agency's campaign page (rubric, coverage, draw,
scoring, notice) and the units' self-review."""

from __future__ import annotations

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from jiandu.cases.models import Case
from jiandu.core import scope
from jiandu.core.errors import DomainError, Forbidden, NotFound
from jiandu.core.paging import offset_page
from jiandu.core.scope import has_permission
from jiandu.core.views import form_error
from jiandu.oversight import forms as f
from jiandu.oversight import selectors
from jiandu.oversight.models import ReviewCampaign, ReviewFile, SelfReview
from jiandu.oversight.rules import scoring
from jiandu.oversight.services import reviews as rv
from jiandu.oversight.views._helpers import Action, dispatch, history


class ConfirmForm(django_forms.Form):
    pass


class BulkSelfReviewForm(f.SelfReviewForm):
    cases = django_forms.ModelMultipleChoiceField(queryset=Case.objects.none(), widget=django_forms.MultipleHiddenInput)

    def __init__(self, *args, cases=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases if cases is not None else Case.objects.none()


@login_required
def review_list(request):
    manage = has_permission(request.user, "oversight.manage")
    qs = selectors.reviews_visible(request.user) if manage else selectors.reviews_for_unit(request.user)
    return render(request, "oversight/review_list.html", {
        "page": offset_page(request, qs.order_by("-year", "-id")), "can_launch": manage,
        "page_title": "案卷评查", "breadcrumbs": [("案卷评查", None)],
    })


@login_required
def review_new(request):
    if not has_permission(request.user, "oversight.manage"):
        raise Forbidden()
    today = timezone.localdate()
    form = f.ReviewForm(initial={"year": today.year, "title": f"{today.year}年度行政执法案卷集中评查"})
    if request.method == "POST":
        form = f.ReviewForm(request.POST)
        if form.is_valid():
            try:
                campaign = rv.review_launch(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "评查已启动，各单位开始自评。")
                return redirect("oversight:review", review_id=campaign.pk)
    return render(request, "oversight/review_new.html", {
        "form": form, "page_title": "启动案卷评查", "breadcrumbs": [("案卷评查", reverse("oversight:reviews")), ("新建", None)],
    })


def _campaign_for(user, review_id: int) -> ReviewCampaign:
    """The agency reads the campaign in its scope; a unit reads the campaigns of its jurisdiction."""
    if has_permission(user, "oversight.manage"):
        return selectors.review_get(user, review_id)
    campaign = selectors.reviews_for_unit(user).filter(pk=review_id).first()
    if campaign is None or not has_permission(user, "oversight.respond"):
        raise NotFound()
    return campaign


@login_required
def review_detail(request, review_id: int):
    user = request.user
    campaign = _campaign_for(user, review_id)
    manage = has_permission(user, "oversight.manage")
    status = campaign.status
    marks = rv.cutoffs(campaign)
    my_files = scope.visible(rv.population_cases(campaign), user, area="oversight").select_related("unit")
    actions = {
        "rubric": Action(lambda *a: f.RubricForm(*a, prefix="rubric", initial=f.RubricForm.to_lines(campaign.rubric)),
                         lambda form: rv.review_rubric_set(campaign=campaign, actor=user, rubric=form.rubric()) and "评分标准已保存。",
                         allowed=manage and status == "self_review"),
        "draw": Action(lambda *a: f.DrawForm(*a, prefix="draw", minimum=int(rv._figure(campaign, "oversight.review.sample_min")),
                                             maximum=int(rv._figure(campaign, "oversight.review.sample_max"))),
                       lambda form: rv.review_draw(campaign=campaign, actor=user, size=form.cleaned_data["size"],
                                                   seed=form.cleaned_data["seed"] or None) and "已随机抽取案卷，抽取记录已保存。",
                       allowed=manage and status == "self_review"),
        "self_review": Action(lambda *a: BulkSelfReviewForm(*a, prefix="self", cases=my_files),
                              lambda form: f"已登记 {rv.self_review_bulk(campaign=campaign, actor=user, **form.cleaned_data)} 件案卷的自评。",
                              allowed=status in ("self_review", "drawn") and (has_permission(user, "oversight.respond") or manage)),
        "conclude": Action(lambda *a: ConfirmForm(*a, prefix="conclude"),
                           lambda form: rv.review_conclude(campaign=campaign, actor=user) and "评查已完成，可发布结果通报。",
                           allowed=manage and status == "drawn"),
        "publish": Action(lambda *a: f.NoticeForm(*a, prefix="publish", initial={
                              "notice_title": f"关于{campaign.year}年度行政执法案卷评查情况的通报",
                              "notice_summary": f"按照年度工作安排，{campaign.unit.display_name}组织开展了{campaign.year}年度行政执法案卷集中评查。"
                                                "各单位对当年行政处罚、行政强制、行政许可案卷进行了全覆盖自评，"
                                                f"区行政执法监督机构按类别随机抽取案卷进行集中评查。评查结果通报如下。"}),
                          lambda form: rv.review_publish(campaign=campaign, actor=user, **form.cleaned_data)
                          and "结果通报已发布，公众可在公众服务平台查看。", allowed=manage and status == "concluded"),
    }
    response, forms, open_action = dispatch(request, actions, success_url=reverse("oversight:review", args=[campaign.pk]))
    if response:
        return response
    unit_ids = None if manage else list(my_files.values_list("unit_id", flat=True).distinct())
    files = scope.visible(ReviewFile.objects.filter(campaign=campaign), user).select_related("case", "unit")
    reviewed = set(SelfReview.objects.filter(campaign=campaign, case__in=my_files).values_list("case_id", flat=True))
    file_page = offset_page(request, my_files.order_by("unit__sort_order", "unit_id", "kind", "decided_on", "id"), per_page=50)
    return render(request, "oversight/review_detail.html", {
        "r": campaign, "forms": forms, "open_action": open_action, "manage": manage, "marks": marks,
        "coverage": rv.coverage_by_unit(campaign, units=unit_ids), "files": files,
        "scored": files.filter(status="scored").count(), "results": rv.results_by_unit(campaign) if status in ("concluded", "published") else [],
        "page": file_page, "reviewed": reviewed, "categories": [rv.CATEGORY_LABELS.get(c, c) for c in campaign.categories],
        "form_total": scoring.section_total(campaign.rubric, "form"), "content_total": scoring.section_total(campaign.rubric, "content"),
        "history": history(campaign) if manage else [], "page_title": campaign.title,
        "breadcrumbs": [("案卷评查", reverse("oversight:reviews")), (campaign.title, None)],
    })


@login_required
def review_file(request, review_id: int, file_id: int):
    user = request.user
    campaign = _campaign_for(user, review_id)
    item = scope.get_visible(ReviewFile.objects.filter(campaign=campaign).select_related("case", "unit", "rectification"),
                             user, id=file_id)
    can_score = has_permission(user, "oversight.manage") and campaign.status == ReviewCampaign.Status.DRAWN
    initial = {f"pts_{k}": v for k, v in item.awarded.items()} | {f"veto_{c}": True for c in item.failed_vetoes} | {
        "problems": item.problems, "rectification_deadline": item.rectification.deadline if item.rectification else None}
    form = f.ScoreForm(rubric=campaign.rubric, initial=initial)
    if request.method == "POST":
        if not can_score:
            raise Forbidden()
        form = f.ScoreForm(request.POST, rubric=campaign.rubric)
        if form.is_valid():
            try:
                item = rv.review_score(review_file=item, actor=user, failed_vetoes=form.failed_vetoes(),
                                       awarded=form.awarded(), problems=form.cleaned_data["problems"],
                                       rectification_deadline=form.cleaned_data["rectification_deadline"])
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, f"已评分：{item.total} 分，{item.grade_label}。")
                following = campaign.files.filter(status="pending").order_by("unit__sort_order", "unit_id", "category", "rank").first()
                if following is not None and request.POST.get("next"):
                    return redirect("oversight:review_file", review_id=campaign.pk, file_id=following.pk)
                return redirect("oversight:review", review_id=campaign.pk)
    if not can_score:
        for field in form.fields.values():
            field.disabled = True
    sections = [(label, scoring.section_total(campaign.rubric, code), form.section_fields(code))
                for code, label in scoring.SECTIONS]
    return render(request, "oversight/review_file.html", {
        "r": campaign, "item": item, "case": item.case, "form": form, "can_score": can_score, "marks": rv.cutoffs(campaign),
        "failed_vetoes": [f"{v['code']} {v['text']}" for v in campaign.rubric.get("veto", [])
                          if v["code"] in item.failed_vetoes],
        "sections": sections,
        "form_total": scoring.section_total(campaign.rubric, "form"), "content_total": scoring.section_total(campaign.rubric, "content"),
        "page_title": f"评查案卷 {item.case.number}",
        "breadcrumbs": [("案卷评查", reverse("oversight:reviews")), (campaign.title, reverse("oversight:review", args=[campaign.pk])),
                        (item.case.number, None)],
    })
