"""Discretion benchmarks (R-STD-6): per penalty item, circumstance tiers with their fine ranges
and other penalties, compiled as a draft and published by the unit."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from jiandu.core import audit
from jiandu.core.errors import InvalidInput
from jiandu.organization.models import Unit
from jiandu.standards.models import Benchmark, BenchmarkSet, BenchmarkTier
from jiandu.standards.rules.penalty import FINE_MODES, OTHER_PENALTIES
from jiandu.standards.services import versions
from jiandu.standards.services.four_lists import published_item

BENCHMARK_FIELDS = ("item_code", "item_name", "item", "violation", "legal_basis", "note")
TIER_FIELDS = ("order", "label", "circumstances", "fine_mode", "fine_required", "min_value", "max_value",
               "min_inclusive", "max_inclusive", "floor_amount", "cap_amount", "other_penalties")


def _copy_benchmarks(published: BenchmarkSet, draft: BenchmarkSet) -> int:
    count = 0
    for old in published.benchmarks.prefetch_related("tiers"):
        new = Benchmark.objects.create(benchmark_set=draft, **{f: getattr(old, f) for f in BENCHMARK_FIELDS})
        BenchmarkTier.objects.bulk_create(
            [BenchmarkTier(benchmark=new, **{f: getattr(t, f) for f in TIER_FIELDS}) for t in old.tiers.all()]
        )
        count += 1
    return count


def benchmark_set_open_draft(*, unit: Unit, actor) -> BenchmarkSet:
    return versions.open_draft(model=BenchmarkSet, unit=unit, actor=actor, copy=_copy_benchmarks)


def _penalty_item(benchmark_set: BenchmarkSet, item_code: str):
    code = (item_code or "").strip()
    item = published_item(benchmark_set.unit, code) if code else None
    if item is None:
        raise InvalidInput(details={"item_code": f"事项编码“{code}”不在本单位已公布的行政执法事项清单中。"})
    if item.kind != "penalty":
        raise InvalidInput(details={"item_code": f"“{item.name}”不是行政处罚事项，裁量基准只针对行政处罚事项制定。"})
    return item


@transaction.atomic
def benchmark_add(*, benchmark_set: BenchmarkSet, actor, item_code: str, legal_basis: str, violation: str = "",
                  note: str = "") -> Benchmark:
    versions.check_draft(benchmark_set, actor=actor)
    item = _penalty_item(benchmark_set, item_code)
    if benchmark_set.benchmarks.filter(item_code=item.code).exists():
        raise InvalidInput(details={"item_code": f"“{item.name}”已有裁量基准，请在原基准下增加裁量等级。"})
    if not (legal_basis or "").strip():
        raise InvalidInput(details={"legal_basis": "请填写处罚依据（法律法规名称及条款）。"})
    benchmark = Benchmark.objects.create(benchmark_set=benchmark_set, item=item, item_code=item.code, item_name=item.name,
                                         violation=(violation or "").strip(), legal_basis=legal_basis.strip(),
                                         note=(note or "").strip())
    audit.record(actor=actor, action="benchmark.add", obj=benchmark, unit=benchmark_set.unit,
                 after=audit.snapshot(benchmark, BENCHMARK_FIELDS))
    return benchmark


@transaction.atomic
def benchmark_update(*, benchmark: Benchmark, actor, legal_basis: str, violation: str = "", note: str = "") -> Benchmark:
    versions.check_draft(benchmark.benchmark_set, actor=actor)
    if not (legal_basis or "").strip():
        raise InvalidInput(details={"legal_basis": "请填写处罚依据（法律法规名称及条款）。"})
    before = audit.snapshot(benchmark, BENCHMARK_FIELDS)
    benchmark.legal_basis, benchmark.violation, benchmark.note = legal_basis.strip(), violation.strip(), note.strip()
    benchmark.save()
    audit.record(actor=actor, action="benchmark.update", obj=benchmark, unit=benchmark.benchmark_set.unit,
                 before=before, after=audit.snapshot(benchmark, BENCHMARK_FIELDS))
    return benchmark


@transaction.atomic
def benchmark_delete(*, benchmark: Benchmark, actor) -> None:
    versions.check_draft(benchmark.benchmark_set, actor=actor)
    before, pk, unit = audit.snapshot(benchmark, BENCHMARK_FIELDS), benchmark.pk, benchmark.benchmark_set.unit
    benchmark.delete()
    audit.record(actor=actor, action="benchmark.delete", object_type="standards.benchmark", object_id=pk, unit=unit,
                 before=before)


def _decimal(value: Any, field: str, errors: dict) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        errors[field] = "应为数字。"
        return None
    if not number.is_finite() or number < 0:
        errors[field] = "应为不小于 0 的数字。"
        return None
    return number


def clean_tier(values: dict[str, Any]) -> dict[str, Any]:
    """Check one tier's figures; ``InvalidInput`` names each bad field."""
    errors: dict[str, str] = {}
    label = (values.get("label") or "").strip()
    if not label:
        errors["label"] = "请填写裁量等级，如：轻微、一般、较重、严重。"
    mode = values.get("fine_mode") or "fixed"
    if mode not in FINE_MODES:
        errors["fine_mode"] = "罚款方式无效。"
    low = _decimal(values.get("min_value"), "min_value", errors)
    high = _decimal(values.get("max_value"), "max_value", errors)
    floor = _decimal(values.get("floor_amount"), "floor_amount", errors)
    cap = _decimal(values.get("cap_amount"), "cap_amount", errors)
    if mode == "none":
        if low is not None or high is not None or floor is not None or cap is not None:
            errors["fine_mode"] = "“不处罚款”的裁量等级不应填写罚款幅度。"
    elif low is None and high is None:
        errors["min_value"] = "请填写罚款幅度的下限或上限（至少一项）。"
    if low is not None and high is not None and low > high:
        errors["max_value"] = "上限不能小于下限。"
    if mode in ("none", "fixed") and (floor is not None or cap is not None):
        errors["floor_amount"] = "最低、最高罚款额只适用于按倍数计罚的裁量等级。"
    if floor is not None and cap is not None and floor > cap:
        errors["cap_amount"] = "最高罚款额不能小于最低罚款额。"
    penalties = [p.strip() for p in (values.get("other_penalties") or []) if p and p.strip()]
    unknown = [p for p in penalties if p not in OTHER_PENALTIES]
    if unknown:
        errors["other_penalties"] = f"“{'、'.join(unknown)}”不是《行政处罚法》第九条规定的处罚种类。"
    if errors:
        raise InvalidInput(details=errors)
    return {
        "label": label, "circumstances": (values.get("circumstances") or "").strip(), "fine_mode": mode,
        "fine_required": bool(values.get("fine_required", True)) and mode != "none",
        "min_value": low, "max_value": high,
        "min_inclusive": bool(values.get("min_inclusive", True)), "max_inclusive": bool(values.get("max_inclusive", True)),
        "floor_amount": floor, "cap_amount": cap, "other_penalties": list(dict.fromkeys(penalties)),
        "order": int(values.get("order") or 0),
    }


@transaction.atomic
def benchmark_tier_add(*, benchmark: Benchmark, actor, **values: Any) -> BenchmarkTier:
    versions.check_draft(benchmark.benchmark_set, actor=actor)
    data = clean_tier(values)
    if benchmark.tiers.filter(label=data["label"]).exists():
        raise InvalidInput(details={"label": f"该事项已有“{data['label']}”裁量等级。"})
    if not data["order"]:
        data["order"] = benchmark.tiers.count() + 1
    tier = BenchmarkTier.objects.create(benchmark=benchmark, **data)
    audit.record(actor=actor, action="benchmark_tier.add", obj=tier, unit=benchmark.benchmark_set.unit,
                 after=audit.snapshot(tier, TIER_FIELDS))
    return tier


@transaction.atomic
def benchmark_tier_update(*, tier: BenchmarkTier, actor, **values: Any) -> BenchmarkTier:
    versions.check_draft(tier.benchmark.benchmark_set, actor=actor)
    data = clean_tier(values)
    if tier.benchmark.tiers.filter(label=data["label"]).exclude(pk=tier.pk).exists():
        raise InvalidInput(details={"label": f"该事项已有“{data['label']}”裁量等级。"})
    if not data["order"]:
        data["order"] = tier.order
    before = audit.snapshot(tier, TIER_FIELDS)
    for field, value in data.items():
        setattr(tier, field, value)
    tier.save()
    audit.record(actor=actor, action="benchmark_tier.update", obj=tier, unit=tier.benchmark.benchmark_set.unit,
                 before=before, after=audit.snapshot(tier, TIER_FIELDS))
    return tier


@transaction.atomic
def benchmark_tier_delete(*, tier: BenchmarkTier, actor) -> None:
    versions.check_draft(tier.benchmark.benchmark_set, actor=actor)
    before, pk, unit = audit.snapshot(tier, TIER_FIELDS), tier.pk, tier.benchmark.benchmark_set.unit
    tier.delete()
    audit.record(actor=actor, action="benchmark_tier.delete", object_type="standards.benchmarktier", object_id=pk,
                 unit=unit, before=before)


def _validate_for_publish(benchmark_set: BenchmarkSet) -> None:
    benchmarks = list(benchmark_set.benchmarks.prefetch_related("tiers"))
    versions.refuse_empty(len(benchmarks), "裁量基准草稿")
    problems = {}
    for b in benchmarks:
        item = published_item(benchmark_set.unit, b.item_code)
        if item is None:
            problems[b.item_code] = f"“{b.item_name}”（{b.item_code}）已不在现行事项清单中。"
        elif not list(b.tiers.all()):
            problems[b.item_code] = f"“{b.item_name}”尚未设置裁量等级。"
        elif item.pk != b.item_id:
            Benchmark.objects.filter(pk=b.pk).update(item=item, item_name=item.name)
    if problems:
        raise InvalidInput("裁量基准草稿有未完成的事项，不能公布。", code="benchmarks_incomplete", details=problems)


def benchmark_set_publish(*, benchmark_set: BenchmarkSet, actor) -> BenchmarkSet:
    return versions.publish(obj=benchmark_set, actor=actor, validate=_validate_for_publish)


def benchmark_set_discard(*, benchmark_set: BenchmarkSet, actor) -> None:
    versions.discard(obj=benchmark_set, actor=actor, delete_rows=lambda obj: obj.benchmarks.all().delete())
