"""Pages of enforcement item lists (R-STD-1): versions, draft editing, Excel import and export."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jiandu.core import scope
from jiandu.core.errors import DomainError
from jiandu.core.models import BackgroundJob
from jiandu.core.paging import offset_page
from jiandu.standards import excel
from jiandu.standards.forms.items import ImportForm, ItemForm
from jiandu.standards.jobs import IMPORT_KIND
from jiandu.standards.models import EnforcementItem, ItemList, VersionStatus
from jiandu.standards.services import items as services
from jiandu.standards.views.common import can, catalogue_overview, filter_text, form_error, run, unit_get

CRUMB = ("行政执法事项清单", "/standards/items/")


@login_required
def item_lists(request):
    return catalogue_overview(request, model=ItemList, count_field="items", unit_url="standards:unit_items",
                              list_url="standards:item_list", title="行政执法事项清单", noun="事项")


@login_required
def unit_items(request, unit_id: int):
    """A unit's list: its draft for those who edit it, otherwise its published version."""
    unit = unit_get(request.user, unit_id)
    lists = {l.status: l for l in ItemList.objects.filter(unit=unit, status__in=[VersionStatus.DRAFT, VersionStatus.PUBLISHED])}
    preferred = lists.get(VersionStatus.DRAFT) if can(request.user, "standards.manage") else None
    target = preferred or lists.get(VersionStatus.PUBLISHED) or lists.get(VersionStatus.DRAFT)
    if target is not None:
        return redirect("standards:item_list", target.pk)
    return render(request, "standards/items/unit_empty.html", {
        "unit": unit, "can_manage": can(request.user, "standards.manage"),
        "page_title": f"{unit.display_name} · 行政执法事项清单", "breadcrumbs": [CRUMB, (unit.name, None)],
    })


@login_required
def item_list_detail(request, list_id: int):
    item_list = scope.get_visible(ItemList.objects.select_related("unit", "published_by", "created_by"), request.user, id=list_id)
    unit = item_list.unit
    qs = item_list.items.select_related("responsible_unit").order_by("code")
    q, kind = filter_text(request), request.GET.get("kind", "")
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(code__contains=q) | Q(law_name__contains=q))
    if kind in EnforcementItem.Kind.values:
        qs = qs.filter(kind=kind)
    page = offset_page(request, qs, per_page=50)
    versions = list(ItemList.objects.filter(unit=unit).annotate(n=Count("items")).order_by("-version"))
    kind_counts = dict(item_list.items.values_list("kind").annotate(n=Count("id")))
    manage = can(request.user, "standards.manage")
    return render(request, "standards/items/list_detail.html", {
        "item_list": item_list, "unit": unit, "page": page, "versions": versions, "q": q, "kind": kind,
        "item_count": next((v.n for v in versions if v.pk == item_list.pk), 0),
        "kinds": EnforcementItem.Kind.choices, "kind_counts": [(label, kind_counts.get(code, 0), code) for code, label in EnforcementItem.Kind.choices if kind_counts.get(code)],
        "can_edit": manage and item_list.is_draft, "can_manage": manage,
        "can_publish": can(request.user, "standards.publish") and item_list.is_draft,
        "has_draft": any(v.status == VersionStatus.DRAFT for v in versions),
        "page_title": f"{unit.display_name} · 行政执法事项清单",
        "breadcrumbs": [CRUMB, (unit.name, reverse("standards:unit_items", args=[unit.pk])), (f"第 {item_list.version} 版", None)],
    })


@login_required
@require_POST
def open_draft(request, unit_id: int):
    unit = unit_get(request.user, unit_id)
    return run(request, lambda: services.item_list_open_draft(unit=unit, actor=request.user),
               success="已打开清单草稿（复制自现行版本），修改后请公布。",
               to=lambda draft: reverse("standards:item_list", args=[draft.pk]),
               back=reverse("standards:unit_items", args=[unit.pk]))


@login_required
@require_POST
def item_list_action(request, list_id: int, action: str):
    item_list = scope.get_visible(ItemList.objects.select_related("unit"), request.user, id=list_id)
    back = reverse("standards:item_list", args=[item_list.pk])
    if action == "publish":
        return run(request, lambda: services.item_list_publish(item_list=item_list, actor=request.user),
                   success=f"第 {item_list.version} 版事项清单已公布，公众服务页面即时更新。", to=back)
    if action == "discard":
        return run(request, lambda: services.item_list_discard(item_list=item_list, actor=request.user),
                   success="已放弃草稿。", to=reverse("standards:unit_items", args=[item_list.unit_id]), back=back)
    return redirect(back)


def _unit_choices(unit):
    from jiandu.organization.models import Unit

    return Unit.objects.filter(path__startswith=unit.path, is_active=True).order_by("depth", "sort_order", "id")


