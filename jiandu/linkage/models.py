"""Criminal linkage tables (两法衔接, R-LNK-1…4).

- ``Transfer``: one transfer of a suspected crime from a penalty case to the police (移送), its
  workflow ``status`` (transition table in ``linkage.rules``) and the instants of each step.
- ``TransferDeadline``: each step's statutory deadline as an instant (art. 5, 8, 9, 12).
- ``TransferStep``: the timeline; ``TransferMaterial``: the art. 6 package with SHA-256;
  ``SupervisionRecord``: what the procuratorate recorded (检察监督).
- ``RiskRule``, ``CaseQuantity``, ``RiskFlag``: 以罚代刑 / 有案不移 thresholds per enforcement item,
  the quantity the rules read, and the flags they raise.
- ``JointMeeting``, ``MeetingTask``: 联席会议 with decisions and follow-up tasks.

Scope: a transfer belongs to the sending unit (area ``linkage``) and, for the police, to the
receiving unit (area ``linkage.received``); ``linkage.selectors`` combines both.
State changes go through ``linkage.services`` only.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.db.models import Q

from jiandu.core.scope import ScopedQuerySet
from jiandu.linkage import rules


class Transfer(models.Model):
    class Status(models.TextChoices):
        PROPOSED = rules.PROPOSED, rules.STATUS_LABELS[rules.PROPOSED]
        NOT_APPROVED = rules.NOT_APPROVED, rules.STATUS_LABELS[rules.NOT_APPROVED]
        WITHDRAWN = rules.WITHDRAWN, rules.STATUS_LABELS[rules.WITHDRAWN]
        APPROVED = rules.APPROVED, rules.STATUS_LABELS[rules.APPROVED]
        SENT = rules.SENT, rules.STATUS_LABELS[rules.SENT]
        DECLINED = rules.DECLINED, rules.STATUS_LABELS[rules.DECLINED]
        ACCEPTED = rules.ACCEPTED, rules.STATUS_LABELS[rules.ACCEPTED]
        NOT_FILED = rules.NOT_FILED, rules.STATUS_LABELS[rules.NOT_FILED]
        RECONSIDERING = rules.RECONSIDERING, rules.STATUS_LABELS[rules.RECONSIDERING]
        UPHELD = rules.UPHELD, rules.STATUS_LABELS[rules.UPHELD]
        UNDER_SUPERVISION = rules.UNDER_SUPERVISION, rules.STATUS_LABELS[rules.UNDER_SUPERVISION]
        FILED = rules.FILED, rules.STATUS_LABELS[rules.FILED]
        HANDED_OVER = rules.HANDED_OVER, rules.STATUS_LABELS[rules.HANDED_OVER]
        CONCLUDED = rules.CONCLUDED, rules.STATUS_LABELS[rules.CONCLUDED]
        CLOSED = rules.CLOSED, rules.STATUS_LABELS[rules.CLOSED]

    FINISHED = tuple(rules.FINISHED)

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="transfers_sent",
                             verbose_name="移送单位")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="transfers", verbose_name="行政处罚案件")
    police_unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="transfers_received",
                                    verbose_name="接收公安机关")
    number = models.CharField("移送书文号", max_length=60, unique=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PROPOSED)
    suspected_offence = models.CharField("涉嫌罪名", max_length=100)
    grounds = models.TextField("涉嫌犯罪的事实及移送理由")
    has_inspection = models.BooleanField("案件经过检验或鉴定", default=False,
                                         help_text="是：移送材料须附检验报告或者鉴定结论（第六条第四项）")
    items_note = models.CharField("涉案物品情况", max_length=300, blank=True)

    proposed_at = models.DateTimeField("提请时间")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approver_name = models.CharField("批准负责人", max_length=40, blank=True)
    approved_at = models.DateTimeField("批准（不批准）时间", null=True, blank=True)
    sent_at = models.DateTimeField("移送时间", null=True, blank=True)
    received_at = models.DateTimeField("公安受理时间", null=True, blank=True)
    police_reference = models.CharField("公安受案（立案）编号", max_length=60, blank=True)
    decided_at = models.DateTimeField("立案（不立案）决定时间", null=True, blank=True)
    filed_at = models.DateTimeField("立案时间", null=True, blank=True)
    handed_over_at = models.DateTimeField("移交时间", null=True, blank=True)
    finished_at = models.DateTimeField("终结时间", null=True, blank=True)
    last_reason = models.TextField("最近一次书面理由", blank=True)
    outcome = models.TextField("办理结果", blank=True)

    # Kept by the services and the sweep: the nearest open deadline, and whether one has passed.
    next_due_at = models.DateTimeField("最近期限", null=True, blank=True)
    is_overdue = models.BooleanField("超期", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "linkage"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "涉嫌犯罪案件移送"
        verbose_name_plural = "涉嫌犯罪案件移送"
        ordering = ["-proposed_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "-proposed_at", "-id"], name="transfer_unit_idx"),
            models.Index(fields=["police_unit", "-proposed_at", "-id"], name="transfer_police_idx"),
            models.Index(fields=["status", "-proposed_at"], name="transfer_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=~Q(status__in=sorted(rules.FINISHED)), name="transfer_one_active_per_case"
            ),
            models.CheckConstraint(condition=Q(status__in=list(rules.STATUS_LABELS)), name="transfer_status_valid"),
            models.CheckConstraint(condition=~Q(unit=models.F("police_unit")), name="transfer_not_to_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.suspected_offence}"

    @property
    def is_finished(self) -> bool:
        return self.status in rules.FINISHED

    @property
    def status_tone(self) -> str:
        if self.status in (rules.NOT_APPROVED, rules.DECLINED, rules.NOT_FILED, rules.UPHELD):
            return "danger"
        if self.status in (rules.FILED, rules.HANDED_OVER, rules.CONCLUDED):
            return "ok"
        if self.status in (rules.WITHDRAWN, rules.CLOSED):
            return "muted"
        if self.status == rules.UNDER_SUPERVISION:
            return "warn"
        return "info"


class TransferDeadline(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "进行中"
        OVERDUE = "overdue", "已超期"
        MET = "met", "按期完成"
        LATE = "late", "超期完成"
        LAPSED = "lapsed", "期间届满（未行使）"
        CANCELLED = "cancelled", "不再适用"

    ACTIVE = (Status.OPEN, Status.OVERDUE)

    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField("期限", max_length=30, choices=list(rules.DEADLINE_LABELS.items()))
    side = models.CharField("责任方", max_length=30, choices=list(rules.SIDE_LABELS.items()))
    starts_at = models.DateTimeField("起算时间")
    amount = models.PositiveIntegerField("期限")
    counting = models.CharField("计算方式", max_length=20, choices=list(rules.COUNTING_LABELS.items()))
    due_at = models.DateTimeField("届满时间")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField("完成时间", null=True, blank=True)
    reminded_at = models.DateTimeField("临期提醒时间", null=True, blank=True)
    legal_reference = models.CharField("依据", max_length=255)

    scope_area = "linkage"
    scope_unit_field = "transfer__unit"

    class Meta:
        verbose_name = "移送期限"
        verbose_name_plural = "移送期限"
        ordering = ["transfer_id", "starts_at", "id"]
        indexes = [
            models.Index(fields=["due_at", "id"], condition=Q(status__in=["open", "overdue"]),
                         name="transfer_deadline_active_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["transfer", "kind"], condition=Q(status__in=["open", "overdue"]),
                                    name="transfer_deadline_one_active"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def article(self) -> str:
        """"《…规定》第九条" — the statute and article, without the quoted text (for tables)."""
        match = re.search(r"^(《[^》]+》).*?(第[一二三四五六七八九十百零]+条)", self.legal_reference)
        return f"{match.group(1)}{match.group(2)}" if match else self.legal_reference[:40]

    @property
    def period_label(self) -> str:
        return f"{self.amount}{rules.COUNTING_LABELS.get(self.counting, '')}"

    @property
    def tone(self) -> str:
        return {"open": "info", "overdue": "danger", "met": "ok", "late": "warn"}.get(self.status, "muted")


class TransferStep(models.Model):
    """One step of a transfer (the timeline). Never edited."""

    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField("环节", max_length=40)
    label = models.CharField("名称", max_length=60)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    occurred_at = models.DateTimeField("发生时间")
    note = models.TextField("说明", blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor_unit = models.ForeignKey("organization.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    scope_area = "linkage"
    scope_unit_field = "transfer__unit"

    class Meta:
        verbose_name = "移送环节"
        verbose_name_plural = "移送环节"
        ordering = ["transfer_id", "occurred_at", "id"]


class TransferMaterial(models.Model):
    """One document of the art. 6 package, stored with its SHA-256."""

    transfer = models.ForeignKey(Transfer, on_delete=models.PROTECT, related_name="materials")
    kind = models.CharField("材料类别", max_length=30, choices=rules.MATERIAL_KINDS)
    title = models.CharField("名称", max_length=200)
    file = models.FileField("文件", upload_to="linkage/materials/%Y/%m/", max_length=255)
    original_name = models.CharField("原文件名", max_length=255)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.BigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    is_supplement = models.BooleanField("移送后补充", default=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    scope_area = "linkage"
    scope_unit_field = "transfer__unit"

    class Meta:
        verbose_name = "移送材料"
        verbose_name_plural = "移送材料"
        ordering = ["transfer_id", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="transfer_material_sha256_hex"),
        ]

    def __str__(self) -> str:
        return self.title


class SupervisionRecord(models.Model):
    """What the procuratorate recorded on a transfer (检察监督, R-LNK-1)."""

    class Kind(models.TextChoices):
        OPINION = "opinion", "监督意见"
        INQUIRY = "inquiry", "要求说明不立案理由"
        SUGGESTION = "suggestion", "检察建议"
        OTHER = "other", "其他"

    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="supervision_records")
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    content = models.TextField("内容")
    recorded_on = models.DateField("日期")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_area = "linkage"
    scope_unit_field = "transfer__unit"

    class Meta:
        verbose_name = "检察监督记录"
        verbose_name_plural = "检察监督记录"
        ordering = ["transfer_id", "recorded_on", "id"]


class RiskRule(models.Model):
    """A criminal threshold for one enforcement item, keyed ``(unit, item_code)`` across item list
    versions. Any one threshold reached crosses it (R-LNK-3)."""

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="risk_rules", verbose_name="执法单位")
    item_code = models.CharField("事项编码", max_length=40)
    item_name = models.CharField("事项名称", max_length=200)
    suspected_offence = models.CharField("可能涉嫌的罪名", max_length=100)
    amount_field = models.CharField("金额项目", max_length=30, choices=rules.AMOUNT_FIELDS, blank=True)
    amount_threshold = models.DecimalField("金额标准（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    quantity_threshold = models.DecimalField("数量标准", max_digits=14, decimal_places=2, null=True, blank=True)
    quantity_unit = models.CharField("数量单位", max_length=20, blank=True)
    repeat_count = models.PositiveIntegerField("多次违法：已受处罚次数", null=True, blank=True)
    repeat_window_days = models.PositiveIntegerField("多次违法：期间（日）", null=True, blank=True)
    legal_reference = models.CharField("追诉标准依据", max_length=255)
    effective_from = models.DateField("生效日期")
    effective_until = models.DateField("失效日期", null=True, blank=True)
    is_active = models.BooleanField("启用", default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "linkage"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "涉刑风险规则"
        verbose_name_plural = "涉刑风险规则"
        ordering = ["unit_id", "item_code", "-effective_from", "id"]
        indexes = [models.Index(fields=["unit", "item_code"], name="risk_rule_item_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(amount_threshold__isnull=False) & ~Q(amount_field=""))
                | Q(quantity_threshold__isnull=False)
                | (Q(repeat_count__gt=0) & Q(repeat_window_days__gt=0)),
                name="risk_rule_has_threshold",
            ),
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True) | Q(effective_until__gte=models.F("effective_from")),
                name="risk_rule_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_code} {self.item_name}：{self.suspected_offence}"

    def spec(self) -> rules.RiskRuleSpec:
        return rules.RiskRuleSpec(
            amount_field=self.amount_field, amount_threshold=self.amount_threshold,
            quantity_threshold=self.quantity_threshold, quantity_unit=self.quantity_unit,
            repeat_count=self.repeat_count, repeat_window_days=self.repeat_window_days,
        )

    @property
    def thresholds_text(self) -> str:
        parts = []
        if self.amount_field and self.amount_threshold is not None:
            parts.append(f"{rules.AMOUNT_LABELS.get(self.amount_field)} ≥ {self.amount_threshold:,.0f} 元")
        if self.quantity_threshold is not None:
            parts.append(f"数量 ≥ {self.quantity_threshold.normalize():f} {self.quantity_unit}")
        if self.repeat_count and self.repeat_window_days:
            parts.append(f"{self.repeat_window_days} 日内已受处罚 {self.repeat_count} 次以上又违法")
        return "；或 ".join(parts)


class CaseQuantity(models.Model):
    """The quantity involved in a case (条、千克、株…), which the cases tables do not hold and the
    quantity thresholds read."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="linkage_quantity")
    quantity = models.DecimalField("涉案数量", max_digits=14, decimal_places=2)
    quantity_unit = models.CharField("计量单位", max_length=20)
    note = models.CharField("说明", max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    scope_area = "linkage"
    scope_unit_field = "case__unit"

    class Meta:
        verbose_name = "涉案数量"
        verbose_name_plural = "涉案数量"
        constraints = [models.CheckConstraint(condition=Q(quantity__gte=0), name="case_quantity_not_negative")]


class RiskFlag(models.Model):
    """A penalty case that crossed a rule's criminal threshold without a transfer (R-LNK-3)."""

    class Kind(models.TextChoices):
        PENALTY_INSTEAD = rules.PENALTY_INSTEAD, rules.FLAG_KIND_LABELS[rules.PENALTY_INSTEAD]
        WITHHELD = rules.WITHHELD, rules.FLAG_KIND_LABELS[rules.WITHHELD]

    class Status(models.TextChoices):
        OPEN = "open", "待处理"
        RESOLVED = "resolved", "已处理"

    class Resolution(models.TextChoices):
        TRANSFER_MADE = "transfer_made", "已移送公安机关"
        JUSTIFIED = "justified", "经审查不需移送（书面说明）"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="risk_flags")
    rule = models.ForeignKey(RiskRule, on_delete=models.PROTECT, related_name="flags")
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="办案单位")
    kind = models.CharField("风险类型", max_length=20, choices=Kind.choices)
    reasons = models.JSONField("触发情形", default=list)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    flagged_at = models.DateTimeField("发现时间")
    resolution = models.CharField("处理方式", max_length=20, choices=Resolution.choices, blank=True)
    resolution_reason = models.TextField("处理说明", blank=True)
    transfer = models.ForeignKey(Transfer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "linkage"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "涉刑风险提示"
        verbose_name_plural = "涉刑风险提示"
        ordering = ["-flagged_at", "-id"]
        indexes = [models.Index(fields=["status", "-flagged_at", "-id"], name="risk_flag_status_idx")]
        constraints = [
            models.UniqueConstraint(fields=["case", "rule"], name="risk_flag_once_per_rule"),
            models.CheckConstraint(
                condition=Q(status="open") | (~Q(resolution="") & ~Q(resolution_reason="") & Q(resolved_at__isnull=False)),
                name="risk_flag_resolved_has_reason",
            ),
        ]

    @property
    def reason_text(self) -> str:
        return "；".join(self.reasons)


class JointMeeting(models.Model):
    """A 联席会议 of the enforcement units, the police and the procuratorate (R-LNK-4)."""

    convener = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="召集单位")
    title = models.CharField("会议名称", max_length=200)
    held_on = models.DateField("召开日期")
    location = models.CharField("地点", max_length=100, blank=True)
    attendee_units = models.ManyToManyField("organization.Unit", related_name="joint_meetings", verbose_name="参会单位")
    attendees_note = models.CharField("参会人员", max_length=500, blank=True)
    topics = models.TextField("会议议题")
    decisions = models.TextField("议定事项")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "linkage"
    scope_unit_field = "convener"

    class Meta:
        verbose_name = "联席会议"
        verbose_name_plural = "联席会议"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class MeetingTask(models.Model):
    """A follow-up task decided at a joint meeting, tracked until done."""

    class Status(models.TextChoices):
        OPEN = "open", "办理中"
        DONE = "done", "已办结"

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="tasks")
    description = models.CharField("任务内容", max_length=300)
    owner_unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="责任单位")
    due_on = models.DateField("完成期限")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    is_overdue = models.BooleanField("超期", default=False)
    done_on = models.DateField("办结日期", null=True, blank=True)
    done_note = models.TextField("办理情况", blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    scope_area = "linkage"
    scope_unit_field = "meeting__convener"

    class Meta:
        verbose_name = "联席会议议定任务"
        verbose_name_plural = "联席会议议定任务"
        ordering = ["meeting_id", "due_on", "id"]
        indexes = [models.Index(fields=["due_on", "id"], condition=Q(status="open"), name="meeting_task_open_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(status="open") | (Q(done_on__isnull=False) & ~Q(done_note="")),
                                   name="meeting_task_done_has_note"),
        ]

    @property
    def is_late(self) -> bool:
        return bool(self.done_on and self.done_on > self.due_on)
