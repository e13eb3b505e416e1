"""Forms of the four lists and the discretion benchmarks."""

from __future__ import annotations

from django import forms

from jiandu.standards.forms import StandardsForm
from jiandu.standards.models import BenchmarkTier, FourListEntry
from jiandu.standards.rules.penalty import OTHER_PENALTIES

PENALTY_CHOICES = [(p, p) for p in OTHER_PENALTIES]


def _item_choices(items) -> list[tuple[str, str]]:
    return [("", "请选择")] + [(i.code, f"{i.code}　{i.name}") for i in items]


class FourListEntryForm(StandardsForm):
    kind = forms.ChoiceField(label="清单类别", choices=FourListEntry.Kind.choices, widget=forms.Select(attrs={"col": "col-md-4"}))
    item_code = forms.ChoiceField(label="对应执法事项", widget=forms.Select(attrs={"col": "col-md-8"}),
                                  help_text="本单位现行公布的行政处罚、行政强制事项")
    conditions = forms.CharField(label="适用情形与条件", widget=forms.Textarea(attrs={"rows": 3, "col": "col-12"}),
                                 help_text="如：初次违法且危害后果轻微并及时改正的")
    legal_basis = forms.CharField(label="法律依据", widget=forms.Textarea(attrs={"rows": 2, "col": "col-md-9"}),
                                  help_text="如：《中华人民共和国行政处罚法》第三十三条第一款")
    sort_order = forms.IntegerField(label="排序", required=False, min_value=0, initial=0, widget=forms.NumberInput(attrs={"col": "col-md-3"}))

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item_code"].choices = _item_choices(items)


class BenchmarkForm(StandardsForm):
    item_code = forms.ChoiceField(label="处罚事项", widget=forms.Select(attrs={"col": "col-12"}))
    violation = forms.CharField(label="违法行为", max_length=500, required=False, widget=forms.TextInput(attrs={"col": "col-12"}))
    legal_basis = forms.CharField(label="处罚依据", widget=forms.Textarea(attrs={"rows": 2, "col": "col-12"}),
                                  help_text="法律法规名称及条款，可摘录罚则原文")
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2, "col": "col-12"}))

    def __init__(self, *args, items=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields.pop("item_code")
        else:
            self.fields["item_code"].choices = _item_choices(items)


class TierForm(StandardsForm):
    label = forms.CharField(label="裁量等级", max_length=20, widget=forms.TextInput(attrs={"col": "col-md-3"}),
                            help_text="轻微、一般、较重、严重等")
    order = forms.IntegerField(label="顺序", required=False, min_value=0, widget=forms.NumberInput(attrs={"col": "col-md-2"}))
    fine_mode = forms.ChoiceField(label="罚款方式", choices=BenchmarkTier.FineMode.choices, widget=forms.Select(attrs={"col": "col-md-4"}))
    fine_required = forms.BooleanField(label="应当并处罚款", required=False, initial=True, widget=forms.CheckboxInput(attrs={"col": "col-md-3"}))
    circumstances = forms.CharField(label="适用情形", required=False, widget=forms.Textarea(attrs={"rows": 2, "col": "col-12"}))
    min_value = forms.DecimalField(label="下限", required=False, min_value=0, max_digits=14, decimal_places=2,
                                   widget=forms.NumberInput(attrs={"col": "col-md-3", "step": "0.01"}),
                                   help_text="固定金额填元；按倍数填倍数")
    min_inclusive = forms.BooleanField(label="含下限", required=False, initial=True, widget=forms.CheckboxInput(attrs={"col": "col-md-3"}))
    max_value = forms.DecimalField(label="上限", required=False, min_value=0, max_digits=14, decimal_places=2,
                                   widget=forms.NumberInput(attrs={"col": "col-md-3", "step": "0.01"}))
    max_inclusive = forms.BooleanField(label="含上限", required=False, initial=True, widget=forms.CheckboxInput(attrs={"col": "col-md-3"}))
    floor_amount = forms.DecimalField(label="最低罚款额（元）", required=False, min_value=0, max_digits=14, decimal_places=2,
                                      widget=forms.NumberInput(attrs={"col": "col-md-6", "step": "0.01"}), help_text="仅按倍数计罚时填写")
    cap_amount = forms.DecimalField(label="最高罚款额（元）", required=False, min_value=0, max_digits=14, decimal_places=2,
                                    widget=forms.NumberInput(attrs={"col": "col-md-6", "step": "0.01"}), help_text="仅按倍数计罚时填写")
    other_penalties = forms.MultipleChoiceField(label="可并处的其他处罚", required=False, choices=PENALTY_CHOICES,
                                                widget=forms.CheckboxSelectMultiple)


class CheckForm(StandardsForm):
    circumstance = forms.ChoiceField(label="裁量等级", widget=forms.Select(attrs={"col": "col-md-4"}))
    fine = forms.DecimalField(label="拟罚款（元）", required=False, min_value=0, max_digits=14, decimal_places=2,
                              widget=forms.NumberInput(attrs={"col": "col-md-4", "step": "0.01"}))
    illegal_gain = forms.DecimalField(label="违法所得（元）", required=False, min_value=0, max_digits=14, decimal_places=2,
                                      widget=forms.NumberInput(attrs={"col": "col-md-4", "step": "0.01"}))
    goods_value = forms.DecimalField(label="货值金额（元）", required=False, min_value=0, max_digits=14, decimal_places=2,
                                     widget=forms.NumberInput(attrs={"col": "col-md-4", "step": "0.01"}))
    other_penalties = forms.MultipleChoiceField(label="拟并处的其他处罚", required=False, choices=PENALTY_CHOICES,
                                                widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, tiers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["circumstance"].choices = [(t.label, t.label) for t in tiers]
