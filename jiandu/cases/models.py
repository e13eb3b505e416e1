"""Enforcement cases under full-process supervision (R-CAS-1…10).

Tables other apps build on — keep these names stable:

- ``Case``: one penalty, coercion, licensing or inspection matter of a unit, with its lifecycle
  ``status`` (transition tables in ``cases.rules``), key dates, amounts and supervision flags.
- ``CaseParty``, ``CaseOfficer``: who the case is against, and which officers act in it.
- ``CaseStep``: every lifecycle event (the timeline), with the officers present on its date.
- ``CaseDeadline``, ``CasePause``: statutory deadlines per step, and pauses that stop the clock.
- ``LegalReview``: the written legal review opinion (法制审核意见) with the automatic checks.
- ``Evidence``: the full-process record (files with SHA-256), frozen after the decision.
- ``Disclosure``: the masked public record of a decision (行政执法公示) and its withdrawal.
- ``PostEvaluation``: evaluation of a major decision after implementation (执法后评估).
- ``Challenge``: reconsideration and litigation outcomes (行政复议 / 行政诉讼).
- ``ImportBatch``: one bulk intake from another system (R-CAS-10).

State changes go through ``cases.services`` only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jiandu.core.scope import ScopedQuerySet


class Case(models.Model):
    class Kind(models.TextChoices):
        PENALTY = "penalty", "行政处罚"
        COERCION = "coercion", "行政强制"
        LICENSING = "licensing", "行政许可"
        INSPECTION = "inspection", "行政检查"

    class Procedure(models.TextChoices):
        SIMPLE = "simple", "简易程序"  # 当场作出决定（行政处罚法 第51、52条）
        GENERAL = "general", "普通程序"

    class Status(models.TextChoices):
        FILED = "filed", "已立案"  # penalty, coercion, inspection start here
        ACCEPTED = "accepted", "已受理"  # licensing starts here
        INVESTIGATING = "investigating", "调查取证"
        EXAMINING = "examining", "审查"  # licensing: examining the application
        INSPECTING = "inspecting", "检查实施"
        NOTIFIED = "notified", "已告知"  # 事先告知：拟处罚内容及陈述、申辩、听证权利
        HEARING = "hearing", "听证"
        LEGAL_REVIEW = "legal_review", "法制审核"
        DECIDED = "decided", "已决定"
        SERVED = "served", "已送达"
        EXECUTING = "executing", "执行中"
        CLOSED = "closed", "已结案"
        TERMINATED = "terminated", "已终止"  # 撤销立案 / 终止调查 / 申请撤回

    # Named sets used by selectors and the sweep.
    OPEN = (
        Status.FILED, Status.ACCEPTED, Status.INVESTIGATING, Status.EXAMINING, Status.INSPECTING,
        Status.NOTIFIED, Status.HEARING, Status.LEGAL_REVIEW, Status.DECIDED, Status.SERVED, Status.EXECUTING,
    )
    BEFORE_DECISION = (
        Status.FILED, Status.ACCEPTED, Status.INVESTIGATING, Status.EXAMINING, Status.INSPECTING,
        Status.NOTIFIED, Status.HEARING, Status.LEGAL_REVIEW,
    )
    FINISHED = (Status.CLOSED, Status.TERMINATED)

    class PartyKind(models.TextChoices):
        PERSON = "person", "自然人"
        ORGANISATION = "organisation", "法人或其他组织"

    class Outcome(models.TextChoices):
        PENALIZED = "penalized", "给予行政处罚"
        NO_PENALTY = "no_penalty", "不予行政处罚"
        COERCION_APPLIED = "coercion_applied", "采取行政强制措施"
        LICENSED = "licensed", "准予行政许可"
        LICENCE_REFUSED = "licence_refused", "不予行政许可"
        NO_VIOLATION = "no_violation", "未发现违法行为"
        RECTIFICATION_ORDERED = "rectification_ordered", "责令改正"
        TERMINATED = "terminated", "终止办理"
        TRANSFERRED = "transferred", "移送司法机关"

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="cases", verbose_name="办案单位")
    number = models.CharField("案件编号", max_length=80, unique=True)
    kind = models.CharField("案件类别", max_length=20, choices=Kind.choices)
    item = models.ForeignKey(
        "standards.EnforcementItem", on_delete=models.PROTECT, related_name="cases", verbose_name="执法事项"
    )
    procedure = models.CharField("程序", max_length=10, choices=Procedure.choices, default=Procedure.GENERAL)
    is_major = models.BooleanField("重大执法决定", default=False)
    status = models.CharField("状态", max_length=20, choices=Status.choices)
    title = models.CharField("案由", max_length=200)
    facts = models.TextField("违法事实 / 申请事项", blank=True)
    party_kind = models.CharField("当事人类型", max_length=20, choices=PartyKind.choices, default=PartyKind.ORGANISATION)
    party_name = models.CharField("当事人", max_length=200, blank=True, help_text="首个当事人名称（列表显示用）")

    filed_on = models.DateField("立案（受理）日期")
    violation_ended_on = models.DateField("违法行为终了日期", null=True, blank=True)
    discovered_on = models.DateField("发现日期", null=True, blank=True)
    harm_to_life_or_finance = models.BooleanField(
        "涉及生命健康安全、金融安全且有危害后果", default=False, help_text="行政处罚法第36条：追责期限延长至五年"
    )
    hearing_rights_notified_on = models.DateField("告知听证权利日期", null=True, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)

    outcome = models.CharField("处理结果", max_length=30, choices=Outcome.choices, blank=True)
    penalties = models.JSONField("处罚种类", default=list, blank=True, help_text="cases.rules.PENALTY_KINDS 的取值")
    circumstance = models.CharField("裁量情节", max_length=60, blank=True)
    fine_amount = models.DecimalField("罚款金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    confiscated_amount = models.DecimalField("没收金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    illegal_gain = models.DecimalField("违法所得（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    goods_value = models.DecimalField("涉案货值（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    decision_number = models.CharField("决定书文号", max_length=80, blank=True)
    decision_text = models.TextField("决定内容", blank=True)
    legal_basis = models.TextField("法律依据", blank=True)

    # The nearest open deadline, kept by the services and the sweep: "my deadlines" and the list.
    next_due_on = models.DateField("最近期限", null=True, blank=True)
    # Supervision flags, set by services and the sweep with compare-and-swap updates.
    is_overdue = models.BooleanField("超期", default=False)
    officer_flag = models.BooleanField("执法人员资格异常", default=False)
    benchmark_flag = models.BooleanField("罚款超出裁量基准", default=False)
    disclosure_flag = models.BooleanField("公示超期或缺失", default=False)
    evidence_flag = models.BooleanField("证据校验异常", default=False)

    source_system = models.CharField("来源系统", max_length=40, blank=True)
    source_number = models.CharField("来源系统案件编号", max_length=80, blank=True)
    import_batch = models.ForeignKey(
        "cases.ImportBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    scope_area = "cases"
    scope_unit_field = "unit"
    scope_self_field = "assignments__officer__user"

    class Meta:
        verbose_name = "执法案件"
        verbose_name_plural = "执法案件"
        ordering = ["-filed_on", "-id"]
        indexes = [
            # Keyset pages of the agency's list (newest first), unfiltered and by each filter.
            models.Index(fields=["-filed_on", "-id"], name="case_filed_idx"),
            models.Index(fields=["unit", "-filed_on", "-id"], name="case_unit_filed_idx"),
            models.Index(fields=["status", "-filed_on", "-id"], name="case_status_filed_idx"),
            models.Index(fields=["kind", "-filed_on", "-id"], name="case_kind_filed_idx"),
            models.Index(fields=["-filed_on", "-id"], condition=Q(is_overdue=True), name="case_overdue_idx"),
            models.Index(
                fields=["-filed_on", "-id"],
                condition=Q(officer_flag=True) | Q(benchmark_flag=True) | Q(disclosure_flag=True) | Q(evidence_flag=True),
                name="case_flagged_idx",
            ),
            # Case-file review and statistics: a unit's decisions of a year by kind.
            models.Index(fields=["unit", "kind", "decided_on"], name="case_unit_kind_decided_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_system", "source_number"], condition=~Q(source_system=""), name="case_source_unique"
            ),
            models.CheckConstraint(condition=Q(fine_amount__isnull=True) | Q(fine_amount__gte=0), name="case_fine_not_negative"),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("filed_on")),
                name="case_decided_after_filed",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["penalty", "coercion", "licensing", "inspection"]), name="case_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def flags(self) -> list[str]:
        labels = []
        for field in ("is_overdue", "officer_flag", "benchmark_flag", "disclosure_flag", "evidence_flag"):
            if getattr(self, field):
                labels.append(self._meta.get_field(field).verbose_name)
        return labels


class CaseParty(models.Model):
    """A party (当事人 / 申请人 / 被检查人). Personal data of persons is masked on public pages."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    kind = models.CharField("类型", max_length=20, choices=Case.PartyKind.choices)
    name = models.CharField("名称或姓名", max_length=200)
    id_number = models.CharField("身份证号 / 统一社会信用代码", max_length=30, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    address = models.CharField("住所或地址", max_length=200, blank=True)
    legal_representative = models.CharField("法定代表人（负责人）", max_length=40, blank=True)

    scope_area = "cases"
    scope_unit_field = "case__unit"

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return self.name


class CaseOfficer(models.Model):
    """An officer assigned to a case (R-CAS-3). ``flagged_reason`` is set when the officer's
    certificate stops being valid while the case is open."""

    class Role(models.TextChoices):
        LEAD = "lead", "主办"
        ASSIST = "assist", "协办"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    officer = models.ForeignKey("personnel.Officer", on_delete=models.PROTECT, related_name="case_assignments")
    role = models.CharField("分工", max_length=10, choices=Role.choices, default=Role.ASSIST)
    assigned_on = models.DateField("指派日期")
    released_on = models.DateField("调离日期", null=True, blank=True)
    flagged_reason = models.CharField("资格异常", max_length=200, blank=True)

    scope_area = "cases"
    scope_unit_field = "case__unit"

    class Meta:
        verbose_name = "承办人员"
        verbose_name_plural = "承办人员"
        ordering = ["case_id", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "officer"], name="case_officer_once")]
        indexes = [models.Index(fields=["officer", "case"], name="case_officer_officer_idx")]


