"""Forms of the case pages. They only parse input: every rule is in ``cases.services``/``rules``."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from jiandu.cases import contracts, rules
from jiandu.cases.models import Case, CaseOfficer, CasePause, Challenge, Evidence, LegalReview, PostEvaluation
from jiandu.core.forms import BootstrapForm, DateInput, bootstrap
from jiandu.personnel.models import Officer

PENALTY_CHOICES = list(rules.PENALTY_KINDS)
SERVICE_METHODS = [("直接送达", "直接送达"), ("邮寄送达", "邮寄送达"), ("留置送达", "留置送达"), ("电子送达", "电子送达（经当事人同意）"),
                   ("公告送达", "公告送达"), ("当场交付", "当场交付")]


class _GroupWrapperWithoutClass:
    """Django puts a check-box group's ``class`` on the group's wrapper ``<div>`` as well as on each
    input: a wrapper styled as a check box collapses the whole group to one character's width.
    The inputs keep the class; the wrapper does not."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"] = {k: v for k, v in context["widget"]["attrs"].items() if k != "class"}
        return context


class InlineCheckboxes(_GroupWrapperWithoutClass, forms.CheckboxSelectMultiple):
    pass


class InlineRadios(_GroupWrapperWithoutClass, forms.RadioSelect):
    pass


def certified_officers(unit):
    """Officers of ``unit`` who may be assigned today (the service checks again on the date)."""
    today = timezone.localdate()
    return (Officer.objects.filter(unit=unit, category=Officer.Category.OFFICER, status=Officer.Status.ACTIVE,
                                   certificates__status="valid", certificates__valid_until__gte=today)
            .distinct().order_by("name", "id"))


class OfficerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class CaseForm(BootstrapForm):
    kind = forms.ChoiceField(label="案件类别", choices=Case.Kind.choices)
    procedure = forms.ChoiceField(label="程序", choices=Case.Procedure.choices, initial=Case.Procedure.GENERAL,
                                  help_text="简易程序：违法事实确凿，对公民罚款200元以下、对法人或其他组织3000元以下或警告（行政处罚法第五十一条）")
    item = forms.ModelChoiceField(label="执法事项", queryset=None, help_text="本单位已公布的行政执法事项清单中的事项")
    title = forms.CharField(label="案由", max_length=200, widget=forms.TextInput(attrs={"col": "col-md-12"}))
    filed_on = forms.DateField(label="立案（受理）日期", widget=DateInput())
    is_major = forms.BooleanField(label="重大执法决定", required=False)
    officers = OfficerChoiceField(label="承办人员", queryset=Officer.objects.none(), widget=InlineCheckboxes,
                                  help_text="须持有效行政执法证；普通程序不少于两人")
    lead_officer = forms.ModelChoiceField(label="主办人员", queryset=Officer.objects.none(), required=False)
    party_kind = forms.ChoiceField(label="当事人类型", choices=Case.PartyKind.choices)
    party_name = forms.CharField(label="当事人名称或姓名", max_length=200)
    party_id_number = forms.CharField(label="身份证号 / 统一社会信用代码", max_length=30, required=False)
    party_phone = forms.CharField(label="联系电话", max_length=30, required=False)
    party_address = forms.CharField(label="住所或地址", max_length=200, required=False)
    party_legal_representative = forms.CharField(label="法定代表人（负责人）", max_length=40, required=False)
    facts = forms.CharField(label="违法事实 / 申请事项", required=False,
                            widget=forms.Textarea(attrs={"rows": 3, "col": "col-md-12"}))
    violation_ended_on = forms.DateField(label="违法行为终了日期", required=False, widget=DateInput(),
                                         help_text="用于核对追责期限（行政处罚法第三十六条）")
    discovered_on = forms.DateField(label="发现日期", required=False, widget=DateInput())
    harm_to_life_or_finance = forms.BooleanField(label="涉及生命健康安全、金融安全且有危害后果", required=False)

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = contracts.published_items(unit)
        self.fields["item"].label_from_instance = lambda i: f"{i.code} {i.name}（{i.get_kind_display()}）"
        officers = certified_officers(unit)
        self.fields["officers"].queryset = officers
        self.fields["lead_officer"].queryset = officers
        self.fields["filed_on"].initial = timezone.localdate()
        bootstrap(self)
        self.fields["officers"].widget.attrs["class"] = "form-check-input jd-checks"


