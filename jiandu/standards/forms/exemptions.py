from __future__ import annotations

from django import forms

from jiandu.standards.forms import StandardsForm
from jiandu.standards.models import Exemption

SUBJECT_TYPES = [("", "不关联"), ("cases.case", "执法案件")]


class ExemptionForm(StandardsForm):
    unit = forms.ChoiceField(label="申请单位")
    ground = forms.ChoiceField(label="免责情形", choices=Exemption.Ground.choices)
    matter = forms.CharField(label="事项", max_length=200, widget=forms.TextInput(attrs={"col": "col-12"}),
                             help_text="出现监管责任问题的事项，如“某超市销售过期食品未能及时发现”")
    facts = forms.CharField(label="事实与理由", widget=forms.Textarea(attrs={"rows": 5, "col": "col-12"}))
    officer = forms.ChoiceField(label="涉及执法人员", required=False)
    subject_type = forms.ChoiceField(label="关联对象类型", choices=SUBJECT_TYPES, required=False,
                                     widget=forms.Select(attrs={"col": "col-md-3"}))
    subject_id = forms.CharField(label="关联对象编号", max_length=64, required=False,
                                 widget=forms.TextInput(attrs={"col": "col-md-3"}))
    subject_label = forms.CharField(label="关联对象名称", max_length=200, required=False,
                                    help_text="如案件名称或文号")

    def __init__(self, *args, units=(), officers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        self.fields["officer"].choices = [("", "不涉及具体人员")] + [(o.pk, f"{o.name}（{o.unit.display_name}）") for o in officers]


class DecisionForm(StandardsForm):
    decision = forms.ChoiceField(label="决定", choices=[("approve", "予以免责"), ("reject", "不予免责")],
                                 widget=forms.RadioSelect(attrs={"col": "col-12"}))
    reason = forms.CharField(label="决定理由", widget=forms.Textarea(attrs={"rows": 4, "col": "col-12"}))
