"""Case pages for officers (my cases, my deadlines), unit legal officers (review queue, unit cases)
and the agency (all cases, overdue, flags). Thin: scoped lookup → one service or selector → render."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jiandu.cases import forms as f
from jiandu.cases import rules, selectors, services
from jiandu.cases.jobs import template_bytes
from jiandu.cases.models import Case, CaseDeadline, CasePause, Challenge, Disclosure, Evidence, LegalReview, PostEvaluation
from jiandu.core import holidays, jobs, scope, ui
from jiandu.core.errors import DomainError, Forbidden, NotFound
from jiandu.core.paging import offset_page
from jiandu.core.views import form_error
from jiandu.organization.models import Unit

LIST_CRUMB = ("执法案件", "/cases/")


def _can(user, *perms: str) -> bool:
    return any(scope.has_permission(user, p) for p in perms)


def _deadline_rows(deadlines, today: date):
    """Each deadline with its days left, counted as the law counts it (working or calendar days)."""
    calendar = holidays.load_calendar()
    rows = []
    for d in deadlines:
        left = None
        if d.due_on is not None and d.status in CaseDeadline.ACTIVE:
            try:
                left = rules.days_left(today, d.due_on, d.counting, calendar=calendar)
            except DomainError:
                left = None
        rows.append({"d": d, "left": left, "late": -left if left is not None and left < 0 else None,
                     "unit": "个工作日" if d.counting == "working" else "天"})
    return rows


# --- lists ------------------------------------------------------------------------------------------


@login_required
def case_list(request):
    user = request.user
    if not _can(user, "cases.manage", "cases.supervise", "cases.legal_review", "cases.record_step"):
        raise Forbidden()
    filters = selectors.CaseFilters.from_params(request.GET)
    qs = selectors.case_list(user, filters).select_related("unit").only(*selectors.LIST_FIELDS)
    page = selectors.case_page(request, qs, per_page=20)
    if "after" not in request.GET:
        page.total, page.total_is_estimate = selectors.estimate_count(qs)
    units = scope.visible(Unit.objects.filter(is_enforcement_unit=True), user, area="cases").order_by("sort_order", "id")
    return render(request, "cases/list.html", {
        "page": page, "filters": filters, "units": units, "kinds": Case.Kind.choices, "statuses": Case.Status.choices,
        "procedures": Case.Procedure.choices, "can_file": _can(user, "cases.manage", "cases.record_step"),
        "page_title": "执法案件", "breadcrumbs": [("执法案件", None)],
    })


@login_required
def my_work(request):
    today = timezone.localdate()
    cases = selectors.my_cases(request.user).order_by("closed_on", "-filed_on", "-id")
    open_cases = [c for c in cases[:200] if c.status in Case.OPEN]
    return render(request, "cases/mine.html", {
        "deadlines": _deadline_rows(selectors.my_deadlines(request.user)[:50], today),
        "open_cases": open_cases, "finished": [c for c in cases[:200] if c.status not in Case.OPEN][:20],
        "today": today, "page_title": "我的案件", "breadcrumbs": [("我的案件", None)],
    })


@login_required
def deadlines(request):
    if not _can(request.user, "cases.manage", "cases.supervise"):
        raise Forbidden()
    today = timezone.localdate()
    qs = selectors.unit_deadlines(request.user)
    which = request.GET.get("show", "overdue")
    if which == "overdue":
        qs = qs.filter(status=CaseDeadline.Status.OVERDUE)
    else:
        qs = qs.filter(status=CaseDeadline.Status.OPEN)
    page = offset_page(request, qs, per_page=30, count=False)
    page.items = _deadline_rows(page.items, today)
    return render(request, "cases/deadlines.html", {
        "page": page, "show": which, "today": today, "page_title": "办案期限预警", "breadcrumbs": [LIST_CRUMB, ("期限预警", None)],
    })


@login_required
def review_queue(request):
    if not _can(request.user, "cases.legal_review"):
        raise Forbidden()
    return render(request, "cases/reviews.html", {
        "pending": selectors.review_queue(request.user)[:100], "done": selectors.reviews_done(request.user)[:20],
        "page_title": "法制审核", "breadcrumbs": [("法制审核", None)],
    })


# --- one case ----------------------------------------------------------------------------------------


def _stages(case: Case) -> list[dict]:
    flow = rules.flow_of(case.kind, case.procedure)
    stages = list(rules.STAGES[flow])
    reached = {s.to_status for s in case.steps.all()} | {case.status}
    if "hearing" not in reached:
        stages = [s for s in stages if s[0] != "hearing"]
    order = [s for s, _ in stages]
    current = order.index(case.status) if case.status in order else (len(order) if case.status == "closed" else -1)
    result = []
    for i, (state, label) in enumerate(stages):
        css = "done" if i < current or case.status == "closed" else ("current" if i == current else "")
        if case.status == "terminated" and state in reached and state != "terminated":
            css = "done"
        result.append({"label": label, "css": css, "n": i + 1})
    return result


@login_required
def case_detail(request, case_id: int):
    case = selectors.case_get(request.user, case_id)
    today = timezone.localdate()
    detail = selectors.case_detail(case)
    flow = rules.flow_of(case.kind, case.procedure)
    actions = [(a, t) for a, t in rules.actions_from(flow, case.status)
               if _can(request.user, *t.permissions) and a != "return_for_revision"]
    can_manage = _can(request.user, "cases.manage")
    can_record = _can(request.user, *rules.RECORD)
    pending_review = next((r for r in detail["reviews"] if r.status == LegalReview.Status.PENDING), None)
    return render(request, "cases/detail.html", {
        "case": case, **detail, "deadline_rows": _deadline_rows(detail["deadlines"], today), "stages": _stages(case),
        "actions": actions, "can_manage": can_manage, "can_record": can_record,
        "can_review": _can(request.user, "cases.legal_review") and pending_review is not None, "pending_review": pending_review,
        "open_pause": next((p for p in detail["pauses"] if p.ended_on is None), None),
        "assign_form": f.AssignForm(case=case) if can_manage and case.status in Case.OPEN else None,
        "pause_form": f.PauseForm(), "pause_end_form": f.PauseEndForm(initial={"ended_on": today}),
        "evidence_form": f.EvidenceForm(), "withdraw_form": f.WithdrawForm(), "challenge_form": f.ChallengeForm(),
        "outcome_form": f.OutcomeForm(initial={"decided_on": today}),
        "evaluation_form": f.EvaluationForm(initial={"evaluated_on": today}),
        "decided": case.decided_on is not None, "penalty_labels": rules.PENALTY_LABELS,
        "panels": ui.panels("case_panels", request.user, case), "today": today,
        "page_title": case.title, "breadcrumbs": [LIST_CRUMB, (case.number, None)],
    })


@login_required
def case_new(request):
    user = request.user
    if not _can(user, "cases.manage", "cases.record_step"):
        raise Forbidden()
    units = scope.visible(Unit.objects.filter(is_enforcement_unit=True, is_active=True), user, area="cases")
    if not _can(user, "cases.manage"):
        units = units.filter(pk=user.unit_id)
    unit_id = request.GET.get("unit") or (user.unit_id if units.filter(pk=user.unit_id).exists() else None)
    unit = units.filter(pk=unit_id).first() if unit_id else None
    if unit is None:
        return render(request, "cases/new_unit.html", {"units": units.order_by("sort_order", "id"), "page_title": "立案登记",
                                                       "breadcrumbs": [LIST_CRUMB, ("立案登记", None)]})
    form = f.CaseForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = services.case_create(
                actor=user, unit=unit, kind=d["kind"], item=d["item"], procedure=d["procedure"], title=d["title"],
                party={"kind": d["party_kind"], "name": d["party_name"], "id_number": d["party_id_number"],
                       "phone": d["party_phone"], "address": d["party_address"],
                       "legal_representative": d["party_legal_representative"]},
                filed_on=d["filed_on"], officer_ids=[o.pk for o in d["officers"]],
                lead_officer_id=d["lead_officer"].pk if d["lead_officer"] else None, is_major=d["is_major"],
                facts=d["facts"], violation_ended_on=d["violation_ended_on"], discovered_on=d["discovered_on"],
                harm_to_life_or_finance=d["harm_to_life_or_finance"])
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"已立案：{case.number}。")
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/new.html", {"form": form, "unit": unit, "page_title": "立案登记",
                                              "breadcrumbs": [LIST_CRUMB, ("立案登记", None)]})


@login_required
def case_step(request, case_id: int, action: str):
    case = selectors.case_get(request.user, case_id)
    try:
        form = f.step_form(action, case, request.POST or None)
    except rules.TransitionRefused as exc:
        messages.error(request, exc.message)
        return redirect("cases:detail", case_id=case.pk)
    if not _can(request.user, *form.transition.permissions):
        raise Forbidden()
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        officers = d.pop("officer_ids", None)
        try:
            services.case_step(actor=request.user, case=case, action=action, occurred_on=d.pop("occurred_on"),
                               officer_ids=[o.pk for o in officers] if officers is not None else None,
                               note=d.pop("note", ""), **{k: v for k, v in d.items() if v not in (None, "", [])})
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"已办理：{form.transition.label}。")
            return redirect("cases:detail", case_id=case.pk)
    review = case.legal_reviews.order_by("-id").first()
    return render(request, "cases/step.html", {
        "case": case, "form": form, "action": action, "transition": form.transition, "review": review,
        "page_title": form.transition.label, "breadcrumbs": [LIST_CRUMB, (case.number, f"/cases/{case.pk}/"), (form.transition.label, None)],
    })


def _post(request, case: Case, form, run, success: str):
    """Validate ``form``, run the service, report: shared by the small forms of the case page."""
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message + ("" if not isinstance(exc.details, dict) else
                                                   "（" + "；".join(str(v) for v in exc.details.values()) + "）"))
        else:
            messages.success(request, success)
    else:
        messages.error(request, "；".join(f"{form.fields[k].label if k in form.fields else ''}{'：' if k in form.fields else ''}{v[0]}"
                                         for k, v in form.errors.items()))
    return redirect(f"/cases/{case.pk}/")


@login_required
@require_POST
def case_assign(request, case_id: int):
    case = selectors.case_get(request.user, case_id)
    return _post(request, case, f.AssignForm(request.POST, case=case),
                 lambda d: services.case_assign_officer(actor=request.user, case=case, officer=d["officer"],
                                                        assigned_on=d["assigned_on"], role=d["role"]), "已指派执法人员。")


@login_required
@require_POST
def pause_start(request, case_id: int):
    case = selectors.case_get(request.user, case_id)
    return _post(request, case, f.PauseForm(request.POST),
                 lambda d: services.case_pause_start(actor=request.user, case=case, **d), "期限已中止计算。")


@login_required
@require_POST
def pause_end(request, pause_id: int):
    pause = scope.get_visible(CasePause.objects.select_related("case"), request.user, id=pause_id)
    return _post(request, pause.case, f.PauseEndForm(request.POST),
                 lambda d: services.case_pause_end(actor=request.user, pause=pause, ended_on=d["ended_on"]), "期限恢复计算。")


@login_required
@require_POST
def evidence_add(request, case_id: int):
    case = selectors.case_get(request.user, case_id)
    return _post(request, case, f.EvidenceForm(request.POST, request.FILES),
                 lambda d: services.evidence_add(actor=request.user, case=case, kind=d["kind"], title=d["title"],
                                                 upload=d["file"], collected_on=d["collected_on"]), "已上传并登记校验值。")


@login_required
def evidence_download(request, evidence_id: int):
    evidence = scope.get_visible(Evidence.objects.select_related("case"), request.user, id=evidence_id)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name)


@login_required
@require_POST
def evidence_remove(request, evidence_id: int):
    evidence = scope.get_visible(Evidence.objects.select_related("case"), request.user, id=evidence_id)
    reason = request.POST.get("reason", "").strip() or "撤回"
    try:
        services.evidence_remove(actor=request.user, evidence=evidence, reason=reason)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已撤回该记录（文件保留备查）。")
    return redirect(f"/cases/{evidence.case_id}/")


@login_required
@require_POST
def evidence_verify(request, case_id: int):
    case = selectors.case_get(request.user, case_id)
    report = services.evidence_verify(actor=request.user, case=case)
    if report.clean:
        messages.success(request, f"已校验 {report.checked} 个文件，SHA-256 全部一致。")
    else:
        names = "、".join(f"“{t['title']}”" for t in report.tampered + report.missing)
        messages.error(request, f"校验发现异常：{names} 与登记的校验值不一致或文件缺失，已记入审计日志并通知相关人员。")
    return redirect(f"/cases/{case.pk}/")


@login_required
@require_POST
def disclosure_publish(request, disclosure_id: int):
    d = scope.get_visible(Disclosure.objects.select_related("case"), request.user, id=disclosure_id)
    try:
        d = services.disclosure_publish(actor=request.user, disclosure=d)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已在公示栏公示（个人信息已脱敏）。" + ("注意：已超过公示期限。" if d.is_late else ""))
    return redirect(f"/cases/{d.case_id}/")


@login_required
@require_POST
def disclosure_withdraw(request, disclosure_id: int):
    d = scope.get_visible(Disclosure.objects.select_related("case"), request.user, id=disclosure_id)
    return _post(request, d.case, f.WithdrawForm(request.POST),
                 lambda x: services.disclosure_withdraw(actor=request.user, disclosure=d, reason=x["reason"]), "已撤回公示并公开理由。")


@login_required
@require_POST
def evaluation_record(request, evaluation_id: int):
    ev = scope.get_visible(PostEvaluation.objects.select_related("case"), request.user, id=evaluation_id)
    return _post(request, ev.case, f.EvaluationForm(request.POST),
                 lambda d: services.post_evaluation_record(actor=request.user, evaluation=ev, **d), "已登记执法后评估意见。")


@login_required
@require_POST
def challenge_record(request, case_id: int):
    case = selectors.case_get(request.user, case_id)
    return _post(request, case, f.ChallengeForm(request.POST),
                 lambda d: services.challenge_record(actor=request.user, case=case, **d), "已登记。")


@login_required
@require_POST
def challenge_decide(request, challenge_id: int):
    ch = scope.get_visible(Challenge.objects.select_related("case"), request.user, id=challenge_id)
    return _post(request, ch.case, f.OutcomeForm(request.POST),
                 lambda d: services.challenge_decide(actor=request.user, challenge=ch, **d), "已登记结果。")


# --- legal review ------------------------------------------------------------------------------------


@login_required
def review_detail(request, review_id: int):
    review = selectors.review_get(request.user, review_id)
    case = review.case
    if not _can(request.user, "cases.legal_review"):
        raise NotFound()
    form = f.ReviewForm(request.POST or None)
    if request.method == "POST" and review.status == LegalReview.Status.PENDING and form.is_valid():
        try:
            services.legal_review_record(actor=request.user, review=review, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "已出具法制审核意见。")
            return redirect("cases:detail", case_id=case.pk)
    today = timezone.localdate()
    checks = (services.review_checks(case, review, today) if review.status == LegalReview.Status.PENDING
              else [rules.CheckResult(c["code"], c["label"], c["level"], c["reason"]) for c in review.checks])
    from jiandu.cases.services.review import reviewer_facts

    eligibility = rules.reviewer_eligibility(reviewer_facts(case, request.user)[0])
    return render(request, "cases/review.html", {
        "review": review, "case": case, "form": form, "checks": checks, "eligibility": eligibility,
        "parties": list(case.parties.all()), "penalty_labels": rules.PENALTY_LABELS,
        "evidence": list(case.evidence.filter(removed_at__isnull=True)),
        "page_title": f"法制审核：{case.title}", "breadcrumbs": [("法制审核", "/cases/reviews/"), (case.number, None)],
    })


# --- bulk intake -------------------------------------------------------------------------------------------


@login_required
def imports(request):
    if not _can(request.user, "cases.manage"):
        raise Forbidden()
    form = f.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            form.add_error("file", "请上传 .xlsx 格式的 Excel 文件。")
        else:
            job = jobs.start(kind="cases.import_excel", label=f"案件导入：{upload.name}", actor=request.user,
                             unit=request.user.unit, params={"source_system": form.cleaned_data["source_system"]},
                             input_file=upload)
            return redirect("core:job", job_id=job.pk)
    return render(request, "cases/imports.html", {
        "form": form, "batches": selectors.import_batches(request.user)[:30],
        "page_title": "案件批量导入", "breadcrumbs": [LIST_CRUMB, ("批量导入", None)],
    })


@login_required
def import_template(request):
    response = HttpResponse(template_bytes(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E6%A1%88%E4%BB%B6%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx"
    return response
