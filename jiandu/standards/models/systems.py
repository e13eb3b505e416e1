"""Three systems (三项制度, R-STD-4, plan §二(三)4): each unit's rules on enforcement disclosure,
the full-process record and legal review of major decisions, kept as versioned documents.

Each upload is a new version of one system of one unit: the file, its SHA-256 and metadata. A
unit keeps at most one draft and one published version per system; publishing supersedes the
previous one. Only the published version is public.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jiandu.core.scope import ScopedQuerySet
from jiandu.standards.models.base import VersionStatus


class SystemDocument(models.Model):
    class System(models.TextChoices):
        DISCLOSURE = "disclosure", "行政执法公示制度"
        FULL_PROCESS_RECORD = "full_process_record", "行政执法全过程记录制度"
        LEGAL_REVIEW = "legal_review", "重大执法决定法制审核制度"

    Status = VersionStatus

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="system_documents", verbose_name="制定单位")
    system = models.CharField("制度类别", max_length=30, choices=System.choices)
    version = models.PositiveIntegerField("版本号")
    status = models.CharField("状态", max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    title = models.CharField("文件标题", max_length=200)
    doc_number = models.CharField("文号", max_length=60, blank=True)
    issued_on = models.DateField("印发日期", null=True, blank=True)
    file = models.FileField(upload_to="standards/systems/%Y/")
    original_name = models.CharField("原文件名", max_length=200)
    extension = models.CharField("文件类型", max_length=10)
    size = models.PositiveIntegerField("文件大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "standards"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "三项制度文件"
        verbose_name_plural = "三项制度文件"
        ordering = ["unit_id", "system", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "system", "version"], name="systemdoc_unit_system_version"),
            models.UniqueConstraint(fields=["unit", "system"], condition=Q(status="published"), name="systemdoc_one_published"),
            models.UniqueConstraint(fields=["unit", "system"], condition=Q(status="draft"), name="systemdoc_one_draft"),
        ]

    def __str__(self) -> str:
        return f"{self.title}（第{self.version}版）"
