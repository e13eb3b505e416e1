"""Pages of the discretion benchmarks (R-STD-6): compile per penalty item, tiers, try a penalty."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jiandu.core import scope
from jiandu.core.errors import DomainError
from jiandu.standards import selectors
from jiandu.standards.forms.catalogues import BenchmarkForm, CheckForm, TierForm
from jiandu.standards.models import Benchmark, BenchmarkSet, BenchmarkTier, VersionStatus
from jiandu.standards.rules import check_penalty
from jiandu.standards.services import benchmarks as services
from jiandu.standards.views.common import can, catalogue_overview, form_error, run, unit_catalogue, unit_get

CRUMB = ("行政处罚裁量基准", "/standards/benchmarks/")


@login_required
def overview(request):
    return catalogue_overview(request, model=BenchmarkSet, count_field="benchmarks", unit_url="standards:unit_benchmarks",
                              list_url="standards:benchmark_set", title="行政处罚裁量基准", noun="处罚事项",
                              extra={"noun_unit": "个事项"})


@login_required
def unit_page(request, unit_id: int):
    return unit_catalogue(request, model=BenchmarkSet, unit_id=unit_id, list_url="standards:benchmark_set",
                          title="行政处罚裁量基准", crumb=CRUMB, template="standards/benchmarks/unit_empty.html")


def _free_penalty_items(benchmark_set: BenchmarkSet):
    taken = benchmark_set.benchmarks.values_list("item_code", flat=True)
    return selectors.published_items(benchmark_set.unit).filter(kind="penalty").exclude(code__in=list(taken))


@login_required
def set_detail(request, set_id: int):
    bset = scope.get_visible(BenchmarkSet.objects.select_related("unit", "created_by", "published_by"), request.user, id=set_id)
    unit = bset.unit
    manage = can(request.user, "standards.manage")
    editable = manage and bset.is_draft
    form = BenchmarkForm(request.POST or None, items=_free_penalty_items(bset) if editable else ())
    if request.method == "POST" and editable and form.is_valid():
        try:
            benchmark = services.benchmark_add(benchmark_set=bset, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            if exc.status == 404:
                raise
            form_error(form, exc)
        else:
            messages.success(request, "已添加处罚事项，请为其设置裁量等级。")
            return redirect("standards:benchmark", benchmark.pk)
    versions = list(BenchmarkSet.objects.filter(unit=unit).annotate(n=Count("benchmarks")).order_by("-version"))
    return render(request, "standards/benchmarks/set_detail.html", {
        "bset": bset, "unit": unit, "benchmarks": bset.benchmarks.prefetch_related("tiers"), "versions": versions, "form": form,
        "can_edit": editable, "can_manage": manage, "can_publish": can(request.user, "standards.publish") and bset.is_draft,
        "has_draft": any(v.status == VersionStatus.DRAFT for v in versions),
        "page_title": f"{unit.display_name} · 行政处罚裁量基准", "breadcrumbs": [CRUMB, (unit.name, None)],
    })


@login_required
def benchmark_detail(request, benchmark_id: int):
    benchmark = scope.get_visible(Benchmark.objects.select_related("benchmark_set__unit"), request.user, id=benchmark_id)
    bset, unit = benchmark.benchmark_set, benchmark.benchmark_set.unit
    editable = can(request.user, "standards.manage") and bset.is_draft
    tiers = list(benchmark.tiers.all())
    posted = request.POST.get("form") if request.method == "POST" else None
    tier_form = TierForm(request.POST if posted == "tier" else None, initial={"fine_required": True, "min_inclusive": True, "max_inclusive": True},
                         prefix="tier")
    edit_form = BenchmarkForm(request.POST if posted == "benchmark" else None, editing=True, prefix="bm",
                              initial={"violation": benchmark.violation, "legal_basis": benchmark.legal_basis, "note": benchmark.note})
    check_form = CheckForm(request.POST if posted == "check" else None, tiers=tiers, prefix="check")
    result = None
    if posted == "tier" and editable and tier_form.is_valid():
        try:
            services.benchmark_tier_add(benchmark=benchmark, actor=request.user, **tier_form.cleaned_data)
        except DomainError as exc:
            if exc.status == 404:
                raise
            form_error(tier_form, exc)
        else:
            messages.success(request, "已添加裁量等级。")
            return redirect("standards:benchmark", benchmark.pk)
    elif posted == "benchmark" and editable and edit_form.is_valid():
        try:
            services.benchmark_update(benchmark=benchmark, actor=request.user, **edit_form.cleaned_data)
        except DomainError as exc:
            if exc.status == 404:
                raise
            form_error(edit_form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("standards:benchmark", benchmark.pk)
    elif posted == "check" and check_form.is_valid():
        # A dry run of the rule the legal review applies (R-CAS-5); it changes nothing.
        data = check_form.cleaned_data
        result = check_penalty([selectors.tier_values(t) for t in tiers], circumstance=data["circumstance"], fine=data["fine"],
                               illegal_gain=data["illegal_gain"], goods_value=data["goods_value"],
                               other_penalties=data["other_penalties"])
    return render(request, "standards/benchmarks/benchmark_detail.html", {
        "benchmark": benchmark, "bset": bset, "unit": unit, "tiers": tiers, "tier_form": tier_form, "edit_form": edit_form,
        "check_form": check_form, "result": result, "can_edit": editable,
        "page_title": benchmark.item_name,
        "breadcrumbs": [CRUMB, (unit.name, reverse("standards:benchmark_set", args=[bset.pk])), (benchmark.item_name, None)],
    })


@login_required
def tier_edit(request, tier_id: int):
    tier = _tier(request, tier_id)
    benchmark = tier.benchmark
    initial = {f: getattr(tier, f) for f in ("label", "order", "fine_mode", "fine_required", "circumstances", "min_value",
                                              "min_inclusive", "max_value", "max_inclusive", "floor_amount", "cap_amount",
                                              "other_penalties")}
    form = TierForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.benchmark_tier_update(tier=tier, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            if exc.status == 404:
                raise
            form_error(form, exc)
        else:
            messages.success(request, "已保存裁量等级。")
            return redirect("standards:benchmark", benchmark.pk)
    back = reverse("standards:benchmark", args=[benchmark.pk])
    return render(request, "standards/simple_form.html", {
        "form": form, "cancel": back, "card_title": f"{benchmark.item_name} · “{tier.label}”",
        "page_title": "修改裁量等级", "breadcrumbs": [CRUMB, (benchmark.item_name, back), ("修改裁量等级", None)],
    })


def _tier(request, tier_id: int) -> BenchmarkTier:
    """Tiers have no unit of their own: reach them through a benchmark the user may see."""
    tier = BenchmarkTier.objects.select_related("benchmark__benchmark_set__unit").filter(pk=tier_id).first()
    benchmark_id = tier.benchmark_id if tier else 0
    scope.get_visible(Benchmark.objects.all(), request.user, id=benchmark_id)
    return tier


@login_required
@require_POST
def tier_delete(request, tier_id: int):
    tier = _tier(request, tier_id)
    return run(request, lambda: services.benchmark_tier_delete(tier=tier, actor=request.user), success="已删除裁量等级。",
               to=reverse("standards:benchmark", args=[tier.benchmark_id]))


@login_required
@require_POST
def benchmark_delete(request, benchmark_id: int):
    benchmark = scope.get_visible(Benchmark.objects.select_related("benchmark_set__unit"), request.user, id=benchmark_id)
    back = reverse("standards:benchmark_set", args=[benchmark.benchmark_set_id])
    return run(request, lambda: services.benchmark_delete(benchmark=benchmark, actor=request.user),
               success=f"已删除“{benchmark.item_name}”的裁量基准。", to=back, back=reverse("standards:benchmark", args=[benchmark.pk]))


@login_required
@require_POST
def open_draft(request, unit_id: int):
    unit = unit_get(request.user, unit_id)
    return run(request, lambda: services.benchmark_set_open_draft(unit=unit, actor=request.user),
               success="已打开裁量基准草稿。", to=lambda d: reverse("standards:benchmark_set", args=[d.pk]),
               back=reverse("standards:unit_benchmarks", args=[unit.pk]))


@login_required
@require_POST
def action(request, set_id: int, action: str):
    bset = scope.get_visible(BenchmarkSet.objects.select_related("unit"), request.user, id=set_id)
    back = reverse("standards:benchmark_set", args=[bset.pk])
    if action == "publish":
        return run(request, lambda: services.benchmark_set_publish(benchmark_set=bset, actor=request.user),
                   success=f"第 {bset.version} 版裁量基准已公布。", to=back)
    if action == "discard":
        return run(request, lambda: services.benchmark_set_discard(benchmark_set=bset, actor=request.user), success="已放弃草稿。",
                   to=reverse("standards:unit_benchmarks", args=[bset.unit_id]), back=back)
    return redirect(back)
