"""Pages of the ledgers: legal advisors (R-STD-3), venues (R-STD-7), equipment (R-STD-8), AV evidence (R-STD-9)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from jiandu.core import scope
from jiandu.core.errors import DomainError
from jiandu.core.paging import offset_page
from jiandu.standards import selectors
from jiandu.standards.forms.ledgers import (
    AdvisorForm,
    AvRecordForm,
    ContractForm,
    EquipmentForm,
    IssueForm,
    RoomForm,
    VenueForm,
    VerifyForm,
    WorkForm,
)
from jiandu.standards.models import AdvisorWork, AvRecord, Equipment, EquipmentLoan, EquipmentRoom, LegalAdvisor, Venue
from jiandu.standards.rules import advisors as advisor_rules
from jiandu.standards.rules.venues import FEATURES
from jiandu.standards.services import ledgers as services
from jiandu.standards.views.common import can, filter_text, form_error, run, standards_units, unit_get


def _save(request, form, action, *, success: str, to: str):
    """Validate a form, call one service, show its refusal on the form. Returns a redirect or None."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        action(form.cleaned_data)
    except DomainError as exc:
        if exc.status == 404:
            raise
        form_error(form, exc)
        return None
    messages.success(request, success)
    return redirect(to)


# --- legal advisors -----------------------------------------------------------------------------------

ADVISOR_CRUMB = ("法律顾问", "/standards/advisors/")


@login_required
def advisors(request):
    today = timezone.localdate()
    units = list(standards_units(request.user))
    days = selectors.advisor_warning_days(request.user.unit, on=today) if request.user.unit_id else 30
    coverage = selectors.advisor_coverage(units, today=today, warning_days=days)
    only = request.GET.get("flag", "")
    rows = [(u, coverage[u.id]) for u in units if not only or (only == "flagged" and coverage[u.id].flagged)
            or (only == "expiring" and coverage[u.id].status == advisor_rules.EXPIRING)]
    counts = {s: sum(1 for c in coverage.values() if c.status == s) for s in advisor_rules.LABELS}
    advisors_by_unit: dict[int, list[LegalAdvisor]] = {}
    for a in LegalAdvisor.objects.filter(unit__in=[u for u, _ in rows], is_active=True):
        advisors_by_unit.setdefault(a.unit_id, []).append(a)
    work = dict(AdvisorWork.objects.filter(unit__in=[u for u, _ in rows], occurred_on__year=today.year).order_by()
                .values_list("unit_id").annotate(n=Count("id")))
    return render(request, "standards/advisors/overview.html", {
        "rows": [(u, c, advisors_by_unit.get(u.id, []), work.get(u.id, 0)) for u, c in rows], "counts": counts,
        "flagged": sum(1 for c in coverage.values() if c.flagged), "flag": only, "year": today.year, "days": days,
        "page_title": "法律顾问", "breadcrumbs": [(ADVISOR_CRUMB[0], None)],
    })


@login_required
def unit_advisors(request, unit_id: int):
    unit = unit_get(request.user, unit_id)
    form = AdvisorForm(request.POST or None)
    done = _save(request, form, lambda d: services.advisor_add(unit=unit, actor=request.user, **d),
                 success="已登记法律顾问，请录入顾问合同。", to=reverse("standards:unit_advisors", args=[unit.pk]))
    if done:
        return done
    today = timezone.localdate()
    advisors_ = list(LegalAdvisor.objects.filter(unit=unit).prefetch_related("contracts"))
    coverage = selectors.advisor_coverage([unit], today=today, warning_days=selectors.advisor_warning_days(unit, on=today))[unit.pk]
    work = AdvisorWork.objects.filter(unit=unit).select_related("advisor")
    page = offset_page(request, work, per_page=20)
    return render(request, "standards/advisors/unit.html", {
        "unit": unit, "advisors": advisors_, "coverage": coverage, "form": form, "page": page, "today": today,
        "can_manage": can(request.user, "standards.manage"), "kind_counts": dict(work.order_by().values_list("kind").annotate(n=Count("id"))),
        "kinds": AdvisorWork.Kind.choices,
        "page_title": f"{unit.display_name} · 法律顾问", "breadcrumbs": [ADVISOR_CRUMB, (unit.name, None)],
    })


