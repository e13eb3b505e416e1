"""Registry pages (R-PER-1): list with filters and Excel export, officer file, create/edit,
post change, leaving; and the sanction actions started from the file (R-PER-5…8)."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from jiandu.core import audit, masking, ui
from jiandu.core.errors import NotFound
from jiandu.core.paging import offset_page
from jiandu.personnel import forms, rules, selectors, services
from jiandu.organization.models import User
from jiandu.personnel.models import Officer
from jiandu.personnel.views._common import action_page, can, managed_units, submit

LIST = ("执法人员", "/personnel/")


def _file_crumbs(officer, label: str):
    return [LIST, (officer.name, reverse("personnel:officer", args=[officer.pk])), (label, None)]


def _officer_url(officer) -> str:
    return reverse("personnel:officer", args=[officer.pk])


@login_required
def officer_list(request):
    today = timezone.localdate()
    filters = selectors.OfficerFilters.from_params(request.GET)
    qs = selectors.officer_list(request.user, filters, on=today)
    page = offset_page(request, qs, per_page=20)
    target = services.training_target(request.user.unit if request.user.unit_id else None, today.year, on=today)
    return render(request, "personnel/officer_list.html", {
        "page": page, "filters": filters, "units": selectors.units_for_filter(request.user), "target": target,
        "categories": Officer.Category.choices, "cert_statuses": rules.STATUS_LABELS, "statuses": Officer.Status.choices,
        "can_create": managed_units(request.user).exists(), "query": request.GET.urlencode(),
        "page_title": "执法人员", "breadcrumbs": [("执法人员", None)],
    })


EXPORT_HEADERS = ["姓名", "性别", "身份证号", "所在单位", "人员类别", "岗位", "执法岗位", "在编", "财政供给", "状态",
                  "执法证号", "执法证状态", "有效期至", "本年集中培训学时"]


@login_required
def officer_export(request):
    """The list as filtered, as an Excel file: the same scoped selector as the page, so an
    officer outside the user's scope can never appear in it (R-ORG-5)."""
    from openpyxl import Workbook

    today = timezone.localdate()
    filters = selectors.OfficerFilters.from_params(request.GET)
    qs = selectors.officer_list(request.user, filters, on=today)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("执法人员")
    sheet.append(EXPORT_HEADERS)
    labels = dict(rules.STATUS_LABELS)
    count = 0
    for o in qs.iterator(chunk_size=500):
        count += 1
        sheet.append([
            o.name, o.get_gender_display(), o.id_number, o.unit.name, o.get_category_display(), o.post,
            "是" if o.is_enforcement_post else "否", "是" if o.on_establishment else "否",
            "是" if o.fiscally_funded else "否", o.get_status_display(), o.cert_number or "",
            labels.get(o.cert_status, ""), o.cert_valid_until.isoformat() if o.cert_valid_until else "",
            float(o.hours_year),
        ])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with transaction.atomic():  # who exported personal data, and which filter (等保 audit)
        audit.record(actor=request.user, action="officer.export", object_type="personnel.officer", object_id="",
                     unit=request.user.unit_id, after={"filters": filters.as_dict(), "rows": count})
    response = HttpResponse(buffer.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(f'执法人员名册-{today:%Y%m%d}.xlsx')}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
def officer_create(request):
    units = managed_units(request.user)
    if not units.exists():
        raise NotFound()
    form = forms.OfficerForm(request.POST or None, units=units,
                             initial={"unit": request.user.unit_id if units.filter(pk=request.user.unit_id).exists() else None})
    done = submit(request, form, lambda **d: services.officer_create(actor=request.user, **d),
                  success="已登记执法人员。", next_url=_officer_url)
    return done or action_page(request, title="登记执法人员", form=form, submit_label="登记",
                               breadcrumbs=[LIST, ("登记执法人员", None)], cancel_url=LIST[1])


@login_required
def officer_detail(request, officer_id: int):
    today = timezone.localdate()
    file = selectors.officer_file(request.user, officer_id, on=today)
    officer, user = file.officer, request.user
    perms = {
        "manage": can(user, "personnel.manage", officer.unit),
        "sanction": can(user, "personnel.sanction", officer.unit),
        "refer": can(user, "personnel.refer", officer.unit),
    }
    eligibility = rules.eligibility_reasons(services.eligibility_facts(officer))
    return render(request, "personnel/officer_detail.html", {
        "file": file, "officer": officer, "perms": perms, "eligibility": eligibility, "today": today,
        "masked_id": masking.mask_id_number(officer.id_number),
        "masked_phone": masking.mask_phone(officer.phone) if officer.phone else "",
        "panels": ui.panels("officer_panels", user, officer),
        "page_title": officer.name, "breadcrumbs": [LIST, (officer.name, None)],
    })


