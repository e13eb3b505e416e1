"""Small display helpers of the supervision pages: status colours, deadlines, masking."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from jiandu.core import masking

register = template.Library()

_STATUS = {
    # done / closed
    "replied": "ok", "closed": "ok", "published": "ok", "responded": "ok", "scored": "ok", "concluded": "ok",
    "appointed": "ok",
    # waiting for someone else
    "submitted": "info", "handled": "info", "accepted": "info", "drawn": "info", "in_progress": "info",
    "ongoing": "info", "self_review": "info", "assigned": "info",
    # the clock runs on the holder
    "received": "warn", "open": "warn", "issued": "warn", "planned": "muted", "pending": "muted",
    # refused / sent back / ended
    "rejected": "muted", "returned": "danger", "dismissed": "muted",
}


@register.filter
def status_class(status: str) -> str:
    return f"jd-status-{_STATUS.get(status, 'muted')}"


@register.simple_tag
def status_badge(obj, field: str = "status"):
    value = getattr(obj, field)
    label = getattr(obj, f"get_{field}_display")()
    return format_html('<span class="jd-status {}">{}</span>', status_class(value), label)


@register.simple_tag
def due(due_on: date | None, today: date, is_open: bool = True):
    """A deadline with its state: overdue in red, due within three days in amber."""
    if due_on is None:
        return mark_safe('<span class="text-secondary">—</span>')
    text = f"{due_on:%Y-%m-%d}"
    if not is_open:
        return format_html('<span class="text-secondary">{}</span>', text)
    days = (due_on - today).days
    if days < 0:
        return format_html('<span class="text-danger fw-semibold">{}</span> <span class="jd-status jd-status-danger">逾期</span>', text)
    if days <= 3:
        return format_html('<span class="text-warning-emphasis fw-semibold">{}</span> <span class="jd-status jd-status-warn">临近</span>', text)
    return text


@register.filter
def mask_phone(value: str) -> str:
    return masking.mask_phone(value) if value else ""


@register.filter
def get(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None