@login_required
def advisor_detail(request, advisor_id: int):
    advisor = scope.get_visible(LegalAdvisor.objects.select_related("unit"), request.user, id=advisor_id)
    back = reverse("standards:advisor", args=[advisor.pk])
    posted = request.POST.get("form") if request.method == "POST" else None
    today = timezone.localdate()
    contract_form = ContractForm(request.POST if posted == "contract" else None, prefix="c",
                                 initial={"signed_on": today, "starts_on": today, "ends_on": today.replace(year=today.year + 1)})
    work_form = WorkForm(request.POST if posted == "work" else None, prefix="w", initial={"occurred_on": today})
    if posted == "contract":
        done = _save(request, contract_form, lambda d: services.advisor_contract_add(advisor=advisor, actor=request.user, **d),
                     success="已录入顾问合同。", to=back)
    elif posted == "work":
        done = _save(request, work_form, lambda d: services.advisor_work_record(advisor=advisor, actor=request.user, **d),
                     success="已记入工作台账。", to=back)
    elif posted in ("dismiss", "activate"):
        return run(request, lambda: services.advisor_set_active(advisor=advisor, actor=request.user, active=posted == "activate"),
                   success="已更新聘用状态。", to=back)
    else:
        done = None
    if done:
        return done
    return render(request, "standards/advisors/detail.html", {
        "advisor": advisor, "unit": advisor.unit, "contracts": advisor.contracts.all(), "today": today,
        "work": advisor.work.all()[:50], "contract_form": contract_form, "work_form": work_form,
        "can_manage": can(request.user, "standards.manage"),
        "page_title": f"{advisor.person_name}（{advisor.org_name}）",
        "breadcrumbs": [ADVISOR_CRUMB, (advisor.unit.name, reverse("standards:unit_advisors", args=[advisor.unit_id])),
                        (advisor.person_name, None)],
    })


# --- venues -----------------------------------------------------------------------------------------------

VENUE_CRUMB = ("办案场所", "/standards/venues/")


@login_required
def venues(request):
    today = timezone.localdate()
    units = list(selectors.venue_units(standards_units(request.user)))
    compliance = selectors.venue_compliance(units, on=today)
    only = request.GET.get("flag", "")
    rows = [(u, compliance[u.id]) for u in units if only != "gaps" or not compliance[u.id].compliant]
    return render(request, "standards/venues/overview.html", {
        "rows": rows, "flag": only, "total": len(units), "compliant": sum(1 for c in compliance.values() if c.compliant),
        "gaps": sum(1 for c in compliance.values() if not c.compliant),
        "page_title": "办案场所规范化建设（“六有”）", "breadcrumbs": [(VENUE_CRUMB[0], None)],
    })


@login_required
def unit_venues(request, unit_id: int, venue_id: int | None = None):
    unit = unit_get(request.user, unit_id)
    venue = scope.get_visible(Venue.objects.filter(unit=unit, is_active=True), request.user, id=venue_id) if venue_id else None
    initial = {f: getattr(venue, f) for f in VenueForm.base_fields} if venue else {"floor": 1, "checked_on": timezone.localdate()}
    form = VenueForm(request.POST or None, initial=initial)
    back = reverse("standards:unit_venues", args=[unit.pk])
    done = _save(request, form, lambda d: services.venue_save(unit=unit, actor=request.user, venue=venue, **d),
                 success="已保存办案场所情况。", to=back)
    if done:
        return done
    today = timezone.localdate()
    rooms = []
    for v in Venue.objects.filter(unit=unit, is_active=True).order_by("purpose", "name"):
        missing, has = selectors.room_missing(v, on=today), v.features()
        # Each of the six-haves: present, missing, or not required (window guard below the threshold floor).
        cells = [(label, "ok" if has[key] else ("missing" if label in missing else "na")) for key, label in FEATURES]
        rooms.append((v, missing, cells))
    compliance = selectors.venue_compliance([unit], on=today)[unit.pk]
    return render(request, "standards/venues/unit.html", {
        "unit": unit, "rooms": rooms, "compliance": compliance, "form": form, "venue": venue, "features": FEATURES,
        "can_manage": can(request.user, "standards.manage"), "required": unit.is_key_department or unit.kind == "township",
        "page_title": f"{unit.display_name} · 办案场所", "breadcrumbs": [VENUE_CRUMB, (unit.name, None)],
    })


