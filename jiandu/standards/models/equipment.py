"""Enforcement equipment (执法装备, R-STD-8) and the audio-visual evidence ledger (音像资料, R-STD-9).

Plan §二(三)7: key departments keep equipment in a dedicated storage room under written custody
rules with a ledger of issues and returns. Plan §二(三)4: recorder, camera and monitoring files are
stored centrally on dedicated machines, with a custodian and a ledger; each file's SHA-256 lets
anyone verify later that the stored file is the one recorded.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jiandu.core.scope import ScopedQuerySet


class EquipmentRoom(models.Model):
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="equipment_rooms", verbose_name="单位")
    name = models.CharField("保管室名称", max_length=60)
    location = models.CharField("位置", max_length=120)
    custodian = models.CharField("保管人", max_length=40)
    custodian_phone = models.CharField("保管人电话", max_length=20, blank=True)
    custody_rules = models.TextField("保管制度", help_text="制度名称、文号或要点")
    rules_adopted_on = models.DateField("制度印发日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "standards"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "执法装备保管室"
        verbose_name_plural = "执法装备保管室"
        ordering = ["unit_id", "id"]

    def __str__(self) -> str:
        return self.name


class Equipment(models.Model):
    class Category(models.TextChoices):
        BODYCAM = "bodycam", "执法记录仪"
        CAMERA = "camera", "照相摄像设备"
        RADIO = "radio", "对讲机"
        DRONE = "drone", "无人机"
        TESTING = "testing", "快速检测设备"
        MOBILE_TERMINAL = "mobile_terminal", "移动执法终端"
        VEHICLE = "vehicle", "执法车辆"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        IN_STORE = "in_store", "在库"
        ISSUED = "issued", "已领用"
        RETIRED = "retired", "已报废"

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="equipment", verbose_name="单位")
    room = models.ForeignKey(EquipmentRoom, on_delete=models.PROTECT, related_name="equipment", verbose_name="保管室")
    asset_number = models.CharField("资产编号", max_length=40)
    name = models.CharField("装备名称", max_length=100)
    category = models.CharField("类别", max_length=20, choices=Category.choices)
    model_name = models.CharField("规格型号", max_length=60, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.IN_STORE)
    acquired_on = models.DateField("购置日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "standards"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "执法装备"
        verbose_name_plural = "执法装备"
        ordering = ["unit_id", "category", "asset_number"]
        constraints = [models.UniqueConstraint(fields=["unit", "asset_number"], name="equipment_asset_unique_in_unit")]

    def __str__(self) -> str:
        return f"{self.name}（{self.asset_number}）"


class EquipmentLoan(models.Model):
    """One issue of a piece of equipment and its return. At most one open loan per item: the
    partial unique constraint makes a double issue impossible even under concurrent requests."""

    equipment = models.ForeignKey(Equipment, on_delete=models.PROTECT, related_name="loans")
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+")
    borrower = models.CharField("领用人", max_length=40)
    officer = models.ForeignKey("personnel.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField("用途", max_length=200)
    issued_at = models.DateTimeField("领用时间")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    expected_return_on = models.DateField("预计归还日期", null=True, blank=True)
    returned_at = models.DateTimeField("归还时间", null=True, blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    return_condition = models.CharField("归还状况", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "standards"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "装备领用记录"
        verbose_name_plural = "装备领用记录"
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["equipment"], condition=Q(returned_at__isnull=True), name="equipment_one_open_loan"),
        ]

    def __str__(self) -> str:
        return f"{self.equipment} → {self.borrower}"


class AvRecord(models.Model):
    class Source(models.TextChoices):
        BODYCAM = "bodycam", "执法记录仪"
        RECORDER = "recorder", "录像机"
        MONITORING = "monitoring", "音视频监控"
        OTHER = "other", "其他"

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="av_records", verbose_name="单位")
    title = models.CharField("资料名称", max_length=200)
    source = models.CharField("采集设备类型", max_length=20, choices=Source.choices)
    device = models.ForeignKey(Equipment, null=True, blank=True, on_delete=models.PROTECT, related_name="av_records", verbose_name="采集设备")
    recorded_on = models.DateField("采集日期")
    recorded_by = models.CharField("采集人", max_length=40)
    file_name = models.CharField("文件名", max_length=200)
    size = models.BigIntegerField("文件大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    storage_location = models.CharField("存储位置", max_length=200, help_text="集中存储专机及路径")
    custodian = models.CharField("管理人员", max_length=40)
    subject_type = models.CharField("关联对象类型", max_length=80, blank=True)
    subject_id = models.CharField("关联对象编号", max_length=64, blank=True)
    subject_label = models.CharField("关联案件或事项", max_length=200, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "standards"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "音像资料"
        verbose_name_plural = "音像资料"
        ordering = ["-recorded_on", "-id"]
        indexes = [models.Index(fields=["unit", "recorded_on"], name="avrecord_unit_date_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="avrecord_sha256_hex"),
            models.CheckConstraint(condition=Q(size__gte=0), name="avrecord_size_non_negative"),
        ]

    def __str__(self) -> str:
        return self.title