@login_required
def item_edit(request, list_id: int | None = None, item_id: int | None = None):
    if item_id is not None:
        item = scope.get_visible(EnforcementItem.objects.select_related("item_list__unit", "responsible_unit"), request.user, id=item_id)
        item_list = item.item_list
    else:
        item = None
        item_list = scope.get_visible(ItemList.objects.select_related("unit"), request.user, id=list_id)
    unit = item_list.unit
    initial = {}
    if item is not None:
        initial = {f: getattr(item, f) for f in ("code", "name", "kind", "law_name", "law_article", "legal_basis", "domain")}
        initial["responsible_unit"] = "" if item.responsible_unit_id == unit.pk else item.responsible_unit.code
    form = ItemForm(request.POST or None, initial=initial, units=_unit_choices(unit))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if item is None:
                services.item_add(item_list=item_list, actor=request.user, **data)
            else:
                services.item_update(item=item, actor=request.user, **data)
        except DomainError as exc:
            if exc.status == 404:
                raise
            form_error(form, exc)
        else:
            messages.success(request, "已保存事项。")
            return redirect("standards:item_list", item_list.pk)
    title = "修改事项" if item else "新增事项"
    return render(request, "standards/items/item_form.html", {
        "form": form, "item_list": item_list, "unit": unit, "item": item, "page_title": title,
        "breadcrumbs": [CRUMB, (unit.name, reverse("standards:item_list", args=[item_list.pk])), (title, None)],
    })


@login_required
@require_POST
def item_delete(request, item_id: int):
    item = scope.get_visible(EnforcementItem.objects.select_related("item_list__unit"), request.user, id=item_id)
    return run(request, lambda: services.item_delete(item=item, actor=request.user),
               success=f"已删除事项“{item.name}”。", to=reverse("standards:item_list", args=[item.item_list_id]))


# --- Excel ------------------------------------------------------------------------------------------


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
def import_template(request, unit_id: int):
    unit = unit_get(request.user, unit_id)
    content = excel.workbook(kinds=services.kinds(), units=[(u.name, u.code) for u in _unit_choices(unit)],
                             title=f"{unit.name}行政执法事项清单导入模板")
    return _xlsx(content, f"{unit.display_name}事项清单导入模板.xlsx")


@login_required
def item_list_export(request, list_id: int):
    item_list = scope.get_visible(ItemList.objects.select_related("unit"), request.user, id=list_id)
    rows = [
        {"code": i.code, "name": i.name, "kind": i.kind, "law_name": i.law_name, "law_article": i.law_article,
         "legal_basis": i.legal_basis, "responsible_unit": "" if i.responsible_unit_id == item_list.unit_id else i.responsible_unit.name,
         "domain": i.domain}
        for i in item_list.items.select_related("responsible_unit").order_by("code")
    ]
    content = excel.workbook(kinds=services.kinds(), units=[(u.name, u.code) for u in _unit_choices(item_list.unit)],
                             rows=rows, title=f"{item_list.unit.name}行政执法事项清单（第{item_list.version}版）")
    return _xlsx(content, f"{item_list.unit.display_name}事项清单第{item_list.version}版.xlsx")


@login_required
def import_page(request, unit_id: int):
    unit = unit_get(request.user, unit_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    if not can(request.user, "standards.publish"):
        form.fields.pop("publish")
    if request.method == "POST" and form.is_valid():
        try:
            job = services.item_import_start(unit=unit, actor=request.user, upload=form.cleaned_data["file"],
                                             mode=form.cleaned_data["mode"], publish=form.cleaned_data.get("publish", False))
        except DomainError as exc:
            if exc.status == 404:
                raise
            form_error(form, exc)
        else:
            return redirect("standards:import_status", job.pk)
    jobs = BackgroundJob.objects.filter(kind=IMPORT_KIND, unit=unit)
    recent = scope.visible(jobs, request.user).select_related("created_by").order_by("-created_at")[:8]
    return render(request, "standards/items/import.html", {
        "unit": unit, "form": form, "recent": recent,
        "draft": ItemList.objects.filter(unit=unit, status=VersionStatus.DRAFT).first(),
        "page_title": f"{unit.display_name} · 导入事项清单",
        "breadcrumbs": [CRUMB, (unit.name, reverse("standards:unit_items", args=[unit.pk])), ("Excel 导入", None)],
    })


def _import_job(request, job_id: int) -> BackgroundJob:
    return scope.get_visible(BackgroundJob.objects.filter(kind=IMPORT_KIND).select_related("unit"), request.user, id=job_id)


@login_required
def import_status(request, job_id: int):
    job = _import_job(request, job_id)
    unit = job.unit
    return render(request, "standards/items/import_status.html", {
        "job": job, "unit": unit, "page_title": f"{unit.display_name} · 导入进度",
        "breadcrumbs": [CRUMB, (unit.name, reverse("standards:unit_items", args=[unit.pk])),
                        ("Excel 导入", reverse("standards:import", args=[unit.pk])), ("导入进度", None)],
    })


@login_required
def import_errors_csv(request, job_id: int):
    """The error report of a refused import, to fix the rows in Excel side by side."""
    job = _import_job(request, job_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote('导入错误报告.csv')}"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["行号", "字段", "问题"])
    for e in job.errors or []:
        writer.writerow([e.get("row", ""), e.get("field", ""), e.get("message", "")])
    return response