@login_required
@require_POST
def venue_retire(request, venue_id: int):
    venue = scope.get_visible(Venue.objects.select_related("unit"), request.user, id=venue_id)
    return run(request, lambda: services.venue_retire(venue=venue, actor=request.user), success=f"“{venue.name}”已停用。",
               to=reverse("standards:unit_venues", args=[venue.unit_id]))


# --- equipment -----------------------------------------------------------------------------------------

EQUIPMENT_CRUMB = ("执法装备", "/standards/equipment/")


@login_required
def equipment(request):
    units = standards_units(request.user).filter(Q(is_key_department=True) | Q(equipment_rooms__isnull=False)).distinct()
    page = offset_page(request, units, per_page=30)
    ids = [u.id for u in page.items]
    rooms = dict(EquipmentRoom.objects.filter(unit_id__in=ids).order_by().values_list("unit_id").annotate(n=Count("id")))
    stock = {}
    for unit_id, status, n in (Equipment.objects.filter(unit_id__in=ids).order_by().values_list("unit_id", "status")
                               .annotate(n=Count("id"))):
        stock.setdefault(unit_id, {})[status] = n
    overdue = dict(EquipmentLoan.objects.filter(unit_id__in=ids, returned_at__isnull=True,
                                                expected_return_on__lt=timezone.localdate()).order_by()
                   .values_list("unit_id").annotate(n=Count("id")))
    rows = [(u, rooms.get(u.id, 0), stock.get(u.id, {}), overdue.get(u.id, 0)) for u in page.items]
    return render(request, "standards/equipment/overview.html", {
        "page": page, "rows": rows, "page_title": "执法装备", "breadcrumbs": [(EQUIPMENT_CRUMB[0], None)],
    })


@login_required
def unit_equipment(request, unit_id: int):
    unit = unit_get(request.user, unit_id)
    back = reverse("standards:unit_equipment", args=[unit.pk])
    rooms = list(EquipmentRoom.objects.filter(unit=unit))
    posted = request.POST.get("form") if request.method == "POST" else None
    room_form = RoomForm(request.POST if posted == "room" else None, prefix="r")
    equipment_form = EquipmentForm(request.POST if posted == "equipment" else None, prefix="e", rooms=rooms)
    done = None
    if posted == "room":
        done = _save(request, room_form, lambda d: services.equipment_room_add(unit=unit, actor=request.user, **d),
                     success="已登记装备保管室。", to=back)
    elif posted == "equipment":
        def add(d):
            room = next(r for r in rooms if str(r.pk) == d.pop("room"))
            return services.equipment_add(room=room, actor=request.user, **d)
        done = _save(request, equipment_form, add, success="已登记装备。", to=back)
    if done:
        return done
    items = Equipment.objects.filter(unit=unit).select_related("room")
    status = request.GET.get("status", "")
    if status in Equipment.Status.values:
        items = items.filter(status=status)
    page = offset_page(request, items, per_page=30)
    open_loans = {l.equipment_id: l for l in EquipmentLoan.objects.filter(unit=unit, returned_at__isnull=True)}
    return render(request, "standards/equipment/unit.html", {
        "unit": unit, "rooms": rooms, "page": page, "open_loans": open_loans, "room_form": room_form,
        "equipment_form": equipment_form, "status": status, "statuses": Equipment.Status.choices, "today": timezone.localdate(),
        "recent": EquipmentLoan.objects.filter(unit=unit).select_related("equipment", "issued_by")[:10],
        "can_manage": can(request.user, "standards.manage"),
        "page_title": f"{unit.display_name} · 执法装备", "breadcrumbs": [EQUIPMENT_CRUMB, (unit.name, None)],
    })


