"""Legal advisors (法律顾问, R-STD-3, plan §二(三)3): who advises each unit, under which contract,
and the work ledger that shows the advisor is "真聘真用、真顾真问"."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from jiandu.core.scope import ScopedQuerySet


class LegalAdvisor(models.Model):
    class OrgKind(models.TextChoices):
        LAW_FIRM = "law_firm", "律师事务所"
        LEGAL_SERVICE_OFFICE = "legal_service_office", "法律服务所"
        OTHER = "other", "其他公共法律服务机构"

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="legal_advisors", verbose_name="聘用单位")
    org_kind = models.CharField("机构类型", max_length=30, choices=OrgKind.choices)
    org_name = models.CharField("机构名称", max_length=100)
    person_name = models.CharField("顾问姓名", max_length=40)
    license_number = models.CharField("执业证号", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    is_active = models.BooleanField("在聘", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "standards"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "法律顾问"
        verbose_name_plural = "法律顾问"
        ordering = ["unit_id", "-is_active", "id"]

    def __str__(self) -> str:
        return f"{self.person_name}（{self.org_name}）"


class AdvisorContract(models.Model):
    advisor = models.ForeignKey(LegalAdvisor, on_delete=models.PROTECT, related_name="contracts")
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+")
    contract_number = models.CharField("合同编号", max_length=60, blank=True)
    signed_on = models.DateField("签订日期")
    starts_on = models.DateField("服务期起")
    ends_on = models.DateField("服务期止")
    scope = models.TextField("服务范围")
    fee = models.DecimalField("服务费（元/年）", max_digits=14, decimal_places=2, null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "standards"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "法律顾问合同"
        verbose_name_plural = "法律顾问合同"
        ordering = ["advisor_id", "-ends_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="advisor_contract_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.advisor} {self.starts_on}–{self.ends_on}"


class AdvisorWork(models.Model):
    class Kind(models.TextChoices):
        REVIEW = "review", "法制审查"
        CONSULTATION = "consultation", "法律咨询"
        MEDIATION = "mediation", "调处矛盾纠纷"
        REPRESENTATION = "representation", "代理涉法事务"

    advisor = models.ForeignKey(LegalAdvisor, on_delete=models.PROTECT, related_name="work")
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("工作类别", max_length=20, choices=Kind.choices)
    occurred_on = models.DateField("日期")
    subject = models.CharField("事项", max_length=200)
    outcome = models.TextField("工作情况与意见", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "standards"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "法律顾问工作台账"
        verbose_name_plural = "法律顾问工作台账"
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject}"
