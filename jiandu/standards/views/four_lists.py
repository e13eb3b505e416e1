"""Pages of the four lists (R-STD-5): compile entries on a draft, publish as the compiling unit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from jiandu.core import policy, scope
from jiandu.core.errors import DomainError
from jiandu.standards import selectors
from jiandu.standards.forms.catalogues import FourListEntryForm
from jiandu.standards.models import FourList, FourListEntry, VersionStatus
from jiandu.standards.rules.four_lists import excluded_domain
from jiandu.standards.services import four_lists as services
from jiandu.standards.services.four_lists import EXCLUDED_KEY
from jiandu.standards.views.common import can, catalogue_overview, form_error, run, unit_catalogue, unit_get

CRUMB = ("四张清单", "/standards/four-lists/")


def _excluded(unit):
    resolved = policy.resolve(EXCLUDED_KEY, on=timezone.localdate(), jurisdiction=unit)
    return resolved


@login_required
def overview(request):
    resolved = _excluded(request.user.unit) if request.user.unit_id else None
    intro = ""
    if resolved is not None:
        intro = f"依照{resolved.legal_reference}，{'、'.join(resolved.value)}等执法领域不实行“四张清单”制度。"
    return catalogue_overview(request, model=FourList, count_field="entries", unit_url="standards:unit_four_lists",
                              list_url="standards:four_list", title="包容审慎监管“四张清单”", noun="条目",
                              extra={"intro": intro, "noun_unit": "条"})


@login_required
def unit_page(request, unit_id: int):
    unit = unit_get(request.user, unit_id)
    resolved = _excluded(unit)
    return unit_catalogue(request, model=FourList, unit_id=unit_id, list_url="standards:four_list", title="四张清单",
                          crumb=CRUMB, template="standards/four_lists/unit_empty.html",
                          extra={"excluded": excluded_domain([unit.domain], resolved.value), "reference": resolved.legal_reference})


def _entry_items(unit):
    return selectors.published_items(unit).filter(kind__in=["penalty", "coercion"])


@login_required
def detail(request, list_id: int):
    four_list = scope.get_visible(FourList.objects.select_related("unit", "created_by", "published_by"), request.user, id=list_id)
    unit = four_list.unit
    manage = can(request.user, "standards.manage")
    editable = manage and four_list.is_draft
    form = FourListEntryForm(request.POST or None, items=_entry_items(unit) if editable else ())
    if request.method == "POST" and editable and form.is_valid():
        try:
            services.four_list_entry_add(four_list=four_list, actor=request.user, **{**form.cleaned_data, "sort_order": form.cleaned_data.get("sort_order") or 0})
        except DomainError as exc:
            if exc.status == 404:
                raise
            form_error(form, exc)
        else:
            messages.success(request, "已添加清单条目。")
            return redirect("standards:four_list", four_list.pk)
    kind = request.GET.get("kind", "")
    entries = four_list.entries.annotate(kind_order=FourListEntry.KIND_ORDER).order_by("kind_order", "sort_order", "item_code", "id")
    counts = dict(entries.order_by().values_list("kind").annotate(n=Count("id")))
    if kind in FourListEntry.Kind.values:
        entries = entries.filter(kind=kind)
    versions = list(FourList.objects.filter(unit=unit).annotate(n=Count("entries")).order_by("-version"))
    resolved = _excluded(unit)
    return render(request, "standards/four_lists/detail.html", {
        "four_list": four_list, "unit": unit, "entries": entries, "versions": versions, "form": form, "kind": kind,
        "tabs": [(code, label, counts.get(code, 0)) for code, label in FourListEntry.Kind.choices],
        "total": sum(counts.values()), "can_edit": editable, "can_manage": manage,
        "can_publish": can(request.user, "standards.publish") and four_list.is_draft,
        "has_draft": any(v.status == VersionStatus.DRAFT for v in versions),
        "excluded_domains": resolved.value, "reference": resolved.legal_reference,
        "page_title": f"{unit.display_name} · 四张清单",
        "breadcrumbs": [CRUMB, (unit.name, None)],
    })


@login_required
def entry_edit(request, entry_id: int):
    entry = scope.get_visible(FourListEntry.objects.select_related("four_list__unit"), request.user, id=entry_id)
    four_list = entry.four_list
    initial = {f: getattr(entry, f) for f in ("kind", "item_code", "conditions", "legal_basis", "sort_order")}
    form = FourListEntryForm(request.POST or None, initial=initial, items=_entry_items(four_list.unit))
    if request.method == "POST" and form.is_valid():
        try:
            services.four_list_entry_update(entry=entry, actor=request.user, **{**form.cleaned_data, "sort_order": form.cleaned_data.get("sort_order") or 0})
        except DomainError as exc:
            if exc.status == 404:
                raise
            form_error(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("standards:four_list", four_list.pk)
    return render(request, "standards/simple_form.html", {
        "form": form, "cancel": reverse("standards:four_list", args=[four_list.pk]), "card_title": f"{four_list.unit.name} · 第 {four_list.version} 版草稿",
        "page_title": "修改清单条目", "breadcrumbs": [CRUMB, (four_list.unit.name, reverse("standards:four_list", args=[four_list.pk])), ("修改条目", None)],
    })


@login_required
@require_POST
def entry_delete(request, entry_id: int):
    entry = scope.get_visible(FourListEntry.objects.select_related("four_list__unit"), request.user, id=entry_id)
    return run(request, lambda: services.four_list_entry_delete(entry=entry, actor=request.user), success="已删除条目。",
               to=reverse("standards:four_list", args=[entry.four_list_id]))


@login_required
@require_POST
def open_draft(request, unit_id: int):
    unit = unit_get(request.user, unit_id)
    return run(request, lambda: services.four_list_open_draft(unit=unit, actor=request.user),
               success="已打开四张清单草稿。", to=lambda d: reverse("standards:four_list", args=[d.pk]),
               back=reverse("standards:unit_four_lists", args=[unit.pk]))


@login_required
@require_POST
def action(request, list_id: int, action: str):
    four_list = scope.get_visible(FourList.objects.select_related("unit"), request.user, id=list_id)
    back = reverse("standards:four_list", args=[four_list.pk])
    if action == "publish":
        return run(request, lambda: services.four_list_publish(four_list=four_list, actor=request.user),
                   success=f"第 {four_list.version} 版四张清单已公布。", to=back)
    if action == "discard":
        return run(request, lambda: services.four_list_discard(four_list=four_list, actor=request.user), success="已放弃草稿。",
                   to=reverse("standards:unit_four_lists", args=[four_list.unit_id]), back=back)
    return redirect(back)
