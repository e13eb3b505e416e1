"""Pages of the three systems (R-STD-4): each unit's three rule documents, versions, upload, publish."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jiandu.core import scope
from jiandu.core.errors import DomainError
from jiandu.core.paging import offset_page
from jiandu.standards.forms.ledgers import SystemDocumentForm
from jiandu.standards.models import SystemDocument, VersionStatus
from jiandu.standards.services import systems as services
from jiandu.standards.views.common import can, filter_text, form_error, run, standards_units, unit_get

CRUMB = ("行政执法“三项制度”", "/standards/systems/")
SYSTEMS = SystemDocument.System.choices


@login_required
def overview(request):
    units = standards_units(request.user)
    if q := filter_text(request):
        units = units.filter(Q(name__contains=q) | Q(short_name__contains=q))
    page = offset_page(request, units, per_page=30)
    docs: dict[tuple[int, str], dict[str, SystemDocument]] = {}
    for d in SystemDocument.objects.filter(unit__in=page.items, status__in=[VersionStatus.PUBLISHED, VersionStatus.DRAFT]):
        docs.setdefault((d.unit_id, d.system), {})[d.status] = d
    rows = [(u, [(code, docs.get((u.id, code), {})) for code, _ in SYSTEMS]) for u in page.items]
    return render(request, "standards/systems/overview.html", {
        "page": page, "rows": rows, "systems": SYSTEMS, "q": filter_text(request),
        "page_title": "行政执法“三项制度”", "breadcrumbs": [(CRUMB[0], None)],
    })


@login_required
def unit_page(request, unit_id: int):
    unit = unit_get(request.user, unit_id)
    types, max_mb = services.upload_rules(unit)
    manage = can(request.user, "standards.manage")
    form = SystemDocumentForm(request.POST or None, request.FILES or None, types=types, max_mb=max_mb,
                              initial={"system": request.GET.get("system", "")})
    if request.method == "POST" and manage and form.is_valid():
        data = form.cleaned_data
        try:
            services.system_document_upload(unit=unit, actor=request.user, system=data["system"], title=data["title"],
                                            upload=data["file"], doc_number=data["doc_number"], issued_on=data["issued_on"],
                                            note=data["note"])
        except DomainError as exc:
            if exc.status == 404:
                raise
            form_error(form, exc)
        else:
            messages.success(request, "已上传为草稿，核对无误后请公布。")
            return redirect("standards:unit_systems", unit.pk)
    docs = list(SystemDocument.objects.filter(unit=unit).select_related("created_by", "published_by").order_by("system", "-version"))
    sections = []
    for code, label in SYSTEMS:
        versions = [d for d in docs if d.system == code]
        sections.append({"code": code, "label": label, "versions": versions,
                         "published": next((d for d in versions if d.status == VersionStatus.PUBLISHED), None),
                         "draft": next((d for d in versions if d.status == VersionStatus.DRAFT), None)})
    return render(request, "standards/systems/unit.html", {
        "unit": unit, "sections": sections, "form": form, "can_manage": manage,
        "can_publish": can(request.user, "standards.publish"),
        "page_title": f"{unit.display_name} · 三项制度", "breadcrumbs": [CRUMB, (unit.name, None)],
    })


def _doc(request, doc_id: int) -> SystemDocument:
    return scope.get_visible(SystemDocument.objects.select_related("unit"), request.user, id=doc_id)


@login_required
def download(request, doc_id: int):
    doc = _doc(request, doc_id)
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=f"{doc.title}（第{doc.version}版）.{doc.extension}")


@login_required
@require_POST
def action(request, doc_id: int, action: str):
    doc = _doc(request, doc_id)
    back = reverse("standards:unit_systems", args=[doc.unit_id])
    if action == "publish":
        return run(request, lambda: services.system_document_publish(document=doc, actor=request.user),
                   success=f"“{doc.title}”第 {doc.version} 版已公布。", to=back)
    if action == "discard":
        return run(request, lambda: services.system_document_discard(document=doc, actor=request.user), success="已删除草稿。", to=back)
    return redirect(back)
