"""Small presentation helpers of the case pages."""

from __future__ import annotations

from django import template

from jiandu.cases import rules

register = template.Library()

STATUS_CSS = {
    "filed": "info", "accepted": "info", "investigating": "info", "examining": "info", "inspecting": "info",
    "notified": "info", "hearing": "warn", "legal_review": "warn", "decided": "ok", "served": "ok", "executing": "ok",
    "closed": "muted", "terminated": "muted",
}
DEADLINE_CSS = {"open": "info", "overdue": "danger", "done": "ok", "cancelled": "muted"}
LEVEL = {"ok": ("ok", "check-circle-fill", "通过"), "info": ("info", "info-circle-fill", "提示"),
         "warn": ("warn", "exclamation-triangle-fill", "请核实"), "fail": ("danger", "x-octagon-fill", "不符合")}


@register.filter
def status_css(status: str) -> str:
    return STATUS_CSS.get(status, "muted")


@register.filter
def deadline_css(status: str) -> str:
    return DEADLINE_CSS.get(status, "muted")


@register.filter
def penalty_labels(codes) -> str:
    return "、".join(rules.PENALTY_LABELS.get(c, c) for c in codes or ())


@register.filter
def level_css(level: str) -> str:
    return LEVEL.get(level, LEVEL["info"])[0]


@register.filter
def level_icon(level: str) -> str:
    return LEVEL.get(level, LEVEL["info"])[1]


@register.filter
def level_label(level: str) -> str:
    return LEVEL.get(level, LEVEL["info"])[2]


@register.filter
def action_label(action: str) -> str:
    return {"file": "立案"}.get(action) or rules.ACTION_LABELS.get(action, action)


@register.filter
def filesize(n) -> str:
    n = int(n or 0)
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"
