from __future__ import annotations

import json

from django import forms

from jiandu.core.models import PolicyParameter


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "form-control", **(attrs or {})}, format="%Y-%m-%d")


def bootstrap(form: forms.Form) -> forms.Form:
    """Give every widget Bootstrap classes (kept here so each form stays declarative)."""
    for field in form.fields.values():
        widget = field.widget
        css = widget.attrs.get("class", "")
        if isinstance(widget, (forms.CheckboxInput,)):
            widget.attrs["class"] = f"{css} form-check-input".strip()
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            widget.attrs["class"] = f"{css} form-select".strip()
        elif "form-control" not in css:
            widget.attrs["class"] = f"{css} form-control".strip()
    return form


class BootstrapForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class PolicyValueForm(BootstrapForm):
    key = forms.ChoiceField(label="参数")
    value = forms.CharField(label="新取值", help_text="数字直接填写；列表用 JSON，如 [\"安全生产\", \"生态环保\"]")
    effective_from = forms.DateField(label="生效日期", widget=DateInput())
    legal_reference = forms.CharField(label="依据", max_length=255, help_text="文件名称及条款，如“华容区实施方案 §二(二)3”")
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keys = PolicyParameter.objects.order_by("key").values_list("key", "label").distinct()
        self.fields["key"].choices = [(k, f"{label}（{k}）") for k, label in keys]

    def clean_value(self):
        raw = self.cleaned_data["value"].strip()
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            return raw  # a plain string value


class CalendarDayForm(BootstrapForm):
    date = forms.DateField(label="日期", widget=DateInput())
    is_workday = forms.TypedChoiceField(
        label="类型", choices=[("0", "法定节假日（休息）"), ("1", "调休上班")], coerce=lambda v: v == "1"
    )
    name = forms.CharField(label="名称", max_length=40, help_text="如“春节”“国庆节调休”")
