"""Social supervisors (社会监督员, R-SUP-7) and joint supervision inputs (联合监督, R-SUP-8)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from jiandu.core.scope import ScopedQuerySet


class SocialSupervisor(models.Model):
    """A person a unit appoints to supervise its enforcement (plan §二(四)1), for a term."""

    class Category(models.TextChoices):
        NPC_DEPUTY = "npc_deputy", "人大代表"
        CPPCC_MEMBER = "cppcc_member", "政协委员"
        LEGAL_WORKER = "legal_worker", "法律工作者"
        JOURNALIST = "journalist", "新闻工作者"

    class Status(models.TextChoices):
        APPOINTED = "appointed", "在聘"
        DISMISSED = "dismissed", "已解聘"

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="聘请单位")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="supervisor_appointments",
        verbose_name="平台账号",
    )
    name = models.CharField("姓名", max_length=40)
    category = models.CharField("身份类别", max_length=20, choices=Category.choices)
    organisation = models.CharField("工作单位及职务", max_length=120)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    term_start = models.DateField("聘期开始")
    term_end = models.DateField("聘期结束")
    duties = models.TextField("监督职责")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.APPOINTED)
    dismissed_on = models.DateField("解聘日期", null=True, blank=True)
    dismissal_reason = models.CharField("解聘原因", max_length=200, blank=True)
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "oversight"
    scope_unit_field = "unit"
    scope_self_field = "user"

    class Meta:
        verbose_name = "社会监督员"
        verbose_name_plural = "社会监督员"
        ordering = ["unit_id", "-term_end", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(term_end__gt=models.F("term_start")), name="supervisor_term_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_category_display()}）"

    def serving_on(self, day: date) -> bool:
        return self.status == self.Status.APPOINTED and self.term_start <= day <= self.term_end


class JointInput(models.Model):
    """A supervision input from another body (人大, 检察, 监察, 法院) recorded against a unit and,
    optionally, any record of the platform (a case, an officer…) by generic reference."""

    class Source(models.TextChoices):
        NPC = "npc", "人大监督"
        PROCURATORATE = "procuratorate", "检察监督"
        SUPERVISION_COMMISSION = "supervision_commission", "监察监督"
        COURT = "court", "司法监督（人民法院）"
        OTHER = "other", "其他监督"

    class Status(models.TextChoices):
        RECEIVED = "received", "待办理"
        RESPONDED = "responded", "已办理"

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="涉及单位")
    source = models.CharField("监督类别", max_length=30, choices=Source.choices)
    source_org = models.CharField("来文机关", max_length=100)
    document_kind = models.CharField("文书形式", max_length=60, help_text="如：检察建议书、监察建议书、司法建议书、审议意见")
    document_number = models.CharField("文号", max_length=60, blank=True)
    received_on = models.DateField("收到日期")
    subject_type = models.CharField("涉及记录类型", max_length=60, blank=True, help_text="如 cases.case")
    subject_id = models.CharField("涉及记录编号", max_length=40, blank=True)
    subject_label = models.CharField("涉及事项", max_length=200, blank=True)
    summary = models.TextField("主要内容")
    reply_due_on = models.DateField("要求回复日期", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.RECEIVED)
    response = models.TextField("办理情况", blank=True)
    responded_on = models.DateField("办理日期", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "oversight"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "联合监督事项"
        verbose_name_plural = "联合监督事项"
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="joint_subject_idx")]

    def __str__(self) -> str:
        return f"{self.get_source_display()}：{self.document_kind} {self.document_number}".strip()
