"""Conduct records, annual assessments, suspensions, transfers off enforcement posts, clue
referrals and the link from an officer to every document about them (R-PER-5…8, R-PER-11)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jiandu.core.scope import ScopedQuerySet
from jiandu.personnel import rules


class ConductRecord(models.Model):
    """Non-standard enforcement without serious consequences, with the sanction the ladder gave
    (R-PER-5): 1st in the counting window → talk reminder, 2nd → circulated criticism."""

    class Sanction(models.TextChoices):
        TALK_REMINDER = rules.TALK_REMINDER, "谈话提醒"
        CIRCULATED_CRITICISM = rules.CIRCULATED_CRITICISM, "通报批评"

    officer = models.ForeignKey("personnel.Officer", on_delete=models.PROTECT, related_name="conduct_records")
    occurred_on = models.DateField("行为发生日期")
    description = models.TextField("不规范执法行为")
    source = models.CharField("发现途径", max_length=60, blank=True, help_text="如：案卷评查、投诉举报、法治督察")
    sanction = models.CharField("处理", max_length=30, choices=Sanction.choices)
    ordinal_in_window = models.PositiveSmallIntegerField("计数期内第几次")
    window_start = models.DateField("计数期起始日")
    document = models.ForeignKey("core.OfficialDocument", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "personnel"
    scope_unit_field = "officer__unit"
    scope_self_field = "officer__user"

    class Meta:
        verbose_name = "不规范执法记录"
        verbose_name_plural = "不规范执法记录"
        ordering = ["officer_id", "occurred_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(ordinal_in_window__gte=1), name="conduct_ordinal_positive")]

    def __str__(self) -> str:
        return f"{self.officer.name} {self.get_sanction_display()}"


class Assessment(models.Model):
    """An annual assessment grade (年度考核等次, R-PER-6) and what it did to the certificate."""

    class Grade(models.TextChoices):
        EXCELLENT = rules.EXCELLENT, "优秀"
        COMPETENT = rules.COMPETENT, "称职"
        BASICALLY_COMPETENT = rules.BASICALLY_COMPETENT, "基本称职"
        INCOMPETENT = rules.INCOMPETENT, "不称职"

    class Consequence(models.TextChoices):
        NONE = rules.ACT_NONE, "无"
        SUSPEND = rules.ACT_SUSPEND, "暂扣执法证"
        EXTEND = rules.ACT_EXTEND, "追加发还条件"
        REVOKE = rules.ACT_REVOKE, "收回执法证"

    officer = models.ForeignKey("personnel.Officer", on_delete=models.PROTECT, related_name="assessments")
    year = models.PositiveSmallIntegerField("考核年度")
    grade = models.CharField("考核等次", max_length=30, choices=Grade.choices)
    decided_on = models.DateField("评定日期")
    note = models.CharField("备注", max_length=200, blank=True)
    consequence = models.CharField("处理结果", max_length=20, choices=Consequence.choices, default=Consequence.NONE)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "personnel"
    scope_unit_field = "officer__unit"
    scope_self_field = "officer__user"

    class Meta:
        verbose_name = "年度考核"
        verbose_name_plural = "年度考核"
        ordering = ["officer_id", "-year"]
        constraints = [models.UniqueConstraint(fields=["officer", "year"], name="one_assessment_per_officer_year")]

    def __str__(self) -> str:
        return f"{self.officer.name} {self.year}年度 {self.get_grade_display()}"


class Suspension(models.Model):
    """A running or ended suspension of a certificate, with what its return requires.

    The grounds (年度考核不称职, 补考仍不合格) decide the conditions (``rules.return_decide``);
    a further ground while suspended is added here rather than suspending twice.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", "暂扣中"
        RETURNED = "returned", "已发还"
        ENDED = "ended", "已收回或注销"

    certificate = models.ForeignKey("personnel.Certificate", on_delete=models.PROTECT, related_name="suspensions")
    officer = models.ForeignKey("personnel.Officer", on_delete=models.PROTECT, related_name="suspensions")
    started_on = models.DateField("暂扣日期")
    grounds = models.JSONField("暂扣事由", default=list)
    min_training_hours = models.DecimalField("发还前须完成的培训学时", max_digits=6, decimal_places=1, default=0)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.ACTIVE)
    suspend_event = models.OneToOneField("personnel.CertificateEvent", on_delete=models.PROTECT, related_name="+")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    end_event = models.OneToOneField(
        "personnel.CertificateEvent", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()
    scope_area = "personnel"
    scope_unit_field = "officer__unit"
    scope_self_field = "officer__user"

    class Meta:
        verbose_name = "暂扣执法证"
        verbose_name_plural = "暂扣执法证"
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["certificate"], condition=Q(status="active"), name="one_active_suspension"),
        ]

    def __str__(self) -> str:
        return f"{self.officer.name} 暂扣 {self.started_on}"

    @property
    def ground_labels(self) -> list[str]:
        return [rules.GROUND_LABELS.get(g, g) for g in self.grounds]


