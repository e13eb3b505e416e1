"""Inspections (法治督察, R-SUP-4) and special campaigns (专项整治, R-SUP-5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jiandu.core.scope import ScopedQuerySet


class Inspection(models.Model):
    """An inspection of target units by the 一听二查三问四反 method, ending in a published notice."""

    class Status(models.TextChoices):
        PLANNED = "planned", "计划中"
        IN_PROGRESS = "in_progress", "实施中"
        CONCLUDED = "concluded", "已完成待通报"
        PUBLISHED = "published", "已通报"

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="组织单位")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("督察名称", max_length=120)
    plan = models.TextField("督察方案")
    starts_on = models.DateField("计划开始日期")
    ends_on = models.DateField("计划结束日期")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PLANNED)
    concluded_on = models.DateField("完成日期", null=True, blank=True)
    notice_title = models.CharField("通报标题", max_length=200, blank=True)
    notice_summary = models.TextField("通报内容", blank=True)
    published_on = models.DateField("通报日期", null=True, blank=True)
    notice_document = models.ForeignKey(
        "core.OfficialDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "oversight"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "法治督察"
        verbose_name_plural = "法治督察"
        ordering = ["-year", "-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="inspection_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.title


class InspectionTarget(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="被督察单位")

    class Meta:
        verbose_name = "被督察单位"
        verbose_name_plural = "被督察单位"
        ordering = ["unit__sort_order", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["inspection", "unit"], name="inspection_target_once")]

    def __str__(self) -> str:
        return str(self.unit)


class InspectionStep(models.Model):
    """One of the four steps at one target unit (plan §二(五)2)."""

    class Kind(models.TextChoices):
        LISTEN = "listen", "一听：听取工作汇报"
        CHECK = "check", "二查：查阅佐证资料"
        ASK = "ask", "三问：问询座谈"
        FEEDBACK = "feedback", "四反：现场集中反馈问题"

    target = models.ForeignKey(InspectionTarget, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField("环节", max_length=20, choices=Kind.choices)
    done_on = models.DateField("日期")
    summary = models.TextField("情况记录")
    participants = models.CharField("参加人员", max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "督察环节"
        verbose_name_plural = "督察环节"
        ordering = ["target_id", "done_on", "id"]
        constraints = [models.UniqueConstraint(fields=["target", "kind"], name="inspection_step_once")]

    def __str__(self) -> str:
        return self.get_kind_display()


class Campaign(models.Model):
    """A special campaign against one or more of the plan's prominent problems (§二(五)3)."""

    class Focus(models.TextChoices):
        NOT_STRICT = "not_strict", "执法不严格"
        NOT_STANDARD = "not_standard", "执法不规范"
        NOT_FAIR = "not_fair", "执法不公正"
        NOT_CIVIL = "not_civil", "执法不文明"
        NOT_CLEAN = "not_clean", "执法不廉洁"

    class Status(models.TextChoices):
        ONGOING = "ongoing", "开展中"
        CONCLUDED = "concluded", "已结束"

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="组织单位")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("专项整治名称", max_length=120)
    focus = models.JSONField("整治重点", default=list)
    description = models.TextField("工作方案")
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.ONGOING)
    summary = models.TextField("工作总结", blank=True)
    concluded_on = models.DateField("结束日期（实际）", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "oversight"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "专项整治"
        verbose_name_plural = "专项整治"
        ordering = ["-year", "-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.title

    def focus_labels(self) -> list[str]:
        labels = dict(self.Focus.choices)
        return [labels.get(f, f) for f in self.focus]
