"""Helpers shared by the personnel pages."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import redirect, render

from jiandu.core import scope
from jiandu.core.errors import DomainError
from jiandu.core.views import form_error
from jiandu.organization.models import Unit


def can(user, permission: str, unit: Unit | None = None, area: str | None = None) -> bool:
    """Whether ``user`` may perform ``permission`` on ``unit`` (buttons are shown accordingly;
    the service checks again)."""
    try:
        scope.require(user, permission, unit=unit, area=area)
    except DomainError:
        return False
    return True


def managed_units(user, permission: str = "personnel.manage"):
    """Units where ``user`` may act with ``permission`` (for unit choices in forms)."""
    if not scope.has_permission(user, permission):
        return Unit.objects.none()
    units = scope.visible(Unit.objects.filter(is_active=True), user, area="personnel", unit_field="")
    kinds = (Unit.Kind.AGENCY, Unit.Kind.DEPARTMENT, Unit.Kind.TOWNSHIP)
    return units.filter(kind__in=kinds).order_by("sort_order", "path")


def submit(request, form, action: Callable[..., object], *, success: str | Callable[[object], str],
           next_url: Callable[[object], str] | str):
    """Validate ``form`` and call ``action(**cleaned_data)``; a refusal lands on the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(**form.cleaned_data)
    except DomainError as exc:
        form_error(form, exc)
        if isinstance(exc.details, list):  # a batch refused as a whole: one line per bad entry
            numbered = getattr(form, "numbered_rows", False)
            for item in exc.details:
                row = f"第{item['row']}行：" if numbered and item.get("row") else ""
                form.add_error(None, f"{row}{item.get('message', '')}")
        return None
    messages.success(request, success(result) if callable(success) else success)
    return redirect(next_url(result) if callable(next_url) else next_url)


def action_page(request, *, title: str, form, submit_label: str, breadcrumbs, officer=None, intro: str = "",
                danger: bool = False, cancel_url: str = "", multipart: bool = False, extra: dict | None = None):
    return render(request, "personnel/action_form.html", {
        "page_title": title, "form": form, "submit_label": submit_label, "breadcrumbs": breadcrumbs,
        "officer": officer, "intro": intro, "danger": danger, "cancel_url": cancel_url, "multipart": multipart,
        **(extra or {}),
    })
