"""Tables of the shared mechanisms: policy parameters, calendar, audit chain, documents,
notifications and background jobs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class PolicyParameter(models.Model):
    """One dated value of a policy figure (R-PLT-3).

    ``jurisdiction`` NULL is the platform default (shipped for the 华容区 profile); a value set for a
    unit applies to that unit and everything below it. A value applies from ``effective_from`` until
    a later-dated value of the same key and jurisdiction replaces it.
    """

    key = models.CharField("参数键", max_length=80, db_index=True)
    jurisdiction = models.ForeignKey(
        "organization.Unit", null=True, blank=True, on_delete=models.PROTECT, verbose_name="适用辖区"
    )
    effective_from = models.DateField("生效日期")
    value = models.JSONField("取值")
    label = models.CharField("名称", max_length=120)
    legal_reference = models.CharField("依据", max_length=255)
    note = models.TextField("说明", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "政策参数"
        verbose_name_plural = "政策参数"
        ordering = ["key", "jurisdiction_id", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "jurisdiction", "effective_from"], name="policy_one_value_per_day"
            ),
            models.UniqueConstraint(
                fields=["key", "effective_from"],
                condition=Q(jurisdiction__isnull=True),
                name="policy_one_default_per_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value} (自 {self.effective_from})"


class CalendarYear(models.Model):
    """A year whose holidays and make-up workdays are known. Dates in other years are refused."""

    year = models.PositiveSmallIntegerField("年份", primary_key=True)
    source = models.CharField("来源", max_length=40, default="chinese_calendar")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "工作日历年度"
        verbose_name_plural = "工作日历年度"
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """A day that differs from the Monday–Friday default: a holiday on a weekday, or a make-up
    workday (调休) on a weekend. Holidays falling on a weekend may be stored too, for display."""

    date = models.DateField("日期", primary_key=True)
    is_workday = models.BooleanField("是否工作日")
    name = models.CharField("名称", max_length=40, blank=True)

    class Meta:
        verbose_name = "节假日与调休"
        verbose_name_plural = "节假日与调休"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {'上班' if self.is_workday else '休息'} {self.name}"


class AuditHead(models.Model):
    """Singleton row locked while appending, so the chain stays linear under concurrent writers."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="audit_head_singleton")]


class AuditEvent(models.Model):
    """An append-only, hash-chained record of one state change (R-PLT-2).

    ``hash`` = SHA-256 over the canonical JSON of the other fields, including ``prev_hash``.
    ``manage.py verify_audit`` recomputes the chain. On PostgreSQL a trigger refuses UPDATE and
    DELETE on this table.
    """

    seq = models.BigIntegerField("序号", unique=True)
    occurred_at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField("操作人", max_length=80)
    action = models.CharField("操作", max_length=80, db_index=True)
    object_type = models.CharField("对象类型", max_length=80)
    object_id = models.CharField("对象编号", max_length=64)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    unit = models.ForeignKey(
        "organization.Unit", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False,
        related_name="+",
    )
    before = models.JSONField("变更前", null=True, blank=True)
    after = models.JSONField("变更后", null=True, blank=True)
    reason = models.TextField("原因", blank=True)
    legal_basis = models.CharField("依据", max_length=255, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    scope_area = "audit"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class DocumentSequence(models.Model):
    """The next serial number for one issuer prefix and year (华司执监〔2026〕12号)."""

    prefix = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="docseq_prefix_year")]


class OfficialDocument(models.Model):
    """A numbered official document rendered once from a .docx template and kept unchanged."""

    kind = models.CharField("文书类型", max_length=60, db_index=True)
    kind_label = models.CharField("文书名称", max_length=60)
    number = models.CharField("文号", max_length=60, unique=True)
    title = models.CharField("标题", max_length=200)
    issuer = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="issued_documents")
    recipient_unit = models.ForeignKey(
        "organization.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="received_documents"
    )
    unit = models.ForeignKey(
        "organization.Unit", on_delete=models.PROTECT, related_name="+", help_text="数据归属单位（用于数据范围）"
    )
    subject_type = models.CharField(max_length=80, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="文书所涉人员的账号（本人可查看）",
    )
    file = models.FileField(upload_to="documents/%Y/")
    sha256 = models.CharField(max_length=64)
    context = models.JSONField(default=dict)
    issued_at = models.DateTimeField("签发时间")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    scope_area = "documents"
    scope_unit_field = "unit"
    scope_self_field = "subject_user"

    class Meta:
        verbose_name = "法律文书"
        verbose_name_plural = "法律文书"
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="doc_subject_idx")]

    def __str__(self) -> str:
        return f"{self.kind_label} {self.number}"


class Notification(models.Model):
    """An in-app message. ``dedupe_key`` makes sweeps idempotent: the same alert is sent once."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    category = models.CharField("类别", max_length=40, default="general")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    link = models.CharField("链接", max_length=255, blank=True)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "站内通知"
        verbose_name_plural = "站内通知"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "dedupe_key"], name="notification_dedupe"),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.title


class BackgroundJob(models.Model):
    """A long job (import, report, export) with progress a page can poll (R-PLT-7)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "进行中"
        SUCCEEDED = "succeeded", "已完成"
        FAILED = "failed", "失败"

    kind = models.CharField("任务类型", max_length=60)
    label = models.CharField("任务名称", max_length=120)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField("阶段", max_length=60, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    params = models.JSONField(default=dict)
    result = models.JSONField(null=True, blank=True)
    errors = models.JSONField("错误报告", null=True, blank=True)
    message = models.TextField(blank=True)
    input_file = models.FileField(upload_to="jobs/%Y/", blank=True)
    output_file = models.FileField(upload_to="jobs/%Y/", blank=True)
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    scope_area = "organization"
    scope_unit_field = "unit"
    scope_self_field = "created_by"

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label

    @property
    def percent(self) -> int:
        if self.status == self.Status.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, int(self.progress_done * 100 / self.progress_total))

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)


class ScheduledRun(models.Model):
    """A claimed slot of a periodic task: the unique constraint lets one scheduler win it."""

    name = models.CharField(max_length=60)
    slot = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "slot"], name="scheduled_run_once_per_slot")]
