"""Discretion benchmarks of administrative penalties (行政处罚自由裁量权基准, R-STD-6, plan §二(三)6).

A unit's benchmarks are one versioned catalogue (``BenchmarkSet``). Each ``Benchmark`` covers one
penalty item (by code) and holds circumstance tiers (轻微/一般/较重/严重…). A tier sets the fine
range — fixed amounts, or multiples of the illegal gains or of the goods value, optionally held
between a floor and a cap — with each end inclusive or exclusive as the benchmark text says, and
the other penalties the tier allows. ``standards.rules.check_penalty`` judges a proposed penalty.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from jiandu.standards.models.base import VersionedList

MONEY = {"max_digits": 14, "decimal_places": 2}


class BenchmarkSet(VersionedList):
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="benchmark_sets", verbose_name="编制单位")

    class Meta:
        verbose_name = "裁量基准"
        verbose_name_plural = "裁量基准"
        ordering = ["unit_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "version"], name="benchmarkset_unit_version"),
            models.UniqueConstraint(fields=["unit"], condition=Q(status="published"), name="benchmarkset_one_published"),
            models.UniqueConstraint(fields=["unit"], condition=Q(status="draft"), name="benchmarkset_one_draft"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} 裁量基准 第{self.version}版"


class Benchmark(models.Model):
    benchmark_set = models.ForeignKey(BenchmarkSet, on_delete=models.CASCADE, related_name="benchmarks")
    item = models.ForeignKey(
        "standards.EnforcementItem", on_delete=models.PROTECT, related_name="+", verbose_name="对应处罚事项",
        help_text="编制时所依据的已公布事项",
    )
    item_code = models.CharField("事项编码", max_length=40)
    item_name = models.CharField("事项名称", max_length=200)
    violation = models.TextField("违法行为", blank=True)
    legal_basis = models.TextField("处罚依据")
    note = models.TextField("说明", blank=True)

    scope_area = "standards"
    scope_unit_field = "benchmark_set__unit"

    class Meta:
        verbose_name = "裁量基准事项"
        verbose_name_plural = "裁量基准事项"
        ordering = ["benchmark_set_id", "item_code"]
        constraints = [
            models.UniqueConstraint(fields=["benchmark_set", "item_code"], name="benchmark_one_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.item_code} {self.item_name}"


class BenchmarkTier(models.Model):
    class FineMode(models.TextChoices):
        NONE = "none", "不处罚款"  # the tier imposes no fine (e.g. 警告 only)
        FIXED = "fixed", "固定金额"  # min/max are yuan
        GAIN_MULTIPLE = "gain_multiple", "违法所得倍数"  # min/max are multiples of the illegal gains
        VALUE_MULTIPLE = "value_multiple", "货值金额倍数"  # min/max are multiples of the goods value

    benchmark = models.ForeignKey(Benchmark, on_delete=models.CASCADE, related_name="tiers")
    order = models.PositiveSmallIntegerField("顺序", default=0)
    label = models.CharField("裁量等级", max_length=20, help_text="如：轻微、一般、较重、严重")
    circumstances = models.TextField("适用情形", blank=True)
    fine_mode = models.CharField("罚款方式", max_length=20, choices=FineMode.choices, default=FineMode.FIXED)
    fine_required = models.BooleanField("应当并处罚款", default=True)
    min_value = models.DecimalField("下限", null=True, blank=True, **MONEY)
    max_value = models.DecimalField("上限", null=True, blank=True, **MONEY)
    min_inclusive = models.BooleanField("含下限", default=True)
    max_inclusive = models.BooleanField("含上限", default=True)
    floor_amount = models.DecimalField("最低罚款额（元）", null=True, blank=True, **MONEY)
    cap_amount = models.DecimalField("最高罚款额（元）", null=True, blank=True, **MONEY)
    other_penalties = models.JSONField("可并处的其他处罚", default=list, blank=True)

    class Meta:
        verbose_name = "裁量等级"
        verbose_name_plural = "裁量等级"
        ordering = ["benchmark_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["benchmark", "label"], name="benchmark_tier_label_unique"),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True) | Q(max_value__isnull=True) | Q(max_value__gte=F("min_value")),
                name="benchmark_tier_min_le_max",
            ),
            models.CheckConstraint(
                condition=Q(floor_amount__isnull=True) | Q(cap_amount__isnull=True) | Q(cap_amount__gte=F("floor_amount")),
                name="benchmark_tier_floor_le_cap",
            ),
            models.CheckConstraint(
                condition=(Q(min_value__isnull=True) | Q(min_value__gte=0)) & (Q(max_value__isnull=True) | Q(max_value__gte=0)),
                name="benchmark_tier_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.label
