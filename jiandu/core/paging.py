"""Paged lists without a COUNT(*) on every page.

``offset_page`` suits lists of hundreds or thousands of rows (reads one row more than it shows to
know whether there is a next page). ``keyset_page`` suits large tables: it continues after the last
row's ordering key, so page 1,000 costs the same as page 1.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import QueryDict


@dataclass
class Page:
    items: list[Any]
    number: int = 1
    has_next: bool = False
    has_prev: bool = False
    next_url: str | None = None
    prev_url: str | None = None
    total: int | None = None
    total_is_estimate: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _url(request, **changes) -> str:
    params: QueryDict = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return f"?{params.urlencode()}"


def offset_page(request, queryset: QuerySet, *, per_page: int = 20, count: bool = True) -> Page:
    try:
        number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    has_next = len(rows) > per_page
    page = Page(items=rows[:per_page], number=number, has_next=has_next, has_prev=number > 1)
    page.next_url = _url(request, page=number + 1) if has_next else None
    page.prev_url = _url(request, page=number - 1 if number > 2 else None) if number > 1 else None
    if count:
        page.total = queryset.count()
    return page


def _encode(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values, default=str).encode()).decode().rstrip("=")


def _decode(token: str) -> list[Any] | None:
    try:
        padded = token + "=" * (-len(token) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
        return values if isinstance(values, list) else None
    except (ValueError, json.JSONDecodeError):
        return None


def keyset_page(request, queryset: QuerySet, *, order: tuple[str, ...], per_page: int = 20) -> Page:
    """Order by ``order`` (e.g. ``("-decided_on", "-id")``; the last field must be unique) and
    continue after the ``after`` cursor in the query string."""
    qs = queryset.order_by(*order)
    cursor = _decode(request.GET.get("after", "")) if request.GET.get("after") else None
    if cursor is not None and len(cursor) == len(order):
        condition = Q()
        for i, name in enumerate(order):
            field_name = name.lstrip("-")
            op = "lt" if name.startswith("-") else "gt"
            step = Q(**{f"{field_name}__{op}": cursor[i]})
            for j in range(i):
                step &= Q(**{order[j].lstrip("-"): cursor[j]})
            condition |= step
        qs = qs.filter(condition)
    rows = list(qs[: per_page + 1])
    has_next = len(rows) > per_page
    rows = rows[:per_page]
    page = Page(items=rows, has_next=has_next, has_prev=cursor is not None)
    if has_next and rows:
        last = rows[-1]
        values = [_attr(last, name.lstrip("-")) for name in order]
        page.next_url = _url(request, after=_encode(values))
    if cursor is not None:
        page.prev_url = _url(request, after=None)  # back to the first page
    return page


def _attr(obj: Any, path: str) -> Any:
    for part in path.split("__"):
        obj = obj[part] if isinstance(obj, dict) else getattr(obj, part)
        if hasattr(obj, "pk") and not isinstance(obj, (int, str)):
            obj = obj.pk
    return obj
