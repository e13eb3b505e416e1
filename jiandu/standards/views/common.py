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
            detail = "；".join(str(v) for k, v in exc.details.items() if isinstance(v, str) and k not in ("domain", "legal_reference"))
        messages.error(request, exc.message if not detail or detail in exc.message else f"{exc.message}{detail}")
        return redirect(back or (to(None) if callable(to) else to))
    messages.success(request, success)
    return redirect(to(result) if callable(to) else to)


def filter_text(request, name: str = "q", max_length: int = 60) -> str:
    return (request.GET.get(name) or "").strip()[:max_length]
