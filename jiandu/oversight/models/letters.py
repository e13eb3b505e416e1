"""Supervision opinion / suggestion letters and reconsideration opinion letters (R-SUP-2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jiandu.core.scope import ScopedQuerySet


class OpinionLetter(models.Model):
    """A numbered letter from the supervision agency to a unit, which replies in writing by a
    deadline; the agency closes it or follows up (a new reply deadline) until it is closed."""

    class Kind(models.TextChoices):
        SUPERVISION_OPINION = "supervision_opinion", "行政执法监督意见书"
        SUPERVISION_SUGGESTION = "supervision_suggestion", "行政执法监督建议书"
        RECONSIDERATION_OPINION = "reconsideration_opinion", "行政复议意见书"
        RECONSIDERATION_SUGGESTION = "reconsideration_suggestion", "行政复议建议书"

    class Source(models.TextChoices):
        COMPLAINT = "complaint", "投诉举报"
        INSPECTION = "inspection", "法治督察"
        CASE_REVIEW = "case_review", "案卷评查"
        RECONSIDERATION = "reconsideration", "行政复议案件"
        CAMPAIGN = "campaign", "专项整治"
        JOINT_INPUT = "joint_input", "联合监督"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        ISSUED = "issued", "待回复"  # the unit's reply clock runs
        REPLIED = "replied", "已回复待审核"  # the agency reads the reply
        CLOSED = "closed", "已办结"

    OPEN = (Status.ISSUED, Status.REPLIED)

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="主送单位")
    issuer = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="制发机构")
    kind = models.CharField("文书种类", max_length=40, choices=Kind.choices)
    source_type = models.CharField("来源", max_length=20, choices=Source.choices)
    source_id = models.CharField("来源记录", max_length=40, blank=True)
    source_label = models.CharField("来源说明", max_length=200, blank=True)
    title = models.CharField("标题", max_length=200)
    problems = models.TextField("发现的问题")
    requirements = models.TextField("监督意见（建议）")
    document = models.ForeignKey(
        "core.OfficialDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="文书"
    )
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.ISSUED)
    issued_on = models.DateField("制发日期")
    reply_due_on = models.DateField("回复期限")
    reply = models.TextField("单位回复", blank=True)
    replied_on = models.DateField("回复日期", null=True, blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    follow_up_count = models.PositiveSmallIntegerField("督办次数", default=0)
    follow_up_note = models.TextField("督办意见", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    closing_note = models.TextField("办结意见", blank=True)
    reply_overdue = models.BooleanField("回复超期", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "oversight"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "监督意见书"
        verbose_name_plural = "监督意见书"
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["unit", "status"], name="letter_unit_status_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(reply_due_on__gte=models.F("issued_on")), name="letter_due_after_issue"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def number(self) -> str:
        return self.document.number if self.document_id else ""
