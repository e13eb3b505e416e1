"""Page forms of the personnel app. They only parse and label input; every rule is checked by
the service the view calls (the same one the API calls), so pages and API refuse alike."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms

from jiandu.core.forms import BootstrapForm, DateInput
from jiandu.personnel import rules
from jiandu.personnel.models import Assessment, Officer, Referral, TrainingSession

YES_NO = [("1", "是"), ("0", "否")]


class InlineRadioSelect(forms.RadioSelect):
    """Radio options side by side. Django gives the wrapper the inputs' class too; the wrapper
    gets ``jd-radios`` instead so Bootstrap's check-input look stays on the inputs only."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"] = {**context["widget"]["attrs"], "class": "jd-radios"}
        return context


class PersonnelForm(BootstrapForm):
    """Bootstrap classes, with radio buttons styled as check inputs (not text boxes)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["class"] = "form-check-input"


def _yes_no(label: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=YES_NO, coerce=lambda v: v == "1", initial="1",
                                  widget=InlineRadioSelect(attrs={"class": "form-check-input"}), help_text=help_text)


def _wide(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "col": "col-12"})


class OfficerForm(PersonnelForm):
    unit = forms.ModelChoiceField(label="所在单位", queryset=None, empty_label="请选择单位")
    name = forms.CharField(label="姓名", max_length=40)
    id_number = forms.CharField(label="身份证号", max_length=20, help_text="18位，末位可为X；系统校验校验码，性别按身份证号自动确定")
    category = forms.ChoiceField(label="人员类别", choices=Officer.Category.choices)
    post = forms.CharField(label="岗位", max_length=60, help_text="如：执法大队队员、稽查科科员")
    is_enforcement_post = _yes_no("是否执法岗位")
    on_establishment = _yes_no("是否在编")
    fiscally_funded = _yes_no("是否财政供给")
    phone = forms.CharField(label="手机号", max_length=20, required=False)
    joined_on = forms.DateField(label="入职日期", required=False, widget=DateInput())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        for name in ("is_enforcement_post", "on_establishment", "fiscally_funded"):
            self.fields[name].widget.attrs["col"] = "col-md-4"


class OfficerEditForm(PersonnelForm):
    name = forms.CharField(label="姓名", max_length=40)
    id_number = forms.CharField(label="身份证号", max_length=20)
    category = forms.ChoiceField(label="人员类别", choices=Officer.Category.choices)
    on_establishment = _yes_no("是否在编")
    fiscally_funded = _yes_no("是否财政供给")
    phone = forms.CharField(label="手机号", max_length=20, required=False)
    joined_on = forms.DateField(label="入职日期", required=False, widget=DateInput())
    user = forms.ModelChoiceField(label="登录账号", queryset=None, required=False, empty_label="（不关联）",
                                  help_text="关联后，本人登录可查看自己的执法证、学时和文书")

    def __init__(self, *args, accounts=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("on_establishment", "fiscally_funded"):
            self.fields[name].widget.attrs["col"] = "col-md-3"
        self.fields["user"].queryset = accounts
        self.fields["user"].label_from_instance = lambda u: f"{u.display_name}（{u.username}）"


class PostChangeForm(PersonnelForm):
    unit = forms.ModelChoiceField(label="调入单位", queryset=None, required=False, empty_label="（本单位内调整）")
    post = forms.CharField(label="新岗位", max_length=60)
    is_enforcement_post = _yes_no("是否执法岗位", "调整为非执法岗位的，其行政执法证将依规注销")
    started_on = forms.DateField(label="任职日期", widget=DateInput())
    reason = forms.CharField(label="变动原因", max_length=200)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class LeaveForm(PersonnelForm):
    left_on = forms.DateField(label="离职日期", widget=DateInput())
    reason = forms.CharField(label="离职原因", max_length=100, help_text="如：退休、辞职、调出本区。持有的执法证将依规注销")


class ApplicationForm(PersonnelForm):
    enforcement_domain = forms.CharField(label="申领执法类别", max_length=60, help_text="默认为所在单位的执法领域")
    note = forms.CharField(label="申请说明", required=False, widget=_wide())


class ReviewForm(PersonnelForm):
    verdict = forms.ChoiceField(label="审查结论", choices=[("approve", "同意"), ("refuse", "不同意")],
                                widget=InlineRadioSelect(attrs={"class": "form-check-input"}), initial="approve")
    reason = forms.CharField(label="审查意见", required=False, widget=_wide(2), help_text="不同意的须写明理由")


class ExamForm(PersonnelForm):
    score = forms.DecimalField(label="考试成绩", min_value=0, max_value=100, decimal_places=1)
    exam_on = forms.DateField(label="考试日期", widget=DateInput())


class IssueForm(PersonnelForm):
    number = forms.CharField(label="证件编号", max_length=40, required=False, help_text="填写省政府颁发证件上的编号；留空则按规则自动编号")
    issued_on = forms.DateField(label="发证日期", widget=DateInput())


class WithdrawForm(PersonnelForm):
    reason = forms.CharField(label="撤回原因", max_length=200)


class ConductForm(PersonnelForm):
    occurred_on = forms.DateField(label="行为发生日期", widget=DateInput())
    source = forms.CharField(label="发现途径", max_length=60, required=False, help_text="如：案卷评查、投诉举报、法治督察")
    description = forms.CharField(label="不规范执法行为", widget=_wide(4),
                                  help_text="写明时间、地点、具体行为；系统按计数期自动确定谈话提醒或通报批评并生成文书")


class AssessmentForm(PersonnelForm):
    year = forms.IntegerField(label="考核年度", min_value=2000, max_value=2100)
    grade = forms.ChoiceField(label="考核等次", choices=Assessment.Grade.choices)
    decided_on = forms.DateField(label="评定日期", widget=DateInput())
    note = forms.CharField(label="备注", max_length=200, required=False)


class RevokeForm(PersonnelForm):
    trigger = forms.ChoiceField(label="收回情形", choices=[(t, rules.TRIGGER_LABELS[t]) for t in rules.MANUAL_TRIGGERS])
    effective_on = forms.DateField(label="生效日期", widget=DateInput())
    reason = forms.CharField(label="查实的事实及依据", widget=_wide(4), help_text="如判决书、处分决定的文号及主要事实")


class CertificateRegisterForm(PersonnelForm):
    number = forms.CharField(label="证件编号", max_length=40)
    issued_on = forms.DateField(label="发证日期", widget=DateInput())
    valid_until = forms.DateField(label="有效期至", required=False, widget=DateInput(), help_text="留空按政策参数计算")
    enforcement_domain = forms.CharField(label="执法类别", max_length=60, required=False)


class ReferralForm(PersonnelForm):
    referred_on = forms.DateField(label="移送日期", widget=DateInput())
    facts = forms.CharField(label="线索内容", widget=_wide(5), help_text="时间、事项、涉嫌违法违纪的情形及已掌握的材料")


class ReceiveForm(PersonnelForm):
    received_on = forms.DateField(label="接收日期", widget=DateInput())
    note = forms.CharField(label="接收意见", max_length=200, required=False)


class ConcludeForm(PersonnelForm):
    outcome = forms.ChoiceField(label="处理结果", choices=Referral.Outcome.choices)
    concluded_on = forms.DateField(label="办结日期", widget=DateInput())
    outcome_note = forms.CharField(label="处理情况", widget=_wide(3), help_text="如处分决定文号、结论要点")


class TransferCompleteForm(PersonnelForm):
    note = forms.CharField(label="办理情况", max_length=200, required=False)


class TrainingPlanForm(PersonnelForm):
    unit = forms.ModelChoiceField(label="单位", queryset=None, empty_label="请选择单位")
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="计划名称", max_length=120)
    planned_sessions = forms.IntegerField(label="计划培训场次", min_value=0, max_value=500, initial=0)
    target_hours = forms.DecimalField(label="人均集中培训学时目标", required=False, decimal_places=1,
                                      help_text="留空取全区最低要求（政策参数）")
    content = forms.CharField(label="主要内容", required=False, widget=_wide(4))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class SessionForm(PersonnelForm):
    unit = forms.ModelChoiceField(label="举办单位", queryset=None, empty_label="请选择单位")
    title = forms.CharField(label="培训名称", max_length=120)
    method = forms.ChoiceField(label="培训方式", choices=TrainingSession.Method.choices)
    held_on = forms.DateField(label="培训日期", widget=DateInput())
    hours = forms.DecimalField(label="学时", decimal_places=1, min_value=Decimal("0.5"), max_value=24)
    is_centralized = _yes_no("计入集中培训学时")
    location = forms.CharField(label="地点", max_length=100, required=False)
    lecturer = forms.CharField(label="授课人", max_length=60, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class AttendanceForm(PersonnelForm):
    officers = forms.ModelMultipleChoiceField(
        label="参训人员", queryset=None, widget=forms.SelectMultiple(attrs={"size": 12, "col": "col-12"}),
        help_text="按住 Ctrl 可多选；含行政执法辅助人员",
    )
    hours = forms.DecimalField(label="每人学时", required=False, decimal_places=1, help_text="留空取本场学时")

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = officers
        self.fields["officers"].label_from_instance = lambda o: f"{o.unit.display_name}　{o.name}（{o.get_category_display()}）"


class AttendanceImportForm(PersonnelForm):
    file = forms.FileField(label="学时登记表（.xlsx）", help_text="列：身份证号、姓名、学时（学时可留空）。整批校验，有错则全部不导入")


class TestForm(PersonnelForm):
    title = forms.CharField(label="测试名称", max_length=120, help_text="如：2026年度全区行政执法人员执法能力闭卷测试")
    held_on = forms.DateField(label="测试日期", widget=DateInput())
    pass_score = forms.DecimalField(label="合格分数", required=False, decimal_places=1, help_text="留空取政策参数")


_SCORE_LINE = re.compile(r"^\s*(\S+)[\s,，:：]+([0-9]+(?:\.[0-9])?)\s*$")


class ResultsForm(PersonnelForm):
    numbered_rows = True  # batch errors name the line they come from
    lines = forms.CharField(
        label="成绩", widget=forms.Textarea(attrs={"rows": 8, "col": "col-12", "class": "jd-mono"}),
        help_text="每行一人：身份证号 成绩，如“420703198507121234 86”",
    )

    def clean_lines(self) -> list[tuple[int, str, Decimal]]:
        parsed, bad = [], []
        for number, line in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            if not line.strip():
                continue
            match = _SCORE_LINE.match(line)
            if not match:
                bad.append(str(number))
                continue
            parsed.append((number, rules.normalize_id_number(match.group(1)), Decimal(match.group(2))))
        if bad:
            raise forms.ValidationError(f"第{'、'.join(bad)}行格式不正确，应为“身份证号 成绩”。")
        if not parsed:
            raise forms.ValidationError("请至少填写一行成绩。")
        return parsed


class RetakeForm(PersonnelForm):
    officer = forms.ModelChoiceField(label="补考人员", queryset=None, empty_label="请选择须补考的人员")
    score = forms.DecimalField(label="补考成绩", min_value=0, max_value=100, decimal_places=1)
    taken_on = forms.DateField(label="补考日期", widget=DateInput())

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers
        self.fields["officer"].label_from_instance = lambda o: f"{o.unit.display_name}　{o.name}"
        self.fields["officer"].widget.attrs["col"] = "col-12"

