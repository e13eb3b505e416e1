"""Complaints and reports (投诉举报, R-SUP-1), including social supervisors' observations (R-SUP-7)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jiandu.core.scope import ScopedQuerySet
from jiandu.oversight.models.files import StoredFile


class Complaint(models.Model):
    """One complaint or report, from receipt to the reply the filer reads with the tracking code.

    ``unit`` is the unit that holds the matter (scope): the receiving supervision agency until it
    is assigned, then the unit whose legal body handles it. ``subject_unit`` is the unit the
    filer complains about. Only a digest of the tracking code is stored (``rules.tracking``).
    """

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", "投诉"  # the filer's own rights and interests
        REPORT = "report", "举报"  # wrongdoing the filer reports; may be anonymous

    class Channel(models.TextChoices):
        ONLINE = "online", "网上投诉举报"
        PHONE = "phone", "电话"
        LETTER = "letter", "来信"
        VISIT = "visit", "来访"
        HOTLINE = "hotline_12345", "12345 热线转办"
        SUPERVISOR = "supervisor", "社会监督员反映"

    class Status(models.TextChoices):
        RECEIVED = "received", "待受理"  # the acceptance clock runs
        ACCEPTED = "accepted", "已受理待交办"  # accepted; the handling clock runs
        ASSIGNED = "assigned", "办理中"  # with the handling unit's legal body
        HANDLED = "handled", "已办结待反馈"  # decided; the reply clock runs
        REPLIED = "replied", "已反馈"  # the filer can read the reply
        REJECTED = "rejected", "不予受理"  # refused, with the reason the filer reads

    class Finding(models.TextChoices):
        SUBSTANTIATED = "substantiated", "反映属实"
        PARTLY = "partly", "部分属实"
        UNSUBSTANTIATED = "unsubstantiated", "反映不属实"

    OPEN = (Status.RECEIVED, Status.ACCEPTED, Status.ASSIGNED, Status.HANDLED)

    number = models.CharField("编号", max_length=40, unique=True)
    tracking_digest = models.CharField(max_length=64, unique=True, editable=False)
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    channel = models.CharField("来源渠道", max_length=20, choices=Channel.choices)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.RECEIVED)
    anonymous = models.BooleanField("匿名举报", default=False)
    filer_name = models.CharField("投诉举报人", max_length=40, blank=True)
    filer_phone = models.CharField("联系电话", max_length=20, blank=True)
    filer_address = models.CharField("联系地址", max_length=200, blank=True)
    subject_unit = models.ForeignKey(
        "organization.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="被投诉举报单位"
    )
    agency = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="受理机构")
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="承办单位")
    handling_body = models.ForeignKey(
        "organization.LegalBody", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="承办法制机构",
    )
    title = models.CharField("标题", max_length=100)
    content = models.TextField("反映的问题")
    request = models.TextField("诉求", blank=True)
    occurred_on = models.DateField("发生日期", null=True, blank=True)
    supervisor = models.ForeignKey(
        "oversight.SocialSupervisor", null=True, blank=True, on_delete=models.PROTECT, related_name="observations",
        verbose_name="社会监督员",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    received_on = models.DateField("收到日期")
    accept_due_on = models.DateField("受理期限")
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    decision_note = models.TextField("受理意见 / 不予受理理由", blank=True)
    handle_due_on = models.DateField("办理期限", null=True, blank=True)
    assigned_on = models.DateField("交办日期", null=True, blank=True)
    handled_on = models.DateField("办结日期", null=True, blank=True)
    finding = models.CharField("核查结论", max_length=20, choices=Finding.choices, blank=True)
    handling_result = models.TextField("办理情况", blank=True)
    reply_due_on = models.DateField("反馈期限", null=True, blank=True)
    replied_on = models.DateField("反馈日期", null=True, blank=True)
    reply = models.TextField("答复意见", blank=True)
    accept_overdue = models.BooleanField("受理超期", default=False)
    handle_overdue = models.BooleanField("办理超期", default=False)
    reply_overdue = models.BooleanField("反馈超期", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "oversight"
    scope_unit_field = "unit"
    scope_self_field = "submitted_by"  # a social supervisor's own observations (oversight.observation: self)

    class Meta:
        verbose_name = "投诉举报"
        verbose_name_plural = "投诉举报"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "status"], name="complaint_unit_status_idx"),
            models.Index(fields=["status", "received_on"], name="complaint_status_recv_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(anonymous=True, kind="complaint"), name="complaint_not_anonymous"),
            models.CheckConstraint(condition=Q(anonymous=True) | ~Q(filer_name=""), name="complaint_named_filer"),
            models.CheckConstraint(condition=Q(accept_due_on__gte=models.F("received_on")), name="complaint_accept_due_after"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def current_due_on(self):
        """The deadline of the step the complaint waits for (None when closed)."""
        return {
            self.Status.RECEIVED: self.accept_due_on,
            self.Status.ACCEPTED: self.handle_due_on,
            self.Status.ASSIGNED: self.handle_due_on,
            self.Status.HANDLED: self.reply_due_on,
        }.get(self.status)

    @property
    def is_late(self) -> bool:
        return self.accept_overdue or self.handle_overdue or self.reply_overdue


class ComplaintAttachment(StoredFile):
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="attachments")

    class Meta:
        verbose_name = "投诉举报附件"
        verbose_name_plural = "投诉举报附件"
        ordering = ["id"]
