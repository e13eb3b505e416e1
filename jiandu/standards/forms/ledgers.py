"""Forms of the three systems, advisors, venues, equipment and AV evidence ledgers."""

from __future__ import annotations

from django import forms

from jiandu.core.forms import DateInput
from jiandu.standards.forms import StandardsForm
from jiandu.standards.models import AdvisorWork, AvRecord, Equipment, LegalAdvisor, SystemDocument, Venue


class SystemDocumentForm(StandardsForm):
    system = forms.ChoiceField(label="制度类别", choices=SystemDocument.System.choices, widget=forms.Select(attrs={"col": "col-md-6"}))
    title = forms.CharField(label="文件标题", max_length=200, widget=forms.TextInput(attrs={"col": "col-md-6"}),
                            help_text="如《华容区市场监督管理局行政执法公示制度》")
    doc_number = forms.CharField(label="文号", max_length=60, required=False, widget=forms.TextInput(attrs={"col": "col-md-6"}),
                                 help_text="如 华市监发〔2023〕12号")
    issued_on = forms.DateField(label="印发日期", required=False, widget=DateInput(attrs={"col": "col-md-6"}))
    file = forms.FileField(label="制度文件", widget=forms.ClearableFileInput(attrs={"col": "col-12", "accept": ".pdf,.docx,.doc,.ofd"}))
    note = forms.CharField(label="说明", max_length=200, required=False, widget=forms.TextInput(attrs={"col": "col-12"}))

    def __init__(self, *args, types=(), max_mb: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        if types:
            self.fields["file"].help_text = f"{'、'.join(t.upper() for t in types)} 格式，不超过 {max_mb} MB；上传后为草稿，公布后对外公开"


class AdvisorForm(StandardsForm):
    org_kind = forms.ChoiceField(label="机构类型", choices=LegalAdvisor.OrgKind.choices, widget=forms.Select(attrs={"col": "col-md-4"}))
    org_name = forms.CharField(label="机构名称", max_length=100, widget=forms.TextInput(attrs={"col": "col-md-8"}))
    person_name = forms.CharField(label="顾问姓名", max_length=40, widget=forms.TextInput(attrs={"col": "col-md-4"}))
    license_number = forms.CharField(label="执业证号", max_length=40, required=False, widget=forms.TextInput(attrs={"col": "col-md-4"}))
    phone = forms.CharField(label="联系电话", max_length=20, required=False, widget=forms.TextInput(attrs={"col": "col-md-4"}))


class ContractForm(StandardsForm):
    contract_number = forms.CharField(label="合同编号", max_length=60, required=False, widget=forms.TextInput(attrs={"col": "col-md-6"}))
    signed_on = forms.DateField(label="签订日期", widget=DateInput(attrs={"col": "col-md-6"}))
    starts_on = forms.DateField(label="服务期起", widget=DateInput(attrs={"col": "col-md-6"}))
    ends_on = forms.DateField(label="服务期止", widget=DateInput(attrs={"col": "col-md-6"}))
    scope = forms.CharField(label="服务范围", widget=forms.Textarea(attrs={"rows": 2, "col": "col-12"}),
                            help_text="如：重大行政执法决定法制审查、规范性文件审查、行政复议及诉讼代理")
    fee = forms.DecimalField(label="服务费（元/年）", required=False, min_value=0, max_digits=14, decimal_places=2,
                             widget=forms.NumberInput(attrs={"col": "col-md-6", "step": "0.01"}))


class WorkForm(StandardsForm):
    kind = forms.ChoiceField(label="工作类别", choices=AdvisorWork.Kind.choices, widget=forms.Select(attrs={"col": "col-md-6"}))
    occurred_on = forms.DateField(label="日期", widget=DateInput(attrs={"col": "col-md-6"}))
    subject = forms.CharField(label="事项", max_length=200, widget=forms.TextInput(attrs={"col": "col-12"}))
    outcome = forms.CharField(label="工作情况与意见", required=False, widget=forms.Textarea(attrs={"rows": 2, "col": "col-12"}))


class VenueForm(StandardsForm):
    name = forms.CharField(label="房间名称", max_length=60, widget=forms.TextInput(attrs={"col": "col-md-4"}), help_text="如 一号询问室")
    purpose = forms.ChoiceField(label="用途", choices=Venue.Purpose.choices, widget=forms.Select(attrs={"col": "col-md-4"}))
    floor = forms.IntegerField(label="所在楼层", initial=1, widget=forms.NumberInput(attrs={"col": "col-md-4"}), help_text="地面层为 1")
    location = forms.CharField(label="位置", max_length=120, required=False, widget=forms.TextInput(attrs={"col": "col-md-8"}))
    checked_on = forms.DateField(label="核查日期", required=False, widget=DateInput(attrs={"col": "col-md-4"}))
    has_dedicated_room = forms.BooleanField(label="专用房间", required=False, widget=forms.CheckboxInput(attrs={"col": "col-md-4"}))
    has_furniture = forms.BooleanField(label="配套桌椅", required=False, widget=forms.CheckboxInput(attrs={"col": "col-md-4"}))
    has_av_monitoring = forms.BooleanField(label="音视频监控", required=False, widget=forms.CheckboxInput(attrs={"col": "col-md-4"}))
    has_computer_printer = forms.BooleanField(label="电脑打印设备", required=False, widget=forms.CheckboxInput(attrs={"col": "col-md-4"}))
    has_window_guard = forms.BooleanField(label="窗户防护栏（二楼以上）", required=False, widget=forms.CheckboxInput(attrs={"col": "col-md-4"}))
    has_name_plates = forms.BooleanField(label="专用席卡", required=False, widget=forms.CheckboxInput(attrs={"col": "col-md-4"}))
    note = forms.CharField(label="备注", max_length=200, required=False, widget=forms.TextInput(attrs={"col": "col-12"}))


class RoomForm(StandardsForm):
    name = forms.CharField(label="保管室名称", max_length=60, widget=forms.TextInput(attrs={"col": "col-md-6"}))
    location = forms.CharField(label="位置", max_length=120, widget=forms.TextInput(attrs={"col": "col-md-6"}))
    custodian = forms.CharField(label="保管人", max_length=40, widget=forms.TextInput(attrs={"col": "col-md-6"}))
    custodian_phone = forms.CharField(label="保管人电话", max_length=20, required=False, widget=forms.TextInput(attrs={"col": "col-md-6"}))
    custody_rules = forms.CharField(label="保管制度", widget=forms.Textarea(attrs={"rows": 2, "col": "col-12"}),
                                    help_text="制度名称、文号或要点")
    rules_adopted_on = forms.DateField(label="制度印发日期", required=False, widget=DateInput(attrs={"col": "col-md-6"}))


class EquipmentForm(StandardsForm):
    room = forms.ChoiceField(label="保管室", widget=forms.Select(attrs={"col": "col-md-6"}))
    category = forms.ChoiceField(label="类别", choices=Equipment.Category.choices, widget=forms.Select(attrs={"col": "col-md-6"}))
    asset_number = forms.CharField(label="资产编号", max_length=40, widget=forms.TextInput(attrs={"col": "col-md-6"}))
    name = forms.CharField(label="装备名称", max_length=100, widget=forms.TextInput(attrs={"col": "col-md-6"}))
    model_name = forms.CharField(label="规格型号", max_length=60, required=False, widget=forms.TextInput(attrs={"col": "col-md-6"}))
    acquired_on = forms.DateField(label="购置日期", required=False, widget=DateInput(attrs={"col": "col-md-6"}))

    def __init__(self, *args, rooms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].choices = [(r.pk, r.name) for r in rooms]


class IssueForm(StandardsForm):
    borrower = forms.CharField(label="领用人", max_length=40, widget=forms.TextInput(attrs={"col": "col-md-4"}))
    purpose = forms.CharField(label="用途", max_length=200, widget=forms.TextInput(attrs={"col": "col-md-5"}))
    expected_return_on = forms.DateField(label="预计归还", required=False, widget=DateInput(attrs={"col": "col-md-3"}))


class AvRecordForm(StandardsForm):
    unit = forms.ChoiceField(label="单位", widget=forms.Select(attrs={"col": "col-md-6"}))
    title = forms.CharField(label="资料名称", max_length=200, widget=forms.TextInput(attrs={"col": "col-md-6"}),
                            help_text="如“某某超市现场检查执法记录仪视频”")
    source = forms.ChoiceField(label="采集设备类型", choices=AvRecord.Source.choices, widget=forms.Select(attrs={"col": "col-md-4"}))
    recorded_on = forms.DateField(label="采集日期", widget=DateInput(attrs={"col": "col-md-4"}))
    recorded_by = forms.CharField(label="采集人", max_length=40, widget=forms.TextInput(attrs={"col": "col-md-4"}))
    storage_location = forms.CharField(label="存储位置", max_length=200, widget=forms.TextInput(attrs={"col": "col-md-8"}),
                                       help_text="集中存储专机及路径，如 NAS-01:/2026/03/")
    custodian = forms.CharField(label="管理人员", max_length=40, widget=forms.TextInput(attrs={"col": "col-md-4"}))
    upload = forms.FileField(label="文件（计算校验值）", required=False, widget=forms.ClearableFileInput(attrs={"col": "col-12"}),
                             help_text="上传文件由系统计算 SHA-256；超大文件可不上传，改为填写存储专机给出的校验值")
    file_name = forms.CharField(label="文件名", max_length=200, required=False, widget=forms.TextInput(attrs={"col": "col-md-4"}))
    sha256 = forms.CharField(label="SHA-256", max_length=64, required=False, widget=forms.TextInput(attrs={"col": "col-md-5"}))
    size = forms.IntegerField(label="文件大小（字节）", required=False, min_value=0, widget=forms.NumberInput(attrs={"col": "col-md-3"}))
    subject_label = forms.CharField(label="关联案件或事项", max_length=200, required=False, widget=forms.TextInput(attrs={"col": "col-12"}))

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]


class VerifyForm(StandardsForm):
    upload = forms.FileField(label="待核验文件", widget=forms.ClearableFileInput(attrs={"col": "col-12"}))
