"""Units, legal bodies, users and their roles (R-ORG)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q

from jiandu.organization.roles import Role


class Unit(models.Model):
    """A node of the unit tree: a government (jurisdiction), the agency, a department, a township…

    ``path`` is the materialized path (``/1/5/23/``) so that "this unit and below" is one indexed
    prefix query. It is maintained by ``organization.services`` whenever the tree changes.
    """

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "人民政府"  # a jurisdiction: province, city or district
        AGENCY = "agency", "行政执法监督机构"
        DEPARTMENT = "department", "区直部门"
        TOWNSHIP = "township", "乡镇人民政府"
        EXTERNAL = "external", "其他机关"

    class Level(models.TextChoices):
        PROVINCE = "province", "省级"
        CITY = "city", "市级"
        DISTRICT = "district", "区（县）级"
        TOWNSHIP = "township", "乡镇级"

    class ReviewSeat(models.TextChoices):
        """Which signature of the certificate qualification review this unit gives (R-PER-3)."""

        AGENCY = "agency", "区行政执法监督机构"
        ESTABLISHMENT = "establishment", "区委编办"
        FINANCE = "finance", "区财政局"
        CITY = "city", "市司法局"
        PROVINCE = "province", "省司法厅"

    class LiaisonKind(models.TextChoices):
        DISCIPLINE = "discipline", "纪检监察"
        POLICE = "police", "公安机关"
        PROCURATORATE = "procuratorate", "检察院"
        SAFETY_OFFICE = "safety_office", "平安办"

    name = models.CharField("单位名称", max_length=100)
    short_name = models.CharField("简称", max_length=40, blank=True)
    code = models.CharField("单位编码", max_length=40, unique=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    level = models.CharField("层级", max_length=20, choices=Level.choices, default=Level.DISTRICT)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    is_enforcement_unit = models.BooleanField("行政执法单位", default=False)
    is_key_department = models.BooleanField("重点执法部门（§二(三)7）", default=False)
    review_seat = models.CharField(
        "资格审查席位", max_length=20, choices=ReviewSeat.choices, blank=True, default=""
    )
    liaison_kind = models.CharField("衔接机关类型", max_length=20, choices=LiaisonKind.choices, blank=True, default="")
    doc_prefix = models.CharField("发文字号前缀", max_length=20, blank=True, help_text="如：华司执监")
    domain = models.CharField(
        "执法领域", max_length=40, blank=True, help_text="如：市场监管、生态环保；四张清单的禁止领域按此判断"
    )
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    scope_area = "organization"
    scope_unit_field = ""

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="unit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to this unit, read off the materialized path."""
        return [int(p) for p in self.path.strip("/").split("/") if p]

    def jurisdiction(self) -> Unit | None:
        """The nearest government unit at or above this one: the 'all' of a supervision agency."""
        if self.kind == Unit.Kind.GOVERNMENT:
            return self
        governments = Unit.objects.filter(id__in=self.ancestor_ids(), kind=Unit.Kind.GOVERNMENT)
        return governments.order_by("-depth").first()


class LegalBody(models.Model):
    """A unit's legal-supervision body (法制监督机构); a township's is its 司法所 (R-ORG-2, R-ORG-4)."""

    class Duty(models.TextChoices):
        TEAM_MANAGEMENT = "team_management", "行政执法队伍管理"
        SUPERVISION = "supervision", "行政执法监督"
        LEGAL_REVIEW = "legal_review", "法制审核"
        RECONSIDERATION_LITIGATION = "reconsideration_litigation", "代理行政复议应诉"
        COMPLAINT_HANDLING = "complaint_handling", "受理涉行政执法投诉举报"
        RULE_OF_LAW = "rule_of_law", "法治政府建设"

    unit = models.OneToOneField(Unit, on_delete=models.PROTECT, related_name="legal_body")
    name = models.CharField("机构名称", max_length=100)
    duties = models.JSONField("职责", default=list, help_text="LegalBody.Duty 的取值列表")
    established_on = models.DateField("设立日期", null=True, blank=True)

    scope_area = "organization"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "法制监督机构"
        verbose_name_plural = "法制监督机构"

    def __str__(self) -> str:
        return self.name

    def duty_labels(self) -> list[str]:
        labels = dict(LegalBody.Duty.choices)
        return [labels.get(d, d) for d in self.duties]


class LegalStaff(models.Model):
    """A named member of a legal body. ``has_legal_qualification`` is 法律职业资格 (art. 58)."""

    legal_body = models.ForeignKey(LegalBody, on_delete=models.PROTECT, related_name="staff")
    user = models.OneToOneField(
        "organization.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="legal_staff"
    )
    name = models.CharField("姓名", max_length=40)
    position = models.CharField("职务", max_length=40, blank=True)
    is_full_time = models.BooleanField("专职", default=True)
    has_legal_qualification = models.BooleanField("具有法律职业资格", default=False)
    qualification_number = models.CharField("法律职业资格证书编号", max_length=40, blank=True)
    is_active = models.BooleanField("在岗", default=True)

    scope_area = "organization"
    scope_unit_field = "legal_body__unit"

    class Meta:
        verbose_name = "法制工作人员"
        verbose_name_plural = "法制工作人员"
        ordering = ["legal_body_id", "id"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in. Belongs to exactly one unit (R-ORG-1); roles grant scope (R-ORG-5)."""

    full_name = models.CharField("姓名", max_length=40, blank=True)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="users")
    phone = models.CharField("手机号", max_length=20, blank=True)
    failed_login_count = models.PositiveSmallIntegerField(default=0, editable=False)
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)
    totp_secret = models.CharField(max_length=64, blank=True, editable=False)
    totp_enabled_at = models.DateTimeField("启用双因素认证时间", null=True, blank=True, editable=False)
    totp_last_step = models.BigIntegerField(default=0, editable=False)  # a code is never accepted twice

    objects = UserManager()

    scope_area = "organization"
    scope_unit_field = "unit"
    scope_self_field = "id"

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @property
    def role_codes(self) -> frozenset[str]:
        # Cached per request object: roles are read by every scoped query.
        cached = getattr(self, "_role_codes", None)
        if cached is None:
            cached = frozenset(self.roles.values_list("role", flat=True)) if self.pk else frozenset()
            self._role_codes = cached
        return cached

    @property
    def has_second_factor(self) -> bool:
        return bool(self.totp_enabled_at and self.totp_secret)

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_codes.intersection(roles))


class UserRole(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField("角色", max_length=40, choices=Role.choices)

    class Meta:
        verbose_name = "用户角色"
        verbose_name_plural = "用户角色"
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="user_role_unique")]

    def __str__(self) -> str:
        return self.get_role_display()


class ApiToken(models.Model):
    """Bearer token for other systems (provincial platform, enforcement app). Only a hash is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("用途", max_length=60)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"

    def __str__(self) -> str:
        return self.name
