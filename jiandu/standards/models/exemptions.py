"""Due-diligence exemptions (行政执法尽职免责, R-STD-2, plan §二(三)2).

A unit asks the supervision agency not to pursue fault liability for a supervision problem that
arose on one of the five grounds of the plan; the agency approves or rejects with reasons. The
exemption names its subject generically (``subject_type``/``subject_id``, like
``core.OfficialDocument``) — typically an enforcement case — and optionally the officer concerned,
so no foreign key to the cases app is needed. Approved ones show on the officer's file and on the
subject's page (``standards.panels``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jiandu.core.scope import ScopedQuerySet


class Exemption(models.Model):
    class Ground(models.TextChoices):
        DEREGULATION = "deregulation", "落实“清、减、降”要求"
        FOUR_LISTS = "four_lists", "推进包容审慎监管“四张清单”"
        NOTIFICATION_COMMITMENT = "notification_commitment", "实行证明事项告知承诺制"
        TECHNICAL_LIMITS = "technical_limits", "现有科学技术、监管手段限制未能及时发现"
        BUSINESS_ENVIRONMENT = "business_environment", "优化营商环境探索"

    class Status(models.TextChoices):
        PENDING = "pending", "待决定"  # requested by the unit, awaiting the agency
        APPROVED = "approved", "予以免责"  # fault liability is not pursued for this matter
        REJECTED = "rejected", "不予免责"  # the agency found the ground not met
        WITHDRAWN = "withdrawn", "已撤回"  # the unit withdrew its request before the decision

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="exemptions", verbose_name="申请单位")
    officer = models.ForeignKey(
        "personnel.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="exemptions",
        verbose_name="涉及执法人员",
    )
    subject_type = models.CharField("关联对象类型", max_length=80, blank=True)
    subject_id = models.CharField("关联对象编号", max_length=64, blank=True)
    subject_label = models.CharField("关联对象", max_length=200, blank=True)
    ground = models.CharField("免责情形", max_length=40, choices=Ground.choices)
    matter = models.CharField("事项", max_length=200)
    facts = models.TextField("事实与理由")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField("申请时间")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)
    decision_reason = models.TextField("决定理由", blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "standards"
    scope_unit_field = "unit"
    scope_self_field = "officer__user"

    class Meta:
        verbose_name = "尽职免责"
        verbose_name_plural = "尽职免责"
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="exemption_subject_idx"),
            models.Index(fields=["status", "requested_at"], name="exemption_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.display_name}：{self.matter}"