def step_form(action: str, case: Case, data=None) -> forms.Form:
    """The form of one lifecycle step: the common fields plus those the action needs."""
    flow = rules.flow_of(case.kind, case.procedure)
    transition = rules.next_state(flow, case.status, action)
    form = forms.Form(data)
    f = form.fields
    f["occurred_on"] = forms.DateField(label="办理日期", widget=DateInput(), initial=timezone.localdate())
    if transition.enforcement:
        active = Officer.objects.filter(case_assignments__case=case, case_assignments__released_on__isnull=True).order_by("name")
        f["officer_ids"] = OfficerChoiceField(label="在场执法人员", queryset=active, widget=InlineCheckboxes,
                                              initial=list(active), help_text="须持有效执法证（按办理日期核验）")
    leaving_hearing = case.status == Case.Status.HEARING
    if action == "notify" and case.kind == "penalty":
        f["hearing_rights_notified"] = forms.BooleanField(label="已告知当事人有要求听证的权利", required=False)
        if case.procedure == "general":
            f["hearing_waived"] = forms.BooleanField(label="当事人书面放弃听证", required=False)
    if action == "request_hearing":
        f["hearing_notice_on"] = forms.DateField(label="听证通知送达日期", widget=DateInput())
        f["hearing_on"] = forms.DateField(label="举行听证日期", widget=DateInput(), help_text="应在听证的7个工作日前通知当事人")
        f["chair"] = forms.CharField(label="听证主持人", max_length=40, required=False, help_text="非本案调查人员")
    if action in ("submit_review", "decide") and leaving_hearing:
        f["hearing_held_on"] = forms.DateField(label="听证举行日期", widget=DateInput())
    if action == "submit_review" and case.kind == "penalty":
        f["proposed_penalties"] = forms.MultipleChoiceField(label="拟处罚种类", choices=PENALTY_CHOICES,
                                                            widget=InlineCheckboxes)
        f["proposed_fine"] = forms.DecimalField(label="拟罚款金额（元）", required=False, min_value=0, decimal_places=2)
        f["illegal_gain"] = forms.DecimalField(label="违法所得（元）", required=False, min_value=0, decimal_places=2,
                                               initial=case.illegal_gain, help_text="按违法所得倍数裁量的事项须填写")
        f["goods_value"] = forms.DecimalField(label="涉案货值（元）", required=False, min_value=0, decimal_places=2,
                                              initial=case.goods_value, help_text="按货值金额倍数裁量的事项须填写")
        tiers = contracts.benchmark_tiers(case.item)
        if tiers:
            f["circumstance"] = forms.ChoiceField(label="裁量情节", choices=[("", "请选择")] + [(t, t) for t in tiers],
                                                  required=False, initial=case.circumstance)
        else:
            f["circumstance"] = forms.CharField(label="裁量情节", max_length=60, required=False, initial=case.circumstance,
                                                help_text="该事项未发布裁量基准")
    if action == "submit_review":
        f["submission_note"] = forms.CharField(label="送审说明", required=False, widget=forms.Textarea(attrs={"rows": 3, "col": "col-md-12"}))
    if action == "decide":
        outcomes = {"penalty": ["penalized", "no_penalty"], "coercion": ["coercion_applied"],
                    "licensing": ["licensed", "licence_refused"], "inspection": ["no_violation", "rectification_ordered"]}[case.kind]
        f["outcome"] = forms.ChoiceField(label="处理结果", choices=[(o, Case.Outcome(o).label) for o in outcomes])
        if case.kind == "penalty":
            review = case.legal_reviews.filter(status=LegalReview.Status.DONE).order_by("-id").first()
            f["penalties"] = forms.MultipleChoiceField(label="处罚种类", choices=PENALTY_CHOICES, required=False,
                                                       widget=InlineCheckboxes,
                                                       initial=review.proposed_penalties if review else [])
            f["fine_amount"] = forms.DecimalField(label="罚款金额（元）", required=False, min_value=0, decimal_places=2,
                                                  initial=review.proposed_fine if review else None)
            f["confiscated_amount"] = forms.DecimalField(label="没收金额（元）", required=False, min_value=0, decimal_places=2)
        f["decision_number"] = forms.CharField(label="决定书文号", max_length=80, required=False, help_text="不填则自动编号")
        f["decision_text"] = forms.CharField(label="决定内容", required=False, widget=forms.Textarea(attrs={"rows": 3, "col": "col-md-12"}))
        f["legal_basis"] = forms.CharField(label="法律依据", required=False, initial=f"{case.item.law_name}{case.item.law_article}",
                                           widget=forms.TextInput(attrs={"col": "col-md-12"}))
    if action == "serve":
        f["method"] = forms.ChoiceField(label="送达方式", choices=SERVICE_METHODS)
    if action == "extend":
        f["approval"] = forms.CharField(label="批准人及批准文书", max_length=200, widget=forms.TextInput(attrs={"col": "col-md-12"}))
    if action == "close" and case.kind == "penalty" and case.fine_amount:
        f["paid_on"] = forms.DateField(label="罚款缴纳日期", required=False, widget=DateInput(), help_text="逾期缴纳的，自动计算加处罚款")
    if action == "terminate":
        f["reason"] = forms.CharField(label="终止（撤销立案）理由", widget=forms.Textarea(attrs={"rows": 3, "col": "col-md-12"}))
    f["note"] = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2, "col": "col-md-12"}))
    form.transition = transition  # type: ignore[attr-defined]
    bootstrap(form)
    for name in ("officer_ids", "proposed_penalties", "penalties"):
        if name in f:
            f[name].widget.attrs["class"] = "form-check-input jd-checks"
    return form


