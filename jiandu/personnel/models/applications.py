"""Certificate applications and their three-level qualification review (R-PER-2, R-PER-3).

The workflow itself is the transition table ``personnel.rules.REVIEW_TRANSITIONS``; these tables
hold the application, and one ``ApplicationReview`` row per signature (who, when, verdict,
reason), which the database keeps unique per step and seat so a seat cannot sign twice even
under concurrent requests.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jiandu.core.scope import ScopedQuerySet
from jiandu.personnel import rules


class CertificateApplication(models.Model):
    """An application for an enforcement certificate, made by the officer's unit."""

    class Status(models.TextChoices):
        DISTRICT_REVIEW = rules.DISTRICT_REVIEW, "区级初审中"  # awaiting the district seats
        CITY_REVIEW = rules.CITY_REVIEW, "市级复审中"  # awaiting 市司法局
        PROVINCE_REVIEW = rules.PROVINCE_REVIEW, "省级复核中"  # awaiting 省司法厅
        EXAM_PENDING = rules.EXAM_PENDING, "待考试"  # eligible for the provincial exam
        AWAITING_ISSUE = rules.AWAITING_ISSUE, "考试合格待发证"  # passed, certificate to be issued
        ISSUED = rules.ISSUED, "已发证"  # ended: certificate issued
        REFUSED = rules.REFUSED, "审查未通过"  # ended: a reviewer refused, with reason
        EXAM_FAILED = rules.EXAM_FAILED, "考试不合格"  # ended: failed the exam
        WITHDRAWN = rules.WITHDRAWN, "已撤回"  # ended: withdrawn by the unit

    OPEN = rules.OPEN_APPLICATION_STATUSES

    officer = models.ForeignKey("personnel.Officer", on_delete=models.PROTECT, related_name="applications")
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="申请单位")
    enforcement_domain = models.CharField("申领执法类别", max_length=60)
    note = models.TextField("申请说明", blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DISTRICT_REVIEW)
    required_seats = models.JSONField("区级初审须签署的席位", default=list)
    eligibility = models.JSONField("提交时的资格情况", default=dict)
    submitted_on = models.DateField("申请日期")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    exam_on = models.DateField("考试日期", null=True, blank=True)
    exam_score = models.DecimalField("考试成绩", max_digits=5, decimal_places=1, null=True, blank=True)
    certificate = models.OneToOneField(
        "personnel.Certificate", null=True, blank=True, on_delete=models.PROTECT, related_name="application"
    )
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    closing_reason = models.TextField("办结原因", blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "personnel"
    scope_unit_field = "unit"
    scope_self_field = "officer__user"

    class Meta:
        verbose_name = "执法证申领申请"
        verbose_name_plural = "执法证申领申请"
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["status", "unit"], name="application_status_unit_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["officer"], condition=Q(status__in=list(rules.OPEN_APPLICATION_STATUSES)),
                name="one_open_application_per_officer",
            ),
            models.CheckConstraint(
                condition=Q(exam_score__isnull=True) | Q(exam_score__gte=0, exam_score__lte=100),
                name="application_exam_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.officer.name} 执法证申领"

    @property
    def is_open(self) -> bool:
        return self.status in rules.OPEN_APPLICATION_STATUSES


class ApplicationReview(models.Model):
    """One signature on an application: a seat's opinion at a step, the exam result, or the
    issuance. Append-only: a step is never edited, a new application is made instead."""

    class Step(models.TextChoices):
        DISTRICT = rules.STEP_DISTRICT, "区级初审"
        CITY = rules.STEP_CITY, "市级复审"
        PROVINCE = rules.STEP_PROVINCE, "省级复核"
        EXAM = rules.STEP_EXAM, "执法资格考试"
        ISSUE = rules.STEP_ISSUE, "颁发执法证"

    class Verdict(models.TextChoices):
        APPROVE = "approve", "同意"
        REFUSE = "refuse", "不同意"
        PASS = "pass", "考试合格"
        FAIL = "fail", "考试不合格"
        ISSUED = "issued", "已发证"

    POSITIVE = (Verdict.APPROVE, Verdict.PASS, Verdict.ISSUED)

    application = models.ForeignKey(CertificateApplication, on_delete=models.PROTECT, related_name="reviews")
    step = models.CharField("环节", max_length=20, choices=Step.choices)
    seat = models.CharField("审查席位", max_length=20)
    verdict = models.CharField("结论", max_length=20, choices=Verdict.choices)
    reason = models.TextField("意见或理由", blank=True)
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1, null=True, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewer_unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+")
    acted_on = models.DateField("办理日期")
    acted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "资格审查意见"
        verbose_name_plural = "资格审查意见"
        ordering = ["application_id", "acted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "step", "seat"], name="review_once_per_step_and_seat"),
            models.UniqueConstraint(
                fields=["application", "step"], condition=~Q(step=rules.STEP_DISTRICT), name="review_once_per_single_step"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()} {self.get_verdict_display()}"

    @property
    def seat_label(self) -> str:
        return rules.SEAT_LABELS.get(self.seat, self.seat)
