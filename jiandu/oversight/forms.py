"""Forms of the supervision pages. They parse and label input; every rule lives in the services."""

from __future__ import annotations

from django import forms

from jiandu.core.forms import BootstrapForm, DateInput
from jiandu.organization.models import Unit, User
from jiandu.organization.roles import Role
from jiandu.oversight.models import (
    Campaign, Complaint, InspectionStep, JointInput, OpinionLetter, Rectification, SocialSupervisor,
)
from jiandu.oversight.rules import attachments

TEXTAREA = {"rows": 4}
WIDE = {"col": "col-12"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the services check each (type by content, size, count)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx", **WIDE}))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", f"可选，{attachments.ALLOWED_LABEL}，每个不超过 10 MB，最多 {attachments.MAX_FILES} 个。")
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def textarea(label: str, *, required: bool = True, rows: int = 4, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows, **WIDE}))


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.display_name


# --- complaints ---------------------------------------------------------------------------------


class PublicComplaintForm(BootstrapForm):
    kind = forms.ChoiceField(label="类别", choices=Complaint.Kind.choices, widget=forms.RadioSelect, initial="complaint",
                             help_text="投诉：涉及您本人权益；举报：反映行政执法中的违法违规行为，可匿名。")
    anonymous = forms.BooleanField(label="匿名举报（不留姓名和联系方式）", required=False)
    filer_name = forms.CharField(label="姓名", max_length=40, required=False)
    filer_phone = forms.CharField(label="联系电话", max_length=20, required=False)
    filer_address = forms.CharField(label="联系地址", max_length=200, required=False, widget=forms.TextInput(attrs=WIDE))
    subject_unit = UnitChoiceField(label="被投诉举报的单位", queryset=Unit.objects.none(), empty_label="请选择")
    occurred_on = forms.DateField(label="发生日期", required=False, widget=DateInput())
    title = forms.CharField(label="标题", max_length=100, widget=forms.TextInput(attrs={**WIDE, "placeholder": "一句话概括反映的问题"}))
    content = textarea("反映的问题", rows=6, help_text="请写明时间、地点、执法人员或执法行为、经过等，不超过 5000 字。")
    request = textarea("诉求", required=False, rows=2)
    files = MultipleFileField(label="附件")
    challenge = forms.IntegerField(label="验证", help_text="请计算左侧算式的结果，以防止恶意提交。")

    def __init__(self, *args, units=None, question: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["challenge"].label = f"验证：{question} = ?" if question else "验证"
        self.fields["challenge"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["kind"].widget.attrs["class"] = "form-check-input"


class StaffComplaintForm(BootstrapForm):
    channel = forms.ChoiceField(label="来源渠道", choices=[
        (c, label) for c, label in Complaint.Channel.choices if c in ("phone", "letter", "visit", "hotline_12345")])
    kind = forms.ChoiceField(label="类别", choices=Complaint.Kind.choices)
    received_on = forms.DateField(label="收到日期", widget=DateInput(), help_text="受理期限自收到之日起按工作日计算。")
    anonymous = forms.BooleanField(label="匿名举报", required=False)
    filer_name = forms.CharField(label="投诉举报人", max_length=40, required=False)
    filer_phone = forms.CharField(label="联系电话", max_length=20, required=False)
    filer_address = forms.CharField(label="联系地址", max_length=200, required=False)
    subject_unit = UnitChoiceField(label="被投诉举报单位", queryset=Unit.objects.none(), empty_label="请选择")
    occurred_on = forms.DateField(label="发生日期", required=False, widget=DateInput())
    title = forms.CharField(label="标题", max_length=100, widget=forms.TextInput(attrs=WIDE))
    content = textarea("反映的问题", rows=5)
    request = textarea("诉求", required=False, rows=2)
    files = MultipleFileField(label="附件（来信扫描件等）")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_unit"].queryset = units if units is not None else Unit.objects.none()


class NoteForm(BootstrapForm):
    note = textarea("意见", required=False, rows=2)


class ReasonForm(BootstrapForm):
    reason = textarea("理由", rows=3)


class AssignForm(BootstrapForm):
    unit = UnitChoiceField(label="交办单位", queryset=Unit.objects.none(), empty_label="请选择",
                           help_text="交由该单位承担“受理涉行政执法投诉举报”职责的法制机构办理。")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["unit"].widget.attrs["col"] = "col-12"


class HandleForm(BootstrapForm):
    finding = forms.ChoiceField(label="核查结论", choices=[("", "请选择")] + list(Complaint.Finding.choices))
    result = textarea("办理情况", rows=4)


class ReplyForm(BootstrapForm):
    reply = textarea("答复意见", rows=4, help_text="投诉举报人凭查询码可看到此答复，请勿写入他人个人信息。")


class ObservationForm(BootstrapForm):
    unit = UnitChoiceField(label="监督单位", queryset=Unit.objects.none(), empty_label=None)
    title = forms.CharField(label="标题", max_length=100, widget=forms.TextInput(attrs=WIDE))
    content = textarea("监督意见", rows=5)
    occurred_on = forms.DateField(label="发生日期", required=False, widget=DateInput())
    files = MultipleFileField(label="附件")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


# --- letters ----------------------------------------------------------------------------------------


class LetterForm(BootstrapForm):
    unit = UnitChoiceField(label="主送单位", queryset=Unit.objects.none(), empty_label="请选择")
    kind = forms.ChoiceField(label="文书种类", choices=OpinionLetter.Kind.choices)
    source_type = forms.ChoiceField(label="来源", choices=OpinionLetter.Source.choices)
    source_id = forms.CharField(required=False, widget=forms.HiddenInput)
    source_label = forms.CharField(label="来源说明", max_length=200, required=False,
                                   help_text="如行政复议案件的决定书文号；来自投诉举报或督察时自动填写。")
    title = forms.CharField(label="标题", max_length=200, widget=forms.TextInput(attrs=WIDE))
    problems = textarea("发现的问题", rows=4)
    requirements = textarea("监督意见（建议）", rows=4)
    open_rectification = forms.BooleanField(label="同时列入整改台账（整改期限与回复期限相同）", required=False, initial=True)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class LetterReplyForm(BootstrapForm):
    reply = textarea("书面回复", rows=5, help_text="写明整改落实情况；纸质回复函可在此摘录要点。")


# --- rectifications ----------------------------------------------------------------------------------


class RectificationForm(BootstrapForm):
    unit = UnitChoiceField(label="整改单位", queryset=Unit.objects.none(), empty_label="请选择")
    source_type = forms.ChoiceField(label="问题来源", choices=[
        (s, label) for s, label in Rectification.Source.choices if s in ("observation", "joint_input", "other")])
    source_label = forms.CharField(label="来源说明", max_length=200, required=False, help_text="如“社会监督员宋雨涵反映”")
    problem = textarea("问题描述", rows=4)
    deadline = forms.DateField(label="整改期限", required=False, widget=DateInput(),
                               help_text="不填则按政策参数自发现之日起计算工作日。")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class SubmitForm(BootstrapForm):
    measures = textarea("整改措施", rows=4)
    evidence = textarea("佐证材料说明", required=False, rows=3)
    files = MultipleFileField(label="佐证文件")


class SendBackForm(BootstrapForm):
    reason = textarea("退回理由", rows=3)
    new_deadline = forms.DateField(label="新的整改期限", required=False, widget=DateInput(),
                                   help_text="不填则仍按原期限。")


class FindingForm(BootstrapForm):
    unit = UnitChoiceField(label="问题单位", queryset=Unit.objects.none(), empty_label="请选择")
    problem = textarea("发现的问题", rows=3)
    deadline = forms.DateField(label="整改期限", required=False, widget=DateInput(), help_text="不填则按默认工作日期限。")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


# --- inspections and campaigns --------------------------------------------------------------------------


class InspectionForm(BootstrapForm):
    title = forms.CharField(label="督察名称", max_length=120)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    starts_on = forms.DateField(label="计划开始日期", widget=DateInput())
    ends_on = forms.DateField(label="计划结束日期", widget=DateInput())
    target_units = UnitMultipleChoiceField(label="被督察单位", queryset=Unit.objects.none(),
                                           widget=forms.SelectMultiple(attrs={"size": 10, **WIDE}),
                                           help_text="按住 Ctrl 可多选。")
    plan = textarea("督察方案", rows=5)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_units"].queryset = units if units is not None else Unit.objects.none()


class StepForm(BootstrapForm):
    unit = UnitChoiceField(label="被督察单位", queryset=Unit.objects.none(), empty_label="请选择")
    kind = forms.ChoiceField(label="环节", choices=InspectionStep.Kind.choices)
    done_on = forms.DateField(label="日期", widget=DateInput())
    participants = forms.CharField(label="参加人员", max_length=200, required=False)
    summary = textarea("情况记录", rows=3)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class NoticeForm(BootstrapForm):
    notice_title = forms.CharField(label="通报标题", max_length=200, widget=forms.TextInput(attrs=WIDE))
    notice_summary = textarea("通报内容", rows=6, help_text="每段一行；发布后在公众服务平台公开。")


class CampaignForm(BootstrapForm):
    title = forms.CharField(label="专项整治名称", max_length=120)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    starts_on = forms.DateField(label="开始日期", widget=DateInput())
    ends_on = forms.DateField(label="结束日期", widget=DateInput())
    focus = forms.MultipleChoiceField(label="整治重点", choices=Campaign.Focus.choices,
                                      widget=forms.CheckboxSelectMultiple(attrs=WIDE))
    description = textarea("工作方案", rows=5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus"].widget.attrs["class"] = "form-check-input"


class SummaryForm(BootstrapForm):
    summary = textarea("工作总结", rows=4)


# --- case-file review --------------------------------------------------------------------------------------


class ReviewForm(BootstrapForm):
    title = forms.CharField(label="评查名称", max_length=120)
    year = forms.IntegerField(label="评查年度", min_value=2000, max_value=2100)
    self_review_due_on = forms.DateField(label="自评截止日期", widget=DateInput())


class RubricForm(BootstrapForm):
    """The rubric as lines a civil servant can edit: ``编号 | 内容`` and ``编号 | 内容 | 分值``."""

    veto = textarea("否决项（每行：编号 | 内容）", rows=8)
    form = textarea("案卷形式评分项（每行：编号 | 内容 | 分值）", rows=6)
    content = textarea("案卷内容评分项（每行：编号 | 内容 | 分值）", rows=9)

    @staticmethod
    def to_lines(rubric: dict) -> dict[str, str]:
        return {
            "veto": "\n".join(f"{v['code']} | {v['text']}" for v in rubric.get("veto", [])),
            "form": "\n".join(f"{i['code']} | {i['text']} | {i['points']}" for i in rubric.get("form", [])),
            "content": "\n".join(f"{i['code']} | {i['text']} | {i['points']}" for i in rubric.get("content", [])),
        }

    def rubric(self) -> dict:
        def parse(text: str, scored: bool) -> list[dict]:
            items = []
            for line in text.splitlines():
                parts = [p.strip() for p in line.replace("｜", "|").split("|")]
                if not any(parts):
                    continue
                item = {"code": parts[0], "text": parts[1] if len(parts) > 1 else ""}
                if scored:
                    item["points"] = parts[2] if len(parts) > 2 else ""
                items.append(item)
            return items

        data = self.cleaned_data
        return {"veto": parse(data.get("veto", ""), False), "form": parse(data.get("form", ""), True),
                "content": parse(data.get("content", ""), True)}


class DrawForm(BootstrapForm):
    size = forms.TypedChoiceField(label="每个单位每类抽取", coerce=int)
    seed = forms.CharField(label="随机种子", max_length=64, required=False,
                           help_text="可留空由系统生成；也可填写公开产生的数字（如现场摇号结果）。抽取后不可更改。")

    def __init__(self, *args, minimum: int = 2, maximum: int = 4, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["size"].choices = [(n, f"{n} 件") for n in range(minimum, maximum + 1)]


class SelfReviewForm(BootstrapForm):
    score = forms.DecimalField(label="自评得分（可选）", required=False, min_value=0, max_digits=5, decimal_places=1)
    problems = forms.CharField(label="自查发现的问题（可选）", required=False, max_length=2000)


class ScoreForm(forms.Form):
    """Built from the campaign's rubric: a checkbox per veto item, a number per scored item."""

    problems = forms.CharField(label="发现的问题", required=False,
                               widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
                               help_text="写明问题的，自动列入该单位的整改台账。")
    rectification_deadline = forms.DateField(label="整改期限", required=False, widget=DateInput(),
                                             help_text="不填则按默认工作日期限。")

    def __init__(self, *args, rubric: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        for v in rubric.get("veto", []):
            self.fields[f"veto_{v['code']}"] = forms.BooleanField(
                label=f"{v['code']} {v['text']}", required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
        for section in ("form", "content"):
            for i in rubric.get(section, []):
                self.fields[f"pts_{i['code']}"] = forms.DecimalField(
                    label=i["text"], min_value=0, max_value=i["points"], decimal_places=1, max_digits=5,
                    widget=forms.NumberInput(attrs={"step": "0.5", "class": "form-control form-control-sm jd-score-input"}),
                )
        self.fields["problems"].widget.attrs.setdefault("class", "form-control")

    def veto_fields(self):
        return [self[f"veto_{v['code']}"] for v in self.rubric.get("veto", [])]

    def section_fields(self, section: str):
        return [(i, self[f"pts_{i['code']}"]) for i in self.rubric.get(section, [])]

    def failed_vetoes(self) -> list[str]:
        return [v["code"] for v in self.rubric.get("veto", []) if self.cleaned_data.get(f"veto_{v['code']}")]

    def awarded(self) -> dict:
        return {i["code"]: self.cleaned_data.get(f"pts_{i['code']}") for s in ("form", "content")
                for i in self.rubric.get(s, [])}


# --- social supervisors and joint inputs ---------------------------------------------------------------------


class SupervisorForm(BootstrapForm):
    unit = UnitChoiceField(label="聘请单位", queryset=Unit.objects.none(), empty_label="请选择")
    name = forms.CharField(label="姓名", max_length=40)
    category = forms.ChoiceField(label="身份类别", choices=SocialSupervisor.Category.choices)
    organisation = forms.CharField(label="工作单位及职务", max_length=120)
    phone = forms.CharField(label="联系电话", max_length=20, required=False)
    term_start = forms.DateField(label="聘期开始", widget=DateInput())
    term_end = forms.DateField(label="聘期结束", widget=DateInput())
    user = forms.ModelChoiceField(label="平台账号（可选）", queryset=User.objects.none(), required=False,
                                  empty_label="不关联", help_text="关联后，监督员可登录平台提交监督意见。")
    duties = textarea("监督职责", rows=3)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["user"].queryset = User.objects.filter(roles__role=Role.SOCIAL_SUPERVISOR, is_active=True).distinct()


class JointInputForm(BootstrapForm):
    unit = UnitChoiceField(label="涉及单位", queryset=Unit.objects.none(), empty_label="请选择")
    source = forms.ChoiceField(label="监督类别", choices=JointInput.Source.choices)
    source_org = forms.CharField(label="来文机关", max_length=100)
    document_kind = forms.CharField(label="文书形式", max_length=60, help_text="如：检察建议书、监察建议书、司法建议书、审议意见")
    document_number = forms.CharField(label="文号", max_length=60, required=False)
    received_on = forms.DateField(label="收到日期", widget=DateInput())
    reply_due_on = forms.DateField(label="要求回复日期", required=False, widget=DateInput())
    subject_type = forms.ChoiceField(label="涉及记录", required=False, choices=[
        ("", "无"), ("cases.case", "执法案件"), ("personnel.officer", "执法人员"), ("oversight.complaint", "投诉举报")])
    subject_id = forms.CharField(label="记录编号", max_length=40, required=False)
    subject_label = forms.CharField(label="涉及事项", max_length=200, required=False, help_text="如案件编号、人员姓名")
    summary = textarea("主要内容", rows=4)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class ResponseForm(BootstrapForm):
    response = textarea("办理情况", rows=4)