@login_required
def my_file(request):
    officer = Officer.objects.filter(user=request.user).first()
    if officer is None:
        error = NotFound("您的账号尚未关联执法人员档案，请联系本单位法制机构办理关联。", code="officer_file_missing")
        return render(request, "core/error.html", {"error": error, "page_title": "我的执法证"}, status=404)
    return redirect("personnel:officer", officer_id=officer.pk)


@login_required
def officer_document(request, officer_id: int, document_id: int):
    document = selectors.officer_document_get(request.user, officer_id, document_id)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=f"{document.kind_label}-{document.number}.docx")


@login_required
def officer_edit(request, officer_id: int):
    officer = selectors.officer_get(request.user, officer_id)
    initial = {f: getattr(officer, f) for f in ("name", "id_number", "category", "phone", "joined_on", "user")}
    initial.update(on_establishment="1" if officer.on_establishment else "0",
                   fiscally_funded="1" if officer.fiscally_funded else "0")
    accounts = User.objects.filter(unit=officer.unit, is_active=True).filter(Q(officer__isnull=True) | Q(officer=officer))
    form = forms.OfficerEditForm(request.POST or None, initial=initial, accounts=accounts.order_by("username"))

    done = submit(request, form, lambda **d: services.officer_update(actor=request.user, officer=officer, **d),
                  success="已保存。", next_url=_officer_url)
    return done or action_page(request, title="修改人员信息", form=form, submit_label="保存", officer=officer,
                               breadcrumbs=_file_crumbs(officer, "修改信息"), cancel_url=_officer_url(officer),
                               intro="岗位变动请使用“岗位变动”，以保留岗位履历。")


@login_required
def officer_post(request, officer_id: int):
    officer = selectors.officer_get(request.user, officer_id)
    units = managed_units(request.user).exclude(pk=officer.unit_id)
    form = forms.PostChangeForm(request.POST or None, units=units, initial={"started_on": timezone.localdate()})
    done = submit(request, form, lambda **d: services.officer_change_post(actor=request.user, officer=officer, **d),
                  success="已登记岗位变动。", next_url=lambda _: _officer_url(officer))
    return done or action_page(request, title="岗位变动", form=form, submit_label="登记岗位变动", officer=officer,
                               breadcrumbs=_file_crumbs(officer, "岗位变动"), cancel_url=_officer_url(officer))


@login_required
def officer_leave(request, officer_id: int):
    officer = selectors.officer_get(request.user, officer_id)
    form = forms.LeaveForm(request.POST or None, initial={"left_on": timezone.localdate()})
    done = submit(request, form, lambda **d: services.officer_leave(actor=request.user, officer=officer, **d),
                  success="已办理离职，持有的执法证已依规注销。", next_url=_officer_url)
    return done or action_page(request, title="离职注销", form=form, submit_label="办理离职", officer=officer, danger=True,
                               breadcrumbs=_file_crumbs(officer, "离职注销"), cancel_url=_officer_url(officer),
                               intro="办理后，该人员持有的行政执法证将依规注销并生成注销决定书，正在审查中的申领申请一并撤回。")


@login_required
def officer_apply(request, officer_id: int):
    officer = selectors.officer_get(request.user, officer_id)
    form = forms.ApplicationForm(request.POST or None, initial={"enforcement_domain": officer.unit.domain})
    done = submit(request, form, lambda **d: services.application_submit(actor=request.user, officer=officer, **d),
                  success="已提交执法证申领申请，待区级初审。",
                  next_url=lambda app: reverse("personnel:application", args=[app.pk]))
    reasons = rules.eligibility_reasons(services.eligibility_facts(officer))
    return done or action_page(request, title="申领行政执法证", form=form, submit_label="提交申请", officer=officer,
                               breadcrumbs=_file_crumbs(officer, "申领执法证"), cancel_url=_officer_url(officer),
                               intro="申请提交后依次经区级初审（区行政执法监督机构、区委编办、区财政局）、市司法局复审、"
                                     "省司法厅复核，取得考试资格，考试合格后由省政府颁发行政执法证。",
                               extra={"eligibility": reasons, "show_eligibility": True})