class TransferTask(models.Model):
    """The unit's task to move an officer off enforcement posts after revocation (R-PER-7).
    Done when the registry records a non-enforcement post (or the officer leaves)."""

    class Status(models.TextChoices):
        OPEN = "open", "待调离"
        DONE = "done", "已调离"

    officer = models.ForeignKey("personnel.Officer", on_delete=models.PROTECT, related_name="transfer_tasks")
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="责任单位")
    trigger = models.CharField("收回情形", max_length=40)
    reason = models.TextField("事由")
    opened_on = models.DateField("下达日期")
    due_on = models.DateField("调离期限")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField("调离日期", null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    done_note = models.CharField("办理情况", max_length=200, blank=True)
    overdue_notified_on = models.DateField(null=True, blank=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    scope_area = "personnel"
    scope_unit_field = "unit"
    scope_self_field = "officer__user"

    class Meta:
        verbose_name = "调离执法岗位任务"
        verbose_name_plural = "调离执法岗位任务"
        ordering = ["status", "due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["officer"], condition=Q(status="open"), name="one_open_transfer_task"),
        ]

    def __str__(self) -> str:
        return f"{self.officer.name} 调离执法岗位"


class Referral(models.Model):
    """A clue of a violation of law or discipline referred to discipline inspection (R-PER-8),
    with its tracked receipt (due in working days) and outcome."""

    class Status(models.TextChoices):
        SENT = "sent", "已移送待接收"
        RECEIVED = "received", "已接收处理中"
        CONCLUDED = "concluded", "已办结"

    class Outcome(models.TextChoices):
        FILED = "filed", "立案审查调查"
        SANCTIONED = "sanctioned", "给予党纪政务处分"
        ADMONISHED = "admonished", "批评教育、诫勉谈话等"
        NO_ACTION = "no_action", "了结或不予追究"
        TRANSFERRED = "transferred", "移送司法机关"

    officer = models.ForeignKey("personnel.Officer", on_delete=models.PROTECT, related_name="referrals")
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="所在单位")
    recipient = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="接收机关")
    facts = models.TextField("线索内容")
    legal_basis = models.CharField("依据", max_length=255, blank=True)
    referred_on = models.DateField("移送日期")
    due_on = models.DateField("应接收日期")
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    document = models.ForeignKey("core.OfficialDocument", on_delete=models.PROTECT, related_name="+")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.SENT)
    received_on = models.DateField("接收日期", null=True, blank=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    receipt_note = models.CharField("接收意见", max_length=200, blank=True)
    outcome = models.CharField("处理结果", max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField("处理情况", blank=True)
    concluded_on = models.DateField("办结日期", null=True, blank=True)
    concluded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    overdue_notified_on = models.DateField(null=True, blank=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    scope_area = "personnel.referral"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "违法违纪线索移送"
        verbose_name_plural = "违法违纪线索移送"
        ordering = ["-referred_on", "-id"]
        indexes = [models.Index(fields=["status", "due_on"], name="referral_status_due_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=models.F("referred_on")), name="referral_due_after_referral"),
        ]

    def __str__(self) -> str:
        return f"{self.officer.name} 线索移送"

    def is_overdue(self, today) -> bool:
        return self.status == self.Status.SENT and today > self.due_on


class OfficerDocument(models.Model):
    """An official document that concerns an officer: a sanction, a certificate decision, or a
    district notice listing them. Lets the officer file list every document, including notices
    that name several people."""

    officer = models.ForeignKey("personnel.Officer", on_delete=models.PROTECT, related_name="document_links")
    document = models.ForeignKey("core.OfficialDocument", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "人员相关文书"
        verbose_name_plural = "人员相关文书"
        constraints = [models.UniqueConstraint(fields=["officer", "document"], name="officer_document_once")]
