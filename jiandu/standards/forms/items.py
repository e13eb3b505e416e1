from __future__ import annotations

from django import forms

from jiandu.standards.forms import StandardsForm
from jiandu.standards.models import EnforcementItem
from jiandu.standards.services.items import IMPORT_MODES


class ItemForm(StandardsForm):
    code = forms.CharField(label="事项编码", max_length=40, help_text="本单位内唯一，如 SCJG-CF-001")
    name = forms.CharField(label="事项名称", max_length=200, widget=forms.TextInput(attrs={"col": "col-md-8"}))
    kind = forms.ChoiceField(label="事项类别", choices=EnforcementItem.Kind.choices, widget=forms.Select(attrs={"col": "col-md-4"}))
    law_name = forms.CharField(label="法律依据（法律法规名称）", max_length=200, help_text="如《中华人民共和国食品安全法》")
    law_article = forms.CharField(label="条款", max_length=100, required=False, help_text="如 第一百二十四条第一款")
    legal_basis = forms.CharField(label="依据条文摘要", required=False,
                                  widget=forms.Textarea(attrs={"rows": 3, "col": "col-12"}))
    responsible_unit = forms.ChoiceField(label="实施主体", required=False)
    domain = forms.CharField(label="执法领域", max_length=40, required=False, help_text="如 市场监管、食品药品安全")

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].choices = [("", "本单位")] + [(u.code, u.name) for u in units]


class ImportForm(StandardsForm):
    file = forms.FileField(label="Excel 文件", help_text="请使用本页下载的模板（.xlsx），不超过 10 MB",
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "col": "col-12"}))
    mode = forms.ChoiceField(label="导入方式", choices=list(IMPORT_MODES.items()), initial="replace",
                             widget=forms.RadioSelect(attrs={"col": "col-md-6"}),
                             help_text="替换：草稿内容以本文件为准；追加：在现有草稿后添加")
    publish = forms.BooleanField(label="校验通过后直接公布为新版本", required=False, widget=forms.CheckboxInput(attrs={"col": "col-md-6"}))