@login_required
def officer_certificate(request, officer_id: int):
    officer = selectors.officer_get(request.user, officer_id)
    form = forms.CertificateRegisterForm(request.POST or None, initial={"enforcement_domain": officer.unit.domain})
    done = submit(request, form, lambda **d: services.certificate_register(actor=request.user, officer=officer, **d),
                  success="已登记行政执法证。", next_url=lambda _: _officer_url(officer))
    return done or action_page(request, title="登记已有执法证", form=form, submit_label="登记", officer=officer,
                               breadcrumbs=_file_crumbs(officer, "登记已有执法证"), cancel_url=_officer_url(officer),
                               intro="用于登记本平台启用前已由省政府颁发的行政执法证。新申领的执法证经审查、考试后由系统颁发。")


@login_required
def officer_conduct(request, officer_id: int):
    officer = selectors.officer_get(request.user, officer_id)
    form = forms.ConductForm(request.POST or None, initial={"occurred_on": timezone.localdate()})

    done = submit(request, form, lambda **d: services.conduct_record(actor=request.user, officer=officer, **d),
                  success=lambda r: f"已记录不规范执法行为：计数期内第{r.ordinal_in_window}次，依规予以“{r.get_sanction_display()}”，"
                                    f"文书 {r.document.number} 已生成。",
                  next_url=lambda _: _officer_url(officer))
    return done or action_page(request, title="记录不规范执法行为", form=form, submit_label="记录并生成文书",
                               officer=officer, breadcrumbs=_file_crumbs(officer, "记录不规范执法行为"),
                               cancel_url=_officer_url(officer),
                               intro="适用于执法行为不规范、未造成严重后果的情形：计数期内第一次由区行政执法监督机构谈话提醒，"
                                     "第二次通报批评。造成严重后果的，请使用“收回执法证”。")


@login_required
def officer_assessment(request, officer_id: int):
    officer = selectors.officer_get(request.user, officer_id)
    today = timezone.localdate()
    form = forms.AssessmentForm(request.POST or None, initial={"year": today.year - 1, "decided_on": today})
    done = submit(request, form, lambda **d: services.assessment_record(actor=request.user, officer=officer, **d),
                  success="已登记年度考核等次。", next_url=lambda _: _officer_url(officer))
    return done or action_page(request, title="登记年度考核", form=form, submit_label="登记", officer=officer,
                               breadcrumbs=_file_crumbs(officer, "登记年度考核"), cancel_url=_officer_url(officer),
                               intro="年度考核为不称职的，系统依规暂扣其执法证、暂停执法资格（经培训并考试合格后发还）；"
                                     "连续两年不称职或暂扣达到规定次数的，依规收回执法证。")


@login_required
def officer_revoke(request, officer_id: int):
    officer = selectors.officer_get(request.user, officer_id)
    form = forms.RevokeForm(request.POST or None, initial={"effective_on": timezone.localdate()})
    done = submit(request, form, lambda **d: services.officer_revoke(actor=request.user, officer=officer, **d),
                  success="已收回执法证、取消执法资格，并已通知所在单位调离执法岗位。", next_url=_officer_url)
    return done or action_page(request, title="收回执法证", form=form, submit_label="收回执法证", officer=officer,
                               danger=True, breadcrumbs=_file_crumbs(officer, "收回执法证"), cancel_url=_officer_url(officer),
                               intro="收回后取消其执法资格，并责令所在执法机关在规定期限内将其调离执法岗位。")


@login_required
def officer_return(request, officer_id: int):
    officer = selectors.officer_get(request.user, officer_id)
    if request.method == "POST":
        from jiandu.core.errors import DomainError

        try:
            services.certificate_return(actor=request.user, officer=officer)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已发还执法证，发还决定书已生成。")
    return redirect("personnel:officer", officer_id=officer.pk)


@login_required
def officer_refer(request, officer_id: int):
    officer = selectors.officer_get(request.user, officer_id)
    form = forms.ReferralForm(request.POST or None, initial={"referred_on": timezone.localdate()})
    done = submit(request, form, lambda **d: services.referral_create(actor=request.user, officer=officer, **d),
                  success="已移送线索，移送函已生成。", next_url=lambda r: reverse("personnel:referral", args=[r.pk]))
    return done or action_page(request, title="移送违法违纪线索", form=form, submit_label="移送", officer=officer,
                               breadcrumbs=_file_crumbs(officer, "移送线索"), cancel_url=_officer_url(officer),
                               intro="线索移送区纪检监察机关依法依规处理，系统生成移送函并跟踪接收与处理结果。")

