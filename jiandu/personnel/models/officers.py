"""Enforcement officers and their certificates (R-PER-1, R-PER-4).

These are the tables other apps rely on: ``cases`` assigns officers and asks whether their
certificate was valid on a date (``personnel.selectors.officers_certified_on``). Applications,
reviews, sanctions, assessments, training and tests live in the modules beside this one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jiandu.core.scope import ScopedQuerySet


class Officer(models.Model):
    """A person in a unit's enforcement team: an officer (may hold a certificate) or auxiliary staff
    (trained, never certified)."""

    class Category(models.TextChoices):
        OFFICER = "officer", "行政执法人员"
        AUXILIARY = "auxiliary", "行政执法辅助人员"

    class Status(models.TextChoices):
        ACTIVE = "active", "在岗"
        OFF_POST = "off_post", "已调离执法岗位"
        LEFT = "left", "已离职或退休"

    class Gender(models.TextChoices):
        MALE = "M", "男"
        FEMALE = "F", "女"

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="officers", verbose_name="所在单位")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="officer",
        verbose_name="登录账号",
    )
    name = models.CharField("姓名", max_length=40)
    gender = models.CharField("性别", max_length=1, choices=Gender.choices)
    id_number = models.CharField("身份证号", max_length=18, unique=True)
    phone = models.CharField("手机号", max_length=20, blank=True)
    category = models.CharField("人员类别", max_length=20, choices=Category.choices, default=Category.OFFICER)
    post = models.CharField("岗位", max_length=60)
    is_enforcement_post = models.BooleanField("执法岗位", default=True)
    on_establishment = models.BooleanField("在编", default=True)
    fiscally_funded = models.BooleanField("财政供给", default=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.ACTIVE)
    joined_on = models.DateField("入职日期", null=True, blank=True)
    left_on = models.DateField("离职日期", null=True, blank=True)
    qualification_cancelled_on = models.DateField(
        "执法资格取消日期", null=True, blank=True, help_text="执法证被收回、执法资格被取消的日期（R-PER-7）"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "personnel"
    scope_unit_field = "unit"
    scope_self_field = "user"

    class Meta:
        verbose_name = "执法人员"
        verbose_name_plural = "执法人员"
        ordering = ["unit_id", "name", "id"]
        indexes = [models.Index(fields=["unit", "status"], name="officer_unit_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(id_number__regex=r"^[0-9]{17}[0-9X]$"), name="officer_id_number_format"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PostHistory(models.Model):
    """Where and in which post an officer served, and when (R-PER-1)."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="post_history")
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+")
    post = models.CharField("岗位", max_length=60)
    is_enforcement_post = models.BooleanField("执法岗位")
    started_on = models.DateField("起始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    reason = models.CharField("变动原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "岗位履历"
        verbose_name_plural = "岗位履历"
        ordering = ["officer_id", "started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="post_history_dates_ordered",
            ),
        ]


class Certificate(models.Model):
    """An enforcement certificate (行政执法证). Its status changes only through
    ``personnel.services`` (suspend, return, revoke, cancel), each change a ``CertificateEvent``."""

    class Status(models.TextChoices):
        VALID = "valid", "有效"
        SUSPENDED = "suspended", "暂扣"
        REVOKED = "revoked", "收回"
        CANCELLED = "cancelled", "注销"

    # A certificate in one of these states still belongs to the officer's current qualification.
    LIVE = (Status.VALID, Status.SUSPENDED)

    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="certificates")
    number = models.CharField("证件编号", max_length=40, unique=True)
    issuer = models.CharField("发证机关", max_length=60, default="湖北省人民政府")
    enforcement_domain = models.CharField("执法类别", max_length=60, blank=True)
    issued_on = models.DateField("发证日期")
    valid_until = models.DateField("有效期至")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.VALID)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "personnel"
    scope_unit_field = "officer__unit"
    scope_self_field = "officer__user"

    class Meta:
        verbose_name = "行政执法证"
        verbose_name_plural = "行政执法证"
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer"], condition=Q(status__in=["valid", "suspended"]), name="one_live_certificate_per_officer"
            ),
            models.CheckConstraint(condition=Q(valid_until__gt=models.F("issued_on")), name="certificate_validity_after_issue"),
        ]

    def __str__(self) -> str:
        return self.number


class CertificateEvent(models.Model):
    """One transition of a certificate: issue, suspend (暂扣), return (发还), revoke (收回), cancel (注销).

    The status of a certificate on any past date is replayed from these events
    (``personnel.rules.certificate_status_on``), so a case step can be checked against the
    certificate as it was on the step's date.
    """

    class Action(models.TextChoices):
        ISSUE = "issue", "发证"
        SUSPEND = "suspend", "暂扣"
        RETURN = "return", "发还"
        REVOKE = "revoke", "收回"
        CANCEL = "cancel", "注销"

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="events")
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    effective_on = models.DateField("生效日期")
    reason = models.TextField("原因")
    legal_basis = models.CharField("依据", max_length=255, blank=True)
    ground = models.CharField(
        "事由代码", max_length=40, blank=True, help_text="暂扣事由或收回情形（personnel.rules 中的代码）"
    )
    document = models.ForeignKey("core.OfficialDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "执法证变动"
        verbose_name_plural = "执法证变动"
        ordering = ["certificate_id", "effective_on", "id"]
        indexes = [models.Index(fields=["certificate", "effective_on"], name="cert_event_on_idx")]
