"""Four lists of inclusive and prudent supervision (包容审慎监管“四张清单”, R-STD-5, plan §二(三)5).

A unit's four lists are one versioned catalogue (``FourList``) holding entries of the four kinds.
Each entry is tied to an item of the unit's published item list by its code (``(unit, code)``
identifies an item across versions) and keeps the item row it was compiled against. "谁编制、谁公示":
the compiling unit publishes its own lists; only the published version is public.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from jiandu.standards.models.base import VersionedList


class FourList(VersionedList):
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="four_lists", verbose_name="编制单位")

    class Meta:
        verbose_name = "四张清单"
        verbose_name_plural = "四张清单"
        ordering = ["unit_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "version"], name="fourlist_unit_version"),
            models.UniqueConstraint(fields=["unit"], condition=Q(status="published"), name="fourlist_one_published"),
            models.UniqueConstraint(fields=["unit"], condition=Q(status="draft"), name="fourlist_one_draft"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} 四张清单 第{self.version}版"


class FourListEntry(models.Model):
    class Kind(models.TextChoices):
        # Declared in the plan's order, which is also the display order (``KIND_ORDER``).
        NO_PENALTY = "no_penalty", "不予处罚"  # 行政处罚法 art. 33
        LIGHTER_PENALTY = "lighter_penalty", "从轻处罚"  # art. 32
        MITIGATED_PENALTY = "mitigated_penalty", "减轻处罚"  # art. 32
        COERCION_EXEMPT = "coercion_exempt", "免予行政强制"  # 行政强制法 art. 5, 16

    KIND_ORDER = models.Case(
        *[models.When(kind=code, then=models.Value(i)) for i, code in enumerate(Kind.values)],
        output_field=models.IntegerField(),
    )

    four_list = models.ForeignKey(FourList, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField("清单类别", max_length=20, choices=Kind.choices)
    item = models.ForeignKey(
        "standards.EnforcementItem", on_delete=models.PROTECT, related_name="+", verbose_name="对应执法事项",
        help_text="编制时所依据的已公布事项",
    )
    item_code = models.CharField("事项编码", max_length=40)
    item_name = models.CharField("事项名称", max_length=200)
    conditions = models.TextField("适用情形与条件")
    legal_basis = models.TextField("法律依据")
    sort_order = models.PositiveIntegerField("排序", default=0)

    scope_area = "standards"
    scope_unit_field = "four_list__unit"

    class Meta:
        verbose_name = "四张清单事项"
        verbose_name_plural = "四张清单事项"
        ordering = ["four_list_id", "kind", "sort_order", "item_code", "id"]
        indexes = [models.Index(fields=["four_list", "item_code"], name="fourlist_entry_code_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.item_code} {self.item_name}"
