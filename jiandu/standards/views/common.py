"""Helpers shared by the standards pages: the units a user may work on, posting to a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.shortcuts import redirect

from jiandu.core import scope
from jiandu.core.errors import DomainError
from jiandu.organization.models import Unit


def standards_units(user, *, enforcement_only: bool = True) -> QuerySet[Unit]:
    """Units whose standards the user may see (their own, below it, or the whole jurisdiction)."""
    qs = Unit.objects.filter(is_active=True)
    if enforcement_only:
        qs = qs.filter(is_enforcement_unit=True)
    return scope.visible(qs, user, area="standards").order_by("sort_order", "id")


def unit_get(user, unit_id) -> Unit:
    """One unit in the user's standards scope, or 404 (same as missing)."""
    return scope.get_visible(Unit.objects.all(), user, area="standards", id=unit_id)


def can(user, permission: str) -> bool:
    return scope.has_permission(user, permission)


def run(request, action: Callable[[], Any], *, success: str, to: str | Callable[[Any], str], back: str | None = None):
    """POST handler body: call one service, then go to ``to`` (a URL, or a function of the
    service's result). A refusal shows its Chinese message and goes ``back`` (default: ``to``)."""
    try:
        result = action()
    except DomainError as exc:
        if exc.status == 404:
            raise
        detail = ""
        if isinstance(exc.details, dict):
            detail = "；".join(str(v) for v in exc.details.values() if isinstance(v, str))
        messages.error(request, exc.message if not detail or detail in exc.message else f"{exc.message}{detail}")
        return redirect(back or (to(None) if callable(to) else to))
    messages.success(request, success)
    return redirect(to(result) if callable(to) else to)


def form_error(form, exc: DomainError) -> None:
    """Put a service refusal onto the form: on the fields it names, and once at the top unless a
    field already says the same thing (the core helper repeats it)."""
    shown: set[str] = set()
    if isinstance(exc.details, dict):
        for field, message in exc.details.items():
            text = message if isinstance(message, str) else "；".join(map(str, message))
            if field in form.fields:
                form.add_error(field, text)
            else:
                form.add_error(None, text)
            shown.add(text)
    if exc.message not in shown and not (shown and exc.code == "invalid_input"):
        form.add_error(None, exc.message)


def filter_text(request, name: str = "q", max_length: int = 60) -> str:
    return (request.GET.get(name) or "").strip()[:max_length]


def catalogue_overview(request, *, model, count_field: str, unit_url: str, list_url: str, title: str, noun: str,
                       template: str = "standards/catalogue_overview.html", extra: dict | None = None):
    """The units × (published version, draft) table shared by item lists, four lists and benchmarks."""
    from django.db.models import Count, Q
    from django.shortcuts import render

    from jiandu.core.paging import offset_page
    from jiandu.standards.models import VersionStatus

    units = standards_units(request.user)
    q = filter_text(request)
    if q:
        units = units.filter(Q(name__contains=q) | Q(short_name__contains=q))
    related = model._meta.get_field("unit").remote_field.related_name
    state = request.GET.get("state", "")
    if state == "missing":
        units = units.exclude(**{f"{related}__status": VersionStatus.PUBLISHED})
    elif state == "draft":
        units = units.filter(**{f"{related}__status": VersionStatus.DRAFT})
    page = offset_page(request, units, per_page=30)
    versions: dict[int, dict[str, object]] = {}
    for row in (model.objects.filter(unit_id__in=[u.id for u in page.items], status__in=[VersionStatus.PUBLISHED, VersionStatus.DRAFT])
                .annotate(n=Count(count_field))):
        versions.setdefault(row.unit_id, {})[row.status] = row
    rows = [(u, versions.get(u.id, {}).get("published"), versions.get(u.id, {}).get("draft")) for u in page.items]
    return render(request, template, {
        "page": page, "rows": rows, "q": q, "state": state, "unit_url": unit_url, "list_url": list_url, "noun": noun,
        "page_title": title, "breadcrumbs": [(title, None)], **(extra or {}),
    })


def unit_catalogue(request, *, model, unit_id: int, list_url: str, title: str, crumb: tuple[str, str],
                   template: str, extra: dict | None = None):
    """A unit's catalogue: its draft for those who edit it, else its published version, else an
    empty page offering to start one."""
    from django.shortcuts import render

    from jiandu.standards.models import VersionStatus

    unit = unit_get(request.user, unit_id)
    lists = {c.status: c for c in model.objects.filter(unit=unit, status__in=[VersionStatus.DRAFT, VersionStatus.PUBLISHED])}
    preferred = lists.get(VersionStatus.DRAFT) if can(request.user, "standards.manage") else None
    target = preferred or lists.get(VersionStatus.PUBLISHED) or lists.get(VersionStatus.DRAFT)
    if target is not None:
        return redirect(list_url, target.pk)
    return render(request, template, {
        "unit": unit, "can_manage": can(request.user, "standards.manage"),
        "page_title": f"{unit.display_name} · {title}", "breadcrumbs": [crumb, (unit.name, None)], **(extra or {}),
    })