class ReviewForm(BootstrapForm):
    conclusion = forms.ChoiceField(label="审核结论", choices=LegalReview.Conclusion.choices, widget=InlineRadios)
    opinion = forms.CharField(label="书面审核意见", widget=forms.Textarea(attrs={"rows": 5, "col": "col-md-12"}),
                              help_text="对主体、事实、证据、依据、程序、裁量逐项提出意见")
    reviewed_on = forms.DateField(label="审核日期", widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewed_on"].initial = timezone.localdate()
        self.fields["conclusion"].widget.attrs["class"] = "form-check-input jd-checks"


class AssignForm(BootstrapForm):
    officer = forms.ModelChoiceField(label="执法人员", queryset=Officer.objects.none())
    role = forms.ChoiceField(label="分工", choices=CaseOfficer.Role.choices, initial=CaseOfficer.Role.ASSIST)
    assigned_on = forms.DateField(label="指派日期", widget=DateInput())

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        assigned = CaseOfficer.objects.filter(case=case, released_on__isnull=True).values("officer_id")
        self.fields["officer"].queryset = certified_officers(case.unit).exclude(id__in=assigned)
        self.fields["officer"].empty_label = "选择执法人员"
        self.fields["officer"].label_from_instance = lambda o: o.name
        self.fields["assigned_on"].initial = timezone.localdate()


class PauseForm(BootstrapForm):
    reason = forms.ChoiceField(label="中止事由", choices=CasePause.Reason.choices)
    started_on = forms.DateField(label="开始日期", widget=DateInput())
    note = forms.CharField(label="说明", max_length=200, required=False,
                           widget=forms.TextInput(attrs={"placeholder": "说明（如送检样品、检测或鉴定机构）"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started_on"].initial = timezone.localdate()


class PauseEndForm(BootstrapForm):
    ended_on = forms.DateField(label="结束日期", widget=DateInput())


class EvidenceForm(BootstrapForm):
    kind = forms.ChoiceField(label="类型", choices=Evidence.Kind.choices)
    title = forms.CharField(label="名称", max_length=200)
    collected_on = forms.DateField(label="采集日期", required=False, widget=DateInput())
    file = forms.FileField(label="文件")


class WithdrawForm(BootstrapForm):
    reason = forms.CharField(label="撤回理由（将向社会公开）", max_length=300)


class EvaluationForm(BootstrapForm):
    rating = forms.ChoiceField(label="评估结论", choices=PostEvaluation.Rating.choices)
    evaluated_on = forms.DateField(label="评估日期", widget=DateInput())
    opinion = forms.CharField(label="书面评估意见", widget=forms.Textarea(attrs={"rows": 3, "col": "col-md-12"}))


class ChallengeForm(BootstrapForm):
    kind = forms.ChoiceField(label="类别", choices=Challenge.Kind.choices)
    body = forms.CharField(label="复议机关 / 审理法院", max_length=100)
    filed_on = forms.DateField(label="申请（起诉）日期", widget=DateInput())
    reference = forms.CharField(label="案号", max_length=80, required=False)


class OutcomeForm(BootstrapForm):
    outcome = forms.ChoiceField(label="结果", choices=Challenge.Outcome.choices)
    decided_on = forms.DateField(label="决定（判决）日期", widget=DateInput())


class ImportForm(BootstrapForm):
    source_system = forms.CharField(label="来源系统", max_length=40, help_text="如：湖北省行政执法办案系统")
    file = forms.FileField(label="Excel 文件（.xlsx）")