class CaseStep(models.Model):
    """One lifecycle event of a case (the timeline). Never edited: a correction is a new step."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField("环节", max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    occurred_on = models.DateField("发生日期")
    officer_ids = models.JSONField("在场执法人员", default=list, blank=True)
    note = models.TextField("说明", blank=True)
    data = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    scope_area = "cases"
    scope_unit_field = "case__unit"

    class Meta:
        verbose_name = "办案环节"
        verbose_name_plural = "办案环节"
        ordering = ["case_id", "occurred_on", "id"]
        indexes = [models.Index(fields=["case", "id"], name="case_step_case_idx")]


class CaseDeadline(models.Model):
    """A statutory deadline of one step. ``due_on`` is NULL while a pause stops its clock."""

    class Kind(models.TextChoices):
        DECISION = "decision", "作出处罚决定"
        HEARING_REQUEST = "hearing_request", "当事人申请听证"
        SERVICE = "service", "送达决定书"
        PAYMENT = "payment", "缴纳罚款"
        DISCLOSURE = "disclosure", "公示决定"
        WITHDRAWAL = "withdrawal", "撤回公示"
        COERCION_TERM = "coercion_term", "查封扣押期限"
        LICENSING_DECISION = "licensing_decision", "作出许可决定"
        LICENCE_ISSUE = "licence_issue", "颁发送达许可证件"
        INSPECTION = "inspection", "作出检查结论"
        POST_EVALUATION = "post_evaluation", "执法后评估"

    class Status(models.TextChoices):
        OPEN = "open", "进行中"
        OVERDUE = "overdue", "已超期"
        DONE = "done", "已完成"
        CANCELLED = "cancelled", "已取消"

    ACTIVE = (Status.OPEN, Status.OVERDUE)

    class Counting(models.TextChoices):
        CALENDAR = "calendar", "自然日"
        WORKING = "working", "工作日"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField("期限", max_length=30, choices=Kind.choices)
    starts_on = models.DateField("起算日")
    days = models.PositiveIntegerField("期限天数")
    counting = models.CharField("计算方式", max_length=10, choices=Counting.choices)
    extension_days = models.PositiveIntegerField("延长天数", default=0)
    pausable = models.BooleanField("中止计算", default=False, help_text="听证、检测、鉴定等期间不计入")
    due_on = models.DateField("届满日", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField("完成日期", null=True, blank=True)
    legal_reference = models.CharField("依据", max_length=200)
    note = models.CharField("说明", max_length=200, blank=True)

    scope_area = "cases"
    scope_unit_field = "case__unit"

    class Meta:
        verbose_name = "办案期限"
        verbose_name_plural = "办案期限"
        ordering = ["case_id", "due_on", "id"]
        indexes = [
            # The sweep: active deadlines by due date.
            models.Index(fields=["due_on", "id"], condition=Q(status__in=["open", "overdue"]), name="deadline_active_idx"),
            models.Index(fields=["case", "kind"], name="deadline_case_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on or '（中止计算）'}"

    @property
    def is_late(self) -> bool:
        return bool(self.done_on and self.due_on and self.done_on > self.due_on)


class CasePause(models.Model):
    """A period that does not count toward the case's pausable deadlines (听证、检测、检验、鉴定…).
    Days from ``started_on`` to ``ended_on`` inclusive are excluded; an open pause stops the clock."""

    class Reason(models.TextChoices):
        HEARING = "hearing", "听证"
        TESTING = "testing", "检测、检验、检疫"
        APPRAISAL = "appraisal", "鉴定"
        EXPERT_REVIEW = "expert_review", "专家评审"
        OTHER = "other", "其他法定事由"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField("事由", max_length=20, choices=Reason.choices)
    started_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    scope_area = "cases"
    scope_unit_field = "case__unit"

    class Meta:
        verbose_name = "期限中止"
        verbose_name_plural = "期限中止"
        ordering = ["case_id", "started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")), name="pause_dates_ordered"
            ),
        ]


class LegalReview(models.Model):
    """A request for legal review and, once given, the written opinion (法制审核意见, R-CAS-4/5).

    ``checks`` holds the automatic checks run at review (benchmark tier, four lists, limitation,
    hearing rights…), each ``{"code", "label", "ok", "level", "reason"}``.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        DONE = "done", "已出具意见"

    class Conclusion(models.TextChoices):
        APPROVED = "approved", "同意"
        REVISE = "revise", "退回补正"
        REJECTED = "rejected", "不同意"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="legal_reviews")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_on = models.DateField("送审日期")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_penalties = models.JSONField("拟处罚种类", default=list, blank=True)
    proposed_fine = models.DecimalField("拟罚款金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    circumstance = models.CharField("裁量情节", max_length=60, blank=True)
    submission_note = models.TextField("送审说明", blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reviewer_staff = models.ForeignKey(
        "organization.LegalStaff", null=True, blank=True, on_delete=models.PROTECT, related_name="legal_reviews"
    )
    conclusion = models.CharField("审核结论", max_length=10, choices=Conclusion.choices, blank=True)
    opinion = models.TextField("审核意见", blank=True)
    reviewed_on = models.DateField("审核日期", null=True, blank=True)
    checks = models.JSONField("自动校验", default=list, blank=True)
    outside_benchmark = models.BooleanField("罚款超出裁量基准", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_area = "cases"
    scope_unit_field = "case__unit"

    class Meta:
        verbose_name = "法制审核"
        verbose_name_plural = "法制审核"
        ordering = ["case_id", "id"]
        indexes = [models.Index(fields=["status", "requested_on"], name="legal_review_queue_idx")]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(status="pending"), name="legal_review_one_pending"),
            models.CheckConstraint(
                condition=Q(status="pending") | (~Q(opinion="") & ~Q(conclusion="") & Q(reviewer__isnull=False)),
                name="legal_review_done_has_written_opinion",
            ),
        ]


class Evidence(models.Model):
    """One file of the full-process record (R-CAS-6), stored through Django's storage with its
    SHA-256. After the case's decision, files can be added but never altered or removed."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", "文书材料"
        PHOTO = "photo", "照片"
        AUDIO = "audio", "录音"
        VIDEO = "video", "录像"
        OTHER = "other", "其他"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    title = models.CharField("名称", max_length=200)
    file = models.FileField("文件", upload_to="cases/evidence/%Y/%m/", max_length=255)
    original_name = models.CharField("原文件名", max_length=255)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.BigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    collected_on = models.DateField("采集日期", null=True, blank=True)
    added_after_decision = models.BooleanField("决定后补充", default=False)
    removed_at = models.DateTimeField("撤回时间", null=True, blank=True)
    removed_reason = models.CharField("撤回原因", max_length=200, blank=True)
    verified_at = models.DateTimeField("最近校验时间", null=True, blank=True)
    verified_ok = models.BooleanField("校验通过", null=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    scope_area = "cases"
    scope_unit_field = "case__unit"

    class Meta:
        verbose_name = "执法全过程记录"
        verbose_name_plural = "执法全过程记录"
        ordering = ["case_id", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="evidence_sha256_hex"),
        ]

    def __str__(self) -> str:
        return self.title


class Disclosure(models.Model):
    """The public record of a decision (行政执法公示, R-CAS-7). Its text is masked when stored,
    so the public pages and the open-data file never read a party's raw personal data."""

    class Status(models.TextChoices):
        PENDING = "pending", "待公示"
        PUBLISHED = "published", "已公示"
        WITHDRAWN = "withdrawn", "已撤回"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="disclosures")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    due_on = models.DateField("公示期限", null=True, blank=True)
    published_on = models.DateField("公示日期", null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    is_late = models.BooleanField("超期公示", default=False)
    # Masked snapshot shown to the public.
    title = models.CharField("标题", max_length=200, blank=True)
    unit_name = models.CharField("执法机关", max_length=100, blank=True)
    kind = models.CharField("类别", max_length=20, choices=Case.Kind.choices)
    decision_number = models.CharField("决定书文号", max_length=80, blank=True)
    party_display = models.CharField("当事人（已脱敏）", max_length=300, blank=True)
    facts = models.TextField("主要违法事实（已脱敏）", blank=True)
    decision_text = models.TextField("处理决定（已脱敏）", blank=True)
    legal_basis = models.TextField("依据", blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    withdraw_due_on = models.DateField("撤回期限", null=True, blank=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdraw_reason = models.CharField("撤回原因", max_length=300, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    scope_area = "cases"
    scope_unit_field = "case__unit"

    class Meta:
        verbose_name = "行政执法公示"
        verbose_name_plural = "行政执法公示"
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["-published_on", "-id"], condition=Q(status="published"), name="disclosure_public_idx"),
            models.Index(fields=["status", "due_on"], name="disclosure_status_due_idx"),
        ]


class PostEvaluation(models.Model):
    """Evaluation of a major decision after implementation, tracked until the written opinion is
    filed (执法后评估, R-CAS-8)."""

    class Status(models.TextChoices):
        PENDING = "pending", "待评估"
        DONE = "done", "已评估"

    class Rating(models.TextChoices):
        GOOD = "good", "效果良好"
        FAIR = "fair", "基本达到预期"
        POOR = "poor", "效果不佳，需改进"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="post_evaluation")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    due_on = models.DateField("评估期限")
    rating = models.CharField("评估结论", max_length=10, choices=Rating.choices, blank=True)
    opinion = models.TextField("书面评估意见", blank=True)
    evaluated_on = models.DateField("评估日期", null=True, blank=True)
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    scope_area = "cases"
    scope_unit_field = "case__unit"

    class Meta:
        verbose_name = "执法后评估"
        verbose_name_plural = "执法后评估"
        constraints = [
            models.CheckConstraint(condition=Q(status="pending") | ~Q(opinion=""), name="post_evaluation_done_has_opinion"),
        ]


class Challenge(models.Model):
    """A reconsideration (行政复议) or litigation (行政诉讼) against a case's decision and its
    outcome (R-CAS-9). Corrections (撤销, 变更, 确认违法, 责令履行) feed the correction rate."""

    class Kind(models.TextChoices):
        RECONSIDERATION = "reconsideration", "行政复议"
        LITIGATION = "litigation", "行政诉讼"

    class Outcome(models.TextChoices):
        UPHELD = "upheld", "维持"
        REVOKED = "revoked", "撤销"
        CHANGED = "changed", "变更"
        CONFIRMED_ILLEGAL = "confirmed_illegal", "确认违法"
        ORDERED_TO_ACT = "ordered_to_act", "责令履行"
        DISMISSED = "dismissed", "驳回"
        WITHDRAWN = "withdrawn", "撤回或终止"
        MEDIATED = "mediated", "调解结案"

    CORRECTIONS = (Outcome.REVOKED, Outcome.CHANGED, Outcome.CONFIRMED_ILLEGAL, Outcome.ORDERED_TO_ACT)

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="challenges")
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    body = models.CharField("复议机关 / 审理法院", max_length=100)
    filed_on = models.DateField("申请（起诉）日期")
    reference = models.CharField("案号", max_length=80, blank=True)
    outcome = models.CharField("结果", max_length=20, choices=Outcome.choices, blank=True)
    decided_on = models.DateField("决定（判决）日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_area = "cases"
    scope_unit_field = "case__unit"

    class Meta:
        verbose_name = "行政复议与行政诉讼"
        verbose_name_plural = "行政复议与行政诉讼"
        ordering = ["case_id", "filed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="") | Q(decided_on__isnull=False), name="challenge_outcome_has_date"
            ),
        ]

    @property
    def is_correction(self) -> bool:
        return self.outcome in self.CORRECTIONS


class ImportBatch(models.Model):
    """One bulk intake of cases from another system (R-CAS-10): all rows or none."""

    class Channel(models.TextChoices):
        EXCEL = "excel", "Excel 文件"
        API = "api", "接口"

    class Status(models.TextChoices):
        RUNNING = "running", "导入中"
        SUCCEEDED = "succeeded", "已导入"
        FAILED = "failed", "未导入（有错误）"

    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="导入单位")
    source_system = models.CharField("来源系统", max_length=40)
    channel = models.CharField("方式", max_length=10, choices=Channel.choices)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.RUNNING)
    digest = models.CharField("批次摘要（SHA-256）", max_length=64)
    total_rows = models.PositiveIntegerField("行数", default=0)
    created_count = models.PositiveIntegerField("新建", default=0)
    skipped_count = models.PositiveIntegerField("已存在（跳过）", default=0)
    errors = models.JSONField("错误报告", null=True, blank=True)
    job = models.ForeignKey("core.BackgroundJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField("耗时（秒）", null=True, blank=True)

    scope_area = "cases"
    scope_unit_field = "unit"

    class Meta:
        verbose_name = "案件导入批次"
        verbose_name_plural = "案件导入批次"
        ordering = ["-created_at", "-id"]
