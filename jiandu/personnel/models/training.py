"""Training plans, sessions and attendance hours (R-PER-9, plan §二(二)3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jiandu.core.scope import ScopedQuerySet
from jiandu.personnel import rules


class TrainingPlan(models.Model):
    """A unit's yearly training plan (执法能力培训计划)."""

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="单位")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("计划名称", max_length=120)
    content = models.TextField("主要内容", blank=True)
    planned_sessions = models.PositiveSmallIntegerField("计划培训场次", default=0)
    target_hours = models.DecimalField("人均集中培训学时目标", max_digits=6, decimal_places=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "personnel"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "培训计划"
        verbose_name_plural = "培训计划"
        ordering = ["-year", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_training_plan_per_unit_year")]

    def __str__(self) -> str:
        return self.title


class TrainingSession(models.Model):
    """One training session held by a unit (the agency's sessions are district-wide)."""

    class Method(models.TextChoices):
        STATUTE_STUDY = "statute_study", rules.METHOD_LABELS["statute_study"]
        EXPERT_LECTURE = "expert_lecture", rules.METHOD_LABELS["expert_lecture"]
        CASE_STUDY = "case_study", rules.METHOD_LABELS["case_study"]
        COURT_HEARING = "court_hearing", rules.METHOD_LABELS["court_hearing"]
        EXAM = "exam", rules.METHOD_LABELS["exam"]
        OTHER = "other", rules.METHOD_LABELS["other"]

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="举办单位")
    plan = models.ForeignKey(TrainingPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="sessions")
    title = models.CharField("培训名称", max_length=120)
    method = models.CharField("培训方式", max_length=20, choices=Method.choices)
    held_on = models.DateField("培训日期")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    is_centralized = models.BooleanField("计入集中培训学时", default=True)
    location = models.CharField("地点", max_length=100, blank=True)
    lecturer = models.CharField("授课人", max_length=60, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "personnel"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "培训场次"
        verbose_name_plural = "培训场次"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["held_on"], name="training_session_date_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=24), name="training_session_hours_range"),
        ]

    def __str__(self) -> str:
        return self.title


class TrainingAttendance(models.Model):
    """Hours one person (officer or auxiliary staff) earned at a session."""

    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="attendances")
    officer = models.ForeignKey("personnel.Officer", on_delete=models.PROTECT, related_name="attendances")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "personnel"
    scope_unit_field = "officer__unit"
    scope_self_field = "officer__user"

    class Meta:
        verbose_name = "培训学时"
        verbose_name_plural = "培训学时"
        ordering = ["session_id", "officer_id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "officer"], name="attendance_once_per_session"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="attendance_hours_positive"),
        ]
        indexes = [models.Index(fields=["officer", "session"], name="attendance_officer_idx")]
