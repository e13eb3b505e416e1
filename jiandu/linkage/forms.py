from __future__ import annotations

from django import forms

from jiandu.core.forms import BootstrapForm, DateInput
from jiandu.linkage import rules
from jiandu.linkage.models import RiskFlag, SupervisionRecord
from jiandu.organization.models import Unit


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "form-control", **(attrs or {})}, format="%Y-%m-%dT%H:%M")


def _col(field: forms.Field, col: str) -> forms.Field:
    field.widget.attrs["col"] = col
    return field


class TransferProposeForm(BootstrapForm):
    case = _col(forms.ModelChoiceField(label="行政处罚案件", queryset=None, empty_label="请选择案件"), "col-12")
    suspected_offence = forms.CharField(label="涉嫌罪名", max_length=100, help_text="如：销售伪劣产品罪、非法经营罪")
    police_unit = forms.ModelChoiceField(label="接收公安机关", queryset=None, empty_label=None)
    grounds = _col(forms.CharField(label="涉嫌犯罪的事实及移送理由", widget=forms.Textarea(attrs={"rows": 4})), "col-12")
    items_note = _col(forms.CharField(label="涉案物品情况", max_length=300, required=False,
                                      help_text="物品名称、数量及现存放地点"), "col-md-8")
    has_inspection = _col(forms.BooleanField(label="案件经过检验或鉴定（须附检验报告或鉴定结论）", required=False), "col-md-4")

    def __init__(self, *args, cases=None, police_units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases
        self.fields["case"].label_from_instance = lambda c: f"{c.number} {c.title}（{c.party_name}）"
        self.fields["police_unit"].queryset = police_units


class TransferActionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in rules.ACTIONS])
    reason = forms.CharField(required=False, widget=forms.Textarea)
    approver_name = forms.CharField(required=False, max_length=40)
    police_reference = forms.CharField(required=False, max_length=60)
    occurred_at = forms.DateTimeField(required=False, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])


class MaterialForm(BootstrapForm):
    kind = _col(forms.ChoiceField(label="材料类别", choices=rules.MATERIAL_KINDS), "col-md-4")
    title = _col(forms.CharField(label="名称", max_length=200, required=False, help_text="不填则使用材料类别名称"), "col-md-4")
    file = _col(forms.FileField(label="文件"), "col-md-4")


class SupervisionForm(BootstrapForm):
    kind = _col(forms.ChoiceField(label="监督类别", choices=SupervisionRecord.Kind.choices), "col-md-6")
    recorded_on = _col(forms.DateField(label="日期", widget=DateInput()), "col-md-6")
    content = _col(forms.CharField(label="监督内容", widget=forms.Textarea(attrs={"rows": 3})), "col-12")


class FlagResolveForm(BootstrapForm):
    resolution = _col(forms.ChoiceField(label="处理方式", choices=RiskFlag.Resolution.choices,
                                        widget=forms.RadioSelect), "col-12")
    reason = _col(forms.CharField(label="处理说明", widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="已移送的写明移送情况；不需移送的写明审查理由及依据"), "col-12")


class CaseQuantityForm(BootstrapForm):
    quantity = _col(forms.DecimalField(label="涉案数量", min_value=0, decimal_places=2, max_digits=14), "col-md-4")
    quantity_unit = _col(forms.CharField(label="计量单位", max_length=20, help_text="与风险规则的单位一致，如“条”“千克”"), "col-md-4")
    note = _col(forms.CharField(label="说明", max_length=200, required=False), "col-md-4")


class RiskRuleForm(BootstrapForm):
    unit = forms.ModelChoiceField(label="执法单位", queryset=None, empty_label="请选择单位")
    item_code = forms.CharField(label="事项编码", max_length=40, help_text="该单位执法事项清单中的编码")
    suspected_offence = forms.CharField(label="可能涉嫌的罪名", max_length=100)
    legal_reference = forms.CharField(label="追诉标准依据", max_length=255,
                                      help_text="如：公安部、最高检《关于公安机关管辖的刑事案件立案追诉标准的规定（一）》第十六条")
    amount_field = _col(forms.ChoiceField(label="金额项目", choices=[("", "不设金额标准")] + list(rules.AMOUNT_FIELDS),
                                          required=False), "col-md-4")
    amount_threshold = _col(forms.DecimalField(label="金额标准（元）", required=False, min_value=0), "col-md-4")
    effective_from = _col(forms.DateField(label="生效日期", widget=DateInput()), "col-md-4")
    quantity_threshold = _col(forms.DecimalField(label="数量标准", required=False, min_value=0), "col-md-3")
    quantity_unit = _col(forms.CharField(label="数量单位", max_length=20, required=False), "col-md-3")
    repeat_count = _col(forms.IntegerField(label="多次违法：已受处罚次数", required=False, min_value=1), "col-md-3")
    repeat_window_days = _col(forms.IntegerField(label="多次违法：期间（日）", required=False, min_value=1), "col-md-3")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class MeetingForm(BootstrapForm):
    title = _col(forms.CharField(label="会议名称", max_length=200), "col-md-8")
    held_on = _col(forms.DateField(label="召开日期", widget=DateInput()), "col-md-4")
    location = _col(forms.CharField(label="地点", max_length=100, required=False), "col-md-4")
    attendees_note = _col(forms.CharField(label="参会人员", max_length=500, required=False), "col-md-8")
    attendee_units = _col(forms.ModelMultipleChoiceField(label="参会单位", queryset=None,
                                                         widget=forms.SelectMultiple(attrs={"size": 8})), "col-12")
    topics = _col(forms.CharField(label="会议议题", widget=forms.Textarea(attrs={"rows": 3})), "col-12")
    decisions = _col(forms.CharField(label="议定事项", widget=forms.Textarea(attrs={"rows": 4})), "col-12")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendee_units"].queryset = units


class TaskForm(BootstrapForm):
    description = _col(forms.CharField(label="任务内容", max_length=300), "col-md-6")
    owner_unit = _col(forms.ModelChoiceField(label="责任单位", queryset=None, empty_label="请选择"), "col-md-3")
    due_on = _col(forms.DateField(label="完成期限", widget=DateInput()), "col-md-3")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = units


class TaskDoneForm(BootstrapForm):
    done_on = _col(forms.DateField(label="办结日期", widget=DateInput()), "col-md-4")
    note = _col(forms.CharField(label="办理情况", max_length=2000), "col-md-8")


def jurisdiction_units(unit: Unit):
    """Units of the user's jurisdiction, departments and external bodies first."""
    jurisdiction = unit.jurisdiction() or unit
    return Unit.objects.filter(path__startswith=jurisdiction.path, is_active=True).exclude(
        kind=Unit.Kind.GOVERNMENT).order_by("sort_order", "depth", "id")
