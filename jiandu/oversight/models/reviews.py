"""Case-file review (案卷评查, R-SUP-6): the yearly campaign with its rubric and its recorded draw.

The sampled files and the units' self-reviews point at ``cases.Case`` (see the models beside
this one once cases exist); the campaign itself needs no case: it stores the rubric, and after
the draw the seed, the population (ids per stratum, in order) and its digest, and the result,
so the draw can be re-run and checked by anyone (``rules.draw``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jiandu.core.scope import ScopedQuerySet


class ReviewCampaign(models.Model):
    class Status(models.TextChoices):
        SELF_REVIEW = "self_review", "单位自评"  # units self-review every file; rubric editable
        DRAWN = "drawn", "集中评查"  # the sample is drawn and recorded; files are scored
        CONCLUDED = "concluded", "评查完成"  # every sampled file scored
        PUBLISHED = "published", "结果已通报"

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="组织单位")
    year = models.PositiveSmallIntegerField("评查年度")
    title = models.CharField("评查名称", max_length=120)
    categories = models.JSONField("评查案卷类别", default=list)
    rubric = models.JSONField("评分标准")
    starts_on = models.DateField("启动日期")
    self_review_due_on = models.DateField("自评截止日期")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.SELF_REVIEW)
    seed = models.CharField("随机种子", max_length=64, blank=True)
    sample_size = models.PositiveSmallIntegerField("每类抽取数量", null=True, blank=True)
    sample_min = models.PositiveSmallIntegerField("抽取数量下限（抽取时）", null=True, blank=True)
    sample_max = models.PositiveSmallIntegerField("抽取数量上限（抽取时）", null=True, blank=True)
    population = models.JSONField("抽取总体", null=True, blank=True, help_text="\"单位:类别\" → 案卷编号（升序）")
    population_digest = models.CharField("总体摘要（SHA-256）", max_length=64, blank=True)
    draw_result = models.JSONField("抽取结果", null=True, blank=True)
    drawn_at = models.DateTimeField("抽取时间", null=True, blank=True)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    concluded_on = models.DateField("完成日期", null=True, blank=True)
    notice_title = models.CharField("通报标题", max_length=200, blank=True)
    notice_summary = models.TextField("通报内容", blank=True)
    published_on = models.DateField("通报日期", null=True, blank=True)
    notice_document = models.ForeignKey("core.OfficialDocument", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "oversight"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "案卷评查"
        verbose_name_plural = "案卷评查"
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_drawn(self) -> bool:
        return bool(self.population_digest)


class SelfReview(models.Model):
    """A unit's self-review of one of its files of the year (every file is to be self-reviewed)."""

    campaign = models.ForeignKey(ReviewCampaign, on_delete=models.PROTECT, related_name="self_reviews")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+", verbose_name="案卷")
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="单位")
    score = models.DecimalField("自评得分", max_digits=5, decimal_places=1, null=True, blank=True)
    grade = models.CharField("自评等次", max_length=20, blank=True)
    problems = models.TextField("自查发现的问题", blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_on = models.DateField("自评日期")

    objects = ScopedQuerySet.as_manager()
    scope_area = "oversight"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "案卷自评"
        verbose_name_plural = "案卷自评"
        ordering = ["campaign_id", "unit_id", "case_id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "case"], name="self_review_once")]

    def __str__(self) -> str:
        return f"{self.case_id} 自评"


class ReviewFile(models.Model):
    """A file drawn for the agency's sampled review, and its score on the campaign's rubric."""

    class Status(models.TextChoices):
        PENDING = "pending", "待评查"
        SCORED = "scored", "已评分"

    campaign = models.ForeignKey(ReviewCampaign, on_delete=models.PROTECT, related_name="files")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+", verbose_name="案卷")
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="单位")
    category = models.CharField("案卷类别", max_length=20)
    rank = models.PositiveSmallIntegerField("抽取顺序")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PENDING)
    failed_vetoes = models.JSONField("未通过的否决项", default=list, blank=True)
    awarded = models.JSONField("各项得分", default=dict, blank=True)
    form_score = models.DecimalField("形式得分", max_digits=5, decimal_places=1, null=True, blank=True)
    content_score = models.DecimalField("内容得分", max_digits=5, decimal_places=1, null=True, blank=True)
    total = models.DecimalField("总分", max_digits=5, decimal_places=1, null=True, blank=True)
    grade = models.CharField("等次", max_length=20, blank=True)
    problems = models.TextField("发现的问题", blank=True)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    scored_on = models.DateField("评分日期", null=True, blank=True)
    rectification = models.ForeignKey("oversight.Rectification", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_area = "oversight"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "抽评案卷"
        verbose_name_plural = "抽评案卷"
        ordering = ["campaign_id", "unit__sort_order", "unit_id", "category", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "case"], name="review_file_once"),
            models.CheckConstraint(condition=models.Q(status="pending") | models.Q(total__isnull=False),
                                   name="review_file_scored_has_total"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.case_id}"

    @property
    def grade_label(self) -> str:
        from jiandu.oversight.rules.scoring import GRADE_LABELS

        return GRADE_LABELS.get(self.grade, "")