@login_required
def equipment_detail(request, equipment_id: int):
    item = scope.get_visible(Equipment.objects.select_related("unit", "room"), request.user, id=equipment_id)
    back = reverse("standards:equipment_item", args=[item.pk])
    posted = request.POST.get("form") if request.method == "POST" else None
    issue_form = IssueForm(request.POST if posted == "issue" else None, prefix="i")
    if posted == "issue":
        done = _save(request, issue_form, lambda d: services.equipment_issue(equipment=item, actor=request.user, **d),
                     success="已登记领用。", to=back)
        if done:
            return done
    elif posted == "return":
        loan = item.loans.filter(returned_at__isnull=True).first()
        if loan is None:
            messages.error(request, "该装备没有未归还的领用记录。")
            return redirect(back)
        return run(request, lambda: services.equipment_return(loan=loan, actor=request.user,
                                                              condition=request.POST.get("condition", "完好")),
                   success="已登记归还。", to=back)
    elif posted == "retire":
        return run(request, lambda: services.equipment_retire(equipment=item, actor=request.user,
                                                              reason=request.POST.get("reason", "")),
                   success="已报废。", to=back)
    return render(request, "standards/equipment/detail.html", {
        "item": item, "unit": item.unit, "loans": item.loans.select_related("issued_by", "returned_by")[:50],
        "open_loan": item.loans.filter(returned_at__isnull=True).first(), "issue_form": issue_form,
        "can_manage": can(request.user, "standards.manage"), "today": timezone.localdate(),
        "page_title": str(item), "breadcrumbs": [EQUIPMENT_CRUMB, (item.unit.name, reverse("standards:unit_equipment", args=[item.unit_id])),
                                                  (item.asset_number, None)],
    })


# --- audio-visual evidence ----------------------------------------------------------------------------------

AV_CRUMB = ("音像资料台账", "/standards/av/")


@login_required
def av_records(request):
    qs = scope.visible(AvRecord.objects.select_related("unit", "device"), request.user)
    if q := filter_text(request):
        qs = qs.filter(Q(title__contains=q) | Q(subject_label__contains=q) | Q(sha256__startswith=q.lower()))
    try:
        unit_id = int(request.GET.get("unit") or 0)
    except ValueError:
        unit_id = 0
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if (source := request.GET.get("source", "")) in AvRecord.Source.values:
        qs = qs.filter(source=source)
    page = offset_page(request, qs, per_page=30)
    return render(request, "standards/av/list.html", {
        "page": page, "q": filter_text(request), "unit_id": unit_id, "source": source, "sources": AvRecord.Source.choices,
        "units": standards_units(request.user), "can_manage": can(request.user, "standards.manage"),
        "page_title": "音像资料台账", "breadcrumbs": [(AV_CRUMB[0], None)],
    })


@login_required
def av_new(request):
    units = list(standards_units(request.user))
    form = AvRecordForm(request.POST or None, request.FILES or None, units=units,
                        initial={"unit": request.user.unit_id, "recorded_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        unit = next(u for u in units if str(u.pk) == d.pop("unit"))
        try:
            record = services.av_register(unit=unit, actor=request.user, **d)
        except DomainError as exc:
            if exc.status == 404:
                raise
            form_error(form, exc)
        else:
            messages.success(request, "已登记音像资料。")
            return redirect("standards:av_record", record.pk)
    return render(request, "standards/simple_form.html", {
        "form": form, "cancel": reverse("standards:av"), "card_title": "登记音像资料", "multipart": True,
        "page_title": "登记音像资料", "breadcrumbs": [AV_CRUMB, ("登记", None)],
    })


@login_required
def av_detail(request, record_id: int):
    record = scope.get_visible(AvRecord.objects.select_related("unit", "device", "registered_by"), request.user, id=record_id)
    form = VerifyForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.av_verify(record=record, actor=request.user, upload=form.cleaned_data["upload"])
        except DomainError as exc:
            if exc.status == 404:
                raise
            form_error(form, exc)
    from jiandu.core import audit

    return render(request, "standards/av/detail.html", {
        "record": record, "form": form, "result": result, "history": audit.history(record),
        "can_manage": can(request.user, "standards.manage"),
        "page_title": record.title, "breadcrumbs": [AV_CRUMB, (record.title, None)],
    })
