"""Pages of the criminal linkage (R-LNK-1…4): thin — scoped lookup, one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from jiandu.cases.models import Case
from jiandu.core import scope
from jiandu.core.errors import DomainError, Forbidden, NotFound
from jiandu.core.paging import offset_page
from jiandu.core.views import form_error
from jiandu.linkage import rules, selectors, services
from jiandu.linkage.forms import (
    CaseQuantityForm,
    FlagResolveForm,
    MaterialForm,
    MeetingForm,
    RiskRuleForm,
    SupervisionForm,
    TaskDoneForm,
    TaskForm,
    TransferActionForm,
    TransferProposeForm,
    jurisdiction_units,
)
from jiandu.linkage.models import RiskFlag, TransferMaterial
from jiandu.organization.models import Unit

HOME = ("两法衔接", None)


def _crumbs(*items):
    return list(items)


# --- transfers ---------------------------------------------------------------------------------------


def _transfer_list(request, qs, *, template_title: str, mode: str, url_name: str):
    filters = selectors.TransferFilters.from_query(request.GET)
    counts = selectors.transfer_counts(qs)
    page = offset_page(request, selectors.filter_transfers(qs, filters), per_page=20)
    units = Unit.objects.filter(pk__in=qs.values("unit_id")).order_by("sort_order", "id") if mode != "unit" else []
    return render(request, "linkage/transfer_list.html", {
        "page": page, "filters": filters, "counts": counts, "mode": mode, "statuses": rules.STATUS_LABELS.items(),
        "units": units, "url_name": url_name, "now": timezone.now(),
        "can_propose": scope.has_permission(request.user, rules.UNIT),
        "page_title": template_title, "breadcrumbs": _crumbs(HOME, (template_title, None)),
    })


@login_required
def transfer_list(request):
    if selectors.can_see_received_only(request.user):
        return redirect("linkage:queue")
    return _transfer_list(request, selectors.transfers_sent(request.user), template_title="移送涉嫌犯罪案件",
                          mode="unit", url_name="linkage:transfers")


@login_required
def transfer_queue(request):
    return _transfer_list(request, selectors.transfers_received(request.user), template_title="移送案件受理",
                          mode="police", url_name="linkage:queue")


@login_required
def supervision(request):
    from jiandu.linkage.nav import sees_jurisdiction

    if not sees_jurisdiction(request.user):
        raise Forbidden()
    return _transfer_list(request, selectors.transfers_sent(request.user), template_title="移送案件监督",
                          mode="supervision", url_name="linkage:supervision")


@login_required
def transfer_new(request):
    if not scope.has_permission(request.user, rules.UNIT):
        raise Forbidden()
    cases = selectors.penalty_cases_for_transfer(request.user)
    police_units = Unit.objects.filter(liaison_kind=Unit.LiaisonKind.POLICE, is_active=True)
    if request.user.unit_id:
        jurisdiction = request.user.unit.jurisdiction() or request.user.unit
        police_units = police_units.filter(path__startswith=jurisdiction.path)
    initial = {}
    if request.GET.get("case"):
        initial["case"] = request.GET.get("case")
    form = TransferProposeForm(request.POST or None, initial=initial, cases=cases, police_units=police_units)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = services.transfer_propose(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"已提请移送（{transfer.number}），请在 3 日内录入负责人审批决定并上传移送材料。")
            return redirect("linkage:transfer", transfer_id=transfer.pk)
    return render(request, "linkage/transfer_new.html", {
        "form": form, "page_title": "提请移送涉嫌犯罪案件",
        "breadcrumbs": _crumbs(HOME, ("移送涉嫌犯罪案件", reverse("linkage:transfers")), ("提请移送", None)),
    })


def _action_forms(user, transfer):
    forms = []
    for action, step in selectors.transfer_actions_for(user, transfer):
        forms.append({
            "action": action, "label": step.label, "needs_reason": step.needs_reason,
            "reason_label": rules.REASON_LABELS.get(action, "说明"),
            "approver": action in ("approve", "reject"), "police_reference": action in ("accept", "file"),
            "danger": step.to in (rules.NOT_APPROVED, rules.WITHDRAWN, rules.DECLINED, rules.NOT_FILED, rules.UPHELD,
                                  rules.CLOSED),
        })
    # The step forward first; refusals, withdrawals and closings after it.
    return sorted(forms, key=lambda f: f["danger"])


@login_required
def transfer_detail(request, transfer_id: int):
    transfer = selectors.transfer_get(request.user, transfer_id)
    detail = selectors.transfer_detail(transfer)
    can_upload = (scope.has_permission(request.user, rules.UNIT) and not transfer.is_finished
                  and scope.unit_visible(request.user, transfer.unit, "linkage"))
    can_supervise = scope.has_permission(request.user, rules.PROCURATORATE)
    required = services.transfers.c.figure("linkage.package.required", transfer.unit, timezone.localdate())
    missing = rules.package_missing([m.kind for m in detail["materials"]], required, has_inspection=transfer.has_inspection)
    title = f"移送案件 {transfer.number}"
    back = ("移送案件受理", reverse("linkage:queue")) if selectors.can_see_received_only(request.user) else (
        "移送涉嫌犯罪案件", reverse("linkage:transfers"))
    return render(request, "linkage/transfer_detail.html", {
        "transfer": transfer, **detail, "action_forms": _action_forms(request.user, transfer),
        "material_form": MaterialForm() if can_upload else None, "missing": missing,
        "supervision_form": SupervisionForm(initial={"recorded_on": timezone.localdate()}) if can_supervise else None,
        "now_local": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "page_title": title, "breadcrumbs": _crumbs(HOME, back, (transfer.number, None)),
    })


@login_required
@require_POST
def transfer_act(request, transfer_id: int):
    transfer = selectors.transfer_get(request.user, transfer_id)
    form = TransferActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "提交的内容有误：时间格式应为“年-月-日 时:分”。")
        return redirect("linkage:transfer", transfer_id=transfer.pk)
    data = form.cleaned_data
    try:
        transfer = services.transfer_act(actor=request.user, transfer=transfer, action=data["action"],
                                         reason=data["reason"], approver_name=data["approver_name"],
                                         police_reference=data["police_reference"], occurred_at=data["occurred_at"])
    except DomainError as exc:
        detail = ""
        if isinstance(exc.details, dict):
            detail = "".join(str(v) for k, v in exc.details.items() if k != "missing")
        messages.error(request, f"{exc.message}{detail}")
    else:
        messages.success(request, f"已办理：{rules.ACTIONS.get(data['action'])}。当前状态：{transfer.get_status_display()}。")
    return redirect("linkage:transfer", transfer_id=transfer.pk)


@login_required
@require_POST
def material_add(request, transfer_id: int):
    transfer = selectors.transfer_get(request.user, transfer_id)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.transfer_material_add(actor=request.user, transfer=transfer, kind=form.cleaned_data["kind"],
                                           title=form.cleaned_data["title"], upload=form.cleaned_data["file"])
        except DomainError as exc:
            messages.error(request, exc.message + "".join(str(v) for v in (exc.details or {}).values()))
        else:
            messages.success(request, "材料已上传，已记录 SHA-256 校验值。")
    else:
        messages.error(request, "请选择材料类别和文件。")
    return redirect(f"{reverse('linkage:transfer', args=[transfer.pk])}#materials")


@login_required
def material_download(request, transfer_id: int, material_id: int):
    transfer = selectors.transfer_get(request.user, transfer_id)
    try:
        material = TransferMaterial.objects.get(pk=material_id, transfer=transfer)
    except TransferMaterial.DoesNotExist:
        raise NotFound() from None
    return FileResponse(material.file.open("rb"), as_attachment=True, filename=material.original_name)


@login_required
@require_POST
def supervise(request, transfer_id: int):
    transfer = selectors.transfer_get(request.user, transfer_id)
    form = SupervisionForm(request.POST)
    if form.is_valid():
        try:
            services.supervision_record(actor=request.user, transfer=transfer, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已记录检察监督意见。")
    else:
        messages.error(request, "请填写监督类别、日期和内容。")
    return redirect(f"{reverse('linkage:transfer', args=[transfer.pk])}#supervision")


# --- risk flags and rules ----------------------------------------------------------------------------


@login_required
def flag_list(request):
    qs = selectors.flags_visible(request.user)
    status = request.GET.get("status", "open")
    counts = selectors.flag_counts(qs)
    if status in RiskFlag.Status.values:
        qs = qs.filter(status=status)
    if request.GET.get("kind") in RiskFlag.Kind.values:
        qs = qs.filter(kind=request.GET["kind"])
    page = offset_page(request, qs, per_page=20)
    return render(request, "linkage/flag_list.html", {
        "page": page, "counts": counts, "status": status, "kind": request.GET.get("kind", ""),
        "kinds": RiskFlag.Kind.choices, "page_title": "涉刑风险提示",
        "breadcrumbs": _crumbs(HOME, ("涉刑风险提示", None)),
    })


@login_required
def flag_detail(request, flag_id: int):
    flag = selectors.flag_get(request.user, flag_id)
    can_resolve = flag.status == RiskFlag.Status.OPEN and scope.has_permission(request.user, "linkage.resolve_flag")
    form = FlagResolveForm(request.POST or None) if can_resolve else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.risk_flag_resolve(actor=request.user, flag=flag, resolution=form.cleaned_data["resolution"],
                                       reason=form.cleaned_data["reason"])
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "风险提示已处理。")
            return redirect("linkage:flag", flag_id=flag.pk)
    transfers = flag.case.transfers.order_by("-id")
    return render(request, "linkage/flag_detail.html", {
        "flag": flag, "form": form, "transfers": transfers, "quantity": selectors.case_quantity(flag.case),
        "can_transfer": scope.has_permission(request.user, rules.UNIT) and scope.unit_visible(request.user, flag.unit, "linkage"),
        "page_title": f"涉刑风险提示：{flag.case.number}",
        "breadcrumbs": _crumbs(HOME, ("涉刑风险提示", reverse("linkage:flags")), (flag.case.number, None)),
    })


def _case_in_linkage_scope(user, case_id: int) -> Case:
    return scope.get_visible(Case.objects.select_related("unit", "item"), user, area="linkage", pk=case_id)


@login_required
@require_POST
def case_evaluate(request, case_id: int):
    case = _case_in_linkage_scope(request.user, case_id)
    try:
        raised = services.risk_evaluate_case(actor=request.user, case=case)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if raised:
            messages.warning(request, f"重新评估完成：新发现 {len(raised)} 项涉刑风险。")
        else:
            messages.success(request, "重新评估完成：未发现新的涉刑风险。")
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/") else reverse("linkage:flags"))


@login_required
@require_POST
def case_quantity(request, case_id: int):
    case = _case_in_linkage_scope(request.user, case_id)
    form = CaseQuantityForm(request.POST)
    if form.is_valid():
        try:
            services.case_quantity_record(actor=request.user, case=case, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已记录涉案数量并重新评估涉刑风险。")
    else:
        messages.error(request, "请填写不小于零的涉案数量和计量单位。")
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/") else reverse("linkage:flags"))


@login_required
def rule_list(request):
    rules_qs = selectors.rules_visible(request.user)
    can_configure = scope.has_permission(request.user, "linkage.configure")
    form = None
    if can_configure:
        form = RiskRuleForm(request.POST or None, initial={"effective_from": timezone.localdate()},
                            units=jurisdiction_units(request.user.unit).filter(is_enforcement_unit=True)
                            if request.user.unit_id else Unit.objects.none())
        if request.method == "POST" and form.is_valid():
            try:
                services.risk_rule_create(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "已新增风险规则，下次扫描起适用；也可在案件页“重新评估”。")
                return redirect("linkage:rules")
    page = offset_page(request, rules_qs, per_page=30)
    return render(request, "linkage/rule_list.html", {
        "page": page, "form": form, "page_title": "涉刑风险规则",
        "breadcrumbs": _crumbs(HOME, ("涉刑风险规则", None)),
    })


# --- joint meetings ------------------------------------------------------------------------------------


@login_required
def meeting_list(request):
    qs = selectors.meetings_visible(request.user).prefetch_related("attendee_units", "tasks")
    page = offset_page(request, qs, per_page=20)
    return render(request, "linkage/meeting_list.html", {
        "page": page, "open_tasks": selectors.open_tasks(request.user)[:50], "today": timezone.localdate(),
        "can_record": scope.has_permission(request.user, "linkage.meeting"),
        "page_title": "联席会议", "breadcrumbs": _crumbs(HOME, ("联席会议", None)),
    })


@login_required
def meeting_new(request):
    if not scope.has_permission(request.user, "linkage.meeting") or not request.user.unit_id:
        raise Forbidden()
    form = MeetingForm(request.POST or None, initial={"held_on": timezone.localdate()},
                       units=jurisdiction_units(request.user.unit))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_record(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "已登记联席会议，请继续添加议定任务。")
            return redirect("linkage:meeting", meeting_id=meeting.pk)
    return render(request, "linkage/meeting_new.html", {
        "form": form, "page_title": "登记联席会议",
        "breadcrumbs": _crumbs(HOME, ("联席会议", reverse("linkage:meetings")), ("登记", None)),
    })


@login_required
def meeting_detail(request, meeting_id: int):
    meeting = selectors.meeting_get(request.user, meeting_id)
    can_manage = scope.has_permission(request.user, "linkage.meeting") and scope.unit_visible(
        request.user, meeting.convener, "linkage")
    form = None
    if can_manage:
        form = TaskForm(request.POST or None, units=jurisdiction_units(meeting.convener))
        if request.method == "POST" and form.is_valid():
            try:
                services.meeting_task_add(actor=request.user, meeting=meeting, **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "已添加议定任务，并通知责任单位。")
                return redirect("linkage:meeting", meeting_id=meeting.pk)
    tasks = list(meeting.tasks.select_related("owner_unit", "done_by"))
    for task in tasks:
        task.can_complete = task.status == "open" and services.meetings.can_complete(request.user, task)
    return render(request, "linkage/meeting_detail.html", {
        "meeting": meeting, "tasks": tasks, "form": form, "today": timezone.localdate(),
        "done_form": TaskDoneForm(initial={"done_on": timezone.localdate()}),
        "page_title": meeting.title,
        "breadcrumbs": _crumbs(HOME, ("联席会议", reverse("linkage:meetings")), (meeting.title, None)),
    })


@login_required
@require_POST
def task_done(request, task_id: int):
    task = selectors.task_get(request.user, task_id)
    form = TaskDoneForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_task_complete(actor=request.user, task=task, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "任务已办结。")
    else:
        messages.error(request, "请填写办结日期和办理情况。")
    return redirect("linkage:meeting", meeting_id=task.meeting_id)
