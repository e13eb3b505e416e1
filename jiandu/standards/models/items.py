"""Enforcement item lists (R-STD-1): the base other apps rely on.

``cases`` records every case against an ``EnforcementItem`` of its unit's *published* list. A
published list is frozen; editing makes a new draft version whose items are new rows, so a case
keeps pointing at the item as it stood when the case was filed. ``(unit, code)`` identifies an
item across versions (benchmarks and risk rules key on it).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from jiandu.core.scope import ScopedQuerySet
from jiandu.standards.models.base import VersionedList


class ItemList(VersionedList):
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="item_lists", verbose_name="编制单位")

    class Meta:
        verbose_name = "行政执法事项清单"
        verbose_name_plural = "行政执法事项清单"
        ordering = ["unit_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "version"], name="itemlist_unit_version"),
            models.UniqueConstraint(fields=["unit"], condition=Q(status="published"), name="itemlist_one_published"),
            models.UniqueConstraint(fields=["unit"], condition=Q(status="draft"), name="itemlist_one_draft"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} 第{self.version}版"


class EnforcementItem(models.Model):
    class Kind(models.TextChoices):
        PENALTY = "penalty", "行政处罚"
        COERCION = "coercion", "行政强制"
        LICENSING = "licensing", "行政许可"
        INSPECTION = "inspection", "行政检查"
        LEVY = "levy", "行政征收征用"
        CONFIRMATION = "confirmation", "行政确认"
        ADJUDICATION = "adjudication", "行政裁决"
        BENEFIT = "benefit", "行政给付"
        REWARD = "reward", "行政奖励"
        OTHER = "other", "其他行政权力"

    item_list = models.ForeignKey(ItemList, on_delete=models.PROTECT, related_name="items")
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("事项名称", max_length=200)
    kind = models.CharField("事项类别", max_length=20, choices=Kind.choices)
    law_name = models.CharField("法律依据（法律法规名称）", max_length=200)
    law_article = models.CharField("条款", max_length=100, blank=True)
    legal_basis = models.TextField("依据条文摘要", blank=True)
    responsible_unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="实施主体")
    domain = models.CharField("执法领域", max_length=40, blank=True, help_text="四张清单禁止领域按此判断")

    objects = ScopedQuerySet.as_manager()
    scope_area = "standards"
    scope_unit_field = "item_list__unit"

    class Meta:
        verbose_name = "行政执法事项"
        verbose_name_plural = "行政执法事项"
        ordering = ["item_list_id", "code"]
        constraints = [models.UniqueConstraint(fields=["item_list", "code"], name="item_code_unique_in_list")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
