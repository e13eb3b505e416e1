"""District closed-book tests and their retakes (R-PER-10, plan §二(二)3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jiandu.core.scope import ScopedQuerySet


class ClosedBookTest(models.Model):
    """A district-wide closed-book test of enforcement competence, organized by the agency."""

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="组织单位")
    title = models.CharField("测试名称", max_length=120)
    held_on = models.DateField("测试日期")
    pass_score = models.DecimalField("合格分数", max_digits=5, decimal_places=1)
    notice_document = models.ForeignKey(
        "core.OfficialDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="不合格人员通报",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "personnel"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "执法能力闭卷测试"
        verbose_name_plural = "执法能力闭卷测试"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class ClosedBookResult(models.Model):
    """One attempt of one person at a test: attempt 1 is the test itself, 2+ are retakes."""

    test = models.ForeignKey(ClosedBookTest, on_delete=models.PROTECT, related_name="results")
    officer = models.ForeignKey("personnel.Officer", on_delete=models.PROTECT, related_name="test_results")
    attempt = models.PositiveSmallIntegerField("第几次")
    taken_on = models.DateField("考试日期")
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1)
    passed = models.BooleanField("是否合格")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "personnel"
    scope_unit_field = "officer__unit"
    scope_self_field = "officer__user"

    class Meta:
        verbose_name = "闭卷测试成绩"
        verbose_name_plural = "闭卷测试成绩"
        ordering = ["test_id", "officer_id", "attempt"]
        constraints = [
            models.UniqueConstraint(fields=["test", "officer", "attempt"], name="one_result_per_attempt"),
            models.CheckConstraint(condition=Q(attempt__gte=1), name="result_attempt_positive"),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=100), name="result_score_range"),
        ]

    @property
    def is_retake(self) -> bool:
        return self.attempt > 1
