"""Case-handling venues (办案场所, R-STD-7, plan §二(三)7): interrogation and hearing rooms of the
20 key departments and every township, checked against the six-haves (“六有”)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jiandu.core.scope import ScopedQuerySet


class Venue(models.Model):
    class Purpose(models.TextChoices):
        INTERROGATION = "interrogation", "询问室"
        HEARING = "hearing", "听证室"
        COMBINED = "combined", "询问室、听证室合一"  # allowed where office space is short

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="venues", verbose_name="单位")
    name = models.CharField("房间名称", max_length=60)
    purpose = models.CharField("用途", max_length=20, choices=Purpose.choices)
    location = models.CharField("位置", max_length=120, blank=True)
    floor = models.SmallIntegerField("所在楼层", default=1, help_text="地面层为 1，地下为负数")
    has_dedicated_room = models.BooleanField("专用房间", default=False)
    has_furniture = models.BooleanField("配套桌椅", default=False)
    has_av_monitoring = models.BooleanField("音视频监控", default=False)
    has_computer_printer = models.BooleanField("电脑打印设备", default=False)
    has_window_guard = models.BooleanField("窗户防护栏", default=False)
    has_name_plates = models.BooleanField("专用席卡", default=False)
    checked_on = models.DateField("核查日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    is_active = models.BooleanField("在用", default=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "standards"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "办案场所"
        verbose_name_plural = "办案场所"
        ordering = ["unit_id", "purpose", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], condition=Q(is_active=True), name="venue_name_unique_in_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_purpose_display()}）"

    def features(self) -> dict[str, bool]:
        """The six-haves as plain values for ``rules.venue_missing``."""
        return {
            "dedicated_room": self.has_dedicated_room,
            "furniture": self.has_furniture,
            "av_monitoring": self.has_av_monitoring,
            "computer_printer": self.has_computer_printer,
            "window_guard": self.has_window_guard,
            "name_plates": self.has_name_plates,
        }
