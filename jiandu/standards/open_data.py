"""What the public sees (R-PUB-1, R-PUB-4): published versions only, never drafts or superseded ones.

One query per dataset feeds the public page, its CSV and its JSON, so the three always agree.
Rows are flat dictionaries with stable English keys (the JSON) and Chinese column titles (the
CSV, UTF-8 with BOM so Excel opens it). Large downloads stream: no list is held in memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from jiandu.organization.models import Unit
from jiandu.standards.models import Benchmark, EnforcementItem, FourListEntry, SystemDocument, VersionStatus
from jiandu.standards.rules.penalty import describe_tier

PUBLISHED = VersionStatus.PUBLISHED


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    columns: tuple[tuple[str, str], ...]  # (JSON key, CSV title)
    queryset: Callable[..., QuerySet]
    rows: Callable[[Any], Iterator[dict[str, Any]]]  # one object → its export rows


def _unit_filter(qs: QuerySet, unit_field: str, unit_id: int | None) -> QuerySet:
    return qs.filter(**{f"{unit_field}_id": unit_id}) if unit_id else qs


# --- item lists -------------------------------------------------------------------------------------


def items(*, unit_id: int | None = None, q: str = "", kind: str = "") -> QuerySet[EnforcementItem]:
    qs = (EnforcementItem.objects.filter(item_list__status=PUBLISHED)
          .select_related("item_list__unit", "responsible_unit")
          .order_by("item_list__unit__sort_order", "item_list__unit_id", "code"))
    qs = _unit_filter(qs, "item_list__unit", unit_id)
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(code__contains=q) | Q(law_name__contains=q) | Q(legal_basis__contains=q))
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def item_rows(item: EnforcementItem) -> Iterator[dict[str, Any]]:
    yield {
        "unit": item.item_list.unit.name, "unit_code": item.item_list.unit.code, "version": item.item_list.version,
        "published_on": timezone.localtime(item.item_list.published_at).date().isoformat() if item.item_list.published_at else "",
        "code": item.code, "name": item.name, "kind": item.get_kind_display(), "law_name": item.law_name,
        "law_article": item.law_article, "legal_basis": item.legal_basis, "responsible_unit": item.responsible_unit.name,
        "domain": item.domain,
    }


ITEMS = Dataset("items", "行政执法事项清单", (
    ("unit", "编制单位"), ("unit_code", "单位编码"), ("version", "清单版本"), ("published_on", "公布日期"),
    ("code", "事项编码"), ("name", "事项名称"), ("kind", "事项类别"), ("law_name", "法律依据"), ("law_article", "条款"),
    ("legal_basis", "依据条文摘要"), ("responsible_unit", "实施主体"), ("domain", "执法领域"),
), items, item_rows)


# --- four lists -------------------------------------------------------------------------------------


def four_list_entries(*, unit_id: int | None = None, q: str = "", kind: str = "") -> QuerySet[FourListEntry]:
    qs = (FourListEntry.objects.filter(four_list__status=PUBLISHED).select_related("four_list__unit")
          .annotate(kind_order=FourListEntry.KIND_ORDER)
          .order_by("four_list__unit__sort_order", "four_list__unit_id", "kind_order", "sort_order", "item_code", "id"))
    qs = _unit_filter(qs, "four_list__unit", unit_id)
    if q:
        qs = qs.filter(Q(item_name__contains=q) | Q(item_code__contains=q) | Q(conditions__contains=q))
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def four_list_rows(entry: FourListEntry) -> Iterator[dict[str, Any]]:
    fl = entry.four_list
    yield {
        "unit": fl.unit.name, "unit_code": fl.unit.code, "version": fl.version,
        "published_on": timezone.localtime(fl.published_at).date().isoformat() if fl.published_at else "",
        "list": entry.get_kind_display(), "item_code": entry.item_code, "item_name": entry.item_name,
        "conditions": entry.conditions, "legal_basis": entry.legal_basis,
    }


FOUR_LISTS = Dataset("four-lists", "包容审慎监管“四张清单”", (
    ("unit", "编制单位"), ("unit_code", "单位编码"), ("version", "清单版本"), ("published_on", "公布日期"),
    ("list", "清单类别"), ("item_code", "事项编码"), ("item_name", "事项名称"), ("conditions", "适用情形与条件"),
    ("legal_basis", "法律依据"),
), four_list_entries, four_list_rows)


# --- benchmarks -------------------------------------------------------------------------------------


def benchmarks(*, unit_id: int | None = None, q: str = "", kind: str = "") -> QuerySet[Benchmark]:
    qs = (Benchmark.objects.filter(benchmark_set__status=PUBLISHED).select_related("benchmark_set__unit")
          .prefetch_related("tiers").order_by("benchmark_set__unit__sort_order", "benchmark_set__unit_id", "item_code"))
    qs = _unit_filter(qs, "benchmark_set__unit", unit_id)
    if q:
        qs = qs.filter(Q(item_name__contains=q) | Q(item_code__contains=q) | Q(violation__contains=q) | Q(legal_basis__contains=q))
    return qs


def benchmark_rows(benchmark: Benchmark) -> Iterator[dict[str, Any]]:
    from jiandu.standards.selectors import tier_values

    bs = benchmark.benchmark_set
    for tier in benchmark.tiers.all():
        yield {
            "unit": bs.unit.name, "unit_code": bs.unit.code, "version": bs.version,
            "published_on": timezone.localtime(bs.published_at).date().isoformat() if bs.published_at else "",
            "item_code": benchmark.item_code, "item_name": benchmark.item_name, "violation": benchmark.violation,
            "legal_basis": benchmark.legal_basis, "tier": tier.label, "circumstances": tier.circumstances,
            "fine": describe_tier(tier_values(tier)), "fine_mode": tier.fine_mode,
            "min_value": _num(tier.min_value), "max_value": _num(tier.max_value),
            "min_inclusive": tier.min_inclusive, "max_inclusive": tier.max_inclusive,
            "floor_amount": _num(tier.floor_amount), "cap_amount": _num(tier.cap_amount),
            "other_penalties": "、".join(tier.other_penalties or []),
        }


def _num(value) -> str:
    return "" if value is None else format(value.normalize(), "f")


BENCHMARKS = Dataset("benchmarks", "行政处罚自由裁量权基准", (
    ("unit", "编制单位"), ("unit_code", "单位编码"), ("version", "基准版本"), ("published_on", "公布日期"),
    ("item_code", "事项编码"), ("item_name", "事项名称"), ("violation", "违法行为"), ("legal_basis", "处罚依据"),
    ("tier", "裁量等级"), ("circumstances", "适用情形"), ("fine", "罚款幅度"), ("fine_mode", "罚款方式代码"),
    ("min_value", "下限"), ("max_value", "上限"), ("min_inclusive", "含下限"), ("max_inclusive", "含上限"),
    ("floor_amount", "最低罚款额"), ("cap_amount", "最高罚款额"), ("other_penalties", "可并处的其他处罚"),
), benchmarks, benchmark_rows)


# --- three systems ---------------------------------------------------------------------------------


def system_documents(*, unit_id: int | None = None, q: str = "", kind: str = "") -> QuerySet[SystemDocument]:
    qs = (SystemDocument.objects.filter(status=PUBLISHED).select_related("unit")
          .order_by("unit__sort_order", "unit_id", "system"))
    qs = _unit_filter(qs, "unit", unit_id)
    if q:
        qs = qs.filter(Q(title__contains=q) | Q(doc_number__contains=q))
    if kind:
        qs = qs.filter(system=kind)
    return qs


def system_rows(doc: SystemDocument) -> Iterator[dict[str, Any]]:
    from django.urls import reverse

    yield {
        "unit": doc.unit.name, "unit_code": doc.unit.code, "system": doc.get_system_display(), "title": doc.title,
        "doc_number": doc.doc_number, "issued_on": doc.issued_on.isoformat() if doc.issued_on else "",
        "version": doc.version,
        "published_on": timezone.localtime(doc.published_at).date().isoformat() if doc.published_at else "",
        "file_type": doc.extension, "size": doc.size, "sha256": doc.sha256,
        "download": reverse("standards_public:system_download", args=[doc.pk]),
    }


SYSTEMS = Dataset("systems", "行政执法“三项制度”", (
    ("unit", "制定单位"), ("unit_code", "单位编码"), ("system", "制度类别"), ("title", "文件标题"), ("doc_number", "文号"),
    ("issued_on", "印发日期"), ("version", "版本"), ("published_on", "公布日期"), ("file_type", "文件格式"),
    ("size", "文件大小（字节）"), ("sha256", "SHA-256"), ("download", "下载地址"),
), system_documents, system_rows)

DATASETS = {d.slug: d for d in (ITEMS, FOUR_LISTS, BENCHMARKS, SYSTEMS)}


def units_publishing(dataset: Dataset) -> QuerySet[Unit]:
    """Units that have something published in ``dataset`` (the unit filter of its page)."""
    path = {"items": "item_lists", "four-lists": "four_lists", "benchmarks": "benchmark_sets"}.get(dataset.slug)
    if path is None:
        return Unit.objects.filter(system_documents__status=PUBLISHED).distinct().order_by("sort_order", "id")
    return Unit.objects.filter(**{f"{path}__status": PUBLISHED}).distinct().order_by("sort_order", "id")


def export_rows(dataset: Dataset, qs: QuerySet) -> Iterator[dict[str, Any]]:
    for obj in qs.iterator(chunk_size=2000):  # prefetches per chunk (Django ≥ 4.1)
        yield from dataset.rows(obj)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(dataset: Dataset, qs: QuerySet) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # BOM: Excel then reads the file as UTF-8
    yield writer.writerow([title for _, title in dataset.columns])
    for row in export_rows(dataset, qs):
        yield writer.writerow([row[key] for key, _ in dataset.columns])


def json_stream(dataset: Dataset, qs: QuerySet, *, filters: dict[str, Any]) -> Iterator[str]:
    head = {"dataset": dataset.slug, "title": dataset.title, "generated_at": timezone.localtime().isoformat(timespec="seconds"),
            "filters": filters, "fields": [{"key": k, "title": t} for k, t in dataset.columns]}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": ['
    first = True
    for row in export_rows(dataset, qs):
        yield ("" if first else ",") + json.dumps(row, ensure_ascii=False)
        first = False
    yield "]}"
