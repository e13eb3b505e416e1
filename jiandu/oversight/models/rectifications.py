"""The rectification ledger (整改台账, R-SUP-3): every problem from any source, one table."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jiandu.core.scope import ScopedQuerySet
from jiandu.oversight.models.files import StoredFile


class Rectification(models.Model):
    """One problem a unit must put right by a deadline. The unit reports its measures and
    evidence; only the supervision agency closes it out (销号) or sends it back."""

    class Source(models.TextChoices):
        INSPECTION = "inspection", "法治督察"
        CAMPAIGN = "campaign", "专项整治"
        CASE_REVIEW = "case_review", "案卷评查"
        COMPLAINT = "complaint", "投诉举报"
        LETTER = "letter", "监督意见书"
        OBSERVATION = "observation", "社会监督员"
        JOINT_INPUT = "joint_input", "联合监督"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        OPEN = "open", "整改中"  # the unit works on it; the deadline runs
        SUBMITTED = "submitted", "已报送待销号"  # the unit reported; the agency decides
        RETURNED = "returned", "退回重新整改"  # the agency sent it back; the deadline runs again
        CLOSED = "closed", "已销号"

    WORKING = (Status.OPEN, Status.RETURNED)  # the unit owes work: these can be overdue
    OPEN_STATES = (Status.OPEN, Status.SUBMITTED, Status.RETURNED)

    number = models.CharField("编号", max_length=40, unique=True)
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="整改单位")
    source_type = models.CharField("问题来源", max_length=20, choices=Source.choices)
    source_id = models.CharField("来源记录", max_length=40, blank=True)
    source_label = models.CharField("来源说明", max_length=200, blank=True)
    problem = models.TextField("问题描述")
    found_on = models.DateField("发现日期")
    deadline = models.DateField("整改期限")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.OPEN)
    measures = models.TextField("整改措施", blank=True)
    evidence = models.TextField("整改佐证说明", blank=True)
    submitted_on = models.DateField("报送日期", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    return_reason = models.TextField("退回理由", blank=True)
    returned_count = models.PositiveSmallIntegerField("退回次数", default=0)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    close_note = models.TextField("销号意见", blank=True)
    is_overdue = models.BooleanField("逾期", default=False)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "oversight"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "整改事项"
        verbose_name_plural = "整改台账"
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(fields=["unit", "status"], name="rect_unit_status_idx"),
            models.Index(fields=["source_type", "source_id"], name="rect_source_idx"),
            models.Index(fields=["status", "deadline"], name="rect_status_deadline_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gte=models.F("found_on")), name="rect_deadline_after_found"),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_on__isnull=False, closed_by__isnull=False),
                name="rect_closed_has_closer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.problem[:30]}"


class RectificationEvidence(StoredFile):
    rectification = models.ForeignKey(Rectification, on_delete=models.PROTECT, related_name="files")

    class Meta:
        verbose_name = "整改佐证材料"
        verbose_name_plural = "整改佐证材料"
        ordering = ["id"]
