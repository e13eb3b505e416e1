"""What every versioned catalogue of a unit shares: item lists, four lists, discretion benchmarks.

A unit keeps at most one *published* version (what the public and the cases app read) and at
most one *draft* (what its legal officer edits). Publishing a draft freezes it and supersedes the
previous published version; editing a published catalogue means opening a new draft that copies
it. Superseded versions are kept unchanged, because cases filed under them still point at them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jiandu.core.scope import ScopedQuerySet


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "草稿"  # being compiled; never public
    PUBLISHED = "published", "已公布"  # the unit's current version; frozen
    SUPERSEDED = "superseded", "已被新版本替代"  # an earlier published version; frozen, not public


class VersionedList(models.Model):
    """Abstract base: the concrete model adds ``unit`` and the two partial unique constraints."""

    Status = VersionStatus

    version = models.PositiveIntegerField("版本号")
    status = models.CharField("状态", max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "standards"
    scope_unit_field = "unit"

    class Meta:
        abstract = True

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED
