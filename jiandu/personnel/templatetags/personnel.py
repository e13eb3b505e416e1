"""Small display helpers for personnel pages: status badges, hours, masking."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from jiandu.core import masking
from jiandu.personnel import rules

register = template.Library()

CERT_TONES = {rules.VALID: "ok", rules.SUSPENDED: "warn", rules.REVOKED: "danger", rules.CANCELLED: "muted",
              rules.EXPIRED: "muted", rules.NONE: "muted"}
APP_TONES = {rules.ISSUED: "ok", rules.REFUSED: "danger", rules.EXAM_FAILED: "danger", rules.WITHDRAWN: "muted",
             rules.AWAITING_ISSUE: "warn", rules.EXAM_PENDING: "warn"}


@register.simple_tag
def cert_badge(status: str | None):
    status = status or rules.NONE
    label = dict(rules.STATUS_LABELS).get(status, status)
    return format_html('<span class="jd-status jd-status-{}" data-cert-status="{}">{}</span>',
                       CERT_TONES.get(status, "muted"), status, label)


@register.simple_tag
def app_badge(status: str):
    return format_html('<span class="jd-status jd-status-{}">{}</span>', APP_TONES.get(status, "info"),
                       rules.APPLICATION_STATUS_LABELS.get(status, status))


@register.filter
def hours(value) -> str:
    if value in (None, ""):
        return "0"
    return rules.format_hours(value)


@register.filter
def mask_id(value: str) -> str:
    return masking.mask_id_number(value or "")


@register.filter
def seat_label(value: str) -> str:
    return rules.SEAT_LABELS.get(value, value)


@register.filter
def grade_tone(value: str) -> str:
    return {rules.EXCELLENT: "ok", rules.COMPETENT: "info", rules.BASICALLY_COMPETENT: "warn",
            rules.INCOMPETENT: "danger"}.get(value, "muted")


@register.filter
def percent_of(value, total) -> int:
    try:
        return max(0, min(100, int(float(value) * 100 / float(total))))
    except (TypeError, ValueError, ZeroDivisionError):
        return 0
